// Turns findings into policy violations, and keeps any failure inside the policy.

import type { ReportViolation } from "@pulumi/policy";
import type { Language } from "../rules/config";
import type { Finding } from "../rules/findings";
import { renderFinding } from "../rules/messages";
import { internalErrorFinding } from "../rules/run-policies";

// At run time @pulumi/policy also accepts an object, whose enforcementLevel overrides the
// policy's (server.ts makeReportViolationFun); its type declarations only show the string form.
interface ViolationObject {
  message: string;
  urn?: string;
  enforcementLevel?: "advisory";
}

export function reportFindings(reportViolation: ReportViolation, findings: readonly Finding[], language: Language): void {
  const report = reportViolation as unknown as (violation: ViolationObject) => void;
  for (const finding of findings) {
    if (finding.waivedBy) continue;
    const violation: ViolationObject = { message: renderFinding(finding, language), urn: finding.resource.urn || undefined };
    if (finding.level === "advisory") violation.enforcementLevel = "advisory";
    report(violation);
  }
}

/**
 * Runs a policy body; an unexpected error becomes a blocking violation (the same internal-error
 * finding the command-line tool reports) instead of a gRPC failure that aborts the deployment.
 */
export function failClosed(
  reportViolation: ReportViolation,
  policy: string,
  resource: { urn: string; name: string; type: string },
  body: () => void,
): void {
  try {
    body();
  } catch (error) {
    reportFindings(reportViolation, [internalErrorFinding(policy, resource, error)], "en");
  }
}
