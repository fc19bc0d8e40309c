// Timing primitives. Two packs are always measured in alternation (ABBA), so that drift of the
// machine (other processes, CPU frequency, page cache) falls on both alike. Besides wall time,
// the CPU time each pack process spends is read from /proc: it hardly depends on what else runs.

import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { launchPack, type LaunchOptions } from "../harness";
import type { RawAnalyzer, WireRequest } from "./raw-analyzer";
import { median, percentile } from "./stats";

/** Two things measured side by side: the real pack (or larger input) and its baseline. */
export interface Pair<T> {
  real: T;
  baseline: T;
}

export type Side = keyof Pair<unknown>;

/** A running pack: a client on its port, and its process for CPU and memory readings. */
export interface PackUnderTest {
  analyzer: RawAnalyzer;
  pid: number;
}

/** Runs `round` for both sides `rounds` times, alternating which one goes first. */
async function alternate(rounds: number, round: (side: Side, index: number) => Promise<void>): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    const order: Side[] = i % 2 === 0 ? ["real", "baseline"] : ["baseline", "real"];
    for (const side of order) await round(side, i);
  }
}

let clockTicksPerSecond: number | undefined;

/** User plus system CPU time a live process has used, in milliseconds (Linux). */
export function processCpuMs(pid: number): number {
  clockTicksPerSecond ??= Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // Fields after the command name, which is in parentheses and may contain spaces.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1000) / clockTicksPerSecond;
}

/** Peak resident set size of a live process in MB (Linux VmHWM). */
export function peakRssMb(pid: number): number {
  return statusMb(pid, "VmHWM");
}

/** Resident set size of a live process now, in MB (Linux VmRSS). */
export function rssMb(pid: number): number {
  return statusMb(pid, "VmRSS");
}

function statusMb(pid: number, field: "VmHWM" | "VmRSS"): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const match = new RegExp(`^${field}:\\s+(\\d+)\\s+kB$`, "m").exec(status);
  if (!match) throw new Error(`no ${field} in /proc/${pid}/status`);
  return Number(match[1]) / 1024;
}

/** Launch-to-port times in milliseconds, `launches` of each pack. */
export async function measureStartup(dirs: Pair<string>, launches: number, options: LaunchOptions): Promise<Pair<number[]>> {
  const times: Pair<number[]> = { real: [], baseline: [] };
  await alternate(launches, async (side) => {
    const session = await launchPack(dirs[side], options);
    times[side].push(session.startupMs);
    await session.close();
  });
  return times;
}

export interface StreamTiming {
  /** Wall time of the whole stream divided by the number of calls. */
  perCallMs: number;
  /** CPU time of the pack process divided by the number of calls. */
  cpuPerCallMs: number;
  totalMs: number;
  /** Latency of single calls (with `inFlight` > 1 it includes waiting behind the others). */
  p50Ms: number;
  p99Ms: number;
  slowestMs: number;
  diagnostics: number;
}

/** Sends `requests` with `inFlight` calls outstanding; returns the latency of each call. */
async function sendAll(analyzer: RawAnalyzer, requests: readonly WireRequest[], inFlight: number, counts: { diagnostics: number }): Promise<number[]> {
  const latencies = new Array<number>(requests.length);
  let next = 0;
  const worker = async () => {
    while (next < requests.length) {
      const index = next++;
      const started = performance.now();
      const found = await analyzer.analyze(requests[index]);
      counts.diagnostics += found;
      latencies[index] = performance.now() - started;
    }
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, requests.length) }, worker));
  return latencies;
}

/**
 * Sends the same stream of Analyze requests to both packs, in `chunks` alternating slices, and
 * times each side's share.
 */
export async function compareAnalyzeStreams(
  packs: Pair<PackUnderTest>,
  requests: readonly WireRequest[],
  options: { inFlight: number; chunks: number },
): Promise<Pair<StreamTiming>> {
  const chunkSize = Math.ceil(requests.length / options.chunks);
  const wall = { real: 0, baseline: 0 };
  const cpu = { real: 0, baseline: 0 };
  const latencies: Pair<number[]> = { real: [], baseline: [] };
  const counts = { real: { diagnostics: 0 }, baseline: { diagnostics: 0 } };
  await alternate(options.chunks, async (side, index) => {
    const chunk = requests.slice(index * chunkSize, (index + 1) * chunkSize);
    if (chunk.length === 0) return;
    const { analyzer, pid } = packs[side];
    const cpuBefore = processCpuMs(pid);
    const started = performance.now();
    latencies[side].push(...(await sendAll(analyzer, chunk, options.inFlight, counts[side])));
    wall[side] += performance.now() - started;
    cpu[side] += processCpuMs(pid) - cpuBefore;
  });
  const timing = (side: Side): StreamTiming => ({
    perCallMs: wall[side] / requests.length,
    cpuPerCallMs: cpu[side] / requests.length,
    totalMs: wall[side],
    p50Ms: median(latencies[side]),
    p99Ms: percentile(latencies[side], 99),
    slowestMs: Math.max(...latencies[side]),
    diagnostics: counts[side].diagnostics,
  });
  return { real: timing("real"), baseline: timing("baseline") };
}

export interface StackTiming {
  runsMs: number[];
  medianMs: number;
  /** Median CPU time of the pack process per call. */
  cpuMedianMs: number;
  diagnostics: number;
}

/** Times `runs` AnalyzeStack calls of the same request on each pack, alternating. */
export async function compareAnalyzeStack(packs: Pair<PackUnderTest>, request: WireRequest, runs: number): Promise<Pair<StackTiming>> {
  const wall: Pair<number[]> = { real: [], baseline: [] };
  const cpu: Pair<number[]> = { real: [], baseline: [] };
  const diagnostics = { real: 0, baseline: 0 };
  await alternate(runs, async (side) => {
    const { analyzer, pid } = packs[side];
    const cpuBefore = processCpuMs(pid);
    const started = performance.now();
    diagnostics[side] = await analyzer.analyzeStack(request);
    wall[side].push(performance.now() - started);
    cpu[side].push(processCpuMs(pid) - cpuBefore);
  });
  const timing = (side: Side): StackTiming => ({
    runsMs: wall[side],
    medianMs: median(wall[side]),
    cpuMedianMs: median(cpu[side]),
    diagnostics: diagnostics[side],
  });
  return { real: timing("real"), baseline: timing("baseline") };
}
