// Fuzz scenarios: the truth is generated first (which names, filed or not, what decides where the
// resource serves from), then rendered into a hostile property bag as the engine would send it
// (wire secrets, unknown sentinels), with mutations at every depth. The oracle reads the rendered
// bag back with its own model, so what it judges is exactly what the pack receives.

import fc from "fast-check";
import type { CatalogueEntry, HostnameSource, LocationSource } from "../../rules/catalogue";
import { DEFAULT_PROJECT, DEFAULT_STACK, makeUrn, secret, SECRET_SIG_KEY, UNKNOWN_SENTINELS, type UnknownKind } from "../../harness";
import {
  ALIBABA_MAINLAND_REGIONS,
  ALIBABA_OUTSIDE_REGIONS,
  below,
  canonicalHostname,
  CLOUD_SUFFIXES,
  composeDnsName,
  HEX_LABELS,
  ICANN_SUFFIXES,
  IDN_LABELS,
  parsePathPattern,
  registeredDomain,
  SEPARATORS,
  TENCENT_MAINLAND_CODES,
  TENCENT_MAINLAND_REGIONS,
  TENCENT_OUTSIDE_CODES,
  TENCENT_OUTSIDE_REGIONS,
  UNREGISTRABLE_NAMES,
  vocabularyWords,
  type HostTruth,
  type Label,
  type LeafTruth,
  type OracleCase,
  type OracleRecords,
} from "./oracle";

export const POLICY = "icp-filing-required";
export const LIVE_UNTIL = "2099-12-31";
export const EXPIRED_ON = "2020-01-01";
export const FILING_NUMBERS = ["浙ICP备2021003158号-1", "京ICP备11018762号-2", "粤ICP备2024000001号-1"];
/** Strings planted inside secrets that are not hostnames: no message may ever contain them. */
export const SECRET_MARKER = "secret-marker-";

// ---------- Names ----------

const asciiLabel = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,8}[a-z0-9])?$/).filter((label) => !/^..--/.test(label));
const asLabel = (ascii: string): Label => ({ ascii });

/** The label left of the suffix: at least four characters, so that it never forms a public suffix with it. */
const baseLabel: fc.Arbitrary<Label> = fc.oneof(
  asciiLabel.filter((label) => label.length >= 4).map(asLabel),
  fc.constantFrom(...HEX_LABELS).map(asLabel),
  fc.constantFrom(...IDN_LABELS),
);
const subLabel: fc.Arbitrary<Label> = fc.oneof(
  { arbitrary: asciiLabel.map(asLabel), weight: 3 },
  { arbitrary: fc.constantFrom("www", "aliyuncs", "myqcloud", "com", "cn", "cdn").map(asLabel), weight: 2 },
  { arbitrary: fc.constantFrom(...HEX_LABELS).map(asLabel), weight: 1 },
  { arbitrary: fc.constantFrom(...IDN_LABELS), weight: 1 },
);

export interface RegisteredSpec {
  base: Label;
  suffix: Label;
}
const registeredArb: fc.Arbitrary<RegisteredSpec> = fc.record({ base: baseLabel, suffix: fc.constantFrom(...ICANN_SUFFIXES) });

export type HostChoice =
  | { kind: "custom"; domain: number; sub: Label[] }
  | { kind: "cloud"; sub: Label[]; cloudSuffix: string }
  | { kind: "ip"; text: string }
  | { kind: "unregistrable"; text: string };

const hostChoiceArb: fc.Arbitrary<HostChoice> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant("custom" as const), domain: fc.nat(), sub: fc.array(subLabel, { maxLength: 3 }) }), weight: 8 },
  {
    arbitrary: fc.record({ kind: fc.constant("cloud" as const), sub: fc.array(subLabel, { minLength: 1, maxLength: 3 }), cloudSuffix: fc.constantFrom(...CLOUD_SUFFIXES) }),
    weight: 1,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant("ip" as const),
      text: fc.oneof(fc.ipV4(), fc.ipV4Extended(), fc.ipV6().map((v6) => `[${v6}]`), fc.constantFrom("[::1]", "127.0.0.1", "[2001:db8::1]")),
    }),
    weight: 1,
  },
  { arbitrary: fc.record({ kind: fc.constant("unregistrable" as const), text: fc.constantFrom(...UNREGISTRABLE_NAMES, "proxy-name") }), weight: 1 },
);

/** Ways of writing a name that keep it the same name (spec: case, IDN, trailing dot, leading `*.`; and URL dressing). */
export interface Decoration {
  upper: "none" | "all" | "mixed";
  unicode: boolean;
  /** Index into SEPARATORS: the ASCII dot, or a full stop UTS #46 maps to it. */
  separator: 0 | 1 | 2 | 3;
  leading: "" | "*." | ".";
  trailingDot: boolean;
  scheme: "" | "http://" | "https://" | "HTTPS://";
  userinfo: boolean;
  port: number | undefined;
  path: "" | "/" | "/a/b?c=d#e";
  whitespace: "" | " " | "\t\n ";
}

export const PLAIN: Decoration = {
  upper: "none",
  unicode: false,
  separator: 0,
  leading: "",
  trailingDot: false,
  scheme: "",
  userinfo: false,
  port: undefined,
  path: "",
  whitespace: "",
};

const decorationArb: fc.Arbitrary<Decoration> = fc.oneof(
  { arbitrary: fc.constant(PLAIN), weight: 3 },
  {
    arbitrary: fc.record({
      upper: fc.constantFrom("none", "all", "mixed"),
      unicode: fc.boolean(),
      separator: fc.constantFrom(0, 0, 1, 2, 3),
      leading: fc.constantFrom("", "", "*.", "."),
      trailingDot: fc.boolean(),
      scheme: fc.constantFrom("", "", "http://", "https://", "HTTPS://"),
      userinfo: fc.boolean(),
      port: fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined }),
      path: fc.constantFrom("", "", "/", "/a/b?c=d#e"),
      whitespace: fc.constantFrom("", "", " ", "\t\n "),
    }) as fc.Arbitrary<Decoration>,
    weight: 4,
  },
);

/** A DNS zone is written without URL dressing. */
function zoneDecoration(decoration: Decoration): Decoration {
  return { ...PLAIN, upper: decoration.upper, unicode: decoration.unicode, separator: decoration.separator, trailingDot: decoration.trailingDot, whitespace: decoration.whitespace };
}

/** Ways of writing a name that make it another name or no valid name. */
export type Mangle =
  | { kind: "wildcard-middle" }
  | { kind: "wildcard-trailing" }
  | { kind: "wildcard-glued" }
  | { kind: "wildcard-in-label" }
  | { kind: "bracketed" }
  | { kind: "double-dot" }
  | { kind: "too-long"; length: number }
  | { kind: "char"; char: string; at: number };

const ODD_CHARACTERS = ["\u0000", "\u0007", "\u200d", "\u200b", "\u00ad", "\u202e", "\ud800", " ", "\u0301", "\u3000", "\t", "\ufeff", "\u2028"];

const mangleArb: fc.Arbitrary<Mangle> = fc.oneof(
  fc.constantFrom<Mangle>(
    { kind: "wildcard-middle" },
    { kind: "wildcard-trailing" },
    { kind: "wildcard-glued" },
    { kind: "wildcard-in-label" },
    { kind: "bracketed" },
    { kind: "double-dot" },
  ),
  fc.record({ kind: fc.constant("too-long" as const), length: fc.oneof(fc.integer({ min: 254, max: 1100 }), fc.integer({ min: 1100, max: 20_000 })) }),
  fc.record({ kind: fc.constant("char" as const), char: fc.constantFrom(...ODD_CHARACTERS), at: fc.nat() }),
);

export interface LeafSpec {
  host: HostChoice;
  decoration: Decoration;
  mangle?: Mangle;
}

const leafSpecArb: fc.Arbitrary<LeafSpec> = fc.record(
  { host: hostChoiceArb, decoration: decorationArb, mangle: fc.option(mangleArb, { freq: 6, nil: undefined }) },
  { requiredKeys: ["host", "decoration"] },
);

function resolveHost(choice: HostChoice, domains: readonly RegisteredSpec[]): HostTruth {
  switch (choice.kind) {
    case "custom": {
      const domain = domains[choice.domain % domains.length];
      return { kind: "custom", labels: [...choice.sub, domain.base], suffix: domain.suffix };
    }
    case "cloud":
      return { kind: "cloud", labels: choice.sub, cloudSuffix: choice.cloudSuffix };
    case "ip":
      return { kind: "ip", text: choice.text };
    case "unregistrable":
      return { kind: "unregistrable", text: choice.text };
  }
}

function labelText(label: Label, unicode: boolean): string {
  return unicode && label.unicode ? label.unicode : label.ascii;
}

function hostLabels(host: HostTruth, unicode: boolean): string[] {
  switch (host.kind) {
    case "custom":
      return [...host.labels.map((l) => labelText(l, unicode)), labelText(host.suffix, unicode)];
    case "cloud":
      return [...host.labels.map((l) => labelText(l, unicode)), ...host.cloudSuffix.split(".")];
    default:
      return [host.text];
  }
}

function mixedCase(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) out += i % 2 === 0 ? text[i].toUpperCase() : text[i];
  return out;
}

/** Writes a name as a user might: the core name, mangled or not, then dressed. */
export function renderHost(host: HostTruth, decoration: Decoration, mangle: Mangle | undefined): string {
  const named = host.kind === "custom" || host.kind === "cloud";
  let labels = hostLabels(host, decoration.unicode);
  if (mangle?.kind === "wildcard-middle") labels = [labels[0], "*", ...labels.slice(1)];
  if (mangle?.kind === "wildcard-in-label") labels = [`${labels[0].slice(0, 1)}*${labels[0].slice(1)}`, ...labels.slice(1)];
  if (mangle?.kind === "too-long") {
    const filler: string[] = [];
    let length = labels.join(".").length;
    while (length < mangle.length) {
      const label = "a".repeat(Math.min(63, Math.max(1, mangle.length - length)));
      filler.push(label);
      length += label.length + 1;
    }
    labels = [...filler, ...labels];
  }
  const separator = named ? SEPARATORS[decoration.separator] : ".";
  let core = labels.join(separator);
  if (mangle?.kind === "double-dot") core = core.replace(separator, `${separator}${separator}`);
  if (mangle?.kind === "char") {
    const at = mangle.at % (core.length + 1);
    core = core.slice(0, at) + mangle.char + core.slice(at);
  }
  if (decoration.upper === "all") core = core.toUpperCase();
  if (decoration.upper === "mixed") core = mixedCase(core);
  if (mangle?.kind === "wildcard-trailing") core = `${core}.*`;
  if (mangle?.kind === "wildcard-glued") core = `*${core}`;
  if (mangle?.kind === "bracketed") core = `[${core}]`;
  if (named) core = `${decoration.leading}${core}${decoration.trailingDot ? "." : ""}`;
  let text = core;
  if (decoration.port !== undefined) text = `${text}:${decoration.port}`;
  if (decoration.userinfo) text = `user@${text}`;
  text = `${decoration.scheme}${text}${decoration.path}`;
  return `${decoration.whitespace}${text}${decoration.whitespace}`;
}

// ---------- Values that are not names ----------

const sentinelArb = fc.constantFrom(...(Object.keys(UNKNOWN_SENTINELS) as UnknownKind[])).map((kind) => UNKNOWN_SENTINELS[kind]);

const markerArb = fc.nat({ max: 999_999 }).map((n) => `${SECRET_MARKER}${n}`);

/** Non-string values for a place that expects a string, list or object (some hide secrets). */
const garbageArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant({}),
  fc.constant([]),
  fc.array(fc.integer(), { maxLength: 3 }).map((list) => [list]),
  fc.dictionary(fc.constantFrom("a", "value", "domain"), fc.integer(), { maxKeys: 2 }),
  markerArb.map((marker) => [secret(marker)]),
  markerArb.map((marker) => ({ nested: secret(marker) })),
);

const noiseLeafArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme" }),
  fc.string({ unit: "binary", maxLength: 8 }),
  sentinelArb,
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom("www.unfiled-noise.cn", "noise.example.com", "*.*", "[cafe.de]"),
  fc.integer({ min: 1_000, max: 20_000 }).map((n) => "长".repeat(n)),
  markerArb.map((marker) => secret(marker)),
);

/** Deep lists or objects: the pack must not exhaust its stack on them. */
const deepArb: fc.Arbitrary<unknown> = fc.record({ depth: fc.integer({ min: 20, max: 300 }), list: fc.boolean(), leaf: noiseLeafArb }).map(({ depth, list, leaf }) => {
  let value: unknown = leaf;
  for (let i = 0; i < depth; i++) value = list ? [value] : { d: value };
  return value;
});

const manyKeysArb: fc.Arbitrary<unknown> = fc.integer({ min: 50, max: 2_000 }).map((count) => {
  const object: Record<string, number> = {};
  for (let i = 0; i < count; i++) object[`k${i}`] = i;
  return object;
});

const noiseValueArb: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: noiseLeafArb, weight: 6 },
  { arbitrary: fc.array(noiseLeafArb, { maxLength: 4 }), weight: 2 },
  { arbitrary: fc.dictionary(fc.string({ maxLength: 6 }), noiseLeafArb, { maxKeys: 4 }), weight: 2 },
  { arbitrary: deepArb, weight: 1 },
  { arbitrary: manyKeysArb, weight: 1 },
);

const NOISE_KEYS = ["description", "tags", "cdnType", "sources", "constructor", "toString", "hasOwnProperty", "", "😀", "Domain", "domain ", "__proto__", "x".repeat(300)];
const noiseKeyArb = fc.oneof(fc.constantFrom(...NOISE_KEYS), fc.string({ maxLength: 8 }));

// ---------- Mutations at every depth ----------

export type MutationOp =
  | { op: "unknown"; sentinel: string }
  | { op: "secret" }
  | { op: "null" }
  | { op: "garbage"; value: unknown }
  | { op: "singleton" }
  | { op: "noise"; key: string; value: unknown };

const mutationOpArb: fc.Arbitrary<MutationOp> = fc.oneof(
  { arbitrary: fc.record({ op: fc.constant("unknown" as const), sentinel: sentinelArb }), weight: 3 },
  { arbitrary: fc.constant<MutationOp>({ op: "secret" }), weight: 4 },
  { arbitrary: fc.constant<MutationOp>({ op: "null" }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant("garbage" as const), value: garbageArb }), weight: 1 },
  { arbitrary: fc.constant<MutationOp>({ op: "singleton" }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant("noise" as const), key: noiseKeyArb, value: noiseValueArb }), weight: 3 },
);

export interface Mutation {
  target: number;
  change: MutationOp;
}

// ---------- What decides where the resource serves from ----------

type Condition = NonNullable<HostnameSource["when"]>;

/** A property the location or a hostname condition reads, and what values make sense there. */
export type PlaceRole =
  | { role: "coverage"; vocabulary: string }
  | { role: "region"; format: string }
  | { role: "condition"; condition: Condition }
  | { role: "link" }
  | { role: "dns-value" };

/** Every property that decides the location or whether a hostname source applies. */
export function placeRoles(entry: CatalogueEntry): Map<string, PlaceRole> {
  const roles = new Map<string, PlaceRole>();
  const add = (path: string, role: PlaceRole) => {
    if (!roles.has(path)) roles.set(path, role);
  };
  const visit = (location: LocationSource): void => {
    switch (location.kind) {
      case "coverage":
        add(location.property, { role: "coverage", vocabulary: location.vocabulary });
        return;
      case "region":
        if (location.property) add(location.property, { role: "region", format: location.format ?? "id" });
        return;
      case "choice":
        add(location.when.property, { role: "condition", condition: location.when });
        visit(location.then);
        visit(location.otherwise);
        return;
      case "linked":
        if (location.match !== "name") add(location.property, { role: "link" });
        return;
      case "dns-record":
        add(location.value, { role: "dns-value" });
        return;
      default:
        return;
    }
  };
  visit(entry.location);
  for (const source of entry.hostnames) if (source.when) add(source.when.property, { role: "condition", condition: source.when });
  return roles;
}

export type TextVariant = "plain" | "upper" | "padded";

export type PlaceValueSpec =
  | { kind: "absent" }
  /** Values from the role's pool: several joined for list vocabularies; `typed` makes numbers and booleans of them. */
  | { kind: "pick"; indexes: number[]; joiner: "," | ", "; variant: TextVariant; typed: boolean }
  | { kind: "odd-text"; text: string };

const ODD_PLACE_TEXTS = ["", "   ", "moon-1", "cn-", "ap-", "cn-hongkong-2", "ap-hongkong-2", "cn\u2010shanghai", "ap-guangzhou\u0000", "海外", "domestic-only", "overseas;domestic", "overseas,domestic", "overseas,overseas", "0", "4", "01", "x".repeat(5_000)];

const placeValueArb: fc.Arbitrary<PlaceValueSpec> = fc.oneof(
  { arbitrary: fc.constant<PlaceValueSpec>({ kind: "absent" }), weight: 2 },
  {
    arbitrary: fc.record({
      kind: fc.constant("pick" as const),
      indexes: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }),
      joiner: fc.constantFrom<"," | ", ">(",", ", "),
      variant: fc.constantFrom<TextVariant>("plain", "plain", "upper", "padded"),
      typed: fc.boolean(),
    }),
    weight: 7,
  },
  { arbitrary: fc.record({ kind: fc.constant("odd-text" as const), text: fc.constantFrom(...ODD_PLACE_TEXTS) }), weight: 1 },
);

function regionPool(cloud: string): string[] {
  return cloud === "alicloud"
    ? [...ALIBABA_MAINLAND_REGIONS, ...ALIBABA_OUTSIDE_REGIONS, ...ALIBABA_OUTSIDE_REGIONS, ...TENCENT_MAINLAND_REGIONS.slice(0, 2)]
    : [...TENCENT_MAINLAND_REGIONS, ...TENCENT_OUTSIDE_REGIONS, ...TENCENT_OUTSIDE_REGIONS, ...ALIBABA_MAINLAND_REGIONS.slice(0, 2)];
}

const DNS_TARGETS: readonly string[] = [
  ...[...ALIBABA_MAINLAND_REGIONS, ...ALIBABA_OUTSIDE_REGIONS].map((region) => `assets.oss-${region}.aliyuncs.com`),
  ...[...TENCENT_MAINLAND_REGIONS, ...TENCENT_OUTSIDE_REGIONS].map((region) => `assets-1250000000.cos.${region}.myqcloud.com`),
  "1.2.3.4",
  "origin.example.net",
  "lb-123.cn-hangzhou.alb.aliyuncs.com",
];

function placePool(role: PlaceRole, cloud: string): string[] {
  switch (role.role) {
    case "coverage": {
      const words = vocabularyWords(role.vocabulary);
      return [...words.mainland, ...words.outside, "unrecognised-word"];
    }
    case "region":
      return role.format === "tencent-short-code" ? [...TENCENT_MAINLAND_CODES, ...TENCENT_OUTSIDE_CODES, ...regionPool(cloud)] : regionPool(cloud);
    case "condition": {
      const listed = "omitted" in role.condition ? [] : "oneOf" in role.condition ? role.condition.oneOf : role.condition.noneOf;
      return [...listed, ...listed, ...listed, ...listed, "MX", "TXT", "NS", "INNER", "OUTER", "true", "false", "1", "0", "hostname", "rule-1"];
    }
    case "link":
      return ["zone-1", "site-123", "listener-9", "proxy-7", "acc-2"];
    case "dns-value":
      return [...DNS_TARGETS];
  }
}

function applyVariant(text: string, variant: TextVariant): string {
  if (variant === "upper") return text.toUpperCase();
  if (variant === "padded") return ` ${text}\t`;
  return text;
}

function placeValue(spec: PlaceValueSpec, role: PlaceRole, cloud: string): unknown {
  if (spec.kind === "absent") return undefined;
  if (spec.kind === "odd-text") return spec.text;
  const pool = placePool(role, cloud);
  const joinable = role.role === "coverage" && vocabularyWords(role.vocabulary).list;
  const words = (joinable ? spec.indexes : spec.indexes.slice(0, 1)).map((index) => pool[index % pool.length]);
  if (spec.typed && words.length === 1) {
    if (/^\d+$/.test(words[0])) return Number(words[0]);
    if (words[0] === "true" || words[0] === "false") return words[0] === "true";
  }
  return applyVariant(words.join(spec.joiner), spec.variant);
}

/** Values the region of the provider can take. */
const providerRegionRole: PlaceRole = { role: "region", format: "id" };

// ---------- Records and waivers ----------

export type NameForm = "registered" | "www" | "upper" | "trailing-dot" | "wildcard" | "unicode";

export interface RecordSpec {
  domain: number;
  status: "approved" | "pending" | undefined;
  form: NameForm;
  number: number;
}

export type WaiverSpec =
  | { by: "domain"; domain: number; scope: "registered" | "www" | "near-miss"; form: "plain" | "upper" | "unicode"; live: boolean }
  | { by: "name" | "urn"; live: boolean };

const recordSpecArb: fc.Arbitrary<RecordSpec> = fc.record({
  domain: fc.nat(),
  status: fc.constantFrom<"approved" | "pending" | undefined>("approved", undefined, "pending"),
  form: fc.constantFrom<NameForm>("registered", "www", "upper", "trailing-dot", "wildcard", "unicode"),
  number: fc.nat(),
});

const waiverSpecArb: fc.Arbitrary<WaiverSpec> = fc.oneof(
  fc.record({
    by: fc.constant("domain" as const),
    domain: fc.nat(),
    scope: fc.constantFrom<"registered" | "www" | "near-miss">("registered", "www", "near-miss"),
    form: fc.constantFrom<"plain" | "upper" | "unicode">("plain", "upper", "unicode"),
    live: fc.boolean(),
  }),
  fc.record({ by: fc.constantFrom<"name" | "urn">("name", "urn"), live: fc.boolean() }),
);

function domainText(domain: RegisteredSpec, form: NameForm | "plain"): string {
  const ascii = `${domain.base.ascii}.${domain.suffix.ascii}`;
  switch (form) {
    case "registered":
    case "plain":
      return ascii;
    case "www":
      return `www.${ascii}`;
    case "upper":
      return ascii.toUpperCase();
    case "trailing-dot":
      return `${ascii}.`;
    case "wildcard":
      return `*.${ascii}`;
    case "unicode":
      return `${labelText(domain.base, true)}.${labelText(domain.suffix, true)}`;
  }
}

// ---------- The scenario ----------

/** Several names in one value: comma-joined (split) or a JSON array (json). */
export type ValueSpec = LeafSpec | LeafSpec[];

export interface ZoneSpec {
  zone: LeafSpec;
  relative: { kind: "omitted" } | { kind: "apex"; text: "@" | "" } | { kind: "labels"; labels: Label[]; wildcard: boolean; trailingDot: boolean };
}

export interface SourceSpec {
  values: ValueSpec[];
  zone?: ZoneSpec;
  decoys: number;
  /** With a list inside a list, put every name in one outer element. */
  groupAll: boolean;
  rotate: number;
}

export interface ProviderSpec {
  type: "matching" | "other" | "empty";
  name: string;
  region: PlaceValueSpec;
}

export interface Scenario {
  entry: CatalogueEntry;
  name: string;
  dryRun: boolean;
  domains: RegisteredSpec[];
  sources: SourceSpec[];
  places: PlaceValueSpec[];
  provider: ProviderSpec | undefined;
  records: RecordSpec[];
  waivers: WaiverSpec[];
  language: "en" | "zh" | undefined;
  mutations: Mutation[];
}

function hasList(pattern: string): boolean {
  return pattern.includes("[");
}

const zoneSpecArb: fc.Arbitrary<ZoneSpec> = fc.record({
  zone: leafSpecArb,
  relative: fc.oneof(
    fc.constant({ kind: "omitted" as const }),
    fc.record({ kind: fc.constant("apex" as const), text: fc.constantFrom<"@" | "">("@", "") }),
    fc.record({ kind: fc.constant("labels" as const), labels: fc.array(subLabel, { minLength: 1, maxLength: 2 }), wildcard: fc.boolean(), trailingDot: fc.boolean() }),
  ),
});

function sourceSpecArb(source: HostnameSource): fc.Arbitrary<SourceSpec> {
  const several = source.split !== undefined || source.json === true;
  const value: fc.Arbitrary<ValueSpec> = several ? fc.array(leafSpecArb, { minLength: 1, maxLength: 3 }) : leafSpecArb;
  return fc.record(
    {
      values: source.zone
        ? fc.constant([])
        : fc.oneof({ arbitrary: fc.array(value, { minLength: 1, maxLength: hasList(source.path) ? 4 : 1 }), weight: 6 }, { arbitrary: fc.constant<ValueSpec[]>([]), weight: 1 }),
      zone: source.zone ? zoneSpecArb : fc.constant(undefined),
      decoys: hasList(source.path) ? fc.nat(2) : fc.constant(0),
      groupAll: fc.boolean(),
      rotate: fc.nat(),
    },
    { requiredKeys: ["values", "decoys", "groupAll", "rotate"] },
  );
}

const nameArb = fc.oneof(fc.constantFrom("site", "web", "cdn-main", "站点"), fc.string({ minLength: 1, maxLength: 24 }).filter((name) => !name.includes("::")));

export function scenarioArb(entry: CatalogueEntry): fc.Arbitrary<Scenario> {
  const roles = placeRoles(entry);
  return fc.record({
    entry: fc.constant(entry),
    name: nameArb,
    dryRun: fc.boolean(),
    domains: fc.array(registeredArb, { minLength: 1, maxLength: 4 }),
    sources: entry.hostnames.length === 0 ? fc.constant([]) : fc.tuple(...entry.hostnames.map(sourceSpecArb)),
    places: roles.size === 0 ? fc.constant([]) : fc.tuple(...[...roles.keys()].map(() => placeValueArb)),
    provider: fc.option(
      fc.record({
        type: fc.constantFrom<"matching" | "other" | "empty">("matching", "matching", "other", "empty"),
        name: fc.constantFrom("default_3_108_0", "explicit", "区域"),
        region: placeValueArb,
      }),
      { freq: 4, nil: undefined },
    ),
    records: fc.oneof({ arbitrary: fc.constant<RecordSpec[]>([]), weight: 1 }, { arbitrary: fc.array(recordSpecArb, { minLength: 1, maxLength: 3 }), weight: 2 }),
    waivers: fc.array(waiverSpecArb, { maxLength: 2 }),
    language: fc.constantFrom<"en" | "zh" | undefined>(undefined, "en", "zh"),
    mutations: fc.oneof(
      { arbitrary: fc.constant<Mutation[]>([]), weight: 2 },
      { arbitrary: fc.array(fc.record({ target: fc.nat(), change: mutationOpArb }), { minLength: 1, maxLength: 6 }), weight: 3 },
    ),
  });
}

// ---------- Rendering ----------

export interface RenderedCase {
  scenario: Scenario;
  entry: CatalogueEntry;
  name: string;
  urn: string;
  props: Record<string, unknown>;
  provider?: { type: string; name: string; urn: string; props: Record<string, unknown> };
  config: { filings: Record<string, string>[]; waivers: Record<string, string>[]; language?: string };
  oracle: OracleCase;
}

const EQUALITY_DECOYS = ["Path", "Header", "Method", "Hostname", "QueryString"];

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(SECRET_SIG_KEY in value);
}

function setField(object: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Puts two renderings of the same field together: lists concatenate, objects merge. */
function merge(existing: unknown, incoming: unknown): unknown {
  if (Array.isArray(existing) && Array.isArray(incoming)) return [...existing, ...incoming];
  if (isPlainObject(existing) && isPlainObject(incoming)) {
    for (const key of Object.keys(incoming)) {
      setField(existing, key, Object.prototype.hasOwnProperty.call(existing, key) ? merge(existing[key], incoming[key]) : incoming[key]);
    }
  }
  return existing;
}

function setAtPath(root: Record<string, unknown>, dotted: string, value: unknown): void {
  const names = dotted.split(".");
  let object = root;
  for (const name of names.slice(0, -1)) {
    if (!Object.prototype.hasOwnProperty.call(object, name)) setField(object, name, {});
    const next = object[name];
    if (!isPlainObject(next)) return;
    object = next;
  }
  const last = names[names.length - 1];
  setField(object, last, Object.prototype.hasOwnProperty.call(object, last) ? merge(object[last], value) : value);
}

/** Builds values in a fixed order, numbering each, so that mutations can target any depth. */
class Builder {
  private count = 0;
  constructor(
    private readonly plan: ReadonlyMap<number, MutationOp[]>,
    private readonly reserved: ReadonlySet<string>,
  ) {}

  get nodes(): number {
    return this.count;
  }

  node(value: unknown): unknown {
    const id = this.count++;
    for (const change of this.plan.get(id) ?? []) value = this.apply(value, change);
    return value;
  }

  private apply(value: unknown, change: MutationOp): unknown {
    switch (change.op) {
      case "unknown":
        return change.sentinel;
      case "secret":
        return secret(value);
      case "null":
        return null;
      case "garbage":
        return change.value;
      case "singleton":
        return Array.isArray(value) && value.length === 1 ? value[0] : value;
      case "noise":
        if (isPlainObject(value) && !this.reserved.has(change.key)) setField(value, change.key, change.value);
        return value;
    }
  }
}

export function renderScenario(scenario: Scenario): RenderedCase {
  const { entry } = scenario;
  const urn = makeUrn(DEFAULT_STACK, DEFAULT_PROJECT, entry.type, scenario.name);
  const leaves = new Map<string, LeafTruth>();
  const roles = placeRoles(entry);
  const reserved = new Set<string>(["region"]);
  for (const source of entry.hostnames) {
    for (const path of [source.path, source.zone].filter((p): p is string => p !== undefined)) {
      for (const segment of parsePathPattern(path)) {
        reserved.add(segment.name);
        if (segment.filter) reserved.add(segment.filter.field);
      }
    }
  }
  for (const path of roles.keys()) for (const name of path.split(".")) reserved.add(name);

  const register = (text: string, truth: LeafTruth) => {
    const known = leaves.get(text);
    // Two specs can render the same text; keep the stricter reading (a well-formed name).
    if (!known || (known.mangled && !truth.mangled)) leaves.set(text, truth);
  };
  const renderLeaf = (spec: LeafSpec, decoration = spec.decoration): { text: string; truth: LeafTruth } => {
    const host = resolveHost(spec.host, scenario.domains);
    const text = renderHost(host, decoration, spec.mangle);
    const truth: LeafTruth = spec.mangle ? { host, mangled: spec.mangle.kind } : { host };
    register(text, truth);
    return { text, truth };
  };
  const valueText = (source: HostnameSource, value: ValueSpec): string => {
    if (!Array.isArray(value)) return renderLeaf(value).text;
    const parts = value.map((part) => renderLeaf(part).text);
    if (source.json) return JSON.stringify(parts);
    if (source.split === "," && parts.length % 2 === 0) {
      // Joined with ", ": a reader splitting on the comma sees the later parts with a leading space.
      for (const part of parts.slice(1)) register(` ${part}`, leaves.get(part)!);
      return parts.join(", ");
    }
    return parts.join(source.split ?? "");
  };
  const decoyText = (n: number): string => renderLeaf({ host: { kind: "custom", domain: n, sub: [{ ascii: "decoy" }] }, decoration: PLAIN }).text;

  const build = (plan: ReadonlyMap<number, MutationOp[]>) => {
    const b = new Builder(plan, reserved);
    const props: Record<string, unknown> = {};
    entry.hostnames.forEach((source, index) => {
      const spec = scenario.sources[index];
      if (source.zone && spec.zone) {
        renderZone(b, props, source, source.zone, spec.zone);
        return;
      }
      const segments = parsePathPattern(source.path);
      const texts = spec.values.map((value) => valueText(source, value));
      const filterValues = (segment: (typeof segments)[number]) =>
        segment.filter!.negated ? { served: [undefined, "ENABLED", "enabled"], decoys: [segment.filter!.equals, segment.filter!.equals.toLowerCase()] } : { served: [segment.filter!.equals, segment.filter!.equals.toLowerCase(), segment.filter!.equals.toUpperCase()], decoys: EQUALITY_DECOYS };
      const element = (i: number, group: string[], filter?: { field: string; value: string | undefined }): unknown => {
        const object: Record<string, unknown> = {};
        if (filter && filter.value !== undefined) setField(object, filter.field, b.node(filter.value));
        const value = fieldValue(i, group);
        if (value !== undefined) setField(object, segments[i].name, value);
        return b.node(object);
      };
      const fieldValue = (i: number, group: string[]): unknown => {
        const segment = segments[i];
        const last = i === segments.length - 1;
        if (!segment.each) return last ? b.node(group[0]) : element(i + 1, group);
        const innerList = segments.slice(i + 1).some((s) => s.each);
        const groups = last ? group.map((text) => [text]) : innerList && spec.groupAll && group.length > 0 ? [group] : group.map((text) => [text]);
        const choices = segment.filter ? filterValues(segment) : undefined;
        const items: unknown[] = groups.map((g, n) =>
          last ? b.node(g[0]) : element(i + 1, g, choices && { field: segment.filter!.field, value: choices.served[(spec.rotate + n) % choices.served.length] }),
        );
        for (let d = 0; d < spec.decoys; d++) {
          if (choices && !last) items.push(element(i + 1, [decoyText(d)], { field: segment.filter!.field, value: choices.decoys[(spec.rotate + d) % choices.decoys.length] }));
          else items.push(b.node([null, 0, {}, []][(spec.rotate + d) % 4]));
        }
        const shift = items.length === 0 ? 0 : spec.rotate % items.length;
        return b.node([...items.slice(shift), ...items.slice(0, shift)]);
      };
      if (texts.length === 0 && !hasList(source.path)) return;
      setAtPath(props, segments[0].name, fieldValue(0, texts));
    });
    [...roles].forEach(([path, role], index) => {
      const value = placeValue(scenario.places[index], role, entry.cloud);
      if (value !== undefined) setAtPath(props, path, b.node(value));
    });
    let providerProps: Record<string, unknown> | undefined;
    if (scenario.provider) {
      providerProps = { version: entry.cloud === "alicloud" ? "3.108.0" : "0.2.3" };
      const region = placeValue(scenario.provider.region, providerRegionRole, entry.cloud);
      if (region !== undefined) providerProps.region = b.node(region);
      providerProps = b.node(providerProps) as Record<string, unknown>;
    }
    b.node(props); // the root only takes noise
    return { props, providerProps, nodes: b.nodes };
  };

  const renderZone = (b: Builder, props: Record<string, unknown>, source: HostnameSource, zonePath: string, spec: ZoneSpec) => {
    const zone = renderLeaf(spec.zone, zoneDecoration(spec.zone.decoration));
    const relative = spec.relative;
    let relativeText: string | undefined;
    let relativeLabels: Label[] = [];
    if (relative.kind === "apex") relativeText = relative.text;
    if (relative.kind === "labels") {
      relativeLabels = relative.labels;
      relativeText = `${relative.wildcard ? "*." : ""}${relative.labels.map((l) => l.ascii).join(".")}${relative.trailingDot ? "." : ""}`;
    }
    // Every name a reader can compose from these parts, whatever mutations leave of them.
    // Under a zone that is no domain (an address, a public suffix) the oracle makes no claim.
    const notDomain = zone.truth.host.kind === "ip" || zone.truth.host.kind === "unregistrable";
    const compose = (text: string, labels: Label[]) =>
      register(composeDnsName(text, zone.text), { host: below(zone.truth.host, labels), mangled: zone.truth.mangled ?? (notDomain ? "zone-not-a-domain" : undefined) });
    compose("@", []);
    if (source.relativeWhenOmitted !== undefined) compose(source.relativeWhenOmitted, []);
    if (relativeText !== undefined) compose(relativeText, relativeLabels);
    setAtPath(props, zonePath, b.node(zone.text));
    if (relativeText !== undefined) setAtPath(props, source.path, b.node(relativeText));
  };

  const { nodes } = build(new Map());
  const plan = new Map<number, MutationOp[]>();
  for (const mutation of scenario.mutations) {
    const target = mutation.target % Math.max(1, nodes);
    plan.set(target, [...(plan.get(target) ?? []), mutation.change]);
  }
  const built = build(plan);
  const props = built.props;
  // The provider's own object must stay an object (the engine sends a Struct).
  const providerProps = built.providerProps !== undefined && !isPlainObject(built.providerProps) ? { version: "3.108.0" } : built.providerProps;

  const provider = scenario.provider
    ? {
        type: scenario.provider.type === "matching" ? `pulumi:providers:${entry.cloud}` : scenario.provider.type === "other" ? "pulumi:providers:aws" : "",
        name: scenario.provider.name,
        urn: makeUrn(DEFAULT_STACK, DEFAULT_PROJECT, `pulumi:providers:${entry.cloud}`, scenario.provider.name),
        props: providerProps!,
      }
    : undefined;

  // Records and waivers, and the oracle's reading of them.
  const records: OracleRecords = { approved: new Map(), liveWaiverDomains: [], liveWaiverResources: [] };
  const filings = scenario.records.map((record) => {
    const domain = scenario.domains[record.domain % scenario.domains.length];
    const registered = `${domain.base.ascii}.${domain.suffix.ascii}`;
    const approved = record.status !== "pending";
    records.approved.set(registered, records.approved.get(registered) === true || approved);
    const filing: Record<string, string> = { domain: domainText(domain, record.form), number: FILING_NUMBERS[record.number % FILING_NUMBERS.length] };
    if (record.status) filing.status = record.status;
    return filing;
  });
  const waivers = scenario.waivers.map((waiver) => {
    const base = { reason: "fuzz", expires: waiver.live ? LIVE_UNTIL : EXPIRED_ON };
    if (waiver.by === "domain") {
      const domain = scenario.domains[waiver.domain % scenario.domains.length];
      const registered = `${domain.base.ascii}.${domain.suffix.ascii}`;
      const scope = waiver.scope === "registered" ? registered : waiver.scope === "www" ? `www.${registered}` : `x${registered}`;
      if (waiver.live) records.liveWaiverDomains.push(scope);
      const text = waiver.form === "upper" ? scope.toUpperCase() : waiver.form === "unicode" && waiver.scope === "registered" ? domainText(domain, "unicode") : scope;
      return { domain: text, ...base };
    }
    const resource = waiver.by === "name" ? scenario.name : urn;
    if (waiver.live) records.liveWaiverResources.push(resource);
    return { resource, ...base };
  });
  const config: RenderedCase["config"] = { filings, waivers };
  if (scenario.language) config.language = scenario.language;

  return {
    scenario,
    entry,
    name: scenario.name,
    urn,
    props,
    provider,
    config,
    oracle: { entry, name: scenario.name, urn, props, providerProps: provider?.props, dryRun: scenario.dryRun, records, leaves },
  };
}

/** Secret names' texts that appear nowhere in the clear: messages must not contain them. */
export function secretOnlyTexts(rendered: RenderedCase, secretHosts: readonly HostTruth[], publicHosts: readonly HostTruth[]): string[] {
  const publicText = [
    JSON.stringify(stripSecrets(rendered.props)),
    JSON.stringify(stripSecrets(rendered.provider ?? {})),
    JSON.stringify(rendered.config),
    JSON.stringify(rendered.entry),
    rendered.urn,
    ...publicHosts.flatMap((host) => [canonicalHostname(host), registeredDomain(host) ?? ""]),
  ].join("\n");
  const texts = new Set<string>();
  for (const host of secretHosts) {
    for (const text of [canonicalHostname(host), registeredDomain(host)]) {
      if (text && text.length >= 6 && !publicText.includes(text)) texts.add(text);
    }
  }
  return [...texts];
}

function stripSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripSecrets);
  if (typeof value === "object" && value !== null) {
    if (SECRET_SIG_KEY in value) return "[secret]";
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) out[key] = stripSecrets((value as Record<string, unknown>)[key]);
    return out;
  }
  return value;
}
