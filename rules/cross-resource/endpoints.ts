// Cloud endpoint hostnames that name their region, so a DNS record pointing at one tells where it
// serves without looking at any other resource (`shop CNAME b.oss-cn-shanghai.aliyuncs.com`).
// Only listed regions count: an endpoint the catalogue cannot place gives no verdict here.

import { classifyRegion, type Cloud, type RegionVerdict } from "../regions";

interface EndpointPattern {
  cloud: Cloud;
  product: string;
  /** Capture group 1 is the region ID. Matched against a normalised (lower-case ASCII) hostname. */
  pattern: RegExp;
  source: string;
}

export const REGIONAL_ENDPOINTS: readonly EndpointPattern[] = [
  {
    cloud: "alicloud",
    product: "OSS bucket",
    pattern: /(?:^|\.)oss-([a-z]+-[a-z0-9-]+?)(?:-internal)?\.aliyuncs\.com$/,
    source: "research notes §4 and trap 12: oss/bucket.extranetEndpoint is oss-<region>.aliyuncs.com, the bucket host is <bucket>.<endpoint>",
  },
  {
    cloud: "alicloud",
    product: "ALB or NLB load balancer",
    pattern: /\.([a-z]+-[a-z0-9-]+)\.(?:alb|nlb)\.aliyuncs\.com$/,
    source: "ALB/NLB dnsName as documented by Alibaba (<id>.<region>.alb.aliyuncs.com); M",
  },
  {
    cloud: "alicloud",
    product: "Function Compute 3.0 default domain",
    pattern: /\.([a-z]+-[a-z0-9-]+)\.fcapp\.run$/,
    source: "FC 3.0 default domains <name>.<region>.fcapp.run as documented by Alibaba; M",
  },
  {
    cloud: "tencentcloud",
    product: "COS bucket",
    pattern: /\.cos(?:-website)?\.([a-z]+-[a-z0-9-]+)\.myqcloud\.com$/,
    source: "COS bucket hosts <bucket>-<appid>.cos.<region>.myqcloud.com as documented by Tencent; M",
  },
];

export interface EndpointRegion {
  product: string;
  verdict: RegionVerdict;
}

/** The region a cloud endpoint hostname names, when the catalogue lists that region. */
export function endpointRegion(hostname: string): EndpointRegion | undefined {
  for (const endpoint of REGIONAL_ENDPOINTS) {
    const match = endpoint.pattern.exec(hostname);
    if (!match) continue;
    const verdict = classifyRegion(endpoint.cloud, match[1]);
    return verdict.known ? { product: endpoint.product, verdict } : undefined;
  }
  return undefined;
}
