// The resource catalogue: for each Pulumi type token that can serve a custom hostname, where its
// hostnames are and what decides whether it serves from mainland China.
// Source keys: A = npm @pulumi/alicloud 3.108.0 (Args docs, __pulumiType); A-TF = upstream
// aliyun/terraform-provider-alicloud docs/source; T = tencentcloudstack/pulumi-tencentcloud v0.2.3
// sdk/nodejs; T-TF = terraform-provider-tencentcloud v1.82.42; API = the cloud's API help pages.
// Details: ../notes/catalogue-research.md (checked against both SDKs) and
// ../shared/reference/provider-catalogue.md. docs/catalogue.md is generated from this file.

import type { CoverageMeaning, CoverageVocabularyName } from "./coverage";
import type { Cloud, RegionFormat } from "./regions";
import type { Condition } from "./view";

export interface HostnameSource {
  /**
   * Property path pattern (see readPath): `domain`, `domains[]`, `rules[].domain`,
   * `list[type=Host].values[]`, `rules[status!=DISABLED].domain`. With `zone`, the part of a DNS
   * name relative to the zone.
   */
  path: string;
  /** Some inputs join several names in one string. */
  split?: string;
  /** The value is a JSON-encoded array of names (GA `ruleConditionValue`). */
  json?: boolean;
  /** DNS records: path of the zone (apex) the relative name at `path` is in; `@` or empty is the apex. */
  zone?: string;
  /** The relative name when `path` is omitted (DNSPod `subDomain` defaults to `@`). */
  relativeWhenOmitted?: string;
  /**
   * A value (or, with `zone`, a zone) without a dot is a name the provider generated
   * (auto-naming) or an instance name, not a domain.
   */
  dotlessIsNotHostname?: boolean;
  /** Read only when this holds (e.g. a record type that can serve, a public network type). */
  when?: Condition;
}

/** Served by edge nodes; a coverage input says where. */
export interface CoverageLocation {
  kind: "coverage";
  property: string;
  vocabulary: CoverageVocabularyName;
  whenOmitted: CoverageMeaning;
  /** Why the default is what it is, shown in messages and the catalogue document. */
  omittedSource: string;
}

/** Served from one region: the resource's own region input if it has one, else its provider's. */
export interface RegionLocation {
  kind: "region";
  property?: string;
  /** How `property` writes the region (Tencent WAF takes short codes such as `gz`, `hk`). */
  format?: RegionFormat;
}

/** A product that only has mainland nodes, or a case read as mainland for lack of any input. */
export interface MainlandOnlyLocation {
  kind: "mainland-only";
  why: string;
}

/** One of two location sources, picked by a property (CSS push vs play domains, ESA proxied records). */
export interface ChoiceLocation {
  kind: "choice";
  when: Condition;
  then: LocationSource;
  otherwise: LocationSource;
}

interface LinkBase {
  kind: "linked";
  /** What the other resource is, for messages ("EdgeOne zone"). */
  what: string;
  /** Type tokens the other resource can have. */
  targets: readonly string[];
  /** Where the other resource serves from. */
  targetLocation: LocationSource;
  /** Why the link can be missing, when the input is optional. */
  whenOmitted?: string;
}

/**
 * Coverage that lives on another resource. Found in the stack through the engine's property
 * dependencies (`reference`), through resources that name the same parent (`shared`: the IP sets
 * of a GA accelerator), or by an equal name (`name`).
 */
export type LinkedLocation =
  | (LinkBase & { match: "reference"; property: string })
  | (LinkBase & { match: "shared"; property: string; targetProperty: string })
  | (LinkBase & { match: "name"; properties: readonly string[]; targetProperty: string });

/** A DNS record: it serves nothing itself; the resource its value points at decides. */
export interface DnsRecordLocation {
  kind: "dns-record";
  /** Path of the record's value (address or CNAME target). */
  value: string;
}

export type LocationSource =
  | CoverageLocation
  | RegionLocation
  | MainlandOnlyLocation
  | ChoiceLocation
  | LinkedLocation
  | DnsRecordLocation;

export interface CatalogueEntry {
  type: string;
  cloud: Cloud;
  title: string;
  hostnames: HostnameSource[];
  location: LocationSource;
  /** Where the facts come from (source keys above). */
  source: string;
  notes?: string;
  /** What no source settled, besides defaults already marked in `omittedSource`. */
  unconfirmed?: string;
}

const regional = (property?: string, format?: RegionFormat): RegionLocation => {
  const location: RegionLocation = { kind: "region" };
  if (property) location.property = property;
  if (format) location.format = format;
  return location;
};

const coverage = (
  property: string,
  vocabulary: CoverageVocabularyName,
  omittedSource: string,
  whenOmitted: CoverageMeaning = "includes-mainland",
): CoverageLocation => ({ kind: "coverage", property, vocabulary, whenOmitted, omittedSource });

const alibabaScope = (omittedSource: string): CoverageLocation => coverage("scope", "alibaba-scope", omittedSource);

// Record types that point a name at something that serves (others are mail, text, delegation …).
const SERVING_RECORD = (property: string, types: readonly string[]): Condition => ({ property, oneOf: types, ifOmitted: true });
const ADDRESS_TYPES = ["A", "AAAA", "CNAME"];

export const ESA_SITE_COVERAGE = coverage(
  "coverage",
  "esa-coverage",
  "no provider default; the CreateSite API requires it, so an omitted coverage is read as mainland (fail closed)",
);

const ESA_SITE: LinkedLocation = {
  kind: "linked",
  match: "reference",
  property: "siteId",
  what: "ESA site",
  targets: ["alicloud:esa/site:Site"],
  targetLocation: ESA_SITE_COVERAGE,
};

export const TEO_ZONE_AREA = coverage(
  "area",
  "teo-area",
  "required by the schema (its doc says unfilled means overseas); an omitted area is read as mainland (fail closed)",
);

const TEO_ZONE: LinkedLocation = {
  kind: "linked",
  match: "reference",
  property: "zoneId",
  what: "EdgeOne zone",
  targets: ["tencentcloud:Teo/zone:Zone"],
  targetLocation: TEO_ZONE_AREA,
};

const GA_IP_SETS: LinkedLocation = {
  kind: "linked",
  match: "shared",
  property: "acceleratorId",
  targetProperty: "acceleratorId",
  what: "Global Accelerator IP set",
  targets: ["alicloud:ga/ipSet:IpSet", "alicloud:ga/basicIpSet:BasicIpSet"],
  targetLocation: coverage("accelerateRegionId", "alibaba-region", "required by the schema; an omitted region is read as mainland (fail closed)"),
};

const GAAP_PROXY: LinkedLocation = {
  kind: "linked",
  match: "reference",
  property: "proxyId",
  what: "GAAP proxy",
  targets: ["tencentcloud:Gaap/proxy:Proxy"],
  targetLocation: coverage("accessRegion", "gaap-access-region", "required by the schema; an omitted access region is read as mainland (fail closed)"),
  whenOmitted: "the listener sits on a proxy group (groupId), and no input lists the group's proxies",
};

const GAAP_LISTENER: LinkedLocation = {
  kind: "linked",
  match: "reference",
  property: "listenerId",
  what: "GAAP layer-7 listener",
  targets: ["tencentcloud:Gaap/layer7Listener:Layer7Listener"],
  targetLocation: GAAP_PROXY,
};

const LIVE_SCOPE = alibabaScope("A-TF doc: scope defaults to domestic");

const CSS_DOMAIN_LOCATION: ChoiceLocation = {
  kind: "choice",
  when: { property: "domainType", oneOf: ["1"], ifOmitted: false },
  then: coverage("playType", "tencent-css-play-type", "T doc: playType defaults to 1 (mainland)"),
  otherwise: { kind: "mainland-only", why: "a push domain (domainType 0) has no coverage input and is read as mainland" },
};

export const CATALOGUE: readonly CatalogueEntry[] = [
  // ---- Alibaba Cloud: edge (coverage decides) ----
  {
    type: "alicloud:cdn/domainNew:DomainNew",
    cloud: "alicloud",
    title: "Alibaba Cloud CDN domain",
    hostnames: [{ path: "domainName" }],
    location: alibabaScope("A doc: scope defaults to domestic"),
    source: "A cdn/domainNew.d.ts; A-TF cdn_domain_new.html.markdown",
    notes: "A's doc: scope is honoured only for international accounts and China-site L3+ accounts.",
  },
  {
    type: "alicloud:cdn/domain:Domain",
    cloud: "alicloud",
    title: "Alibaba Cloud CDN domain (legacy)",
    hostnames: [{ path: "domainName" }],
    location: alibabaScope("optional and computed with no provider default; read as domestic (unconfirmed)"),
    source: "A cdn/domain.d.ts (no doc text); A-TF resource_alicloud_cdn_domain.go (scope values)",
    notes: "Deprecated resource, still deployable; requires cdnType.",
  },
  {
    type: "alicloud:dcdn/domain:Domain",
    cloud: "alicloud",
    title: "Alibaba Cloud DCDN domain",
    hostnames: [{ path: "domainName", split: "," }],
    location: alibabaScope("optional, not computed, sent only when set (A-TF); ROS ALIYUN::DCDN::Domain documents domestic (unconfirmed for the API)"),
    source: "A dcdn/domain.d.ts; A-TF resource_alicloud_dcdn_domain.go; API AddDcdnDomain (domestic and global need ICP)",
    notes: "domainName is split on commas (the doc text was copied from a query API that takes several names).",
  },
  {
    type: "alicloud:dcdn/ipaDomain:IpaDomain",
    cloud: "alicloud",
    title: "Alibaba Cloud DCDN IPA (layer 4) domain",
    hostnames: [{ path: "domainName" }],
    location: alibabaScope("optional and computed; default unconfirmed, read as domestic"),
    source: "A dcdn/ipaDomain.d.ts",
    notes: "A wildcard is written with a leading dot (.example.com).",
  },
  {
    type: "alicloud:scdn/domain:Domain",
    cloud: "alicloud",
    title: "Alibaba Cloud Secure CDN domain",
    hostnames: [{ path: "domainName" }],
    location: { kind: "mainland-only", why: "SCDN has no coverage input; its nodes are read as mainland (unconfirmed)" },
    source: "A scdn/domain.d.ts",
    notes: "Deprecated since A-TF 1.219.0; no new sales since 2023-01-26.",
  },
  {
    type: "alicloud:vod/domain:Domain",
    cloud: "alicloud",
    title: "ApsaraVideo VOD domain",
    hostnames: [{ path: "domainName" }],
    location: alibabaScope("A-TF doc and schema: scope defaults to domestic"),
    source: "A vod/domain.d.ts; A-TF vod_domain.html.markdown",
    notes: "A wildcard is written with a leading dot (.example.com).",
  },
  {
    type: "alicloud:live/domain:Domain",
    cloud: "alicloud",
    title: "ApsaraVideo Live domain",
    hostnames: [{ path: "domainName" }],
    location: LIVE_SCOPE,
    source: "A live/domain.d.ts; A-TF live_domain.html.markdown",
    notes: "Its required `region` is the live centre, not the delivery coverage, so it is not read.",
  },
  {
    type: "alicloud:esa/site:Site",
    cloud: "alicloud",
    title: "Alibaba Cloud ESA site",
    hostnames: [{ path: "siteName" }],
    location: ESA_SITE_COVERAGE,
    source: "A esa/site.d.ts; A-TF esa_site.html.markdown, resource_alicloud_esa_site.go; API CreateSite (domestic and global need ICP)",
  },
  {
    type: "alicloud:esa/record:Record",
    cloud: "alicloud",
    title: "Alibaba Cloud ESA DNS record",
    hostnames: [{ path: "recordName", when: SERVING_RECORD("recordType", ["A/AAAA", ...ADDRESS_TYPES]) }],
    location: {
      kind: "choice",
      when: { property: "proxied", oneOf: ["true"], ifOmitted: false },
      then: ESA_SITE,
      otherwise: { kind: "dns-record", value: "data.value" },
    },
    source: "A esa/record.d.ts, types/input.d.ts esa.RecordData",
    notes: "A proxied record is served by the site's edge; an unproxied one is plain DNS and points at data.value.",
    unconfirmed: "proxied has no documented default; an omitted proxied is read as plain DNS.",
  },
  {
    type: "alicloud:esa/routineRelatedRecord:RoutineRelatedRecord",
    cloud: "alicloud",
    title: "ESA edge routine bound to a hostname",
    hostnames: [{ path: "recordName" }],
    location: ESA_SITE,
    source: "A esa/routineRelatedRecord.d.ts",
  },
  {
    type: "alicloud:esa/edgeContainerAppRecord:EdgeContainerAppRecord",
    cloud: "alicloud",
    title: "ESA edge container app bound to a hostname",
    hostnames: [{ path: "recordName" }],
    location: { ...ESA_SITE, whenOmitted: "siteId is optional on this resource" },
    source: "A esa/edgeContainerAppRecord.d.ts",
  },
  {
    type: "alicloud:esa/transportLayerApplication:TransportLayerApplication",
    cloud: "alicloud",
    title: "ESA layer-4 application",
    hostnames: [{ path: "recordName" }],
    location: ESA_SITE,
    source: "A esa/transportLayerApplication.d.ts",
  },
  // ---- Alibaba Cloud: global acceleration (the accelerator's IP sets decide) ----
  {
    type: "alicloud:ga/domain:Domain",
    cloud: "alicloud",
    title: "Global Accelerator domain",
    hostnames: [{ path: "domain" }],
    location: GA_IP_SETS,
    source: "A ga/domain.d.ts; API ga CreateDomain (a domain served in the mainland needs ICP, error NoIcpRecord)",
    notes: "The GA API region is always cn-hangzhou and says nothing about where it serves.",
  },
  {
    type: "alicloud:ga/forwardingRule:ForwardingRule",
    cloud: "alicloud",
    title: "Global Accelerator forwarding rule (host condition)",
    hostnames: [
      { path: "ruleConditions[ruleConditionType=Host].hostConfigs[].values[]" },
      { path: "ruleConditions[ruleConditionType=Host].ruleConditionValue", json: true },
    ],
    location: GA_IP_SETS,
    source: "A ga/forwardingRule.d.ts, types/input.d.ts ga.ForwardingRuleRuleCondition*; A-TF tests (ruleConditionValue is a JSON array)",
  },
  {
    type: "alicloud:ga/additionalCertificate:AdditionalCertificate",
    cloud: "alicloud",
    title: "Global Accelerator additional (SNI) certificate domain",
    hostnames: [{ path: "domain" }],
    location: GA_IP_SETS,
    source: "A ga/additionalCertificate.d.ts",
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
    notes: "Deprecated; use fc/v3CustomDomain.",
  },
  {
    type: "alicloud:fc/v3CustomDomain:V3CustomDomain",
    cloud: "alicloud",
    title: "Function Compute 3.0 custom domain",
    hostnames: [{ path: "customDomainName" }],
    location: regional(),
    source: "A fc/v3customDomain.d.ts; A-TF resource_alicloud_fcv3_custom_domain.go",
  },
  {
    type: "alicloud:apig/domain:Domain",
    cloud: "alicloud",
    title: "Cloud-native API Gateway domain",
    hostnames: [{ path: "domainName" }],
    location: regional(),
    source: "A apig/domain.d.ts",
    notes: "Classic API Gateway (apigateway/*) has no custom-domain resource.",
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
    source: "A alb/rule.d.ts, types/input.d.ts alb.RuleRuleCondition* (the doc calls the values IP addresses; the type says host names)",
  },
  {
    type: "alicloud:sae/ingress:Ingress",
    cloud: "alicloud",
    title: "SAE ingress",
    hostnames: [{ path: "rules[].domain" }],
    location: regional(),
    source: "A sae/ingress.d.ts",
  },
  {
    type: "alicloud:waf/domain:Domain",
    cloud: "alicloud",
    title: "WAF 2.0 domain",
    hostnames: [{ path: "domainName" }, { path: "domain" }],
    location: regional(),
    source: "A waf/domain.d.ts",
    notes: "Deprecated; `domain` is the deprecated spelling of `domainName`.",
    unconfirmed: "region meaning assumed as WAF 3.0: cn-hangzhou mainland, ap-southeast-1 outside.",
  },
  {
    type: "alicloud:wafv3/domain:Domain",
    cloud: "alicloud",
    title: "WAF 3.0 domain",
    hostnames: [{ path: "domain" }],
    location: regional(),
    source: "A wafv3/domain.d.ts; API WAF 3.0 RegionId (cn-hangzhou mainland instance, ap-southeast-1 outside)",
  },
  {
    type: "alicloud:ddos/domainResource:DomainResource",
    cloud: "alicloud",
    title: "Anti-DDoS Pro/Premium website",
    hostnames: [{ path: "domain" }],
    location: regional(),
    source: "A ddos/domainResource.d.ts; A-TF ddoscoo_instance.html.markdown (cn-hangzhou = Pro, mainland scrubbing; ap-southeast-1 = Premium, outside)",
  },
  {
    type: "alicloud:cr/instanceCustomizedDomain:InstanceCustomizedDomain",
    cloud: "alicloud",
    title: "Container Registry EE custom domain",
    hostnames: [{ path: "domain" }],
    location: regional(),
    source: "A cr/instanceCustomizedDomain.d.ts",
    unconfirmed: "whether a registry domain needs ICP; checked like any served domain.",
  },
  {
    type: "alicloud:videosurveillance/systemGroup:SystemGroup",
    cloud: "alicloud",
    title: "Video surveillance space (push and play domains)",
    hostnames: [{ path: "pushDomain" }, { path: "playDomain" }],
    location: {
      kind: "linked",
      match: "name",
      properties: ["pushDomain", "playDomain"],
      targetProperty: "domainName",
      what: "Live domain",
      targets: ["alicloud:live/domain:Domain"],
      targetLocation: LIVE_SCOPE,
    },
    source: "A videosurveillance/systemGroup.d.ts",
    notes: "Its domains are Live domains; their scope decides.",
    unconfirmed: "that the domains must be Live domains of the same account (inferred from the docs).",
  },
  // ---- Alibaba Cloud: public DNS (the record's target decides) ----
  {
    type: "alicloud:dns/alidnsRecord:AlidnsRecord",
    cloud: "alicloud",
    title: "Alibaba Cloud DNS record",
    hostnames: [{ path: "rr", zone: "domainName", when: SERVING_RECORD("type", ADDRESS_TYPES) }],
    location: { kind: "dns-record", value: "value" },
    source: "A dns/alidnsRecord.d.ts (TF alicloud_alidns_record; there is no alicloud:alidns/ token)",
  },
  {
    type: "alicloud:dns/record:Record",
    cloud: "alicloud",
    title: "Alibaba Cloud DNS record (legacy)",
    hostnames: [{ path: "hostRecord", zone: "name", dotlessIsNotHostname: true, when: SERVING_RECORD("type", ADDRESS_TYPES) }],
    location: { kind: "dns-record", value: "value" },
    source: "A dns/record.d.ts",
    notes: "Deprecated since A-TF 1.85.0.",
    unconfirmed: "`name` is optional in A, which points to auto-naming (inferred); a generated name is not a domain.",
  },
  // ---- Tencent Cloud: edge ----
  {
    type: "tencentcloud:Cdn/domain:Domain",
    cloud: "tencentcloud",
    title: "Tencent Cloud CDN domain",
    hostnames: [{ path: "domain" }],
    location: coverage("area", "tencent-area", "no default in T/T-TF and none stated for the API (unconfirmed); read as mainland"),
    source: "T cdn/domain.ts; T-TF services/cdn/resource_tc_cdn_domain.go",
  },
  {
    type: "tencentcloud:Css/domain:Domain",
    cloud: "tencentcloud",
    title: "Tencent Cloud Live (CSS) domain",
    hostnames: [{ path: "domainName" }],
    location: CSS_DOMAIN_LOCATION,
    source: "T css/domain.ts; T-TF services/css/resource_tc_css_domain.go",
  },
  {
    type: "tencentcloud:Css/playDomainCertAttachment:PlayDomainCertAttachment",
    cloud: "tencentcloud",
    title: "HTTPS certificate on a Live (CSS) play domain",
    hostnames: [{ path: "domainInfo.domainName" }],
    location: {
      kind: "linked",
      match: "name",
      properties: ["domainInfo.domainName"],
      targetProperty: "domainName",
      what: "Live (CSS) domain",
      targets: ["tencentcloud:Css/domain:Domain"],
      targetLocation: CSS_DOMAIN_LOCATION,
    },
    source: "T css/playDomainCertAttachment.ts",
  },
  {
    type: "tencentcloud:Teo/zone:Zone",
    cloud: "tencentcloud",
    title: "EdgeOne site (zone)",
    hostnames: [{ path: "zoneName" }],
    location: TEO_ZONE_AREA,
    source: "T teo/zone.ts; T-TF services/teo/resource_tc_teo_zone.go",
    notes: "zoneName is empty for type noDomainAccess.",
  },
  {
    type: "tencentcloud:Teo/accelerationDomain:AccelerationDomain",
    cloud: "tencentcloud",
    title: "EdgeOne acceleration domain",
    hostnames: [{ path: "domainName" }],
    location: TEO_ZONE,
    source: "T teo/accelerationDomain.ts",
  },
  {
    type: "tencentcloud:Teo/applicationProxy:ApplicationProxy",
    cloud: "tencentcloud",
    title: "EdgeOne layer-4 application proxy (hostname mode)",
    hostnames: [{ path: "proxyName", dotlessIsNotHostname: true, when: { property: "proxyType", oneOf: ["hostname"], ifOmitted: true } }],
    location: TEO_ZONE,
    source: "T teo/applicationProxy.ts; T-TF resource_tc_teo_application_proxy.go",
    unconfirmed: "proxyType is optional and computed with no documented default; an omitted proxyType reads proxyName as a hostname when it has a dot.",
  },
  {
    type: "tencentcloud:Teo/dnsRecord:DnsRecord",
    cloud: "tencentcloud",
    title: "EdgeOne DNS record",
    hostnames: [{ path: "name", dotlessIsNotHostname: true, when: SERVING_RECORD("type", ADDRESS_TYPES) }],
    location: { kind: "dns-record", value: "content" },
    source: "T teo/dnsRecord.ts; T provider/resources.go SetAutonaming (name is auto-named when omitted)",
    notes: "Plain DNS: acceleration goes through acceleration domains, so the record's target decides, not the zone's area.",
  },
  // ---- Tencent Cloud: global acceleration (the proxy's access region decides) ----
  {
    type: "tencentcloud:Gaap/httpDomain:HttpDomain",
    cloud: "tencentcloud",
    title: "GAAP layer-7 listener domain",
    hostnames: [{ path: "domain" }],
    location: GAAP_LISTENER,
    source: "T gaap/httpDomain.ts, gaap/layer7Listener.ts, gaap/proxy.ts",
  },
  {
    type: "tencentcloud:Gaap/httpRule:HttpRule",
    cloud: "tencentcloud",
    title: "GAAP layer-7 forwarding rule",
    hostnames: [{ path: "domain" }],
    location: GAAP_LISTENER,
    source: "T gaap/httpRule.ts",
  },
  // ---- Tencent Cloud: regional ----
  {
    type: "tencentcloud:Cos/bucket:Bucket",
    cloud: "tencentcloud",
    title: "COS bucket custom (origin) domain rules",
    hostnames: [{ path: "originDomainRules[status!=DISABLED].domain" }],
    location: regional(),
    source: "T cos/bucket.ts, types/input.ts Cos.BucketOriginDomainRule (status defaults to ENABLED)",
    notes: "Rules with status DISABLED serve nothing and are skipped; REST, WEBSITE and ACCELERATE rules are all read.",
  },
  {
    type: "tencentcloud:Cos/bucketDomainCertificateAttachment:BucketDomainCertificateAttachment",
    cloud: "tencentcloud",
    title: "COS custom domain certificate",
    hostnames: [{ path: "domainCertificate.domain" }],
    location: regional(),
    source: "T cos/bucketDomainCertificateAttachment.ts",
  },
  {
    type: "tencentcloud:Clb/listenerRule:ListenerRule",
    cloud: "tencentcloud",
    title: "CLB layer-7 listener rule",
    hostnames: [{ path: "domain" }, { path: "domains[]" }],
    location: regional(),
    source: "T clb/listenerRule.ts",
  },
  {
    type: "tencentcloud:Clb/listenerDefaultDomain:ListenerDefaultDomain",
    cloud: "tencentcloud",
    title: "CLB listener default domain",
    hostnames: [{ path: "domain" }],
    location: regional(),
    source: "T clb/listenerDefaultDomain.ts",
  },
  {
    type: "tencentcloud:Clb/attachment:Attachment",
    cloud: "tencentcloud",
    title: "CLB backend attachment to a rule picked by domain",
    hostnames: [{ path: "domain", when: { property: "ruleId", omitted: true } }],
    location: regional(),
    source: "T clb/attachment.ts (domain does not take effect when ruleId is set)",
  },
  {
    type: "tencentcloud:Clb/functionTargetsAttachment:FunctionTargetsAttachment",
    cloud: "tencentcloud",
    title: "CLB SCF-function attachment to a rule picked by domain",
    hostnames: [{ path: "domain", when: { property: "locationId", omitted: true } }],
    location: regional(),
    source: "T clb/functionTargetsAttachment.ts",
  },
  {
    type: "tencentcloud:Scf/customDomain:CustomDomain",
    cloud: "tencentcloud",
    title: "SCF custom domain",
    hostnames: [{ path: "domain" }],
    location: regional(),
    source: "T scf/customDomain.ts",
  },
  {
    type: "tencentcloud:ApiGateway/customDomain:CustomDomain",
    cloud: "tencentcloud",
    title: "API Gateway custom domain",
    hostnames: [{ path: "subDomain", when: { property: "netType", noneOf: ["INNER"], ifOmitted: true } }],
    location: regional(),
    source: "T apigateway/customDomain.ts (netType INNER is VPC-only; defaultDomain is Tencent's own name)",
  },
  {
    type: "tencentcloud:Waf/clbDomain:ClbDomain",
    cloud: "tencentcloud",
    title: "WAF domain (CLB mode)",
    hostnames: [{ path: "domain" }],
    location: regional("region", "tencent-short-code"),
    source: "T waf/clbDomain.ts (examples use region = \"gz\"); T-TF resource_tc_waf_clb_domain.go; codes from T-TF common.go ShortRegionNameParse",
  },
  {
    type: "tencentcloud:Waf/saasDomain:SaasDomain",
    cloud: "tencentcloud",
    title: "WAF domain (SaaS mode)",
    hostnames: [{ path: "domain" }],
    location: regional(),
    source: "T waf/saasDomain.ts, waf/saasInstance.ts (ap-guangzhou = mainland nodes, ap-seoul = overseas)",
  },
  {
    type: "tencentcloud:Tem/gateway:Gateway",
    cloud: "tencentcloud",
    title: "TEM application gateway (ingress)",
    hostnames: [{ path: "ingress.rules[].host" }, { path: "ingress.tls[].hosts[]" }],
    location: regional(),
    source: "T tem/gateway.ts, types/input.ts Tem.GatewayIngress*",
  },
  {
    type: "tencentcloud:Tse/cngwRoute:CngwRoute",
    cloud: "tencentcloud",
    title: "TSE cloud-native gateway route",
    hostnames: [{ path: "hosts[]" }],
    location: regional(),
    source: "T tse/cngwRoute.ts",
  },
  {
    type: "tencentcloud:Tse/cngwCertificate:CngwCertificate",
    cloud: "tencentcloud",
    title: "TSE cloud-native gateway certificate domains",
    hostnames: [{ path: "bindDomains[]" }],
    location: regional(),
    source: "T tse/cngwCertificate.ts",
  },
  {
    type: "tencentcloud:Tcr/customizedDomain:CustomizedDomain",
    cloud: "tencentcloud",
    title: "Container Registry custom domain",
    hostnames: [{ path: "domainName" }],
    location: regional(),
    source: "T tcr/customizedDomain.ts",
    unconfirmed: "whether a registry domain needs ICP; checked like any served domain.",
  },
  {
    type: "tencentcloud:Dayu/l7Rule:L7Rule",
    cloud: "tencentcloud",
    title: "Anti-DDoS Advanced layer-7 rule",
    hostnames: [{ path: "domain" }],
    location: regional(),
    source: "T dayu/l7rule.ts",
    unconfirmed: "where the protected instance serves: no input says, so the provider region is read.",
  },
  {
    type: "tencentcloud:Dayu/l7RuleV2:L7RuleV2",
    cloud: "tencentcloud",
    title: "Anti-DDoS Advanced layer-7 rule (v2 API)",
    hostnames: [{ path: "rule.domain" }],
    location: regional(),
    source: "T dayu/l7ruleV2.ts, types/input.ts Dayu.L7RuleV2Rule (one object, despite \"A list\" in the doc)",
    unconfirmed: "where the protected instance serves: no input says, so the provider region is read.",
  },
  // ---- Tencent Cloud: public DNS (the record's target decides) ----
  {
    type: "tencentcloud:Dnspod/record:Record",
    cloud: "tencentcloud",
    title: "DNSPod record",
    hostnames: [{ path: "subDomain", zone: "domain", relativeWhenOmitted: "@", when: SERVING_RECORD("recordType", ADDRESS_TYPES) }],
    location: { kind: "dns-record", value: "value" },
    source: "T dnspod/record.ts (subDomain defaults to @)",
  },
];

const BY_TYPE = new Map<string, CatalogueEntry>(CATALOGUE.map((entry) => [entry.type, entry]));

export function catalogueEntryFor(typeToken: string): CatalogueEntry | undefined {
  return BY_TYPE.get(typeToken);
}

/** True when the location, in any branch, needs other resources of the stack. */
export function needsStack(source: LocationSource): boolean {
  switch (source.kind) {
    case "linked":
    case "dns-record":
      return true;
    case "choice":
      return needsStack(source.then) || needsStack(source.otherwise);
    default:
      return false;
  }
}
