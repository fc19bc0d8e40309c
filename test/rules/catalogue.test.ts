import { describe, expect, it } from "vitest";
import { CATALOGUE, needsStack } from "../../rules/catalogue";
import { stackFilingRequiredDefinition } from "../../rules/cross-resource/stack-policy";
import { CATALOGUE_CASES, FILED_DOMAIN, FILED_NUMBER } from "../fixtures/catalogue-cases";
import { runStackPolicy } from "./cross-resource/stack-helpers";
import { runRule, summarise } from "./rule-helpers";

const CONFIG = { filings: [{ domain: FILED_DOMAIN, number: FILED_NUMBER }] };

describe("every catalogue entry, both sides", () => {
  it("has a unique type token, a source and at least one hostname source", () => {
    expect(new Set(CATALOGUE.map((entry) => entry.type)).size).toBe(CATALOGUE.length);
    for (const entry of CATALOGUE) {
      expect(entry.source, entry.type).not.toBe("");
      expect(entry.hostnames.length, entry.type).toBeGreaterThan(0);
      expect(entry.type.startsWith(`${entry.cloud}:`), entry.type).toBe(true);
    }
  });

  it("gives each cross-resource entry a stack policy", () => {
    const cross = CATALOGUE.filter((entry) => needsStack(entry.location)).map((entry) => entry.type);
    expect(cross.length).toBeGreaterThan(10);
    for (const type of cross) expect(stackFilingRequiredDefinition.appliesTo(type), type).toBe(true);
    expect(stackFilingRequiredDefinition.appliesTo("alicloud:cdn/domainNew:DomainNew")).toBe(false);
  });

  it.each(CATALOGUE_CASES.map((c) => [c.title, c] as const))("%s", (_title, testCase) => {
    expect(summarise(runRule(testCase.resource, CONFIG)), "icp-filing-required").toEqual(testCase.expected);
    expect(summarise(runStackPolicy([testCase.resource, ...testCase.stack], CONFIG)), "icp-filing-required-stack").toEqual(
      testCase.expectedStack,
    );
  });
});
