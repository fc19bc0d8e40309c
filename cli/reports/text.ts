// The report a person reads in a terminal or a CI log: verdicts grouped by the registered domain
// that needs the filing, blocking ones first, each policy's fix, and a one-line outcome.

import { INPUT_FORMAT_NAMES } from "../pulumi-input/read";
import { blocks, countByLevel, type CheckReport, type ReportItem } from "./report";

export interface TextStyle {
  colour: boolean;
}

const CODES = { red: 31, yellow: 33, green: 32, dim: 2, bold: 1 } as const;
type Paint = (code: keyof typeof CODES, text: string) => string;

/** Colour only for a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function wantsColour(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  return stream.isTTY === true && (env.NO_COLOR === undefined || env.NO_COLOR === "");
}

const NO_DOMAIN = "";

export function textReport(report: CheckReport, style: TextStyle): string {
  const paint: Paint = style.colour ? (code, text) => `\u001b[${CODES[code]}m${text}\u001b[0m` : (_code, text) => text;
  const lines: string[] = [];
  const mode = report.input.dryRun ? "preview: unknown values are advisories" : "update: unknown values block";
  lines.push(
    `icpguard check: ${report.input.name} (${INPUT_FORMAT_NAMES[report.input.format]}, ${plural(report.input.resources, "resource")}, ${mode})`,
  );
  if (report.verdictsFrom === "pack-events") lines.push("Verdicts as the icpguard pack reported them during the deployment.");

  for (const [domain, items] of groupByDomain(report.items)) {
    lines.push("");
    const blocking = items.filter((item) => blocks(item, report.failOn)).length;
    const heading = domain === NO_DOMAIN ? "Other findings (no domain, or a secret one)" : domain;
    const tally = [blocking > 0 ? paint("red", `${blocking} blocking`) : "", items.length - blocking > 0 ? `${items.length - blocking} not blocking` : ""]
      .filter(Boolean)
      .join(", ");
    lines.push(`${paint("bold", heading)}  ${tally}`);
    for (const item of items) lines.push(...itemLines(item, report, paint));
  }

  const fixes = report.policies.filter((policy) => report.items.some((item) => item.policy === policy.name && !item.waived));
  if (fixes.length > 0) {
    lines.push("");
    for (const policy of fixes) lines.push(`${paint("bold", `How to fix ${policy.name}:`)} ${policy.remediation} (${policy.url})`);
  }

  lines.push("", summaryLine(report, paint));
  return `${lines.join("\n")}\n`;
}

/** One line for a CI log when every report went to a file. */
export function textSummary(report: CheckReport, files: readonly string[], style: TextStyle): string {
  const paint: Paint = style.colour ? (code, text) => `\u001b[${CODES[code]}m${text}\u001b[0m` : (_code, text) => text;
  return `${summaryLine(report, paint)}; wrote ${files.join(", ")}\n`;
}

function itemLines(item: ReportItem, report: CheckReport, paint: Paint): string[] {
  const mark = item.waived ? paint("dim", "waived   ") : blocks(item, report.failOn) ? paint("red", "✖ " + item.level.padEnd(9)) : paint("yellow", "! " + item.level.padEnd(9));
  const lines = [`  ${mark} ${item.resourceName} (${item.resourceType})  [${item.policy}]`];
  lines.push(`      ${item.waived ? paint("dim", item.message) : item.message}`);
  if (item.waiver) lines.push(paint("dim", `      waived until ${item.waiver.expires}: ${item.waiver.reason}`));
  return lines;
}

function summaryLine(report: CheckReport, paint: Paint): string {
  const counts = countByLevel(report);
  const parts = [`${plural(report.checked.length, "check")} on ${plural(new Set(report.checked.map((c) => c.urn)).size, "resource")}`];
  parts.push(counts.mandatory > 0 ? paint("red", `${counts.mandatory} mandatory`) : "0 mandatory");
  parts.push(counts.advisory > 0 ? paint("yellow", `${counts.advisory} advisory`) : "0 advisory");
  if (report.waivedCount > 0) parts.push(`${report.waivedCount} waived${report.showWaived ? "" : " (--show-waived lists them)"}`);
  const failing = report.items.some((item) => blocks(item, report.failOn));
  const outcome = failing ? paint("red", "BLOCKED") : paint("green", "PASSED");
  const failOn = report.failOn === "advisory" ? " (advisories fail this run: --fail-on advisory)" : "";
  return `${outcome}: ${parts.join(", ")}${failOn}`;
}

/** Items by registered domain, in the order of their first (most severe) item; unattached ones last. */
export function groupByDomain(items: readonly ReportItem[]): Map<string, ReportItem[]> {
  const groups = new Map<string, ReportItem[]>();
  for (const item of items) {
    const key = item.domain ?? NO_DOMAIN;
    const group = groups.get(key) ?? [];
    group.push(item);
    groups.set(key, group);
  }
  const other = groups.get(NO_DOMAIN);
  if (other) {
    groups.delete(NO_DOMAIN);
    groups.set(NO_DOMAIN, other);
  }
  return groups;
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}
