// One full garbage collection once the pack has prepared a large config.
// Why: a Configure request with many records is decoded by @pulumi/policy into a copy per policy,
// and validating and indexing them briefly holds hundreds of megabytes more. V8 sets the old
// generation's next limit from that peak, so for the rest of the run it lets garbage pile up to
// several times it: with 100,000 records the pack grew past 2 GB and each scavenge took twice as
// long, about 12% on every later Analyze call (README "Performance"). One collection after the
// peak has passed sets the limit from what is live again.

import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/** Entries in a config's lists (filings, waivers, …) from which it counts as large. */
export const LARGE_CONFIG_ENTRIES = 10_000;

/** True when the config's top-level lists hold LARGE_CONFIG_ENTRIES entries or more. */
export function isLargeConfig(properties: Record<string, unknown>): boolean {
  let entries = 0;
  for (const value of Object.values(properties)) if (Array.isArray(value)) entries += value.length;
  return entries >= LARGE_CONFIG_ENTRIES;
}

let scheduled = false;

/**
 * Collects garbage once, after the Analyze call in progress has answered (every resource policy
 * prepares its config in the same first call, so one collection follows them all).
 */
export function collectGarbageSoon(collect: () => void = fullCollection): void {
  if (scheduled) return;
  scheduled = true;
  setTimeout(() => {
    scheduled = false;
    collect();
  }, 0).unref();
}

let gc: (() => void) | null | undefined;

/**
 * A full collection, twice: the first frees the garbage, the second gives back to the system the
 * pages the first swept (with 100,000 records, 1.05 GB resident after one, 0.68 GB after two).
 * Nothing where the runtime will not give one.
 */
function fullCollection(): void {
  if (gc === undefined) {
    try {
      // Exposes gc() to new contexts only: the pack's own context is unchanged.
      setFlagsFromString("--expose-gc");
      gc = runInNewContext("gc") as () => void;
    } catch {
      gc = null;
    }
  }
  gc?.();
  gc?.();
}
