import { describe, expect, it } from "vitest";
import { rewriteLayout, rewrittenLocationOf, targetRegions, type TargetRegions } from "../../rules/layout-rewrite";
import { summariseLayout, type LayoutOptions, type UserImpact } from "../../rules/layout-summary";
import { RecordsFileSchema } from "../../rules/records-file";
import { policyPackConfig } from "../../rules/records-to-config";
import type { PolicyConfig } from "../../rules/run-policies";
import { fromWireObject, Secret, type ResourceView } from "../../rules/view";

const TODAY = "2026-11-23";
const OPTIONS: LayoutOptions = { today: TODAY, env: {}, dryRun: true };
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const SECRET_SIG = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270" };

const urn = (type: string, name: string) => `urn:pulumi:dev::shop::${type}::${name}`;

function provider(pkg: "alicloud" | "tencentcloud", name: string, region: string): ResourceView {
  const type = `pulumi:providers:${pkg}`;
  return { urn: urn(type, name), name, type, props: fromWireObject({ region }) };
}

function resource(type: string, name: string, props: Record<string, unknown>, by?: ResourceView, propertyDependencies?: Record<string, string[]>): ResourceView {
  return {
    urn: urn(type, name),
    name,
    type,
    props: fromWireObject(props),
    ...(by ? { provider: { type: by.type, name: by.name, urn: by.urn, props: by.props } } : {}),
    ...(propertyDependencies ? { propertyDependencies } : {}),
  };
}

const CDN = "alicloud:cdn/domainNew:DomainNew";
const BUCKET_CNAME = "alicloud:oss/bucketCname:BucketCname";
const TENCENT_CDN = "tencentcloud:Cdn/domain:Domain";

/** One shop, laid out in the given region with the given CDN scope. */
function shop(region: string, scope: string, tencentRegion = region === "cn-hongkong" ? "ap-hongkong" : "ap-shanghai"): ResourceView[] {
  const site = provider("alicloud", "site", region);
  const tencent = provider("tencentcloud", "tencent", tencentRegion);
  return [
    site,
    tencent,
    resource(CDN, "www", { domainName: "www.hanmo-books.com", scope }),
    resource(BUCKET_CNAME, "static", { bucket: "assets", domain: "static.hanmo-books.com" }, site),
    resource(CDN, "brand", { domainName: "www.hanmo.cn", scope }),
    resource("tencentcloud:Scf/customDomain:CustomDomain", "api", { domain: "api.hanmo-books.com", protocol: "HTTP" }, tencent),
  ];
}

type Records = Partial<Parameters<typeof RecordsFileSchema.parse>[0]> & Record<string, unknown>;

function config(records: Records = {}): PolicyConfig {
  return policyPackConfig(
    RecordsFileSchema.parse({
      entity: { name: "上海翰墨文化传播有限公司", province: "CN-SH", type: "company", commercial: false },
      filings: [{ domain: "hanmo.cn", number: "沪ICP备2021003158号-1", psb: "沪公网安备31010402008569号", commercial: false, sector: "none" }],
      ...records,
    }),
  );
}

const kinds = (impact: readonly UserImpact[]) => impact.map((statement) => statement.kind);
const impactOf = <K extends UserImpact["kind"]>(impact: readonly UserImpact[], kind: K) =>
  impact.find((statement): statement is Extract<UserImpact, { kind: K }> => statement.kind === kind);

describe("summariseLayout: a mainland layout", () => {
  const summary = summariseLayout(shop("cn-shanghai", "domestic"), config(), OPTIONS);

  it("counts the serving resources by where they serve from, with the regions and coverages used", () => {
    expect(summary.counts).toEqual({ serving: 4, mainland: 4, outside: 0, unknown: 0 });
    expect(summary.regions).toEqual([
      { place: { kind: "region", cloud: "alicloud", region: "cn-shanghai", mainland: true, province: "CN-SH" }, resources: 1 },
      { place: { kind: "region", cloud: "tencentcloud", region: "ap-shanghai", mainland: true, province: "CN-SH" }, resources: 1 },
    ]);
    expect(summary.coverages).toEqual([
      { place: { kind: "coverage", property: "scope", value: "domestic", defaulted: false, mainland: true, outsideValue: "overseas" }, resources: 2 },
    ]);
  });

  it("says which registered domains need a filing and which have one", () => {
    expect(summary.domains).toEqual([
      { registeredDomain: "hanmo-books.com", secret: false, status: "needs-filing", mainland: ["www", "static", "api"], outside: [], unknown: [] },
      { registeredDomain: "hanmo.cn", secret: false, status: "filed", number: "沪ICP备2021003158号-1", mainland: ["brand"], outside: [], unknown: [] },
    ]);
  });

  it("has the public-security filing follow the new one, and estimates the province's lead time", () => {
    expect(summary.publicSecurity).toEqual([{ registeredDomain: "hanmo-books.com", after: "new-filing" }]);
    expect(summary.licences).toEqual([]);
    expect(summary.entity).toEqual({ province: "CN-SH", provinceFrom: "config", commercial: false, foreignCompany: false });
    expect(summary.leadTime.steps.map((step) => step.id)).toEqual(["provider-review", "miit-sms", "authority-review", "public-security"]);
    expect(summary.leadTime.total).toEqual({ min: 4, max: 9 });
  });

  it("tells users about mainland nodes, the coverage, local reach after filing and the site staying dark meanwhile", () => {
    expect(kinds(summary.userImpact)).toEqual(["mainland-nodes", "coverage", "local-reach", "not-reachable-during-filing"]);
    expect(impactOf(summary.userImpact, "mainland-nodes")).toEqual({
      kind: "mainland-nodes",
      resources: 4,
      of: 4,
      regions: ["cn-shanghai", "ap-shanghai"],
      coverages: ["scope domestic"],
    });
    expect(impactOf(summary.userImpact, "not-reachable-during-filing")?.domains).toEqual(["hanmo-books.com"]);
    expect(impactOf(summary.userImpact, "local-reach")).toEqual({ kind: "local-reach", ready: ["hanmo.cn"], waiting: ["hanmo-books.com"], licence: false });
  });
});

describe("summariseLayout: the same shop from Hong Kong", () => {
  const summary = summariseLayout(shop("cn-hongkong", "overseas"), config(), OPTIONS);

  it("needs no filing, so the lead time is 0 with a note", () => {
    expect(summary.counts).toEqual({ serving: 4, mainland: 0, outside: 4, unknown: 0 });
    expect(summary.domains.map((d) => [d.registeredDomain, d.status])).toEqual([
      ["hanmo-books.com", "not-needed"],
      ["hanmo.cn", "filed-served-outside"],
    ]);
    expect(summary.publicSecurity).toEqual([]);
    expect(summary.leadTime).toEqual({ steps: [], total: { min: 0, max: 0 }, openEnded: false, notes: [{ kind: "nothing-to-file" }] });
  });

  it("warns about the border, premium routes and the filed domain's cancellation", () => {
    expect(kinds(summary.userImpact)).toEqual(["outside-nodes", "coverage", "cross-border", "premium-routes", "cancellation-risk"]);
    expect(impactOf(summary.userImpact, "outside-nodes")).toMatchObject({ resources: 4, of: 4, regions: ["cn-hongkong", "ap-hongkong"], hongKong: true });
    expect(impactOf(summary.userImpact, "cross-border")?.domains).toEqual(["hanmo-books.com", "hanmo.cn"]);
    expect(impactOf(summary.userImpact, "cancellation-risk")?.domains).toEqual(["hanmo.cn"]);
    expect(summary.domains.find((d) => d.registeredDomain === "hanmo.cn")).toMatchObject({ status: "filed-served-outside", number: "沪ICP备2021003158号-1" });
  });

  it("says the routes are not from Hong Kong when the outside region is elsewhere", () => {
    const singapore = summariseLayout(shop("ap-southeast-1", "overseas", "ap-singapore"), config(), OPTIONS);
    expect(impactOf(singapore.userImpact, "premium-routes")?.hongKong).toBe(false);
  });
});

describe("summariseLayout: the duties that follow, from the advisories", () => {
  it("needs a commercial licence for a commercial entity, and counts it in the lead time", () => {
    const summary = summariseLayout(shop("cn-shanghai", "domestic"), config({ entity: { name: "x", province: "CN-BJ", type: "company", commercial: true } }), OPTIONS);
    expect(summary.licences).toEqual([{ registeredDomain: "hanmo-books.com", markedBy: "entity", individual: false }]);
    expect(summary.leadTime.steps.map((step) => step.id)).toContain("commercial-licence");
    expect(summary.leadTime.total).toEqual({ min: 1 + 10 + 40, max: 4 + 15 + 60 });
    expect(impactOf(summary.userImpact, "local-reach")?.licence).toBe(true);
  });

  it("lists apps whose backend is served from the mainland and that have no number, even with the advisory disabled", () => {
    const records = config({
      apps: [{ name: "翰墨书店", kind: "mini-program", platform: "wechat", appId: "wx8d2c6e4a1b3f5e70", backends: ["api.hanmo-books.com"] }],
    });
    records["icp-app-filing"]!.enforcementLevel = "disabled";
    const views = shop("cn-shanghai", "domestic");
    views.push(resource(BUCKET_CNAME, "tagged", { domain: "img.hanmo.cn", tags: { "icp:app": "com.hanmo.reader" } }, views[0]));
    const summary = summariseLayout(views, records, OPTIONS);
    expect(summary.apps).toEqual([
      { kind: "declared", app: "翰墨书店", appKind: "mini-program", problem: "no-number", resources: ["api"] },
      { kind: "undeclared", identifier: "com.hanmo.reader", by: "tag", resources: ["tagged"] },
    ]);
  });

  it("counts app numbers as filings even when every domain is filed", () => {
    const summary = summariseLayout(
      [provider("alicloud", "site", "cn-shanghai"), resource(CDN, "brand", { domainName: "api.hanmo.cn", scope: "domestic" })],
      config({ apps: [{ name: "Reader", kind: "app", platform: "android", packageName: "com.hanmo.reader", backends: ["api.hanmo.cn"] }] }),
      OPTIONS,
    );
    expect(summary.domains.map((d) => d.status)).toEqual(["filed"]);
    expect(summary.leadTime.steps.map((step) => step.id)).toEqual(["provider-review", "miit-sms", "authority-review"]);
  });

  it("reads a pending filing as under review, and a filed site without public-security number as due", () => {
    const summary = summariseLayout(
      shop("cn-shanghai", "domestic"),
      config({
        filings: [
          { domain: "hanmo.cn", number: "沪ICP备2021003158号-1", liveSince: "2026-11-01", commercial: false },
          { domain: "hanmo-books.com", number: "沪ICP备2021003158号-2", status: "pending", sector: "education" },
        ],
      }),
      OPTIONS,
    );
    expect(summary.domains.map((d) => [d.registeredDomain, d.status, d.number])).toEqual([
      ["hanmo-books.com", "pending", "沪ICP备2021003158号-2"],
      ["hanmo.cn", "filed", "沪ICP备2021003158号-1"],
    ]);
    expect(summary.publicSecurity).toEqual([
      { registeredDomain: "hanmo-books.com", after: "new-filing" },
      { registeredDomain: "hanmo.cn", after: "filed", liveSince: "2026-11-01", due: "2026-12-01", overdue: false },
    ]);
    expect(summary.preApprovals).toEqual([{ registeredDomain: "hanmo-books.com", sector: "education", beforeFiling: true }]);
    expect(summary.leadTime.openEnded).toBe(true);
    expect(summary.leadTime.notes).toContainEqual({ kind: "pending-filings", count: 1 });
  });

  it("reports config problems instead of passing them over", () => {
    const summary = summariseLayout(shop("cn-shanghai", "domestic"), { "icp-psb-filing": { filings: [{ domain: "hanmo.cn" }] } }, OPTIONS);
    expect(summary.configProblems).toEqual([{ policy: "icp-psb-filing", problems: [expect.stringMatching(/^filings\[0\]\.number/)] }]);
  });

  it("takes the province and a foreign company from the options", () => {
    const summary = summariseLayout(shop("cn-shanghai", "domestic"), {}, { ...OPTIONS, province: "CN-GD", foreignCompany: true });
    expect(summary.entity).toEqual({ province: "CN-GD", provinceFrom: "option", commercial: false, foreignCompany: true });
    expect(summary.leadTime.steps[0]?.id).toBe("local-entity");
    // No records: both domains need their filings.
    expect(summary.domains.map((d) => d.status)).toEqual(["needs-filing", "needs-filing"]);
  });
});

describe("summariseLayout: what it cannot see", () => {
  it("keeps secret domains secret", () => {
    const summary = summariseLayout(
      [provider("alicloud", "site", "cn-shanghai"), resource(CDN, "hidden", { domainName: { ...SECRET_SIG, value: "www.secret-shop.com" }, scope: "domestic" })],
      {},
      OPTIONS,
    );
    expect(summary.domains.map((d) => [d.registeredDomain, d.secret, d.status])).toEqual([["[secret]", true, "needs-filing"]]);
    expect(JSON.stringify(summary)).not.toContain("secret-shop");
  });

  it("marks preview values as unknown places and says so", () => {
    const summary = summariseLayout([resource(CDN, "later", { domainName: "www.hanmo-books.com", scope: UNKNOWN })], {}, OPTIONS);
    expect(summary.counts).toEqual({ serving: 1, mainland: 0, outside: 0, unknown: 1 });
    expect(summary.domains.map((d) => d.status)).toEqual(["unknown"]);
    expect(impactOf(summary.userImpact, "unknown-places")?.resources).toEqual(["later"]);
  });

  it("settles coverage held by another resource over the whole stack", () => {
    const zone = resource("tencentcloud:Teo/zone:Zone", "zone", { zoneName: "hanmo.cn", area: "overseas", type: "partial" });
    const accelerated = resource("tencentcloud:Teo/accelerationDomain:AccelerationDomain", "edge", { domainName: "cdn.hanmo-books.com", zoneId: UNKNOWN }, undefined, {
      zoneId: [zone.urn],
    });
    const summary = summariseLayout([zone, accelerated], {}, OPTIONS);
    const edge = summary.resources.find((r) => r.name === "edge")!;
    expect(edge).toMatchObject({ status: "outside", decidedBy: "zone", place: { kind: "coverage", property: "area", value: "overseas" } });
  });

  it("says so when nothing serves a custom domain", () => {
    const summary = summariseLayout([provider("alicloud", "site", "cn-shanghai")], {}, OPTIONS);
    expect(summary.userImpact).toEqual([{ kind: "nothing-served" }]);
    expect(summary.leadTime.total).toEqual({ min: 0, max: 0 });
  });
});

describe("targetRegions", () => {
  it("finds the same city in the other cloud", () => {
    expect(targetRegions(["cn-hongkong"])).toEqual({ ok: true, target: { regions: { alicloud: "cn-hongkong", tencentcloud: "ap-hongkong" }, mainland: false } });
    expect(targetRegions(["ap-shanghai"])).toEqual({ ok: true, target: { regions: { alicloud: "cn-shanghai", tencentcloud: "ap-shanghai" }, mainland: true } });
    expect(targetRegions(["CN-Hangzhou", "ap-guangzhou"])).toEqual({ ok: true, target: { regions: { alicloud: "cn-hangzhou", tencentcloud: "ap-guangzhou" }, mainland: true } });
  });

  it.each([
    [["eu-moscow"], /no alicloud region in the same city as eu-moscow/],
    [["cn-hangzhou"], /no tencentcloud region in the same city as cn-hangzhou; give one too/],
    [["mars-1"], /"mars-1" is not a region icpguard lists/],
    [["cn-hongkong", "ap-shanghai"], /different sides of the mainland border/],
    [["cn-hongkong", "cn-shanghai"], /one region per cloud/],
  ])("refuses %j", (ids, message) => {
    const result = targetRegions(ids);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(message);
  });
});

describe("rewriteLayout", () => {
  const target = (ids: string[]): TargetRegions => {
    const result = targetRegions(ids);
    if (!result.ok) throw new Error(result.message);
    return result.target;
  };

  it("moves providers, coverage and the resources using them to Hong Kong, listing every input it changed", () => {
    const rewritten = rewriteLayout(shop("cn-shanghai", "domestic"), target(["cn-hongkong"]));
    expect(rewritten.changes.map((c) => [c.name, c.property, c.from, c.to])).toEqual([
      ["site", "region", "cn-shanghai", "cn-hongkong"],
      ["tencent", "region", "ap-shanghai", "ap-hongkong"],
      ["www", "scope", "domestic", "overseas"],
      ["brand", "scope", "domestic", "overseas"],
    ]);
    expect(rewritten.unmoved).toEqual([]);
    expect(rewritten.env).toMatchObject({ ALICLOUD_REGION: "cn-hongkong", TENCENTCLOUD_REGION: "ap-hongkong" });
    const summary = summariseLayout(rewritten.views, config(), { ...OPTIONS, env: rewritten.env });
    expect(summary.counts).toEqual({ serving: 4, mainland: 0, outside: 4, unknown: 0 });
    // The input views are left as they were.
    expect(summariseLayout(shop("cn-shanghai", "domestic"), config(), OPTIONS).counts.mainland).toBe(4);
  });

  it("brings a Hong Kong layout back to the mainland; global coverage stays as it is", () => {
    const views = [...shop("cn-hongkong", "overseas"), resource(TENCENT_CDN, "img", { domain: "img.hanmo.cn", area: "global" })];
    const rewritten = rewriteLayout(views, target(["cn-shanghai"]));
    expect(rewritten.changes.filter((c) => c.property !== "region").map((c) => [c.name, c.to])).toEqual([
      ["www", "domestic"],
      ["brand", "domestic"],
    ]);
    const summary = summariseLayout(rewritten.views, config(), { ...OPTIONS, env: rewritten.env });
    expect(summary.counts.mainland).toBe(5);
  });

  it("sets an omitted coverage that defaults to the mainland, keeping numbers as numbers and secrets secret", () => {
    const views = [
      resource(CDN, "default-scope", { domainName: "www.hanmo.cn" }),
      resource("tencentcloud:Css/domain:Domain", "live", { domainName: "live.hanmo.cn", domainType: 1, playType: 1 }),
      resource(TENCENT_CDN, "secret-area", { domain: "cdn.hanmo.cn", area: { ...SECRET_SIG, value: "mainland" } }),
    ];
    const rewritten = rewriteLayout(views, target(["cn-hongkong"]));
    expect(rewritten.views[0]!.props.scope).toBe("overseas");
    expect(rewritten.views[1]!.props.playType).toBe(3);
    expect(rewritten.views[2]!.props.area).toEqual(new Secret("overseas"));
    expect(rewritten.changes.find((c) => c.name === "secret-area")).toMatchObject({ from: "[secret]", to: "overseas" });
  });

  it("moves the resources that hold another's coverage, and a region input in Tencent's short codes", () => {
    const ipSet = resource("alicloud:ga/ipSet:IpSet", "ips", { acceleratorId: "ga-1", accelerateRegionId: "cn-shanghai" });
    const gaDomain = resource("alicloud:ga/domain:Domain", "ga", { acceleratorId: "ga-1", domain: "hanmo.cn" });
    const waf = resource("tencentcloud:Waf/clbDomain:ClbDomain", "waf", { domain: "waf.hanmo.cn", region: "sh" });
    const rewritten = rewriteLayout([ipSet, gaDomain, waf], target(["cn-hongkong"]));
    expect(rewritten.changes.map((c) => [c.name, c.property, c.to])).toEqual([
      ["ips", "accelerateRegionId", "cn-hongkong"],
      ["waf", "region", "hk"],
    ]);
    expect(rewritten.unmoved).toEqual([]);
    expect(rewrittenLocationOf("alicloud:ga/ipSet:IpSet")).toMatchObject({ kind: "coverage", property: "accelerateRegionId" });
  });

  it("lists what it cannot move: products with mainland nodes only and values not known yet", () => {
    const views = [
      resource("alicloud:scdn/domain:Domain", "scdn", { domainName: "secure.hanmo.cn" }),
      resource(CDN, "later", { domainName: "www.hanmo.cn", scope: UNKNOWN }),
    ];
    const rewritten = rewriteLayout(views, target(["cn-hongkong"]));
    expect(rewritten.unmoved).toEqual([
      { urn: views[0]!.urn, name: "scdn", type: "alicloud:scdn/domain:Domain", reason: expect.objectContaining({ kind: "mainland-only" }), unknown: false },
      { urn: views[1]!.urn, name: "later", type: CDN, unknown: true },
    ]);
  });
});
