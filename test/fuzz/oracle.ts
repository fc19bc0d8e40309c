// The fuzz oracle: a small model of icp-filing-required (the resource policy) written from the
// spec (shared/spec/interface.md) and the catalogue's documented metadata, independently of rules/.
// From rules/ it reads only catalogue metadata: hostname sources (path patterns, split, json, zone,
// conditions), location kinds, properties, and coverage vocabularies it has no words of its own
// for. Regions, suffixes, cloud names, endpoints, the words of the known vocabularies and how a
// path is walked are its own. A metadata feature it does not know makes it claim nothing.

import type { CatalogueEntry, HostnameSource, LocationSource } from "../../rules/catalogue";
import { COVERAGE_VOCABULARIES } from "../../rules/coverage";
import { SECRET_SIG, SECRET_SIG_KEY, UNKNOWN_SENTINELS } from "../../harness";

// ---------- Facts the generator builds names from ----------

/** A DNS label; `unicode` is its IDN form when it has one. */
export interface Label {
  ascii: string;
  unicode?: string;
}

/** ICANN public suffixes (PSL ICANN section) custom names are built under. */
export const ICANN_SUFFIXES: readonly Label[] = [
  { ascii: "com" },
  { ascii: "net" },
  { ascii: "org" },
  { ascii: "cn" },
  { ascii: "com.cn" },
  { ascii: "net.cn" },
  { ascii: "gov.cn" },
  { ascii: "sh.cn" },
  { ascii: "com.hk" },
  { ascii: "co.uk" },
  { ascii: "io" },
  { ascii: "de" },
  { ascii: "be" },
  { ascii: "cc" },
  { ascii: "xn--fiqs8s", unicode: "中国" },
  { ascii: "xn--55qx5d", unicode: "公司" },
  { ascii: "xn--p1ai", unicode: "рф" },
];

/** IDN labels with their punycode (checked against Node's UTS #46 mapping in oracle.test.ts). */
export const IDN_LABELS: readonly Label[] = [
  { ascii: "xn--fsqu00a", unicode: "例子" },
  { ascii: "xn--bcher-kva", unicode: "bücher" },
  { ascii: "xn--mnchen-3ya", unicode: "münchen" },
  { ascii: "xn--caf-dma", unicode: "café" },
  { ascii: "xn--e1afmkfd", unicode: "пример" },
  { ascii: "xn--ls8h", unicode: "💩" },
];

/** Labels made only of hex digits: in brackets the name then looks like an IPv6 literal. */
export const HEX_LABELS: readonly string[] = ["cafe", "face", "bead", "dead", "beef", "fade", "c0ffee", "decade", "facade"];

/** Cloud-assigned suffixes named by the spec ("*.aliyuncs.com, *.myqcloud.com, …"). */
export const CLOUD_SUFFIXES: readonly string[] = ["aliyuncs.com", "myqcloud.com", "alicdn.com", "tencentcs.com", "dnsv1.com", "fcapp.run"];

/** Names that are not registrable domains: public suffixes themselves, or no ICANN suffix. */
export const UNREGISTRABLE_NAMES: readonly string[] = ["com.cn", "cn", "com", "localhost", "xn--fiqs8s", "gov.cn"];

/** Label separators: the ASCII dot and the three UTS #46 maps to it. */
export const SEPARATORS: readonly string[] = [".", "\u3002", "\uff0e", "\uff61"];

// ---------- What a generated hostname is ----------

export type HostTruth =
  | { kind: "custom"; labels: Label[]; suffix: Label }
  | { kind: "cloud"; labels: Label[]; cloudSuffix: string }
  | { kind: "ip"; text: string }
  | { kind: "unregistrable"; text: string };

/** What a rendered name is; `mangled` names are not valid hostnames any more. */
export interface LeafTruth {
  host: HostTruth;
  mangled?: string;
}

export function canonicalHostname(host: HostTruth): string {
  switch (host.kind) {
    case "custom":
      return [...host.labels.map((l) => l.ascii), host.suffix.ascii].join(".");
    case "cloud":
      return [...host.labels.map((l) => l.ascii), host.cloudSuffix].join(".");
    case "ip":
    case "unregistrable":
      return host.text.toLowerCase();
  }
}

/** The ICANN registered domain: the last label before the suffix, with the suffix. */
export function registeredDomain(host: HostTruth): string | undefined {
  if (host.kind !== "custom") return undefined;
  return `${host.labels[host.labels.length - 1].ascii}.${host.suffix.ascii}`;
}

/** The same host with labels in front (a DNS record's relative part). */
export function below(host: HostTruth, labels: Label[]): HostTruth {
  if (host.kind === "custom" || host.kind === "cloud") return { ...host, labels: [...labels, ...host.labels] };
  return { kind: "unregistrable", text: [...labels.map((l) => l.ascii), host.text].join(".") };
}

// ---------- Wire values ----------

const SENTINELS = new Set<string>(Object.values(UNKNOWN_SENTINELS));

export function isWireSecret(value: unknown): value is { value: unknown } {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    (value as Record<string, unknown>)[SECRET_SIG_KEY] === SECRET_SIG &&
    Object.prototype.hasOwnProperty.call(value, "value")
  );
}

function unwrap(value: unknown): { value: unknown; secret: boolean } {
  let secret = false;
  while (isWireSecret(value)) {
    secret = true;
    value = value.value;
  }
  return { value, secret };
}

export function isSentinel(value: unknown): boolean {
  return typeof value === "string" && SENTINELS.has(value);
}

function ownField(object: unknown, key: string): unknown {
  const { value } = unwrap(object);
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  return Object.prototype.hasOwnProperty.call(value, key) ? (value as Record<string, unknown>)[key] : undefined;
}

type Scalar =
  | { state: "absent" }
  | { state: "unknown" }
  /** A string, or a number or boolean read as text (`string` tells which). */
  | { state: "text"; text: string; string: boolean; secret: boolean }
  | { state: "other"; secret: boolean };

/** A value at a dotted path of plain fields. */
export function readScalar(root: unknown, dotted: string): Scalar {
  let current: unknown = root;
  let secret = false;
  for (const name of dotted.split(".")) {
    const step = unwrap(current);
    secret ||= step.secret;
    if (isSentinel(step.value)) return { state: "unknown" };
    current = ownField(step.value, name);
  }
  const last = unwrap(current);
  secret ||= last.secret;
  if (isSentinel(last.value)) return { state: "unknown" };
  if (last.value === undefined || last.value === null || last.value === "") return { state: "absent" };
  if (typeof last.value === "string") return { state: "text", text: last.value, string: true, secret };
  if (typeof last.value === "number" || typeof last.value === "boolean") return { state: "text", text: String(last.value), string: false, secret };
  return { state: "other", secret };
}

// ---------- Which names a resource serves ----------

interface Segment {
  name: string;
  each: boolean;
  filter?: { field: string; equals: string; negated: boolean };
}

/** The catalogue's path syntax: `a`, `a[]` (each element), `a[f=v]` / `a[f!=v]` (matching elements). */
export function parsePathPattern(pattern: string): Segment[] {
  return pattern.split(".").map((part) => {
    const match = /^([A-Za-z0-9_]+)(\[\]|\[([A-Za-z0-9_]+)(!?=)([^\]]*)\])?$/.exec(part);
    if (!match) throw new Error(`the fuzz oracle does not understand the catalogue path "${pattern}"`);
    const [, name, brackets, field, operator, equals] = match;
    if (!brackets) return { name, each: false };
    return field ? { name, each: true, filter: { field, equals, negated: operator === "!=" } } : { name, each: true };
  });
}

type Condition = NonNullable<HostnameSource["when"]>;

/** holds / not / unknown, or unclear when the value is not a scalar. */
export function testCondition(props: unknown, condition: Condition): "holds" | "not" | "unknown" | "unclear" {
  const value = readScalar(props, condition.property);
  if ("omitted" in condition) return value.state === "absent" ? "holds" : "not";
  if (value.state === "unknown") return "unknown";
  if (value.state === "absent") return condition.ifOmitted ? "holds" : "not";
  if (value.state === "other") return "unclear";
  const listed = ("oneOf" in condition ? condition.oneOf : condition.noneOf).some((candidate) => candidate.toLowerCase() === value.text.toLowerCase());
  return listed === "oneOf" in condition ? "holds" : "not";
}

export interface ServedValue {
  text: string;
  secret: boolean;
}

export interface ServedReading {
  values: ServedValue[];
  /** An unknown sits where a served name (or whether one is served) would be. */
  unknownOnPath: boolean;
  /** Something the oracle cannot read the way a user meant it (non-scalar condition, bad JSON). */
  unclear: boolean;
}

const HOSTNAME_SOURCE_KEYS = new Set(["path", "split", "json", "zone", "relativeWhenOmitted", "dotlessIsNotHostname", "when"]);

export function hasDot(text: string): boolean {
  return SEPARATORS.some((separator) => text.includes(separator));
}

/** A DNS name from its relative part and zone: `@` or an empty relative part is the apex. */
export function composeDnsName(relative: string, zone: string): string {
  const label = relative.trim().replace(/\.+$/, "");
  return label === "" || label === "@" ? zone.trim() : `${label}.${zone.trim()}`;
}

/**
 * Reads the served names of a property bag. A single value where a list belongs counts as a
 * one-element list, and filters compare case-insensitively, so that the oracle never under-counts
 * what could be served.
 */
export function readServed(entry: CatalogueEntry, props: Record<string, unknown>): ServedReading {
  const reading: ServedReading = { values: [], unknownOnPath: false, unclear: false };
  for (const source of entry.hostnames) {
    if (Object.keys(source).some((key) => !HOSTNAME_SOURCE_KEYS.has(key))) {
      reading.unclear = true;
      continue;
    }
    if (source.when) {
      const test = testCondition(props, source.when);
      if (test === "unknown") reading.unknownOnPath = true;
      if (test === "unclear") reading.unclear = true;
      if (test !== "holds") continue;
    }
    const texts: ServedValue[] = [];
    const segments = parsePathPattern(source.path);
    let relativeSeen = false;
    let zone: Scalar | undefined;
    if (source.zone) {
      // A DNS name needs its zone first: without a usable zone nothing else is read.
      zone = readScalar(props, source.zone);
      if (zone.state === "unknown") {
        reading.unknownOnPath = true;
        continue;
      }
      if (zone.state !== "text" || !zone.string || zone.text.trim() === "") continue;
      if (source.dotlessIsNotHostname && !hasDot(zone.text)) continue;
    }
    const visit = (raw: unknown, index: number, secretSoFar: boolean): void => {
      const { value, secret: wrapped } = unwrap(raw);
      const secret = secretSoFar || wrapped;
      if (isSentinel(value)) {
        reading.unknownOnPath = true;
        relativeSeen = true; // an unknown relative name is not an omitted one
        return;
      }
      if (index === segments.length) {
        if (value === undefined || value === null) return;
        // An empty relative DNS name is the apex (catalogue: "`@` or empty is the apex").
        if (value === "" && !source.zone) return;
        relativeSeen = true;
        if (typeof value === "string") texts.push({ text: value, secret });
        return;
      }
      const segment = segments[index];
      const child = ownField(value, segment.name);
      if (!segment.each) {
        visit(child, index + 1, secret);
        return;
      }
      const { value: list, secret: listSecret } = unwrap(child);
      if (isSentinel(list)) {
        reading.unknownOnPath = true;
        return;
      }
      const elements = Array.isArray(list) ? list : list === undefined || list === null ? [] : [list];
      for (const element of elements) {
        if (!segment.filter) {
          visit(element, index + 1, secret || listSecret);
          continue;
        }
        const { value: item, secret: itemSecret } = unwrap(element);
        if (isSentinel(item)) {
          reading.unknownOnPath = true;
          continue;
        }
        const { value: probe } = unwrap(ownField(item, segment.filter.field));
        if (isSentinel(probe)) {
          reading.unknownOnPath = true;
          continue;
        }
        const equal = typeof probe === "string" && probe.toLowerCase() === segment.filter.equals.toLowerCase();
        if (equal !== segment.filter.negated) visit(item, index + 1, secret || listSecret || itemSecret);
      }
    };
    visit(props, 0, false);

    if (zone && zone.state === "text") {
      const zoneText = zone.text;
      const relatives = !relativeSeen && source.relativeWhenOmitted !== undefined ? [{ text: source.relativeWhenOmitted, secret: false }] : texts;
      for (const relative of relatives) {
        reading.values.push({ text: composeDnsName(relative.text, zoneText), secret: relative.secret || zone.secret });
      }
      continue;
    }
    for (const { text, secret } of texts) {
      let parts: string[] = [text];
      if (source.json) {
        const parsed = parseJsonNames(text);
        if (!parsed) {
          reading.unclear = true;
          continue;
        }
        parts = parsed;
      } else if (source.split) {
        parts = text.split(source.split);
      }
      for (const part of parts) {
        if (part.trim() === "") continue;
        if (source.dotlessIsNotHostname && !hasDot(part)) continue;
        reading.values.push({ text: part, secret });
      }
    }
  }
  return reading;
}

function parseJsonNames(text: string): string[] | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === "string") return [parsed];
    if (Array.isArray(parsed) && parsed.every((item) => typeof item === "string")) return parsed as string[];
  } catch {
    // not JSON
  }
  return undefined;
}

// ---------- Where a resource serves from ----------

/**
 * mainland / outside / unknown (at preview) / ambiguous (a value the oracle cannot place);
 * deferred: coverage on another resource the stack policy settles; dns: a DNS record pointing at
 * something only the stack knows; unclear: the oracle does not know this location metadata.
 */
export type OracleLocation = "mainland" | "outside" | "unknown" | "ambiguous" | "deferred" | "dns" | "unclear";

const OWN_VOCABULARIES: Record<string, { mainland: string[]; outside: string[]; list?: boolean }> = {
  "alibaba-scope": { mainland: ["domestic", "global"], outside: ["overseas"] },
  "esa-coverage": { mainland: ["domestic", "global"], outside: ["overseas"], list: true },
  "tencent-area": { mainland: ["mainland", "global"], outside: ["overseas"] },
  "teo-area": { mainland: ["mainland", "global"], outside: ["overseas"] },
  "tencent-css-play-type": { mainland: ["1", "2"], outside: ["3"] },
};

interface Vocabulary {
  mainland: string[];
  outside: string[];
  list: boolean;
  prefixes: [string, string][];
}

/** The oracle's words for a vocabulary; one added later falls back to the catalogue's metadata. */
export function vocabularyWords(name: string): Vocabulary {
  const own = OWN_VOCABULARIES[name];
  if (own) return { mainland: own.mainland, outside: own.outside, list: own.list ?? false, prefixes: [] };
  const meta = (COVERAGE_VOCABULARIES as Record<string, { values: Record<string, string>; list?: boolean; prefixes?: Record<string, string> }>)[name];
  const values = meta?.values ?? {};
  return {
    mainland: Object.keys(values).filter((word) => values[word] === "includes-mainland"),
    outside: Object.keys(values).filter((word) => values[word] === "outside-mainland"),
    list: meta?.list ?? false,
    prefixes: Object.entries(meta?.prefixes ?? {}),
  };
}

export const ALIBABA_MAINLAND_REGIONS = ["cn-hangzhou", "cn-shanghai", "cn-beijing", "cn-shenzhen", "cn-qingdao", "cn-zhangjiakou", "cn-chengdu", "cn-wulanchabu", "cn-shanghai-finance-1"];
export const ALIBABA_OUTSIDE_REGIONS = ["cn-hongkong", "ap-southeast-1", "ap-northeast-1", "us-west-1", "eu-central-1", "me-east-1"];
export const TENCENT_MAINLAND_REGIONS = ["ap-guangzhou", "ap-shanghai", "ap-beijing", "ap-chengdu", "ap-chongqing", "ap-nanjing", "ap-shanghai-fsi", "ap-shenzhen-fsi", "ap-beijing-fsi"];
export const TENCENT_OUTSIDE_REGIONS = ["ap-hongkong", "ap-taipei", "ap-singapore", "ap-tokyo", "ap-seoul", "na-siliconvalley", "eu-frankfurt"];
/** Tencent short region codes (WAF inputs): a few of each side. */
export const TENCENT_MAINLAND_CODES = ["gz", "sh", "bj", "cd", "cq", "nj", "shjr", "bjjr"];
export const TENCENT_OUTSIDE_CODES = ["hk", "tpe", "sg", "jp", "kr", "usw", "de"];

/** Region IDs compare trimmed and in lower case; anything the oracle cannot place is ambiguous. */
export function classifyRegionText(cloud: string, raw: string, format = "id"): OracleLocation {
  const region = raw.trim().toLowerCase();
  if (format === "tencent-short-code" && !region.includes("-")) {
    if (TENCENT_MAINLAND_CODES.includes(region)) return "mainland";
    if (TENCENT_OUTSIDE_CODES.includes(region)) return "outside";
    return "ambiguous";
  }
  if (cloud === "alicloud") {
    if (ALIBABA_OUTSIDE_REGIONS.includes(region)) return "outside";
    if (region.startsWith("cn-hongkong")) return "ambiguous";
    return /^cn-[a-z0-9-]+$/.test(region) ? "mainland" : "ambiguous";
  }
  if (TENCENT_MAINLAND_REGIONS.includes(region)) return "mainland";
  if (TENCENT_OUTSIDE_REGIONS.includes(region)) return "outside";
  return "ambiguous";
}

function coverageLocation(vocabulary: Vocabulary, value: Scalar, whenOmitted: string): OracleLocation {
  if (value.state === "unknown") return "unknown";
  if (value.state === "absent") return whenOmitted === "includes-mainland" ? "mainland" : "ambiguous";
  if (value.state === "other") return "ambiguous";
  const lower = value.text.trim().toLowerCase();
  const parts = (vocabulary.list ? lower.split(",") : [lower]).map((part) => part.trim()).filter((part) => part !== "");
  if (parts.length === 0) return "ambiguous";
  let mainland = false;
  for (const part of parts) {
    const prefixed = vocabulary.prefixes.find(([prefix]) => part.startsWith(prefix))?.[1];
    if (vocabulary.mainland.includes(part) || prefixed === "includes-mainland") mainland = true;
    else if (!vocabulary.outside.includes(part) && prefixed !== "outside-mainland") return "ambiguous";
  }
  return mainland ? "mainland" : "outside";
}

/** Own reading of the regional endpoints a DNS record can point at. */
export function endpointLocation(raw: string): OracleLocation | undefined {
  const name = raw.trim().toLowerCase().replace(/\.+$/, "");
  const oss = /(?:^|\.)oss-([a-z0-9-]+)\.aliyuncs\.com$/.exec(name);
  if (oss) return classifyRegionText("alicloud", oss[1]);
  const cos = /\.cos\.([a-z0-9-]+)\.myqcloud\.com$/.exec(name);
  if (cos) return classifyRegionText("tencentcloud", cos[1]);
  return undefined;
}

export function locate(
  cloud: string,
  location: LocationSource,
  props: Record<string, unknown>,
  providerProps: Record<string, unknown> | undefined,
): OracleLocation {
  switch (location.kind) {
    case "mainland-only":
      return "mainland";
    case "coverage":
      return coverageLocation(vocabularyWords(location.vocabulary), readScalar(props, location.property), location.whenOmitted);
    case "region": {
      const own = location.property ? readScalar(props, location.property) : ({ state: "absent" } as Scalar);
      if (own.state === "unknown") return "unknown";
      // Only a non-blank string names a region; anything else falls through, as an absent one does.
      if (own.state === "text" && own.string && own.text.trim() !== "") return classifyRegionText(cloud, own.text, location.format);
      const provider = providerProps ? readScalar(providerProps, "region") : ({ state: "absent" } as Scalar);
      if (provider.state === "unknown") return "unknown";
      if (provider.state === "text" && provider.string && provider.text.trim() !== "") return classifyRegionText(cloud, provider.text);
      return "mainland"; // both providers' documented defaults are mainland regions
    }
    case "choice": {
      const test = testCondition(props, location.when);
      if (test === "unknown") return "unknown";
      if (test === "unclear") return "unclear";
      return locate(cloud, test === "holds" ? location.then : location.otherwise, props, providerProps);
    }
    case "linked": {
      if (location.match === "name") return "deferred";
      const link = readScalar(props, location.property);
      // Nothing names the resource that holds the coverage: read as mainland (fail closed).
      return link.state === "absent" ? "mainland" : "deferred";
    }
    case "dns-record": {
      const value = readScalar(props, location.value);
      if (value.state !== "text" || !value.string) return "dns";
      return endpointLocation(value.text) ?? "dns";
    }
    default:
      return "unclear";
  }
}

// ---------- Records and waivers ----------

export interface OracleRecords {
  /** Registered domain (ASCII) → has an approved record. Pending-only domains map to false. */
  approved: Map<string, boolean>;
  /** Live domain waivers (canonical ASCII hostnames). */
  liveWaiverDomains: string[];
  /** Live resource waivers (names or URNs). */
  liveWaiverResources: string[];
}

function covered(hostname: string, scope: string): boolean {
  return hostname === scope || hostname.endsWith(`.${scope}`);
}

export function excused(host: HostTruth, records: OracleRecords, resource: { name: string; urn: string }): boolean {
  if (host.kind !== "custom") return true;
  if (records.approved.get(registeredDomain(host)!) === true) return true;
  if (records.liveWaiverResources.includes(resource.name) || records.liveWaiverResources.includes(resource.urn)) return true;
  const hostname = canonicalHostname(host);
  return records.liveWaiverDomains.some((scope) => covered(hostname, scope));
}

// ---------- The verdict ----------

/** block: a mandatory violation is required. flag: at least an advisory. pass: no mandatory violation. any: no claim. */
export type Expectation = "block" | "flag" | "pass" | "any";

export interface OracleCase {
  entry: CatalogueEntry;
  name: string;
  urn: string;
  props: Record<string, unknown>;
  providerProps?: Record<string, unknown>;
  dryRun: boolean;
  records: OracleRecords;
  /** Rendered name text → what it is. */
  leaves: ReadonlyMap<string, LeafTruth>;
}

export interface OracleVerdict {
  expectation: Expectation;
  location: OracleLocation;
  why: string;
  /** Served names that need a filing nobody gave. */
  unfiled: string[];
  /** Served names read through a secret, and those read in the clear. */
  secretHosts: HostTruth[];
  publicHosts: HostTruth[];
}

export function judge(c: OracleCase): OracleVerdict {
  const location = locate(c.entry.cloud, c.entry.location, c.props, c.providerProps);
  const served = readServed(c.entry, c.props);
  const unfiled: string[] = [];
  const mangledUnfiled: string[] = [];
  let doubtful = served.unclear;
  const secretHosts: HostTruth[] = [];
  const publicHosts: HostTruth[] = [];
  for (const value of served.values) {
    const leaf = c.leaves.get(value.text);
    if (!leaf) {
      // A value no generated name renders to (a mutation joined or cut one): no claim about it.
      doubtful = true;
      continue;
    }
    (value.secret ? secretHosts : publicHosts).push(leaf.host);
    if (leaf.mangled) doubtful = true;
    if (excused(leaf.host, c.records, c)) continue;
    (leaf.mangled ? mangledUnfiled : unfiled).push(canonicalHostname(leaf.host));
  }
  const unknownHost = served.unknownOnPath;
  const result = (expectation: Expectation, why: string): OracleVerdict => ({ expectation, location, why, unfiled, secretHosts, publicHosts });
  const atUpdate = (why: string) => (c.dryRun ? result("flag", `${why} at preview`) : result("block", `${why} still at update`));

  switch (location) {
    case "outside":
      return result("pass", "served from outside the mainland");
    case "mainland":
      if (unfiled.length > 0) return result("block", `mainland, unfiled ${unfiled.join(", ")}`);
      if (unknownHost) return atUpdate("mainland, a hostname unknown");
      if (mangledUnfiled.length > 0) return result("flag", `mainland, malformed name of unfiled ${mangledUnfiled.join(", ")}`);
      // A malformed name of a filed domain may normalise to another name: no claim.
      if (doubtful) return result("any", "mainland, malformed or unclear names");
      return result("pass", "mainland, every served name filed, waived or not custom");
    case "unknown":
      if (unfiled.length > 0 || unknownHost) return atUpdate("location unknown");
      if (mangledUnfiled.length > 0) return result("flag", "location unknown, malformed name of an unfiled domain");
      return result("any", "location unknown, nothing unfiled");
    case "ambiguous":
      if (unfiled.length > 0 || unknownHost || mangledUnfiled.length > 0) return result("flag", "location not recognisable");
      return result("any", "location not recognisable, nothing unfiled");
    case "deferred":
      if (unknownHost) return atUpdate("coverage on another resource, a hostname unknown");
      if (unfiled.length > 0 || mangledUnfiled.length > 0) return result("flag", "coverage on another resource, unfiled names");
      return result("any", "coverage on another resource, nothing unfiled");
    case "dns":
    case "unclear":
      return result("any", location === "dns" ? "DNS record pointing at something only the stack knows" : "location metadata the oracle does not know");
  }
}
