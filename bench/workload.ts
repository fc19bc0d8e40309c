// The bench workload: a deterministic stream of engine-shaped resources (a realistic mix of
// domain-serving and plain infrastructure) and the filing records a user would configure.

import {
  DEFAULT_PROJECT,
  DEFAULT_STACK,
  defaultProvider,
  makeUrn,
  secret,
  unknown,
  type AnalyzerInfo,
  type EngineProvider,
  type EngineResource,
} from "../harness";
import { formatFilingNumber, parseFilingNumber } from "../rules/filing-number";
import { Prng } from "./prng";

export const WORKLOAD_SEED = 0x1c9_2024;

/** A filing record as a user writes it in `--policy-pack-config`. */
export interface FilingRecordInput {
  domain: string;
  number: string;
  status?: "approved" | "pending";
  psb?: string;
}

// The stream's registered domains: the recorded ones (8 approved, 2 pending) and unfiled ones.
const APPROVED_DOMAINS = ["shop-example.com", "news-example.cn", "pay-example.com.cn", "例子.中国", "video-example.net", "game-example.cn", "edu-example.org.cn", "cloud-example.com"];
const PENDING_DOMAINS = ["launch-example.com", "beta-example.cn"];
const UNFILED_DOMAINS = [
  "brand-unfiled.com", "promo-unfiled.cn", "static-unfiled.net", "blog-unfiled.com.cn", "app-unfiled.io",
  "mall-unfiled.com", "ads-unfiled.cn", "media-unfiled.com", "docs-unfiled.org", "api-unfiled.com.cn",
  "img-unfiled.net", "live-unfiled.cn", "shop-unfiled.co", "data-unfiled.com",
];
const SUBDOMAINS = ["", "www.", "cdn.", "img.", "api.", "m.", "static.", "*."];
/** Province of the bench's filing entity; all its numbers start with its abbreviation. */
export const ENTITY_PROVINCE = { code: "CN-ZJ", abbreviation: "浙" } as const;
// Site indexes have at most 5 digits, so a very large entity gets a new serial every 99,999 sites.
const SITES_PER_SERIAL = 99_999;

/** The website filing number of the entity's `index`-th site: 浙ICP备2021003158号-<n>. */
export function filingNumberFor(index: number): string {
  const number = formatFilingNumber({
    series: "icp-filing",
    abbreviation: ENTITY_PROVINCE.abbreviation,
    serial: String(2_021_003_158 + Math.floor(index / SITES_PER_SERIAL)),
    siteIndex: 1 + (index % SITES_PER_SERIAL),
  });
  const parsed = parseFilingNumber(number);
  if (!parsed.ok || parsed.kind !== "website") throw new Error(`bench generated an invalid filing number ${number}`);
  return number;
}

/** The 10 records the stream's filed domains need. */
export function streamRecords(): FilingRecordInput[] {
  return [
    ...APPROVED_DOMAINS.map((domain, i) => ({ domain, number: filingNumberFor(i) })),
    ...PENDING_DOMAINS.map((domain, i) => ({ domain, number: filingNumberFor(APPROVED_DOMAINS.length + i), status: "pending" as const })),
  ];
}

/**
 * Records for a stack that can deploy: every registered domain the stream serves is filed and
 * approved, with its public-security number. What the pack still reports on the stream is what
 * preview cannot know yet (unknown values).
 */
export function allFiledRecords(): FilingRecordInput[] {
  return [...APPROVED_DOMAINS, ...PENDING_DOMAINS, ...UNFILED_DOMAINS].map((domain, i) => ({
    domain,
    number: filingNumberFor(i),
    psb: `${ENTITY_PROVINCE.abbreviation}公网安备${33_010_602_000_000 + i}号`,
  }));
}

/**
 * `count` records: the stream's 10, then domains the stream never serves. Verdicts on the
 * stream are the same for any count, so only the number of records differs.
 */
export function recordsOfSize(count: number): FilingRecordInput[] {
  const records = streamRecords().slice(0, count);
  for (let i = records.length; i < count; i++) {
    records.push({ domain: `filler-site-${i}.com`, number: filingNumberFor(i) });
  }
  return records;
}

/** `--policy-pack-config` contents: the records go to every policy whose schema has `filings`. */
export function policyConfigWithRecords(info: AnalyzerInfo, records: FilingRecordInput[]): Record<string, unknown> {
  const config: Record<string, unknown> = {};
  for (const policy of info.policies) {
    if (policy.configSchema?.properties.filings) config[policy.name] = { filings: records };
  }
  return config;
}

const ALI_VERSION = "3.108.0";
const TENCENT_VERSION = "0.2.3";
const PROVIDERS = {
  aliDefault: defaultProvider("alicloud", ALI_VERSION, { region: "cn-hangzhou" }),
  aliHongKong: { type: "pulumi:providers:alicloud", name: "alicloud-hk", properties: { region: "cn-hongkong", version: ALI_VERSION } },
  aliSingapore: { type: "pulumi:providers:alicloud", name: "alicloud-sg", properties: { region: "ap-southeast-1", version: ALI_VERSION } },
  tencentDefault: defaultProvider("tencentcloud", TENCENT_VERSION, { region: "ap-guangzhou" }),
  tencentHongKong: { type: "pulumi:providers:tencentcloud", name: "tencent-hk", properties: { region: "ap-hongkong", version: TENCENT_VERSION } },
} satisfies Record<string, EngineProvider>;

/** Every provider the stream uses, for stack exports. */
export const WORKLOAD_PROVIDERS: readonly EngineProvider[] = Object.values(PROVIDERS);

// Share of each kind of resource in the stream: about half can serve a custom domain.
const KIND_WEIGHTS = {
  aliCdn: 14,
  tencentCdn: 5,
  albRule: 8,
  slbRule: 5,
  bucketCname: 5,
  fcDomain: 3,
  tencentClbRule: 5,
  dnsRecord: 6,
  bucket: 8,
  ecsInstance: 15,
  vpc: 6,
  vswitch: 7,
  securityGroup: 5,
  ramRole: 4,
  albLoadBalancer: 4,
} as const;
type Kind = keyof typeof KIND_WEIGHTS;

class StreamBuilder {
  private readonly rng = new Prng(WORKLOAD_SEED);
  private readonly lastUrn = new Map<Kind, string>();

  resource(index: number): EngineResource {
    const kind = this.rng.weighted(KIND_WEIGHTS);
    const resource = this.build(kind, `${kind}-${index}`);
    const dependsOn = [this.lastUrn.get("vswitch"), this.lastUrn.get("securityGroup")].filter((urn): urn is string => urn !== undefined);
    if (kind !== "vpc" && dependsOn.length > 0 && this.rng.chance(0.5)) resource.dependencies = dependsOn;
    this.lastUrn.set(kind, makeUrn(DEFAULT_STACK, DEFAULT_PROJECT, resource.type, resource.name));
    return resource;
  }

  /** A served hostname: filed, pending, unfiled, cloud-assigned, unknown at preview or secret. */
  private hostname(): unknown {
    const roll = this.rng.next();
    if (roll < 0.05) return unknown();
    if (roll < 0.12) return `${this.rng.pick(["bucket", "lb", "fn"])}-${this.rng.below(1000)}.cn-hangzhou.aliyuncs.com`;
    const pool = roll < 0.35 ? APPROVED_DOMAINS : roll < 0.4 ? PENDING_DOMAINS : UNFILED_DOMAINS;
    const name = `${this.rng.pick(SUBDOMAINS)}${this.rng.pick(pool)}`;
    return this.rng.chance(0.03) ? secret(name) : name;
  }

  private aliProvider(): EngineProvider {
    const roll = this.rng.next();
    return roll < 0.75 ? PROVIDERS.aliDefault : roll < 0.9 ? PROVIDERS.aliHongKong : PROVIDERS.aliSingapore;
  }

  private tencentProvider(): EngineProvider {
    return this.rng.chance(0.7) ? PROVIDERS.tencentDefault : PROVIDERS.tencentHongKong;
  }

  private tags(): Record<string, string> {
    return { team: this.rng.pick(["web", "data", "platform", "growth"]), env: this.rng.pick(["prod", "staging"]) };
  }

  private build(kind: Kind, name: string): EngineResource {
    const rng = this.rng;
    const ali = (type: string, properties: Record<string, unknown>): EngineResource => ({ type, name, properties, provider: this.aliProvider() });
    switch (kind) {
      case "aliCdn": {
        const scope = rng.chance(0.03) ? unknown() : rng.weighted({ domestic: 40, overseas: 35, global: 15, omitted: 10 });
        return ali("alicloud:cdn/domainNew:DomainNew", {
          domainName: this.hostname(),
          cdnType: rng.pick(["web", "download", "video"]),
          ...(scope === "omitted" ? {} : { scope }),
          sources: [{ content: `origin-${rng.below(50)}.oss-cn-hangzhou.aliyuncs.com`, type: "oss", port: 443, priority: 20, weight: 10 }],
          tags: this.tags(),
        });
      }
      case "tencentCdn":
        return {
          type: "tencentcloud:Cdn/domain:Domain",
          name,
          properties: {
            domain: this.hostname(),
            serviceType: "web",
            area: rng.pick(["mainland", "overseas", "global"]),
            origin: { originType: "domain", originLists: [`origin-${rng.below(50)}.example-origin.com`] },
            httpsConfig: { httpsSwitch: "on", http2Switch: "on" },
          },
          provider: this.tencentProvider(),
        };
      case "albRule":
        return ali("alicloud:alb/rule:Rule", {
          listenerId: rng.chance(0.3) ? unknown() : `lsn-${rng.below(1e6)}`,
          priority: 1 + rng.below(100),
          ruleName: name,
          ruleConditions: [
            { type: "Host", hostConfig: { values: rng.chance(0.3) ? [this.hostname(), this.hostname()] : [this.hostname()] } },
            { type: "Path", pathConfig: { values: ["/api/*"] } },
          ],
          ruleActions: [{ order: 1, type: "ForwardGroup", forwardGroupConfig: { serverGroupTuples: [{ serverGroupId: `sgp-${rng.below(1e6)}` }] } }],
        });
      case "slbRule":
        return ali("alicloud:slb/rule:Rule", {
          loadBalancerId: `lb-${rng.below(1e6)}`,
          frontendPort: 443,
          domain: this.hostname(),
          url: "/",
          serverGroupId: `rsp-${rng.below(1e6)}`,
        });
      case "bucketCname":
        return ali("alicloud:oss/bucketCname:BucketCname", { bucket: `assets-${rng.below(1000)}`, domain: this.hostname() });
      case "fcDomain":
        return ali("alicloud:fc/v3CustomDomain:V3CustomDomain", {
          customDomainName: this.hostname(),
          protocol: "HTTP,HTTPS",
          routeConfig: { routes: [{ functionName: `fn-${rng.below(100)}`, path: "/*" }] },
        });
      case "tencentClbRule":
        return {
          type: "tencentcloud:Clb/listenerRule:ListenerRule",
          name,
          properties: { clbId: `lb-${rng.below(1e6)}`, listenerId: `lbl-${rng.below(1e6)}`, domain: this.hostname(), url: "/", scheduler: "WRR" },
          provider: this.tencentProvider(),
        };
      case "dnsRecord": {
        // Points at a CDN domain's CNAME or an instance's address: unknown until they exist.
        const target = this.lastUrn.get(rng.pick(["aliCdn", "ecsInstance", "albLoadBalancer"] as const));
        const record = ali("alicloud:dns/alidnsRecord:AlidnsRecord", {
          domainName: rng.pick(rng.chance(0.4) ? APPROVED_DOMAINS : UNFILED_DOMAINS),
          rr: rng.pick(["www", "@", "api", "img", "shop"]),
          type: target ? rng.pick(["CNAME", "A"]) : "A",
          value: target ? unknown() : `47.${rng.below(256)}.${rng.below(256)}.${rng.below(256)}`,
          ttl: 600,
        });
        if (target) record.propertyDependencies = { value: [target] };
        return record;
      }
      case "bucket":
        return ali("alicloud:oss/bucket:Bucket", { bucket: `data-${rng.below(1e6)}`, acl: "private", storageClass: "Standard", tags: this.tags() });
      case "ecsInstance":
        return ali("alicloud:ecs/instance:Instance", {
          instanceType: rng.pick(["ecs.g7.large", "ecs.c7.xlarge", "ecs.r7.2xlarge"]),
          imageId: "aliyun_3_x64_20G_alibase_20240819.vhd",
          vswitchId: rng.chance(0.4) ? unknown() : `vsw-${rng.below(1e6)}`,
          securityGroups: [`sg-${rng.below(1e6)}`],
          systemDiskCategory: "cloud_essd",
          systemDiskSize: 40,
          internetMaxBandwidthOut: rng.below(100),
          userData: secret("#!/bin/sh\necho hello\n"),
          tags: this.tags(),
        });
      case "vpc":
        return ali("alicloud:vpc/network:Network", { vpcName: name, cidrBlock: "10.0.0.0/8", tags: this.tags() });
      case "vswitch":
        return ali("alicloud:vpc/switch:Switch", {
          vpcId: rng.chance(0.5) ? unknown() : `vpc-${rng.below(1e6)}`,
          cidrBlock: `10.${rng.below(256)}.0.0/16`,
          zoneId: rng.pick(["cn-hangzhou-h", "cn-hangzhou-i", "cn-hangzhou-j"]),
        });
      case "securityGroup":
        return ali("alicloud:ecs/securityGroup:SecurityGroup", { name, vpcId: `vpc-${rng.below(1e6)}`, securityGroupType: "normal" });
      case "ramRole":
        return ali("alicloud:ram/role:Role", {
          name,
          document: JSON.stringify({ Statement: [{ Action: "sts:AssumeRole", Effect: "Allow", Principal: { Service: ["ecs.aliyuncs.com"] } }], Version: "1" }),
        });
      case "albLoadBalancer":
        return ali("alicloud:alb/loadBalancer:LoadBalancer", {
          vpcId: `vpc-${rng.below(1e6)}`,
          addressType: "Internet",
          loadBalancerEdition: "Standard",
          loadBalancerBillingConfig: { payType: "PayAsYouGo" },
          zoneMappings: [{ vswitchId: `vsw-${rng.below(1e6)}`, zoneId: "cn-hangzhou-h" }, { vswitchId: `vsw-${rng.below(1e6)}`, zoneId: "cn-hangzhou-i" }],
        });
    }
  }
}

/** The first `count` resources of the bench stream (the same ones on every run). */
export function resourceStream(count: number): EngineResource[] {
  const builder = new StreamBuilder();
  const resources: EngineResource[] = [];
  for (let i = 0; i < count; i++) resources.push(builder.resource(i));
  return resources;
}
