// The advisories as the Pulumi engine runs them: the compiled pack in its own process, spoken to
// over the Analyzer gRPC protocol, config reconciled the way the engine does it. One launch for
// the whole file; later tests reconfigure it as `pulumi preview` would with another config file.

import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type AnalyzerInfo,
  defaultProvider,
  type Diagnostic,
  type EngineProvider,
  type EngineResource,
  type PackSession,
  reconcilePolicyConfig,
  secret,
  startPackLikeEngine,
  unknown,
} from "../../harness";

const REPO = path.resolve(__dirname, "../..");
const APP = "icp-app-filing";
const PSB = "icp-psb-filing";
const LICENCE = "icp-commercial-licence";
const ACCESS = "icp-access-provider";
const CANCELLATION = "icp-filing-cancellation-risk";
const SECTOR = "icp-sector-pre-approval";
const ADVISORIES = [APP, PSB, LICENCE, ACCESS, CANCELLATION, SECTOR];

const FILINGS = [
  // Live since 2020 without a PSB number, commercial without a licence, filed through Alibaba Cloud.
  { domain: "shop.cn", number: "浙ICP备2021003158号-1", provider: "alicloud", liveSince: "2020-01-01", commercial: true },
  // Everything in order.
  {
    domain: "done.cn",
    number: "浙ICP备2021003158号-2",
    provider: "alicloud",
    psb: "浙公网安备33010602011771号",
    licence: "浙B2-20210315",
    commercial: true,
    sector: "none",
  },
  // A medical site without its pre-approval.
  { domain: "clinic.cn", number: "浙ICP备2021003158号-3", provider: "tencentcloud", psb: "浙公网安备33010602011802号", sector: "medical" },
];
const APPS = [
  { name: "Shop", kind: "app", platform: "android", packageName: "com.example.shop", store: "huawei-appgallery", backends: ["api.shop.cn"] },
  { name: "Shop mini", kind: "mini-program", platform: "wechat", appId: "wx8d2c6e4a1b3f5e70", number: "浙ICP备2021003158号-5X", backends: ["mp.done.cn"] },
];
const CONFIG = {
  [APP]: { apps: APPS },
  [PSB]: { filings: FILINGS },
  [LICENCE]: { filings: FILINGS, entity: { commercial: false, province: "CN-ZJ" } },
  [ACCESS]: { filings: FILINGS },
  [CANCELLATION]: { filings: FILINGS },
  [SECTOR]: { filings: FILINGS },
};

const ALI_HZ = defaultProvider("alicloud", "3.108.0", { region: "cn-hangzhou" });
const region = (pkg: "alicloud" | "tencentcloud", name: string, regionName: string): EngineProvider => ({
  type: `pulumi:providers:${pkg}`,
  name,
  properties: { region: regionName },
});
const TC_GZ = region("tencentcloud", "gz", "ap-guangzhou");
const TC_HK = region("tencentcloud", "hk", "ap-hongkong");

const cdn = (name: string, domainName: unknown, scope?: string): EngineResource => ({
  type: "alicloud:cdn/domainNew:DomainNew",
  name,
  properties: { domainName, cdnType: "web", sources: [{ content: "origin.example.com", type: "domain" }], ...(scope ? { scope } : {}) },
  provider: ALI_HZ,
});
const clbRule = (name: string, domain: unknown, provider = TC_GZ): EngineResource => ({
  type: "tencentcloud:Clb/listenerRule:ListenerRule",
  name,
  properties: { clbId: "lb-1", listenerId: "lbl-1", domain, url: "/" },
  provider,
});
const albRule = (name: string, host: string): EngineResource => ({
  type: "alicloud:alb/rule:Rule",
  name,
  properties: { listenerId: "lsn-1", ruleConditions: [{ type: "Host", hostConfig: { values: [host] } }] },
  provider: ALI_HZ,
});
const ecs = (name: string, tags: Record<string, unknown>, provider: EngineProvider = ALI_HZ): EngineResource => ({
  type: "alicloud:ecs/instance:Instance",
  name,
  properties: { instanceType: "ecs.g7.large", tags },
  provider,
});
const urnOf = (resource: EngineResource) => `urn:pulumi:dev::icpguard-test::${resource.type}::${resource.name}`;

/** policy and level of each advisory diagnostic (icp-filing-required is tested elsewhere). */
const verdicts = (diagnostics: Diagnostic[]) =>
  diagnostics.filter((d) => ADVISORIES.includes(d.policyName)).map((d) => [d.policyName, d.enforcementLevel]);

describe("the advisories as the engine runs them", () => {
  let session: PackSession;
  let info: AnalyzerInfo;
  const analyze = (resource: EngineResource) => session.analyze(resource);
  const of = (policy: string, diagnostics: Diagnostic[]) => diagnostics.filter((d) => d.policyName === policy);

  beforeAll(async () => {
    ({ session, info } = await startPackLikeEngine(REPO, { policyConfig: CONFIG }));
  });
  afterAll(() => session?.close());

  describe("metadata and config, as the engine sees them", () => {
    it("declares each advisory: advisory by default, with severity, remediation and its own config", () => {
      const expected: Record<string, { severity: string; type: string; properties: string[] }> = {
        [APP]: { severity: "high", type: "resource", properties: ["apps", "language"] },
        [PSB]: { severity: "medium", type: "resource", properties: ["filings", "language"] },
        [LICENCE]: { severity: "high", type: "resource", properties: ["entity", "filings", "language", "licences"] },
        [ACCESS]: { severity: "high", type: "resource", properties: ["filings", "language"] },
        [CANCELLATION]: { severity: "medium", type: "stack", properties: ["filings", "language"] },
        [SECTOR]: { severity: "high", type: "resource", properties: ["filings", "language"] },
      };
      for (const [name, want] of Object.entries(expected)) {
        const policy = info.policies.find((p) => p.name === name);
        expect(policy, name).toMatchObject({ enforcementLevel: "advisory", severity: want.severity, policyType: want.type });
        expect(policy!.remediationSteps!.length, name).toBeGreaterThan(80);
        expect(policy!.url, name).toContain(`#${name}`);
        expect(Object.keys(policy!.configSchema!.properties).sort(), name).toEqual(want.properties);
        expect(info.initialConfig[name], name).toBeUndefined();
      }
      expect(info.policies.find((p) => p.name === APP)!.remediationSteps).toContain("icp:app");
    });

    it("publishes only patterns Go's RE2 accepts", () => {
      const schemas = info.policies.filter((p) => ADVISORIES.includes(p.name)).map((p) => p.configSchema);
      const patterns = JSON.stringify(schemas).match(/"pattern":"(?:[^"\\]|\\.)*"/g) ?? [];
      expect(patterns.length).toBeGreaterThan(4);
      for (const pattern of patterns) expect(pattern).not.toMatch(/\(\?[=!<]|\\[1-9]|\\[pP]\{/);
    });

    it("lets the engine reject malformed records against the published schemas, naming policy and field", () => {
      const cases: [string, unknown, RegExp][] = [
        [PSB, { filings: [{ ...FILINGS[0], psb: "44030502008569" }] }, /psb/],
        [APP, { apps: [{ ...APPS[0], kind: "website" }] }, /kind/],
        [APP, { apps: [{ ...APPS[0], signingKeySha256: "not-a-fingerprint" }] }, /signingKeySha256/],
        [SECTOR, { filings: [{ ...FILINGS[2], sector: "gambling" }] }, /sector/],
        [LICENCE, { entity: { province: "Zhejiang" } }, /province/],
        [LICENCE, { licences: [{ number: "150476" }] }, /number/],
        [ACCESS, { filings: [{ ...FILINGS[0], colour: "red" }] }, /colour|additional/i],
        [CANCELLATION, { filings: [{ ...FILINGS[0], liveSince: "01/01/2020" }] }, /liveSince|date|pattern/],
      ];
      for (const [policy, properties, field] of cases) {
        const { errors } = reconcilePolicyConfig(info, { [policy]: properties });
        expect(errors.join("\n"), JSON.stringify(properties)).toContain(`icpguard ${info.version}  ${policy}:`);
        expect(errors.join("\n"), JSON.stringify(properties)).toMatch(field);
      }
      expect(reconcilePolicyConfig(info, CONFIG).errors).toEqual([]);
    });
  });

  describe("both sides of each advisory", () => {
    it("icp-app-filing: flags a mainland backend of an unfiled app, by hostname and by tag", async () => {
      const byHost = of(APP, await analyze(clbRule("api", "api.shop.cn")));
      expect(byHost.map((d) => [d.enforcementLevel, d.urn])).toEqual([["advisory", urnOf(clbRule("api", "api.shop.cn"))]]);
      expect(byHost[0].message).toContain('the mobile app "Shop"');
      expect(byHost[0].message).toContain("package name (com.example.shop), app store (huawei-appgallery)");

      const tagged = of(APP, await analyze(ecs("worker", { "icp:app": "com.example.shop", team: "web" })));
      expect(tagged.map((d) => d.enforcementLevel)).toEqual(["advisory"]);
      expect(tagged[0].message).toContain("tagged icp:app = com.example.shop");

      const undeclared = of(APP, await analyze(ecs("other", { "icp:app": "Nobody" })));
      expect(undeclared[0].message).toContain('No app named "Nobody"');
    });

    it("icp-app-filing: passes a filed mini-program's backend, backends outside the mainland, and untagged servers", async () => {
      expect(of(APP, await analyze(clbRule("mp", "mp.done.cn")))).toEqual([]);
      expect(verdicts(await analyze(clbRule("api-hk", "api.shop.cn", TC_HK)))).toEqual([]);
      expect(verdicts(await analyze(ecs("hk-worker", { "icp:app": "Shop" }, region("alicloud", "hk", "cn-hongkong"))))).toEqual([]);
      expect(verdicts(await analyze(ecs("plain", { team: "web" })))).toEqual([]);
    });

    it("icp-app-filing: an EMAS Mobile Hub app missing from the config is flagged by itself", async () => {
      const mhub: EngineResource = {
        type: "alicloud:mhub/app:App",
        name: "mobile",
        properties: { appName: "Shop iOS", productId: "p-1", type: "iOS", bundleId: "com.example.ios" },
        provider: region("alicloud", "sh", "cn-shanghai"),
      };
      const found = of(APP, await analyze(mhub));
      expect(found.map((d) => d.enforcementLevel)).toEqual(["advisory"]);
      expect(found[0].message).toContain("EMAS Mobile Hub app com.example.ios");
      expect(verdicts(await analyze({ ...mhub, properties: { ...mhub.properties, bundleId: undefined, type: "Android", packageName: "com.example.shop" } }))).toEqual([
        [APP, "advisory"],
      ]);
    });

    it("icp-psb-filing: flags a filed site without a PSB number, overdue since its go-live date", async () => {
      const found = of(PSB, await analyze(cdn("site", "www.shop.cn")));
      expect(found.map((d) => d.enforcementLevel)).toEqual(["advisory"]);
      expect(found[0].message).toContain("It was due on 2020-01-31, 30 days after the site went live on 2020-01-01, and is overdue.");
      expect(of(PSB, await analyze(cdn("done", "www.done.cn")))).toEqual([]);
      expect(of(PSB, await analyze(cdn("overseas", "www.shop.cn", "overseas")))).toEqual([]);
    });

    it("icp-commercial-licence: flags a commercial site without a licence, passes one with it", async () => {
      const found = of(LICENCE, await analyze(cdn("site", "www.shop.cn")));
      expect(found.map((d) => d.enforcementLevel)).toEqual(["advisory"]);
      expect(found[0].message).toContain("communications administration of Zhejiang");
      expect(of(LICENCE, await analyze(cdn("done", "www.done.cn")))).toEqual([]);
      expect(of(LICENCE, await analyze(cdn("clinic", "www.clinic.cn")))).toEqual([]);
    });

    it("icp-access-provider: flags serving from another provider's mainland servers, not from CDN", async () => {
      const found = of(ACCESS, await analyze(clbRule("moved", "www.shop.cn")));
      expect(found.map((d) => d.enforcementLevel)).toEqual(["advisory"]);
      expect(found[0].message).toContain("new-access filing");
      expect(of(ACCESS, await analyze(albRule("alb", "www.shop.cn")))).toEqual([]);
      expect(of(ACCESS, await analyze(cdn("cdn", "www.clinic.cn")))).toEqual([]);
      expect(of(ACCESS, await analyze(clbRule("hk", "www.shop.cn", TC_HK)))).toEqual([]);
    });

    it("icp-sector-pre-approval: flags a medical site without its approval", async () => {
      const found = of(SECTOR, await analyze(clbRule("clinic", "www.clinic.cn")));
      expect(found.map((d) => d.enforcementLevel)).toEqual(["advisory"]);
      expect(found[0].message).toContain("medical products administration");
      expect(of(SECTOR, await analyze(clbRule("done", "www.done.cn")))).toEqual([]);
    });

    it("icp-filing-cancellation-risk: a stack verdict when every resource serving a filed domain leaves the mainland", async () => {
      const overseas = cdn("cdn", "www.shop.cn", "overseas");
      const hk = clbRule("api-hk", "api.shop.cn", TC_HK);
      const found = of(CANCELLATION, await session.analyzeStack([overseas, hk, ecs("plain", {})]));
      expect(found.map((d) => [d.enforcementLevel, d.urn])).toEqual([["advisory", urnOf(overseas)]]);
      expect(found[0].message).toContain('cdn (scope "overseas"); api-hk (region ap-hongkong)');
      expect(found[0].message).toContain("may be cancelled");
      expect(of(CANCELLATION, await session.analyzeStack([overseas, albRule("alb", "www.shop.cn")]))).toEqual([]);
      expect(of(CANCELLATION, await analyze(overseas))).toEqual([]);
    });

    it("stays quiet on values unknown during preview and never prints a secret hostname", async () => {
      expect(verdicts(await analyze(clbRule("later", unknown())))).toEqual([]);
      expect(of(CANCELLATION, await session.analyzeStack([cdn("cdn", "www.shop.cn", "overseas"), clbRule("later", unknown())]))).toEqual([]);
      const hidden = await analyze(cdn("secret", secret("www.shop.cn")));
      expect(verdicts(hidden)).toEqual([
        [PSB, "advisory"],
        [LICENCE, "advisory"],
      ]);
      for (const d of hidden) expect(d.message).not.toContain("shop.cn");
    });
  });

  describe("levels, language and config errors", () => {
    afterAll(() => session.configureLikeEngine(CONFIG));

    it("takes each advisory's level from the config: mandatory blocks, disabled is silent", async () => {
      await session.configureLikeEngine({
        ...CONFIG,
        [PSB]: { ...CONFIG[PSB], enforcementLevel: "mandatory" },
        [LICENCE]: "disabled",
      });
      expect(verdicts(await analyze(cdn("site", "www.shop.cn")))).toEqual([[PSB, "mandatory"]]);
    });

    it("writes messages in Chinese when language is zh", async () => {
      await session.configureLikeEngine({ ...CONFIG, [APP]: { apps: APPS, language: "zh" }, [PSB]: { filings: FILINGS, language: "zh" } });
      const diagnostics = await analyze(clbRule("api", "api.shop.cn"));
      expect(of(APP, diagnostics)[0].message).toContain("从中国大陆提供App「Shop」");
      expect(of(PSB, diagnostics)[0].message).toContain("现已逾期");
    });

    it("fails closed at the policy's level on a config only the pack can judge, naming the field", async () => {
      await session.configureLikeEngine({ ...CONFIG, [APP]: { apps: [APPS[0], { ...APPS[1], name: "Shop" }] } });
      for (const resource of [clbRule("api", "api.shop.cn"), ecs("plain", {})]) {
        const found = of(APP, await analyze(resource));
        expect(found.map((d) => d.enforcementLevel)).toEqual(["advisory"]);
        expect(found[0].message).toContain("apps[1].name");
      }
      expect(of(APP, await analyze({ type: "aws:s3/bucket:Bucket", name: "elsewhere", properties: {} }))).toEqual([]);
    });
  });
});
