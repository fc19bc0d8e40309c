// Rule icp-access-provider: a filing is made through the access provider (接入商) of the mainland
// servers; serving the domain from another provider's mainland servers needs a "new access"
// filing with that provider. CDN and object storage accept any valid filing.

import { catalogueEntryFor } from "../catalogue";
import type { Finding } from "../findings";
import type { Environment } from "../location";
import type { PolicyMetadata } from "../policy-metadata";
import type { Cloud } from "../regions";
import type { ResourceView } from "../view";
import { AccessProviderConfigSchema, type AccessProviderConfig, type AdvisoryFilingRecord } from "./config";
import { ADVISORY_DOCS, advisoryDefinition, findingAtPolicyLevel } from "./definition";
import { mainlandServing, RecordsByDomain } from "./served";

export const ACCESS_PROVIDER_METADATA: PolicyMetadata = {
  name: "icp-access-provider",
  displayName: "New-access filing when moving to another provider",
  description:
    "Flags a resource that serves a filed domain from another provider's mainland servers than the access provider its filing record names: that provider needs a new-access (新增接入) filing. CDN and object storage accept any valid filing and are not flagged.",
  severity: "high",
  defaultLevel: "advisory",
  remediation:
    "Submit a new-access filing (新增接入) for the domain with the provider that will serve it, and set provider in its filing record once it is approved; or serve the domain from the provider it is filed with.",
  url: `${ADVISORY_DOCS}#icp-access-provider`,
};

/**
 * Types that accept a filing made through any provider, and why. Alibaba Cloud documents this for
 * CDN and object storage; Tencent Cloud's CDN and COS, and the edge products that deliver over a
 * CDN, are read the same way (unconfirmed), so a doubt costs a missed advisory, never a false one.
 */
export const ANY_FILING_ACCEPTED: ReadonlyMap<string, string> = new Map([
  ["alicloud:cdn/domainNew:DomainNew", "CDN"],
  ["alicloud:cdn/domain:Domain", "CDN"],
  ["alicloud:dcdn/domain:Domain", "CDN"],
  ["alicloud:dcdn/ipaDomain:IpaDomain", "CDN"],
  ["alicloud:scdn/domain:Domain", "CDN"],
  ["alicloud:vod/domain:Domain", "CDN-delivered video (unconfirmed)"],
  ["alicloud:live/domain:Domain", "CDN-delivered live streaming (unconfirmed)"],
  ["alicloud:esa/site:Site", "edge acceleration (unconfirmed)"],
  ["alicloud:oss/bucketCname:BucketCname", "object storage"],
  ["tencentcloud:Cdn/domain:Domain", "CDN (unconfirmed for Tencent Cloud)"],
  ["tencentcloud:Css/domain:Domain", "CDN-delivered live streaming (unconfirmed)"],
  ["tencentcloud:Teo/zone:Zone", "edge acceleration (unconfirmed)"],
  ["tencentcloud:Cos/bucket:Bucket", "object storage (unconfirmed for Tencent Cloud)"],
  ["tencentcloud:Cos/bucketDomainCertificateAttachment:BucketDomainCertificateAttachment", "object storage (unconfirmed for Tencent Cloud)"],
]);

// How people name the two clouds in a filing record; anything else is another provider.
const PROVIDER_ALIASES: Readonly<Record<string, Cloud>> = {
  alicloud: "alicloud",
  aliyun: "alicloud",
  alibaba: "alicloud",
  alibabacloud: "alicloud",
  阿里云: "alicloud",
  tencentcloud: "tencentcloud",
  tencent: "tencentcloud",
  qcloud: "tencentcloud",
  腾讯云: "tencentcloud",
};

/** The cloud a filing record's provider names, or undefined for any other access provider. */
export function accessProviderCloud(provider: string): Cloud | undefined {
  return PROVIDER_ALIASES[provider.toLowerCase().replace(/[\s_.-]+/g, "")];
}

export function evaluateAccessProvider(view: ResourceView, env: Environment, filings: RecordsByDomain<AdvisoryFilingRecord>): Finding[] {
  if (ANY_FILING_ACCEPTED.has(view.type)) return [];
  const serving = mainlandServing(view, env);
  if (!serving) return [];
  const servedBy = serving.entry.cloud;
  const findings: Finding[] = [];
  for (const domain of serving.domains) {
    const record = filings.approved(domain.registeredDomain);
    if (!record?.provider || accessProviderCloud(record.provider) === servedBy) continue;
    findings.push(
      findingAtPolicyLevel(ACCESS_PROVIDER_METADATA.name, view, {
        kind: "new-access-needed",
        ...domain,
        mainland: serving.mainland,
        filedWith: record.provider,
        servedBy,
        filingNumber: record.number,
      }),
    );
  }
  return findings;
}

export const accessProviderDefinition = advisoryDefinition<AccessProviderConfig>({
  metadata: ACCESS_PROVIDER_METADATA,
  kind: "resource",
  configSchema: AccessProviderConfigSchema,
  appliesTo: (type) => catalogueEntryFor(type) !== undefined && !ANY_FILING_ACCEPTED.has(type),
  build(config) {
    const filings = RecordsByDomain.of(config.filings);
    return { kind: "resource", evaluateResource: (view, options) => evaluateAccessProvider(view, options.env, filings) };
  },
});
