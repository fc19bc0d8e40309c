// A pull-request comment: the outcome in the title, a table of verdicts (blocking first), each
// message, and how to fix each policy's findings. Long runs are cut to stay under the size a
// GitHub or GitLab comment accepts.

import { INPUT_FORMAT_NAMES } from "../pulumi-input/read";
import { blockingItems, blocks, countByLevel, type CheckReport, type ReportItem } from "./report";
import { plural } from "./text";

/** Rows shown in the table and messages listed; the rest are counted. */
export const MARKDOWN_MAX_ROWS = 100;

export function markdownReport(report: CheckReport): string {
  const counts = countByLevel(report);
  const blocking = blockingItems(report);
  const lines: string[] = [];
  const title =
    blocking.length > 0
      ? `### ❌ icpguard: ${plural(blocking.length, "blocking finding")}`
      : `### ✅ icpguard: nothing blocking`;
  lines.push(title, "");
  const facts = [
    `${plural(new Set(report.checked.map((pair) => pair.urn)).size, "resource")} checked`,
    `${counts.mandatory} mandatory`,
    `${counts.advisory} advisory`,
  ];
  if (report.waivedCount > 0) facts.push(`${report.waivedCount} waived`);
  facts.push(report.input.dryRun ? "preview (unknown values are advisories)" : "update (unknown values block)");
  lines.push(`${facts.join(" · ")} — from ${code(report.input.name)}, ${INPUT_FORMAT_NAMES[report.input.format]}`, "");

  if (report.items.length > 0) {
    const shown = report.items.slice(0, MARKDOWN_MAX_ROWS);
    lines.push("| | Level | Resource | Domain | Policy |", "| --- | --- | --- | --- | --- |");
    for (const item of shown) {
      lines.push(
        `| ${icon(item, report)} | ${item.waived ? "waived" : item.level} | ${code(item.resourceName)} ${cell(item.resourceType)} | ${cell(item.domain ?? "")} | ${cell(item.policy)} |`,
      );
    }
    if (report.items.length > shown.length) lines.push("", `…and ${report.items.length - shown.length} more; the full list is in the job's other reports.`);
    lines.push("", "<details><summary>Messages</summary>", "");
    for (const item of shown) lines.push(`- ${icon(item, report)} ${code(item.resourceName)}: ${inline(item.message)}`);
    lines.push("", "</details>");

    const fixes = report.policies.filter((policy) => report.items.some((item) => item.policy === policy.name && !item.waived));
    if (fixes.length > 0) {
      lines.push("", "#### How to fix", "");
      for (const policy of fixes) lines.push(`- **${policy.name}**: ${inline(policy.remediation)} ([docs](${policy.url}))`);
    }
  }
  return `${lines.join("\n")}\n`;
}

function icon(item: ReportItem, report: CheckReport): string {
  if (item.waived) return "⏸️";
  return blocks(item, report.failOn) ? "❌" : "⚠️";
}

/** Text inside a table cell: no line breaks, no column separators, no markup. */
function cell(value: string): string {
  return inline(value).replace(/\|/g, "\\|");
}

function inline(value: string): string {
  return value.replace(/\s*\n\s*/g, " ").replace(/([\\`*_[\]<>])/g, "\\$1");
}

function code(value: string): string {
  const clean = value.replace(/\s*\n\s*/g, " ").replace(/\|/g, "\\|");
  const fence = clean.includes("`") ? "``" : "`";
  return `${fence}${clean}${fence}`;
}
