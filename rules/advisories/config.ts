// The records the advisory policies read, designed once. Each advisory's config is a pick of
// them (the engine hands every policy only its own config), so one records file can feed all of
// them through `icpguard config`, and `filings` is the same list icp-filing-required reads.

import { z } from "zod";
import { FilingRecordSchema, LANGUAGES, SECTORS, type Sector } from "../config";
import { parseFilingNumber, type FilingNumberKind } from "../filing-number";
import { normaliseHostname } from "../hostname";
import { ALL_ABBREVIATIONS, PROVINCE_CODES } from "../provinces";

// Patterns publish the canonical Chinese forms to the engine, in the RE2 subset (no look-around,
// back-references or \p{…}); the parser checks the finer points at run time with clearer words.
const PROVINCE = `(?:${ALL_ABBREVIATIONS.join("|")})`;
const SITE_INDEX = "[1-9][0-9]{0,4}";
export const PSB_NUMBER_PATTERN = `^${PROVINCE}公网安备[0-9]{14}号$`;
export const LICENCE_NUMBER_PATTERN = `^${PROVINCE}(?:ICP证[0-9]{6}号|B2-[0-9]{8})$`;
export const APP_NUMBER_PATTERN = `^${PROVINCE}(?:ICP备(?:[0-9]{8}|[0-9]{10})号|B2-[0-9]{8})(?:-${SITE_INDEX}[AX]?)?$`;
// 64 hex digits, bare or in colon-separated pairs as keytool and apksigner print them.
export const SIGNING_KEY_SHA256_PATTERN = "^(?:[0-9A-Fa-f]{64}|[0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2}){31})$";

function numberOf(kinds: readonly FilingNumberKind[], pattern: string, description: string, expected: string) {
  return z
    .string()
    .superRefine((value, ctx) => {
      const parsed = parseFilingNumber(value);
      if (!parsed.ok) ctx.addIssue({ code: "custom", message: parsed.message });
      else if (!kinds.includes(parsed.kind)) {
        ctx.addIssue({ code: "custom", message: `"${value}" is ${parsed.kind === "app" ? "an" : "a"} ${parsed.kind} number; expected ${expected}` });
      }
    })
    .meta({ pattern })
    .describe(description);
}

export const PsbNumberSchema = numberOf(
  ["public-security"],
  PSB_NUMBER_PATTERN,
  "Public-security (公安) filing number, e.g. 粤公网安备44030502008569号",
  "a public-security filing number such as 粤公网安备44030502008569号",
);

export const LicenceNumberSchema = numberOf(
  ["commercial-licence", "value-added-telecom-licence"],
  LICENCE_NUMBER_PATTERN,
  "Commercial ICP licence (ICP证), e.g. 京ICP证150476号, or value-added telecom licence, e.g. 粤B2-20090059",
  "a licence number such as 京ICP证150476号 or 粤B2-20090059",
);

/** An app's own number; a website or entity number is accepted here and reported by icp-app-filing. */
export const AppNumberSchema = numberOf(
  ["app", "mini-program", "website", "entity"],
  APP_NUMBER_PATTERN,
  "The app's filing number: apps end in A (京ICP备2024096997号-13A), mini-programs in X (苏ICP备2026044365号-1X)",
  "an app or mini-program filing number such as 京ICP备2024096997号-13A",
);

const hostname = (what: string) =>
  z
    .string()
    .min(1)
    .max(1024)
    .superRefine((value, ctx) => {
      const result = normaliseHostname(value);
      if (!result.ok) ctx.addIssue({ code: "custom", message: `"${value}" is not a hostname (${result.reason})` });
    })
    .describe(what);

const isoDate = z.iso.date();

/** The sectors of FilingRecordSchema whose sites need the sector authority's approval before filing. */
export const PRE_APPROVAL_SECTORS = SECTORS.filter((sector): sector is Exclude<Sector, "none"> => sector !== "none");
export type PreApprovalSector = (typeof PRE_APPROVAL_SECTORS)[number];

/** A filing record as icp-filing-required reads it, with its psb and licence numbers checked for shape. */
export const AdvisoryFilingRecordSchema = FilingRecordSchema.extend({
  psb: PsbNumberSchema.optional(),
  licence: LicenceNumberSchema.optional(),
}).describe("An ICP filing record");

export const APP_KINDS = ["app", "mini-program", "quick-app"] as const;
export type AppKind = (typeof APP_KINDS)[number];

export const AppRecordSchema = z
  .strictObject({
    name: z
      .string()
      .min(1)
      .max(200)
      .describe("Name of the app as filed; a backend resource tagged icp:app = <name, packageName or appId> belongs to it"),
    kind: z.enum(APP_KINDS).describe("app (mobile app), mini-program (WeChat, Alipay …) or quick-app"),
    platform: z.string().min(1).optional().describe("android, ios, harmonyos; wechat, alipay, baidu, douyin …"),
    packageName: z.string().min(1).optional().describe("Android package name or iOS bundle ID; a quick app's package name"),
    appId: z.string().min(1).optional().describe("The mini-program's AppID on its platform"),
    number: AppNumberSchema.optional(),
    status: FilingRecordSchema.shape.status,
    backends: z.array(hostname("A hostname the app calls")).default([]).describe("Hostnames of the app's backend"),
    store: z.string().min(1).optional().describe("App store it is published in, e.g. huawei-appgallery"),
    signingKeySha256: z
      .string()
      .regex(new RegExp(SIGNING_KEY_SHA256_PATTERN))
      .optional()
      .describe("SHA-256 fingerprint of the app's signing certificate: 64 hex digits, bare or in pairs separated by colons"),
  })
  .describe("A mobile app, mini-program or quick app and its filing");

export const ENTITY_TYPES = ["individual", "company"] as const;

export const EntitySchema = z
  .strictObject({
    commercial: z.boolean().default(false).describe("Every site of the entity earns money unless its filing says commercial: false"),
    province: z.enum(PROVINCE_CODES).optional().describe("Province the entity files in (ISO 3166-2:CN, e.g. CN-GD)"),
    type: z.enum(ENTITY_TYPES).optional().describe("individual or company; only a company can hold a commercial ICP licence"),
  })
  .describe("The filing entity (主办单位)");

export const LicenceRecordSchema = z
  .strictObject({
    number: LicenceNumberSchema,
    domains: z
      .array(FilingRecordSchema.shape.domain)
      .optional()
      .describe("Domains the licence covers; omitted, it covers every site of the entity"),
    expires: isoDate.optional().describe("Last day of validity (YYYY-MM-DD)"),
  })
  .describe("A commercial ICP licence held by the entity");

const language = z.enum(LANGUAGES).default("en").describe("Language of messages: en or zh");
const filings = z.array(AdvisoryFilingRecordSchema).default([]).describe("ICP filing records (the list icp-filing-required reads)");

const apps = z
  .array(AppRecordSchema)
  .default([])
  .superRefine((list, ctx) => {
    const seen = new Map<string, number>();
    list.forEach((app, index) => {
      const earlier = seen.get(app.name);
      if (earlier !== undefined) {
        ctx.addIssue({ code: "custom", path: [index, "name"], message: `"${app.name}" is also the name of apps[${earlier}]` });
      }
      seen.set(app.name, index);
    });
  })
  .describe("Mobile apps, mini-programs and quick apps");

export const AppFilingConfigSchema = z.strictObject({ apps, language });
// One schema object for the advisories that take only the records: the pack validates records
// once per schema (rules/config.ts parseConfig), not once per policy.
const FilingsOnlyConfigSchema = z.strictObject({ filings, language });
export const PsbFilingConfigSchema = FilingsOnlyConfigSchema;
export const CommercialLicenceConfigSchema = z.strictObject({
  filings,
  entity: EntitySchema.default({ commercial: false }),
  licences: z.array(LicenceRecordSchema).default([]).describe("Commercial ICP licences of the entity"),
  language,
});
export const AccessProviderConfigSchema = FilingsOnlyConfigSchema;
export const FilingCancellationRiskConfigSchema = FilingsOnlyConfigSchema;
export const SectorPreApprovalConfigSchema = FilingsOnlyConfigSchema;

export type AdvisoryFilingRecord = z.output<typeof AdvisoryFilingRecordSchema>;
export type AppRecord = z.output<typeof AppRecordSchema>;
export type Entity = z.output<typeof EntitySchema>;
export type LicenceRecord = z.output<typeof LicenceRecordSchema>;
export type AppFilingConfig = z.output<typeof AppFilingConfigSchema>;
export type PsbFilingConfig = z.output<typeof PsbFilingConfigSchema>;
export type CommercialLicenceConfig = z.output<typeof CommercialLicenceConfigSchema>;
export type AccessProviderConfig = z.output<typeof AccessProviderConfigSchema>;
export type FilingCancellationRiskConfig = z.output<typeof FilingCancellationRiskConfigSchema>;
export type SectorPreApprovalConfig = z.output<typeof SectorPreApprovalConfigSchema>;
