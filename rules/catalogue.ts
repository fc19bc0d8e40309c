// The resource catalogue: for each Pulumi type token that can serve a custom hostname, where its
// hostnames are and what decides whether it serves from mainland China.
// Source keys: A = npm @pulumi/alicloud 3.108.0 (Args docs, __pulumiType); A-TF = upstream
// aliyun/terraform-provider-alicloud docs/source; T = tencentcloudstack/pulumi-tencentcloud v0.2.3
// sdk/nodejs; T-TF = terraform-provider-tencentcloud v1.82.42. Details: ../shared/reference/provider-catalogue.md.

import type { CoverageMeaning, CoverageVocabularyName } from "./coverage";
import type { Cloud } from "./regions";

export interface HostnameSource {
  /** Property path pattern (see readPath): `domain`, `domains[]`, `rules[].domain`, `list[type=Host].values[]`. */
  path: string;
  /** Some inputs join several names in one string. */
  split?: string;
}

export type LocationSource =
  /** Served by edge nodes; a coverage input says where. */
  | {
      kind: "coverage";
      property: string;
      vocabulary: CoverageVocabularyName;
      whenOmitted: CoverageMeaning;
      /** Why the default is what it is, shown in the catalogue document. */
      omittedSource: string;
    }
  /** Served from one region: the resource's own region input if it has one, else its provider's. */
  | { kind: "region"; property?: string }
  /** A product that only has mainland nodes. */
  | { kind: "mainland-only"; why: string };

export interface CatalogueEntry {
  type: string;
  cloud: Cloud;
  title: string;
  hostnames: HostnameSource[];
  location: LocationSource;
  source: string;
  notes?: string;
}

const regional = (property?: string): LocationSource => (property ? { kind: "region", property } : { kind: "region" });

const alibabaScope = (omittedSource: string, whenOmitted: CoverageMeaning = "includes-mainland"): LocationSource => ({
  kind: "coverage",
  property: "scope",
  vocabulary: "alibaba-scope",
  whenOmitted,
  omittedSource,
});

export const CATALOGUE: readonly CatalogueEntry[] = [
  // ---- Alibaba Cloud: edge (coverage decides) ----
  {
    type: "alicloud:cdn/domainNew:DomainNew",
    cloud: "alicloud",
    title: "Alibaba Cloud CDN domain",
    hostnames: [{ path: "domainName" }],
    location: alibabaScope("A doc: scope defaults to domestic"),
    source: "A cdn/domainNew.d.ts",
  },
  {
    type: "alicloud:cdn/domain:Domain",
    cloud: "alicloud",
    title: "Alibaba Cloud CDN domain (legacy)",
    hostnames: [{ path: "domainName" }],
    location: alibabaScope("no provider default; the CDN API treats an omitted scope as domestic (unconfirmed)"),
    source: "A-TF resource_alicloud_cdn_domain.go",
    notes: "Deprecated resource, still deployable.",
  },
  {
    type: "alicloud:dcdn/domain:Domain",
    cloud: "alicloud",
    title: "Alibaba Cloud DCDN domain",
    hostnames: [{ path: "domainName", split: "," }],
    location: alibabaScope("no provider default; ROS ALIYUN::DCDN::Domain documents domestic"),
    source: "A dcdn/domain.d.ts, A-TF docs",
    notes: "domainName may join several names with commas.",
  },
  {
    type: "alicloud:dcdn/ipaDomain:IpaDomain",
    cloud: "alicloud",
    title: "Alibaba Cloud DCDN IPA (layer 4) domain",
    hostnames: [{ path: "domainName" }],
    location: alibabaScope("optional and computed; default unconfirmed, read as domestic"),
    source: "A dcdn/ipaDomain.d.ts",
  },
  {
    type: "alicloud:scdn/domain:Domain",
    cloud: "alicloud",
    title: "Alibaba Cloud Secure CDN domain",
    hostnames: [{ path: "domainName" }],
    location: { kind: "mainland-only", why: "SCDN has no coverage input; its nodes are read as mainland (unconfirmed)" },
    source: "A scdn/domain.d.ts",
    notes: "Deprecated; no new sales since 2023-01-26.",
  },
  {
    type: "alicloud:vod/domain:Domain",
    cloud: "alicloud",
    title: "ApsaraVideo VOD domain",
    hostnames: [{ path: "domainName" }],
    location: alibabaScope("A-TF doc and schema: scope defaults to domestic"),
    source: "A vod/domain.d.ts, A-TF docs",
  },
  {
    type: "alicloud:live/domain:Domain",
    cloud: "alicloud",
    title: "ApsaraVideo Live domain",
    hostnames: [{ path: "domainName" }],
    location: alibabaScope("A-TF doc: scope defaults to domestic"),
    source: "A live/domain.d.ts, A-TF docs",
  },
  {
    type: "alicloud:esa/site:Site",
    cloud: "alicloud",
    title: "Alibaba Cloud ESA site",
    hostnames: [{ path: "siteName" }],
    location: {
      kind: "coverage",
      property: "coverage",
      vocabulary: "alibaba-scope",
      whenOmitted: "includes-mainland",
      omittedSource: "no provider default; the CreateSite API requires it, so an omitted coverage is read as mainland (fail closed)",
    },
    source: "A esa/site.d.ts, A-TF docs",
  },
  // ---- Alibaba Cloud: regional (provider region decides) ----
  {
    type: "alicloud:oss/bucketCname:BucketCname",
    cloud: "alicloud",
    title: "OSS bucket custom domain",
    hostnames: [{ path: "domain" }],
    location: regional(),
    source: "A oss/bucketCname.d.ts",
  },
  {
    type: "alicloud:fc/customDomain:CustomDomain",
    cloud: "alicloud",
    title: "Function Compute 2.0 custom domain",
    hostnames: [{ path: "domainName" }],
    location: regional(),
    source: "A fc/customDomain.d.ts",
  },
  {
    type: "alicloud:fc/v3CustomDomain:V3CustomDomain",
    cloud: "alicloud",
    title: "Function Compute 3.0 custom domain",
    hostnames: [{ path: "customDomainName" }],
    location: regional(),
    source: "A fc/v3customDomain.d.ts",
  },
  {
    type: "alicloud:apig/domain:Domain",
    cloud: "alicloud",
    title: "Cloud-native API Gateway domain",
    hostnames: [{ path: "domainName" }],
    location: regional(),
    source: "A apig/domain.d.ts",
  },
  {
    type: "alicloud:slb/rule:Rule",
    cloud: "alicloud",
    title: "CLB (SLB) forwarding rule",
    hostnames: [{ path: "domain" }],
    location: regional(),
    source: "A slb/rule.d.ts",
  },
  {
    type: "alicloud:slb/domainExtension:DomainExtension",
    cloud: "alicloud",
    title: "CLB (SLB) HTTPS additional domain",
    hostnames: [{ path: "domain" }],
    location: regional(),
    source: "A slb/domainExtension.d.ts",
  },
  {
    type: "alicloud:alb/rule:Rule",
    cloud: "alicloud",
    title: "ALB forwarding rule (host condition)",
    hostnames: [{ path: "ruleConditions[type=Host].hostConfig.values[]" }],
    location: regional(),
    source: "A alb/rule.d.ts",
  },
  {
    type: "alicloud:waf/domain:Domain",
    cloud: "alicloud",
    title: "WAF 2.0 domain",
    hostnames: [{ path: "domainName" }, { path: "domain" }],
    location: regional(),
    source: "A waf/domain.d.ts",
    notes: "Deprecated; `domain` is the deprecated spelling of `domainName`.",
  },
  {
    type: "alicloud:wafv3/domain:Domain",
    cloud: "alicloud",
    title: "WAF 3.0 domain",
    hostnames: [{ path: "domain" }],
    location: regional(),
    source: "A wafv3/domain.d.ts",
  },
  {
    type: "alicloud:sae/ingress:Ingress",
    cloud: "alicloud",
    title: "SAE ingress",
    hostnames: [{ path: "rules[].domain" }],
    location: regional(),
    source: "A sae/ingress.d.ts",
  },
  // ---- Tencent Cloud: edge ----
  {
    type: "tencentcloud:Cdn/domain:Domain",
    cloud: "tencentcloud",
    title: "Tencent Cloud CDN domain",
    hostnames: [{ path: "domain" }],
    location: {
      kind: "coverage",
      property: "area",
      vocabulary: "tencent-area",
      whenOmitted: "includes-mainland",
      omittedSource: "no default in T/T-TF; the API default is unconfirmed, read as mainland",
    },
    source: "T sdk/nodejs/cdn/domain.ts",
  },
  {
    type: "tencentcloud:Css/domain:Domain",
    cloud: "tencentcloud",
    title: "Tencent Cloud Live (CSS) domain",
    hostnames: [{ path: "domainName" }],
    location: {
      kind: "coverage",
      property: "playType",
      vocabulary: "tencent-css-play-type",
      whenOmitted: "includes-mainland",
      omittedSource: "T doc: playType defaults to 1 (mainland)",
    },
    source: "T sdk/nodejs/css/domain.ts",
  },
  {
    type: "tencentcloud:Teo/zone:Zone",
    cloud: "tencentcloud",
    title: "EdgeOne site (zone)",
    hostnames: [{ path: "zoneName" }],
    location: {
      kind: "coverage",
      property: "area",
      vocabulary: "tencent-area",
      whenOmitted: "includes-mainland",
      omittedSource: "required by the schema (its doc says unfilled means overseas); an omitted area is read as mainland (fail closed)",
    },
    source: "T sdk/nodejs/teo/zone.ts",
  },
  // ---- Tencent Cloud: regional ----
  {
    type: "tencentcloud:Cos/bucket:Bucket",
    cloud: "tencentcloud",
    title: "COS bucket custom (origin) domain rules",
    hostnames: [{ path: "originDomainRules[].domain" }],
    location: regional(),
    source: "T sdk/nodejs/cos/bucket.ts",
  },
  {
    type: "tencentcloud:Cos/bucketDomainCertificateAttachment:BucketDomainCertificateAttachment",
    cloud: "tencentcloud",
    title: "COS custom domain certificate",
    hostnames: [{ path: "domainCertificate.domain" }],
    location: regional(),
    source: "T sdk/nodejs/cos/bucketDomainCertificateAttachment.ts",
  },
  {
    type: "tencentcloud:Clb/listenerRule:ListenerRule",
    cloud: "tencentcloud",
    title: "CLB layer-7 listener rule",
    hostnames: [{ path: "domain" }, { path: "domains[]" }],
    location: regional(),
    source: "T sdk/nodejs/clb/listenerRule.ts",
  },
  {
    type: "tencentcloud:Clb/listenerDefaultDomain:ListenerDefaultDomain",
    cloud: "tencentcloud",
    title: "CLB listener default domain",
    hostnames: [{ path: "domain" }],
    location: regional(),
    source: "T sdk/nodejs/clb/listenerDefaultDomain.ts",
  },
  {
    type: "tencentcloud:Scf/customDomain:CustomDomain",
    cloud: "tencentcloud",
    title: "SCF custom domain",
    hostnames: [{ path: "domain" }],
    location: regional(),
    source: "T sdk/nodejs/scf/customDomain.ts",
  },
  {
    type: "tencentcloud:ApiGateway/customDomain:CustomDomain",
    cloud: "tencentcloud",
    title: "API Gateway custom domain",
    hostnames: [{ path: "subDomain" }],
    location: regional(),
    source: "T sdk/nodejs/apigateway/customDomain.ts",
  },
  {
    type: "tencentcloud:Waf/clbDomain:ClbDomain",
    cloud: "tencentcloud",
    title: "WAF domain (CLB mode)",
    hostnames: [{ path: "domain" }],
    location: regional("region"),
    source: "T sdk/nodejs/waf/clbDomain.ts",
  },
  {
    type: "tencentcloud:Waf/saasDomain:SaasDomain",
    cloud: "tencentcloud",
    title: "WAF domain (SaaS mode)",
    hostnames: [{ path: "domain" }],
    location: regional(),
    source: "T sdk/nodejs/waf/saasDomain.ts",
  },
];

const BY_TYPE = new Map<string, CatalogueEntry>(CATALOGUE.map((entry) => [entry.type, entry]));

export function catalogueEntryFor(typeToken: string): CatalogueEntry | undefined {
  return BY_TYPE.get(typeToken);
}
