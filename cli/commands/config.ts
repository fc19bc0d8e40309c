// icpguard config <records>: writes the whole --policy-pack-config file from a records file,
// so that users keep one list and every policy gets its part of it.

import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { open, rename, rm, type FileHandle } from "node:fs/promises";
import * as path from "node:path";
import { InvalidArgumentError, Option, type Command } from "commander";
import { LANGUAGES, type Language } from "../../rules/config";
import { POLICIES } from "../../rules/policies";
import { ENFORCEMENT_LEVELS, isEnforcementLevel, policyPackConfig, type EnforcementLevel } from "../../rules/records-to-config";
import { isoDay } from "../../rules/waivers";
import { EXIT } from "../exit-codes";
import { exitCodeOf, loadRecords, parseIsoDay, textReport } from "./validate";

interface ConfigOptions {
  level?: Record<string, EnforcementLevel>;
  all?: EnforcementLevel;
  language?: Language;
  output?: string;
  today?: string;
}

function policyNames(): string {
  return POLICIES.map((policy) => policy.metadata.name).join(", ");
}

/** Reads one `--level <policy>=<level>` into the levels given so far. */
export function collectLevel(value: string, levels: Record<string, EnforcementLevel> = {}): Record<string, EnforcementLevel> {
  const match = /^([^=]+)=(.*)$/.exec(value);
  if (!match) throw new InvalidArgumentError(`expected <policy>=<level>, e.g. icp-filing-required=advisory.`);
  const [, name, level] = match as unknown as [string, string, string];
  if (!POLICIES.some((policy) => policy.metadata.name === name)) {
    throw new InvalidArgumentError(`"${name}" is not a policy of the pack; policies: ${policyNames()}.`);
  }
  if (!isEnforcementLevel(level)) {
    throw new InvalidArgumentError(`"${level}" is not a level; levels: ${ENFORCEMENT_LEVELS.join(", ")}.`);
  }
  return { ...levels, [name]: level };
}

/**
 * The config as `JSON.stringify(config, null, 2)` writes it, one policy at a time: every policy
 * repeats the filings, so with many records the whole text would be several times their size.
 */
export function* configJsonChunks(config: Record<string, unknown>): Generator<string> {
  const entries = Object.entries(config);
  if (entries.length === 0) {
    yield "{}\n";
    return;
  }
  for (const [index, [name, entry]] of entries.entries()) {
    const body = JSON.stringify(entry, null, 2).replace(/\n/g, "\n  ");
    yield `${index === 0 ? "{\n" : ",\n"}  ${JSON.stringify(name)}: ${body}`;
  }
  yield "\n}\n";
}

async function writeChunks(stream: NodeJS.WritableStream, chunks: Iterable<string>): Promise<void> {
  for (const chunk of chunks) {
    if (!stream.write(chunk)) await once(stream, "drain");
  }
}

/** Replaces the file in one step, so a failed run never leaves half a config behind. */
async function writeAtomically(file: string, chunks: Iterable<string>): Promise<void> {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString("hex")}.tmp`);
  let handle: FileHandle | undefined;
  try {
    handle = await open(temporary, "wx");
    for (const chunk of chunks) await handle.write(chunk, null, "utf8");
    await handle.close();
    handle = undefined;
    await rename(temporary, file);
  } catch (error) {
    await handle?.close();
    await rm(temporary, { force: true });
    throw error;
  }
}

function describeWriteError(error: unknown): string {
  switch ((error as NodeJS.ErrnoException).code) {
    case "ENOENT":
      return "its directory does not exist";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "EISDIR":
      return "it is a directory";
    default:
      return (error as Error).message;
  }
}

export async function runConfig(pathOrDash: string, options: ConfigOptions): Promise<number> {
  const today = options.today ?? isoDay(new Date());
  const outcome = await loadRecords(pathOrDash, today);
  const exitCode = exitCodeOf(outcome);
  // The report goes to stderr: stdout is the config file.
  if (outcome.status === "unreadable" || outcome.issues.length > 0) process.stderr.write(textReport(outcome).join("\n") + "\n");
  if (outcome.status === "unreadable" || !outcome.records || exitCode !== EXIT.ok) {
    process.stderr.write(`icpguard config: no config written; fix the problems above (icpguard validate ${pathOrDash})\n`);
    return exitCode;
  }

  const config = policyPackConfig(outcome.records, { levels: options.level, all: options.all, language: options.language });
  if (options.output === undefined || options.output === "-") {
    await writeChunks(process.stdout, configJsonChunks(config));
    return EXIT.ok;
  }
  try {
    await writeAtomically(options.output, configJsonChunks(config));
  } catch (error) {
    process.stderr.write(`icpguard config: cannot write ${options.output}: ${describeWriteError(error)}\n`);
    return EXIT.usage;
  }
  return EXIT.ok;
}

export function registerConfig(program: Command): void {
  program
    .command("config")
    .description("write the whole --policy-pack-config file (JSON) from a records file")
    .argument("<records>", 'records file (YAML), or "-" to read standard input')
    .option("--level <policy=level>", "enforcement level of one policy (repeatable)", collectLevel)
    .addOption(new Option("--all <level>", "enforcement level of every policy not set with --level").choices(ENFORCEMENT_LEVELS))
    .addOption(new Option("--language <language>", "language of the policies' messages (default: the records file's)").choices(LANGUAGES))
    .option("-o, --output <file>", "write to this file instead of standard output")
    .option("--today <date>", "check expiry dates as of this day (YYYY-MM-DD; default: today, UTC)", parseIsoDay)
    .addHelpText(
      "after",
      [
        "",
        `Policies: ${policyNames()}. Levels: ${ENFORCEMENT_LEVELS.join(", ")}; each policy defaults to its own.`,
        "Nothing is written when the records have problems (see icpguard validate).",
        "Exit codes: 0 written, 1 problems in the records, 2 unreadable input or bad usage.",
        "",
        "Example:",
        "  icpguard config icp-records.yaml --level icp-filing-required=advisory > icp.json",
        "  pulumi preview --policy-pack <icpguard> --policy-pack-config icp.json",
        "",
      ].join("\n"),
    )
    .action(async (records: string, options: ConfigOptions) => {
      process.exitCode = await runConfig(records, options);
    });
}
