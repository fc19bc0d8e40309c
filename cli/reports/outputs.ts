// Which reports a run writes, and where: `--format NAME[=FILE]` (repeatable, or comma-separated),
// with `--output FILE` as the file of a single format. Without a file a report goes to stdout;
// at most one may.

import { mkdir, writeFile } from "node:fs/promises";
import * as path from "node:path";

export const REPORT_FORMATS = ["text", "json", "sarif", "junit", "markdown"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface ReportTarget {
  format: ReportFormat;
  /** Undefined: standard output. */
  file?: string;
}

export type TargetsOrProblem = { ok: true; targets: ReportTarget[] } | { ok: false; message: string };

/** `sarif=out.sarif,markdown` → two specs. */
export function parseFormatSpecs(values: readonly string[]): TargetsOrProblem {
  const targets: ReportTarget[] = [];
  for (const value of values) {
    for (const spec of value.split(",")) {
      const trimmed = spec.trim();
      if (trimmed === "") continue;
      const equals = trimmed.indexOf("=");
      const name = (equals < 0 ? trimmed : trimmed.slice(0, equals)).toLowerCase();
      const file = equals < 0 ? undefined : trimmed.slice(equals + 1);
      if (!(REPORT_FORMATS as readonly string[]).includes(name)) {
        return { ok: false, message: `unknown report format "${name}" (choose from ${REPORT_FORMATS.join(", ")})` };
      }
      if (file === "") return { ok: false, message: `--format ${name}= needs a file name after "="` };
      targets.push({ format: name as ReportFormat, file: file === "-" ? undefined : file });
    }
  }
  return { ok: true, targets };
}

/** Applies `--output` and checks that at most one report goes to stdout. */
export function resolveTargets(specs: readonly string[], output: string | undefined): TargetsOrProblem {
  const parsed = parseFormatSpecs(specs);
  if (!parsed.ok) return parsed;
  let targets = parsed.targets.length > 0 ? parsed.targets : [{ format: "text" as const }];
  if (output !== undefined) {
    if (targets.length !== 1 || targets[0].file !== undefined) {
      return { ok: false, message: "--output names the file of a single --format; for several reports write --format sarif=FILE,markdown=FILE" };
    }
    targets = [{ format: targets[0].format, file: output === "-" ? undefined : output }];
  }
  const toStdout = targets.filter((target) => target.file === undefined);
  if (toStdout.length > 1) {
    return { ok: false, message: `only one report can go to standard output (${toStdout.map((t) => t.format).join(", ")} do); give the others a file with --format NAME=FILE` };
  }
  const files = targets.map((target) => target.file).filter((file): file is string => file !== undefined);
  const duplicate = files.find((file, i) => files.indexOf(file) !== i);
  if (duplicate !== undefined) return { ok: false, message: `two reports would be written to ${duplicate}` };
  return { ok: true, targets };
}

/** Writes a report file, creating its directory. */
export async function writeReportFile(file: string, contents: string): Promise<void> {
  await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  await writeFile(file, contents, "utf8");
}
