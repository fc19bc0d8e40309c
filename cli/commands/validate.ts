// icpguard validate <records>: checks a records file offline (schema, numbers, provinces,
// duplicates, dates) and prints every problem at its place in the file.

import { InvalidArgumentError, Option, type Command } from "commander";
import { formatPath } from "../../rules/config";
import { describePath, type RecordsFile } from "../../rules/records-file";
import { hasProblems, validateRecordsText, type LocatedIssue } from "../../rules/records-checks";
import { textPrefix } from "../../rules/text-prefix";
import { isoDay } from "../../rules/waivers";
import { EXIT } from "../exit-codes";
import { readTextInput } from "../input";

/** Long messages (a 10 MB value quoted back) are cut to this many characters. */
export const MAX_MESSAGE_LENGTH = 500;
/** After the first few YAML syntax errors the rest are usually consequences of them. */
export const MAX_YAML_ERRORS = 10;

export type OutputFormat = "text" | "json";

/** Outcome of reading and checking a records file, shared by validate and config. */
export type RecordsOutcome =
  | { status: "unreadable"; name: string; errors: LocatedIssue[] }
  | { status: "checked"; name: string; records: RecordsFile | undefined; issues: LocatedIssue[] };

export async function loadRecords(pathOrDash: string, today: string): Promise<RecordsOutcome> {
  const input = await readTextInput(pathOrDash);
  if (!input.ok) {
    return { status: "unreadable", name: input.name, errors: [{ severity: "problem", code: "input", path: [], message: input.message }] };
  }
  const validation = validateRecordsText(input.text, { today });
  if (validation.status === "unreadable") {
    const errors = validation.errors.map(
      (error): LocatedIssue => ({ severity: "problem", code: "yaml", path: [], message: error.message, ...(error.position ? { position: error.position } : {}) }),
    );
    return { status: "unreadable", name: input.name, errors };
  }
  return { status: "checked", name: input.name, records: validation.records, issues: validation.issues };
}

export function exitCodeOf(outcome: RecordsOutcome): number {
  if (outcome.status === "unreadable") return EXIT.usage;
  return outcome.records && !hasProblems(outcome.issues) ? EXIT.ok : EXIT.findings;
}

function shorten(message: string): string {
  return message.length > MAX_MESSAGE_LENGTH ? `${textPrefix(message, MAX_MESSAGE_LENGTH)}…` : message;
}

/** Input that cannot be read at all is an error; records that can be are problems. */
function isInputError(issue: LocatedIssue): boolean {
  return issue.code === "input" || issue.code === "yaml";
}

function severityOf(issue: LocatedIssue): string {
  return isInputError(issue) ? "error" : issue.severity;
}

/** `records.yaml:14:13: problem: filings[3].number: serial has 9 digits; …` */
export function formatIssue(name: string, issue: LocatedIssue): string {
  const where = issue.position ? `${name}:${issue.position.line}:${issue.position.column}` : name;
  const field = isInputError(issue) || issue.path.length === 0 ? "" : `${describePath(issue.path)}: `;
  return `${where}: ${severityOf(issue)}: ${field}${shorten(issue.message)}`;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

export function describeContents(records: RecordsFile): string {
  return [
    plural(records.filings.length, "filing"),
    plural(records.apps.length, "app"),
    plural(records.licences.length, "licence"),
    plural(records.waivers.length, "waiver"),
  ].join(", ");
}

/** The lines a person reads: one per issue, then a summary. */
export function textReport(outcome: RecordsOutcome): string[] {
  if (outcome.status === "unreadable") {
    const shown = outcome.errors.slice(0, MAX_YAML_ERRORS).map((error) => formatIssue(outcome.name, error));
    const hidden = outcome.errors.length - shown.length;
    return hidden > 0 ? [...shown, `… and ${plural(hidden, "more error")}`] : shown;
  }
  const lines = outcome.issues.map((issue) => formatIssue(outcome.name, issue));
  const problems = outcome.issues.filter((issue) => issue.severity === "problem").length;
  const warnings = outcome.issues.length - problems;
  if (!outcome.records) {
    const later = outcome.issues.some((issue) => issue.code === "schema") ? "; the cross-checks run once the file matches the schema" : "";
    lines.push(`${outcome.name}: ${plural(problems, "problem")}${later}`);
  } else if (outcome.issues.length === 0) {
    lines.push(`${outcome.name}: no problems (${describeContents(outcome.records)})`);
  } else {
    lines.push(`${outcome.name}: ${plural(problems, "problem")}, ${plural(warnings, "warning")} (${describeContents(outcome.records)})`);
  }
  return lines;
}

function jsonIssue(issue: LocatedIssue) {
  return {
    severity: severityOf(issue),
    code: issue.code,
    path: formatPath(issue.path),
    ...(issue.position ? { line: issue.position.line, column: issue.position.column } : {}),
    message: shorten(issue.message),
  };
}

/** The document a machine reads; the same shape for every outcome. */
export function jsonReport(outcome: RecordsOutcome, today: string): object {
  const issues = outcome.status === "unreadable" ? outcome.errors : outcome.issues;
  const records = outcome.status === "checked" ? outcome.records : undefined;
  const errors = issues.filter(isInputError).length;
  const problems = issues.filter((issue) => issue.severity === "problem").length - errors;
  const status = outcome.status === "unreadable" ? "unreadable" : records && problems === 0 ? "ok" : "problems";
  return {
    file: outcome.name,
    status,
    today,
    summary: {
      errors,
      problems,
      warnings: issues.filter((issue) => issue.severity === "warning").length,
      ...(records
        ? { filings: records.filings.length, apps: records.apps.length, licences: records.licences.length, waivers: records.waivers.length }
        : {}),
    },
    issues: issues.map(jsonIssue),
  };
}

export function parseIsoDay(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)) || isoDay(new Date(`${value}T00:00:00Z`)) !== value) {
    throw new InvalidArgumentError("expected a date as YYYY-MM-DD.");
  }
  return value;
}

interface ValidateOptions {
  format: OutputFormat;
  today?: string;
}

export async function runValidate(pathOrDash: string, options: ValidateOptions): Promise<number> {
  const today = options.today ?? isoDay(new Date());
  const outcome = await loadRecords(pathOrDash, today);
  if (options.format === "json") {
    process.stdout.write(`${JSON.stringify(jsonReport(outcome, today), null, 2)}\n`);
  } else {
    const text = textReport(outcome).join("\n") + "\n";
    if (outcome.status === "unreadable") process.stderr.write(text);
    else process.stdout.write(text);
  }
  return exitCodeOf(outcome);
}

export function registerValidate(program: Command): void {
  program
    .command("validate")
    .description("check a records file offline: schema, numbers, provinces, duplicate domains and expiry dates")
    .argument("<records>", 'records file (YAML), or "-" to read standard input')
    .addOption(new Option("--format <format>", "output format").choices(["text", "json"]).default("text"))
    .option("--today <date>", "check expiry dates as of this day (YYYY-MM-DD; default: today, UTC)", parseIsoDay)
    .addHelpText(
      "after",
      "\nExit codes: 0 no problems (warnings allowed), 1 problems in the records, 2 unreadable input or bad usage.\n",
    )
    .action(async (records: string, options: ValidateOptions) => {
      process.exitCode = await runValidate(records, options);
    });
}
