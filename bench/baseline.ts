// Keeps the baseline pack declaring exactly the real pack's policies, so the two never drift.

import { readFileSync, renameSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import type { AnalyzerInfo } from "../harness";
import { BASELINE_PACK_DIR, BASELINE_POLICIES_FILE } from "./paths";

/** What the baseline's index.js reads: the real pack's name, policies and initial config. */
export interface BaselineDeclaration {
  name: string;
  policies: {
    name: string;
    displayName?: string;
    description: string;
    enforcementLevel: string;
    severity?: string;
    policyType: string;
    remediationSteps?: string;
    url?: string;
    configSchema?: { properties: Record<string, unknown>; required: string[] };
  }[];
  initialConfig: Record<string, Record<string, unknown>>;
}

export function baselineDeclaration(info: AnalyzerInfo): BaselineDeclaration {
  return {
    name: info.name,
    policies: info.policies.map((policy) => ({
      name: policy.name,
      displayName: policy.displayName || undefined,
      description: policy.description,
      enforcementLevel: policy.enforcementLevel,
      severity: policy.severity === "unspecified" ? undefined : policy.severity,
      policyType: policy.policyType,
      remediationSteps: policy.remediationSteps,
      url: policy.url,
      configSchema: policy.configSchema,
    })),
    initialConfig: Object.fromEntries(
      Object.entries(info.initialConfig).map(([name, entry]) => [name, { ...entry.properties, enforcementLevel: entry.enforcementLevel }]),
    ),
  };
}

/**
 * Writes the baseline's policies.json from the real pack's GetAnalyzerInfo. Throws when the
 * baseline's package.json has another version: @pulumi/policy reads it into every diagnostic.
 */
export function writeBaselinePolicies(info: AnalyzerInfo): void {
  const manifest = JSON.parse(readFileSync(path.join(BASELINE_PACK_DIR, "package.json"), "utf8")) as { version?: string };
  if (manifest.version !== info.version) {
    throw new Error(`bench/baseline-pack/package.json has version ${manifest.version}; set it to the pack's version ${info.version}`);
  }
  // Written aside and renamed, so a pack starting at the same moment never reads half a file.
  const temporary = `${BASELINE_POLICIES_FILE}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(baselineDeclaration(info), null, 2)}\n`);
  renameSync(temporary, BASELINE_POLICIES_FILE);
}
