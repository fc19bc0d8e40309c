// What the stack policy is. Kept apart from its evaluation so the resource policy can name it
// without importing the stack machinery.

import type { PolicyMetadata } from "../policy-metadata";

export const STACK_FILING_REQUIRED = "icp-filing-required-stack";

export const STACK_FILING_REQUIRED_METADATA: PolicyMetadata = {
  name: STACK_FILING_REQUIRED,
  displayName: "ICP filing required for mainland China (across resources)",
  description:
    "Blocks a custom domain whose mainland serving is decided by another resource of the stack: a DNS record pointing at a mainland server, load balancer, CDN or bucket, and a domain whose coverage lives on its EdgeOne zone, ESA site, Global Accelerator IP sets, GAAP proxy or Live domain. A resource that holds such coverage but is not in the stack is read as mainland.",
  severity: "critical",
  defaultLevel: "mandatory",
  remediation:
    "Add the domain's ICP filing (https://beian.miit.gov.cn) to the filings of the icp-filing-required-stack config, point the DNS record at a resource outside the mainland, or set the zone, site, IP sets or proxy to serve from outside the mainland only.",
  url: "https://github.com/icpguard/icpguard/blob/main/docs/catalogue.md#cross-resource-checks-icp-filing-required-stack",
};
