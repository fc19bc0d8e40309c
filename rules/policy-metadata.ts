// What each policy is, in one place: the pack, the command-line reports and the docs read it.

export type Severity = "low" | "medium" | "high" | "critical";
export type DefaultLevel = "advisory" | "mandatory";

export interface PolicyMetadata {
  name: string;
  displayName: string;
  description: string;
  severity: Severity;
  defaultLevel: DefaultLevel;
  remediation: string;
  url: string;
}

const DOCS = "https://github.com/icpguard/icpguard/blob/main/README.md";

export const FILING_REQUIRED_METADATA: PolicyMetadata = {
  name: "icp-filing-required",
  displayName: "ICP filing required for mainland China",
  description:
    "Blocks a resource that would serve a custom domain from mainland China (a mainland region, or CDN/edge coverage with mainland nodes) unless an approved ICP filing record covers its registered domain.",
  severity: "critical",
  defaultLevel: "mandatory",
  remediation:
    "Add the domain's ICP filing (number issued by MIIT, see https://beian.miit.gov.cn) to the filings of the icp-filing-required config, or serve the domain from Hong Kong or overseas only (a region such as cn-hongkong/ap-hongkong, or overseas-only CDN coverage).",
  url: `${DOCS}#icp-filing-required`,
};
