import { describe, expect, it } from "vitest";
import { filingRequiredDefinition } from "../../rules/filing-required";
import { invalidConfigFinding } from "../../rules/policy-definition";
import { renderFinding } from "../../rules/messages";
import { UNKNOWN_SENTINELS } from "../../rules/view";
import { runRule, summarise, TODAY, viewOf } from "./rule-helpers";

const UNKNOWN_STRING = Object.keys(UNKNOWN_SENTINELS).find((key) => UNKNOWN_SENTINELS[key] === "string")!;
const secret = (value: unknown) => ({ "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value });
const cdn = (properties: Record<string, unknown>) => ({ type: "alicloud:cdn/domainNew:DomainNew", name: "site", properties });
const bucketCname = (domain: unknown, region?: unknown) => ({
  type: "alicloud:oss/bucketCname:BucketCname",
  name: "assets",
  properties: { bucket: "b", domain },
  provider: region === undefined ? undefined : { pkg: "alicloud" as const, name: "default_3_108_0", properties: { region, version: "3.108.0" } },
});
const filed = (domain: string, extra: Record<string, unknown> = {}) => ({ filings: [{ domain, number: "京ICP备11018762号-2", ...extra }] });

describe("icp-filing-required", () => {
  it("blocks unfiled global and domestic CDN, and an omitted scope (defaults to domestic)", () => {
    for (const scope of ["global", "domestic", undefined]) {
      expect(summarise(runRule(cdn({ domainName: "www.example.com", scope })))).toEqual([
        { kind: "unfiled", level: "blocking", hostname: "www.example.com" },
      ]);
    }
  });

  it("passes overseas CDN and Hong Kong regions", () => {
    expect(runRule(cdn({ domainName: "www.example.com", scope: "overseas" }))).toEqual([]);
    expect(runRule(bucketCname("img.example.com", "cn-hongkong"))).toEqual([]);
    expect(
      runRule({ type: "tencentcloud:Scf/customDomain:CustomDomain", name: "fn", properties: { domain: "api.example.com" }, provider: { pkg: "tencentcloud", name: "hk", properties: { region: "ap-hongkong" } } }),
    ).toEqual([]);
  });

  it("takes the region from the provider, then the environment, then the provider's default", () => {
    const [fromProvider] = runRule(bucketCname("img.example.com", "cn-shanghai"));
    expect(fromProvider).toMatchObject({ mainland: { kind: "region", region: "cn-shanghai", origin: "provider", province: "CN-SH" } });
    const [fromEnv] = runRule(bucketCname("img.example.com"), {}, { env: { ALICLOUD_REGION: "cn-shenzhen" } });
    expect(fromEnv).toMatchObject({ mainland: { region: "cn-shenzhen", origin: "environment", originName: "ALICLOUD_REGION" } });
    expect(runRule(bucketCname("img.example.com"), {}, { env: { ALICLOUD_REGION: "cn-hongkong" } })).toEqual([]);
    const [fromDefault] = runRule(bucketCname("img.example.com"));
    expect(fromDefault).toMatchObject({ mainland: { region: "cn-beijing", origin: "provider-default" } });
  });

  it("a filing of the registered domain covers every subdomain; a pending one does not", () => {
    expect(runRule(cdn({ domainName: "a.b.shop.example.com.cn" }), filed("www.example.com.cn"))).toEqual([]);
    const [pending] = runRule(cdn({ domainName: "shop.example.com.cn" }), filed("example.com.cn", { status: "pending" }));
    expect(pending).toMatchObject({ kind: "unfiled", level: "blocking", registeredDomain: "example.com.cn", pendingRecord: { status: "pending" } });
    expect(renderFinding(pending, "en")).toContain("still pending");
  });

  it("matches an IDN filed in Unicode against punycode, and the other way round", () => {
    expect(runRule(cdn({ domainName: "www.xn--fsqu00a.xn--fiqs8s" }), filed("例子.中国"))).toEqual([]);
    expect(runRule(cdn({ domainName: "www.例子.中国" }), filed("xn--fsqu00a.xn--fiqs8s"))).toEqual([]);
  });

  it("ignores cloud-assigned hostnames and IP addresses", () => {
    expect(runRule(bucketCname("my-bucket.oss-cn-beijing.aliyuncs.com", "cn-beijing"))).toEqual([]);
    expect(runRule(bucketCname("1.2.3.4", "cn-beijing"))).toEqual([]);
  });

  it("checks every host of a list-valued rule", () => {
    const rule = {
      type: "alicloud:alb/rule:Rule",
      name: "hosts",
      properties: {
        ruleConditions: [
          { type: "Path", pathConfig: { values: ["/x"] } },
          { type: "Host", hostConfig: { values: ["*.one.com", "two.com", "x.one.com"] } },
        ],
      },
    };
    expect(summarise(runRule(rule))).toEqual([
      { kind: "unfiled", level: "blocking", hostname: "one.com" },
      { kind: "unfiled", level: "blocking", hostname: "two.com" },
      { kind: "unfiled", level: "blocking", hostname: "x.one.com" },
    ]);
  });

  it("gives one advisory for unknown values during preview, and blocks on them at update", () => {
    expect(summarise(runRule(cdn({ domainName: UNKNOWN_STRING, scope: "global" })))).toEqual([{ kind: "unknown-values", level: "advisory" }]);
    expect(summarise(runRule(cdn({ domainName: UNKNOWN_STRING }), {}, { dryRun: false }))).toEqual([{ kind: "unknown-values", level: "blocking" }]);
    const [unknownRegion] = runRule(bucketCname("img.example.com", UNKNOWN_STRING));
    expect(unknownRegion).toMatchObject({ kind: "unknown-values", level: "advisory", paths: ["provider default_3_108_0: region"] });
    // An unknown region does not matter for a filed domain.
    expect(runRule(bucketCname("img.example.com", UNKNOWN_STRING), filed("example.com"))).toEqual([]);
  });

  it("checks a secret hostname like any other and never prints it", () => {
    const [finding] = runRule(cdn({ domainName: secret("hidden.example.org") }));
    expect(finding).toMatchObject({ kind: "unfiled", hostname: "hidden.example.org", secret: true });
    for (const language of ["en", "zh"] as const) {
      const message = renderFinding(finding, language);
      expect(message).not.toContain("hidden");
      expect(message).not.toContain("example.org");
      expect(message).toContain("[secret]");
    }
    expect(runRule(cdn({ domainName: secret("hidden.example.org") }), filed("example.org"))).toEqual([]);
  });

  it("cuts a long unusable hostname and a long coverage value for its messages without splitting a character", () => {
    const longName = `${"a".repeat(199)}😀${"b".repeat(50)}.example.com`;
    const longScope = `${"x".repeat(99)}😀`;
    const findings = runRule(cdn({ domainName: longName, scope: longScope }));
    expect(findings.map((finding) => finding.kind)).toEqual(["unrecognised-coverage", "unusable-hostname"]);
    for (const finding of findings) {
      const message = renderFinding(finding, "en");
      expect(Buffer.from(message, "utf8").toString("utf8")).toBe(message);
    }
  });

  it("treats an unrecognised coverage value as mainland, with an advisory", () => {
    expect(summarise(runRule(cdn({ domainName: "www.example.com", scope: "everywhere" })))).toEqual([
      { kind: "unrecognised-coverage", level: "advisory" },
      { kind: "unfiled", level: "blocking", hostname: "www.example.com" },
    ]);
  });

  it("honours live waivers and blocks with the date once they expire", () => {
    const live = { waivers: [{ domain: "legacy.example.net", reason: "moving to HK", expires: "2027-01-31" }] };
    const [waived] = runRule(cdn({ domainName: "www.legacy.example.net" }), live);
    expect(waived.waivedBy).toMatchObject({ domain: "legacy.example.net" });
    expect(summarise([waived])).toEqual([]);
    const byResource = { waivers: [{ resource: "site", reason: "r", expires: TODAY }] };
    expect(summarise(runRule(cdn({ domainName: "www.other.net" }), byResource))).toEqual([]);
    const expired = { waivers: [{ domain: "example.net", reason: "moving to HK", expires: "2026-11-22" }] };
    const [finding] = runRule(cdn({ domainName: "www.legacy.example.net" }), expired);
    expect(finding).toMatchObject({ level: "blocking", expiredWaiver: { expires: "2026-11-22" } });
    expect(finding.waivedBy).toBeUndefined();
    expect(renderFinding(finding, "en")).toContain("expired on 2026-11-22");
  });

  it("names the resource, hostname, registered domain, the mainland reason and the fix, in both languages", () => {
    const [finding] = runRule(cdn({ domainName: "shop.example.com.cn", scope: "global" }));
    const en = renderFinding(finding, "en");
    for (const part of ["site", "alicloud:cdn/domainNew:DomainNew", "shop.example.com.cn", "example.com.cn", 'scope "global"', "Fix", '"overseas"']) {
      expect(en).toContain(part);
    }
    const zh = renderFinding(finding, "zh");
    for (const part of ["shop.example.com.cn", "example.com.cn", "备案", "中国大陆", "解决方法"]) expect(zh).toContain(part);
  });
});

describe("icp-filing-required config", () => {
  it("names every bad field", () => {
    const rule = filingRequiredDefinition.prepare(
      {
        filings: [
          { domain: "ok.com", number: "京ICP备11018762号-2" },
          { domain: "x.com", number: "京ICP备123456789号-1" },
          { number: "京ICP备11018762号-3" },
          { domain: "com.cn", number: "京ICP备2024096997号-13A" },
        ],
        waivers: [{ domain: "a.com", reason: "r" }, { reason: "r", expires: "2027-01-01" }],
        colour: "red",
      },
      TODAY,
    );
    expect(rule.ok).toBe(false);
    const problems = rule.ok ? [] : rule.problems;
    expect(problems.map((p) => p.split(":")[0])).toEqual([
      "filings[1].number",
      "filings[2].domain",
      "filings[3].domain",
      "filings[3].number",
      "waivers[0].expires",
      "waivers[1]",
      "(config)",
    ]);
    expect(problems[0]).toMatch(/9 digits/);
    expect(problems[6]).toContain('"colour"');
  });

  it("accepts the documented example", () => {
    const rule = filingRequiredDefinition.prepare(
      {
        filings: [
          { domain: "example.com", number: "浙ICP备2021003158号-1" },
          { domain: "例子.中国", number: "京ICP备11018762号-2", status: "pending" },
        ],
        waivers: [{ domain: "legacy.example.net", reason: "migrating to HK by 2027-01", expires: "2027-01-31" }],
      },
      TODAY,
    );
    expect(rule.ok).toBe(true);
  });

  it("describes an invalid config as a blocking finding naming the fields", () => {
    expect(invalidConfigFinding("icp-filing-required", viewOf(cdn({ domainName: "x.com" })), ["filings[0].number: bad"])).toMatchObject({
      kind: "invalid-config",
      level: "blocking",
      problems: ["filings[0].number: bad"],
    });
    expect(filingRequiredDefinition.appliesTo("alicloud:ecs/instance:Instance")).toBe(false);
  });
});

describe("messages about IDN domains", () => {
  it("show the punycode name and the Unicode one", () => {
    const [finding] = runRule({ type: "alicloud:cdn/domainNew:DomainNew", name: "idn", properties: { domainName: "www.茶馆.中国" } });
    expect(renderFinding(finding, "en")).toContain("xn--cl1ay07b.xn--fiqs8s (茶馆.中国)");
  });
});
