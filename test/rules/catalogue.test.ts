import { readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { CATALOGUE_DOC_FILE, renderCatalogueDocument } from "../../cli/generate-catalogue-doc";
import { CATALOGUE, catalogueEntryFor, needsStack } from "../../rules/catalogue";
import { COVERAGE_VOCABULARIES, readCoverage } from "../../rules/coverage";
import { classifyRegion, classifyRegionInput, tencentShortRegionCodes } from "../../rules/regions";
import { servedHostnames } from "../../rules/served-hostnames";
import { UNKNOWN_SENTINELS } from "../../rules/view";
import { stackFilingRequiredDefinition } from "../../rules/cross-resource/stack-policy";
import { CATALOGUE_CASES, FILED_DOMAIN, FILED_NUMBER } from "../fixtures/catalogue-cases";
import { runStackPolicy } from "./cross-resource/stack-helpers";
import { runRule, summarise, viewOf } from "./rule-helpers";

const UNKNOWN = Object.keys(UNKNOWN_SENTINELS).find((key) => UNKNOWN_SENTINELS[key] === "string")!;

const CONFIG = { filings: [{ domain: FILED_DOMAIN, number: FILED_NUMBER }] };

describe("every catalogue entry, both sides", () => {
  it("has a unique type token, a source and at least one hostname source", () => {
    expect(new Set(CATALOGUE.map((entry) => entry.type)).size).toBe(CATALOGUE.length);
    for (const entry of CATALOGUE) {
      expect(entry.source, entry.type).not.toBe("");
      expect(entry.hostnames.length, entry.type).toBeGreaterThan(0);
      expect(entry.type.startsWith(`${entry.cloud}:`), entry.type).toBe(true);
    }
  });

  it("gives each cross-resource entry a stack policy", () => {
    const cross = CATALOGUE.filter((entry) => needsStack(entry.location)).map((entry) => entry.type);
    expect(cross.length).toBeGreaterThan(10);
    for (const type of cross) expect(stackFilingRequiredDefinition.appliesTo(type), type).toBe(true);
    expect(stackFilingRequiredDefinition.appliesTo("alicloud:cdn/domainNew:DomainNew")).toBe(false);
  });

  it.each(CATALOGUE_CASES.map((c) => [c.title, c] as const))("%s", (_title, testCase) => {
    expect(summarise(runRule(testCase.resource, CONFIG)), "icp-filing-required").toEqual(testCase.expected);
    expect(summarise(runStackPolicy([testCase.resource, ...testCase.stack], CONFIG)), "icp-filing-required-stack").toEqual(
      testCase.expectedStack,
    );
  });
});

describe("coverage vocabularies", () => {
  it.each([
    ["alibaba-scope", "Domestic", "includes-mainland"],
    ["alibaba-scope", "overseas", "outside-mainland"],
    ["alibaba-scope", "domestic,overseas", "unrecognised"],
    ["esa-coverage", "overseas, global", "includes-mainland"],
    ["esa-coverage", "overseas,overseas", "outside-mainland"],
    ["teo-area", "global", "includes-mainland"],
    ["tencent-css-play-type", 3, "outside-mainland"],
    ["gaap-access-region", "Chengdu", "includes-mainland"],
    ["gaap-access-region", "hefei", "includes-mainland"],
    ["gaap-access-region", "Hongkong", "outside-mainland"],
    ["gaap-access-region", "SL_AZURE_EastUS", "outside-mainland"],
    ["gaap-access-region", "Lhasa", "unrecognised"],
    ["alibaba-region", "cn-zhangjiakou", "includes-mainland"],
    ["alibaba-region", "cn-hongkong", "outside-mainland"],
    ["alibaba-region", "cn-atlantis-1", "unrecognised"],
  ] as const)("%s reads %s as %s", (vocabulary, value, meaning) => {
    expect(readCoverage(vocabulary, value).meaning).toBe(meaning);
  });

  it("lists all 16 GAAP mainland cities", () => {
    const cities = Object.entries(COVERAGE_VOCABULARIES["gaap-access-region"].values).filter(([, meaning]) => meaning === "includes-mainland");
    expect(cities).toHaveLength(16);
  });

  it("reads an unrecognised coverage value as mainland with an advisory, for every product", () => {
    const zone = { type: "tencentcloud:Teo/zone:Zone", name: "z", properties: { zoneName: "example.com", area: "moon" } };
    expect(summarise(runRule(zone))).toEqual([
      { kind: "unrecognised-coverage", level: "advisory" },
      { kind: "unfiled", level: "blocking", hostname: "example.com" },
    ]);
  });
});

describe("Tencent short region codes", () => {
  it.each([
    ["gz", "ap-guangzhou", true, "CN-GD"],
    ["szjr", "ap-shenzhen-fsi", true, "CN-GD"],
    ["sjwec", "ap-shijiazhuang-ec", true, "CN-HE"],
    ["hk", "ap-hongkong", false, undefined],
    ["tpe", "ap-taipei", false, undefined],
    ["use", "na-ashburn", false, undefined],
    ["ap-chengdu", "ap-chengdu", true, "CN-SC"],
  ] as const)("%s is %s", (code, region, mainland, province) => {
    expect(classifyRegionInput("tencentcloud", code, "tencent-short-code")).toMatchObject({ region, mainland, province, known: true });
  });

  it("maps every code to a listed region", () => {
    for (const [code, region] of Object.entries(tencentShortRegionCodes())) {
      expect(classifyRegion("tencentcloud", region).known, code).toBe(true);
    }
  });

  it("reads an unknown code as mainland (fail closed), unlisted", () => {
    expect(classifyRegionInput("tencentcloud", "zz", "tencent-short-code")).toMatchObject({ mainland: true, known: false });
    const waf = (region: string) => ({ type: "tencentcloud:Waf/clbDomain:ClbDomain", name: "waf", properties: { domain: "www.example.com", region, instanceId: "w" } });
    expect(summarise(runRule(waf("zz")))).toEqual([
      { kind: "unlisted-region", level: "advisory" },
      { kind: "unfiled", level: "blocking", hostname: "www.example.com" },
    ]);
    expect(runRule(waf("hk"))).toEqual([]);
  });
});

describe("hostname sources", () => {
  const hostsOf = (type: string, properties: Record<string, unknown>) => {
    const entry = catalogueEntryFor(type)!;
    return servedHostnames(entry, viewOf({ type, name: "r", properties })).map((served) =>
      served.status === "read" ? served.verdict.hostname : `${served.status}:${served.path}`,
    );
  };

  it("splits comma-joined names and keeps both wildcard forms", () => {
    expect(hostsOf("alicloud:dcdn/domain:Domain", { domainName: "a.example.com, *.example.net" })).toEqual(["a.example.com", "example.net"]);
    expect(hostsOf("alicloud:vod/domain:Domain", { domainName: ".example.org" })).toEqual(["example.org"]);
  });

  it("reads every host of several rules and conditions", () => {
    expect(hostsOf("tencentcloud:Clb/listenerRule:ListenerRule", { domains: ["a.example.com", "b.example.com"] })).toEqual(["a.example.com", "b.example.com"]);
    expect(hostsOf("alicloud:sae/ingress:Ingress", { rules: [{ domain: "a.example.com" }, { domain: "*.b.example.com" }] })).toEqual(["a.example.com", "b.example.com"]);
    expect(
      hostsOf("tencentcloud:Tem/gateway:Gateway", {
        ingress: { rules: [{ host: "a.example.com" }], tls: [{ hosts: ["a.example.com", "b.example.com"] }] },
      }),
    ).toEqual(["a.example.com", "b.example.com"]);
    expect(
      hostsOf("alicloud:ga/forwardingRule:ForwardingRule", {
        ruleConditions: [
          { ruleConditionType: "Host", hostConfigs: [{ values: ["x.example.com"] }, { values: ["y.example.com"] }] },
          { ruleConditionType: "Host", ruleConditionValue: '["z.example.com","*.example.net"]' },
        ],
      }),
    ).toEqual(["x.example.com", "y.example.com", "z.example.com", "example.net"]);
  });

  it("skips COS rules that are disabled, but reads rules without a status", () => {
    expect(
      hostsOf("tencentcloud:Cos/bucket:Bucket", {
        originDomainRules: [{ domain: "a.example.com", status: "DISABLED" }, { domain: "b.example.com" }, { domain: "c.example.com", status: "ENABLED" }],
      }),
    ).toEqual(["b.example.com", "c.example.com"]);
  });

  it("reads a name only where it serves: public API gateways, unbound CLB attachments, TEO hostname proxies", () => {
    expect(hostsOf("tencentcloud:ApiGateway/customDomain:CustomDomain", { subDomain: "api.example.com", netType: "INNER" })).toEqual([]);
    expect(hostsOf("tencentcloud:ApiGateway/customDomain:CustomDomain", { subDomain: "api.example.com", netType: "OUTER" })).toEqual(["api.example.com"]);
    expect(hostsOf("tencentcloud:Clb/attachment:Attachment", { domain: "a.example.com", ruleId: "loc-1" })).toEqual([]);
    expect(hostsOf("tencentcloud:Clb/attachment:Attachment", { domain: "a.example.com" })).toEqual(["a.example.com"]);
    expect(hostsOf("tencentcloud:Teo/applicationProxy:ApplicationProxy", { proxyName: "game.example.com", proxyType: "instance" })).toEqual([]);
    expect(hostsOf("tencentcloud:Teo/applicationProxy:ApplicationProxy", { proxyName: "game-proxy" })).toEqual([]);
    expect(hostsOf("tencentcloud:Teo/applicationProxy:ApplicationProxy", { proxyName: "game.example.com" })).toEqual(["game.example.com"]);
  });

  it("reports an unknown condition as an unknown name", () => {
    expect(hostsOf("tencentcloud:ApiGateway/customDomain:CustomDomain", { subDomain: "api.example.com", netType: UNKNOWN })).toEqual(["unknown:netType"]);
    expect(hostsOf("alicloud:dns/alidnsRecord:AlidnsRecord", { rr: UNKNOWN, domainName: "example.com", type: "A" })).toEqual(["unknown:rr"]);
  });
});

describe("docs/catalogue.md", () => {
  it("is what cli/generate-catalogue-doc.ts writes from the catalogue (run node dist/cli/generate-catalogue-doc.js)", () => {
    const committed = readFileSync(path.resolve(__dirname, "../..", CATALOGUE_DOC_FILE), "utf8");
    expect(committed).toBe(renderCatalogueDocument());
  });

  it("lists every catalogued type, vocabulary and region", () => {
    const doc = renderCatalogueDocument();
    for (const entry of CATALOGUE) expect(doc, entry.type).toContain(`\`${entry.type}\``);
    for (const name of Object.keys(COVERAGE_VOCABULARIES)) expect(doc, name).toContain(`\`${name}\``);
    expect(doc).toContain("`ap-shanghai-adc`");
    expect(doc).toContain("`cn-wulanchabu`");
    expect(doc).toContain("`gz` → `ap-guangzhou`");
  });
});
