// Resources a public DNS record can point at, the outputs that carry their address, and where
// they serve from. Source: ../../notes/catalogue-research.md §4 (outputs read from A 3.108.0 and
// T v0.2.3); every resource here takes its region from its provider.

import { catalogueEntryFor, type CatalogueEntry, type HostnameSource, type LocationSource } from "../catalogue";
import type { Cloud } from "../regions";
import type { Condition } from "../view";

export interface DnsTarget {
  type: string;
  cloud: Cloud;
  title: string;
  /** Outputs holding an address or host name a record can point at (`zone` composes `<bucket>.<endpoint>`). */
  addresses: readonly HostnameSource[];
  /** Where it serves; omitted for catalogued resources, which use their catalogue entry's. */
  location?: LocationSource;
  /** Serves no public users when this holds (a known intranet load balancer). */
  privateWhen?: Condition;
  source: string;
}

const REGION: LocationSource = { kind: "region" };

export const DNS_TARGETS: readonly DnsTarget[] = [
  // ---- Alibaba Cloud ----
  { type: "alicloud:ecs/instance:Instance", cloud: "alicloud", title: "ECS instance", addresses: [{ path: "publicIp" }], location: REGION, source: "A ecs/instance.d.ts (publicIp is empty without outbound bandwidth)" },
  { type: "alicloud:ecs/eipAddress:EipAddress", cloud: "alicloud", title: "Elastic IP", addresses: [{ path: "ipAddress" }], location: REGION, source: "A ecs/eipAddress.d.ts" },
  { type: "alicloud:ecs/eip:Eip", cloud: "alicloud", title: "Elastic IP (legacy)", addresses: [{ path: "ipAddress" }], location: REGION, source: "A ecs/eip.d.ts" },
  {
    type: "alicloud:slb/loadBalancer:LoadBalancer",
    cloud: "alicloud",
    title: "CLB (SLB) instance",
    addresses: [{ path: "address" }],
    location: REGION,
    privateWhen: { property: "addressType", oneOf: ["intranet"], ifOmitted: false },
    source: "A slb/loadBalancer.d.ts",
  },
  {
    type: "alicloud:slb/applicationLoadBalancer:ApplicationLoadBalancer",
    cloud: "alicloud",
    title: "CLB (SLB) instance",
    addresses: [{ path: "address" }],
    location: REGION,
    privateWhen: { property: "addressType", oneOf: ["intranet"], ifOmitted: false },
    source: "A slb/applicationLoadBalancer.d.ts",
  },
  {
    type: "alicloud:alb/loadBalancer:LoadBalancer",
    cloud: "alicloud",
    title: "ALB instance",
    addresses: [{ path: "dnsName" }],
    location: REGION,
    privateWhen: { property: "addressType", oneOf: ["Intranet"], ifOmitted: false },
    source: "A alb/loadBalancer.d.ts",
  },
  {
    type: "alicloud:nlb/loadBalancer:LoadBalancer",
    cloud: "alicloud",
    title: "NLB instance",
    addresses: [{ path: "dnsName" }],
    location: REGION,
    privateWhen: { property: "addressType", oneOf: ["Intranet"], ifOmitted: false },
    source: "A nlb/loadBalancer.d.ts",
  },
  { type: "alicloud:cdn/domainNew:DomainNew", cloud: "alicloud", title: "CDN domain", addresses: [{ path: "cname" }], source: "A cdn/domainNew.d.ts" },
  { type: "alicloud:dcdn/domain:Domain", cloud: "alicloud", title: "DCDN domain", addresses: [{ path: "cname" }], source: "A dcdn/domain.d.ts" },
  { type: "alicloud:vod/domain:Domain", cloud: "alicloud", title: "VOD domain", addresses: [{ path: "cname" }], source: "A vod/domain.d.ts" },
  { type: "alicloud:wafv3/domain:Domain", cloud: "alicloud", title: "WAF 3.0 domain", addresses: [{ path: "cname" }], source: "A wafv3/domain.d.ts" },
  { type: "alicloud:waf/domain:Domain", cloud: "alicloud", title: "WAF 2.0 domain", addresses: [{ path: "cname" }], source: "A waf/domain.d.ts" },
  { type: "alicloud:ddos/domainResource:DomainResource", cloud: "alicloud", title: "Anti-DDoS website", addresses: [{ path: "cname" }], source: "A ddos/domainResource.d.ts" },
  {
    type: "alicloud:oss/bucket:Bucket",
    cloud: "alicloud",
    title: "OSS bucket",
    addresses: [{ path: "bucket", zone: "extranetEndpoint" }],
    location: REGION,
    source: "A oss/bucket.d.ts (extranetEndpoint is the region endpoint; the bucket host is <bucket>.<endpoint>)",
  },
  {
    type: "alicloud:ga/ipSet:IpSet",
    cloud: "alicloud",
    title: "Global Accelerator IP set",
    addresses: [{ path: "ipAddressLists[]" }],
    location: { kind: "coverage", property: "accelerateRegionId", vocabulary: "alibaba-region", whenOmitted: "includes-mainland", omittedSource: "required by the schema; read as mainland (fail closed)" },
    source: "A ga/ipSet.d.ts",
  },
  {
    type: "alicloud:ga/basicAccelerateIp:BasicAccelerateIp",
    cloud: "alicloud",
    title: "Global Accelerator basic accelerated IP",
    addresses: [{ path: "accelerateIpAddress" }],
    location: {
      kind: "linked",
      match: "reference",
      property: "ipSetId",
      what: "Global Accelerator basic IP set",
      targets: ["alicloud:ga/basicIpSet:BasicIpSet"],
      targetLocation: { kind: "coverage", property: "accelerateRegionId", vocabulary: "alibaba-region", whenOmitted: "includes-mainland", omittedSource: "required by the schema; read as mainland (fail closed)" },
    },
    source: "A ga/basicAccelerateIp.d.ts",
  },
  { type: "alicloud:fc/v3Trigger:V3Trigger", cloud: "alicloud", title: "Function Compute 3.0 HTTP trigger", addresses: [{ path: "httpTrigger.urlInternet" }], location: REGION, source: "A fc/v3trigger.d.ts (a URL: its host is compared)" },
  // ---- Tencent Cloud ----
  {
    type: "tencentcloud:Instance/instance:Instance",
    cloud: "tencentcloud",
    title: "CVM instance",
    addresses: [{ path: "publicIp" }, { path: "publicIpv6Addresses[]" }],
    location: REGION,
    source: "T instance/instance.ts",
  },
  { type: "tencentcloud:Eip/instance:Instance", cloud: "tencentcloud", title: "Elastic IP", addresses: [{ path: "publicIp" }], location: REGION, source: "T eip/instance.ts" },
  { type: "tencentcloud:Lighthouse/instance:Instance", cloud: "tencentcloud", title: "Lighthouse instance", addresses: [{ path: "publicAddresses[]" }], location: REGION, source: "T lighthouse/instance.ts" },
  {
    type: "tencentcloud:Clb/instance:Instance",
    cloud: "tencentcloud",
    title: "CLB instance",
    addresses: [{ path: "clbVips[]" }, { path: "domain" }, { path: "addressIpv6" }, { path: "vip" }],
    location: REGION,
    privateWhen: { property: "networkType", oneOf: ["INTERNAL"], ifOmitted: false },
    source: "T clb/instance.ts",
  },
  { type: "tencentcloud:Cdn/domain:Domain", cloud: "tencentcloud", title: "CDN domain", addresses: [{ path: "cname" }], source: "T cdn/domain.ts" },
  { type: "tencentcloud:Teo/accelerationDomain:AccelerationDomain", cloud: "tencentcloud", title: "EdgeOne acceleration domain", addresses: [{ path: "cname" }], source: "T teo/accelerationDomain.ts" },
  { type: "tencentcloud:ApiGateway/service:Service", cloud: "tencentcloud", title: "API Gateway service", addresses: [{ path: "outerSubDomain" }], location: REGION, source: "T apigateway/service.ts" },
  {
    type: "tencentcloud:Gaap/proxy:Proxy",
    cloud: "tencentcloud",
    title: "GAAP proxy",
    addresses: [{ path: "domain" }, { path: "ip" }],
    location: { kind: "coverage", property: "accessRegion", vocabulary: "gaap-access-region", whenOmitted: "includes-mainland", omittedSource: "required by the schema; read as mainland (fail closed)" },
    source: "T gaap/proxy.ts",
  },
  { type: "tencentcloud:Cos/bucket:Bucket", cloud: "tencentcloud", title: "COS bucket", addresses: [{ path: "cosBucketUrl" }], location: REGION, source: "T cos/bucket.ts" },
  { type: "tencentcloud:Scf/function:Function", cloud: "tencentcloud", title: "SCF function", addresses: [{ path: "host" }], location: REGION, source: "T scf/function.ts" },
  { type: "tencentcloud:Tse/cngwGateway:CngwGateway", cloud: "tencentcloud", title: "TSE cloud-native gateway", addresses: [{ path: "publicIpAddresses[]" }], location: REGION, source: "T tse/cngwGateway.ts" },
  { type: "tencentcloud:Tcr/instance:Instance", cloud: "tencentcloud", title: "Container Registry instance", addresses: [{ path: "publicDomain" }], location: REGION, source: "T tcr/instance.ts" },
];

const BY_TYPE = new Map<string, DnsTarget>(DNS_TARGETS.map((target) => [target.type, target]));

export function dnsTargetFor(type: string): DnsTarget | undefined {
  return BY_TYPE.get(type);
}

/** Where a DNS target serves: its own location, or its catalogue entry's. */
export function targetLocation(target: DnsTarget): { cloud: Cloud; location: LocationSource } {
  if (target.location) return { cloud: target.cloud, location: target.location };
  const entry: CatalogueEntry | undefined = catalogueEntryFor(target.type);
  if (!entry) throw new Error(`DNS target ${target.type} has no location and no catalogue entry`);
  return { cloud: entry.cloud, location: entry.location };
}
