// The pack's hot-path shortcuts found by the bench must not change what the rules see: a lazily
// converted view reads exactly as an eagerly converted one.

import fc from "fast-check";
import { beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { parseConfig } from "../../rules/config";
import { CLOUD_ASSIGNED_SUFFIXES, isCloudAssigned, normaliseHostname } from "../../rules/hostname";
import { fromWireObject, lazyFromWireObject, memoised, readOne, readPath, Secret, SENTINEL_LENGTH, Unknown, UNKNOWN_SENTINELS, ViewMemo, type ResourceView } from "../../rules/view";
import { utcDay } from "../../rules/waivers";

const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
const UNKNOWN_STRING = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

// Both ways a source can say which properties it has: a list of keys, or an own-property test.
const SOURCE_KINDS = ["keys", "has"] as const;
let sourceKind: (typeof SOURCE_KINDS)[number] = "keys";

function lazily(record: Record<string, unknown>) {
  const reads: string[] = [];
  const read = (key: string) => {
    reads.push(key);
    return record[key];
  };
  const has = sourceKind === "has" ? (key: string) => Object.prototype.hasOwnProperty.call(record, key) : undefined;
  const view = lazyFromWireObject(() => Object.keys(record), read, has);
  return { view, reads };
}

const wireValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    fc.constantFrom<unknown>(null, true, 1.5, "", "www.example.com", UNKNOWN_STRING),
    fc.array(tie("value"), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom("domain", "scope", "value", "list", "__proto__"), tie("value"), { maxKeys: 3 }),
    tie("value").map((value) => ({ [SIG_KEY]: SECRET_SIG, value })),
  ),
}));

describe.each(SOURCE_KINDS)("lazyFromWireObject, its source telling its properties by %s", (kind) => {
  beforeEach(() => {
    sourceKind = kind;
  });

  it("reads as fromWireObject does, whatever the wire object", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ maxLength: 6 }), wireValue.value, { maxKeys: 5 }), (record) => {
        const eager = fromWireObject(record);
        const { view } = lazily(record);
        expect(Object.keys(view)).toEqual(Object.keys(eager));
        expect(view).toEqual(eager);
        expect({ ...lazily(record).view }).toEqual(eager);
        expect(JSON.stringify(lazily(record).view)).toBe(JSON.stringify(eager));
        for (const key of [...Object.keys(record), "constructor", "toString", "missing"]) {
          const fresh = lazily(record).view;
          expect(key in fresh).toBe(key in eager);
          expect(Object.prototype.hasOwnProperty.call(fresh, key)).toBe(Object.prototype.hasOwnProperty.call(eager, key));
          for (const pattern of [key, `${key}[]`, `${key}.domain`, `${key}[].value`]) {
            if (key.includes(".") || key.includes("[") || key.includes("]") || key === "") continue;
            expect(readPath(lazily(record).view, pattern)).toEqual(readPath(eager, pattern));
          }
        }
      }),
    );
  });

  it("converts a property only when it is read, once", () => {
    const { view, reads } = lazily({ domainName: "www.example.com", sources: [{ content: "origin" }], scope: UNKNOWN_STRING });
    expect(reads).toEqual([]);
    expect(readPath(view, "domainName")[0]?.value).toBe("www.example.com");
    expect(view.scope).toBeInstanceOf(Unknown);
    expect(view.scope).toBe(view.scope);
    expect(reads).toEqual(["domainName", "scope"]);
    expect(Object.prototype.hasOwnProperty.call(view, "sources")).toBe(true);
  });

  it("relies on every unknown sentinel having the length fromWireValue checks first", () => {
    for (const sentinel of Object.keys(UNKNOWN_SENTINELS)) expect(sentinel).toHaveLength(SENTINEL_LENGTH);
  });

  it("asks for the keys only when first read", () => {
    let listed = 0;
    const view = lazyFromWireObject(
      () => {
        listed++;
        return ["domain"];
      },
      () => "www.example.com",
    );
    expect(listed).toBe(0);
    expect(view.domain).toBe("www.example.com");
    expect(view.constructor).toBe(Object);
    expect(Object.keys(view)).toEqual(["domain"]);
    expect(listed).toBe(1);
  });

  it("with an own-property test, lists the keys only when asked for them or changed", () => {
    let listed = 0;
    const record: Record<string, unknown> = { domain: "www.example.com", scope: "global" };
    const view = lazyFromWireObject(
      () => {
        listed++;
        return Object.keys(record);
      },
      (key) => record[key],
      (key) => Object.prototype.hasOwnProperty.call(record, key),
    );
    expect(view.domain).toBe("www.example.com");
    expect(view.constructor).toBe(Object);
    expect("missing" in view).toBe(false);
    expect(listed).toBe(0);
    delete view.scope;
    view.extra = "x";
    expect(listed).toBe(1);
    expect(view).toEqual({ domain: "www.example.com", extra: "x" });
    expect(Object.keys(view)).toEqual(["domain", "extra"]);
  });

  it("treats a signature at the top as fromWireObject does", () => {
    const secretAtTop = { [SIG_KEY]: SECRET_SIG, value: { domain: "a.example.com" } };
    expect(lazily(secretAtTop).view).toEqual(fromWireObject(secretAtTop));
    const nested = lazily({ domain: { [SIG_KEY]: SECRET_SIG, value: "a.example.com" } }).view;
    expect(nested.domain).toEqual(new Secret("a.example.com"));
  });
});

describe("readOne", () => {
  it("gives the first leaf readPath finds, or an absent one, for plain and nested patterns", () => {
    const patterns = ["domain", "scope", "value", "list", "domain.value", "list[]", "list[].value", "list[scope=global].domain"];
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom("domain", "scope", "value", "list"), wireValue.value, { maxKeys: 4 }), (record) => {
        for (const pattern of patterns) {
          for (const root of [fromWireObject(record), lazily(record).view]) {
            const expected = readPath(root, pattern)[0] ?? { path: pattern, value: undefined, unknown: false, secret: false };
            expect(readOne(root, pattern)).toEqual(expected);
          }
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe("normaliseHostname's cache", () => {
  it("answers a repeated name with the same frozen verdict", () => {
    const first = normaliseHostname("WWW.Example.COM.");
    expect(normaliseHostname("WWW.Example.COM.")).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    if (first.ok) expect(Object.isFrozen(first.value)).toBe(true);
    expect(first).toEqual({ ok: true, value: { kind: "custom", hostname: "www.example.com", registeredDomain: "example.com" } });
  });

  it("keeps no entry for an input too long to be a hostname", () => {
    const long = `${"a".repeat(2_000)}.com`;
    expect(normaliseHostname(long)).toEqual({ ok: false, reason: "hostname is too long" });
    expect(normaliseHostname(long)).not.toBe(normaliseHostname(long));
  });
});

describe("utcDay", () => {
  it("changes at midnight UTC, whatever was asked before", () => {
    const midnight = Date.parse("2027-02-01T00:00:00Z");
    expect(utcDay(midnight - 1)).toBe("2027-01-31");
    expect(utcDay(midnight)).toBe("2027-02-01");
    expect(utcDay(midnight - 1)).toBe("2027-01-31");
    expect(utcDay(Date.parse("1969-12-31T23:59:59Z"))).toBe("1969-12-31");
  });
});

describe("memoised", () => {
  const bare: ResourceView = { urn: "urn:pulumi:dev::p::t::r", name: "r", type: "t", props: {} };
  const KIND = { memo: "kind" };
  const OTHER = { memo: "other" };
  const entry = {};

  it("derives once per key path on a view that carries a memo, undefined included", () => {
    const view: ResourceView = { ...bare, memo: new ViewMemo() };
    let derived = 0;
    const derive = () => {
      derived++;
      return undefined;
    };
    expect(memoised(view, [KIND, entry], derive)).toBeUndefined();
    expect(memoised(view, [KIND, entry], derive)).toBeUndefined();
    expect(derived).toBe(1);
    memoised(view, [OTHER, entry], derive);
    memoised(view, [KIND, {}], derive);
    expect(derived).toBe(3);
  });

  it("tells key paths of different lengths apart, and keeps what a nested derive stored", () => {
    const view: ResourceView = { ...bare, memo: new ViewMemo() };
    const env = {};
    expect(memoised(view, [KIND], () => "one")).toBe("one");
    expect(memoised(view, [KIND, entry], () => memoised(view, [OTHER, entry, env], () => "inner") + "+outer")).toBe("inner+outer");
    expect(memoised(view, [KIND, entry, env], () => "three")).toBe("three");
    expect(memoised(view, [KIND], () => "again")).toBe("one");
    expect(memoised(view, [KIND, entry], () => "again")).toBe("inner+outer");
    expect(memoised(view, [OTHER, entry, env], () => "again")).toBe("inner");
    expect(() => memoised(view, [KIND, entry, env, {}], () => 0)).toThrow(RangeError);
  });

  it("derives every time on a view without a memo", () => {
    let derived = 0;
    memoised(bare, [KIND], () => derived++);
    memoised(bare, [KIND], () => derived++);
    expect(derived).toBe(2);
  });
});

describe("parseConfig's cache", () => {
  const schema = z.strictObject({ filings: z.array(z.string()).default([]) });

  it("answers equal properties, however copied, with the same result", () => {
    const first = parseConfig(schema, { filings: ["a.example.com"] });
    expect(parseConfig(schema, JSON.parse(JSON.stringify({ filings: ["a.example.com"] })))).toBe(first);
    expect(parseConfig(schema, { filings: ["b.example.com"] })).not.toBe(first);
    expect(parseConfig(schema, { filings: ["b.example.com"] })).toEqual({ ok: true, config: { filings: ["b.example.com"] } });
  });

  it("tells an undefined field from a missing one, and a Date from its text", () => {
    expect(parseConfig(schema, {}).ok).toBe(true);
    expect(parseConfig(schema, { extra: undefined }).ok).toBe(schema.safeParse({ extra: undefined }).success);
    const dated = z.strictObject({ day: z.string() });
    expect(parseConfig(dated, { day: "2027-01-31T00:00:00.000Z" }).ok).toBe(true);
    expect(parseConfig(dated, { day: new Date("2027-01-31T00:00:00Z") }).ok).toBe(false);
  });
});

describe("isCloudAssigned", () => {
  // The definition: the name is a listed suffix or ends in "." + one.
  const byDefinition = (name: string) => CLOUD_ASSIGNED_SUFFIXES.some((suffix) => name === suffix || name.endsWith(`.${suffix}`));

  it("matches a listed suffix and every name below it, and nothing that merely ends alike", () => {
    const names = CLOUD_ASSIGNED_SUFFIXES.flatMap((suffix) => [suffix, `a.b.${suffix}`, `x${suffix}`, suffix.slice(1), `${suffix}.cn`]);
    for (const name of [...names, "example.com", "com", ""]) expect(isCloudAssigned(name), name).toBe(byDefinition(name));
    expect(isCloudAssigned("bucket.oss-cn-hangzhou.aliyuncs.com")).toBe(true);
    expect(isCloudAssigned("notaliyuncs.com")).toBe(false);
  });
});
