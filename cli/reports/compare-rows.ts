// The rows of the side-by-side comparison, one cell of lines per layout: the terminal table and
// the HTML page show the same rows.

import type { Language } from "../../rules/config";
import { LEAD_TIME_STEP_IDS, type LeadTimeStepId } from "../../rules/lead-time";
import { provinceByCode } from "../../rules/provinces";
import type { CompareReport, LayoutReport } from "./compare-report";
import { describeSource } from "./compare-report";
import {
  bracketed,
  describeApp,
  describeDomainStatus,
  describeLicence,
  describePreApproval,
  describePublicSecurity,
  label,
  labelled,
  STEP_NAMES,
} from "./compare-messages";

/** What a cell shows when a layout has nothing for the row. */
export const EMPTY = "—";

export interface Row {
  label: string;
  /** Per layout, the lines of its cell. */
  cells: string[][];
  /** A heading row: its label stands alone. */
  heading?: boolean;
  /** Rows of the lead time carry their step, and are shown under its heading. */
  step?: LeadTimeStepId | "total";
  /** Lines that are sentences (notes, what changes for users), shown as a list. */
  sentences?: boolean;
}

export function tableRows(report: CompareReport): Row[] {
  const { language, layouts } = report;
  const row = (key: Parameters<typeof label>[0], cell: (layout: LayoutReport) => string[]): Row => ({
    label: label(key, language),
    cells: layouts.map((layout) => orEmpty(cell(layout))),
  });
  const zh = language === "zh";
  const rows: Row[] = [
    row("source", (layout) => [describeSource(layout.source)]),
    row("serving", (layout) => [servingText(layout, language)]),
    row("regions", (layout) =>
      layout.regions.map(({ place, resources }) => `${place.region} ${zh ? (place.mainland ? "大陆" : "境外") : place.mainland ? "mainland" : "outside"} ×${resources}`),
    ),
    row("coverage", (layout) =>
      layout.coverages.map(({ place, resources }) => `${place.property} ${place.value ?? (zh ? "（默认）" : "(default)")} ×${resources}`),
    ),
    row("toFile", (layout) =>
      layout.domains
        .filter((d) => d.status === "needs-filing" || d.status === "pending")
        .map((d) => labelled(d.registeredDomain, `${describeDomainStatus(d.status, language)}${d.number ? ` ${d.number}` : ""}`, language)),
    ),
    row("filed", (layout) =>
      layout.domains
        .filter((d) => d.status === "filed" || d.status === "filed-served-outside")
        .map((d) => `${d.registeredDomain} ${d.number ?? ""}${d.status === "filed-served-outside" ? bracketed(describeDomainStatus(d.status, language), language) : ""}`),
    ),
    {
      label: zh ? "无需备案的域名" : "Domains needing none",
      cells: layouts.map((layout) => orEmpty(layout.domains.filter((d) => d.status === "not-needed" || d.status === "unknown").map((d) => domainLine(d, language)))),
    },
    row("apps", (layout) => layout.apps.map((need) => describeApp(need, language))),
    row("licences", (layout) => layout.licences.map((need) => describeLicence(need, language))),
    row("publicSecurity", (layout) => layout.publicSecurity.map((need) => describePublicSecurity(need, language))),
    row("preApprovals", (layout) => layout.preApprovals.map((need) => describePreApproval(need, language))),
    row("entity", (layout) => [entityText(layout, language)]),
    { label: label("leadTime", language), cells: [], heading: true },
  ];
  const stepIds = LEAD_TIME_STEP_IDS.filter((id) => layouts.some((layout) => layout.leadTime.steps.some((step) => step.id === id)));
  for (const id of stepIds) {
    rows.push({
      label: STEP_NAMES[id][language],
      step: id,
      cells: layouts.map((layout) => {
        const step = layout.leadTime.steps.find((candidate) => candidate.id === id);
        return step ? [step.durationText, ...(step.detail ? [step.detail] : [])] : [EMPTY];
      }),
    });
  }
  rows.push({ label: label("total", language), cells: layouts.map((layout) => [layout.leadTime.totalText]), step: "total" });
  rows.push({ ...row("notes", (layout) => layout.leadTime.notes.map((note) => note.text)), sentences: true });
  rows.push({ ...row("users", (layout) => layout.userImpact.map((impact) => impact.text)), sentences: true });
  if (layouts.some((layout) => layout.configProblems.length > 0)) {
    rows.push(row("configProblems", (layout) => layout.configProblems.flatMap(({ policy, problems }) => problems.map((problem) => labelled(policy, problem, language)))));
  }
  return rows;
}

function orEmpty(lines: string[]): string[] {
  return lines.length === 0 ? [EMPTY] : lines;
}

function domainLine(domain: LayoutReport["domains"][number], language: Language): string {
  return labelled(domain.registeredDomain, describeDomainStatus(domain.status, language), language);
}

function servingText(layout: LayoutReport, language: Language): string {
  const { serving, mainland, outside, unknown } = layout.counts;
  if (language === "zh") return `${serving} 个：大陆 ${mainland}、境外 ${outside}${unknown > 0 ? `、未知 ${unknown}` : ""}`;
  return `${serving}: ${mainland} mainland, ${outside} outside${unknown > 0 ? `, ${unknown} not known yet` : ""}`;
}

function entityText(layout: LayoutReport, language: Language): string {
  const { entity } = layout;
  const zh = language === "zh";
  const province = entity.province ? provinceByCode(entity.province) : undefined;
  const where = province ? (zh ? province.chineseName : province.englishName) : zh ? "省份未知" : "province not given";
  const parts = [where];
  if (entity.commercial) parts.push(zh ? "经营性" : "commercial");
  if (entity.foreignCompany) parts.push(zh ? "外国公司，尚无境内主体" : "foreign company without a mainland entity");
  return parts.join(zh ? "，" : ", ");
}

