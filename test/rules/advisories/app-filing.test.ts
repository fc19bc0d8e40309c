import { describe, expect, it } from "vitest";
import { appFilingDefinition, taggedAppNames } from "../../../rules/advisories/app-filing";
import type { Finding } from "../../../rules/findings";
import { renderFinding } from "../../../rules/messages";
import { UNKNOWN_SENTINELS } from "../../../rules/view";
import { aliCdn, aliEcs, configProblems, runResource, secret, tencentClbRule, tencentCvm, viewOf } from "./helpers";

const UNKNOWN_STRING = Object.keys(UNKNOWN_SENTINELS).find((key) => UNKNOWN_SENTINELS[key] === "string")!;

const SHOP_APP = {
  name: "Shop",
  kind: "app",
  platform: "android",
  packageName: "com.example.shop",
  store: "huawei-appgallery",
  backends: ["api.shop.cn"],
};
const MINI = { name: "Shop mini", kind: "mini-program", platform: "wechat", appId: "wx1234567890abcdef", backends: ["mp.shop.cn"] };
const QUICK = { name: "Shop quick", kind: "quick-app", packageName: "com.example.quick", backends: ["quick.shop.cn"] };

const run = (resource: Parameters<typeof runResource>[1], apps: Record<string, unknown>[] = [SHOP_APP, MINI, QUICK]) =>
  runResource(appFilingDefinition, resource, { apps });
const kinds = (findings: Finding[]) =>
  findings.map((f) => (f.kind === "app-unfiled" ? `${f.kind}:${f.app.name}:${f.problem}` : f.kind));

describe("icp-app-filing: backends by hostname", () => {
  it("is an advisory resource policy by default, with the tag convention in its remediation", () => {
    expect(appFilingDefinition.metadata).toMatchObject({ name: "icp-app-filing", defaultLevel: "advisory", severity: "high" });
    expect(appFilingDefinition.metadata.remediation).toContain("icp:app");
    expect(appFilingDefinition.metadata.description).toContain("quick-app letter is unconfirmed");
  });

  it("flags a mainland backend of an app without a number, naming the app and what to file", () => {
    const [finding, ...rest] = run(tencentClbRule("api", "api.shop.cn", "ap-guangzhou"));
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      policy: "icp-app-filing",
      level: "blocking",
      kind: "app-unfiled",
      problem: "no-number",
      app: { name: "Shop", kind: "app", packageName: "com.example.shop", store: "huawei-appgallery", hasSigningKey: false },
      link: { by: "backend-hostname", hostname: "api.shop.cn" },
    });
    const message = renderFinding(finding, "en");
    expect(message).toContain('the mobile app "Shop" (android, com.example.shop)');
    expect(message).toContain("package name (com.example.shop), app store (huawei-appgallery) and signing key SHA-256 (not recorded)");
    expect(message).toContain("MIIT notice No. 105 [2023]");
    expect(renderFinding(finding, "zh")).toContain("签名公钥 SHA-256：未记录");
  });

  it("passes an app whose number ends in A, a mini-program whose number ends in X", () => {
    expect(run(tencentClbRule("api", "api.shop.cn", "ap-guangzhou"), [{ ...SHOP_APP, number: "京ICP备2024096997号-13A" }])).toEqual([]);
    expect(run(tencentClbRule("mp", "mp.shop.cn", "ap-guangzhou"), [{ ...MINI, number: "苏ICP备2026044365号-1X" }])).toEqual([]);
    expect(run(tencentClbRule("mp", "mp.shop.cn", "ap-guangzhou"), [{ ...MINI, number: "粤B2-20090059-1626X" }])).toEqual([]);
  });

  it("flags a number with the wrong suffix, saying what it is and what is expected", () => {
    const [website] = run(tencentClbRule("api", "api.shop.cn", "ap-guangzhou"), [{ ...SHOP_APP, number: "京ICP备11018762号-2" }]);
    expect(website).toMatchObject({ kind: "app-unfiled", problem: "wrong-kind", number: "京ICP备11018762号-2", numberKind: "website" });
    expect(renderFinding(website, "en")).toContain("is a website number, not an app number ending in A");
    const [swapped] = run(tencentClbRule("mp", "mp.shop.cn", "ap-guangzhou"), [{ ...MINI, number: "京ICP备2024096997号-13A" }]);
    expect(swapped).toMatchObject({ problem: "wrong-kind", numberKind: "app" });
    expect(renderFinding(swapped, "zh")).toContain("而不是以 X 结尾的小程序备案号");
  });

  it("accepts any app-style number for a quick app, and says the letter is unconfirmed when there is none", () => {
    for (const number of ["京ICP备2024096997号-13A", "苏ICP备2026044365号-1X"]) {
      expect(run(tencentClbRule("q", "quick.shop.cn", "ap-guangzhou"), [{ ...QUICK, number }])).toEqual([]);
    }
    const [website] = run(tencentClbRule("q", "quick.shop.cn", "ap-guangzhou"), [{ ...QUICK, number: "京ICP备11018762号-2" }]);
    expect(website).toMatchObject({ problem: "wrong-kind" });
    const [none] = run(tencentClbRule("q", "quick.shop.cn", "ap-guangzhou"));
    expect(renderFinding(none, "en")).toContain("has not confirmed the suffix letter of quick-app numbers");
    expect(renderFinding(none, "en")).toContain("package name (com.example.quick)");
  });

  it("flags a pending app filing: it must not go live yet", () => {
    const [pending] = run(tencentClbRule("api", "api.shop.cn", "ap-guangzhou"), [{ ...SHOP_APP, number: "京ICP备2024096997号-13A", status: "pending" }]);
    expect(pending).toMatchObject({ problem: "pending" });
    expect(renderFinding(pending, "en")).toContain("still pending");
    expect(renderFinding(pending, "en")).toContain("set status to approved");
  });

  it("asks a mini-program for its platform and AppID", () => {
    const [finding] = run(tencentClbRule("mp", "mp.shop.cn", "ap-guangzhou"), [{ ...MINI, appId: undefined }]);
    expect(renderFinding(finding, "en")).toContain("its platform (wechat) and AppID (not recorded)");
  });

  it("stays quiet outside the mainland, for other hostnames, and when the hostname is unknown", () => {
    expect(run(tencentClbRule("api", "api.shop.cn", "ap-hongkong"))).toEqual([]);
    expect(run(aliCdn("cdn", "api.shop.cn", "overseas"))).toEqual([]);
    expect(run(tencentClbRule("www", "www.shop.cn", "ap-guangzhou"))).toEqual([]);
    expect(run(tencentClbRule("api", UNKNOWN_STRING, "ap-guangzhou"))).toEqual([]);
  });

  it("masks a secret backend hostname", () => {
    const [finding] = run(tencentClbRule("api", secret("api.shop.cn") as never, "ap-guangzhou"));
    expect(finding).toMatchObject({ link: { by: "backend-hostname", secret: true } });
    expect(renderFinding(finding, "en")).not.toContain("api.shop.cn");
  });
});

describe("icp-app-filing: backends by tag", () => {
  it("links any mainland resource tagged icp:app to the app it names, by name, package name or AppID", () => {
    for (const value of ["Shop", "com.example.shop"]) {
      expect(kinds(run(aliEcs("vm", "cn-hangzhou", { "icp:app": value })))).toEqual(["app-unfiled:Shop:no-number"]);
    }
    expect(kinds(run(tencentCvm("vm", "ap-shanghai", { "ICP:App": "wx1234567890abcdef" })))).toEqual(["app-unfiled:Shop mini:no-number"]);
  });

  it("reads several apps separated by commas, and reports each app once", () => {
    const findings = run(tencentClbRule("api", "api.shop.cn", "ap-guangzhou"));
    expect(kinds(findings)).toEqual(["app-unfiled:Shop:no-number"]);
    const tagged = { ...aliEcs("vm", "cn-hangzhou", { "icp:app": "Shop, Shop mini,Shop" }) };
    expect(kinds(run(tagged))).toEqual(["app-unfiled:Shop:no-number", "app-unfiled:Shop mini:no-number"]);
  });

  it("reads tags given as a list of key/value pairs", () => {
    const vm = aliEcs("vm", "cn-hangzhou");
    vm.properties.tags = [{ tagKey: "icp:app", tagValue: "Shop" }, { key: "team", value: "web" }];
    expect(taggedAppNames(viewOf(vm))).toEqual([{ tag: "icp:app", value: "Shop", secret: false }]);
  });

  it("reads a tag key with any case and surrounding spaces, and a secret value as secret, with or without declared backends", () => {
    const noBackends = [{ ...SHOP_APP, backends: [] }];
    expect(kinds(run(aliEcs("vm", "cn-hangzhou", { " ICP:APP ": "Shop", team: "web" }), noBackends))).toEqual(["app-unfiled:Shop:no-number"]);
    const vm = aliEcs("vm", "cn-hangzhou");
    vm.properties.tags = [{ key: secret("icp:app"), value: "Shop" }, { tagKey: "icp:app", tagValue: secret("Shop mini") }];
    expect(taggedAppNames(viewOf(vm))).toEqual([
      { tag: "icp:app", value: "Shop", secret: true },
      { tag: "icp:app", value: "Shop mini", secret: true },
    ]);
    expect(run(aliEcs("vm", "cn-hangzhou", { "icp:apps": "Shop", icp: "Shop" }), noBackends)).toEqual([]);
  });

  it("flags a tag naming an app missing from the config", () => {
    const [finding] = run(aliEcs("vm", "cn-hangzhou", { "icp:app": "Unknown app" }));
    expect(finding).toMatchObject({ kind: "app-undeclared", link: { by: "tag", tag: "icp:app", value: "Unknown app" } });
    expect(renderFinding(finding, "en")).toContain('No app named "Unknown app" is declared in apps of the icp-app-filing config');
    expect(renderFinding(finding, "zh")).toContain("没有名为「Unknown app」的应用");
  });

  it("ignores tagged resources outside the mainland, other tags, unknown tags and providers", () => {
    expect(run(aliEcs("vm", "cn-hongkong", { "icp:app": "Shop" }))).toEqual([]);
    expect(run(aliEcs("vm", "cn-hangzhou", { app: "Shop" }))).toEqual([]);
    expect(run(aliEcs("vm", "cn-hangzhou", { "icp:app": UNKNOWN_STRING }))).toEqual([]);
    expect(appFilingDefinition.appliesTo("pulumi:providers:alicloud")).toBe(false);
    expect(appFilingDefinition.appliesTo("aws:s3/bucket:Bucket")).toBe(false);
    expect(appFilingDefinition.appliesTo("alicloud:ecs/instance:Instance")).toBe(true);
  });

  it("takes an untyped resource's region from its provider, defaulting like the provider", () => {
    const vm = aliEcs("vm", "cn-hangzhou", { "icp:app": "Shop" });
    delete vm.provider;
    expect(kinds(runResource(appFilingDefinition, vm, { apps: [SHOP_APP] }))).toEqual(["app-unfiled:Shop:no-number"]);
  });
});

describe("icp-app-filing: resources that are app backends by nature", () => {
  const mhub = (properties: Record<string, unknown>) => ({ type: "alicloud:mhub/app:App", name: "mobile", properties: { appName: "Shop", productId: "p-1", ...properties } });

  it("matches an EMAS Mobile Hub app by package name or bundle ID; unmatched is undeclared", () => {
    expect(kinds(run(mhub({ type: "Android", packageName: "com.example.shop" })))).toEqual(["app-unfiled:Shop:no-number"]);
    expect(run(mhub({ type: "Android", packageName: "com.example.shop" }), [{ ...SHOP_APP, number: "京ICP备2024096997号-13A" }])).toEqual([]);
    const [undeclared] = run(mhub({ type: "iOS", bundleId: "com.example.ios" }));
    expect(undeclared).toMatchObject({ kind: "app-undeclared", link: { by: "app-resource", identifier: "com.example.ios" } });
    expect(undeclared).toMatchObject({ mainland: { kind: "mainland-only" } });
    expect(renderFinding(undeclared, "en")).toContain("registers the EMAS Mobile Hub app com.example.ios in mainland China");
  });

  it("flags a Tencent live domain for mini-programs that no mini-program lists as a backend", () => {
    const live = (domainName: string, isMiniProgramLive: number) => ({
      type: "tencentcloud:Css/domain:Domain",
      name: "live",
      properties: { domainName, domainType: 1, playType: 1, isMiniProgramLive },
    });
    const [finding] = run(live("live.shop.cn", 1));
    expect(finding).toMatchObject({ kind: "app-undeclared", link: { by: "mini-program-live", hostname: "live.shop.cn" } });
    expect(renderFinding(finding, "en")).toContain("lists live.shop.cn among its backends");
    expect(run(live("live.shop.cn", 0))).toEqual([]);
    expect(kinds(run(live("mp.shop.cn", 1)))).toEqual(["app-unfiled:Shop mini:no-number"]);
  });
});

describe("icp-app-filing config", () => {
  it("names bad fields: number kind, signing key, duplicate names, unknown fields", () => {
    const problems = (apps: unknown[]) => configProblems(appFilingDefinition, { apps });
    expect(problems([{ ...SHOP_APP, number: "京ICP证150476号" }])[0]).toMatch(/^apps\[0\]\.number: .*commercial-licence/);
    expect(problems([{ ...SHOP_APP, signingKeySha256: "abc" }])[0]).toMatch(/^apps\[0\]\.signingKeySha256/);
    expect(problems([SHOP_APP, { ...MINI, name: "Shop" }])).toEqual(['apps[1].name: "Shop" is also the name of apps[0]']);
    expect(problems([{ ...SHOP_APP, colour: "red" }])[0]).toMatch(/apps\[0\]: unknown field "colour"/);
    expect(problems([{ ...SHOP_APP, kind: "website" }])[0]).toMatch(/^apps\[0\]\.kind/);
    expect(problems([{ ...SHOP_APP, backends: ["https://"] }])[0]).toMatch(/^apps\[0\]\.backends\[0\]: .*not a hostname/);
  });

  it("accepts signing keys bare or in colon-separated pairs", () => {
    const hex = "ab".repeat(32);
    const pairs = Array.from({ length: 32 }, () => "AB").join(":");
    expect(configProblems(appFilingDefinition, { apps: [{ ...SHOP_APP, signingKeySha256: hex }, { ...MINI, signingKeySha256: pairs }] })).toEqual([]);
  });
});
