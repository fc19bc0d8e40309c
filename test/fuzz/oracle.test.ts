// The oracle itself: its facts hold, it judges plain cases as the spec says, and it catches a
// fail-open when one is planted in an otherwise correct evaluator.

import { domainToASCII } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CATALOGUE, type CatalogueEntry } from "../../rules/catalogue";
import { secret, unknown } from "../../harness";
import { disagreement, rulesFindings, verdictOfFindings, type Evaluator } from "./evaluate";
import { IDN_LABELS, ICANN_SUFFIXES, judge, type OracleCase, type OracleRecords } from "./oracle";
import { renderScenario, scenarioArb, type RenderedCase } from "./scenario";

const NO_RECORDS: OracleRecords = { approved: new Map(), liveWaiverDomains: [], liveWaiverResources: [] };

function entry(predicate: (entry: CatalogueEntry) => boolean, what: string): CatalogueEntry {
  const found = CATALOGUE.find(predicate);
  if (!found) throw new Error(`no catalogue entry ${what}`);
  return found;
}

const CDN = entry((e) => e.type === "alicloud:cdn/domainNew:DomainNew", "alicloud:cdn/domainNew:DomainNew");
const LISTED = entry((e) => e.location.kind === "region" && e.hostnames.some((source) => source.path.endsWith("[]") && !source.when), "with a list of names and a region");

function plainCase(props: Record<string, unknown>, overrides: Partial<OracleCase> = {}): OracleCase {
  const leaves = new Map([
    ["www.shop.cn", { host: { kind: "custom" as const, labels: [{ ascii: "www" }, { ascii: "shop" }], suffix: { ascii: "cn" } } }],
    ["img.example.com", { host: { kind: "custom" as const, labels: [{ ascii: "img" }, { ascii: "example" }], suffix: { ascii: "com" } } }],
  ]);
  return { entry: CDN, name: "site", urn: "urn:pulumi:dev::p::t::site", props, dryRun: true, records: NO_RECORDS, leaves, ...overrides };
}

describe("the oracle's own facts", () => {
  it("has the punycode of its IDN labels and suffixes right (Node's UTS #46 mapping)", () => {
    for (const label of [...IDN_LABELS, ...ICANN_SUFFIXES].filter((l) => l.unicode)) {
      expect(domainToASCII(`${label.unicode}.com`), label.unicode).toBe(`${label.ascii}.com`);
    }
  });

  it("judges plain cases the way the spec says", () => {
    expect(judge(plainCase({ domainName: "www.shop.cn" })).expectation).toBe("block");
    expect(judge(plainCase({ domainName: "www.shop.cn", scope: "overseas" })).expectation).toBe("pass");
    expect(judge(plainCase({ domainName: "www.shop.cn", scope: "GLOBAL" })).expectation).toBe("block");
    const filed = { ...NO_RECORDS, approved: new Map([["shop.cn", true]]) };
    expect(judge(plainCase({ domainName: "www.shop.cn" }, { records: filed })).expectation).toBe("pass");
    const pending = { ...NO_RECORDS, approved: new Map([["shop.cn", false]]) };
    expect(judge(plainCase({ domainName: "www.shop.cn" }, { records: pending })).expectation).toBe("block");
    expect(judge(plainCase({ domainName: unknown() })).expectation).toBe("flag");
    expect(judge(plainCase({ domainName: unknown() }, { dryRun: false })).expectation).toBe("block");
    expect(judge(plainCase({ domainName: "www.shop.cn", scope: unknown() })).expectation).toBe("flag");
    expect(judge(plainCase({ domainName: secret("www.shop.cn") })).secretHosts).toHaveLength(1);
    const waived = { ...NO_RECORDS, liveWaiverDomains: ["shop.cn"] };
    expect(judge(plainCase({ domainName: "www.shop.cn" }, { records: waived })).expectation).toBe("pass");
  });
});

/** Runs the fuzz property against an evaluator and returns fast-check's report. */
function fuzzAgainst(target: CatalogueEntry, evaluator: Evaluator, runs: number) {
  return fc.check(
    fc.property(scenarioArb(target), (scenario) => {
      const rendered = renderScenario(scenario);
      const problem = disagreement(evaluator(rendered), judge(rendered.oracle));
      if (problem?.startsWith("FAIL-OPEN")) throw new Error(problem);
    }),
    { numRuns: runs, seed: 20261123 },
  );
}

function withProps(rendered: RenderedCase, change: (value: unknown) => unknown): RenderedCase {
  return { ...rendered, props: change(rendered.props) as Record<string, unknown> };
}

/** A plausible bug: only the first element of every list is read. */
function firstElementOnly(value: unknown): unknown {
  if (Array.isArray(value)) return value.slice(0, 1).map(firstElementOnly);
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, firstElementOnly(inner)]));
  }
  return value;
}

/** A plausible bug: coverage "global" read as outside the mainland. */
function globalAsOverseas(value: unknown): unknown {
  if (typeof value === "string" && value.trim().toLowerCase() === "global") return "overseas";
  if (Array.isArray(value)) return value.map(globalAsOverseas);
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, globalAsOverseas(inner)]));
  }
  return value;
}

describe("a planted fail-open", () => {
  const planted: [string, CatalogueEntry, Evaluator][] = [
    ["reads only the first element of a list", LISTED, (rendered) => verdictOfFindings(rulesFindings(withProps(rendered, firstElementOnly)))],
    ["reads coverage global as overseas", CDN, (rendered) => verdictOfFindings(rulesFindings(withProps(rendered, globalAsOverseas)))],
    [
      "skips secret hostnames",
      CDN,
      (rendered) => verdictOfFindings(rulesFindings(rendered).filter((finding) => !("secret" in finding && finding.secret))),
    ],
  ];

  it.each(planted)("is caught when the evaluator %s", (_bug, target, evaluator) => {
    const report = fuzzAgainst(target, evaluator, 3_000);
    expect(report.failed, `the oracle missed a planted bug on ${target.type}`).toBe(true);
    expect(String(report.errorInstance)).toContain("FAIL-OPEN");
  });

  it("is not reported for the real evaluator on the same cases", () => {
    for (const [, target] of planted) {
      const report = fuzzAgainst(target, (rendered) => verdictOfFindings(rulesFindings(rendered)), 500);
      expect(report.failed, String(report.errorInstance)).toBe(false);
    }
  });
});
