// `icpguard compare` and `icpguard what-if` as users run them: the compiled CLI as a child
// process (needs `npm run build`), on the mainland-vs-hongkong example both as Pulumi JSON
// output (a preview of one layout, a stack export of the other) and as the program directory.

import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadExample } from "../../demo/examples";
import { captureProgram } from "../../harness/mock-capture";
import { toEngineRequests } from "../../harness/program-requests";
import type { CompareReport, LayoutReport } from "../../cli/reports/compare-report";
import { previewJson, stackExport } from "../fixtures/pulumi-output/from-engine";
import { CLI, REPO } from "../fixtures/pulumi-output/cli";

const EXAMPLE_DIR = path.join(REPO, "examples", "mainland-vs-hongkong");
const RECORDS = path.join(EXAMPLE_DIR, "icp-records.yaml");
const ICP_JSON = path.join(EXAMPLE_DIR, "icp.json");
const TODAY = "2026-11-23";
const work = mkdtempSync(path.join(tmpdir(), "icpguard-compare-"));
const MAINLAND_PREVIEW = path.join(work, "mainland-preview.json");
const HONG_KONG_EXPORT = path.join(work, "hongkong-export.json");

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** The compiled CLI in a child process; asynchronous, so the tests of a file can run side by side. */
function icpguard(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: REPO, env: { ...process.env, NO_COLOR: "1", ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

async function report(args: readonly string[]): Promise<CompareReport> {
  const run = await icpguard([...args, "--format", "json", "--today", TODAY]);
  if (run.status !== 0) throw new Error(`exit ${run.status}: ${run.stderr}`);
  return JSON.parse(run.stdout) as CompareReport;
}

/** What a layout needs, without where it was read from. */
function needs(layout: LayoutReport) {
  return {
    counts: layout.counts,
    domains: layout.domains.map((d) => [d.registeredDomain, d.status, d.number ?? null]),
    apps: layout.apps,
    licences: layout.licences,
    publicSecurity: layout.publicSecurity,
    total: layout.leadTime.total,
    steps: layout.leadTime.steps.map((step) => step.id),
    impact: layout.userImpact.map((impact) => impact.kind),
  };
}

beforeAll(async () => {
  const example = loadExample(EXAMPLE_DIR, REPO);
  const capture = async (layout: string) => {
    const stackConfig = { ...example.stackConfig, "mainland-vs-hongkong:layout": layout };
    const captured = await captureProgram(example.programModule, { project: example.project, stack: example.stack, stackConfig, cwd: EXAMPLE_DIR });
    return { stackConfig, ...toEngineRequests(captured, { project: example.project, stack: example.stack, stackConfig }) };
  };
  const [mainland, hongKong] = await Promise.all([capture("mainland"), capture("hongkong")]);
  const scope = { project: example.project, stack: example.stack };
  writeFileSync(MAINLAND_PREVIEW, JSON.stringify(previewJson(mainland.resources, scope, mainland.stackConfig)));
  writeFileSync(HONG_KONG_EXPORT, JSON.stringify(stackExport(hongKong.stackResources, scope)));
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("icpguard compare", () => {
  it("compares a mainland preview with a Hong Kong export: filings, duties, lead time and users, as versioned JSON", async () => {
    const compared = await report(["compare", MAINLAND_PREVIEW, HONG_KONG_EXPORT, "--records", RECORDS]);
    expect(compared).toMatchObject({ kind: "icpguard-compare", version: 1, today: TODAY, language: "en", tool: { name: "icpguard" } });
    const [mainland, hongKong] = compared.layouts as [LayoutReport, LayoutReport];
    expect(mainland).toMatchObject({ label: "mainland-preview", source: { kind: "preview", file: MAINLAND_PREVIEW }, dryRun: true });
    expect(hongKong).toMatchObject({ label: "hongkong-export", source: { kind: "export", file: HONG_KONG_EXPORT } });

    expect(needs(mainland)).toEqual({
      counts: { serving: 5, mainland: 5, outside: 0, unknown: 0 },
      domains: [
        ["hanmo-books.com", "needs-filing", null],
        ["hanmo.cn", "filed", "沪ICP备2019028614号-1"],
      ],
      apps: [{ kind: "declared", app: "翰墨书店小程序", appKind: "mini-program", problem: "no-number", resources: ["api"] }],
      licences: [{ registeredDomain: "hanmo-books.com", markedBy: "entity", individual: false }],
      publicSecurity: [{ registeredDomain: "hanmo-books.com", after: "new-filing" }],
      total: { min: 44, max: 69 },
      steps: ["provider-review", "miit-sms", "authority-review", "commercial-licence", "public-security"],
      impact: ["mainland-nodes", "coverage", "local-reach", "not-reachable-during-filing"],
    });
    expect(mainland.leadTime.steps.find((step) => step.id === "authority-review")).toMatchObject({
      name: "Authority review",
      durationText: "3–5 business days",
      detail: "Shanghai",
      source: expect.stringContaining("icp-facts.md"),
    });
    expect(mainland.leadTime.totalText).toBe("44–69 business days");

    expect(needs(hongKong)).toEqual({
      counts: { serving: 5, mainland: 0, outside: 5, unknown: 0 },
      domains: [
        ["hanmo-books.com", "not-needed", null],
        ["hanmo.cn", "filed-served-outside", "沪ICP备2019028614号-1"],
      ],
      apps: [],
      licences: [],
      publicSecurity: [],
      total: { min: 0, max: 0 },
      steps: [],
      impact: ["outside-nodes", "coverage", "cross-border", "premium-routes", "cancellation-risk"],
    });
    expect(hongKong.leadTime.notes).toEqual([{ kind: "nothing-to-file", text: expect.stringMatching(/^Nothing to file/) }]);
    expect(hongKong.userImpact.find((impact) => impact.kind === "cancellation-risk")?.text).toMatch(/hanmo\.cn is filed .* can be cancelled/);
  });

  it("runs two program directories under the mock runtime, with stack config per layout, to the same result", async () => {
    const fromJson = await report(["compare", MAINLAND_PREVIEW, HONG_KONG_EXPORT, "--records", RECORDS]);
    const fromPrograms = await report(["compare", EXAMPLE_DIR, EXAMPLE_DIR, "--set-b", "layout=hongkong", "--label-a", "Mainland", "--label-b", "Hong Kong", "--records", RECORDS]);
    expect(fromPrograms.layouts.map((layout) => layout.label)).toEqual(["Mainland", "Hong Kong"]);
    expect(fromPrograms.layouts[1]?.source).toEqual({
      kind: "program",
      directory: EXAMPLE_DIR,
      project: "mainland-vs-hongkong",
      stack: "prod",
      overrides: { layout: "hongkong" },
    });
    expect(fromPrograms.layouts.map(needs)).toEqual(fromJson.layouts.map(needs));
  });

  it("reads the same records from icp.json as from the records file", async () => {
    const [fromRecords, fromConfig] = await Promise.all([
      report(["compare", MAINLAND_PREVIEW, HONG_KONG_EXPORT, "--records", RECORDS]),
      report(["compare", MAINLAND_PREVIEW, HONG_KONG_EXPORT, "--config", ICP_JSON]),
    ]);
    expect(fromConfig.layouts.map(needs)).toEqual(fromRecords.layouts.map(needs));
  });

  it("takes the province and a foreign company from the command line", async () => {
    const compared = await report(["compare", MAINLAND_PREVIEW, HONG_KONG_EXPORT, "--province", "粤", "--foreign-company"]);
    const [mainland, hongKong] = compared.layouts as [LayoutReport, LayoutReport];
    // No records: both domains need filings; Guangdong reviews in 5–10 days; no licence is known.
    expect(mainland.leadTime.steps.map((step) => step.id)).toEqual(["local-entity", "provider-review", "miit-sms", "authority-review", "public-security"]);
    expect(mainland.leadTime.total).toEqual({ min: 40 + 1 + 5, max: 70 + 3 + 1 + 10 });
    expect(mainland.entity).toEqual({ province: "CN-GD", provinceFrom: "option", commercial: false, foreignCompany: true });
    expect(hongKong.leadTime.total).toEqual({ min: 0, max: 0 });
  });

  it("prints both layouts side by side in a terminal, in English and in Chinese", async () => {
    const [english, chinese] = await Promise.all([
      icpguard(["compare", MAINLAND_PREVIEW, HONG_KONG_EXPORT, "--records", RECORDS, "--label-a", "Mainland", "--label-b", "Hong Kong"]),
      icpguard(["compare", MAINLAND_PREVIEW, HONG_KONG_EXPORT, "--records", RECORDS, "--language", "zh"]),
    ]);
    expect(english.status).toBe(0);
    const header = english.stdout.split("\n").find((line) => line.includes("Mainland") && line.includes("Hong Kong") && line.includes("│"));
    expect(header).toBeDefined();
    const total = english.stdout.split("\n").find((line) => line.trimStart().startsWith("Before go-live"));
    expect(total).toMatch(/│ 44–69 business days\s+│ 0 \(nothing to file\)$/);
    expect(english.stdout).toContain("Commercial ICP licence");
    expect(english.stdout).toContain("must not be");
    expect(chinese.status).toBe(0);
    expect(chinese.stdout).toMatch(/上线前合计\s+│ 44–69 个工作日\s+│ 0（无需备案）/);
    expect(chinese.stdout).toContain("管局审核");
    expect(chinese.stdout).toContain("防火长城");
  });

  it("writes a self-contained HTML page that loads nothing from anywhere", async () => {
    const file = path.join(work, "out", "compare.html");
    const run = await icpguard(["compare", MAINLAND_PREVIEW, HONG_KONG_EXPORT, "--records", RECORDS, "--format", "html", "--output", file]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`wrote the html comparison of mainland-preview and hongkong-export to ${file}`);
    const html = readFileSync(file, "utf8");
    expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
    expect(html).toContain("<svg");
    expect(html).toContain("44–69 business days");
    // The only URL is the SVG namespace; no src, href, url() or @import.
    expect(html.match(/https?:\/\/[^"\s<]+/g)).toEqual(["http://www.w3.org/2000/svg"]);
    expect(html).not.toMatch(/\bsrc=|\bhref=|url\(|@import/);
  });

  it("exits 2 for unusable input, with one line that says why", async () => {
    const several = path.join(work, "several-stacks");
    mkdirSync(several, { recursive: true });
    writeFileSync(path.join(several, "Pulumi.yaml"), "name: shop\nruntime: nodejs\n");
    writeFileSync(path.join(several, "Pulumi.dev.yaml"), "config: {}\n");
    writeFileSync(path.join(several, "Pulumi.prod.yaml"), "config: {}\n");
    const badConfig = path.join(work, "bad-icp.json");
    writeFileSync(badConfig, JSON.stringify({ "icp-psb-filing": { filings: [{ domain: "hanmo.cn" }] } }));
    const cases: [string[], RegExp][] = [
      [["compare", path.join(work, "missing.json"), HONG_KONG_EXPORT], /icpguard compare: cannot read .*missing\.json: no such file/],
      [["compare", MAINLAND_PREVIEW, HONG_KONG_EXPORT, "--records", RECORDS, "--config", ICP_JSON], /give either --config or --records/],
      [["compare", MAINLAND_PREVIEW, HONG_KONG_EXPORT, "--config", badConfig], /icp-psb-filing: filings\[0\]\.number: required, but missing/],
      [["compare", several, HONG_KONG_EXPORT], /has stacks dev, prod: choose one with --stack/],
      [["compare", "-", "-"], /only one layout can come from standard input/],
      [["compare", MAINLAND_PREVIEW, HONG_KONG_EXPORT, "--set-a", "layout=hongkong"], /not a program directory; --stack and --set apply to program directories only/],
      [["compare", MAINLAND_PREVIEW, HONG_KONG_EXPORT, "--province", "Hong Kong"], /expected an ISO 3166-2:CN code/],
      [["what-if", MAINLAND_PREVIEW], /give the region to move to/],
      [["what-if", "--region", "mars-1", MAINLAND_PREVIEW], /"mars-1" is not a region icpguard lists/],
    ];
    const runs = await Promise.all(cases.map(([args]) => icpguard(args)));
    runs.forEach((run, i) => {
      const [args, message] = cases[i] as [string[], RegExp];
      expect(run.status, args.join(" ")).toBe(2);
      expect(run.stderr, args.join(" ")).toMatch(message);
      expect(run.stdout, args.join(" ")).toBe("");
    });
  });
});

describe("icpguard what-if", () => {
  it("moves one layout to Hong Kong: the same needs as the Hong Kong program, and every input it changed", async () => {
    const [whatIf, compared] = await Promise.all([
      report(["what-if", "--region", "cn-hongkong", MAINLAND_PREVIEW, "--records", RECORDS]),
      report(["compare", MAINLAND_PREVIEW, HONG_KONG_EXPORT, "--records", RECORDS]),
    ]);
    expect(whatIf.layouts.map((layout) => layout.label)).toEqual(["mainland-preview", "mainland-preview: what if cn-hongkong / ap-hongkong"]);
    expect(whatIf.layouts.map(needs)).toEqual(compared.layouts.map(needs));
    expect(whatIf.whatIf).toEqual({
      regions: { alicloud: "cn-hongkong", tencentcloud: "ap-hongkong" },
      mainland: false,
      changes: [
        expect.objectContaining({ name: "tencent", property: "region", from: "ap-shanghai", to: "ap-hongkong" }),
        expect.objectContaining({ name: "alibaba", property: "region", from: "cn-shanghai", to: "cn-hongkong" }),
        // The CDN domains' default provider had no region (its default is mainland cn-beijing).
        { urn: "urn:pulumi:prod::mainland-vs-hongkong::pulumi:providers:alicloud::default_3_108_0", name: "default_3_108_0", type: "pulumi:providers:alicloud", property: "region", to: "cn-hongkong" },
        expect.objectContaining({ name: "www", property: "scope", from: "domestic", to: "overseas" }),
        expect.objectContaining({ name: "brand", property: "scope", from: "domestic", to: "overseas" }),
      ],
      unmoved: [],
    });
  });

  it("brings a Hong Kong layout back to the mainland", async () => {
    const whatIf = await report(["what-if", "--region", "cn-shanghai", HONG_KONG_EXPORT, "--records", RECORDS]);
    expect(whatIf.whatIf?.regions).toEqual({ alicloud: "cn-shanghai", tencentcloud: "ap-shanghai" });
    expect(whatIf.layouts[0]?.leadTime.total).toEqual({ min: 0, max: 0 });
    expect(whatIf.layouts[1]?.leadTime.total).toEqual({ min: 44, max: 69 });
    expect(whatIf.whatIf?.changes.filter((change) => change.property === "scope").map((change) => change.to)).toEqual(["domestic", "domestic"]);
  });

  it("runs a program directory and prints the changes after the table", async () => {
    const run = await icpguard(["what-if", "--region", "cn-hongkong", EXAMPLE_DIR, "--records", RECORDS, "--today", TODAY]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^icpguard what-if: mainland-vs-hongkong {2}⇄ {2}mainland-vs-hongkong: what if cn-hongkong \/ ap-hongkong$/m);
    expect(run.stdout).toContain("What-if: cn-hongkong (Alibaba Cloud), ap-hongkong (Tencent Cloud)");
    expect(run.stdout).toContain("alibaba (pulumi:providers:alicloud) region: cn-shanghai → cn-hongkong");
    expect(run.stdout).toContain("www (alicloud:cdn/domainNew:DomainNew) scope: domestic → overseas");
    expect(existsSync(path.join(REPO, "dist", "examples", "mainland-vs-hongkong", "index.js"))).toBe(true);
  });
});
