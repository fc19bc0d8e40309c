// The bench machinery end to end on tiny inputs: every figure comes out, with numbers that make
// sense. Timings are never asserted: they belong to `npm run bench`, not to tests.

import { describe, expect, it } from "vitest";
import { runBench, type BenchSizes } from "../../bench/run-bench";

const TINY: BenchSizes = {
  launches: 2,
  resources: 50,
  inFlight: 4,
  chunks: 2,
  stackRuns: 2,
  records: 200,
  fewRecords: 10,
  coldCalls: 10,
  pairs: 2,
  cliRuns: 1,
};

const PACK_FIGURES = [
  "startup",
  "analyze-sequential",
  "analyze-sequential-cpu",
  "analyze-concurrent",
  "analyze-concurrent-cpu",
  "analyze-sequential-all-filed",
  "analyze-concurrent-all-filed",
  "analyze-sequential-shared-baseline",
  "analyze-concurrent-shared-baseline",
  "analyze-sequential-replay",
  "analyze-concurrent-replay",
  "records-configure",
  "records-first-calls",
  "records-scaling",
  "records-scaling-cpu",
  "records-rss",
  "analyze-stack",
  "analyze-stack-cpu",
  "peak-rss",
];

describe("npm run bench, on tiny inputs", () => {
  it("measures every figure against its baseline and scores the ones with a goal", { timeout: 300_000 }, async () => {
    const results = await runBench(TINY);
    const keys = results.figures.map((figure) => figure.key);
    expect(keys).toEqual(expect.arrayContaining(PACK_FIGURES));

    for (const figure of results.figures) {
      expect(Number.isFinite(figure.value), figure.key).toBe(true);
      expect(Number.isFinite(figure.baseline), figure.key).toBe(true);
      if (figure.goal !== undefined) {
        // Wall times and memory: always measurable. CPU ticks and one-off costs may round to 0.
        expect(figure.value, figure.key).toBeGreaterThan(0);
        expect(figure.baseline, figure.key).toBeGreaterThan(0);
        expect(["pass", "miss"]).toContain(figure.verdict);
      } else {
        expect(figure.value, figure.key).toBeGreaterThanOrEqual(0);
        expect(figure.baseline, figure.key).toBeGreaterThanOrEqual(0);
        expect(figure.verdict).toBe("info");
      }
    }

    // Command-line figures appear once their command exists; until then they are skipped with a note.
    const reported = [...keys, ...results.skipped.map((skip) => skip.key)];
    expect(reported.some((key) => key.startsWith("cli-validate"))).toBe(true);
    expect(reported.some((key) => key.startsWith("cli-check"))).toBe(true);
    for (const skip of results.skipped) expect(skip.note).not.toBe("");

    // The stream does reach the policies: the real pack reports its unfiled mainland domains.
    const sequential = results.figures.find((figure) => figure.key === "analyze-sequential")!;
    const diagnostics = sequential.detail as { real: { diagnostics: number }; baseline: { diagnostics: number } };
    expect(diagnostics.real.diagnostics).toBeGreaterThan(0);
    expect(diagnostics.baseline.diagnostics).toBe(0);
    // Measured on each pack pair, kept from the median one.
    expect((sequential.detail as { pairRatios: number[] }).pairRatios).toHaveLength(2);
    expect(sequential.label).toContain("median of 2 pack pairs");
    // Calls in flight together get the same verdicts as one at a time.
    const concurrent = results.figures.find((figure) => figure.key === "analyze-concurrent")!;
    expect((concurrent.detail as { real: { diagnostics: number } }).real.diagnostics).toBe(diagnostics.real.diagnostics);
    // With every domain filed the same stream still reaches the policies, and they report less.
    for (const key of ["analyze-sequential-all-filed", "analyze-concurrent-all-filed"]) {
      const allFiled = results.figures.find((figure) => figure.key === key)!;
      expect(allFiled.verdict, key).toBe("info");
      const counts = allFiled.detail as typeof diagnostics;
      expect(counts.real.diagnostics, key).toBeLessThan(diagnostics.real.diagnostics / 2);
      expect(counts.baseline.diagnostics, key).toBe(0);
    }
    // Against the baseline that converts properties once too: the same stream, for information.
    for (const key of ["analyze-sequential-shared-baseline", "analyze-concurrent-shared-baseline"]) {
      const figure = results.figures.find((candidate) => candidate.key === key)!;
      expect(figure.verdict, key).toBe("info");
      expect((figure.detail as typeof diagnostics).real.diagnostics, key).toBe(diagnostics.real.diagnostics);
    }
    // The replaying baseline reports what the pack reports, and finds nothing itself.
    for (const key of ["analyze-sequential-replay", "analyze-concurrent-replay"]) {
      const replayed = results.figures.find((figure) => figure.key === key)!.detail as typeof diagnostics;
      expect(replayed.baseline.diagnostics, key).toBe(diagnostics.real.diagnostics);
      expect(replayed.real.diagnostics, key).toBe(diagnostics.real.diagnostics);
    }

    expect(results).toMatchObject({ node: process.version, cores: expect.any(Number), sizes: TINY });
    expect(results.commit).toMatch(/^([0-9a-f]{40}|unknown)$/);
  });
});
