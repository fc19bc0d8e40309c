// Builds an advisory's PolicyDefinition from its metadata, config schema and evaluation, so each
// advisory module holds only its own rule.

import type { z } from "zod";
import { parseConfig, type Language } from "../config";
import { languageOf } from "../filing-required";
import type { Finding, FindingDetail, ResourceRef } from "../findings";
import type { EvaluationOptions, PolicyDefinition } from "../policy-definition";
import type { PolicyMetadata } from "../policy-metadata";
import type { ResourceView } from "../view";

export const ADVISORY_DOCS = "https://github.com/icpguard/icpguard/blob/main/rules/advisories/README.md";

export type AdvisoryEvaluation =
  | { kind: "resource"; evaluateResource(view: ResourceView, options: EvaluationOptions): Finding[] }
  | { kind: "stack"; evaluateStack(views: readonly ResourceView[], options: EvaluationOptions): Finding[] };

export interface AdvisorySpec<Config extends { language: Language }> {
  metadata: PolicyMetadata;
  kind: "resource" | "stack";
  configSchema: z.ZodType<Config>;
  appliesTo(type: string): boolean;
  /** Builds the evaluator from a valid config; `today` is an ISO date (YYYY-MM-DD). */
  build(config: Config, today: string): AdvisoryEvaluation;
}

export function advisoryDefinition<Config extends { language: Language }>(spec: AdvisorySpec<Config>): PolicyDefinition {
  return {
    metadata: spec.metadata,
    kind: spec.kind,
    configSchema: spec.configSchema,
    appliesTo: spec.appliesTo,
    prepare(properties, today) {
      const parsed = parseConfig(spec.configSchema, properties);
      if (!parsed.ok) return { ok: false, language: languageOf(properties), problems: parsed.problems };
      const evaluation = spec.build(parsed.config, today);
      if (evaluation.kind !== spec.kind) throw new Error(`${spec.metadata.name} is a ${spec.kind} policy`);
      return evaluation.kind === "resource"
        ? { ok: true, policy: { language: parsed.config.language, evaluateResource: evaluation.evaluateResource } }
        : { ok: true, policy: { language: parsed.config.language, evaluateStack: evaluation.evaluateStack } };
    },
  };
}

export function resourceRef(view: Pick<ResourceView, "urn" | "name" | "type">): ResourceRef {
  return { urn: view.urn, name: view.name, type: view.type };
}

/** A finding at the policy's own level: advisory by default, mandatory when the user says so. */
export function findingAtPolicyLevel(policy: string, view: Pick<ResourceView, "urn" | "name" | "type">, detail: FindingDetail): Finding {
  return { policy, level: "blocking", resource: resourceRef(view), ...detail };
}
