// Adapter: rule icp-filing-required as a @pulumi/policy resource policy.

import type { ResourceValidationPolicy } from "@pulumi/policy";
import { FilingRequiredConfigSchema, policyConfigSchema } from "../rules/config";
import { appliesTo, invalidConfigFindings, prepareFilingRule } from "../rules/filing-required";
import { FILING_REQUIRED_METADATA as META } from "../rules/policy-metadata";
import { isoDay } from "../rules/waivers";
import { failClosed, memoiseByFields, reportFindings } from "./report";
import { isDryRun } from "./request-context";
import { viewFromValidationArgs } from "./resource-view";

// Keyed by day too, so a long-running pack still expires waivers.
const prepare = memoiseByFields((properties) => ({ day: isoDay(new Date()), rule: prepareFilingRule(properties, isoDay(new Date())) }));

function preparedRule(properties: Record<string, unknown>) {
  let prepared = prepare(properties);
  if (prepared.day !== isoDay(new Date())) prepared = prepare({ ...properties });
  return prepared.rule;
}

export const filingRequiredPolicy: ResourceValidationPolicy = {
  name: META.name,
  displayName: META.displayName,
  description: META.description,
  enforcementLevel: META.defaultLevel,
  severity: META.severity,
  remediationSteps: META.remediation,
  url: META.url,
  configSchema: policyConfigSchema(FilingRequiredConfigSchema),
  validateResource: (args, reportViolation) => {
    if (!appliesTo(args.type)) return;
    failClosed(reportViolation, args.urn, () => {
      const rule = preparedRule(args.getConfig<Record<string, unknown>>());
      const view = viewFromValidationArgs(args);
      const findings = rule.ok ? rule.evaluate(view, isDryRun(), process.env) : invalidConfigFindings(view, rule.problems);
      reportFindings(reportViolation, findings, rule.language);
    });
  },
};
