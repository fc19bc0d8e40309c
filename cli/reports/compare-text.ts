// The side-by-side table of `icpguard compare` for a terminal: one column per layout, rows for
// what each needs, the lead time step by step, and what changes for users. Chinese characters
// take two columns, so widths are measured as a terminal draws them.

import type { CompareReport } from "./compare-report";
import { label } from "./compare-messages";
import { EMPTY, tableRows } from "./compare-rows";

export interface CompareTextStyle {
  colour: boolean;
  /** Terminal width in columns. */
  width: number;
}

const MIN_CELL_WIDTH = 16;

export function compareTextReport(report: CompareReport, style: CompareTextStyle): string {
  const { language } = report;
  const bold = (text: string) => (style.colour ? `\u001b[1m${text}\u001b[0m` : text);
  const dim = (text: string) => (style.colour ? `\u001b[2m${text}\u001b[0m` : text);
  const rows = tableRows(report);
  const labelWidth = Math.min(30, Math.max(...rows.map((row) => displayWidth(row.label) + (row.step ? 2 : 0))));
  const columns = report.layouts.length;
  const cellWidth = Math.max(MIN_CELL_WIDTH, Math.floor((style.width - labelWidth - 3 * columns) / columns));

  const lines: string[] = [];
  lines.push(bold(`icpguard ${report.whatIf ? "what-if" : "compare"}: ${report.layouts.map((layout) => layout.label).join("  ⇄  ")}`));
  lines.push(dim(label("title", language)));
  lines.push("");
  const header = [pad("", labelWidth), ...report.layouts.map((layout) => pad(layout.label, cellWidth))];
  lines.push(bold(header.join(" │ ").trimEnd()));
  lines.push([labelWidth, ...report.layouts.map(() => cellWidth)].map((width) => "─".repeat(width)).join("─┼─"));
  for (const row of rows) {
    if (row.heading) {
      lines.push(bold(row.label));
      continue;
    }
    const wrapped = row.cells.map((cell) => cell.flatMap((text) => (row.sentences && text !== EMPTY ? bulleted(text, cellWidth) : wrap(text, cellWidth))));
    const indent = row.step ? "  " : "";
    const labelLines = wrap(row.label, labelWidth - indent.length).map((line) => indent + line);
    const height = Math.max(labelLines.length, ...wrapped.map((cell) => cell.length));
    for (let i = 0; i < height; i++) {
      const cells = wrapped.map((cell) => {
        const text = cell[i] ?? "";
        return text === EMPTY ? dim(pad(text, cellWidth)) : pad(text, cellWidth);
      });
      lines.push([pad(labelLines[i] ?? "", labelWidth), ...cells].join(" │ ").trimEnd());
    }
  }
  if (report.whatIf) lines.push("", ...whatIfLines(report, bold));
  return `${lines.join("\n")}\n`;
}

function whatIfLines(report: CompareReport, bold: (text: string) => string): string[] {
  const whatIf = report.whatIf!;
  const zh = report.language === "zh";
  const lines = [bold(`${label("whatIf", report.language)}: ${whatIf.regions.alicloud} (Alibaba Cloud), ${whatIf.regions.tencentcloud} (Tencent Cloud)`)];
  lines.push(`${label("changed", report.language)}:`);
  if (whatIf.changes.length === 0) lines.push(`  ${zh ? "无" : "none"}`);
  for (const change of whatIf.changes) lines.push(`  ${change.name} (${change.type}) ${change.property}: ${change.from ?? (zh ? "（未设置）" : "(not set)")} → ${change.to}`);
  if (whatIf.unmoved.length > 0) {
    lines.push(`${label("unmoved", report.language)}:`);
    for (const resource of whatIf.unmoved) lines.push(`  ${resource.name} (${resource.type}): ${resource.text}`);
  }
  return lines;
}

/** A sentence as a list item: a bullet, then lines indented under its first word. */
function bulleted(text: string, width: number): string[] {
  return wrap(text, width - 2).map((line, i) => (i === 0 ? `• ${line}` : `  ${line}`));
}

/** Columns a terminal gives the character: two for East Asian wide and full-width characters. */
function charWidth(codePoint: number): number {
  if (codePoint < 0x1100) return 1;
  const wide =
    (codePoint <= 0x115f) ||
    (codePoint >= 0x2e80 && codePoint <= 0xa4cf && codePoint !== 0x303f) ||
    (codePoint >= 0xac00 && codePoint <= 0xd7a3) ||
    (codePoint >= 0xf900 && codePoint <= 0xfaff) ||
    (codePoint >= 0xfe30 && codePoint <= 0xfe4f) ||
    (codePoint >= 0xff00 && codePoint <= 0xff60) ||
    (codePoint >= 0xffe0 && codePoint <= 0xffe6) ||
    (codePoint >= 0x20000 && codePoint <= 0x3fffd);
  return wide ? 2 : 1;
}

export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += charWidth(char.codePointAt(0) as number);
  return width;
}

function pad(text: string, width: number): string {
  return text + " ".repeat(Math.max(0, width - displayWidth(text)));
}

// East Asian wide and full-width characters; a line may break between any two of them.
const WIDE = "\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6";
// Chinese punctuation that must not start a line, and brackets that must not end one.
const CLOSING = "，。；：、！？）」』】》";
const OPENING = "（「『【《";
const TOKEN = new RegExp(`\\s+|[${OPENING}]*(?:[^\\s${WIDE}]+|[${WIDE}])[${CLOSING}]*|[${CLOSING}${OPENING}]+`, "g");

/** Words stay whole; wide characters may break anywhere; a word longer than the line is cut. */
export function wrap(text: string, width: number): string[] {
  const tokens = text.match(TOKEN) ?? [];
  const lines: string[] = [];
  let line = "";
  const push = () => {
    lines.push(line.trimEnd());
    line = "";
  };
  for (const token of tokens) {
    if (/^\s+$/.test(token)) {
      if (line !== "") line += " ";
      continue;
    }
    let rest = token;
    while (displayWidth(line) + displayWidth(rest) > width) {
      if (line.trim() !== "" && displayWidth(rest) <= width) {
        push();
        break;
      }
      // Cut what does not fit on any line.
      let cut = "";
      for (const char of rest) {
        if (displayWidth(line) + displayWidth(cut + char) > width) break;
        cut += char;
      }
      if (cut === "") {
        push();
        continue;
      }
      line += cut;
      rest = rest.slice(cut.length);
      push();
    }
    line += rest;
  }
  if (line.trim() !== "" || lines.length === 0) lines.push(line.trimEnd());
  return lines;
}
