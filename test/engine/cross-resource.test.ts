// icp-filing-required-stack through the engine protocol: the compiled pack (npm run build) is
// launched like the Pulumi CLI does and sent AnalyzeStack requests with the engine's property
// dependencies, at preview and at update.

import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DEFAULT_PROJECT,
  DEFAULT_STACK,
  type Diagnostic,
  type EngineResource,
  makeUrn,
  type PackSession,
  secret,
  startPackLikeEngine,
  unknown,
} from "../../harness";
import { CATALOGUE_CASES, FIXTURE_CONFIG, type CaseResource, type ExpectedFinding } from "../fixtures/catalogue-cases";
import { engineResourceOf } from "./engine-helpers";

const REPO = path.resolve(__dirname, "../..");
const STACK_POLICY = "icp-filing-required-stack";
const RESOURCE_POLICY = "icp-filing-required";

const urnOf = (resource: { type: string; name: string }) => makeUrn(DEFAULT_STACK, DEFAULT_PROJECT, resource.type, resource.name);

/** Case resources as the engine sends them in AnalyzeStack: property dependencies as URNs. */
function engineStack(resources: readonly CaseResource[]): EngineResource[] {
  const byName = new Map(resources.map((resource) => [resource.name, resource]));
  return resources.map((resource) => {
    const propertyDependencies: Record<string, string[]> = {};
    for (const [property, names] of Object.entries(resource.dependsOn ?? {})) {
      propertyDependencies[property] = names.map((name) => urnOf(byName.get(name)!));
    }
    return { ...engineResourceOf(resource), dependencies: Object.values(propertyDependencies).flat(), propertyDependencies };
  });
}

const levels = (expected: ExpectedFinding[]) => expected.map((e) => (e.level === "blocking" ? "mandatory" : "advisory"));
const ofPolicy = (diagnostics: Diagnostic[], policy: string) => diagnostics.filter((d) => d.policyName === policy);
const verdicts = (diagnostics: Diagnostic[]) => ofPolicy(diagnostics, STACK_POLICY).map((d) => ({ level: d.enforcementLevel, urn: d.urn }));

const ecs = (name: string, region: string, publicIp: unknown): CaseResource => ({
  type: "alicloud:ecs/instance:Instance",
  name,
  properties: { instanceType: "ecs.g7.large", publicIp },
  provider: { pkg: "alicloud", name: `ali-${region}`, properties: { region, version: "3.108.0" } },
});
const record = (value: unknown, dependsOn?: string): CaseResource => ({
  type: "alicloud:dns/alidnsRecord:AlidnsRecord",
  name: "www",
  properties: { domainName: "shop.cn", rr: "www", type: "A", value },
  ...(dependsOn ? { dependsOn: { value: [dependsOn] } } : {}),
});
const zone = (area: unknown): CaseResource => ({ type: "tencentcloud:Teo/zone:Zone", name: "zone", properties: { zoneName: "shop.cn", area, type: "partial", planId: "edgeone-1" } });
const accel = (zoneId: unknown, inStack: boolean): CaseResource => ({
  type: "tencentcloud:Teo/accelerationDomain:AccelerationDomain",
  name: "accel",
  properties: { zoneId, domainName: "cdn.shop.cn", originInfo: { originType: "IP_DOMAIN", origin: "origin.example.net" } },
  ...(inStack ? { dependsOn: { zoneId: ["zone"] } } : {}),
});

describe("icp-filing-required-stack at preview", () => {
  let session: PackSession;
  beforeAll(async () => {
    ({ session } = await startPackLikeEngine(REPO, { policyConfig: FIXTURE_CONFIG }));
  });
  afterAll(() => session?.close());

  it("is a mandatory stack policy with the same config schema as icp-filing-required", async () => {
    const info = await session.getAnalyzerInfo();
    const stack = info.policies.find((policy) => policy.name === STACK_POLICY);
    const resource = info.policies.find((policy) => policy.name === RESOURCE_POLICY);
    expect(stack).toMatchObject({ enforcementLevel: "mandatory", policyType: "stack", severity: "critical" });
    expect(stack?.configSchema).toEqual(resource?.configSchema);
  });

  it("blocks a DNS record whose value comes from a mainland ECS instance, and passes one in Hong Kong", async () => {
    const blocked = await session.analyzeStack(engineStack([ecs("web", "cn-hangzhou", unknown()), record(unknown(), "web")]));
    expect(verdicts(blocked)).toEqual([{ level: "mandatory", urn: urnOf(record("")) }]);
    expect(ofPolicy(blocked, STACK_POLICY)[0].message).toContain("its value comes from web (alicloud:ecs/instance:Instance) in this stack");
    expect(verdicts(await session.analyzeStack(engineStack([ecs("web", "cn-hongkong", unknown()), record(unknown(), "web")])))).toEqual([]);
  });

  it("checks a secret record name in the stack policy and never prints it", async () => {
    const hidden: CaseResource = { ...record(unknown(), "web"), properties: { domainName: "shop.cn", rr: secret("hiddenlabel"), type: "A", value: unknown() } };
    const diagnostics = ofPolicy(await session.analyzeStack(engineStack([ecs("web", "cn-hangzhou", unknown()), hidden])), STACK_POLICY);
    expect(diagnostics.map((d) => d.enforcementLevel)).toEqual(["mandatory"]);
    expect(diagnostics[0].message).toContain("[secret]");
    expect(diagnostics[0].message).not.toContain("hiddenlabel");
  });

  it("matches a record's literal value against an address output of the stack", async () => {
    const diagnostics = await session.analyzeStack(engineStack([ecs("web", "cn-shanghai", "47.100.1.1"), record("47.100.1.1")]));
    expect(verdicts(diagnostics)).toEqual([{ level: "mandatory", urn: urnOf(record("")) }]);
    expect(verdicts(await session.analyzeStack(engineStack([ecs("web", "cn-shanghai", "47.100.1.1"), record("8.8.4.4")])))).toEqual([]);
  });

  it("advises on an EdgeOne domain alone, then blocks or passes it on its zone's area", async () => {
    const alone = await session.analyze(engineStack([accel("zone-1", false)])[0]);
    expect(ofPolicy(alone, RESOURCE_POLICY).map((d) => d.enforcementLevel)).toEqual(["advisory"]);
    expect(ofPolicy(alone, RESOURCE_POLICY)[0].message).toContain(STACK_POLICY);
    expect(verdicts(await session.analyzeStack(engineStack([zone("global"), accel(unknown(), true)])))).toEqual([
      { level: "mandatory", urn: urnOf(accel("", false)) },
    ]);
    expect(verdicts(await session.analyzeStack(engineStack([zone("overseas"), accel(unknown(), true)])))).toEqual([]);
  });

  it("reads a zone that is not in the stack as mainland, and waits while both its ID and the link are unknown", async () => {
    const missing = await session.analyzeStack(engineStack([accel("zone-2ab3c", false)]));
    expect(verdicts(missing)).toEqual([{ level: "mandatory", urn: urnOf(accel("", false)) }]);
    expect(ofPolicy(missing, STACK_POLICY)[0].message).toContain("which is not in this stack");
    expect(verdicts(await session.analyzeStack(engineStack([accel(unknown(), false)])))).toEqual([{ level: "advisory", urn: urnOf(accel("", false)) }]);
    expect(verdicts(await session.analyzeStack(engineStack([zone(unknown()), accel(unknown(), true)])))).toEqual([
      { level: "advisory", urn: urnOf(accel("", false)) },
    ]);
  });

  it("decides every cross-resource catalogue fixture exactly as the rules do, on both sides", async () => {
    const cases = CATALOGUE_CASES.filter((testCase) => testCase.stack.length > 0);
    expect(cases.length).toBeGreaterThanOrEqual(34);
    for (const testCase of cases) {
      const resources = engineStack([testCase.resource, ...testCase.stack]);
      const alone = ofPolicy(await session.analyze(resources[0]), RESOURCE_POLICY);
      expect(alone.map((d) => d.enforcementLevel), testCase.title).toEqual(levels(testCase.expected));
      const stack = ofPolicy(await session.analyzeStack(resources), STACK_POLICY);
      expect(stack.map((d) => d.enforcementLevel), testCase.title).toEqual(levels(testCase.expectedStack));
      for (const [i, e] of testCase.expectedStack.entries()) {
        expect(stack[i].urn, testCase.title).toBe(urnOf(testCase.resource));
        if (e.hostname) expect(stack[i].message, testCase.title).toContain(e.hostname);
      }
    }
  });
});

describe("icp-filing-required-stack at update", () => {
  let session: PackSession;
  beforeAll(async () => {
    ({ session } = await startPackLikeEngine(REPO, { policyConfig: FIXTURE_CONFIG, dryRun: false }));
  });
  afterAll(() => session?.close());

  it("blocks a domain whose zone coverage is still unknown, and a zone ID no stack resource has", async () => {
    expect(verdicts(await session.analyzeStack(engineStack([zone(unknown()), accel("zone-1", true)])))).toEqual([
      { level: "mandatory", urn: urnOf(accel("", false)) },
    ]);
    expect(verdicts(await session.analyzeStack(engineStack([accel("zone-2ab3c", false)])))).toEqual([{ level: "mandatory", urn: urnOf(accel("", false)) }]);
  });

  it("still passes a filed domain and an overseas zone", async () => {
    const filed = { ...accel("zone-1", true), properties: { ...accel("zone-1", true).properties, domainName: "cdn.filed-example.com" } };
    expect(verdicts(await session.analyzeStack(engineStack([zone("mainland"), filed])))).toEqual([]);
    expect(verdicts(await session.analyzeStack(engineStack([zone("overseas"), accel("zone-1", true)])))).toEqual([]);
  });
});
