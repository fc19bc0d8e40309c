// icpguard compare <a> <b>: two layouts of an application side by side (say, mainland and Hong
// Kong): the filings each needs, the licences and public-security filings that follow, the lead
// time before go-live, and what changes for users. A layout is any Pulumi JSON output `check`
// reads, or a Pulumi program directory, run under the mock runtime. Exit 0 when compared, 2 for
// bad usage, unreadable input or config.

import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import * as path from "node:path";
import { InvalidArgumentError, Option, type Command } from "commander";
import { parse as parseYaml } from "yaml";
import { LANGUAGES, type Language } from "../../rules/config";
import { summariseLayout, type LayoutOptions } from "../../rules/layout-summary";
import { provinceByAbbreviation, provinceByCode, type ProvinceCode } from "../../rules/provinces";
import { policyPackConfig } from "../../rules/records-to-config";
import type { PolicyConfig } from "../../rules/run-policies";
import { fromWireObject, type ResourceView } from "../../rules/view";
import { isoDay } from "../../rules/waivers";
import type { EngineResource } from "../../harness/requests";
import { EXIT } from "../exit-codes";
import { readTextInput } from "../input";
import { parsePolicyPackConfig } from "../pulumi-input/policy-pack-config";
import { readPulumiInput } from "../pulumi-input/read";
import { openInput, PulumiInputError } from "../pulumi-input/source";
import { compareHtmlReport } from "../reports/compare-html";
import { buildCompareReport, type CompareReport, type LayoutInput, type LayoutSource } from "../reports/compare-report";
import { compareTextReport } from "../reports/compare-text";
import { writeReportFile } from "../reports/outputs";
import { wantsColour } from "../reports/text";
import { formatIssue, loadRecords, parseIsoDay } from "./validate";

export const COMPARE_FORMATS = ["text", "json", "html"] as const;
export type CompareFormat = (typeof COMPARE_FORMATS)[number];

/** Options compare and what-if share. */
export interface LayoutCommandOptions {
  config?: string;
  records?: string;
  format: CompareFormat;
  output?: string;
  language?: Language;
  province?: ProvinceCode;
  foreignCompany?: boolean;
  today?: string;
}

interface CompareOptions extends LayoutCommandOptions {
  labelA?: string;
  labelB?: string;
  stackA?: string;
  stackB?: string;
  setA: Record<string, string>;
  setB: Record<string, string>;
}

/** A problem with how the command was called or what it was given: exit 2. */
export class UsageProblem extends Error {}

/** Where a layout comes from, as the command line gives it. */
export interface LayoutSpec {
  path: string;
  label?: string;
  stack?: string;
  overrides: Record<string, string>;
}

export interface LoadedLayout {
  views: ResourceView[];
  source: LayoutSource;
  /** A preview unless the input says it is an update. */
  dryRun: boolean;
  defaultLabel: string;
}

export interface PolicyInputs {
  config: PolicyConfig;
  /** The records file's language, when records were given. */
  language?: Language;
}

export async function runCompare(a: string, b: string, options: CompareOptions, toolVersion: string): Promise<number> {
  return runLayoutCommand("compare", async () => {
    if (a === "-" && b === "-") throw new UsageProblem("only one layout can come from standard input; give the other as a file");
    const today = options.today ?? isoDay(new Date());
    const policy = await policyInputs(options, today);
    const specs: LayoutSpec[] = [
      { path: a, label: options.labelA, stack: options.stackA, overrides: options.setA },
      { path: b, label: options.labelB, stack: options.stackB, overrides: options.setB },
    ];
    const loaded = await Promise.all(specs.map((spec) => loadLayout(spec)));
    const labels = distinctLabels(specs.map((spec, i) => spec.label ?? (loaded[i] as LoadedLayout).defaultLabel));
    const layouts = loaded.map((layout, i) => summarised(layout, labels[i] as string, policy.config, options, today, process.env));
    const report = buildCompareReport(layouts, { language: options.language ?? policy.language ?? "en", today, toolVersion });
    await writeCompareReport(report, options);
  });
}

/** Runs a compare-like command: usage problems and unreadable inputs exit 2 with one line. */
export async function runLayoutCommand(name: string, body: () => Promise<void>): Promise<number> {
  try {
    await body();
    return EXIT.ok;
  } catch (error) {
    if (error instanceof UsageProblem || error instanceof PulumiInputError) {
      process.stderr.write(`icpguard ${name}: ${error.message}\n`);
      return EXIT.usage;
    }
    throw error;
  }
}

export function summarised(
  layout: LoadedLayout,
  label: string,
  config: PolicyConfig,
  options: LayoutCommandOptions,
  today: string,
  env: LayoutOptions["env"],
): LayoutInput {
  const summary = summariseLayout(layout.views, config, {
    today,
    env,
    dryRun: layout.dryRun,
    ...(options.province ? { province: options.province } : {}),
    foreignCompany: options.foreignCompany === true,
  });
  if (summary.configProblems.length > 0) {
    const problems = summary.configProblems.flatMap(({ policy, problems: list }) => list.map((problem) => `  ${policy}: ${problem}`));
    throw new UsageProblem(`the policy config has problems, so the duties it records cannot be read:\n${problems.join("\n")}`);
  }
  return { label, source: layout.source, dryRun: layout.dryRun, summary };
}

export async function writeCompareReport(report: CompareReport, options: LayoutCommandOptions): Promise<void> {
  const toTerminal = options.output === undefined || options.output === "-";
  const contents = renderCompare(report, options.format, toTerminal);
  if (toTerminal) {
    process.stdout.write(contents);
    return;
  }
  try {
    await writeReportFile(options.output as string, contents);
  } catch (error) {
    throw new UsageProblem(`cannot write ${options.output}: ${(error as Error).message}`);
  }
  process.stdout.write(`icpguard: wrote the ${options.format} comparison of ${report.layouts.map((layout) => layout.label).join(" and ")} to ${options.output}\n`);
}

function renderCompare(report: CompareReport, format: CompareFormat, toTerminal: boolean): string {
  switch (format) {
    case "json":
      return `${JSON.stringify(report, null, 2)}\n`;
    case "html":
      return compareHtmlReport(report);
    case "text": {
      const colour = toTerminal && wantsColour(process.stdout);
      const width = toTerminal && process.stdout.isTTY ? (process.stdout.columns ?? 120) : 120;
      return compareTextReport(report, { colour, width: Math.max(80, width) });
    }
  }
}

/** The policy config from --records (as `icpguard config` writes it) or --config, else none. */
export async function policyInputs(options: { config?: string; records?: string }, today: string): Promise<PolicyInputs> {
  if (options.config !== undefined && options.records !== undefined) {
    throw new UsageProblem("give either --config or --records, not both (--records makes the same config as `icpguard config`)");
  }
  if (options.records !== undefined) {
    const outcome = await loadRecords(options.records, today);
    const issues = outcome.status === "unreadable" ? outcome.errors : outcome.issues;
    for (const issue of issues) process.stderr.write(`${formatIssue(outcome.name, issue)}\n`);
    const records = outcome.status === "checked" ? outcome.records : undefined;
    if (!records || issues.some((issue) => issue.severity === "problem")) {
      throw new UsageProblem(`the records in ${outcome.name} have problems (above); fix them first (\`icpguard validate ${outcome.name}\`)`);
    }
    return { config: policyPackConfig(records), language: records.language };
  }
  if (options.config === undefined) return { config: {} };
  const input = await readTextInput(options.config);
  if (!input.ok) throw new UsageProblem(`cannot read the policy pack config ${input.name}: ${input.message}`);
  const parsed = parsePolicyPackConfig(input.text);
  if (!parsed.ok) throw new UsageProblem(`${input.name} is not a usable --policy-pack-config file: ${parsed.message}`);
  return { config: parsed.reading.config };
}

/** Two layouts with the same name get their position added, so the columns can be told apart. */
function distinctLabels(labels: string[]): string[] {
  return labels.map((label, i) => (labels.indexOf(label) !== i || labels.lastIndexOf(label) !== i ? `${label} (${i + 1})` : label));
}

// ---- Reading a layout: a Pulumi JSON output, or a program directory run under the mock runtime.

export async function loadLayout(spec: LayoutSpec): Promise<LoadedLayout> {
  const isDirectory = spec.path !== "-" && existsSync(spec.path) && statSync(spec.path).isDirectory();
  if (!isDirectory) {
    if (spec.stack !== undefined || Object.keys(spec.overrides).length > 0) {
      throw new UsageProblem(`${spec.path} is not a program directory; --stack and --set apply to program directories only`);
    }
    const source = await openInput(spec.path);
    const input = await readPulumiInput(source);
    for (const note of input.notes) process.stderr.write(`icpguard: ${source.name}: note: ${note}\n`);
    return {
      views: input.views,
      source: { kind: input.format, file: source.name },
      dryRun: input.preview ?? true,
      defaultLabel: path.basename(source.name, path.extname(source.name)),
    };
  }
  const program = findProgram(spec);
  // Loaded only here: the engine-request modules cost every other command ~100 ms at start.
  const [{ captureProgram }, { toEngineRequests }] = await Promise.all([import("../../harness/mock-capture"), import("../../harness/program-requests")]);
  let captured;
  try {
    captured = await captureProgram(program.module, { project: program.project, stack: program.stack, stackConfig: program.stackConfig, preview: true, cwd: program.directory });
  } catch (error) {
    throw new UsageProblem((error as Error).message);
  }
  const { resources } = toEngineRequests(captured, { project: program.project, stack: program.stack, stackConfig: program.stackConfig });
  const overrides = Object.entries(spec.overrides).map(([key, value]) => `${key}=${value}`);
  return {
    views: resources.map(viewOfEngineResource),
    source: { kind: "program", directory: spec.path, project: program.project, stack: program.stack, overrides: spec.overrides },
    dryRun: true,
    defaultLabel: overrides.length > 0 ? `${program.project} ${overrides.join(" ")}` : program.project,
  };
}

interface ProgramToRun {
  directory: string;
  project: string;
  stack: string;
  stackConfig: Record<string, string>;
  module: string;
}

const PROJECT_FILES = ["Pulumi.yaml", "Pulumi.yml"];

/** The project, its stack config (with the overrides) and its compiled program. */
function findProgram(spec: LayoutSpec): ProgramToRun {
  const directory = spec.path;
  const projectFile = PROJECT_FILES.map((name) => path.join(directory, name)).find((file) => existsSync(file));
  if (!projectFile) throw new UsageProblem(`${directory} has no Pulumi.yaml: give a Pulumi program directory or a Pulumi JSON output`);
  const project = readYamlMapping(projectFile);
  if (typeof project.name !== "string" || project.name === "") throw new UsageProblem(`${projectFile}: name is missing`);
  const stacks = readdirSync(directory)
    .map((file) => /^Pulumi\.(.+)\.ya?ml$/.exec(file)?.[1])
    .filter((stack): stack is string => stack !== undefined);
  let stack = spec.stack;
  if (stack === undefined) {
    if (stacks.length > 1) throw new UsageProblem(`${directory} has stacks ${stacks.join(", ")}: choose one with --stack`);
    stack = stacks[0] ?? "dev";
  } else if (!stacks.includes(stack) && stacks.length > 0) {
    throw new UsageProblem(`${directory} has no stack ${stack} (its stacks: ${stacks.join(", ")})`);
  }
  const stackFile = ["yaml", "yml"].map((ext) => path.join(directory, `Pulumi.${stack}.${ext}`)).find((file) => existsSync(file));
  const stackConfig = stackFile ? stackConfigOf(stackFile, project.name) : {};
  for (const [key, value] of Object.entries(spec.overrides)) stackConfig[key.includes(":") ? key : `${project.name}:${key}`] = value;
  return { directory, project: project.name, stack, stackConfig, module: programModule(directory, project.main) };
}

function readYamlMapping(file: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = parseYaml(readFileSync(file, "utf8"));
  } catch (error) {
    throw new UsageProblem(`${file}: ${(error as Error).message}`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new UsageProblem(`${file}: expected a YAML mapping`);
  return parsed as Record<string, unknown>;
}

/** Stack config as the Pulumi CLI hands it to a program: `<namespace>:<key>` → text. */
function stackConfigOf(file: string, project: string): Record<string, string> {
  const config = readYamlMapping(file).config ?? {};
  if (typeof config !== "object" || config === null || Array.isArray(config)) throw new UsageProblem(`${file}: config must be a mapping`);
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(config)) {
    if (typeof value === "object" && value !== null && "secure" in value) {
      throw new UsageProblem(`${file}: ${key} is encrypted; the mock runtime has no secrets provider (give it with --set, or compare \`pulumi preview --json\` output instead)`);
    }
    result[key.includes(":") ? key : `${project}:${key}`] = typeof value === "string" ? value : JSON.stringify(value);
  }
  return result;
}

/**
 * The compiled program: `main` of Pulumi.yaml when it is JavaScript, else index.js next to it;
 * an example of this package runs from its build (dist/examples/<name>/index.js).
 */
function programModule(directory: string, main: unknown): string {
  const candidates: string[] = [];
  if (typeof main === "string" && main !== "") {
    const target = path.resolve(directory, main);
    candidates.push(target.endsWith(".js") ? target : path.join(target, "index.js"));
  }
  candidates.push(path.resolve(directory, "index.js"));
  const root = packageRoot();
  const relative = path.relative(path.join(root, "examples"), path.resolve(directory));
  if (!relative.startsWith("..") && !path.isAbsolute(relative)) candidates.push(path.join(root, "dist", "examples", relative, "index.js"));
  const found = candidates.find((candidate) => existsSync(candidate));
  if (!found) {
    throw new UsageProblem(
      `${directory}: no compiled program found (looked for ${candidates.join(", ")}); compile it (npx tsc) or compare \`pulumi preview --json\` output instead`,
    );
  }
  return found;
}

/** This package's directory: the nearest one above this file with PulumiPolicy.yaml. */
function packageRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, "PulumiPolicy.yaml"))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(__dirname, "..", "..");
  }
}

/** A resource as the engine would hand it to the pack, read as the rules read it. */
function viewOfEngineResource(resource: EngineResource): ResourceView {
  const view: ResourceView = { urn: resource.urn as string, name: resource.name, type: resource.type, props: fromWireObject(resource.properties) };
  if (resource.provider) {
    const { type, name, urn, properties } = resource.provider;
    view.provider = { type, name, urn: urn as string, props: fromWireObject(properties) };
  }
  if (resource.propertyDependencies) view.propertyDependencies = resource.propertyDependencies;
  if (resource.dependencies) view.dependencies = resource.dependencies;
  if (resource.parent) view.parent = resource.parent;
  return view;
}

// ---- Command-line options.

export function parseProvince(value: string): ProvinceCode {
  const province = provinceByCode(value.trim().toUpperCase()) ?? provinceByAbbreviation(value.trim());
  if (!province) throw new InvalidArgumentError("expected an ISO 3166-2:CN code such as CN-SH, or the abbreviation that starts its numbers, such as 沪.");
  return province.code;
}

export function collectSetting(value: string, previous: Record<string, string> = {}): Record<string, string> {
  const match = /^([^=]+)=(.*)$/s.exec(value);
  if (!match) throw new InvalidArgumentError("expected <key>=<value>, e.g. layout=hongkong.");
  return { ...previous, [(match[1] as string).trim()]: match[2] as string };
}

/** The options compare and what-if share, added to a command. */
export function addLayoutOptions(command: Command): Command {
  return command
    .option("--records <file>", "records file (YAML) of the filing entity, read as `icpguard config` reads it")
    .option("--config <file>", "the --policy-pack-config file (JSON) the pack runs with, e.g. icp.json")
    .addOption(new Option("--format <format>", "text (a side-by-side table), json (versioned) or html (a self-contained page)").choices(COMPARE_FORMATS).default("text"))
    .option("--output <file>", "write the report to a file instead of standard output")
    .addOption(new Option("--language <language>", "language of the report (default: the records file's, else en)").choices(LANGUAGES))
    .option("--province <code>", "province of the filing entity (CN-SH or 沪), when the records do not say", parseProvince)
    .option("--foreign-company", "the company has no mainland entity yet: a WFOE or joint venture comes first")
    .option("--today <date>", "compare deadlines and expiry dates with this day (YYYY-MM-DD; default: today, UTC)", parseIsoDay);
}

export const LAYOUT_HELP = [
  "",
  "A layout is the output of `pulumi preview --json`, `pulumi stack export` or streaming engine events",
  "(as `icpguard check` reads them), or a Pulumi program directory: its compiled program runs under",
  "Pulumi's mock runtime with the stack's config, so neither the Pulumi CLI nor a cloud account is needed.",
  "",
  "Lead times are planning ranges in business days from public guides (rules/lead-time-facts.ts):",
  "provider review 1–3, MIIT SMS within 1, the province's authority review, a commercial licence 40–60,",
  "a local entity for a foreign company 40–70; the public-security filing is due within 30 days after go-live.",
  "",
  "Exit codes: 0 compared, 2 bad usage, unreadable input or config.",
].join("\n");

export function registerCompare(program: Command): void {
  const command = program
    .command("compare")
    .description("compare two layouts of an application (say mainland and Hong Kong): filings, licences, lead time, what changes for users")
    .argument("<a>", "first layout: a Pulumi JSON output or a program directory")
    .argument("<b>", "second layout: a Pulumi JSON output or a program directory");
  addLayoutOptions(command)
    .option("--label-a <name>", "name of the first layout's column")
    .option("--label-b <name>", "name of the second layout's column")
    .option("--stack-a <stack>", "stack of the first program directory (when it has several)")
    .option("--stack-b <stack>", "stack of the second program directory (when it has several)")
    .option("--set-a <key=value>", "stack config of the first program, e.g. layout=mainland (repeat it)", collectSetting, {})
    .option("--set-b <key=value>", "stack config of the second program, e.g. layout=hongkong (repeat it)", collectSetting, {})
    .addHelpText(
      "after",
      [
        "",
        "Examples:",
        "  icpguard compare mainland.json hongkong.json --records icp-records.yaml",
        "  icpguard compare examples/mainland-vs-hongkong examples/mainland-vs-hongkong --set-b layout=hongkong \\",
        "      --label-a Mainland --label-b \"Hong Kong\" --records examples/mainland-vs-hongkong/icp-records.yaml --format html --output compare.html",
        LAYOUT_HELP,
      ].join("\n"),
    )
    .action(async (a: string, b: string, options: CompareOptions) => {
      process.exitCode = await runCompare(a, b, options, program.version() ?? "0.0.0");
    });
}
