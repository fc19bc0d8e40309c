// From one records file to the whole `--policy-pack-config` file. Each policy takes from the
// records what its own config needs, through one mapping function in RECORDS_TO_POLICY_PROPERTIES;
// a policy added to POLICIES without a mapping makes policyPackConfig throw, so it cannot be
// left out silently.

import { ACCESS_PROVIDER_METADATA } from "./advisories/access-provider";
import { APP_FILING_METADATA } from "./advisories/app-filing";
import { COMMERCIAL_LICENCE_METADATA } from "./advisories/commercial-licence";
import { FILING_CANCELLATION_RISK_METADATA } from "./advisories/filing-cancellation-risk";
import { PSB_FILING_METADATA } from "./advisories/psb-filing";
import { SECTOR_PRE_APPROVAL_METADATA } from "./advisories/sector-pre-approval";
import type { FilingRecord, Language } from "./config";
import { STACK_FILING_REQUIRED_METADATA } from "./cross-resource/metadata";
import { formatFilingNumber, parseFilingNumber } from "./filing-number";
import type { PolicyDefinition } from "./policy-definition";
import { FILING_REQUIRED_METADATA } from "./policy-metadata";
import { POLICIES } from "./policies";
import { provinceByCode, type ProvinceCode } from "./provinces";
import type { AppFiling, RecordsFile } from "./records-file";

/** The Pulumi enforcement levels an icpguard policy can run at (none of them remediates). */
export const ENFORCEMENT_LEVELS = ["advisory", "mandatory", "disabled"] as const;
export type EnforcementLevel = (typeof ENFORCEMENT_LEVELS)[number];

export function isEnforcementLevel(value: unknown): value is EnforcementLevel {
  return typeof value === "string" && (ENFORCEMENT_LEVELS as readonly string[]).includes(value);
}

/** The properties one policy's config takes from the records. */
export type PolicyPropertiesMapping = (records: RecordsFile) => Record<string, unknown>;

/** icp-filing-required and its stack counterpart read the same config. */
function filingRequiredProperties(records: RecordsFile): Record<string, unknown> {
  return {
    filings: records.filings.map((filing) => packFiling(filing, records.entity.province)),
    waivers: records.waivers,
    language: records.language,
  };
}

export const RECORDS_TO_POLICY_PROPERTIES: Readonly<Record<string, PolicyPropertiesMapping>> = {
  [FILING_REQUIRED_METADATA.name]: filingRequiredProperties,
  [STACK_FILING_REQUIRED_METADATA.name]: filingRequiredProperties,
  [APP_FILING_METADATA.name]: (records) => ({
    apps: records.apps.map((app) => packApp(app, records.entity.province)),
    language: records.language,
  }),
  [PSB_FILING_METADATA.name]: (records) => advisoryFilings(records),
  [COMMERCIAL_LICENCE_METADATA.name]: (records) => ({
    ...advisoryFilings(records),
    entity: { commercial: records.entity.commercial, province: records.entity.province, type: records.entity.type },
    licences: records.licences.map((licence) => ({ ...licence, number: canonicalNumber(licence.number, records.entity.province) })),
  }),
  [ACCESS_PROVIDER_METADATA.name]: (records) => advisoryFilings(records),
  [FILING_CANCELLATION_RISK_METADATA.name]: (records) => advisoryFilings(records),
  [SECTOR_PRE_APPROVAL_METADATA.name]: (records) => advisoryFilings(records),
};

/** The advisories that read only the website filings take them as icp-filing-required does. */
function advisoryFilings(records: RecordsFile): Record<string, unknown> {
  return { filings: records.filings.map((filing) => packFiling(filing, records.entity.province)), language: records.language };
}

function packApp(app: AppFiling, entityProvince: ProvinceCode): AppFiling {
  return app.number === undefined ? app : { ...app, number: canonicalNumber(app.number, entityProvince) };
}

export interface PackConfigOptions {
  /** Level for every policy instead of its default. */
  all?: EnforcementLevel;
  /** Levels by policy name; they win over `all`. */
  levels?: Readonly<Record<string, EnforcementLevel>>;
  /** Language of messages, instead of the records file's. */
  language?: Language;
}

export type PackConfigEntry = { enforcementLevel: EnforcementLevel } & Record<string, unknown>;

export class MissingMappingError extends Error {
  constructor(readonly policies: readonly string[]) {
    super(
      `no records mapping for ${policies.map((name) => `"${name}"`).join(", ")}: ` +
        "add one to RECORDS_TO_POLICY_PROPERTIES in rules/records-to-config.ts",
    );
    this.name = "MissingMappingError";
  }
}

/** Policy names in `levels` that are not policies of the pack. */
export function unknownPolicyNames(names: Iterable<string>, policies: readonly PolicyDefinition[] = POLICIES): string[] {
  const known = new Set(policies.map((policy) => policy.metadata.name));
  return [...names].filter((name) => !known.has(name));
}

/**
 * The `--policy-pack-config` object for records that passed validation: one entry per policy,
 * in pack order, with its enforcement level and its properties.
 */
export function policyPackConfig(
  records: RecordsFile,
  options: PackConfigOptions = {},
  policies: readonly PolicyDefinition[] = POLICIES,
): Record<string, PackConfigEntry> {
  const missing = policies.map((policy) => policy.metadata.name).filter((name) => !(name in RECORDS_TO_POLICY_PROPERTIES));
  if (missing.length > 0) throw new MissingMappingError(missing);
  const unknown = unknownPolicyNames(Object.keys(options.levels ?? {}), policies);
  if (unknown.length > 0) throw new RangeError(`not a policy of the pack: ${unknown.join(", ")}`);

  const source: RecordsFile = options.language ? { ...records, language: options.language } : records;
  const config: Record<string, PackConfigEntry> = {};
  for (const policy of policies) {
    const name = policy.metadata.name;
    const enforcementLevel = options.levels?.[name] ?? options.all ?? policy.metadata.defaultLevel;
    config[name] = { enforcementLevel, ...RECORDS_TO_POLICY_PROPERTIES[name]!(source) };
  }
  return config;
}

/**
 * A website filing as the pack's config takes it. Numbers are written in their canonical
 * Chinese form, because the JSON Schemas the engine checks config against accept only that
 * form; a romanised pinyin that fits two provinces (Jin: 津 or 晋) is settled by the entity's.
 */
function packFiling(filing: FilingRecord, entityProvince: ProvinceCode): FilingRecord {
  const result: FilingRecord = { ...filing, number: canonicalNumber(filing.number, entityProvince) };
  if (filing.psb !== undefined) result.psb = canonicalNumber(filing.psb, entityProvince);
  if (filing.licence !== undefined) result.licence = canonicalNumber(filing.licence, entityProvince);
  return result;
}

export function canonicalNumber(text: string, entityProvince: ProvinceCode): string {
  const parsed = parseFilingNumber(text);
  if (!parsed.ok) return text;
  if (parsed.province !== undefined) return parsed.canonical;
  const pinyin = parsed.pinyin?.toLowerCase();
  const abbreviation = provinceByCode(entityProvince)?.abbreviations.find((a) => a.pinyin.toLowerCase() === pinyin);
  if (!abbreviation) return parsed.canonical;
  const { pinyin: _romanised, ...parts } = parsed;
  return formatFilingNumber({ ...parts, abbreviation: abbreviation.character });
}
