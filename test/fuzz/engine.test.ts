// A sample of generated cases through the real pack process over the Analyzer protocol (the
// request's secrets and unknowns travel as the engine marshals them). The same oracle judges.

import * as path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Diagnostic, type PackSession, startPackLikeEngine } from "../../harness";
import { CATALOGUE } from "../../rules/catalogue";
import { PROVIDER_REGION_ENV } from "../../rules/regions";
import { disagreement, INTERNAL_ERROR_TEXT, leakedSecrets, rulesEvaluator, type Verdict } from "./evaluate";
import { judge } from "./oracle";
import { ENGINE_FUZZ_RUNS, FUZZ_SEED } from "./runs";
import { POLICY, renderScenario, scenarioArb, type RenderedCase } from "./scenario";

const REPO = path.resolve(__dirname, "../..");

/** Lone surrogates cannot travel as UTF-8: such a bag reaches the pack changed, so only the oracle judges it. */
function travelsUnchanged(value: unknown): boolean {
  if (typeof value === "string") return Buffer.from(value, "utf8").toString("utf8") === value;
  if (Array.isArray(value)) return value.every(travelsUnchanged);
  if (typeof value === "object" && value !== null) return Object.entries(value).every(([key, inner]) => travelsUnchanged(key) && travelsUnchanged(inner));
  return true;
}

function verdictOf(diagnostics: Diagnostic[]): Verdict {
  const own = diagnostics.filter((d) => d.policyName === POLICY);
  const internal = diagnostics.find((d) => d.message.includes(INTERNAL_ERROR_TEXT));
  return {
    mandatory: own.some((d) => d.enforcementLevel === "mandatory"),
    flagged: own.length > 0,
    messages: diagnostics.map((d) => d.message),
    crash: internal ? `${internal.policyName} caught its own error: ${internal.message}` : undefined,
  };
}

describe(`${ENGINE_FUZZ_RUNS} generated cases through the real pack`, () => {
  let session: PackSession;
  beforeAll(async () => {
    // The oracle's world has no provider region variables.
    const env = Object.fromEntries(Object.values(PROVIDER_REGION_ENV).flat().map((name) => [name, ""]));
    ({ session } = await startPackLikeEngine(REPO, { policyConfig: {}, env }));
  });
  afterAll(() => session?.close());

  it("answers every one, never fails open, and agrees with the rules run in-process", async () => {
    const cases = fc.sample(
      fc.constantFrom(...CATALOGUE).chain((entry) => scenarioArb(entry)),
      FUZZ_SEED === undefined ? { numRuns: ENGINE_FUZZ_RUNS } : { numRuns: ENGINE_FUZZ_RUNS, seed: FUZZ_SEED },
    );
    const problems: string[] = [];
    for (const scenario of cases) {
      const rendered: RenderedCase = renderScenario(scenario);
      await session.configureStack({ dryRun: scenario.dryRun });
      await session.configure({ [POLICY]: { enforcementLevel: "mandatory", properties: rendered.config } });
      let verdict: Verdict;
      try {
        const diagnostics = await session.analyze({
          type: rendered.entry.type,
          name: rendered.name,
          properties: rendered.props,
          provider: rendered.provider && { type: rendered.provider.type, name: rendered.provider.name, urn: rendered.provider.urn, properties: rendered.provider.props },
        });
        verdict = verdictOf(diagnostics);
      } catch (error) {
        verdict = { mandatory: false, flagged: false, messages: [], crash: `Analyze failed: ${(error as Error).message}` };
      }
      const expected = judge(rendered.oracle);
      const inProcess = rulesEvaluator(rendered);
      const problem =
        disagreement(verdict, expected) ??
        (travelsUnchanged([rendered.props, rendered.provider]) && (verdict.mandatory !== inProcess.mandatory || verdict.flagged !== inProcess.flagged)
          ? "the pack and the rules run in-process disagree"
          : undefined) ??
        leakedSecrets(rendered, verdict, expected).map((text) => `secret printed: ${text}`)[0];
      if (problem) {
        problems.push(`${problem} (oracle: ${expected.expectation}, ${expected.why})\n${rendered.entry.type} ${JSON.stringify(rendered.props).slice(0, 600)}`);
      }
    }
    expect(problems).toEqual([]);
    expect(session.exit).toBeUndefined();
  });
});
