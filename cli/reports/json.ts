// The machine-readable report, `--format json`. Its shape is versioned by `schemaVersion` and
// described in schemas/icpguard-check-report.schema.json: fields are only ever added within a version.

import { blockingItems, blocks, countByLevel, type CheckReport } from "./report";

export const JSON_REPORT_SCHEMA_VERSION = 1;

export function jsonReport(report: CheckReport): string {
  const counts = countByLevel(report);
  const blocked = blockingItems(report).length > 0;
  const document = {
    schemaVersion: JSON_REPORT_SCHEMA_VERSION,
    tool: report.tool,
    input: {
      name: report.input.name,
      format: report.input.format,
      dryRun: report.input.dryRun,
      resources: report.input.resources,
    },
    verdictsFrom: report.verdictsFrom,
    failOn: report.failOn,
    outcome: blocked ? "blocked" : "passed",
    summary: {
      checks: report.checked.length,
      resourcesChecked: new Set(report.checked.map((pair) => pair.urn)).size,
      mandatory: counts.mandatory,
      advisory: counts.advisory,
      waived: report.waivedCount,
      blocking: blockingItems(report).length,
    },
    policies: report.policies.map((policy) => ({
      name: policy.name,
      displayName: policy.displayName,
      enforcementLevel: policy.enforcementLevel,
      severity: policy.severity,
      description: policy.description,
      remediation: policy.remediation,
      url: policy.url,
    })),
    verdicts: report.items.map((item) => ({
      policy: item.policy,
      enforcementLevel: item.level,
      blocking: blocks(item, report.failOn),
      waived: item.waived,
      urn: item.urn,
      resource: { name: item.resourceName, type: item.resourceType },
      message: item.message,
      ...(item.kind !== undefined ? { kind: item.kind } : {}),
      ...(item.domain !== undefined ? { domain: item.domain } : {}),
      ...(item.hostname !== undefined ? { hostname: item.hostname } : {}),
      ...(item.waiver ? { waiver: item.waiver } : {}),
    })),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
