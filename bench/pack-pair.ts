// Two packs started side by side as the engine starts them (launch, Handshake, ConfigureStack,
// Configure), with a bare client on each and the cost of their Configure call.

import { performance } from "node:perf_hooks";
import { launchPack, type LaunchOptions, type PackSession, type UrnScope } from "../harness";
import { processCpuMs, type Pair, type PackUnderTest, type Side } from "./measure";
import { RawAnalyzer, serializeAnalyzeRequests, type WireRequest } from "./raw-analyzer";

export interface ConfigureCost {
  wallMs: number;
  cpuMs: number;
}

export interface PackPair {
  packs: Pair<PackUnderTest>;
  /** Stack and project both packs were started with, for request URNs. */
  scope: UrnScope;
  configure: Pair<ConfigureCost>;
  close(): Promise<void>;
}

const SIDES: readonly Side[] = ["real", "baseline"];

/**
 * Starts the pack in `dirs.real` and in `dirs.baseline`, one after the other, each configured
 * with its serialized Configure request, and opens each connection with one call on a type no
 * policy reads, so that timing starts on a ready pack. `baselineEnv` is added to the baseline's
 * environment only.
 */
export async function startPackPair(
  dirs: Pair<string>,
  configures: Pair<WireRequest>,
  options: LaunchOptions,
  baselineEnv?: Record<string, string>,
): Promise<PackPair> {
  const sessions: PackSession[] = [];
  const analyzers: RawAnalyzer[] = [];
  const close = async () => {
    for (const analyzer of analyzers) analyzer.close();
    await Promise.all(sessions.map((session) => session.close()));
  };
  try {
    const packs: Partial<Pair<PackUnderTest>> = {};
    const configure: Partial<Pair<ConfigureCost>> = {};
    for (const side of SIDES) {
      const sideOptions = side === "baseline" && baselineEnv ? { ...options, env: { ...options.env, ...baselineEnv } } : options;
      const session = await launchPack(dirs[side], sideOptions);
      sessions.push(session);
      await session.handshake();
      await session.configureStack();
      const analyzer = new RawAnalyzer(session.port);
      analyzers.push(analyzer);
      const cpuBefore = processCpuMs(session.pid);
      const started = performance.now();
      await analyzer.configure(configures[side]);
      configure[side] = { wallMs: performance.now() - started, cpuMs: processCpuMs(session.pid) - cpuBefore };
      const [warmUp] = serializeAnalyzeRequests([{ type: "bench:index:WarmUp", name: "warm-up", properties: {} }], session.urnScope);
      await analyzer.analyze(warmUp);
      packs[side] = { analyzer, pid: session.pid };
    }
    return { packs: packs as Pair<PackUnderTest>, scope: sessions[0].urnScope, configure: configure as Pair<ConfigureCost>, close };
  } catch (error) {
    await close();
    throw error;
  }
}
