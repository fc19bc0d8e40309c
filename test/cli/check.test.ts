// icpguard check, run as CI runs it (the compiled command in a child process): input detection,
// verdicts, report formats, exit codes, errors and a 10,000-resource export.
// Needs `npm run build` first (the test script does it).

import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import Ajv from "ajv";
import AjvDraft04 from "ajv-draft-04";
import addFormats from "ajv-formats";
import { parse as parseYaml } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { textReport, wantsColour } from "../../cli/reports/text";
import type { CheckReport } from "../../cli/reports/report";
import { CLI, REPO, fixture, icpguardCheck } from "../fixtures/pulumi-output/cli";

const work = mkdtempSync(path.join(tmpdir(), "icpguard-check-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function temp(name: string, contents: string): string {
  const file = path.join(work, name);
  writeFileSync(file, contents);
  return file;
}

const ICP = fixture("icp.json");
const PREVIEW = fixture("preview.json");
const EXPORT = fixture("stack-export.json");
const EVENTS = fixture("preview-events.jsonl");
const PACK_EVENTS = fixture("up-events-with-pack.jsonl");
const URN = (type: string, name: string) => `urn:pulumi:prod::teashop::${type}::${name}`;
const CDN = "alicloud:cdn/domainNew:DomainNew";
const CNAME = "alicloud:oss/bucketCname:BucketCname";

interface JsonVerdict {
  policy: string;
  enforcementLevel: "mandatory" | "advisory";
  blocking: boolean;
  waived: boolean;
  urn: string;
  resource: { name: string; type: string };
  message: string;
  kind?: string;
  domain?: string;
  waiver?: { reason: string; expires: string };
}

interface JsonReport {
  schemaVersion: number;
  input: { name: string; format: string; dryRun: boolean; resources: number };
  verdictsFrom: string;
  outcome: string;
  summary: Record<string, number>;
  policies: { name: string; enforcementLevel: string }[];
  verdicts: JsonVerdict[];
}

function jsonCheck(args: string[], options: { input?: string } = {}) {
  const run = icpguardCheck([...args, "--format", "json"], options);
  let report: JsonReport | undefined;
  try {
    report = JSON.parse(run.stdout) as JsonReport;
  } catch {
    throw new Error(`not JSON (exit ${run.status}): ${run.stdout}\n${run.stderr}`);
  }
  return { ...run, report };
}

/** icp-filing-required verdicts as `level name kind`, sorted. */
function filingVerdicts(report: JsonReport): string[] {
  return report.verdicts
    .filter((v) => v.policy === "icp-filing-required")
    .map((v) => `${v.enforcementLevel} ${v.resource.name} ${v.kind}`)
    .sort();
}

describe("reading Pulumi outputs", () => {
  it("reads `pulumi preview --json`: skips removals, resolves providers (a default one from stack config), reads \"[secret]\" as unknown", () => {
    const { status, stderr, report } = jsonCheck([PREVIEW, "--config", ICP]);
    expect(status).toBe(1);
    expect(report!.input).toMatchObject({ format: "preview", dryRun: true });
    expect(filingVerdicts(report!)).toEqual([
      "advisory api unknown-values",
      "advisory members unknown-values",
      "mandatory downloads unfiled",
      "mandatory promo unfiled",
    ]);
    const downloads = report!.verdicts.find((v) => v.resource.name === "downloads")!;
    // default_3_108_0 is not in the steps (unchanged): its region comes from alicloud:region.
    expect(downloads.message).toContain("region cn-hangzhou (from provider default_3_108_0");
    // The Hong Kong provider is resolved: the same unfiled domain on it passes.
    expect(report!.verdicts.some((v) => v.resource.name === "events")).toBe(false);
    // The deleted domain is not checked; the replaced one is checked once.
    expect(report!.verdicts.some((v) => v.resource.name === "old")).toBe(false);
    expect(stderr).toContain("4 unchanged resource(s) are not listed in this preview");
    expect(stderr).toContain("--show-sames");
  });

  it("reads `pulumi stack export`: ciphertext is an unknown secret, pending deletions and read resources are skipped", () => {
    const { status, report } = jsonCheck([EXPORT, "--config", ICP]);
    expect(status).toBe(1);
    expect(report!.input).toMatchObject({ format: "export", dryRun: true, resources: 8 });
    expect(filingVerdicts(report!)).toEqual(["advisory members unknown-values", "mandatory promo unfiled"]);
    const names = report!.verdicts.map((v) => v.resource.name);
    expect(names).not.toContain("old");
    expect(names).not.toContain("partner");
    expect(names).not.toContain("static");
  });

  it("checks an export as an update with --no-dry-run: an unreadable secret then blocks", () => {
    const { report } = jsonCheck([EXPORT, "--config", ICP, "--no-dry-run"]);
    expect(report!.input.dryRun).toBe(false);
    expect(filingVerdicts(report!)).toEqual(["mandatory members unknown-values", "mandatory promo unfiled"]);
  });

  it("reads streaming engine events without the pack: evaluates every step, unchanged ones too", () => {
    const { status, report } = jsonCheck([EVENTS, "--config", ICP]);
    expect(status).toBe(1);
    expect(report!.input.format).toBe("events");
    expect(report!.verdictsFrom).toBe("icpguard");
    expect(filingVerdicts(report!)).toEqual(["advisory api unknown-values", "advisory members unknown-values", "mandatory promo unfiled"]);
    const checked = icpguardCheck([EVENTS, "--config", ICP, "--format", "junit"]).stdout;
    expect(checked).toContain(URN(CDN, "shop"));
  });

  it("reports icpguard's own policy events as they are, without colour markup, ignoring other packs", () => {
    const { status, stderr, report } = jsonCheck([PACK_EVENTS, "--config", ICP]);
    expect(status).toBe(1);
    expect(report!.verdictsFrom).toBe("pack-events");
    expect(report!.input.dryRun).toBe(false);
    expect(report!.verdicts.map((v) => [v.policy, v.enforcementLevel, v.resource.name])).toEqual([
      ["icp-filing-required", "mandatory", "promo"],
      ["icp-filing-required", "mandatory", "members"],
    ]);
    for (const verdict of report!.verdicts) {
      expect(verdict.message).not.toMatch(/<\{%|%\}>/);
      expect(verdict.message.endsWith("\n")).toBe(false);
    }
    // The message matches this command's own evaluation, which lends it the domain.
    expect(report!.verdicts[0].domain).toBe("longjing-deals.com");
    expect(stderr).toContain("the given config is not used");
  });

  it("reads standard input as it reads the file", () => {
    const fromFile = jsonCheck([PREVIEW, "--config", ICP]).report!;
    const fromStdin = jsonCheck(["--config", ICP], { input: readFileSync(PREVIEW, "utf8") }).report!;
    expect(fromStdin.input.name).toBe("standard input");
    expect(fromStdin.verdicts).toEqual(fromFile.verdicts);
    expect(jsonCheck(["-", "--config", ICP], { input: readFileSync(PREVIEW, "utf8") }).report!.verdicts).toEqual(fromFile.verdicts);
  });

  it("reads a preview that lists no step and an export of a stack never deployed (empty lists are left out)", () => {
    const unchanged = jsonCheck([temp("unchanged.json", '{"config": {"alicloud:region": "cn-hangzhou"}, "duration": 5, "changeSummary": {"same": 12}}')]);
    expect(unchanged.status).toBe(0);
    expect(unchanged.report!.input).toMatchObject({ format: "preview", resources: 0 });
    expect(unchanged.stderr).toContain("12 unchanged resource(s) are not listed");
    const fresh = jsonCheck([temp("fresh.json", '{"version": 3, "deployment": {"manifest": {"time": "2026-11-23T00:00:00Z"}}}')]);
    expect(fresh.status).toBe(0);
    expect(fresh.report!.input).toMatchObject({ format: "export", resources: 0 });
  });

  it("detects a one-line export, events with CRLF line ends and a byte-order mark", () => {
    const compact = temp("compact.json", JSON.stringify(JSON.parse(readFileSync(EXPORT, "utf8"))));
    expect(jsonCheck([compact, "--config", ICP]).report!.input.format).toBe("export");
    const crlf = temp("crlf.jsonl", "\ufeff" + readFileSync(EVENTS, "utf8").replace(/\n/g, "\r\n"));
    const { report } = jsonCheck([crlf, "--config", ICP]);
    expect(report!.input.format).toBe("events");
    expect(filingVerdicts(report!)).toEqual(filingVerdicts(jsonCheck([EVENTS, "--config", ICP]).report!));
  });
});

describe("input and usage errors exit 2 with a sentence naming what was expected", () => {
  const EXPECTED = /Expected the output of `pulumi preview --json`.*`pulumi stack export`.*streaming engine events/;

  it.for([
    ["not JSON at all", "hello world\n", EXPECTED],
    ["a JSON list", "[1, 2]\n", EXPECTED],
    ["JSON that is no Pulumi output", '{"name": "x"}\n', /is JSON, but not a Pulumi output.*Expected/],
    ["an empty input", "", /is empty\. Expected/],
    ["a truncated preview", '{"config": {}, "steps": [{"op": "create", "urn": ', /is not valid `pulumi preview --json` output: line 1, column \d+: the input ends/],
    ["a broken export", '{"version": 3, "deployment": {"resources": [{"urn" 1}]}}', /is not valid `pulumi stack export` output: line 1, column 52: expected ":" after property "urn", found "1"/],
    ["a broken event line", '{"sequence":0,"timestamp":1,"cancelEvent":{}}\n{"sequence":1,\n', /line 2 is not a JSON engine event/],
    ["an old export", '{"version": 1, "checkpoint": {}, "deployment": {"resources": []}}', /version 1; icpguard reads versions 3 and 4/],
  ] as const)("%s", ([, contents, message]) => {
    const run = icpguardCheck([temp("bad-input", contents)]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(message);
  });

  it("a missing file, a directory", () => {
    expect(icpguardCheck([path.join(work, "nothing.json")]).stderr).toContain("no such file");
    const dir = icpguardCheck([work]);
    expect(dir.status).toBe(2);
    expect(dir.stderr).toContain("is a directory");
  });

  it.for([
    ["not JSON", "{filings", /not valid JSON/],
    ["not an object", "[]", /expected a JSON object/],
    ["a level that is none", '{"icp-filing-required": "warning"}', /"warning" is not an enforcement level/],
    ["properties for an unknown policy", '{"icp-filing-requird": {"filings": []}}', /"icp-filing-requird" is not a policy of icpguard/],
  ] as const)("a --config file with %s", ([, contents, message]) => {
    const run = icpguardCheck([PREVIEW, "--config", temp("bad-config.json", contents)]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
  });

  it("warns of a bare level for an unknown policy, as the engine ignores it", () => {
    const run = icpguardCheck([PREVIEW, "--config", temp("extra-level.json", '{"icp-not-a-policy": "advisory"}')]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('"icp-not-a-policy" is not a policy of icpguard; its entry is ignored');
  });

  it.for([
    ["an unknown format", ["--format", "html"], /unknown report format "html"/],
    ["two reports on standard output", ["--format", "json,markdown"], /only one report can go to standard output/],
    ["--output with two formats", ["--format", "json", "--format", "sarif", "--output", "x"], /--output names the file of a single --format/],
    ["--config with --records", ["--config", ICP, "--records", ICP], /either --config or --records/],
    ["a bad --fail-on", ["--fail-on", "warning"], /Allowed choices are mandatory, advisory/],
  ] as const)("%s", ([, args, message]) => {
    const run = icpguardCheck([PREVIEW, ...args]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
  });

  it("a records file with problems names them and exits 2", () => {
    const records = temp("bad-records.yaml", "version: 1\nentity:\n  name: x\n  province: CN-ZJ\n  type: company\nfilings:\n  - domain: example.com\n    number: 12345\n");
    const run = icpguardCheck([PREVIEW, "--records", records]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/bad-records\.yaml:\d+:\d+: problem: filings\[0\]\.number/);
    expect(run.stderr).toContain("fix them first");
  });
});

describe("verdicts and exit codes", () => {
  const allFiled = temp(
    "all-filed.json",
    JSON.stringify({
      "icp-filing-required": {
        filings: [
          { domain: "lanting-tea.com.cn", number: "浙ICP备2024031234号-1" },
          { domain: "longjing-deals.com", number: "浙ICP备2024031234号-2" },
        ],
      },
    }),
  );

  it("exits 0 when nothing blocks, advisories allowed", () => {
    const { status, report } = jsonCheck([EXPORT, "--config", allFiled]);
    expect(status).toBe(0);
    expect(report!.outcome).toBe("passed");
    expect(report!.summary.advisory).toBeGreaterThan(0);
  });

  it("--fail-on advisory makes advisories fail the run", () => {
    const { status, report } = jsonCheck([EXPORT, "--config", allFiled, "--fail-on", "advisory"]);
    expect(status).toBe(1);
    expect(report!.verdicts.every((v) => v.blocking)).toBe(true);
  });

  it("a configured level, and \"all\", as the engine applies them", () => {
    const levels = temp("levels.json", JSON.stringify({ all: "disabled", "icp-filing-required": { enforcementLevel: "advisory", ...JSON.parse(readFileSync(ICP, "utf8"))["icp-filing-required"] } }));
    const { status, report } = jsonCheck([EXPORT, "--config", levels]);
    expect(status).toBe(0);
    expect(report!.verdicts.map((v) => v.policy)).toEqual(["icp-filing-required", "icp-filing-required"]);
    expect(report!.verdicts.every((v) => v.enforcementLevel === "advisory")).toBe(true);
    expect(report!.policies.find((p) => p.name === "icp-filing-required")?.enforcementLevel).toBe("advisory");
    expect(report!.policies.filter((p) => p.name !== "icp-filing-required").every((p) => p.enforcementLevel === "disabled")).toBe(true);
  });

  it("fails closed on invalid properties: every resource the policy checks is blocked, naming the field", () => {
    const invalid = temp("invalid.json", '{"icp-filing-required": {"filings": [{"domain": "lanting-tea.com.cn", "number": "12345"}]}}');
    const { status, report } = jsonCheck([EXPORT, "--config", invalid]);
    expect(status).toBe(1);
    const invalidConfig = report!.verdicts.filter((v) => v.kind === "invalid-config");
    expect(invalidConfig.length).toBe(6);
    expect(invalidConfig[0].message).toContain("filings[0].number");
  });

  it("hides waived findings, which never fail the run, and lists them with --show-waived", () => {
    const waived = temp(
      "waived.json",
      JSON.stringify({
        "icp-filing-required": {
          filings: [{ domain: "lanting-tea.com.cn", number: "浙ICP备2024031234号-1" }],
          waivers: [{ domain: "longjing-deals.com", reason: "moving to Hong Kong", expires: "2099-01-31" }],
        },
      }),
    );
    const hidden = jsonCheck([EXPORT, "--config", waived]);
    expect(hidden.status).toBe(0);
    expect(hidden.report!.summary.waived).toBe(1);
    expect(hidden.report!.verdicts.some((v) => v.waived)).toBe(false);
    const shown = jsonCheck([EXPORT, "--config", waived, "--show-waived"]);
    expect(shown.status).toBe(0);
    const promo = shown.report!.verdicts.find((v) => v.waived)!;
    expect(promo).toMatchObject({ blocking: false, resource: { name: "promo" }, waiver: { reason: "moving to Hong Kong", expires: "2099-01-31" } });
    expect(icpguardCheck([EXPORT, "--config", waived]).stdout).toContain("1 waived (--show-waived lists them)");
  });

  it("an expired waiver blocks again, as of --today", () => {
    const waiver = temp(
      "expiring.json",
      JSON.stringify({ "icp-filing-required": { waivers: [{ domain: "longjing-deals.com", reason: "moving", expires: "2026-06-30" }] } }),
    );
    expect(jsonCheck([EXPORT, "--config", waiver, "--today", "2026-06-30"]).report!.verdicts.some((v) => v.resource.name === "promo")).toBe(false);
    const later = jsonCheck([EXPORT, "--config", waiver, "--today", "2026-07-01"]).report!;
    expect(later.verdicts.find((v) => v.resource.name === "promo")?.message).toContain("expired on 2026-06-30");
  });

  it("--records makes the config `icpguard config` writes", () => {
    const records = temp(
      "records.yaml",
      "version: 1\nentity:\n  name: 杭州兰亭茶业有限公司\n  province: CN-ZJ\n  type: company\nfilings:\n  - domain: lanting-tea.com.cn\n    number: 浙ICP备2024031234号-1\n    provider: alicloud\n",
    );
    const fromRecords = jsonCheck([EXPORT, "--records", records]);
    expect(fromRecords.stderr).toBe("");
    expect(filingVerdicts(fromRecords.report!)).toEqual(filingVerdicts(jsonCheck([EXPORT, "--config", ICP]).report!));
  });

  it("never takes records from the stack config in the input", () => {
    const withConfig = JSON.parse(readFileSync(PREVIEW, "utf8"));
    withConfig.config["icpguard:filings"] = JSON.stringify([{ domain: "longjing-deals.com", number: "浙ICP备2024031234号-2" }]);
    withConfig.config["icp-filing-required:filings"] = withConfig.config["icpguard:filings"];
    const { report } = jsonCheck([temp("stack-config.json", JSON.stringify(withConfig)), "--config", ICP]);
    expect(report!.verdicts.some((v) => v.resource.name === "promo" && v.kind === "unfiled")).toBe(true);
  });
});

describe("reports", () => {
  const schemaDir = path.resolve(REPO, "..", "shared", "schemas");

  it("JSON: versioned, and valid against schemas/icpguard-check-report.schema.json", () => {
    const schema = JSON.parse(readFileSync(path.join(REPO, "schemas", "icpguard-check-report.schema.json"), "utf8"));
    const ajv = new Ajv({ allErrors: true, strict: true });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    for (const args of [[PREVIEW, "--config", ICP], [PACK_EVENTS], [EXPORT, "--show-waived", "--config", ICP]]) {
      const { report } = jsonCheck(args);
      expect(report!.schemaVersion).toBe(1);
      expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    }
    expect(validate({ ...jsonCheck([PREVIEW]).report!, outcome: "maybe" })).toBe(false);
  });

  describe("SARIF", () => {
    let validate: ReturnType<AjvDraft04["compile"]>;
    beforeAll(() => {
      const schema = JSON.parse(readFileSync(path.join(schemaDir, "sarif-schema-2.1.0.json"), "utf8"));
      const ajv = new AjvDraft04({ allErrors: true, strict: false });
      addFormats(ajv);
      validate = ajv.compile(schema);
    });

    function sarif(args: string[]) {
      const run = icpguardCheck([...args, "--format", "sarif"]);
      return { status: run.status, log: JSON.parse(run.stdout) };
    }

    it("is valid SARIF 2.1.0, with a rule per policy from its metadata", () => {
      const { status, log } = sarif([PREVIEW, "--config", ICP]);
      expect(status).toBe(1);
      expect(validate(log), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
      const driver = log.runs[0].tool.driver;
      expect(driver.name).toBe("icpguard");
      const rule = driver.rules.find((r: { id: string }) => r.id === "icp-filing-required");
      expect(rule.helpUri).toMatch(/^https:\/\//);
      expect(rule.help.text).toContain("beian.miit.gov.cn");
      expect(rule.shortDescription.text).toBe("ICP filing required for mainland China");
    });

    it("has a result per verdict: ruleId, level, message and the resource URN as logical location", () => {
      const { log } = sarif([PREVIEW, "--config", ICP, "--source-file", "infra/Pulumi.yaml"]);
      const results = log.runs[0].results as Record<string, any>[];
      const promo = results.find((r) => r.locations[0].logicalLocations[0].fullyQualifiedName === URN(CDN, "promo"))!;
      expect(promo).toMatchObject({ ruleId: "icp-filing-required", level: "error" });
      expect(promo.message.text).toContain("promo.longjing-deals.com");
      expect(promo.locations[0].physicalLocation.artifactLocation.uri).toBe("infra/Pulumi.yaml");
      expect(log.runs[0].tool.driver.rules[promo.ruleIndex].id).toBe("icp-filing-required");
      expect(results.find((r) => r.locations[0].logicalLocations[0].name === "api")!.level).toBe("warning");
    });

    it("points results at the working directory's Pulumi.yaml, relative to the repository root", () => {
      const run = icpguardCheck([PREVIEW, "--config", ICP, "--format", "sarif"], { cwd: path.join(REPO, "examples", "filed-site") });
      const [result] = JSON.parse(run.stdout).runs[0].results;
      expect(result.locations[0].physicalLocation.artifactLocation.uri).toBe("examples/filed-site/Pulumi.yaml");
    });

    it("fingerprints stay the same from run to run and from input to input, and differ between findings", () => {
      const fingerprints = (file: string) =>
        Object.fromEntries(
          sarif([file, "--config", ICP]).log.runs[0].results.map((r: Record<string, any>) => [
            r.locations[0].logicalLocations[0].fullyQualifiedName,
            r.partialFingerprints["icpguardVerdict/v1"],
          ]),
        );
      const first = fingerprints(PREVIEW);
      expect(fingerprints(PREVIEW)).toEqual(first);
      expect(fingerprints(EXPORT)[URN(CDN, "promo")]).toBe(first[URN(CDN, "promo")]);
      expect(new Set(Object.values(first)).size).toBe(Object.keys(first).length);
    });

    it("marks waived results as suppressed with --show-waived", () => {
      const waived = temp("sarif-waived.json", JSON.stringify({ "icp-filing-required": { waivers: [{ domain: "longjing-deals.com", reason: "moving", expires: "2099-01-31" }] } }));
      const { log } = sarif([EXPORT, "--config", waived, "--show-waived"]);
      expect(validate(log)).toBe(true);
      const suppressed = log.runs[0].results.filter((r: Record<string, any>) => r.suppressions);
      expect(suppressed).toHaveLength(1);
      expect(suppressed[0].suppressions[0]).toMatchObject({ kind: "external", justification: "moving (until 2099-01-31)" });
    });
  });

  it("JUnit: a test case per checked resource and policy, a failure per blocking one, escaped", () => {
    const run = icpguardCheck([PREVIEW, "--config", ICP, "--format", "junit"]);
    const xml = run.stdout;
    const summary = jsonCheck([PREVIEW, "--config", ICP]).report!.summary;
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    expect(xml.match(/<testcase /g)).toHaveLength(summary.checks);
    expect(xml.match(/<failure /g)).toHaveLength(summary.blocking);
    expect(xml).toMatch(new RegExp(`<testsuites name="icpguard check" tests="${summary.checks}" failures="${summary.blocking}"`));
    expect(xml).toContain(`name="${URN(CNAME, "downloads")}"`);
    expect(xml).toContain("&quot;global&quot;");
    expect(xml).not.toMatch(/message="[^"]*"[^>]*"global"/);
    expect(xml.match(/<testsuite /g)!.length).toBe(xml.match(/<\/testsuite>/g)!.length);
  });

  it("Markdown: the outcome, a table with blocking rows first, the messages and how to fix", () => {
    const md = icpguardCheck([PREVIEW, "--config", ICP, "--format", "markdown"]).stdout;
    expect(md).toMatch(/^### ❌ icpguard: 2 blocking findings/);
    const rows = md.split("\n").filter((line) => line.startsWith("| ❌") || line.startsWith("| ⚠️"));
    expect(rows.map((row) => (row.startsWith("| ❌") ? "blocking" : "advisory"))).toEqual(["blocking", "blocking", "advisory", "advisory"]);
    expect(rows[0]).toContain("longjing-deals.com");
    expect(md).toContain("#### How to fix");
    expect(md).toContain("<details><summary>Messages</summary>");
    const passed = icpguardCheck([EXPORT, "--config", temp("md-filed.json", JSON.stringify({ all: "disabled" })), "--format", "markdown"]).stdout;
    expect(passed).toMatch(/^### ✅ icpguard: nothing blocking/);
  });

  it("text: grouped by registered domain, blocking first, with the fix; no colour outside a terminal", () => {
    const run = icpguardCheck([PREVIEW, "--config", ICP]);
    expect(run.status).toBe(1);
    expect(run.stdout).not.toMatch(/\u001b\[/);
    const lines = run.stdout.split("\n");
    const domainLine = lines.findIndex((line) => line.startsWith("longjing-deals.com"));
    const otherLine = lines.findIndex((line) => line.startsWith("Other findings"));
    expect(domainLine).toBeGreaterThan(0);
    expect(otherLine).toBeGreaterThan(domainLine);
    expect(lines[domainLine]).toContain("2 blocking");
    expect(run.stdout).toContain("How to fix icp-filing-required:");
    expect(lines.filter(Boolean).at(-1)).toMatch(/^BLOCKED: \d+ checks on \d+ resources, 2 mandatory, 2 advisory/);
  });

  it("text: colour on a terminal only, and never with NO_COLOR", () => {
    expect(wantsColour({ isTTY: true }, {})).toBe(true);
    expect(wantsColour({ isTTY: true }, { NO_COLOR: "1" })).toBe(false);
    expect(wantsColour({ isTTY: false }, {})).toBe(false);
    expect(wantsColour({}, {})).toBe(false);
    const report: CheckReport = {
      tool: { name: "icpguard", version: "0" },
      input: { name: "x", format: "export", dryRun: true, resources: 1 },
      verdictsFrom: "icpguard",
      policies: [],
      checked: [],
      items: [{ policy: "p", level: "mandatory", urn: "u", resourceName: "n", resourceType: "t", message: "m", waived: false, domain: "example.com" }],
      waivedCount: 0,
      failOn: "mandatory",
      showWaived: false,
    };
    expect(textReport(report, { colour: true })).toMatch(/\u001b\[31m/);
    expect(textReport(report, { colour: false })).not.toMatch(/\u001b\[/);
  });

  it("writes several reports in one run, and one with --output; prints only the outcome then", () => {
    const sarifFile = path.join(work, "out", "icpguard.sarif");
    const mdFile = path.join(work, "out", "comment.md");
    const run = icpguardCheck([PREVIEW, "--config", ICP, "--format", `sarif=${sarifFile},markdown=${mdFile}`]);
    expect(run.status).toBe(1);
    expect(JSON.parse(readFileSync(sarifFile, "utf8")).version).toBe("2.1.0");
    expect(readFileSync(mdFile, "utf8")).toContain("icpguard: 2 blocking findings");
    expect(run.stdout.trim().split("\n")).toHaveLength(1);
    expect(run.stdout).toMatch(/^BLOCKED: .*; wrote .*icpguard\.sarif, .*comment\.md/);

    const jsonFile = path.join(work, "out", "report.json");
    const single = icpguardCheck([PREVIEW, "--config", ICP, "--format", "json", "--output", jsonFile]);
    expect(single.status).toBe(1);
    expect(JSON.parse(readFileSync(jsonFile, "utf8")).schemaVersion).toBe(1);

    const textAndJson = icpguardCheck([PREVIEW, "--config", ICP, "--format", "text", "--format", `json=${jsonFile}`]);
    expect(textAndJson.stdout).toContain("How to fix icp-filing-required");
  });

  it("documents the reports, the way to write several, and the exit codes in --help", () => {
    const help = spawnSync(process.execPath, [CLI, "check", "--help"], { encoding: "utf8" }).stdout;
    expect(help).toContain("--format <name[=file]>");
    expect(help).toContain("--format sarif=icpguard.sarif,markdown=comment.md");
    expect(help).toContain("Exit codes: 0 nothing blocking, 1 blocking findings");
    for (const option of ["--config", "--records", "--output", "--fail-on", "--show-waived", "--no-dry-run"]) expect(help).toContain(option);
  });
});

describe("examples/ci", () => {
  /** The `icpguard check` arguments of every command line in a CI file. */
  function checkCommands(file: string): string[][] {
    const text = JSON.stringify(parseYaml(readFileSync(path.join(REPO, "examples", "ci", file), "utf8")));
    const commands = [...text.matchAll(/main\.js\\?" check ([^"\\]+)/g)].map((match) => match[1].trim().split(/\s+/));
    expect(commands.length, file).toBeGreaterThan(0);
    return commands;
  }

  it.for(["github-actions.yml", "gitlab-ci.yml"])("%s runs icpguard check on the streaming events with options that exist", (file) => {
    for (const args of checkCommands(file)) {
      const dir = mkdtempSync(path.join(work, "ci-"));
      writeFileSync(path.join(dir, "preview-events.jsonl"), readFileSync(PACK_EVENTS));
      writeFileSync(path.join(dir, "icp.json"), readFileSync(ICP));
      const run = icpguardCheck(args, { cwd: dir });
      expect(run.status, run.stderr).toBe(1);
      expect(run.stdout).toContain("BLOCKED");
      for (const spec of args.filter((arg) => arg.includes("="))) {
        for (const [, target] of spec.split(",").map((part) => part.split("="))) {
          expect(readFileSync(path.join(dir, target), "utf8").length, target).toBeGreaterThan(0);
        }
      }
    }
  });
});

describe("a 10,000-resource stack export", () => {
  const RESOURCES = 10_000;
  let file: string;

  beforeAll(() => {
    // CDN domains, buckets and bucket domains with the bulky outputs a real stack carries.
    const prefix = "urn:pulumi:prod::big::";
    const provider = `${prefix}pulumi:providers:alicloud::default_3_108_0`;
    const parts = [
      JSON.stringify({ urn: `${prefix}pulumi:pulumi:Stack::big-prod`, custom: false, type: "pulumi:pulumi:Stack" }, null, 4),
      JSON.stringify({ urn: provider, custom: true, id: "p1", type: "pulumi:providers:alicloud", inputs: { region: "cn-hangzhou", version: "3.108.0" } }, null, 4),
    ];
    for (let i = 0; i < RESOURCES; i++) {
      const kind = i % 3;
      const type = kind === 0 ? CDN : kind === 1 ? "alicloud:oss/bucket:Bucket" : CNAME;
      const inputs =
        kind === 0
          ? { domainName: `www${i}.site${i % 50}.com`, scope: i % 2 ? "domestic" : "overseas", cdnType: "web" }
          : kind === 1
            ? { bucket: `bucket-${i}`, acl: "private" }
            : { bucket: `bucket-${i - 1}`, domain: `static${i}.site${i % 50}.com` };
      const outputs = {
        ...inputs,
        tags: Object.fromEntries(Array.from({ length: 20 }, (_, t) => [`tag${t}`, `value-${i}-${t}`])),
        history: Array.from({ length: 15 }, (_, h) => ({ at: `2026-01-1${h % 10}T00:00:00Z`, change: `update ${h} of resource ${i} \\"quoted\\"` })),
      };
      parts.push(JSON.stringify({ urn: `${prefix}${type}::r${i}`, custom: true, id: `id-${i}`, type, inputs, outputs, provider: `${provider}::p1` }, null, 4));
    }
    file = temp("export-10k.json", `{\n    "version": 3,\n    "deployment": {\n        "resources": [\n${parts.join(",\n")}\n        ]\n    }\n}\n`);
  });

  it("is read piece by piece with bounded memory, without progress when stderr is not a terminal", () => {
    const size = readFileSync(file).length;
    const out = path.join(work, "big.json");
    // A wrapper reports the CLI's peak resident memory (maxRSS, in KiB).
    const wrapper = `require(${JSON.stringify(CLI)}).main(["node", "icpguard", "check", ${JSON.stringify(file)}, "--format", "json", "--output", ${JSON.stringify(out)}])
      .then((code) => process.stderr.write("\\n" + JSON.stringify({ code, maxRssKiB: process.resourceUsage().maxRSS })));`;
    const started = Date.now();
    const run = spawnSync(process.execPath, ["-e", wrapper], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    const seconds = (Date.now() - started) / 1000;
    const figures = JSON.parse(run.stderr.trim().split("\n").at(-1)!) as { code: number; maxRssKiB: number };
    const peakMiB = figures.maxRssKiB / 1024;
    console.log(`10k-resource export (${(size / 1e6).toFixed(1)} MB): ${seconds.toFixed(1)} s, peak RSS ${peakMiB.toFixed(0)} MiB`);

    expect(figures.code).toBe(1);
    expect(run.stderr).not.toContain("reading");
    const report = JSON.parse(readFileSync(out, "utf8")) as JsonReport;
    expect(report.input.resources).toBe(RESOURCES + 1);
    expect(report.summary.resourcesChecked).toBe(RESOURCES);
    // Unfiled mainland domains: CDN domains with domestic scope, and every bucket domain.
    const cdnDomestic = Array.from({ length: RESOURCES }, (_, i) => i).filter((i) => i % 3 === 0 && i % 2 === 1).length;
    const bucketDomains = Array.from({ length: RESOURCES }, (_, i) => i).filter((i) => i % 3 === 2).length;
    expect(report.summary.mandatory).toBe(cdnDomestic + bucketDomains);
    // Outputs are passed over, not parsed and kept: memory stays well under what the file holds.
    expect(peakMiB).toBeLessThan(400);
  }, 120_000);

  // `script` runs the command on a pseudo-terminal, as a person at a terminal would.
  const hasScript = spawnSync("script", ["--version"], { encoding: "utf8" }).status === 0;

  it.skipIf(!hasScript)("shows progress, and colour, only on a terminal (and no colour with NO_COLOR)", () => {
    const onTerminal = (env: NodeJS.ProcessEnv) =>
      spawnSync("script", ["-qec", `${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} check ${JSON.stringify(file)}`, "/dev/null"], {
        encoding: "utf8",
        env: { ...process.env, ...env },
        maxBuffer: 256 * 1024 * 1024,
      }).stdout;
    const coloured = onTerminal({});
    expect(coloured).toMatch(/\rreading .*export-10k\.json: \d+%, \d+ resources/);
    expect(coloured).toContain("\u001b[31m");
    const plain = onTerminal({ NO_COLOR: "1" });
    expect(plain).toContain("reading");
    expect(plain).not.toContain("\u001b[31m");
  }, 120_000);

  it("is read within a heap too small to hold the whole parsed export", () => {
    const heap = "--max-old-space-size=64";
    const wholeParse = spawnSync(process.execPath, [heap, "-e", `JSON.parse(require("fs").readFileSync(${JSON.stringify(file)}, "utf8"))`], { encoding: "utf8" });
    expect(wholeParse.status, "the whole export must not fit this heap, or the test proves nothing").not.toBe(0);
    const run = spawnSync(process.execPath, [heap, CLI, "check", file, "--format", "json", "--output", path.join(work, "small-heap.json")], {
      encoding: "utf8",
    });
    expect(run.status, run.stderr).toBe(1);
  }, 120_000);
});
