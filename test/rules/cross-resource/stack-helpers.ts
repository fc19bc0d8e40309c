// Helpers for stack-policy tests: a case's resources as the views AnalyzeStack gives, with the
// engine's property dependencies turned from resource names into URNs.

import { stackFilingRequiredDefinition } from "../../../rules/cross-resource/stack-policy";
import type { Finding } from "../../../rules/findings";
import type { ResourceView } from "../../../rules/view";
import type { CaseResource } from "../../fixtures/catalogue-cases";
import { TODAY, viewOf } from "../rule-helpers";

export function stackViews(resources: readonly CaseResource[]): ResourceView[] {
  const urnOf = new Map(resources.map((resource) => [resource.name, viewOf(resource).urn]));
  return resources.map((resource) => {
    const view = viewOf(resource);
    const propertyDependencies: Record<string, string[]> = {};
    for (const [property, names] of Object.entries(resource.dependsOn ?? {})) {
      propertyDependencies[property] = names.map((name) => {
        const urn = urnOf.get(name);
        if (!urn) throw new Error(`${resource.name} depends on ${name}, which is not in the stack`);
        return urn;
      });
    }
    return { ...view, propertyDependencies, dependencies: Object.values(propertyDependencies).flat() };
  });
}

export function runStackPolicy(
  resources: readonly CaseResource[],
  config: Record<string, unknown> = {},
  options: { dryRun?: boolean; env?: Record<string, string> } = {},
): Finding[] {
  const rule = stackFilingRequiredDefinition.prepare(config, TODAY);
  if (!rule.ok) throw new Error(`bad test config: ${rule.problems.join("; ")}`);
  return rule.policy.evaluateStack!(stackViews(resources), { dryRun: options.dryRun ?? true, env: options.env ?? {} });
}
