// Property-based fuzzing of icp-filing-required over every catalogued type (read at test time,
// so new entries are covered): hostile property bags never crash a policy, and a case that needs
// a filing nobody gave never passes.

import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CATALOGUE } from "../../rules/catalogue";
import { PROVIDER_REGION_ENV } from "../../rules/regions";
import { adapterEvaluator, crashesInEveryPolicy, disagreement, leakedSecrets, rulesEvaluator } from "./evaluate";
import { judge, type Expectation } from "./oracle";
import { fuzzParameters, FUZZ_RUNS } from "./runs";
import { renderScenario, scenarioArb, type RenderedCase } from "./scenario";

const runsPerType = Math.ceil(FUZZ_RUNS / CATALOGUE.length);

/** Shortens a failing case for the report: the bag, the provider and the config. */
export function describeCase(rendered: RenderedCase): string {
  const clip = (value: unknown) => {
    const text = JSON.stringify(value, (_key, v) => (typeof v === "string" && v.length > 200 ? `${v.slice(0, 200)}…(${v.length} chars)` : v));
    return text && text.length > 4_000 ? `${text.slice(0, 4_000)}…` : text;
  };
  return [
    `type ${rendered.entry.type}, name ${JSON.stringify(rendered.name)}, dryRun ${rendered.scenario.dryRun}`,
    `props ${clip(rendered.props)}`,
    `provider ${clip(rendered.provider)}`,
    `config ${clip(rendered.config)}`,
  ].join("\n");
}

/** Every problem with one case, through both in-process paths. */
export function problemsWith(rendered: RenderedCase): string[] {
  const expected = judge(rendered.oracle);
  const problems: string[] = [];
  const rules = rulesEvaluator(rendered);
  const adapter = adapterEvaluator(rendered);
  const viaRules = disagreement(rules, expected);
  const viaAdapter = disagreement(adapter, expected);
  if (viaRules) problems.push(`rules: ${viaRules}`);
  if (viaAdapter) problems.push(`adapter: ${viaAdapter}`);
  if (!rules.crash && !adapter.crash && (rules.mandatory !== adapter.mandatory || rules.flagged !== adapter.flagged)) {
    problems.push(`the adapter and the rules disagree: rules ${JSON.stringify(rules.messages.slice(0, 2))}, adapter ${JSON.stringify(adapter.messages.slice(0, 2))}`);
  }
  for (const leaked of leakedSecrets(rendered, rules, expected)) problems.push(`secret printed: ${leaked}`);
  problems.push(...crashesInEveryPolicy(rendered));
  return problems.map((problem) => `${problem}\n  oracle: ${expected.expectation} (${expected.why}), location ${expected.location}`);
}

const tally = new Map<string, Record<Expectation, number>>();

beforeAll(() => {
  // The pack reads provider region variables; the oracle's world has none.
  for (const variable of Object.values(PROVIDER_REGION_ENV).flat()) delete process.env[variable];
});

describe.each(CATALOGUE.map((entry) => [entry.type, entry] as const))("%s", (type, entry) => {
  it(`survives ${runsPerType} hostile property bags and never fails open`, () => {
    const counts: Record<Expectation, number> = { block: 0, flag: 0, pass: 0, any: 0 };
    tally.set(type, counts);
    fc.assert(
      fc.property(scenarioArb(entry), (scenario) => {
        const rendered = renderScenario(scenario);
        counts[judge(rendered.oracle).expectation] += 1;
        const problems = problemsWith(rendered);
        if (problems.length > 0) throw new Error(`${problems.join("\n")}\n${describeCase(rendered)}`);
      }),
      fuzzParameters(runsPerType),
    );
  });
});

describe("the generated cases", () => {
  afterAll(() => {
    const lines = [...tally].map(([type, c]) => `${type}: block ${c.block}, flag ${c.flag}, pass ${c.pass}, any ${c.any}`);
    console.info(`fuzzed ${runsPerType * CATALOGUE.length} property bags (${runsPerType} per type)\n${lines.join("\n")}`);
  });

  it("make the oracle claim something about every type, and cover every outcome", () => {
    if (runsPerType < 100) return; // too few runs to expect every outcome
    for (const entry of CATALOGUE) {
      const counts = tally.get(entry.type);
      expect(counts, entry.type).toBeDefined();
      // Some types can only be flagged or blocked at the resource level (coverage on another resource).
      expect(counts!.block, `${entry.type} block cases`).toBeGreaterThan(0);
      expect(counts!.flag, `${entry.type} flag cases`).toBeGreaterThan(0);
    }
    const passing = CATALOGUE.filter((entry) => tally.get(entry.type)!.pass > 0);
    expect(passing.length, "types with cases that must pass").toBeGreaterThan(CATALOGUE.length / 2);
  });
});
