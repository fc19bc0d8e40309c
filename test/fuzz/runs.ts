// How much to fuzz. `npm test` runs a CI-sized sample; `npm run fuzz` sets FUZZ_RUNS=100000.
// FUZZ_SEED replays a reported run (fast-check prints the seed and path of a failure).

export const CI_FUZZ_RUNS = 5_000;

function positiveInteger(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return value;
}

/** Total generated property bags over the whole catalogue. */
export const FUZZ_RUNS = positiveInteger("FUZZ_RUNS", CI_FUZZ_RUNS);

/** Generated cases sent through the real pack process over gRPC: a few hundred, more in a full run. */
export const ENGINE_FUZZ_RUNS = positiveInteger("FUZZ_ENGINE_RUNS", Math.max(300, Math.round(FUZZ_RUNS / 50)));

export const FUZZ_SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);

/** fast-check parameters for `runs` runs, replayable with FUZZ_SEED. */
export function fuzzParameters(runs: number): { numRuns: number; seed?: number; endOnFailure: boolean } {
  return FUZZ_SEED === undefined ? { numRuns: runs, endOnFailure: false } : { numRuns: runs, seed: FUZZ_SEED, endOnFailure: false };
}
