// icpguard what-if --region <id> <layout>: one layout compared with itself served from another
// region. Provider and resource regions move to the region given (and the same city in the other
// cloud), edge coverage to the product's value on that side of the border; the report is the
// comparison of the two, with every input the rewrite changed.

import type { Command } from "commander";
import { rewriteLayout, targetRegions } from "../../rules/layout-rewrite";
import { isoDay } from "../../rules/waivers";
import { buildCompareReport } from "../reports/compare-report";
import {
  addLayoutOptions,
  collectSetting,
  LAYOUT_HELP,
  loadLayout,
  policyInputs,
  runLayoutCommand,
  summarised,
  UsageProblem,
  writeCompareReport,
  type LayoutCommandOptions,
} from "./compare";

interface WhatIfOptions extends LayoutCommandOptions {
  region: string[];
  label?: string;
  stack?: string;
  set: Record<string, string>;
}

export async function runWhatIf(layoutPath: string, options: WhatIfOptions, toolVersion: string): Promise<number> {
  return runLayoutCommand("what-if", async () => {
    if (options.region.length === 0) throw new UsageProblem("give the region to move to, e.g. --region cn-hongkong (or --region cn-shanghai to come back)");
    const target = targetRegions(options.region);
    if (!target.ok) throw new UsageProblem(target.message);
    const today = options.today ?? isoDay(new Date());
    const policy = await policyInputs(options, today);
    const layout = await loadLayout({ path: layoutPath, label: options.label, stack: options.stack, overrides: options.set });
    const rewritten = rewriteLayout(layout.views, target.target, process.env);

    const label = options.label ?? layout.defaultLabel;
    const where = `${target.target.regions.alicloud} / ${target.target.regions.tencentcloud}`;
    const language = options.language ?? policy.language ?? "en";
    const whatIfLabel = language === "zh" ? `${label}：假设在 ${where}` : `${label}: what if ${where}`;
    const layouts = [
      summarised(layout, label, policy.config, options, today, process.env),
      summarised({ ...layout, views: rewritten.views }, whatIfLabel, policy.config, options, today, rewritten.env),
    ];
    const report = buildCompareReport(layouts, {
      language,
      today,
      toolVersion,
      whatIf: { target: target.target, changes: rewritten.changes, unmoved: rewritten.unmoved },
    });
    await writeCompareReport(report, options);
  });
}

function collectRegion(value: string, previous: string[] = []): string[] {
  return [...previous, ...value.split(",").map((part) => part.trim()).filter((part) => part !== "")];
}

export function registerWhatIf(program: Command): void {
  const command = program
    .command("what-if")
    .description("compare a layout with the same stack served from another region: Hong Kong instead of the mainland, or back")
    .argument("<layout>", "a Pulumi JSON output or a program directory")
    .option("--region <id>", "region to move to: cn-hongkong (Tencent: ap-hongkong), or a mainland one such as cn-shanghai; one per cloud, repeatable", collectRegion, []);
  addLayoutOptions(command)
    .option("--label <name>", "name of the layout as written")
    .option("--stack <stack>", "stack of the program directory (when it has several)")
    .option("--set <key=value>", "stack config of the program (repeat it)", collectSetting, {})
    .addHelpText(
      "after",
      [
        "",
        "Provider regions (and the region inputs of resources that have one) move to the region given; a cloud",
        "not given moves to the same city in that cloud (cn-hongkong ⇄ ap-hongkong, cn-shanghai ⇄ ap-shanghai …).",
        "Edge coverage moves to the product's value on that side: overseas (scope, area), 3 (CSS playType) … when",
        "leaving the mainland; domestic or mainland when coming back (global already includes the mainland).",
        "Products with mainland nodes only, and values not known yet, stay; the report lists them.",
        "",
        "Examples:",
        "  icpguard what-if --region cn-hongkong preview.json --records icp-records.yaml",
        "  icpguard what-if --region cn-hongkong examples/mainland-vs-hongkong --format html --output what-if.html",
        LAYOUT_HELP,
      ].join("\n"),
    )
    .action(async (layoutPath: string, options: WhatIfOptions) => {
      process.exitCode = await runWhatIf(layoutPath, options, program.version() ?? "0.0.0");
    });
}
