// Adapter: an icpguard PolicyDefinition as a @pulumi/policy resource or stack policy.

import type { ReportViolation, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { policyConfigSchema } from "../rules/config";
import type { Finding } from "../rules/findings";
import { invalidConfigFinding, type EvaluationOptions, type PolicyDefinition, type PreparedOrProblems } from "../rules/policy-definition";
import { isoDay } from "../rules/waivers";
import { failClosed, memoiseByFields, reportFindings } from "./report";
import { isDryRun } from "./request-context";
import { viewFromPolicyResource, viewFromValidationArgs } from "./resource-view";

function evaluationOptions(): EvaluationOptions {
  return { dryRun: isDryRun(), env: process.env };
}

/** Validates config once per config object and day (a long-running pack still expires waivers). */
function preparer(definition: PolicyDefinition): (properties: Record<string, unknown>) => PreparedOrProblems {
  const prepare = memoiseByFields((properties) => {
    const day = isoDay(new Date());
    return { day, prepared: definition.prepare(properties, day) };
  });
  return (properties) => {
    let current = prepare(properties);
    if (current.day !== isoDay(new Date())) current = prepare({ ...properties });
    return current.prepared;
  };
}

export function toPulumiPolicy(definition: PolicyDefinition): ResourceValidationPolicy | StackValidationPolicy {
  const meta = definition.metadata;
  const base = {
    name: meta.name,
    displayName: meta.displayName,
    description: meta.description,
    enforcementLevel: meta.defaultLevel,
    severity: meta.severity,
    remediationSteps: meta.remediation,
    url: meta.url,
    configSchema: policyConfigSchema(definition.configSchema),
  };
  const prepared = preparer(definition);

  if (definition.kind === "resource") {
    return {
      ...base,
      validateResource: (args, reportViolation: ReportViolation) => {
        if (!definition.appliesTo(args.type)) return;
        failClosed(reportViolation, args.urn, () => {
          const rule = prepared(args.getConfig<Record<string, unknown>>());
          const view = viewFromValidationArgs(args);
          const findings: Finding[] = rule.ok
            ? rule.policy.evaluateResource?.(view, evaluationOptions()) ?? []
            : [invalidConfigFinding(meta.name, view, rule.problems)];
          reportFindings(reportViolation, findings, rule.ok ? rule.policy.language : rule.language);
        });
      },
    };
  }
  return {
    ...base,
    validateStack: (args, reportViolation: ReportViolation) => {
      failClosed(reportViolation, undefined, () => {
        const rule = prepared(args.getConfig<Record<string, unknown>>());
        const views = args.resources.map(viewFromPolicyResource);
        const findings: Finding[] = rule.ok
          ? rule.policy.evaluateStack?.(views, evaluationOptions()) ?? []
          : views.filter((view) => definition.appliesTo(view.type)).map((view) => invalidConfigFinding(meta.name, view, rule.problems));
        reportFindings(reportViolation, findings, rule.ok ? rule.policy.language : rule.language);
      });
    },
  };
}
