// SARIF 2.1.0 for GitHub code scanning and other SARIF readers: one rule per policy (with its
// fix and documentation link), one result per verdict at the resource's URN, and fingerprints
// that stay the same from run to run so an alert is not reopened for the same finding.

import { createHash } from "node:crypto";
import type { CheckReport, PolicyInEffect, ReportItem } from "./report";

const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
const FINGERPRINT_KEY = "icpguardVerdict/v1";
const INFORMATION_URI = "https://github.com/icpguard/icpguard";

export interface SarifOptions {
  /**
   * Repository file (relative to the repository root) results are attached to, since a resource
   * has no line of code; GitHub code scanning shows results only at a file.
   */
  artifactUri?: string;
}

function levelOf(enforcementLevel: string): "error" | "warning" | "none" {
  if (enforcementLevel === "advisory") return "warning";
  return enforcementLevel === "disabled" ? "none" : "error";
}

function rule(policy: PolicyInEffect) {
  return {
    id: policy.name,
    name: policy.name
      .split("-")
      .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
      .join(""),
    shortDescription: { text: policy.displayName },
    fullDescription: { text: policy.description },
    help: {
      text: `${policy.remediation}\n\nMore: ${policy.url}`,
      markdown: `**How to fix:** ${policy.remediation}\n\n[Documentation](${policy.url})`,
    },
    helpUri: policy.url,
    defaultConfiguration: { level: levelOf(policy.enforcementLevel), enabled: policy.enforcementLevel !== "disabled" },
    properties: { tags: ["icp", "compliance", "china"], severity: policy.severity },
  };
}

/** Same finding, same fingerprint: the policy, the resource and what it is about, never the wording. */
function fingerprintSource(item: ReportItem): string {
  const subject = item.kind !== undefined ? `${item.kind}\u0000${item.hostname ?? item.domain ?? ""}` : item.message;
  return `${item.policy}\u0000${item.urn}\u0000${subject}`;
}

export function sarifReport(report: CheckReport, options: SarifOptions = {}): string {
  const ruleIndex = new Map(report.policies.map((policy, index) => [policy.name, index]));
  const seen = new Map<string, number>();
  const results = report.items.map((item) => {
    const base = createHash("sha256").update(fingerprintSource(item)).digest("hex");
    const repeat = (seen.get(base) ?? 0) + 1;
    seen.set(base, repeat);
    const location: Record<string, unknown> = {};
    if (options.artifactUri) {
      location.physicalLocation = { artifactLocation: { uri: options.artifactUri }, region: { startLine: 1 } };
    }
    if (item.urn !== "") {
      location.logicalLocations = [{ name: item.resourceName, fullyQualifiedName: item.urn, kind: "resource" }];
    }
    const result: Record<string, unknown> = {
      ruleId: item.policy,
      level: levelOf(item.level),
      message: { text: item.message },
      locations: Object.keys(location).length > 0 ? [location] : [],
      partialFingerprints: { [FINGERPRINT_KEY]: repeat === 1 ? base : `${base}:${repeat}` },
      properties: {
        enforcementLevel: item.level,
        resourceType: item.resourceType,
        ...(item.domain !== undefined ? { domain: item.domain } : {}),
      },
    };
    const index = ruleIndex.get(item.policy);
    if (index !== undefined) result.ruleIndex = index;
    if (item.waived) {
      result.suppressions = [
        { kind: "external", status: "accepted", justification: item.waiver ? `${item.waiver.reason} (until ${item.waiver.expires})` : "waived" },
      ];
    }
    return result;
  });
  const document = {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: report.tool.name,
            version: report.tool.version,
            semanticVersion: report.tool.version,
            informationUri: INFORMATION_URI,
            rules: report.policies.map(rule),
          },
        },
        results,
      },
    ],
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
