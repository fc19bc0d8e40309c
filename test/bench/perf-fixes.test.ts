// The pack's hot-path shortcuts found by the bench must not change what the rules see: a lazily
// converted view reads exactly as an eagerly converted one.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fromWireObject, lazyFromWireObject, readPath, Secret, Unknown } from "../../rules/view";

const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
const UNKNOWN_STRING = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

function lazily(record: Record<string, unknown>) {
  const reads: string[] = [];
  const view = lazyFromWireObject(Object.keys(record), (key) => {
    reads.push(key);
    return record[key];
  });
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

describe("lazyFromWireObject", () => {
  it("reads as fromWireObject does, whatever the wire object", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ maxLength: 6 }), wireValue.value, { maxKeys: 5 }), (record) => {
        const { view } = lazily(record);
        expect(Object.keys(view)).toEqual(Object.keys(fromWireObject(record)));
        expect(view).toEqual(fromWireObject(record));
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

  it("treats a signature at the top as fromWireObject does", () => {
    const secretAtTop = { [SIG_KEY]: SECRET_SIG, value: { domain: "a.example.com" } };
    expect(lazily(secretAtTop).view).toEqual(fromWireObject(secretAtTop));
    const nested = lazily({ domain: { [SIG_KEY]: SECRET_SIG, value: "a.example.com" } }).view;
    expect(nested.domain).toEqual(new Secret("a.example.com"));
  });
});
