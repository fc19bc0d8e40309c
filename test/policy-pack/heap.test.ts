// One full collection after a large config is prepared: when it is scheduled, that it runs once
// per burst of preparations, and that the default collector really collects.

import { describe, expect, it, vi } from "vitest";
import { collectGarbageSoon, isLargeConfig, LARGE_CONFIG_ENTRIES } from "../../policy-pack/heap";

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe("isLargeConfig", () => {
  it("counts the entries of every top-level list, and nothing else", () => {
    const filings = (n: number) => Array.from({ length: n }, (_, i) => ({ domain: `site-${i}.com` }));
    expect(isLargeConfig({ filings: filings(LARGE_CONFIG_ENTRIES - 1) })).toBe(false);
    expect(isLargeConfig({ filings: filings(LARGE_CONFIG_ENTRIES) })).toBe(true);
    expect(isLargeConfig({ filings: filings(LARGE_CONFIG_ENTRIES - 10), waivers: filings(10) })).toBe(true);
    expect(isLargeConfig({ language: "x".repeat(LARGE_CONFIG_ENTRIES), entity: { filings: filings(LARGE_CONFIG_ENTRIES) } })).toBe(false);
  });
});

describe("collectGarbageSoon", () => {
  it("collects once after the current task, however many preparations asked", async () => {
    const collect = vi.fn();
    for (let i = 0; i < 6; i++) collectGarbageSoon(collect);
    expect(collect).not.toHaveBeenCalled();
    await tick();
    expect(collect).toHaveBeenCalledTimes(1);
    collectGarbageSoon(collect);
    await tick();
    expect(collect).toHaveBeenCalledTimes(2);
  });

  it("by default runs a full collection, which frees what nothing references", async () => {
    let garbage: number[][] | undefined = Array.from({ length: 1000 }, () => new Array(100).fill(1));
    const ref = new WeakRef(garbage);
    garbage = undefined;
    collectGarbageSoon();
    await tick();
    expect(ref.deref()).toBeUndefined();
  });
});
