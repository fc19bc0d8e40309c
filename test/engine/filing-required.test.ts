// icp-filing-required as the Pulumi engine runs it: the compiled pack in its own process,
// spoken to over the Analyzer gRPC protocol, config reconciled the way the engine does it.

import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type AnalyzerInfo,
  defaultProvider,
  type Diagnostic,
  type EngineResource,
  type PackSession,
  reconcilePolicyConfig,
  secret,
  startPackLikeEngine,
  unknown,
} from "../../harness";
import { CATALOGUE_CASES, FIXTURE_CONFIG } from "../fixtures/catalogue-cases";
import { engineResourceOf, launchConfigured, summariseDiagnostics } from "./engine-helpers";

const REPO = path.resolve(__dirname, "../..");
const POLICY = "icp-filing-required";
const FILED = { domain: "example.com", number: "浙ICP备2021003158号-1" };
const CONFIG = {
  [POLICY]: {
    filings: [
      FILED,
      { domain: "例子.中国", number: "京ICP备11018762号-2" },
      { domain: "pending.cn", number: "粤ICP备2024000001号-1", status: "pending" },
    ],
    waivers: [
      { domain: "legacy.example.net", reason: "moving to Hong Kong", expires: "2099-01-31" },
      { domain: "old.example.org", reason: "was moving to Hong Kong", expires: "2020-01-31" },
    ],
  },
};
const ALI_DEFAULT = defaultProvider("alicloud", "3.108.0", { region: "cn-shenzhen" });

const cdn = (name: string, props: Record<string, unknown>): EngineResource => ({
  type: "alicloud:cdn/domainNew:DomainNew",
  name,
  properties: { cdnType: "web", sources: [{ content: "origin.example.com", type: "domain" }], ...props },
  provider: ALI_DEFAULT,
});

describe("pack metadata and config, as the engine sees them", () => {
  let session: PackSession;
  let info: AnalyzerInfo;
  beforeAll(async () => {
    ({ session, info } = await startPackLikeEngine(REPO, { policyConfig: CONFIG }));
  });
  afterAll(() => session?.close());

  it("declares the pack and icp-filing-required, mandatory by default", () => {
    expect(info.name).toBe("icpguard");
    expect(info.version).toBe(require("../../package.json").version);
    const policy = info.policies.find((p) => p.name === POLICY)!;
    expect(policy).toMatchObject({ enforcementLevel: "mandatory", severity: "critical" });
    expect(policy.description).toContain("mainland China");
    expect(Object.keys(policy.configSchema!.properties).sort()).toEqual(["filings", "language", "waivers"]);
    expect(info.initialConfig[POLICY]).toBeUndefined();
  });

  it("publishes only patterns Go's RE2 accepts (the engine validates with gojsonschema)", () => {
    const patterns = JSON.stringify(info.policies.map((p) => p.configSchema)).match(/"pattern":"(?:[^"\\]|\\.)*"/g) ?? [];
    expect(patterns.length).toBeGreaterThan(0);
    for (const pattern of patterns) expect(pattern).not.toMatch(/\(\?[=!<]|\\[1-9]|\\[pP]\{/);
  });

  it("lets the engine reject malformed config against the published schema, naming the policy", () => {
    const cases: [unknown, RegExp][] = [
      [{ filings: [{ domain: "example.com", number: "京ICP备123456789号-1" }] }, /number/],
      [{ filings: [{ number: "京ICP备11018762号-2" }] }, /domain/],
      [{ waivers: [{ domain: "a.com", reason: "r" }] }, /expires/],
      [{ filings: [{ ...FILED, colour: "red" }] }, /colour|additional/i],
      [{ waivers: [{ domain: "a.com", reason: "r", expires: "31/01/2027" }] }, /expires|date|pattern/],
    ];
    for (const [properties, field] of cases) {
      const { errors } = reconcilePolicyConfig(info, { [POLICY]: properties });
      expect(errors.length, JSON.stringify(properties)).toBeGreaterThan(0);
      expect(errors.join("\n")).toContain(`icpguard ${info.version}  ${POLICY}:`);
      expect(errors.join("\n")).toMatch(field);
    }
    expect(reconcilePolicyConfig(info, CONFIG).errors).toEqual([]);
  });

  it("sets only levels with all, never properties", () => {
    const { config } = reconcilePolicyConfig(info, { all: "advisory" });
    expect(config[POLICY]).toMatchObject({ enforcementLevel: "advisory", properties: { filings: [], waivers: [], language: "en" } });
  });
});

describe("icp-filing-required during preview", () => {
  let session: PackSession;
  beforeAll(async () => {
    ({ session } = await startPackLikeEngine(REPO, { policyConfig: CONFIG, dryRun: true }));
  });
  afterAll(() => session?.close());
  const analyze = (resource: EngineResource) => session.analyze(resource).then(summariseDiagnostics);

  it("blocks unfiled global and domestic CDN, and omitted scope", async () => {
    for (const scope of ["global", "domestic", undefined]) {
      const diagnostics = await session.analyze(cdn("site", { domainName: "www.shop.cn", ...(scope ? { scope } : {}) }));
      expect(summariseDiagnostics(diagnostics)).toEqual([
        { policy: POLICY, level: "mandatory", urn: "urn:pulumi:dev::icpguard-test::alicloud:cdn/domainNew:DomainNew::site" },
      ]);
      expect(diagnostics[0].message).toContain("www.shop.cn");
      expect(diagnostics[0].message).toContain("shop.cn");
      expect(diagnostics[0].message).toMatch(scope ? `scope "${scope}"` : "scope is not set");
      expect(diagnostics[0].message).toContain("Fix:");
    }
  });

  it("passes overseas CDN, cn-hongkong and ap-hongkong", async () => {
    expect(await analyze(cdn("overseas", { domainName: "www.shop.cn", scope: "overseas" }))).toEqual([]);
    expect(
      await analyze({
        type: "alicloud:oss/bucketCname:BucketCname",
        name: "hk-bucket",
        properties: { bucket: "b", domain: "img.shop.cn" },
        provider: { type: "pulumi:providers:alicloud", name: "hk", properties: { region: "cn-hongkong" } },
      }),
    ).toEqual([]);
    expect(
      await analyze({
        type: "tencentcloud:Clb/listenerRule:ListenerRule",
        name: "hk-rule",
        properties: { clbId: "lb-1", listenerId: "l-1", domain: "api.shop.cn", url: "/" },
        provider: { type: "pulumi:providers:tencentcloud", name: "hk", properties: { region: "ap-hongkong" } },
      }),
    ).toEqual([]);
  });

  it("inherits the region from an explicit provider and from the default provider", async () => {
    const explicit = await session.analyze({
      type: "alicloud:oss/bucketCname:BucketCname",
      name: "sh-bucket",
      properties: { bucket: "b", domain: "img.shop.cn" },
      provider: { type: "pulumi:providers:alicloud", name: "shanghai", properties: { region: "cn-shanghai" } },
    });
    expect(explicit).toHaveLength(1);
    expect(explicit[0].message).toContain("region cn-shanghai (from provider shanghai");
    const fromDefault = await session.analyze({
      type: "tencentcloud:Scf/customDomain:CustomDomain",
      name: "fn-domain",
      properties: { domain: "fn.shop.cn", protocol: "HTTP" },
      provider: defaultProvider("tencentcloud", "0.2.3", { region: "ap-chengdu" }),
    });
    expect(fromDefault[0].message).toContain("region ap-chengdu (from provider default_0_2_3, Sichuan)");
    const noRegion = await session.analyze({
      type: "tencentcloud:ApiGateway/customDomain:CustomDomain",
      name: "api-domain",
      properties: { subDomain: "api.shop.cn", serviceId: "s", protocol: "http", netType: "OUTER", isDefaultMapping: true },
      provider: defaultProvider("tencentcloud", "0.2.3"),
    });
    expect(noRegion[0].message).toContain("region ap-guangzhou (the provider's default when no region is set");
  });

  it("accepts a filed registered domain for its subdomains, and blocks a pending one", async () => {
    expect(await analyze(cdn("sub", { domainName: "a.b.example.com", scope: "global" }))).toEqual([]);
    const pending = await session.analyze(cdn("pending", { domainName: "www.pending.cn" }));
    expect(summariseDiagnostics(pending)).toHaveLength(1);
    expect(pending[0].message).toContain("still pending");
  });

  it("matches an IDN filed in Unicode against punycode", async () => {
    expect(await analyze(cdn("idn", { domainName: "www.xn--fsqu00a.xn--fiqs8s" }))).toEqual([]);
  });

  it("passes cloud-assigned hostnames", async () => {
    expect(
      await analyze({
        type: "alicloud:oss/bucketCname:BucketCname",
        name: "own-endpoint",
        properties: { bucket: "b", domain: "b.oss-cn-shenzhen.aliyuncs.com" },
        provider: ALI_DEFAULT,
      }),
    ).toEqual([]);
  });

  it("gives an advisory only on the resource whose domain is unknown, and keeps checking the others", async () => {
    const unknownDomain = await session.analyze(cdn("pending-output", { domainName: unknown() }));
    expect(summariseDiagnostics(unknownDomain)).toEqual([
      { policy: POLICY, level: "advisory", urn: "urn:pulumi:dev::icpguard-test::alicloud:cdn/domainNew:DomainNew::pending-output" },
    ]);
    expect(unknownDomain[0].message).toContain("domainName is unknown during preview");
    expect(unknownDomain[0].message).not.toContain("can't run policy");
    expect(await analyze(cdn("after", { domainName: "www.shop.cn" }))).toHaveLength(1);
  });

  it("checks a secret domain and never prints it", async () => {
    const diagnostics = await session.analyze(cdn("secret", { domainName: secret("hidden.shop.cn") }));
    expect(summariseDiagnostics(diagnostics)).toHaveLength(1);
    expect(diagnostics[0].message).toContain("[secret]");
    expect(diagnostics[0].message).not.toContain("hidden");
    expect(diagnostics[0].message).not.toContain("shop.cn");
    expect(await analyze(cdn("secret-filed", { domainName: secret("hidden.example.com") }))).toEqual([]);
  });

  it("reads a request whose text merely contains the secret signature as any other", async () => {
    // The pack reads @pulumi/policy's props unless the request's bytes hold a secret signature;
    // a lookalike text sends it down the raw-request path, which must reach the same verdicts.
    const lookalike = { note: "1b47061264138c4ac30d75fd1eb44270" };
    const blocked = await session.analyze(cdn("lookalike", { domainName: "www.shop.cn", tags: lookalike }));
    expect(summariseDiagnostics(blocked)).toHaveLength(1);
    expect(blocked[0].message).toContain("www.shop.cn");
    expect(await analyze(cdn("lookalike-filed", { domainName: "www.example.com", tags: lookalike }))).toEqual([]);
  });

  it("keeps a secret hostname hidden when the secret sits beside plain values", async () => {
    const diagnostics = await session.analyze(
      cdn("mixed", { domainName: "www.shop.cn", sources: [{ content: secret("origin.internal"), type: "domain" }] }),
    );
    expect(summariseDiagnostics(diagnostics)).toHaveLength(1);
    expect(diagnostics[0].message).toContain("www.shop.cn");
    expect(diagnostics[0].message).not.toContain("origin.internal");
  });

  it("honours a live waiver and blocks once it has expired", async () => {
    expect(await analyze(cdn("waived", { domainName: "www.legacy.example.net" }))).toEqual([]);
    const expired = await session.analyze(cdn("expired", { domainName: "www.old.example.org" }));
    expect(expired[0].message).toContain("waiver expired on 2020-01-31");
  });

  it("ignores resources it does not know, and has no remediation or stack verdict of its own", async () => {
    expect(await analyze({ type: "alicloud:ecs/instance:Instance", name: "vm", properties: { hostName: "www.shop.cn" } })).toEqual([]);
    expect(await session.remediate(cdn("site", { domainName: "www.shop.cn" }))).toEqual([]);
    const stack = await session.analyzeStack([cdn("site", { domainName: "www.example.com" })]);
    expect(stack.filter((d) => d.policyName === POLICY)).toEqual([]);
  });

  it("decides every catalogue fixture exactly as the rules do, on both sides", async () => {
    const { session: fixtureSession } = await startPackLikeEngine(REPO, { policyConfig: FIXTURE_CONFIG });
    try {
      for (const testCase of CATALOGUE_CASES) {
        const resource = engineResourceOf(testCase.resource);
        const diagnostics = (await fixtureSession.analyze(resource)).filter((d) => d.policyName === POLICY);
        const expected = testCase.expected.map((e) => (e.level === "blocking" ? "mandatory" : "advisory"));
        expect(diagnostics.map((d) => d.enforcementLevel), testCase.title).toEqual(expected);
        for (const e of testCase.expected) {
          if (e.hostname) expect(diagnostics.some((d) => d.message.includes(e.hostname!)), testCase.title).toBe(true);
        }
      }
    } finally {
      await fixtureSession.close();
    }
  });
});

describe("icp-filing-required at update time", () => {
  let session: PackSession;
  beforeAll(async () => {
    ({ session } = await startPackLikeEngine(REPO, { policyConfig: CONFIG, dryRun: false }));
  });
  afterAll(() => session?.close());

  it("blocks the once-unknown domain now that its value is known", async () => {
    const diagnostics = await session.analyze(cdn("pending-output", { domainName: "cdn.shop.cn" }));
    expect(summariseDiagnostics(diagnostics)).toEqual([
      { policy: POLICY, level: "mandatory", urn: "urn:pulumi:dev::icpguard-test::alicloud:cdn/domainNew:DomainNew::pending-output" },
    ]);
  });

  it("blocks a value still unknown at update, since nothing could be checked", async () => {
    const diagnostics = await session.analyze(cdn("still-unknown", { domainName: unknown() }));
    expect(summariseDiagnostics(diagnostics).map((d) => d.level)).toEqual(["mandatory"]);
  });
});

describe("icp-filing-required when the engine configures the pack again", () => {
  it("judges by the newest config: the pack keeps no stale copy", async () => {
    const { session, info } = await startPackLikeEngine(REPO, { policyConfig: {}, dryRun: true });
    try {
      const site = cdn("site", { domainName: "www.example.com" });
      expect(summariseDiagnostics(await session.analyze(site))).toHaveLength(1);
      const filed = reconcilePolicyConfig(info, CONFIG);
      expect(filed.errors).toEqual([]);
      await session.configure(filed.config);
      expect(await session.analyze(site)).toEqual([]);
      await session.configure(reconcilePolicyConfig(info, {}).config);
      expect(summariseDiagnostics(await session.analyze(site))).toHaveLength(1);
    } finally {
      await session.close();
    }
  });
});

describe("icp-filing-required with a config the schema cannot fully judge", () => {
  let diagnostics: (resource: EngineResource) => Promise<Diagnostic[]>;
  let close: () => Promise<void>;
  beforeAll(async () => {
    const bad = {
      [POLICY]: {
        filings: [FILED, { domain: "com.cn", number: "京ICP备11018762号-3" }],
        waivers: [{ reason: "no target", expires: "2099-01-01" }],
        language: "zh",
      },
    };
    ({ diagnostics, close } = await launchConfigured(REPO, bad));
  });
  afterAll(() => close?.());

  it("fails closed with a mandatory violation naming each bad field, on every resource it checks", async () => {
    for (const resource of [cdn("filed", { domainName: "www.example.com" }), cdn("overseas", { domainName: "x.cn", scope: "overseas" })]) {
      const found = await diagnostics(resource);
      expect(found.map((d) => [d.policyName, d.enforcementLevel])).toEqual([[POLICY, "mandatory"]]);
      expect(found[0].message).toContain("filings[1].domain");
      expect(found[0].message).toContain("waivers[0]");
      expect(found[0].message).toContain("配置无效");
    }
    expect(await diagnostics({ type: "alicloud:ecs/instance:Instance", name: "vm", properties: {} })).toEqual([]);
  });
});

describe("messages in Chinese", () => {
  it("renders the violation in Chinese when language is zh", async () => {
    const { diagnostics, close } = await launchConfigured(REPO, { [POLICY]: { language: "zh" } });
    try {
      const [found] = await diagnostics(cdn("site", { domainName: "www.shop.cn", scope: "global" }));
      expect(found.message).toContain("将从中国大陆提供 www.shop.cn 的服务");
      expect(found.message).toContain("解决方法");
    } finally {
      await close();
    }
  });
});
