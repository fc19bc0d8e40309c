// Figures for the command-line tool's `validate` and `check`, measured as a user runs them:
// a fresh `node dist/cli/main.js` process each time, wall time and peak RSS.

import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { CLI_MAIN, REPO_ROOT } from "./paths";
import type { Figure, SkippedFigure } from "./report";
import { stackExport } from "./stack-export";
import { median } from "./stats";
import { ENTITY_PROVINCE, WORKLOAD_PROVIDERS, recordsOfSize, resourceStream, type FilingRecordInput } from "./workload";

const TIME_COMMAND = "/usr/bin/time";
const RSS_WRAPPER = path.join(REPO_ROOT, "dist", "bench", "cli-rss-wrapper.js");
const POLICY = "icp-filing-required";

interface CommandShape {
  name: string;
  options: string[];
}

interface CliRun {
  wallMs: number;
  peakRssMb: number;
  exitCode: number;
  stderr: string;
}

/** The subcommands the built CLI registers, with their long option flags. */
function registeredCommands(): CommandShape[] {
  const script = `const p = require(${JSON.stringify(CLI_MAIN)}).buildProgram();
process.stdout.write(JSON.stringify(p.commands.map((c) => ({ name: c.name(), options: c.options.map((o) => o.long).filter(Boolean) }))));`;
  const result = spawnSync(process.execPath, ["-e", script], { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`could not list the CLI's commands: ${result.stderr.trim()}`);
  return JSON.parse(result.stdout) as CommandShape[];
}

/** Runs the CLI once; peak RSS from GNU time, else from a wrapper reading process.resourceUsage. */
function runCli(args: string[]): CliRun {
  const useTime = existsSync(TIME_COMMAND);
  const [command, argv] = useTime
    ? [TIME_COMMAND, ["-v", process.execPath, CLI_MAIN, ...args]]
    : [process.execPath, [RSS_WRAPPER, CLI_MAIN, ...args]];
  const started = performance.now();
  const result = spawnSync(command, argv, { cwd: REPO_ROOT, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  const wallMs = performance.now() - started;
  const rss = useTime
    ? /Maximum resident set size \(kbytes\): (\d+)/.exec(result.stderr)
    : /icpguard-bench-max-rss-kb: (\d+)/.exec(result.stderr);
  if (!rss) throw new Error(`no peak RSS reported for icpguard ${args.join(" ")}: ${result.stderr.slice(0, 500)}`);
  return { wallMs, peakRssMb: Number(rss[1]) / 1024, exitCode: result.status ?? -1, stderr: result.stderr };
}

/** Median wall time and peak RSS of `runs` runs; throws on a usage error (exit code 2). */
function timeCli(args: string[], runs: number): { wallMs: number; peakRssMb: number; exitCode: number } {
  const results: CliRun[] = [];
  for (let i = 0; i < runs; i++) {
    const run = runCli(args);
    if (run.exitCode !== 0 && run.exitCode !== 1) {
      throw new Error(`icpguard ${args[0]} exited with ${run.exitCode}: ${run.stderr.trim().split("\n")[0]}`);
    }
    results.push(run);
  }
  return {
    wallMs: median(results.map((run) => run.wallMs)),
    peakRssMb: median(results.map((run) => run.peakRssMb)),
    exitCode: results[0].exitCode,
  };
}

/** A records file as a user keeps it in git: block YAML, one entity, its website filings. */
function recordsYaml(records: readonly FilingRecordInput[]): string {
  const lines = ["version: 1", "entity:", "  name: Bench Example Co., Ltd.", `  province: ${ENTITY_PROVINCE.code}`, "  type: company", "filings:"];
  for (const record of records) {
    lines.push(`  - domain: ${record.domain}`, `    number: ${record.number}`);
    if (record.status) lines.push(`    status: ${record.status}`);
  }
  return `${lines.join("\n")}\n`;
}

/** How `check` is given the filing records: a records file, else a policy-pack config file. */
function recordsArguments(command: CommandShape, records: FilingRecordInput[], workDir: string): string[] {
  if (command.options.includes("--records")) {
    const file = path.join(workDir, "check-records.yaml");
    writeFileSync(file, recordsYaml(records));
    return ["--records", file];
  }
  const flag = ["--policy-pack-config", "--config"].find((option) => command.options.includes(option));
  if (!flag) return [];
  const file = path.join(workDir, "policy-config.json");
  writeFileSync(file, JSON.stringify({ [POLICY]: { filings: records } }));
  return [flag, file];
}

export interface CliSizes {
  resources: number;
  records: number;
  fewRecords: number;
  runs: number;
}

/** `validate` and `check` figures for whichever of them exist; the others are skipped with a note. */
export function cliFigures(sizes: CliSizes): { figures: Figure[]; skipped: SkippedFigure[] } {
  const figures: Figure[] = [];
  const skipped: SkippedFigure[] = [];
  const validateLabel = `CLI validate, ${sizes.records.toLocaleString("en")} vs ${sizes.fewRecords} records`;
  const checkLabel = `CLI check, ${sizes.resources.toLocaleString("en")}-resource stack export`;
  if (!existsSync(CLI_MAIN)) {
    const note = "dist/cli/main.js is missing (run npm run build)";
    return { figures, skipped: [{ key: "cli-validate", label: validateLabel, note }, { key: "cli-check", label: checkLabel, note }] };
  }
  const commands = registeredCommands();
  const workDir = mkdtempSync(path.join(os.tmpdir(), "icpguard-bench-cli-"));
  try {
    const recordsFile = (records: FilingRecordInput[], name: string) => {
      const file = path.join(workDir, name);
      writeFileSync(file, recordsYaml(records));
      return file;
    };

    const validate = commands.find((command) => command.name === "validate");
    if (!validate) {
      skipped.push({ key: "cli-validate", label: validateLabel, note: "the CLI has no validate command yet" });
    } else {
      try {
        const many = timeCli(["validate", recordsFile(recordsOfSize(sizes.records), "many-records.yaml")], sizes.runs);
        const few = timeCli(["validate", recordsFile(recordsOfSize(sizes.fewRecords), "few-records.yaml")], sizes.runs);
        figures.push({
          key: "cli-validate",
          label: validateLabel,
          unit: "ms",
          value: many.wallMs,
          baseline: few.wallMs,
          comparedWith: `${sizes.fewRecords} records`,
          detail: { peakRssMb: many.peakRssMb, fewRecordsPeakRssMb: few.peakRssMb },
        });
      } catch (error) {
        skipped.push({ key: "cli-validate", label: validateLabel, note: (error as Error).message });
      }
    }

    const check = commands.find((command) => command.name === "check");
    if (!check) {
      skipped.push({ key: "cli-check", label: checkLabel, note: "the CLI has no check command yet" });
    } else {
      try {
        const exportFile = path.join(workDir, "stack-export.json");
        writeFileSync(exportFile, JSON.stringify(stackExport(resourceStream(sizes.resources), WORKLOAD_PROVIDERS)));
        const run = timeCli(["check", exportFile, ...recordsArguments(check, recordsOfSize(sizes.fewRecords), workDir)], sizes.runs);
        const idle = timeCli(["--version"], sizes.runs);
        figures.push(
          { key: "cli-check-time", label: `${checkLabel}, time`, unit: "ms", value: run.wallMs, baseline: idle.wallMs, comparedWith: "icpguard --version" },
          { key: "cli-check-rss", label: `${checkLabel}, peak RSS`, unit: "MB", value: run.peakRssMb, baseline: idle.peakRssMb, comparedWith: "icpguard --version" },
        );
      } catch (error) {
        skipped.push({ key: "cli-check", label: checkLabel, note: (error as Error).message });
      }
    }
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
  return { figures, skipped };
}
