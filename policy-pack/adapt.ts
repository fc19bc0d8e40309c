// Adapter: an icpguard PolicyDefinition as a @pulumi/policy resource or stack policy.

import type { ReportViolation, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { policyConfigSchema } from "../rules/config";
import type { EvaluationOptions, PolicyDefinition, PreparedOrProblems } from "../rules/policy-definition";
import { evaluateDefinition, evaluateResourceView } from "../rules/run-policies";
import { utcDay } from "../rules/waivers";
import { collectGarbageSoon, isLargeConfig } from "./heap";
import { failClosed, reportFindings } from "./report";
import { currentConfigGeneration, isDryRun } from "./request-context";
import { viewFromPolicyResource, viewFromValidationArgs } from "./resource-view";

// One options object per mode: the rules key what they derive from a view by its env.
const PREVIEW: EvaluationOptions = { dryRun: true, env: process.env };
const UPDATE: EvaluationOptions = { dryRun: false, env: process.env };

function evaluationOptions(): EvaluationOptions {
  return isDryRun() ? PREVIEW : UPDATE;
}

/**
 * Validates config once per config and day. getConfig() copies the properties on every call, so
 * it is skipped while the Configure hook says the config is unchanged, and its fields are
 * compared otherwise; a new UTC day prepares again so waivers expire in a long run.
 */
function preparer(definition: PolicyDefinition): (getConfig: () => Record<string, unknown>) => PreparedOrProblems {
  let cached: { day: string; generation: number | undefined; fields: [string, unknown][]; prepared: PreparedOrProblems } | undefined;
  return (getConfig) => {
    const day = utcDay();
    const generation = currentConfigGeneration();
    if (cached && cached.day === day && generation !== undefined && cached.generation === generation) return cached.prepared;
    const properties = getConfig() ?? {};
    const fields = Object.entries(properties);
    if (cached && cached.day === day && sameFields(cached.fields, fields)) {
      cached.generation = generation;
      return cached.prepared;
    }
    cached = { day, generation, fields, prepared: definition.prepare(properties, day) };
    if (isLargeConfig(properties)) collectGarbageSoon();
    return cached.prepared;
  };
}

function sameFields(a: readonly [string, unknown][], b: readonly [string, unknown][]): boolean {
  return a.length === b.length && a.every(([key, value], i) => b[i][0] === key && b[i][1] === value);
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
          const rule = prepared(() => args.getConfig<Record<string, unknown>>());
          const findings = evaluateResourceView(definition, rule, viewFromValidationArgs(args), evaluationOptions());
          reportFindings(reportViolation, findings, rule.ok ? rule.policy.language : rule.language);
        });
      },
    };
  }
  return {
    ...base,
    validateStack: (args, reportViolation: ReportViolation) => {
      failClosed(reportViolation, meta.name, { urn: "", name: "", type: "" }, () => {
        const rule = prepared(() => args.getConfig<Record<string, unknown>>());
        const findings = evaluateDefinition(definition, rule, args.resources.map(viewFromPolicyResource), evaluationOptions());
        reportFindings(reportViolation, findings, rule.ok ? rule.policy.language : rule.language);
      });
    },
  };
}
