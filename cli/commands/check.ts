// icpguard check [file]: the pack's verdicts on a Pulumi JSON output (a preview, a stack export
// or streaming engine events), in the reports CI tools read. Exit 0 nothing blocking, 1 blocking
// findings, 2 bad usage or unreadable input or config.

import { existsSync } from "node:fs";
import * as path from "node:path";
import { Option, type Command } from "commander";
import { policyPackConfig } from "../../rules/records-to-config";
import { runPolicies, type PolicyConfig, type ReportedLevel } from "../../rules/run-policies";
import { isoDay } from "../../rules/waivers";
import { EXIT } from "../exit-codes";
import { readTextInput } from "../input";
import { parsePolicyPackConfig } from "../pulumi-input/policy-pack-config";
import { readPulumiInput, type PulumiInput } from "../pulumi-input/read";
import { openInput, PulumiInputError, type InputSource } from "../pulumi-input/source";
import { jsonReport } from "../reports/json";
import { junitReport } from "../reports/junit";
import { markdownReport } from "../reports/markdown";
import { resolveTargets, writeReportFile, type ReportFormat } from "../reports/outputs";
import {
  blockingItems,
  checkedPairs,
  fromPackEvent,
  fromVerdict,
  policiesInEffect,
  sortItems,
  withFindingDetails,
  type CheckReport,
} from "../reports/report";
import { sarifReport } from "../reports/sarif";
import { textReport, textSummary, wantsColour } from "../reports/text";
import { formatIssue, loadRecords, parseIsoDay } from "./validate";

export interface CheckOptions {
  config?: string;
  records?: string;
  format: string[];
  output?: string;
  failOn: ReportedLevel;
  showWaived?: boolean;
  dryRun?: boolean;
  today?: string;
  sourceFile?: string;
}

/** A problem with how the command was called or what it was given: exit 2. */
class UsageProblem extends Error {}

const PROJECT_FILES = ["Pulumi.yaml", "Pulumi.yml"];

export async function runCheck(file: string | undefined, options: CheckOptions, toolVersion: string): Promise<number> {
  try {
    return await check(file, options, toolVersion);
  } catch (error) {
    if (error instanceof UsageProblem || error instanceof PulumiInputError) {
      process.stderr.write(`icpguard check: ${error.message}\n`);
      return EXIT.usage;
    }
    throw error;
  }
}

async function check(file: string | undefined, options: CheckOptions, toolVersion: string): Promise<number> {
  const targets = resolveTargets(options.format, options.output);
  if (!targets.ok) throw new UsageProblem(targets.message);
  if (options.config !== undefined && options.records !== undefined) {
    throw new UsageProblem("give either --config or --records, not both (--records makes the same config as `icpguard config`)");
  }
  const today = options.today ?? isoDay(new Date());
  const policyConfig = options.records !== undefined ? await configFromRecords(options.records, today) : await configFromFile(options.config);

  const source = await openInput(file);
  const input = await readWithProgress(source);
  for (const note of input.notes) process.stderr.write(`icpguard check: note: ${note}\n`);

  const dryRun = options.dryRun ?? input.preview ?? true;
  const policies = policiesInEffect(policyConfig);
  const evaluated = runPolicies(input.views, policyConfig, { dryRun, env: process.env, today }).map(fromVerdict);
  let items = evaluated;
  let verdictsFrom: CheckReport["verdictsFrom"] = "icpguard";
  if (input.packEvents) {
    // The pack ran in that deployment: its verdicts are the ones that counted. The evaluation
    // here only lends them the details a message does not carry (the domain to group by).
    verdictsFrom = "pack-events";
    const views = new Map(input.views.map((view) => [view.urn, view]));
    items = withFindingDetails(
      input.packEvents.map((event) => fromPackEvent(event, views)),
      evaluated,
    );
    if (options.config !== undefined || options.records !== undefined) {
      process.stderr.write("icpguard check: note: the events hold the icpguard pack's own verdicts, reported as they are; the given config is not used for them\n");
    }
  }
  const waivedCount = items.filter((item) => item.waived).length;
  const report: CheckReport = {
    tool: { name: "icpguard", version: toolVersion },
    input: { name: source.name, format: input.format, dryRun, resources: input.views.length },
    verdictsFrom,
    policies,
    checked: checkedPairs(input.views, policies),
    items: sortItems(options.showWaived ? items : items.filter((item) => !item.waived)),
    waivedCount,
    failOn: options.failOn,
    showWaived: options.showWaived === true,
  };

  const colour = wantsColour(process.stdout);
  const artifactUri = targets.targets.some((target) => target.format === "sarif")
    ? (options.sourceFile ?? projectFileInRepository(process.cwd()))
    : undefined;
  for (const target of targets.targets) {
    const contents = render(target.format, report, { colour: target.file === undefined && colour, artifactUri });
    if (target.file === undefined) {
      process.stdout.write(contents);
      continue;
    }
    try {
      await writeReportFile(target.file, contents);
    } catch (error) {
      throw new UsageProblem(`cannot write ${target.file}: ${(error as Error).message}`);
    }
  }
  const files = targets.targets.map((target) => target.file).filter((name): name is string => name !== undefined);
  if (files.length === targets.targets.length) process.stdout.write(textSummary(report, files, { colour }));
  return blockingItems(report).length > 0 ? EXIT.findings : EXIT.ok;
}

function render(format: ReportFormat, report: CheckReport, options: { colour: boolean; artifactUri?: string }): string {
  switch (format) {
    case "text":
      return textReport(report, { colour: options.colour });
    case "json":
      return jsonReport(report);
    case "sarif":
      return sarifReport(report, { artifactUri: options.artifactUri });
    case "junit":
      return junitReport(report);
    case "markdown":
      return markdownReport(report);
  }
}

async function configFromFile(file: string | undefined): Promise<PolicyConfig> {
  if (file === undefined) return {};
  const input = await readTextInput(file);
  if (!input.ok) throw new UsageProblem(`cannot read the policy pack config ${input.name}: ${input.message}`);
  const parsed = parsePolicyPackConfig(input.text);
  if (!parsed.ok) throw new UsageProblem(`${input.name} is not a usable --policy-pack-config file: ${parsed.message}`);
  for (const warning of parsed.reading.warnings) process.stderr.write(`icpguard check: ${input.name}: ${warning}\n`);
  return parsed.reading.config;
}

async function configFromRecords(file: string, today: string): Promise<PolicyConfig> {
  const outcome = await loadRecords(file, today);
  const issues = outcome.status === "unreadable" ? outcome.errors : outcome.issues;
  for (const issue of issues) process.stderr.write(`${formatIssue(outcome.name, issue)}\n`);
  const records = outcome.status === "checked" ? outcome.records : undefined;
  if (!records || issues.some((issue) => issue.severity === "problem")) {
    throw new UsageProblem(`the records in ${outcome.name} have problems (above); fix them first (\`icpguard validate ${outcome.name}\`)`);
  }
  return policyPackConfig(records);
}

/** Progress on stderr, only for a person watching a terminal. */
async function readWithProgress(source: InputSource): Promise<PulumiInput> {
  if (!process.stderr.isTTY) return readPulumiInput(source);
  let last = 0;
  const show = (resources: number) => {
    const now = Date.now();
    if (now - last < 100) return;
    last = now;
    const share = source.size ? ` ${Math.min(100, Math.floor((source.bytesRead() / source.size) * 100))}%,` : "";
    process.stderr.write(`\rreading ${source.name}:${share} ${resources} resources\u001b[K`);
  };
  try {
    return await readPulumiInput(source, show);
  } finally {
    if (last > 0) process.stderr.write("\r\u001b[K");
  }
}

/**
 * The Pulumi project file of the working directory, relative to its repository root: SARIF
 * results are attached to it, since a cloud resource has no line of code of its own.
 */
function projectFileInRepository(cwd: string): string | undefined {
  const projectFile = PROJECT_FILES.map((name) => path.join(cwd, name)).find((candidate) => existsSync(candidate));
  if (!projectFile) return undefined;
  for (let dir = cwd; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, ".git"))) return path.relative(dir, projectFile).split(path.sep).join("/");
    if (path.dirname(dir) === dir) return path.basename(projectFile);
  }
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function registerCheck(program: Command): void {
  program
    .command("check")
    .description("give the pack's verdicts on a Pulumi JSON output, in the reports CI tools read")
    .argument(
      "[file]",
      "output of `pulumi preview --json`, `pulumi stack export`, or streaming engine events (`pulumi up --json`); standard input when absent or \"-\"",
    )
    .option("--config <file>", "the --policy-pack-config file (JSON) the pack runs with, e.g. icp.json")
    .option("--records <file>", "a records file (YAML), turned into the pack's config as `icpguard config` does")
    .option(
      "--format <name[=file]>",
      "report to write: text, json, sarif, junit or markdown; NAME=FILE writes it to a file; repeat it or separate with commas (default: text)",
      collect,
      [],
    )
    .option("--output <file>", "file for the report when only one --format is given")
    .addOption(new Option("--fail-on <level>", "lowest enforcement level that fails the run (exit 1)").choices(["mandatory", "advisory"]).default("mandatory"))
    .option("--show-waived", "list findings a live waiver covers (never failing)")
    .option("--dry-run", "check as a preview: unknown values are advisories (default for previews and exports)")
    .option("--no-dry-run", "check as an update: unknown values block (default for events of `pulumi up`)")
    .option("--today <date>", "compare waiver expiry dates with this day (YYYY-MM-DD; default: today, UTC)", parseIsoDay)
    .option("--source-file <path>", "repository file SARIF results point at (default: Pulumi.yaml of the working directory)")
    .addHelpText(
      "after",
      [
        "",
        "Input: the format is detected. Secrets a file does not reveal (\"[secret]\" in a preview, ciphertext in an",
        "export) are read as unknown values. Streaming events that carry icpguard's own policy events (the pack ran",
        "in that deployment) are reported as they are; otherwise the resources are evaluated with --config/--records.",
        "",
        "Reports: --format text (default), json (schemas/icpguard-check-report.schema.json), sarif (GitHub code",
        "scanning), junit (CI test reports), markdown (a pull-request comment). Several in one run:",
        "  icpguard check preview.json --config icp.json --format sarif=icpguard.sarif,markdown=comment.md",
        "  icpguard check preview.json --format json --output report.json",
        "When every report goes to a file, a one-line outcome is printed instead.",
        "",
        "Exit codes: 0 nothing blocking, 1 blocking findings (at --fail-on), 2 bad usage, unreadable input or config.",
      ].join("\n"),
    )
    .action(async (file: string | undefined, options: CheckOptions) => {
      process.exitCode = await runCheck(file, options, program.version() ?? "0.0.0");
    });
}
