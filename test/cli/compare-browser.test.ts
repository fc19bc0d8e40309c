// The HTML page of `icpguard compare` in a real browser: headless Chromium from the OS packages
// opens it from a file:// URL with every network request refused, and the page must show both
// layouts' columns, the timeline's bars and the totals. A screenshot goes to
// test-output/compare.png. Skipped, saying so, where /usr/bin/chromium is not installed.

import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadExample } from "../../demo/examples";
import { captureProgram } from "../../harness/mock-capture";
import { toEngineRequests } from "../../harness/program-requests";
import { previewJson } from "../fixtures/pulumi-output/from-engine";
import { CLI, REPO } from "../fixtures/pulumi-output/cli";

const CHROMIUM = "/usr/bin/chromium";
const HAS_CHROMIUM = existsSync(CHROMIUM);
const OUTPUT_DIR = path.join(REPO, "test-output");
const EXAMPLE_DIR = path.join(REPO, "examples", "mainland-vs-hongkong");

if (!HAS_CHROMIUM) {
  process.stderr.write(`compare-browser.test.ts: SKIPPED: ${CHROMIUM} is not installed (apt-get install -y chromium); the HTML page was not checked in a browser\n`);
}

describe.skipIf(!HAS_CHROMIUM)(`icpguard compare --format html in headless Chromium (${CHROMIUM})`, () => {
  const work = mkdtempSync(path.join(tmpdir(), "icpguard-browser-"));
  let context: BrowserContext;

  /** Writes the comparison page of both layouts of the example and returns its path. */
  function comparePage(name: string, extraArgs: string[]): string {
    const file = path.join(OUTPUT_DIR, `${name}.html`);
    const run = spawnSync(process.execPath, [CLI, "compare", ...extraArgs, "--format", "html", "--output", file, "--today", "2026-11-23"], {
      cwd: REPO,
      encoding: "utf8",
    });
    if (run.status !== 0) throw new Error(`icpguard compare exited ${run.status}: ${run.stderr}`);
    return file;
  }

  let english: string;
  let chinese: string;

  beforeAll(async () => {
    mkdirSync(OUTPUT_DIR, { recursive: true });
    const example = loadExample(EXAMPLE_DIR, REPO);
    const inputs = await Promise.all(
      ["mainland", "hongkong"].map(async (layout) => {
        const stackConfig = { ...example.stackConfig, "mainland-vs-hongkong:layout": layout };
        const captured = await captureProgram(example.programModule, { project: example.project, stack: example.stack, stackConfig, cwd: EXAMPLE_DIR });
        const { resources } = toEngineRequests(captured, { project: example.project, stack: example.stack, stackConfig });
        const file = path.join(work, `${layout}.json`);
        writeFileSync(file, JSON.stringify(previewJson(resources, { project: example.project, stack: example.stack }, stackConfig)));
        return file;
      }),
    );
    const records = path.join(EXAMPLE_DIR, "icp-records.yaml");
    const labels = (a: string, b: string) => ["--label-a", a, "--label-b", b];
    english = comparePage("compare", [...inputs, "--records", records, ...labels("Mainland (Shanghai)", "Hong Kong")]);
    chinese = comparePage("compare-zh", [...inputs, "--records", records, "--language", "zh", ...labels("中国大陆（上海）", "香港")]);

    context = await chromium.launchPersistentContext(path.join(work, "profile"), {
      executablePath: CHROMIUM,
      headless: true,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
      viewport: { width: 1200, height: 900 },
    });
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    rmSync(work, { recursive: true, force: true });
  });

  /** Opens a page with the network refused; returns what it tried to fetch beyond the file itself. */
  async function open(file: string) {
    const url = pathToFileURL(file).href;
    const attempted: string[] = [];
    const page = await context.newPage();
    page.on("request", (request) => {
      if (request.url() !== url) attempted.push(request.url());
    });
    await page.route("**/*", (route) => (route.request().url() === url ? route.continue() : route.abort("blockedbyclient")));
    await page.goto(url, { waitUntil: "load" });
    return { page, attempted };
  }

  it("shows both layouts, the timeline's bars and the totals, with no network request", async () => {
    const { page, attempted } = await open(english);
    try {
      expect(await page.title()).toBe("Mainland or Hong Kong: side by side: Mainland (Shanghai) / Hong Kong");
      const columns = await page.locator("table.compare thead th.layout").evaluateAll((cells) => cells.map((cell) => cell.firstChild?.textContent));
      expect(columns).toEqual(["Mainland (Shanghai)", "Hong Kong"]);

      // Each row has a cell per layout; the total row says each layout's lead time.
      const totals = await page.locator("table.compare td[data-step=total]").allTextContents();
      expect(totals).toEqual(["44–69 business days", "0 (nothing to file)"]);
      expect(await page.locator("[data-total='0']").textContent()).toBe("44–69 business days");
      expect(await page.locator("[data-total='1']").textContent()).toBe("0 (nothing to file)");

      // The mainland layout has a bar per step; Hong Kong has only its total, at 0.
      const steps = (layout: number) => page.locator(`svg.timeline g.bar[data-layout='${layout}']`).evaluateAll((bars) => bars.map((bar) => bar.getAttribute("data-step")));
      expect(await steps(0)).toEqual(["provider-review", "miit-sms", "authority-review", "commercial-licence", "total", "public-security"]);
      expect(await steps(1)).toEqual(["total"]);
      // Bars are drawn: the licence window is wider than the provider review's, both visible.
      const width = (step: string) => page.locator(`svg.timeline g.bar[data-layout='0'][data-step='${step}'] rect`).first().evaluate((rect) => (rect as unknown as { getBBox(): { width: number } }).getBBox().width);
      const [review, licence] = [await width("provider-review"), await width("commercial-licence")];
      expect(review).toBeGreaterThan(0);
      expect(licence).toBeGreaterThan(review * 5);
      const svgBox = await page.locator("svg.timeline").boundingBox();
      expect(svgBox?.width).toBeGreaterThan(600);

      expect(await page.locator("table.compare").textContent()).toContain("must not be reachable");
      await page.screenshot({ path: path.join(OUTPUT_DIR, "compare.png"), fullPage: true });
    } finally {
      await page.close();
    }
    expect(attempted).toEqual([]);
  });

  it("renders the Chinese page the same way", async () => {
    const { page, attempted } = await open(chinese);
    try {
      expect(await page.locator("html").getAttribute("lang")).toBe("zh-CN");
      expect(await page.locator("table.compare td[data-step=total]").allTextContents()).toEqual(["44–69 个工作日", "0（无需备案）"]);
      expect(await page.locator("svg.timeline text.step").allTextContents()).toContain("管局审核");
      await page.screenshot({ path: path.join(OUTPUT_DIR, "compare-zh.png"), fullPage: true });
    } finally {
      await page.close();
    }
    expect(attempted).toEqual([]);
  });
});
