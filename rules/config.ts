// The config of icp-filing-required, as one zod schema. The pack publishes the JSON Schema
// generated from it; the same schema validates at run time so nothing is written twice.

import { createHash } from "node:crypto";
import { z } from "zod";
import { parseFilingNumber, WEBSITE_FILING_NUMBER_PATTERN } from "./filing-number";
import { normaliseHostname } from "./hostname";

export const LANGUAGES = ["en", "zh"] as const;
export type Language = (typeof LANGUAGES)[number];

/** A hostname whose registered domain can be filed (not an IP, suffix or cloud name). */
const filableDomain = (what: string) =>
  z
    .string()
    .min(1)
    .max(1024)
    .superRefine((value, ctx) => {
      const result = normaliseHostname(value);
      if (!result.ok) {
        ctx.addIssue({ code: "custom", message: `"${value}" is not a hostname (${result.reason})` });
      } else if (result.value.kind !== "custom") {
        const why = {
          ip: "is an IP address; filings are for domains",
          "cloud-assigned": "is the cloud's own domain, not yours to file",
          "not-registrable": "is not a registrable domain (a public suffix, or no ICANN suffix)",
          custom: "",
        }[result.value.kind];
        ctx.addIssue({ code: "custom", message: `"${value}" ${why}` });
      }
    })
    .describe(what);

const websiteNumber = z
  .string()
  .superRefine((value, ctx) => {
    const parsed = parseFilingNumber(value);
    if (!parsed.ok) {
      ctx.addIssue({ code: "custom", message: parsed.message });
    } else if (parsed.kind !== "website" && parsed.kind !== "entity") {
      ctx.addIssue({
        code: "custom",
        message: `"${value}" is ${parsed.kind === "app" ? "an" : "a"} ${parsed.kind} number; a website filing looks like 京ICP备2021003158号-1`,
      });
    }
  })
  .meta({ pattern: WEBSITE_FILING_NUMBER_PATTERN })
  .describe("Website filing number, e.g. 浙ICP备2021003158号-1 (serial of 8 or 10 digits)");

const isoDate = z.iso.date().describe("ISO date, YYYY-MM-DD");

/** Sectors whose authority must approve a site before it can be filed; "none" says so explicitly. */
export const SECTORS = ["news", "publishing", "education", "medical", "finance", "games", "none"] as const;
export type Sector = (typeof SECTORS)[number];

export const FilingRecordSchema = z
  .strictObject({
    domain: filableDomain("Any hostname of the registered domain the filing covers, e.g. example.com"),
    number: websiteNumber,
    status: z
      .enum(["approved", "pending"])
      .default("approved")
      .describe("approved (number issued) or pending (under review: the site must not be live yet)"),
    provider: z.string().min(1).optional().describe("Access provider the filing was made through, e.g. alicloud, tencentcloud"),
    psb: z.string().min(1).optional().describe("Public-security (公安) filing number"),
    licence: z.string().min(1).optional().describe("Commercial ICP licence number (ICP证)"),
    liveSince: isoDate.optional().describe("Day the site went live (YYYY-MM-DD); the public-security filing is due within 30 days"),
    commercial: z
      .boolean()
      .optional()
      .describe("The site earns money (sales, payments, paid memberships, advertising), so it needs a commercial ICP licence"),
    sector: z
      .enum(SECTORS)
      .optional()
      .describe("Regulated sector whose authority must approve the site before filing, or none"),
    preApproval: z.string().min(1).optional().describe("Reference of the sector authority's pre-approval"),
  })
  .describe("An ICP filing record");

export const WaiverSchema = z
  .strictObject({
    domain: z.string().min(1).optional().describe("Hostname this waiver covers, with everything below it"),
    resource: z.string().min(1).optional().describe("URN or name of the resource this waiver covers"),
    reason: z.string().min(1).describe("Why the deployment may go ahead without a filing"),
    expires: isoDate.describe("Last day the waiver applies (YYYY-MM-DD)"),
  })
  .superRefine((waiver, ctx) => {
    if ((waiver.domain === undefined) === (waiver.resource === undefined)) {
      ctx.addIssue({ code: "custom", message: "give exactly one of domain or resource" });
    }
  })
  .describe("A time-limited exception");

export const FilingRequiredConfigSchema = z.strictObject({
  filings: z.array(FilingRecordSchema).default([]).describe("ICP filing records"),
  waivers: z.array(WaiverSchema).default([]).describe("Time-limited exceptions; an expired one blocks again"),
  language: z.enum(LANGUAGES).default("en").describe("Language of messages: en or zh"),
});

export type FilingRecord = z.output<typeof FilingRecordSchema>;
export type Waiver = z.output<typeof WaiverSchema>;
export type FilingRequiredConfig = z.output<typeof FilingRequiredConfigSchema>;

export type ConfigResult<T> = { ok: true; config: T } | { ok: false; problems: string[] };

// Policies that take the same records share a schema, and each gets its own copy of the records
// from the engine: 100,000 records take seconds to validate, so equal properties are validated
// once per schema. The last answer per schema is kept, under a digest of the properties.
const lastParsed = new Map<z.ZodType, { digest: string; result: ConfigResult<unknown> }>();

/**
 * Validates a policy's properties; problems name the field, e.g. `filings[2].number: …`.
 * Equal properties give the same answer object, which callers must not modify.
 */
export function parseConfig<T>(schema: z.ZodType<T>, properties: unknown): ConfigResult<T> {
  const digest = digestOf(properties ?? {});
  const cached = digest === undefined ? undefined : lastParsed.get(schema);
  if (cached && cached.digest === digest) return cached.result as ConfigResult<T>;
  const parsed = schema.safeParse(properties ?? {});
  const result: ConfigResult<T> = parsed.success
    ? { ok: true, config: parsed.data }
    : { ok: false, problems: parsed.error.issues.map(describeIssue) };
  if (digest !== undefined) lastParsed.set(schema, { digest, result });
  return result;
}

/** A digest that tells JSON-like values apart (undefined and non-finite numbers included); undefined if it cannot. */
function digestOf(value: unknown): string | undefined {
  try {
    const text = JSON.stringify(value, function (this: Record<string, unknown>, key: string, item: unknown) {
      const original = this[key];
      if (typeof original === "object" && original !== null && !Array.isArray(original)) {
        const prototype = Object.getPrototypeOf(original);
        if (prototype !== Object.prototype && prototype !== null) throw new TypeError("not plain JSON");
      }
      if (item === undefined) return "\u0000undefined";
      if (typeof item === "number" && !Number.isFinite(item)) return `\u0000${item}`;
      if (typeof item === "bigint" || typeof item === "function" || typeof item === "symbol") throw new TypeError("not JSON");
      return item;
    });
    return createHash("sha256").update(text).digest("hex");
  } catch {
    return undefined;
  }
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const path = formatPath(issue.path);
  if (issue.code === "unrecognized_keys") {
    const keys = issue.keys.map((key) => `"${key}"`).join(", ");
    return `${path || "(config)"}: unknown field${issue.keys.length > 1 ? "s" : ""} ${keys}`;
  }
  if (issue.code === "invalid_type" && issue.message.endsWith("received undefined")) {
    return `${path || "(config)"}: required, but missing`;
  }
  return `${path || "(config)"}: ${issue.message}`;
}

export function formatPath(path: readonly PropertyKey[]): string {
  let text = "";
  for (const part of path) {
    if (typeof part === "number") text += `[${part}]`;
    else text += text === "" ? String(part) : `.${String(part)}`;
  }
  return text;
}

/** JSON Schema (draft-07) of a config object, as `{properties, required}` for a Pulumi policy. */
export function policyConfigSchema(schema: z.ZodType): { properties: Record<string, object>; required: string[] } {
  const json = z.toJSONSchema(schema, { target: "draft-7", io: "input", unrepresentable: "any" }) as {
    properties?: Record<string, object>;
    required?: string[];
  };
  return { properties: json.properties ?? {}, required: json.required ?? [] };
}
