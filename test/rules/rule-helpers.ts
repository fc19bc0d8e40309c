// Shared helpers for rule tests: build views the way the pack does, run the rule, summarise.

import { filingRequiredDefinition } from "../../rules/filing-required";
import type { Finding } from "../../rules/findings";
import { fromWireObject, type ResourceView } from "../../rules/view";
import type { CaseResource } from "../fixtures/catalogue-cases";

export const TODAY = "2026-11-23";

export function viewOf(resource: CaseResource, stack = "dev", project = "shop"): ResourceView {
  return {
    urn: `urn:pulumi:${stack}::${project}::${resource.type}::${resource.name}`,
    name: resource.name,
    type: resource.type,
    props: fromWireObject(resource.properties),
    provider: resource.provider
      ? {
          type: `pulumi:providers:${resource.provider.pkg}`,
          name: resource.provider.name,
          urn: `urn:pulumi:${stack}::${project}::pulumi:providers:${resource.provider.pkg}::${resource.provider.name}`,
          props: fromWireObject(resource.provider.properties),
        }
      : undefined,
  };
}

export function runRule(
  resource: CaseResource,
  config: Record<string, unknown> = {},
  options: { dryRun?: boolean; env?: Record<string, string> } = {},
): Finding[] {
  const rule = filingRequiredDefinition.prepare(config, TODAY);
  if (!rule.ok) throw new Error(`bad test config: ${rule.problems.join("; ")}`);
  return rule.policy.evaluateResource!(viewOf(resource), { dryRun: options.dryRun ?? true, env: options.env ?? {} });
}

/** kind, level and hostname of each reported (not waived) finding. */
export function summarise(findings: Finding[]) {
  return findings
    .filter((finding) => !finding.waivedBy)
    .map((finding) => ({
      kind: finding.kind,
      level: finding.level,
      ...(finding.kind === "unfiled" ? { hostname: finding.hostname } : {}),
    }));
}
