// Adapter: an icpguard PolicyDefinition as a @pulumi/policy resource or stack policy.

import type { ReportViolation, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { policyConfigSchema } from "../rules/config";
import type { EvaluationOptions, PolicyDefinition, PreparedOrProblems } from "../rules/policy-definition";
import { evaluateDefinition } from "../rules/run-policies";
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
        failClosed(reportViolation, meta.name, args, () => {
          const rule = prepared(args.getConfig<Record<string, unknown>>());
          const findings = evaluateDefinition(definition, rule, [viewFromValidationArgs(args)], evaluationOptions());
          reportFindings(reportViolation, findings, rule.ok ? rule.policy.language : rule.language);
        });
      },
    };
  }
  return {
    ...base,
    validateStack: (args, reportViolation: ReportViolation) => {
      failClosed(reportViolation, meta.name, { urn: "", name: "", type: "" }, () => {
        const rule = prepared(args.getConfig<Record<string, unknown>>());
        const findings = evaluateDefinition(definition, rule, args.resources.map(viewFromPolicyResource), evaluationOptions());
        reportFindings(reportViolation, findings, rule.ok ? rule.policy.language : rule.language);
      });
    },
  };
}
