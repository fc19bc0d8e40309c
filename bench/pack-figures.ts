// The figures measured on the pack over the Analyzer protocol, each against the baseline pack
// (or, for records scaling, against the same pack with few records).

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { launchPack, reconcilePolicyConfig, type AnalyzerInfo, type LaunchOptions } from "../harness";
import { analyzerPb } from "../harness/protos";
import { writeBaselinePolicies } from "./baseline";
import { serializeConfigureRequest } from "./configure-request";
import { compareAnalyzeStack, compareAnalyzeStreams, measureStartup, peakRssMb, rssMb, type Pair } from "./measure";
import { startPackPair } from "./pack-pair";
import { BASELINE_PACK_DIR, REPO_ROOT } from "./paths";
import { RawAnalyzer, serializeAnalyzeRequests, serializeAnalyzeStackRequest, type ReportedDiagnostic, type WireRequest } from "./raw-analyzer";
import type { Figure } from "./report";
import { median } from "./stats";
import { allFiledRecords, policyConfigWithRecords, recordsOfSize, resourceStream, streamRecords, type FilingRecordInput } from "./workload";

export interface PackSizes {
  launches: number;
  resources: number;
  inFlight: number;
  chunks: number;
  stackRuns: number;
  records: number;
  fewRecords: number;
  /** Calls of the records-scaling stream that may prepare config, timed apart from the rest. */
  coldCalls: number;
  /**
   * Fresh pack pairs the Analyze and AnalyzeStack figures are measured on; each figure is the
   * pair with the median ratio. A ratio moves more between processes than within one.
   */
  pairs: number;
}

const PACK_DIRS: Pair<string> = { real: REPO_ROOT, baseline: BASELINE_PACK_DIR };

/** The Analyze stream with the records it is measured under. */
interface AnalyzeStream {
  records: () => FilingRecordInput[];
  keySuffix: string;
  /** What the log and the figure's label say of the records, after the stream's size. */
  what: string;
  /** The goal's ratio; figures without one are for information. */
  goal?: number;
  /** Added to the baseline's environment. */
  baselineEnv?: Record<string, string>;
  /** What the figure's baseline is, when not the plain baseline pack. */
  comparedWith?: string;
}

// The goal's stream: about a third of its resources get a diagnostic, most of them blocking.
const MIXED_STREAM: AnalyzeStream = { records: streamRecords, keySuffix: "", what: "", goal: 1.1 };
// For information: the same stream as a stack that can deploy, where the pack reports little.
const ALL_FILED_STREAM: AnalyzeStream = { records: allFiledRecords, keySuffix: "-all-filed", what: ", every domain filed" };
// For information: the goal's stream against a baseline that, like the pack, converts a request's
// properties once for all policies (policy-pack/shared-deserialization.ts). The ratio then holds
// what the pack's policies cost, without what the pack saves @pulumi/policy.
const SHARED_BASELINE_STREAM: AnalyzeStream = {
  records: streamRecords,
  keySuffix: "-shared-baseline",
  what: ", against a baseline that converts properties once too",
  baselineEnv: { BENCH_BASELINE_SHARED_DESERIALIZATION: "1" },
  comparedWith: "baseline converting once",
};
const count = (n: number) => n.toLocaleString("en");

/** What every section shares: the real pack's declaration, launch options and the workload. */
export class PackBench {
  private constructor(
    readonly info: AnalyzerInfo,
    readonly options: LaunchOptions,
    readonly sizes: PackSizes,
    private readonly log: (line: string) => void,
  ) {}

  /** Reads the real pack's policies into the baseline and checks that both declare the same. */
  static async prepare(sizes: PackSizes, options: LaunchOptions, log: (line: string) => void): Promise<PackBench> {
    log("reading the real pack's policies into the baseline");
    const real = await launchPack(REPO_ROOT, options);
    const info = await real.getAnalyzerInfo().finally(() => real.close());
    writeBaselinePolicies(info);
    const baseline = await launchPack(BASELINE_PACK_DIR, options);
    const baselineInfo = await baseline.getAnalyzerInfo().finally(() => baseline.close());
    const declared = (i: AnalyzerInfo) => JSON.stringify([i.version, i.policies.map((p) => [p.name, p.enforcementLevel, p.policyType, p.configSchema])]);
    if (declared(info) !== declared(baselineInfo)) throw new Error("the baseline pack does not declare the same policies as the real pack");
    return new PackBench(info, options, sizes, log);
  }

  /** The Configure request the engine sends for `--policy-pack-config` holding these records. */
  configureRequest(records: FilingRecordInput[]): WireRequest {
    const { config, errors } = reconcilePolicyConfig(this.info, policyConfigWithRecords(this.info, records));
    if (errors.length > 0) throw new Error(`the bench's policy config is invalid:\n${errors.join("\n")}`);
    return serializeConfigureRequest(config);
  }

  async startup(): Promise<Figure[]> {
    const { launches } = this.sizes;
    this.log(`start-up: ${launches} launches of each pack`);
    const times = await measureStartup(PACK_DIRS, launches, this.options);
    return [
      {
        key: "startup",
        label: `start-up, launch to port (median of ${launches})`,
        unit: "ms",
        value: median(times.real),
        baseline: median(times.baseline),
        comparedWith: "baseline pack",
        goal: 1.15,
        detail: { realRunsMs: times.real, baselineRunsMs: times.baseline },
      },
    ];
  }

  async analyze(): Promise<Figure[]> {
    const figures = await medianOverPairs(this.sizes.pairs, () => this.analyzeOnePair(MIXED_STREAM));
    const allFiled = await medianOverPairs(this.sizes.pairs, () => this.analyzeOnePair(ALL_FILED_STREAM));
    const sharedBaseline = await medianOverPairs(this.sizes.pairs, () => this.analyzeOnePair(SHARED_BASELINE_STREAM));
    return [...figures, ...allFiled, ...sharedBaseline, ...(await this.analyzeAgainstReplay())];
  }

  /**
   * For information: the real pack against a baseline that reports the real pack's diagnostics
   * again and finds nothing, so that the ratio holds the cost of finding and not of reporting.
   * It converts properties once, as the pack does, so that the ratio holds nothing else.
   */
  private async analyzeAgainstReplay(): Promise<Figure[]> {
    const { resources, inFlight, chunks } = this.sizes;
    this.log(`Analyze: ${count(resources)} resources, against a baseline that reports the same diagnostics`);
    const configure = this.configureRequest(streamRecords());
    const directory = mkdtempSync(path.join(os.tmpdir(), "icpguard-bench-"));
    try {
      const replayFile = path.join(directory, "replay.json");
      const reported = await this.recordDiagnostics(configure, resources);
      writeFileSync(replayFile, JSON.stringify(replayOf(reported)));
      const pair = await startPackPair(PACK_DIRS, { real: configure, baseline: configure }, this.options, {
        BENCH_BASELINE_REPLAY: replayFile,
        ...SHARED_BASELINE_STREAM.baselineEnv,
      });
      try {
        const requests = serializeAnalyzeRequests(resourceStream(resources), pair.scope);
        const figures: Figure[] = [];
        for (const calls of [1, inFlight]) {
          const how = calls === 1 ? "sequential" : `${calls} in flight`;
          const timing = await compareAnalyzeStreams(pair.packs, requests, { inFlight: calls, chunks });
          if (timing.real.diagnostics !== timing.baseline.diagnostics) {
            throw new Error(`the replaying baseline reported ${timing.baseline.diagnostics} diagnostics, the pack ${timing.real.diagnostics}`);
          }
          figures.push({
            key: calls === 1 ? "analyze-sequential-replay" : "analyze-concurrent-replay",
            label: `Analyze per call, ${how}, against a baseline reporting the same ${count(reported.length)} diagnostics`,
            unit: "ms",
            value: timing.real.perCallMs,
            baseline: timing.baseline.perCallMs,
            comparedWith: "replaying baseline",
            detail: { real: timing.real, baseline: timing.baseline },
          });
        }
        return figures;
      } finally {
        await pair.close();
      }
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  }

  /** The real pack's diagnostics for the stream, one call at a time. */
  private async recordDiagnostics(configure: WireRequest, resources: number): Promise<ReportedDiagnostic[]> {
    const session = await launchPack(REPO_ROOT, this.options);
    const analyzer = new RawAnalyzer(session.port);
    try {
      await session.handshake();
      await session.configureStack();
      await analyzer.configure(configure);
      const reported: ReportedDiagnostic[] = [];
      for (const request of serializeAnalyzeRequests(resourceStream(resources), session.urnScope)) reported.push(...(await analyzer.analyzeDiagnostics(request)));
      return reported;
    } finally {
      analyzer.close();
      await session.close();
    }
  }

  private async analyzeOnePair(stream: AnalyzeStream): Promise<Figure[]> {
    const { resources, inFlight, chunks } = this.sizes;
    this.log(`Analyze: ${count(resources)} resources, sequential and ${inFlight} in flight${stream.what}`);
    const configure = this.configureRequest(stream.records());
    const pair = await startPackPair(PACK_DIRS, { real: configure, baseline: configure }, this.options, stream.baselineEnv);
    const figures: Figure[] = [];
    try {
      const requests = serializeAnalyzeRequests(resourceStream(resources), pair.scope);
      for (const calls of [1, inFlight]) {
        const key = `${calls === 1 ? "analyze-sequential" : "analyze-concurrent"}${stream.keySuffix}`;
        const how = calls === 1 ? "sequential" : `${calls} in flight`;
        const timing = await compareAnalyzeStreams(pair.packs, requests, { inFlight: calls, chunks });
        // The goal's figure keeps its label across commits; others say how much they report.
        const size = stream.goal ? `${count(resources)} resources` : `${count(timing.real.diagnostics)} diagnostics`;
        figures.push({
          key,
          label: `Analyze per call, ${how}${stream.what} (${size})`,
          unit: "ms",
          value: timing.real.perCallMs,
          baseline: timing.baseline.perCallMs,
          comparedWith: stream.comparedWith ?? "baseline pack",
          ...(stream.goal ? { goal: stream.goal } : {}),
          detail: { real: timing.real, baseline: timing.baseline },
        });
        if (stream.goal) {
          figures.push(cpuFigure(`${key}-cpu`, `Analyze, pack CPU per call, ${how}`, timing.real.cpuPerCallMs, timing.baseline.cpuPerCallMs, "baseline pack"));
        }
      }
    } finally {
      await pair.close();
    }
    return figures;
  }

  /**
   * The same pack with many records against few. The first calls prepare each policy's config
   * (validation, indexes): that one-off cost is reported apart from the per-call figure.
   */
  async recordsScaling(): Promise<Figure[]> {
    const { resources, records, fewRecords, chunks } = this.sizes;
    const coldCalls = Math.min(this.sizes.coldCalls, resources);
    this.log(`records: ${count(records)} against ${fewRecords} filing records`);
    const configures = { real: this.configureRequest(recordsOfSize(records)), baseline: this.configureRequest(recordsOfSize(fewRecords)) };
    const pair = await startPackPair({ real: REPO_ROOT, baseline: REPO_ROOT }, configures, this.options);
    const compared = `${fewRecords} records`;
    try {
      const requests = serializeAnalyzeRequests(resourceStream(resources), pair.scope);
      const cold = await compareAnalyzeStreams(pair.packs, requests.slice(0, coldCalls), { inFlight: 1, chunks: 1 });
      const steady = await compareAnalyzeStreams(pair.packs, requests, { inFlight: 1, chunks });
      const oneOff = (side: "real" | "baseline") => Math.max(0, cold[side].totalMs - coldCalls * steady[side].perCallMs);
      return [
        {
          key: "records-configure",
          label: `Configure, ${count(records)} vs ${fewRecords} filing records`,
          unit: "ms",
          value: pair.configure.real.wallMs,
          baseline: pair.configure.baseline.wallMs,
          comparedWith: compared,
          detail: { cpuMs: pair.configure.real.cpuMs, fewRecordsCpuMs: pair.configure.baseline.cpuMs, requestBytes: configures.real.length },
        },
        {
          key: "records-first-calls",
          label: `config preparation in the first ${count(coldCalls)} Analyze calls, ${count(records)} vs ${fewRecords} records`,
          unit: "ms",
          value: oneOff("real"),
          baseline: oneOff("baseline"),
          comparedWith: compared,
          detail: { manyRecords: cold.real, fewRecords: cold.baseline },
        },
        {
          key: "records-scaling",
          label: `Analyze per call once prepared, ${count(records)} vs ${fewRecords} records`,
          unit: "ms",
          value: steady.real.perCallMs,
          baseline: steady.baseline.perCallMs,
          comparedWith: compared,
          goal: 1.1,
          detail: { manyRecords: steady.real, fewRecords: steady.baseline },
        },
        cpuFigure("records-scaling-cpu", `Analyze once prepared, pack CPU per call, ${count(records)} vs ${fewRecords} records`, steady.real.cpuPerCallMs, steady.baseline.cpuPerCallMs, compared),
        {
          key: "records-rss",
          label: `resident memory of the pack after the stream, ${count(records)} vs ${fewRecords} records`,
          unit: "MB",
          value: rssMb(pair.packs.real.pid),
          baseline: rssMb(pair.packs.baseline.pid),
          comparedWith: compared,
          detail: { peakMb: peakRssMb(pair.packs.real.pid), fewRecordsPeakMb: peakRssMb(pair.packs.baseline.pid) },
        },
      ];
    } finally {
      await pair.close();
    }
  }

  /** AnalyzeStack timings, then the peak RSS each pack reached. */
  async stack(): Promise<Figure[]> {
    return medianOverPairs(this.sizes.pairs, () => this.stackOnePair());
  }

  private async stackOnePair(): Promise<Figure[]> {
    const { resources, stackRuns } = this.sizes;
    this.log(`AnalyzeStack: ${count(resources)} resources, ${stackRuns} calls on each pack`);
    const configure = this.configureRequest(streamRecords());
    const pair = await startPackPair(PACK_DIRS, { real: configure, baseline: configure }, this.options);
    try {
      const request = serializeAnalyzeStackRequest(resourceStream(resources), pair.scope);
      const timing = await compareAnalyzeStack(pair.packs, request, stackRuns);
      return [
        {
          key: "analyze-stack",
          label: `AnalyzeStack, ${count(resources)} resources (median of ${stackRuns})`,
          unit: "ms",
          value: timing.real.medianMs,
          baseline: timing.baseline.medianMs,
          comparedWith: "baseline pack",
          goal: 1.25,
          detail: { real: timing.real, baseline: timing.baseline },
        },
        cpuFigure("analyze-stack-cpu", "AnalyzeStack, pack CPU per call (median)", timing.real.cpuMedianMs, timing.baseline.cpuMedianMs, "baseline pack"),
        {
          key: "peak-rss",
          label: `peak RSS of the pack after the ${count(resources)}-resource stack`,
          unit: "MB",
          value: peakRssMb(pair.packs.real.pid),
          baseline: peakRssMb(pair.packs.baseline.pid),
          comparedWith: "baseline pack",
          goal: 1.2,
        },
      ];
    } finally {
      await pair.close();
    }
  }
}

/**
 * Measures on `pairs` fresh pack pairs, one after the other, and keeps for each figure the pair
 * whose ratio is the median (the lower one of two); the other pairs' ratios stay in its detail.
 */
async function medianOverPairs(pairs: number, measure: () => Promise<Figure[]>): Promise<Figure[]> {
  const runs: Figure[][] = [];
  for (let i = 0; i < Math.max(1, pairs); i++) runs.push(await measure());
  if (runs.length === 1) return runs[0];
  const ratio = (figure: Figure) => (figure.baseline > 0 ? figure.value / figure.baseline : Number.POSITIVE_INFINITY);
  return runs[0].map((first) => {
    const same = runs.map((run) => run.find((figure) => figure.key === first.key) ?? first);
    const median = [...same].sort((a, b) => ratio(a) - ratio(b))[Math.floor((same.length - 1) / 2)];
    return {
      ...median,
      label: `${median.label}, median of ${runs.length} pack pairs`,
      detail: { ...median.detail, pairRatios: same.map(ratio) },
    };
  });
}

/** A violation as the replaying baseline hands it to @pulumi/policy's reportViolation. */
interface ReplayedViolation {
  message: string;
  urn: string;
  enforcementLevel: "advisory" | "mandatory";
}

/** Diagnostics by policy and URN, as the baseline pack reads them to report them again. */
function replayOf(reported: readonly ReportedDiagnostic[]): Record<string, Record<string, ReplayedViolation[]>> {
  const replay: Record<string, Record<string, ReplayedViolation[]>> = {};
  for (const diagnostic of reported) {
    const byUrn = (replay[diagnostic.policyName] ??= {});
    const level: ReplayedViolation["enforcementLevel"] = diagnostic.enforcementLevel === analyzerPb.EnforcementLevel.ADVISORY ? "advisory" : "mandatory";
    (byUrn[diagnostic.urn] ??= []).push({ message: diagnostic.message, urn: diagnostic.urn, enforcementLevel: level });
  }
  return replay;
}

/** CPU time of the pack process, for information: steadier than wall time on a busy machine. */
function cpuFigure(key: string, label: string, value: number, baseline: number, comparedWith: string): Figure {
  return { key, label, unit: "ms", value, baseline, comparedWith };
}
