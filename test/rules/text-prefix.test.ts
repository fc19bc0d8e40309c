// Text cut to a length for messages and reports never ends in half a surrogate pair.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { textPrefix } from "../../rules/text-prefix";

const wellFormed = (text: string) => Buffer.from(text, "utf8").toString("utf8") === text;

describe("textPrefix", () => {
  it("keeps short text whole and cuts long text to the length, one unit less inside a pair", () => {
    expect(textPrefix("abc", 3)).toBe("abc");
    expect(textPrefix("abcd", 3)).toBe("abc");
    expect(textPrefix("ab😀", 3)).toBe("ab");
    expect(textPrefix("a😀b", 3)).toBe("a😀");
  });

  it("gives a well-formed prefix of any well-formed text, at most the length and at most one unit short", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 40 }), fc.integer({ min: 1, max: 45 }), (text, max) => {
        const prefix = textPrefix(text, max);
        expect(text.startsWith(prefix)).toBe(true);
        expect(wellFormed(prefix)).toBe(true);
        expect(prefix.length).toBeLessThanOrEqual(max);
        expect(prefix.length).toBeGreaterThanOrEqual(Math.min(text.length, max) - 1);
      }),
    );
  });
});
