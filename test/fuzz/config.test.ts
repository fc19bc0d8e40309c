// Malformed icp-filing-required configs, generated: a valid config with one field corrupted
// (wrong type, bad value, missing, unknown field), sometimes inside thousands of records. Each
// must give an error naming the field, and the pack must fail closed: a mandatory violation on
// every resource the policy checks, even one that would pass with a good config.

import fc from "fast-check";
import type { ResourceValidation, ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { describe, expect, it } from "vitest";
import { toPulumiPolicy } from "../../policy-pack/adapt";
import { CATALOGUE } from "../../rules/catalogue";
import { filingRequiredDefinition } from "../../rules/filing-required";
import { fuzzParameters, FUZZ_RUNS } from "./runs";
import { FILING_NUMBERS } from "./scenario";

const CONFIG_RUNS = Math.max(200, Math.ceil(FUZZ_RUNS / 10));
const TODAY = new Date().toISOString().slice(0, 10);

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { unknownCheckingProxy } = require("@pulumi/policy/proxy") as { unknownCheckingProxy<T>(target: T): T };

type Json = unknown;
type Config = Record<string, Json>;

const domainArb = fc.oneof(
  fc.constantFrom("example.com", "例子.中国", "shop.cn", "WWW.Shop.COM.CN.", "*.cdn.example.net"),
  fc.stringMatching(/^[a-z][a-z0-9]{3,10}$/).map((label) => `${label}.com`),
);
const recordArb = fc.record(
  { domain: domainArb, number: fc.constantFrom(...FILING_NUMBERS), status: fc.constantFrom("approved", "pending") },
  { requiredKeys: ["domain", "number"] },
);
const waiverArb = fc.oneof(
  fc.record({ domain: domainArb, reason: fc.constant("moving to Hong Kong"), expires: fc.constantFrom("2099-12-31", "2020-01-01") }),
  fc.record({ resource: fc.constantFrom("site", "urn:pulumi:dev::p::t::site"), reason: fc.constant("legacy"), expires: fc.constant("2099-12-31") }),
);

/** Values of the wrong type for any field. */
const wrongTypeArb: fc.Arbitrary<Json> = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
  fc.constant({}),
  fc.constant([]),
  fc.array(fc.integer(), { minLength: 1, maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { minKeys: 1, maxKeys: 3 }),
);

const badStringArb = (values: string[]) => fc.oneof(fc.constantFrom(...values), wrongTypeArb);

/** Fields of each kind of entry, with values that must be rejected there. */
const BAD_VALUES: Record<string, fc.Arbitrary<Json>> = {
  "filing.domain": badStringArb(["", "com.cn", "1.2.3.4", "[2001:db8::1]", "bucket.oss-cn-hangzhou.aliyuncs.com", "*", "a*b.example.com", "x".repeat(2_000)]),
  "filing.number": badStringArb(["", "ICP", "京ICP备123号", "京ICP备123456789号-1", "京公网安备11010802020123号", "x".repeat(5_000)]),
  "filing.status": badStringArb(["APPROVED", "approved ", "ok", "filed", ""]),
  "filing.provider": badStringArb([""]),
  "filing.psb": badStringArb([""]),
  "filing.licence": badStringArb([""]),
  "waiver.reason": badStringArb([""]),
  "waiver.expires": badStringArb(["", "2027-13-01", "31/01/2027", "2027-02-30", "tomorrow", "2027-1-1"]),
  "waiver.domain": wrongTypeArb.filter((value) => value !== null),
  "waiver.resource": wrongTypeArb.filter((value) => value !== null),
  language: badStringArb(["fr", "EN", "zh-CN", ""]),
};

const UNKNOWN_FIELDS = ["colour", "domian", "Number", "expiry", "enforcementLevel", "__proto__", "constructor"];

export type Corruption =
  | { at: "config"; value: Json }
  | { at: "config-field"; name: string; value: Json }
  | { at: "list"; list: "filings" | "waivers"; value: Json }
  | { at: "entry"; list: "filings" | "waivers"; index: number; value: Json }
  | { at: "entry-field"; list: "filings" | "waivers"; index: number; field: string; value: Json }
  | { at: "entry-missing"; list: "filings" | "waivers"; index: number; field: string }
  | { at: "entry-unknown"; list: "filings" | "waivers"; index: number; field: string; value: Json }
  | { at: "waiver-target"; index: number; both: boolean }
  | { at: "language"; value: Json };

const corruptionArb: fc.Arbitrary<Corruption> = fc.oneof(
  fc.record({ at: fc.constant("config" as const), value: fc.oneof(fc.constant([]), fc.constant("filings"), fc.integer(), fc.constant(true)) }),
  fc.record({ at: fc.constant("config-field" as const), name: fc.constantFrom(...UNKNOWN_FIELDS, "filing", "waiver", "records"), value: wrongTypeArb }),
  fc.record({ at: fc.constant("list" as const), list: fc.constantFrom("filings" as const, "waivers" as const), value: wrongTypeArb.filter((v) => !Array.isArray(v)) }),
  fc.record({ at: fc.constant("entry" as const), list: fc.constantFrom("filings" as const, "waivers" as const), index: fc.nat(), value: fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.constant([])) }),
  fc.nat().chain((index) =>
    fc.constantFrom(...Object.keys(BAD_VALUES).filter((key) => key.includes("."))).chain((key) => {
      const [kind, field] = key.split(".");
      return BAD_VALUES[key].map(
        (value): Corruption => ({ at: "entry-field", list: kind === "filing" ? "filings" : "waivers", index, field, value }),
      );
    }),
  ),
  fc.record({
    at: fc.constant("entry-missing" as const),
    list: fc.constant("filings" as const),
    index: fc.nat(),
    field: fc.constantFrom("domain", "number"),
  }),
  fc.record({ at: fc.constant("entry-missing" as const), list: fc.constant("waivers" as const), index: fc.nat(), field: fc.constantFrom("reason", "expires") }),
  fc.record({
    at: fc.constant("entry-unknown" as const),
    list: fc.constantFrom("filings" as const, "waivers" as const),
    index: fc.nat(),
    field: fc.constantFrom(...UNKNOWN_FIELDS),
    value: fc.oneof(fc.string(), fc.integer(), fc.constant({ approved: true })),
  }),
  fc.record({ at: fc.constant("waiver-target" as const), index: fc.nat(), both: fc.boolean() }),
  fc.record({ at: fc.constant("language" as const), value: BAD_VALUES.language }),
);

const baseArb = fc.record({
  filings: fc.oneof(
    { arbitrary: fc.array(recordArb, { minLength: 1, maxLength: 6 }), weight: 19 },
    // Huge lists: the corrupted entry hides among thousands of good ones.
    { arbitrary: fc.integer({ min: 1_000, max: 5_000 }).chain((n) => fc.array(recordArb, { minLength: n, maxLength: n })), weight: 1 },
  ),
  waivers: fc.array(waiverArb, { minLength: 1, maxLength: 4 }),
  language: fc.constantFrom(undefined, "en", "zh"),
});

function setOwn(object: Record<string, Json>, key: string, value: Json): void {
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Applies a corruption; returns the config and the field the error must name. */
export function corrupt(base: { filings: Config[]; waivers: Config[]; language?: string }, corruption: Corruption): { config: Json; field: string } {
  const config: Config = { filings: base.filings.map((r) => ({ ...r })), waivers: base.waivers.map((w) => ({ ...w })) };
  if (base.language) config.language = base.language;
  const list = (name: "filings" | "waivers") => config[name] as Config[];
  const at = (name: "filings" | "waivers", index: number) => index % list(name).length;
  switch (corruption.at) {
    case "config":
      return { config: corruption.value, field: "(config)" };
    case "config-field":
      setOwn(config, corruption.name, corruption.value);
      return { config, field: "(config)" };
    case "list":
      config[corruption.list] = corruption.value;
      return { config, field: corruption.list };
    case "entry": {
      const index = at(corruption.list, corruption.index);
      list(corruption.list)[index] = corruption.value as Config;
      return { config, field: `${corruption.list}[${index}]` };
    }
    case "entry-field": {
      const index = at(corruption.list, corruption.index);
      const entry = list(corruption.list)[index];
      // A waiver names either a domain or a resource; corrupt the one it has, or add the other's wrong type.
      setOwn(entry, corruption.field, corruption.value);
      if (corruption.list === "waivers" && (corruption.field === "domain" || corruption.field === "resource")) {
        delete entry[corruption.field === "domain" ? "resource" : "domain"];
      }
      return { config, field: `${corruption.list}[${index}].${corruption.field}` };
    }
    case "entry-missing": {
      const index = at(corruption.list, corruption.index);
      delete list(corruption.list)[index][corruption.field];
      return { config, field: `${corruption.list}[${index}].${corruption.field}` };
    }
    case "entry-unknown": {
      const index = at(corruption.list, corruption.index);
      setOwn(list(corruption.list)[index], corruption.field, corruption.value);
      return { config, field: `${corruption.list}[${index}]` };
    }
    case "waiver-target": {
      const index = at("waivers", corruption.index);
      const waiver = list("waivers")[index];
      if (corruption.both) {
        waiver.domain = "example.com";
        waiver.resource = "site";
      } else {
        delete waiver.domain;
        delete waiver.resource;
      }
      return { config, field: `waivers[${index}]` };
    }
    case "language":
      config.language = corruption.value;
      return { config, field: "language" };
  }
}

function namesField(problems: readonly string[], field: string): boolean {
  return problems.some((problem) => problem.startsWith(`${field}: `) || problem.startsWith(`${field}.`) || problem.startsWith(`${field}[`));
}

const policy = toPulumiPolicy(filingRequiredDefinition) as ResourceValidationPolicy;
const validate = (Array.isArray(policy.validateResource) ? policy.validateResource[0] : policy.validateResource) as ResourceValidation;

/** The pack's verdict on one resource under a config, as @pulumi/policy's server would call it. */
function packViolations(type: string, props: Record<string, unknown>, config: Json) {
  const violations: { message: string; enforcementLevel?: string }[] = [];
  const report = (violation: string | { message: string; enforcementLevel?: string }) =>
    violations.push(typeof violation === "string" ? { message: violation } : violation);
  const args = {
    type,
    name: "site",
    urn: `urn:pulumi:dev::p::${type}::site`,
    props: unknownCheckingProxy(props),
    opts: {},
    stackTags: new Map(),
    getConfig: () => config,
  } as unknown as ResourceValidationArgs;
  validate(args, report as never);
  return violations;
}

/** A resource of each catalogued type that the policy checks, and that a good config lets pass when it can. */
function passingProps(type: string): Record<string, unknown> {
  const entry = CATALOGUE.find((e) => e.type === type)!;
  const props: Record<string, unknown> = {};
  const first = entry.hostnames[0]?.path.split(".")[0].replace(/\[.*$/, "");
  if (first) props[first] = "www.example.com";
  if (entry.location.kind === "coverage") props[entry.location.property] = "overseas";
  return props;
}

describe("malformed icp-filing-required config", () => {
  it(`names the bad field and fails closed (${CONFIG_RUNS} configs)`, () => {
    fc.assert(
      fc.property(baseArb, corruptionArb, fc.constantFrom(...CATALOGUE.map((e) => e.type)), (base, corruption, type) => {
        const { config, field } = corrupt(base as never, corruption);
        const prepared = filingRequiredDefinition.prepare(config, TODAY);
        if (prepared.ok) throw new Error(`accepted a config with a bad ${field}: ${JSON.stringify(config).slice(0, 300)}`);
        if (!namesField(prepared.problems, field)) throw new Error(`no problem names ${field}: ${JSON.stringify(prepared.problems.slice(0, 5))}`);

        const violations = packViolations(type, passingProps(type), config);
        const mandatory = violations.filter((v) => v.enforcementLevel !== "advisory");
        if (mandatory.length !== 1) throw new Error(`expected one mandatory violation on ${type}, got ${JSON.stringify(violations)}`);
        if (!mandatory[0].message.includes(field === "(config)" ? "(config)" : field)) {
          throw new Error(`the violation does not name ${field}: ${mandatory[0].message.slice(0, 300)}`);
        }
        if (mandatory[0].message.length > 20_000) throw new Error(`violation message of ${mandatory[0].message.length} characters`);
        if (packViolations("alicloud:ecs/instance:Instance", {}, config).length !== 0) throw new Error("a type the policy does not check was blocked");
      }),
      fuzzParameters(CONFIG_RUNS),
    );
  });

  it("accepts the good configs the generator corrupts (so every rejection above is the corruption's)", () => {
    fc.assert(
      fc.property(baseArb, (base) => {
        const config: Config = { filings: base.filings, waivers: base.waivers };
        if (base.language) config.language = base.language;
        const prepared = filingRequiredDefinition.prepare(config, TODAY);
        if (!prepared.ok) throw new Error(prepared.problems.join("; "));
      }),
      fuzzParameters(Math.ceil(CONFIG_RUNS / 4)),
    );
  });

  it("rejects a __proto__ key instead of reading records through it", () => {
    const polluted = JSON.parse('{"__proto__": {"filings": [{"domain": "www.shop.cn", "number": "浙ICP备2021003158号-1"}]}}');
    const prepared = filingRequiredDefinition.prepare(polluted, TODAY);
    expect(prepared.ok).toBe(false);
    expect(({} as Record<string, unknown>).filings).toBeUndefined();
    const blocked = packViolations("alicloud:cdn/domainNew:DomainNew", { domainName: "www.shop.cn" }, polluted);
    expect(blocked.filter((v) => v.enforcementLevel !== "advisory")).toHaveLength(1);
  });
});
