// The shape every icpguard policy has, so the pack adapter and the command-line tool run
// them all the same way: validate config once, then evaluate resources or the whole stack.

import type { z } from "zod";
import type { Language } from "./config";
import type { Finding } from "./findings";
import type { Environment } from "./location";
import type { PolicyMetadata } from "./policy-metadata";
import type { ResourceView } from "./view";

export interface EvaluationOptions {
  /** Preview (unknown values give advisories) or update (they block). */
  dryRun: boolean;
  /** The deploying process's environment: provider region variables only. */
  env: Environment;
}

export interface PreparedPolicy {
  language: Language;
  /** Resource policies: findings for one resource. */
  evaluateResource?(view: ResourceView, options: EvaluationOptions): Finding[];
  /** Stack policies: findings over every resource of the stack. */
  evaluateStack?(views: readonly ResourceView[], options: EvaluationOptions): Finding[];
}

export type PreparedOrProblems =
  | { ok: true; policy: PreparedPolicy }
  | { ok: false; language: Language; problems: string[] };

export interface PolicyDefinition {
  metadata: PolicyMetadata;
  kind: "resource" | "stack";
  /** Validates the policy's properties at run time; its JSON Schema is published to the engine. */
  configSchema: z.ZodType;
  /** A cheap type filter, so the pack skips unrelated resources without reading them. */
  appliesTo(type: string): boolean;
  prepare(properties: unknown, today: string): PreparedOrProblems;
}

/** What to report when the config is invalid: one blocking finding per resource checked. */
export function invalidConfigFinding(policy: string, view: Pick<ResourceView, "urn" | "name" | "type">, problems: string[]): Finding {
  return {
    policy,
    level: "blocking",
    resource: { urn: view.urn, name: view.name, type: view.type },
    kind: "invalid-config",
    problems,
  };
}
