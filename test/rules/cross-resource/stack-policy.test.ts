import { describe, expect, it } from "vitest";
import { stackFilingRequiredDefinition } from "../../../rules/cross-resource/stack-policy";
import type { Finding } from "../../../rules/findings";
import { renderFinding } from "../../../rules/messages";
import { UNKNOWN_SENTINELS } from "../../../rules/view";
import type { CaseResource } from "../../fixtures/catalogue-cases";
import { runRule, summarise, TODAY } from "../rule-helpers";
import { runStackPolicy } from "./stack-helpers";

const UNKNOWN_STRING = Object.keys(UNKNOWN_SENTINELS).find((key) => UNKNOWN_SENTINELS[key] === "string")!;
const secret = (value: unknown) => ({ "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value });
const filed = (domain: string) => ({ filings: [{ domain, number: "京ICP备11018762号-2" }] });

const aliProvider = (region: string) => ({ pkg: "alicloud" as const, name: `ali-${region}`, properties: { region } });
const tcProvider = (region: string) => ({ pkg: "tencentcloud" as const, name: `tc-${region}`, properties: { region } });

const ecs = (name: string, region: string, publicIp: unknown = "47.100.1.1"): CaseResource => ({
  type: "alicloud:ecs/instance:Instance",
  name,
  properties: { publicIp },
  provider: aliProvider(region),
});
const alidns = (name: string, rr: string, value: unknown, extra: Record<string, unknown> = {}, dependsOn?: string[]): CaseResource => ({
  type: "alicloud:dns/alidnsRecord:AlidnsRecord",
  name,
  properties: { rr, domainName: "example.com", type: "A", value, ...extra },
  ...(dependsOn ? { dependsOn: { value: dependsOn } } : {}),
});

/** kind, level and hostname of each finding, then the resource it is on. */
const verdicts = (findings: Finding[]) => summarise(findings).map((summary, i) => ({ ...summary, on: findings.filter((f) => !f.waivedBy)[i].resource.name }));

describe("DNS records pointing at resources of the stack", () => {
  it("blocks a record whose value comes from a mainland ECS instance (engine property dependency)", () => {
    const stack = [ecs("web", "cn-hangzhou", UNKNOWN_STRING), alidns("www", "www", UNKNOWN_STRING, {}, ["web"])];
    const findings = runStackPolicy(stack);
    expect(verdicts(findings)).toEqual([{ kind: "unfiled", level: "blocking", hostname: "www.example.com", on: "www" }]);
    expect(findings[0]).toMatchObject({
      policy: "icp-filing-required-stack",
      mainland: { kind: "region", region: "cn-hangzhou", via: [{ kind: "dns-target", found: "dependency", target: { name: "web" } }] },
    });
    const en = renderFinding(findings[0], "en");
    expect(en).toContain("its value comes from web (alicloud:ecs/instance:Instance) in this stack");
    expect(en).toContain("region cn-hangzhou");
    expect(en).toContain("icp-filing-required-stack config");
    expect(renderFinding(findings[0], "zh")).toContain("取自本栈中的 web");
    // The resource policy alone has nothing to say about a record.
    expect(runRule(stack[1])).toEqual([]);
  });

  it("passes the same record when the instance is in Hong Kong, or the domain is filed", () => {
    expect(runStackPolicy([ecs("web", "cn-hongkong"), alidns("www", "www", UNKNOWN_STRING, {}, ["web"])])).toEqual([]);
    expect(runStackPolicy([ecs("web", "cn-hangzhou"), alidns("www", "www", UNKNOWN_STRING, {}, ["web"])], filed("example.com"))).toEqual([]);
  });

  it("matches a literal value against the address outputs of stack resources", () => {
    const findings = runStackPolicy([ecs("web", "cn-shanghai", "47.100.1.1"), alidns("apex", "@", "47.100.1.1")]);
    expect(verdicts(findings)).toEqual([{ kind: "unfiled", level: "blocking", hostname: "example.com", on: "apex" }]);
    expect(findings[0]).toMatchObject({ mainland: { via: [{ found: "address", output: "publicIp", value: "47.100.1.1" }] } });
    // An address no stack resource has: nothing to decide.
    expect(runStackPolicy([ecs("web", "cn-shanghai", "47.100.1.1"), alidns("apex", "@", "8.8.8.8")])).toEqual([]);
  });

  it("follows a CNAME to a CDN domain of the stack and reads its coverage", () => {
    const cdn = (scope: string): CaseResource => ({
      type: "alicloud:cdn/domainNew:DomainNew",
      name: "cdn",
      properties: { domainName: "static.example.com", scope, cname: "static.example.com.w.kunlunsl.com" },
    });
    const record = alidns("static", "static", "static.example.com.w.kunlunsl.com.", { type: "CNAME" });
    expect(verdicts(runStackPolicy([cdn("global"), record]))).toEqual([
      { kind: "unfiled", level: "blocking", hostname: "static.example.com", on: "static" },
    ]);
    expect(runStackPolicy([cdn("overseas"), record])).toEqual([]);
  });

  it("reads an OSS bucket host composed from the bucket name and its endpoint output", () => {
    const bucket: CaseResource = {
      type: "alicloud:oss/bucket:Bucket",
      name: "assets",
      properties: { bucket: "assets", extranetEndpoint: "oss-cn-qingdao.aliyuncs.com" },
      provider: aliProvider("cn-qingdao"),
    };
    // The value names a regional endpoint: the resource policy decides it alone, the stack policy stays quiet.
    const record = alidns("img", "img", "assets.oss-cn-qingdao.aliyuncs.com", { type: "CNAME" });
    expect(summarise(runRule(record))).toEqual([{ kind: "unfiled", level: "blocking", hostname: "img.example.com" }]);
    expect(renderFinding(runRule(record)[0], "en")).toContain('its value "assets.oss-cn-qingdao.aliyuncs.com" is an endpoint of OSS bucket');
    expect(runStackPolicy([bucket, record])).toEqual([]);
    expect(runRule(alidns("img", "img", "assets.oss-cn-hongkong.aliyuncs.com", { type: "CNAME" }))).toEqual([]);
  });

  it("ignores intranet load balancers and records that serve nothing", () => {
    const slb = (addressType: string): CaseResource => ({
      type: "alicloud:slb/loadBalancer:LoadBalancer",
      name: "lb",
      properties: { address: "10.0.0.5", addressType },
      provider: aliProvider("cn-beijing"),
    });
    expect(runStackPolicy([slb("intranet"), alidns("www", "www", "10.0.0.5")])).toEqual([]);
    expect(summarise(runStackPolicy([slb("internet"), alidns("www", "www", "10.0.0.5")]))).toHaveLength(1);
    expect(runStackPolicy([ecs("web", "cn-hangzhou"), alidns("txt", "www", "47.100.1.1", { type: "TXT" })])).toEqual([]);
  });

  it("composes DNSPod, legacy Alibaba and EdgeOne names, skipping generated ones", () => {
    const cvm: CaseResource = { type: "tencentcloud:Instance/instance:Instance", name: "cvm", properties: { publicIp: "119.29.1.1" }, provider: tcProvider("ap-guangzhou") };
    const dnspod = (subDomain: unknown): CaseResource => ({
      type: "tencentcloud:Dnspod/record:Record",
      name: "rec",
      properties: { domain: "example.cn", subDomain, recordType: "A", recordLine: "默认", value: "119.29.1.1" },
    });
    const hosts = (resource: CaseResource) => summarise(runStackPolicy([cvm, resource])).map((s) => s.hostname);
    expect(hosts(dnspod(undefined))).toEqual(["example.cn"]);
    expect(hosts(dnspod("@"))).toEqual(["example.cn"]);
    expect(hosts(dnspod("*"))).toEqual(["example.cn"]);
    expect(hosts(dnspod("shop"))).toEqual(["shop.example.cn"]);
    const legacy = (name: string): CaseResource => ({ type: "alicloud:dns/record:Record", name: "old", properties: { hostRecord: "www", name, type: "A", value: "47.100.1.1" } });
    expect(summarise(runStackPolicy([ecs("web", "cn-hangzhou"), legacy("example.org")])).map((s) => s.hostname)).toEqual(["www.example.org"]);
    expect(runStackPolicy([ecs("web", "cn-hangzhou"), legacy("old-3f9a2c1")])).toEqual([]);
    const teo = (name?: string): CaseResource => ({
      type: "tencentcloud:Teo/dnsRecord:DnsRecord",
      name: "edge-rec",
      properties: { zoneId: "zone-1", type: "A", content: "119.29.1.1", ...(name ? { name } : {}) },
    });
    expect(hosts(teo("api.example.net"))).toEqual(["api.example.net"]);
    expect(hosts(teo("edge-rec-8c1d2e3"))).toEqual([]);
    expect(hosts(teo())).toEqual([]);
  });

  it("never prints a secret record value or name", () => {
    const findings = runStackPolicy([ecs("web", "cn-hangzhou", "47.100.1.1"), alidns("hidden", secret("vault") as unknown as string, secret("47.100.1.1"))]);
    expect(findings).toHaveLength(1);
    for (const language of ["en", "zh"] as const) {
      const message = renderFinding(findings[0], language);
      expect(message).not.toContain("vault");
      expect(message).not.toContain("47.100.1.1");
    }
  });
});

describe("ESA records and sites", () => {
  const site = (coverage: unknown): CaseResource => ({ type: "alicloud:esa/site:Site", name: "site", properties: { siteName: "example.com", coverage, accessType: "NS" } });
  const record = (siteId: unknown, extra: Record<string, unknown> = {}, dependsOn = true): CaseResource => ({
    type: "alicloud:esa/record:Record",
    name: "shop",
    properties: { recordName: "shop.example.com", recordType: "CNAME", proxied: true, siteId, data: { value: "origin.example.net" }, ...extra },
    ...(dependsOn ? { dependsOn: { siteId: ["site"] } } : {}),
  });

  it("takes a proxied record's coverage from its site, including comma lists", () => {
    expect(verdicts(runStackPolicy([site("domestic"), record(UNKNOWN_STRING)]))).toEqual([
      { kind: "unfiled", level: "blocking", hostname: "shop.example.com", on: "shop" },
    ]);
    expect(summarise(runStackPolicy([site("overseas,global"), record("123")]))).toHaveLength(1);
    expect(runStackPolicy([site("overseas"), record("123")])).toEqual([]);
  });

  it("reads a site that is not in the stack as mainland, saying so", () => {
    const [finding] = runStackPolicy([record("7654321", {}, false)]);
    expect(finding).toMatchObject({ kind: "unfiled", level: "blocking", hostname: "shop.example.com" });
    expect(renderFinding(finding, "en")).toContain("its coverage lives on the ESA site 7654321 named by siteId, which is not in this stack");
    expect(renderFinding(finding, "en")).toContain("manage the ESA site in this stack");
    expect(renderFinding(finding, "zh")).toContain("不在本栈中");
  });

  it("waits during preview while the site ID is unknown and nothing names the site; blocks at update", () => {
    expect(summarise(runStackPolicy([record(UNKNOWN_STRING, {}, false)]))).toEqual([{ kind: "unknown-values", level: "advisory" }]);
    expect(summarise(runStackPolicy([record("7654321", {}, false)], {}, { dryRun: false }))).toEqual([
      { kind: "unfiled", level: "blocking", hostname: "shop.example.com" },
    ]);
  });

  it("treats an unproxied record as plain DNS pointing at data.value", () => {
    const unproxied = record("123", { proxied: false, recordType: "A/AAAA", data: { value: "47.100.1.1" } });
    expect(runRule(unproxied)).toEqual([]);
    expect(runStackPolicy([site("overseas"), unproxied, ecs("origin", "cn-shanghai")]).map((f) => f.kind)).toEqual(["unfiled"]);
    expect(runStackPolicy([site("domestic"), unproxied, ecs("origin", "cn-hongkong")])).toEqual([]);
  });

  it("blocks an edge container record without siteId on its own, and the stack policy leaves it", () => {
    const app: CaseResource = { type: "alicloud:esa/edgeContainerAppRecord:EdgeContainerAppRecord", name: "app", properties: { recordName: "app.example.com", appId: "a-1" } };
    const [finding] = runRule(app);
    expect(finding).toMatchObject({ kind: "unfiled", policy: "icp-filing-required" });
    expect(renderFinding(finding, "en")).toContain("siteId is not set (siteId is optional on this resource)");
    expect(runStackPolicy([app])).toEqual([]);
  });
});

describe("EdgeOne, Global Accelerator, GAAP and Live", () => {
  const zone = (area: unknown): CaseResource => ({ type: "tencentcloud:Teo/zone:Zone", name: "zone", properties: { zoneName: "example.com", area, type: "partial", planId: "p" } });
  const accel = (dependsOn = true): CaseResource => ({
    type: "tencentcloud:Teo/accelerationDomain:AccelerationDomain",
    name: "accel",
    properties: { zoneId: UNKNOWN_STRING, domainName: "www.example.com", originInfo: { originType: "IP_DOMAIN", origin: "1.2.3.4" } },
    ...(dependsOn ? { dependsOn: { zoneId: ["zone"] } } : {}),
  });

  it("gives the resource-level advisory for an unfiled name whose coverage lives on the zone, and nothing for a filed one", () => {
    const findings = runRule(accel());
    expect(summarise(findings)).toEqual([{ kind: "coverage-elsewhere", level: "advisory" }]);
    expect(renderFinding(findings[0], "en")).toContain("The stack policy icp-filing-required-stack checks it against the EdgeOne zone");
    expect(runRule(accel(), filed("example.com"))).toEqual([]);
  });

  it("advises while the zone's area is unknown during preview, and blocks at update", () => {
    expect(summarise(runStackPolicy([zone(UNKNOWN_STRING), accel()]))).toEqual([{ kind: "unknown-values", level: "advisory" }]);
    expect(runStackPolicy([zone(UNKNOWN_STRING), accel()])[0]).toMatchObject({ paths: ["zone: area"] });
    expect(summarise(runStackPolicy([zone(UNKNOWN_STRING), accel()], {}, { dryRun: false }))).toEqual([{ kind: "unknown-values", level: "blocking" }]);
    expect(runStackPolicy([zone("overseas"), accel()])).toEqual([]);
  });

  it("takes a DNS record's location from an acceleration domain it points at, through the zone", () => {
    const target = { ...accel(), properties: { ...accel().properties, cname: "www.example.com.eo.dnse3.com" } };
    const dnspod: CaseResource = {
      type: "tencentcloud:Dnspod/record:Record",
      name: "cname",
      properties: { domain: "example.com", subDomain: "www", recordType: "CNAME", value: "www.example.com.eo.dnse3.com" },
    };
    const findings = runStackPolicy([zone("global"), target, dnspod]);
    expect(verdicts(findings)).toEqual([
      { kind: "unfiled", level: "blocking", hostname: "www.example.com", on: "accel" },
      { kind: "unfiled", level: "blocking", hostname: "www.example.com", on: "cname" },
    ]);
    expect(renderFinding(findings[1], "en")).toContain('area "global" includes mainland nodes');
  });

  const ipSet = (name: string, region: string, acceleratorId: unknown = "ga-1", dependsOn?: string): CaseResource => ({
    type: "alicloud:ga/ipSet:IpSet",
    name,
    properties: { accelerateRegionId: region, acceleratorId },
    ...(dependsOn ? { dependsOn: { acceleratorId: [dependsOn] } } : {}),
  });
  const gaRule = (acceleratorId: unknown = "ga-1", dependsOn?: string): CaseResource => ({
    type: "alicloud:ga/forwardingRule:ForwardingRule",
    name: "rule",
    properties: {
      acceleratorId,
      listenerId: "lsr-1",
      ruleConditions: [
        { ruleConditionType: "Host", ruleConditionValue: JSON.stringify(["api.example.com", "*.example.org"]) },
        { ruleConditionType: "Path", ruleConditionValue: JSON.stringify(["/v1"]) },
      ],
    },
    ...(dependsOn ? { dependsOn: { acceleratorId: [dependsOn] } } : {}),
  });
  const accelerator: CaseResource = { type: "alicloud:ga/accelerator:Accelerator", name: "acc", properties: {} };

  it("blocks GA host rules when any IP set of the accelerator accelerates in the mainland", () => {
    expect(summarise(runStackPolicy([ipSet("hk", "cn-hongkong"), ipSet("hz", "cn-hangzhou"), gaRule()])).map((s) => s.hostname)).toEqual([
      "api.example.com",
      "example.org",
    ]);
    expect(runStackPolicy([ipSet("hk", "cn-hongkong"), ipSet("sg", "ap-southeast-1"), gaRule()])).toEqual([]);
    // IP sets of another accelerator do not count; none of its own in the stack fails closed.
    expect(summarise(runStackPolicy([ipSet("hk", "cn-hongkong", "ga-2"), gaRule()])).map((s) => s.kind)).toEqual(["unfiled", "unfiled"]);
  });

  it("pairs GA resources through the accelerator they both depend on while IDs are unknown", () => {
    const stack = [accelerator, ipSet("hz", "cn-hangzhou", UNKNOWN_STRING, "acc"), gaRule(UNKNOWN_STRING, "acc")];
    expect(summarise(runStackPolicy(stack)).map((s) => s.kind)).toEqual(["unfiled", "unfiled"]);
    const outside = [accelerator, ipSet("hk", "cn-hongkong", UNKNOWN_STRING, "acc"), gaRule(UNKNOWN_STRING, "acc")];
    expect(runStackPolicy(outside)).toEqual([]);
  });

  it("reports a GA host list that is not JSON at the resource level", () => {
    const bad = gaRule();
    (bad.properties.ruleConditions as Record<string, unknown>[])[0].ruleConditionValue = "api.example.com";
    expect(summarise(runRule(bad))).toEqual([{ kind: "unusable-hostname", level: "advisory" }]);
  });

  const proxy = (accessRegion: string): CaseResource => ({ type: "tencentcloud:Gaap/proxy:Proxy", name: "proxy", properties: { accessRegion, realserverRegion: "Beijing", bandwidth: 10, concurrent: 2 } });
  const listener = (viaGroup = false): CaseResource => ({
    type: "tencentcloud:Gaap/layer7Listener:Layer7Listener",
    name: "listener",
    properties: viaGroup ? { groupId: "lpg-1", protocol: "HTTP", port: 80 } : { proxyId: "link-1", protocol: "HTTP", port: 80 },
    ...(viaGroup ? {} : { dependsOn: { proxyId: ["proxy"] } }),
  });
  const httpDomain: CaseResource = { type: "tencentcloud:Gaap/httpDomain:HttpDomain", name: "gaap", properties: { listenerId: "listener-1", domain: "api.example.com" }, dependsOn: { listenerId: ["listener"] } };

  it("reads a GAAP domain through its listener to the proxy's access region", () => {
    expect(summarise(runStackPolicy([proxy("Shanghai"), listener(), httpDomain]))).toHaveLength(1);
    expect(runStackPolicy([proxy("Hongkong"), listener(), httpDomain])).toEqual([]);
    expect(runStackPolicy([proxy("SL_AZURE_EastUS"), listener(), httpDomain])).toEqual([]);
    // An unknown city is read as mainland, with an advisory since the proxy is not catalogued.
    expect(summarise(runStackPolicy([proxy("Atlantis"), listener(), httpDomain])).map((s) => s.kind)).toEqual(["unrecognised-coverage", "unfiled"]);
  });

  it("fails closed for a listener on a proxy group, which names no proxy", () => {
    const [finding] = runStackPolicy([listener(true), httpDomain]);
    expect(finding).toMatchObject({ kind: "unfiled", level: "blocking" });
    expect(renderFinding(finding, "en")).toContain("proxyId is not set (the listener sits on a proxy group (groupId)");
  });

  it("finds the Live domain of a play certificate by name", () => {
    const css = (domainType: number, playType?: number): CaseResource => ({
      type: "tencentcloud:Css/domain:Domain",
      name: "live",
      properties: { domainName: "Play.Example.com", domainType, ...(playType ? { playType } : {}) },
    });
    const cert: CaseResource = { type: "tencentcloud:Css/playDomainCertAttachment:PlayDomainCertAttachment", name: "cert", properties: { domainInfo: { domainName: "play.example.com", status: 1 } } };
    expect(runStackPolicy([css(1, 3), cert])).toEqual([]);
    expect(summarise(runStackPolicy([css(1), cert]))).toHaveLength(1);
    expect(summarise(runStackPolicy([css(0), cert]))).toHaveLength(1);
    expect(renderFinding(runStackPolicy([cert])[0], "en")).toContain("which is not in this stack");
  });

  it("honours waivers in the stack policy, and leaves waived names out of the resource-level advisory", () => {
    const waiver = { waivers: [{ domain: "example.com", reason: "moving to HK", expires: "2027-01-31" }] };
    expect(summarise(runStackPolicy([zone("global"), accel()], waiver))).toEqual([]);
    expect(runRule(accel(), waiver)).toEqual([]);
  });
});

describe("icp-filing-required-stack config", () => {
  it("accepts the icp-filing-required schema and fails closed on a bad config", () => {
    expect(stackFilingRequiredDefinition.kind).toBe("stack");
    expect(stackFilingRequiredDefinition.metadata).toMatchObject({ name: "icp-filing-required-stack", defaultLevel: "mandatory" });
    const bad = stackFilingRequiredDefinition.prepare({ filings: [{ domain: "x.com", number: "nope" }] }, TODAY);
    expect(bad.ok).toBe(false);
    expect(bad.ok ? [] : bad.problems[0]).toMatch(/^filings\[0\]\.number/);
  });
});
