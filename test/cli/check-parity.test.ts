// `icpguard check` gives the pack's verdicts. The same resources go to the real pack over the
// engine protocol and, written as the Pulumi JSON a user would have, to the compiled CLI; the
// (policy, level, URN, message) sets must be identical. Needs `npm run build` (the test script does it).

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadExamples, type Example, type RunMode } from "../../demo/examples";
import { runExample } from "../../demo/run-example";
import {
  DEFAULT_PROJECT,
  DEFAULT_STACK,
  type Diagnostic,
  type EngineResource,
  UNKNOWN_STRING,
  makeUrn,
  startPackLikeEngine,
} from "../../harness";
import { captureProgram } from "../../harness/mock-capture";
import { toEngineRequests } from "../../harness/program-requests";
import { CATALOGUE_CASES, FIXTURE_CONFIG, type CaseResource, type CatalogueCase } from "../fixtures/catalogue-cases";
import { icpguardCheck, REPO } from "../fixtures/pulumi-output/cli";
import { previewJson, stackExport } from "../fixtures/pulumi-output/from-engine";

const SCOPE = { stack: DEFAULT_STACK, project: DEFAULT_PROJECT };
const work = mkdtempSync(path.join(tmpdir(), "icpguard-parity-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

type VerdictKey = string;

function key(policy: string, level: string, urn: string, message: string): VerdictKey {
  return JSON.stringify([policy, level, urn, message]);
}

function packKeys(diagnostics: readonly Diagnostic[]): VerdictKey[] {
  return diagnostics.map((d) => key(d.policyName, d.enforcementLevel, d.urn, d.message)).sort();
}

let fileCount = 0;
function writeJson(value: unknown): string {
  const file = path.join(work, `input-${++fileCount}.json`);
  writeFileSync(file, JSON.stringify(value, null, 2));
  return file;
}

/** The CLI's verdicts on a Pulumi JSON output, as keys. */
function cliKeys(document: object, config: unknown, extraArgs: string[] = []): VerdictKey[] {
  const args = [writeJson(document), "--format", "json", ...extraArgs];
  if (config !== undefined) args.push("--config", writeJson(config));
  const run = icpguardCheck(args);
  if (run.status !== 0 && run.status !== 1) throw new Error(`icpguard check exited ${run.status}: ${run.stderr}`);
  const report = JSON.parse(run.stdout) as { verdicts: { policy: string; enforcementLevel: string; urn: string; message: string }[] };
  return report.verdicts.map((v) => key(v.policy, v.enforcementLevel, v.urn, v.message)).sort();
}

// ---- The catalogue cases, all in one stack with unique URNs (both sides see the same stack).

function deepReplace(value: unknown, from: string, to: string): unknown {
  if (value === from) return to;
  if (Array.isArray(value)) return value.map((item) => deepReplace(item, from, to));
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, deepReplace(v, from, to)]));
  }
  return value;
}

/** The case's resource and its stack resources as engine resources, names made unique by `tag`. */
function engineResources(resource: CaseResource, stack: readonly CaseResource[], tag: string): EngineResource[] {
  const urnOf = (r: CaseResource) => makeUrn(SCOPE.stack, SCOPE.project, r.type, r === resource ? r.name : `${r.name}-${tag}`);
  const byName = new Map(stack.map((r) => [r.name, r]));
  return [...stack, resource].map((r) => {
    const propertyDependencies: Record<string, string[]> = {};
    for (const [property, names] of Object.entries(r.dependsOn ?? {})) {
      propertyDependencies[property] = names.map((name) => {
        const target = byName.get(name);
        if (!target) throw new Error(`${r.name} depends on ${name}, which is not in its stack`);
        return urnOf(target);
      });
    }
    return {
      type: r.type,
      name: r === resource ? r.name : `${r.name}-${tag}`,
      urn: urnOf(r),
      properties: r.properties,
      provider: r.provider
        ? { type: `pulumi:providers:${r.provider.pkg}`, name: `${r.provider.name}-${tag}`, properties: r.provider.properties }
        : undefined,
      dependencies: [...new Set(Object.values(propertyDependencies).flat())],
      propertyDependencies,
    };
  });
}

function unknownHostnameVariant(testCase: CatalogueCase): CaseResource | undefined {
  const hostname = [...testCase.expected, ...testCase.expectedStack].find((f) => f.hostname)?.hostname;
  if (!hostname) return undefined;
  return { ...testCase.resource, name: "unknown-host", properties: deepReplace(testCase.resource.properties, hostname, UNKNOWN_STRING) as Record<string, unknown> };
}

const CASE_RESOURCES: EngineResource[] = CATALOGUE_CASES.flatMap((testCase, index) => {
  const resources = engineResources(testCase.resource, testCase.stack, `c${index}`);
  const unknown = testCase.resource.name === "blocked" ? unknownHostnameVariant(testCase) : undefined;
  return unknown ? [...resources, ...engineResources(unknown, testCase.stack, `u${index}`)] : resources;
});

async function packVerdicts(resources: readonly EngineResource[], policyConfig: unknown, dryRun: boolean): Promise<VerdictKey[]> {
  const { session } = await startPackLikeEngine(REPO, { policyConfig, dryRun });
  try {
    const diagnostics: Diagnostic[] = [];
    for (const resource of resources) diagnostics.push(...(await session.analyze(resource)));
    diagnostics.push(...(await session.analyzeStack([...resources])));
    return packKeys(diagnostics);
  } finally {
    await session.close();
  }
}

const waivedHostname = CATALOGUE_CASES[0].expected.find((f) => f.hostname)?.hostname ?? "www.unfiled-cdn.com";
const LEVELS_AND_WAIVERS = {
  all: "mandatory",
  "icp-filing-required": {
    enforcementLevel: "advisory",
    language: "zh",
    filings: FIXTURE_CONFIG["icp-filing-required"].filings,
    waivers: [
      { domain: waivedHostname, reason: "moving to Hong Kong", expires: "2099-12-31" },
      { resource: "passed", reason: "expired long ago", expires: "2020-01-31" },
    ],
  },
};

describe("icpguard check gives the pack's verdicts on every catalogue case", () => {
  it("has cases to compare", () => {
    expect(CATALOGUE_CASES.length).toBeGreaterThan(20);
    expect(CASE_RESOURCES.length).toBeGreaterThan(CATALOGUE_CASES.length);
  });

  it.for([
    ["the fixture filings", FIXTURE_CONFIG],
    ["no config at all", undefined],
    ["levels, a waiver, an expired waiver and Chinese messages", LEVELS_AND_WAIVERS],
  ] as const)("preview with %s: pack = check on a stack export and on preview --json", async ([, config]) => {
    const pack = await packVerdicts(CASE_RESOURCES, config, true);
    expect(pack.length).toBeGreaterThan(0);
    expect(cliKeys(stackExport(CASE_RESOURCES, SCOPE), config)).toEqual(pack);
    expect(cliKeys(previewJson(CASE_RESOURCES, SCOPE), config)).toEqual(pack);
  });

  it("update (unknown values block): pack = check --no-dry-run on a stack export", async () => {
    const pack = await packVerdicts(CASE_RESOURCES, FIXTURE_CONFIG, false);
    expect(pack.some((k) => k.includes("unknown-host"))).toBe(true);
    expect(cliKeys(stackExport(CASE_RESOURCES, SCOPE), FIXTURE_CONFIG, ["--no-dry-run"])).toEqual(pack);
  });
});

describe("icpguard check gives the pack's verdicts on the examples", () => {
  const examples = loadExamples(REPO);
  const runs = examples.flatMap((example) => example.runs.map((run): [string, Example, RunMode] => [`${example.name} (${run.mode})`, example, run.mode]));

  it("has examples to compare", () => {
    expect(runs.length).toBeGreaterThan(0);
  });

  it.for(runs)("%s with its icp.json", async ([, example, mode]) => {
    const preview = mode === "preview";
    const result = await runExample(example, mode, REPO);
    const pack = packKeys(result.resources.flatMap((resource) => resource.diagnostics));

    const { project, stack, stackConfig, cloudOutputsModule } = example;
    const captured = await captureProgram(example.programModule, { project, stack, stackConfig, preview, cloudOutputsModule });
    const { resources } = toEngineRequests(captured, { project, stack, stackConfig });
    const scope = { project, stack };
    const document = preview ? previewJson(resources, scope, stackConfig) : stackExport(resources, scope);
    expect(cliKeys(document, example.policyConfig, preview ? [] : ["--no-dry-run"])).toEqual(pack);
  });
});
