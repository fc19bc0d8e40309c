// The comparison as one self-contained HTML page: inline CSS, an inline SVG timeline (each
// step's range of business days, one bar per layout) and the side-by-side table. Nothing is
// loaded from anywhere, so the page reads the same offline, attached to a ticket or mailed.

import type { Language } from "../../rules/config";
import { LEAD_TIME_STEP_IDS, type LeadTimeStepId } from "../../rules/lead-time";
import { label, STEP_NAMES } from "./compare-messages";
import type { CompareReport, LayoutReport, StepReport } from "./compare-report";
import { describeSource } from "./compare-report";
import { EMPTY, tableRows } from "./compare-rows";

/** One colour per layout: strong for a step at its shortest, pale for the rest of its range. */
const PALETTE = [
  { strong: "#1d4ed8", pale: "#bfdbfe" },
  { strong: "#c2410c", pale: "#fed7aa" },
  { strong: "#047857", pale: "#a7f3d0" },
  { strong: "#7c3aed", pale: "#ddd6fe" },
];

const colour = (index: number) => PALETTE[index % PALETTE.length] as (typeof PALETTE)[number];

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[char] as string);
}

export function compareHtmlReport(report: CompareReport): string {
  const { language } = report;
  const title = `${label("title", language)}: ${report.layouts.map((layout) => layout.label).join(" / ")}`;
  return `<!DOCTYPE html>
<html lang="${language === "zh" ? "zh-CN" : "en"}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${escapeHtml(label("title", language))}</h1>
<p class="meta">icpguard ${escapeHtml(report.tool.version)} · ${escapeHtml(report.today)}${report.whatIf ? ` · ${escapeHtml(label("whatIf", language))}` : ""}</p>
</header>
<main>
<section class="totals">${report.layouts.map((layout, i) => totalCard(layout, i, language)).join("")}</section>
<section>
<h2>${escapeHtml(label("chart", language))}</h2>
${timeline(report)}
</section>
<section>
${table(report)}
</section>
${report.whatIf ? whatIfSection(report) : ""}
<footer>${sources(report)}</footer>
</main>
</body>
</html>
`;
}

function totalCard(layout: LayoutReport, index: number, language: Language): string {
  const toFile = layout.domains.filter((d) => d.status === "needs-filing" || d.status === "pending").length;
  const zh = language === "zh";
  const facts = [
    zh ? `${layout.counts.mainland}/${layout.counts.serving} 个资源在大陆` : `${layout.counts.mainland} of ${layout.counts.serving} resources in the mainland`,
    zh ? `${toFile} 个域名待备案` : `${toFile} domain${toFile === 1 ? "" : "s"} to file`,
  ];
  return `<div class="card" data-layout="${index}" style="border-top-color:${colour(index).strong}">
<div class="card-label">${escapeHtml(layout.label)}</div>
<div class="card-total" data-total="${index}">${escapeHtml(layout.leadTime.totalText)}</div>
<div class="card-caption">${escapeHtml(label("total", language))} · ${escapeHtml(facts.join(" · "))}</div>
</div>`;
}

// ---- The timeline.

const CHART = { width: 1000, labelWidth: 210, right: 190, top: 40, barHeight: 14, barGap: 4, groupGap: 14, axis: 34 };

function timeline(report: CompareReport): string {
  const { language, layouts } = report;
  const ids = LEAD_TIME_STEP_IDS.filter((id) => layouts.some((layout) => layout.leadTime.steps.some((step) => step.id === id)));
  const rowIds: (LeadTimeStepId | "total")[] = [...ids.filter((id) => id !== "public-security"), "total", ...ids.filter((id) => id === "public-security")];
  const maxDays = Math.max(10, ...layouts.map((layout) => layout.leadTime.total.max));
  const tick = [5, 10, 20, 50, 100].find((step) => maxDays / step <= 10) ?? 200;
  const span = Math.ceil(maxDays / tick) * tick;
  const plotWidth = CHART.width - CHART.labelWidth - CHART.right;
  const x = (days: number) => CHART.labelWidth + (days / span) * plotWidth;
  const groupHeight = layouts.length * (CHART.barHeight + CHART.barGap) - CHART.barGap + CHART.groupGap;
  const height = CHART.top + rowIds.length * groupHeight + CHART.axis;
  const plotBottom = CHART.top + rowIds.length * groupHeight;

  const parts: string[] = [];
  // Grid and axis.
  for (let days = 0; days <= span; days += tick) {
    parts.push(`<line class="grid" x1="${x(days)}" x2="${x(days)}" y1="${CHART.top - 6}" y2="${plotBottom}"/>`);
    parts.push(`<text class="tick" x="${x(days)}" y="${plotBottom + 16}" text-anchor="middle">${days}</text>`);
  }
  parts.push(`<text class="axis-label" x="${CHART.labelWidth + plotWidth / 2}" y="${plotBottom + 31}" text-anchor="middle">${escapeHtml(label("axis", language))}</text>`);
  parts.push(legend(layouts, language));
  rowIds.forEach((id, row) => {
    const top = CHART.top + row * groupHeight;
    const name = id === "total" ? label("total", language) : STEP_NAMES[id][language];
    const labelY = top + (groupHeight - CHART.groupGap) / 2 + 4;
    parts.push(`<text class="step${id === "total" ? " total" : ""}" x="${CHART.labelWidth - 10}" y="${labelY}" text-anchor="end">${escapeHtml(name)}</text>`);
    if (row > 0) parts.push(`<line class="separator" x1="8" x2="${CHART.width - 8}" y1="${top - CHART.groupGap / 2}" y2="${top - CHART.groupGap / 2}"/>`);
    layouts.forEach((layout, index) => {
      const y = top + index * (CHART.barHeight + CHART.barGap);
      const step = id === "total" ? undefined : layout.leadTime.steps.find((candidate) => candidate.id === id);
      parts.push(id === "total" ? totalBar(layout, index, y, x) : step ? stepBar(step, layout, index, y, x, language) : "");
    });
  });
  return `<svg class="timeline" role="img" aria-label="${escapeHtml(label("chart", language))}" viewBox="0 0 ${CHART.width} ${height}" width="${CHART.width}" height="${height}" xmlns="http://www.w3.org/2000/svg">${parts.join("")}</svg>`;
}

type Scale = (days: number) => number;

function stepBar(step: StepReport, layout: LayoutReport, index: number, y: number, x: Scale, language: Language): string {
  const { strong, pale } = colour(index);
  const tip = `<title>${escapeHtml(`${layout.label}: ${step.name}, ${step.durationText}${step.detail ? ` (${step.detail})` : ""}`)}</title>`;
  const attributes = `class="bar" data-layout="${index}" data-step="${step.id}"`;
  const mid = y + CHART.barHeight / 2;
  if (step.duration.kind === "not-in-reference" || step.duration.kind === "after-go-live") {
    // No length to draw: a marker where the step starts, and what is known about it.
    const at = x(step.start.min);
    const dashed = step.duration.kind === "after-go-live";
    const shape = dashed
      ? `<path d="M${at} ${y} l0 ${CHART.barHeight} M${at} ${mid} l22 0 m-5 -4 l5 4 l-5 4" stroke="${strong}" stroke-width="2" fill="none"/>`
      : `<path d="M${at} ${y} l7 7 l-7 7 l-7 -7 z" fill="${pale}" stroke="${strong}" stroke-width="1.5"/>`;
    return `<g ${attributes}>${tip}${shape}<text class="bar-text" x="${at + (dashed ? 28 : 12)}" y="${mid + 4}" fill="${strong}">${escapeHtml(step.durationText)}</text></g>`;
  }
  // Strong: the step at its shortest, from its earliest start; pale: on to its latest end.
  const start = x(step.start.min);
  const shortest = Math.max(2, x(step.start.min + step.duration.min) - start);
  const width = Math.max(shortest, x(step.end.max) - start);
  const text = `${step.durationText}${step.detail ? ` · ${step.detail}` : ""}`;
  return `<g ${attributes}>${tip}<rect x="${start}" y="${y}" width="${width}" height="${CHART.barHeight}" rx="2" fill="${pale}"/><rect x="${start}" y="${y}" width="${shortest}" height="${CHART.barHeight}" rx="2" fill="${strong}"/><text class="bar-text" x="${start + width + 6}" y="${mid + 4}">${escapeHtml(shorten(text, language))}</text></g>`;
}

/** Which colour is which layout, and what strong and pale mean. */
function legend(layouts: readonly LayoutReport[], language: Language): string {
  const items: string[] = [];
  let at = CHART.labelWidth;
  const item = (fill: string, text: string) => {
    items.push(`<rect x="${at}" y="10" width="18" height="10" rx="2" fill="${fill}"/><text x="${at + 24}" y="19">${escapeHtml(text)}</text>`);
    at += 24 + Array.from(text).reduce((width, char) => width + (char.charCodeAt(0) > 0x2e80 ? 12 : 6.4), 0) + 22;
  };
  layouts.forEach((layout, index) => item(colour(index).strong, layout.label));
  item("#94a3b8", label("legendShortest", language));
  item("#e2e8f0", label("legendLongest", language));
  return `<g class="legend">${items.join("")}</g>`;
}

function totalBar(layout: LayoutReport, index: number, y: number, x: Scale): string {
  const { strong, pale } = colour(index);
  const { min, max } = layout.leadTime.total;
  const mid = y + CHART.barHeight / 2;
  const tip = `<title>${escapeHtml(`${layout.label}: ${layout.leadTime.totalText}`)}</title>`;
  const shortest = min > 0 ? `<rect x="${x(0)}" y="${y}" width="${x(min) - x(0)}" height="${CHART.barHeight}" rx="2" fill="${strong}"/>` : "";
  const longest = max > min ? `<rect x="${x(min)}" y="${y}" width="${x(max) - x(min)}" height="${CHART.barHeight}" rx="2" fill="${pale}"/>` : "";
  const goLive = `<path d="M${x(max)} ${y - 2} l0 ${CHART.barHeight + 4}" stroke="${strong}" stroke-width="2"/>`;
  return `<g class="bar total-bar" data-layout="${index}" data-step="total">${tip}${shortest}${longest}${goLive}<text class="bar-text total-text" x="${x(max) + 8}" y="${mid + 4}" fill="${strong}">${escapeHtml(layout.leadTime.totalText)}</text></g>`;
}

function shorten(text: string, language: Language): string {
  const limit = language === "zh" ? 18 : 34;
  return Array.from(text).length > limit ? `${Array.from(text).slice(0, limit - 1).join("")}…` : text;
}

// ---- The table.

function table(report: CompareReport): string {
  const head = `<thead><tr><th class="row-label"></th>${report.layouts
    .map((layout, i) => `<th class="layout" data-layout="${i}" style="border-bottom-color:${colour(i).strong}">${escapeHtml(layout.label)}<div class="source">${escapeHtml(describeSource(layout.source))}</div></th>`)
    .join("")}</tr></thead>`;
  const body = tableRows(report)
    .filter((row) => row.label !== label("source", report.language))
    .map((row) => {
      if (row.heading) return `<tr class="heading"><th colspan="${report.layouts.length + 1}">${escapeHtml(row.label)}</th></tr>`;
      const cells = row.cells.map((lines, i) => {
        const empty = lines.length === 1 && lines[0] === EMPTY;
        const content = empty
          ? `<span class="empty">${EMPTY}</span>`
          : row.sentences
            ? `<ul>${lines.map((line) => `<li>${escapeHtml(line)}</li>`).join("")}</ul>`
            : lines.map((line) => `<div>${escapeHtml(line)}</div>`).join("");
        return `<td data-layout="${i}"${row.step ? ` data-step="${row.step}"` : ""}>${content}</td>`;
      });
      return `<tr${row.step ? ` class="step-row${row.step === "total" ? " total-row" : ""}"` : ""}><th class="row-label">${escapeHtml(row.label)}</th>${cells.join("")}</tr>`;
    });
  return `<table class="compare">${head}<tbody>${body.join("")}</tbody></table>`;
}

function whatIfSection(report: CompareReport): string {
  const whatIf = report.whatIf!;
  const { language } = report;
  const zh = language === "zh";
  const changes = whatIf.changes.length === 0
    ? `<p>${zh ? "无" : "none"}</p>`
    : `<table class="changes"><tbody>${whatIf.changes
        .map((change) => `<tr><td>${escapeHtml(change.name)}</td><td class="type">${escapeHtml(change.type)}</td><td><code>${escapeHtml(change.property)}</code></td><td>${escapeHtml(change.from ?? (zh ? "（未设置）" : "(not set)"))} → <strong>${escapeHtml(change.to)}</strong></td></tr>`)
        .join("")}</tbody></table>`;
  const unmoved = whatIf.unmoved.length === 0
    ? ""
    : `<h3>${escapeHtml(label("unmoved", language))}</h3><ul>${whatIf.unmoved.map((r) => `<li><strong>${escapeHtml(r.name)}</strong> <span class="type">${escapeHtml(r.type)}</span>: ${escapeHtml(r.text)}</li>`).join("")}</ul>`;
  return `<section class="what-if"><h2>${escapeHtml(label("whatIf", language))}: ${escapeHtml(whatIf.regions.alicloud)} · ${escapeHtml(whatIf.regions.tencentcloud)}</h2><h3>${escapeHtml(label("changed", language))}</h3>${changes}${unmoved}</section>`;
}

/** Where each duration comes from, once per step. */
function sources(report: CompareReport): string {
  const bySource = new Map<string, string>();
  for (const layout of report.layouts) for (const step of layout.leadTime.steps) bySource.set(step.id, `${step.name}: ${step.source}`);
  const zh = report.language === "zh";
  const heading = zh ? "时长来源" : "Where the durations come from";
  const caveat = zh
    ? "这些是公开指南中的规划时长，不是承诺。"
    : "These are planning ranges from public guides, not promises.";
  const items = LEAD_TIME_STEP_IDS.filter((id) => bySource.has(id)).map((id) => `<li>${escapeHtml(bySource.get(id) as string)}</li>`);
  return `<h3>${heading}</h3><p>${caveat}</p>${items.length > 0 ? `<ul>${items.join("")}</ul>` : ""}`;
}

const STYLE = `
:root { color-scheme: light; --ink: #0f172a; --muted: #64748b; --line: #e2e8f0; --bg: #f8fafc; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--ink); font: 14px/1.5 system-ui, -apple-system, "Segoe UI", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; }
header, main { max-width: 1120px; margin: 0 auto; }
header { padding: 28px 40px 8px; }
h1 { margin: 0; font-size: 24px; }
h2 { font-size: 17px; margin: 0 0 12px; }
h3 { font-size: 14px; margin: 16px 0 6px; }
.meta { margin: 4px 0 0; color: var(--muted); }
main { padding: 8px 40px 40px; }
section { background: #fff; border: 1px solid var(--line); border-radius: 10px; padding: 20px 24px; margin: 16px 0; }
.totals { display: flex; gap: 16px; background: none; border: none; padding: 0; }
.card { flex: 1; background: #fff; border: 1px solid var(--line); border-top: 4px solid; border-radius: 10px; padding: 16px 20px; }
.card-label { font-weight: 600; font-size: 15px; }
.card-total { font-size: 22px; font-weight: 700; margin: 6px 0 2px; }
.card-caption { color: var(--muted); font-size: 13px; }
svg.timeline { display: block; max-width: 100%; height: auto; font-family: inherit; }
svg .grid { stroke: var(--line); stroke-width: 1; }
svg .separator { stroke: #f1f5f9; stroke-width: 1; }
svg .tick, svg .axis-label, svg .legend text { fill: var(--muted); font-size: 11px; }
svg .step { fill: var(--ink); font-size: 12.5px; }
svg .step.total { font-weight: 700; }
svg .bar-text { fill: #334155; font-size: 11.5px; }
svg .total-text { font-weight: 700; }
table.compare { width: 100%; border-collapse: collapse; table-layout: fixed; }
table.compare th, table.compare td { text-align: left; vertical-align: top; padding: 8px 10px; border-bottom: 1px solid var(--line); }
table.compare th.row-label { width: 200px; color: #334155; font-weight: 600; }
table.compare thead th.layout { font-size: 15px; border-bottom: 3px solid; }
table.compare .source { font-weight: 400; font-size: 12px; color: var(--muted); word-break: break-all; }
table.compare tr.heading th { background: var(--bg); font-size: 13px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
table.compare tr.step-row th { padding-left: 24px; font-weight: 500; }
table.compare tr.total-row th, table.compare tr.total-row td { font-weight: 700; }
table.compare ul { margin: 0; padding-left: 18px; }
table.compare li { margin: 0 0 6px; }
.empty { color: #cbd5e1; }
.type { color: var(--muted); font-size: 12px; }
table.changes td { padding: 4px 12px 4px 0; }
footer { color: var(--muted); font-size: 12.5px; padding: 0 4px; }
footer ul { padding-left: 18px; }
`;
