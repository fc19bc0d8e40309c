// The report of `icpguard compare` and `icpguard what-if`: each layout's summary with its texts
// worded in the chosen language. `--format json` writes it as it is (versioned); the terminal
// table and the HTML page are drawn from it.

import type { Language } from "../../rules/config";
import type { LayoutChange, TargetRegions, UnmovedResource } from "../../rules/layout-rewrite";
import type { LayoutSummary, UserImpact } from "../../rules/layout-summary";
import type { LeadTimeNote, LeadTimeStep } from "../../rules/lead-time";
import type { InputFormat } from "../pulumi-input/read";
import { dayRange, describeDuration, describeImpact, describeNote, describeStepDetail, STEP_NAMES } from "./compare-messages";

/** Raised when the report's shape changes in a way readers must notice. */
export const COMPARE_REPORT_VERSION = 1;

export type LayoutSource =
  | { kind: "program"; directory: string; project: string; stack: string; overrides: Record<string, string> }
  | { kind: InputFormat; file: string };

/** What the command read for one layout. */
export interface LayoutInput {
  label: string;
  source: LayoutSource;
  dryRun: boolean;
  summary: LayoutSummary;
}

export type StepReport = LeadTimeStep & { name: string; durationText: string; detail?: string };
export type NoteReport = LeadTimeNote & { text: string };
export type ImpactReport = UserImpact & { text: string };

export interface LayoutReport extends Omit<LayoutSummary, "leadTime" | "userImpact"> {
  label: string;
  source: LayoutSource;
  dryRun: boolean;
  leadTime: {
    total: LayoutSummary["leadTime"]["total"];
    totalText: string;
    openEnded: boolean;
    steps: StepReport[];
    notes: NoteReport[];
  };
  userImpact: ImpactReport[];
}

export interface WhatIfReport {
  regions: TargetRegions["regions"];
  mainland: boolean;
  changes: LayoutChange[];
  unmoved: (Omit<UnmovedResource, "reason"> & { text: string })[];
}

export interface CompareReport {
  kind: "icpguard-compare";
  version: typeof COMPARE_REPORT_VERSION;
  tool: { name: string; version: string };
  today: string;
  language: Language;
  layouts: LayoutReport[];
  whatIf?: WhatIfReport;
}

export interface WhatIfInput {
  target: TargetRegions;
  changes: LayoutChange[];
  unmoved: UnmovedResource[];
}

export function buildCompareReport(
  layouts: readonly LayoutInput[],
  options: { language: Language; today: string; toolVersion: string; whatIf?: WhatIfInput },
): CompareReport {
  const { language } = options;
  const report: CompareReport = {
    kind: "icpguard-compare",
    version: COMPARE_REPORT_VERSION,
    tool: { name: "icpguard", version: options.toolVersion },
    today: options.today,
    language,
    layouts: layouts.map((layout) => layoutReport(layout, language)),
  };
  if (options.whatIf) {
    const { target, changes, unmoved } = options.whatIf;
    report.whatIf = {
      regions: target.regions,
      mainland: target.mainland,
      changes,
      unmoved: unmoved.map(({ reason, ...resource }) => ({ ...resource, text: describeUnmoved(resource.unknown, reason, language) })),
    };
  }
  return report;
}

function layoutReport(layout: LayoutInput, language: Language): LayoutReport {
  const { leadTime, userImpact, ...summary } = layout.summary;
  return {
    label: layout.label,
    source: layout.source,
    dryRun: layout.dryRun,
    ...summary,
    leadTime: {
      total: leadTime.total,
      totalText: totalText(leadTime.total, leadTime.openEnded, language),
      openEnded: leadTime.openEnded,
      steps: leadTime.steps.map((step) => {
        const detail = describeStepDetail(step, language);
        return { ...step, name: STEP_NAMES[step.id][language], durationText: describeDuration(step, language), ...(detail ? { detail } : {}) };
      }),
      notes: leadTime.notes.map((note) => ({ ...note, text: describeNote(note, language) })),
    },
    userImpact: userImpact.map((impact) => ({ ...impact, text: describeImpact(impact, language) })),
  };
}

export function totalText(total: { min: number; max: number }, openEnded: boolean, language: Language): string {
  if (total.max === 0 && !openEnded) return language === "zh" ? "0（无需备案）" : "0 (nothing to file)";
  const more = openEnded ? (language === "zh" ? "，另加时长未知的步骤" : ", plus a step of unknown duration") : "";
  return `${dayRange(total.min, total.max, language)}${more}`;
}

function describeUnmoved(unknown: boolean, reason: UnmovedResource["reason"], language: Language): string {
  const zh = language === "zh";
  if (unknown || !reason) return zh ? "服务位置尚不确定（预览时未知的值）" : "where it serves from is not known yet (preview values)";
  switch (reason.kind) {
    case "mainland-only":
      return zh ? `该产品只有中国大陆节点：${reason.why}` : `the product has mainland nodes only: ${reason.why}`;
    case "region":
      return zh ? `仍在地域 ${reason.region}` : `still in region ${reason.region}`;
    case "coverage":
      return zh ? `${reason.property} 仍为 "${reason.value ?? ""}"` : `${reason.property} is still "${reason.value ?? "(default)"}"`;
  }
}

/** How a layout's source reads in a heading: the file, or the program with its stack and overrides. */
export function describeSource(source: LayoutSource): string {
  if (source.kind !== "program") return source.file;
  const overrides = Object.entries(source.overrides).map(([key, value]) => `${key}=${value}`);
  return `${source.directory} (stack ${source.stack}${overrides.length > 0 ? `, ${overrides.join(", ")}` : ""})`;
}
