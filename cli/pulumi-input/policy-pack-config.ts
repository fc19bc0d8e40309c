// Reads a `--policy-pack-config` file the way the Pulumi engine does before it configures the
// pack: per policy a level string or `{enforcementLevel, …properties}`, and "all" setting the
// level of every policy (a policy's own level wins). Only the structure is checked here; the
// properties are validated by each policy, which fails closed on invalid ones, as in the pack.

import { POLICIES } from "../../rules/policies";
import type { PolicyDefinition } from "../../rules/policy-definition";
import { ENFORCEMENT_LEVELS, isEnforcementLevel, type PolicyConfig } from "../../rules/run-policies";

export interface PolicyPackConfigReading {
  config: PolicyConfig;
  /** Things the engine accepts but that do nothing (stderr). */
  warnings: string[];
}

export type ParsedPolicyPackConfig = { ok: true; reading: PolicyPackConfigReading } | { ok: false; message: string };

const ALL = "all";

export function parsePolicyPackConfig(text: string, policies: readonly PolicyDefinition[] = POLICIES): ParsedPolicyPackConfig {
  const fail = (message: string): ParsedPolicyPackConfig => ({ ok: false, message });
  // The engine reads an empty file as no config.
  if (text.trim() === "") return { ok: true, reading: { config: {}, warnings: [] } };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return fail(`not valid JSON: ${(error as Error).message}`);
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    return fail('expected a JSON object with one entry per policy, e.g. {"icp-filing-required": {"filings": [...]}}');
  }
  return readEntries(raw as Record<string, unknown>, policies);
}

function readEntries(raw: Record<string, unknown>, policies: readonly PolicyDefinition[]): ParsedPolicyPackConfig {
  const known = new Set(policies.map((policy) => policy.metadata.name));
  const levelWords = ENFORCEMENT_LEVELS.join(", ");
  const warnings: string[] = [];
  const entries = new Map<string, { level?: string; properties: Record<string, unknown> }>();

  for (const [name, value] of Object.entries(raw)) {
    let level: string | undefined;
    let properties: Record<string, unknown> = {};
    if (typeof value === "string") {
      level = value;
    } else if (typeof value === "object" && value !== null && !Array.isArray(value)) {
      const { enforcementLevel, ...rest } = value as Record<string, unknown>;
      if (enforcementLevel !== undefined && typeof enforcementLevel !== "string") {
        return { ok: false, message: `"${name}".enforcementLevel must be a string (${levelWords})` };
      }
      level = enforcementLevel;
      properties = rest;
    } else {
      return { ok: false, message: `"${name}" must be an enforcement level or an object of properties, not ${JSON.stringify(value)}` };
    }
    if (level !== undefined && !isEnforcementLevel(level)) {
      return { ok: false, message: `"${name}": "${level}" is not an enforcement level (${levelWords})` };
    }
    if (name !== ALL && !known.has(name)) {
      // The engine refuses properties for a policy it cannot give a level to, and ignores a bare level.
      if (level === undefined) {
        return { ok: false, message: `"${name}" is not a policy of icpguard (its policies: ${[...known].join(", ")})` };
      }
      warnings.push(`"${name}" is not a policy of icpguard; its entry is ignored`);
      continue;
    }
    if (name === ALL && Object.keys(properties).length > 0) {
      warnings.push(`"all" sets only the enforcement level; its other fields are ignored`);
    }
    entries.set(name, { level, properties });
  }

  const allLevel = entries.get(ALL)?.level;
  const config: PolicyConfig = {};
  for (const name of known) {
    const entry = entries.get(name);
    const level = entry?.level ?? allLevel;
    if (!entry && level === undefined) continue;
    config[name] = { ...(entry?.properties ?? {}), ...(level !== undefined ? { enforcementLevel: level } : {}) };
  }
  return { ok: true, reading: { config, warnings } };
}
