// `npm run bench`: what icpguard costs a preview, against a baseline pack that declares the same
// policies and checks nothing. Prints a table and writes bench/results.json.
//   BENCH_SCALE=0.1          every input a tenth as large, for a quick look
//   BENCH_ONLY=analyze,stack only these sections (startup, analyze, records, stack, cli)
//   BENCH_PROFILE_DIR=dir    a CPU profile of every pack launched, written there when it stops

import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { LaunchOptions } from "../harness";
import { cliFigures } from "./cli-figures";
import { PackBench, type PackSizes } from "./pack-figures";
import { REPO_ROOT, RESULTS_FILE } from "./paths";
import { formatTable, score, type Figure, type ScoredFigure, type SkippedFigure } from "./report";

export interface BenchSizes extends PackSizes {
  /** Runs of each command-line measurement. */
  cliRuns: number;
}

export const FULL_SIZES: BenchSizes = {
  launches: 10,
  resources: 10_000,
  inFlight: 16,
  chunks: 40,
  stackRuns: 9,
  records: 100_000,
  fewRecords: 10,
  coldCalls: 1_000,
  pairs: 3,
  cliRuns: 3,
};

/** Full sizes times `scale`; repetitions keep a floor so that medians still mean something. */
export function sizesForScale(scale: number): BenchSizes {
  const scaled = (value: number, floor: number) => Math.max(floor, Math.round(value * scale));
  return {
    ...FULL_SIZES,
    launches: scaled(FULL_SIZES.launches, 3),
    resources: scaled(FULL_SIZES.resources, 50),
    stackRuns: scaled(FULL_SIZES.stackRuns, 3),
    records: scaled(FULL_SIZES.records, FULL_SIZES.fewRecords),
    coldCalls: scaled(FULL_SIZES.coldCalls, 20),
  };
}

export const SECTIONS = ["startup", "analyze", "records", "stack", "cli"] as const;
export type Section = (typeof SECTIONS)[number];

export interface BenchOptions {
  sections?: readonly Section[];
  log?: (line: string) => void;
  /** Where packs write CPU profiles; none when undefined. */
  profileDir?: string;
}

export interface BenchResults {
  date: string;
  node: string;
  commit: string;
  /** Tracked files differed from the commit when the bench ran. */
  dirty: boolean;
  cores: number;
  cpu: string;
  sizes: BenchSizes;
  figures: ScoredFigure[];
  skipped: SkippedFigure[];
}

function gitState(): { commit: string; dirty: boolean } {
  try {
    const commit = execFileSync("git", ["rev-parse", "HEAD"], { cwd: REPO_ROOT, encoding: "utf8" }).trim();
    const status = execFileSync("git", ["status", "--porcelain", "--untracked-files=no"], { cwd: REPO_ROOT, encoding: "utf8" });
    return { commit, dirty: status.trim() !== "" };
  } catch {
    return { commit: "unknown", dirty: false };
  }
}

function launchOptions(profileDir: string | undefined): LaunchOptions {
  if (!profileDir) return { dryRun: true };
  const preload = path.join(REPO_ROOT, "dist", "bench", "cpu-profile-preload.js");
  return { dryRun: true, env: { BENCH_PROFILE_DIR: path.resolve(profileDir), NODE_OPTIONS: `--require ${preload}` } };
}

export async function runBench(sizes: BenchSizes, options: BenchOptions = {}): Promise<BenchResults> {
  const sections = new Set(options.sections ?? SECTIONS);
  const log = options.log ?? (() => {});
  const figures: Figure[] = [];
  const skipped: SkippedFigure[] = [];

  const timed = async (measure: () => Promise<Figure[]>) => {
    const started = Date.now();
    figures.push(...(await measure()));
    log(`  took ${Math.round((Date.now() - started) / 1000)} s`);
  };
  if (["startup", "analyze", "records", "stack"].some((section) => sections.has(section as Section))) {
    const packs = await PackBench.prepare(sizes, launchOptions(options.profileDir), log);
    if (sections.has("startup")) await timed(() => packs.startup());
    if (sections.has("analyze")) await timed(() => packs.analyze());
    if (sections.has("records")) await timed(() => packs.recordsScaling());
    if (sections.has("stack")) await timed(() => packs.stack());
  }
  if (sections.has("cli")) {
    log("command-line tool");
    await timed(async () => {
      const cli = cliFigures({ resources: sizes.resources, records: sizes.records, fewRecords: sizes.fewRecords, runs: sizes.cliRuns });
      skipped.push(...cli.skipped);
      return cli.figures;
    });
  }

  return {
    date: new Date().toISOString(),
    node: process.version,
    ...gitState(),
    cores: os.cpus().length,
    cpu: os.cpus()[0]?.model ?? "unknown",
    sizes,
    figures: figures.map(score),
    skipped,
  };
}

function scaleFromEnvironment(): number {
  const raw = process.env.BENCH_SCALE;
  if (raw === undefined || raw === "") return 1;
  const scale = Number(raw);
  if (!Number.isFinite(scale) || scale <= 0) throw new Error(`BENCH_SCALE must be a positive number, got "${raw}"`);
  return scale;
}

function sectionsFromEnvironment(): Section[] | undefined {
  const raw = process.env.BENCH_ONLY;
  if (raw === undefined || raw.trim() === "") return undefined;
  const names = raw.split(",").map((name) => name.trim());
  const unknown = names.filter((name) => !(SECTIONS as readonly string[]).includes(name));
  if (unknown.length > 0) throw new Error(`BENCH_ONLY names unknown sections: ${unknown.join(", ")} (known: ${SECTIONS.join(", ")})`);
  return names as Section[];
}

async function main(): Promise<void> {
  const started = Date.now();
  const results = await runBench(sizesForScale(scaleFromEnvironment()), {
    sections: sectionsFromEnvironment(),
    profileDir: process.env.BENCH_PROFILE_DIR || undefined,
    log: (line) => process.stderr.write(`bench: ${line}\n`),
  });
  writeFileSync(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(
    `\n${formatTable(results.figures, results.skipped)}\n\n` +
      `${results.node}, ${results.cores} cores, commit ${results.commit.slice(0, 12)}${results.dirty ? " (with changes)" : ""}; ` +
      `${Math.round((Date.now() - started) / 1000)} s; written to ${path.relative(process.cwd(), RESULTS_FILE)}\n`,
  );
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  });
}
