import { describe, expect, it } from "vitest";
import { CATALOGUE } from "../../rules/catalogue";
import { CATALOGUE_CASES } from "../fixtures/catalogue-cases";
import { runRule, summarise } from "./rule-helpers";

describe("every catalogue entry, both sides", () => {
  it("has a unique type token", () => {
    expect(new Set(CATALOGUE.map((entry) => entry.type)).size).toBe(CATALOGUE.length);
  });

  it.each(CATALOGUE_CASES.map((c) => [c.title, c] as const))("%s", (_title, testCase) => {
    expect(summarise(runRule(testCase.resource, { filings: [{ domain: "filed-example.com", number: "浙ICP备2021003158号-1" }] }))).toEqual(
      testCase.expected,
    );
  });
});
