// Rule icp-psb-filing: a filed site served from mainland China must complete its public-security
// (公安) filing within 30 days of going live.

import { catalogueEntryFor } from "../catalogue";
import type { Finding } from "../findings";
import type { Environment } from "../location";
import type { PolicyMetadata } from "../policy-metadata";
import type { ResourceView } from "../view";
import { PsbFilingConfigSchema, type AdvisoryFilingRecord, type PsbFilingConfig } from "./config";
import { ADVISORY_DOCS, advisoryDefinition, findingAtPolicyLevel } from "./definition";
import { mainlandServing, RecordsByDomain } from "./served";

export const PSB_FILING_METADATA: PolicyMetadata = {
  name: "icp-psb-filing",
  displayName: "Public-security filing within 30 days of going live",
  description:
    "Flags a resource that serves a filed domain from mainland China while the domain's filing record has no public-security (公安) filing number; with the record's go-live date (liveSince) it says when the filing was due and whether it is overdue.",
  severity: "medium",
  defaultLevel: "advisory",
  remediation:
    "Complete the public-security filing at https://beian.mps.gov.cn within 30 days of the site going live, then add its number (e.g. 粤公网安备44030502008569号) as psb in the domain's filing record, and show it in the site footer.",
  url: `${ADVISORY_DOCS}#icp-psb-filing`,
};

export const PSB_DEADLINE_DAYS = 30;

/** The ISO day `days` after an ISO day (YYYY-MM-DD), in UTC so no time zone moves it. */
export function addDays(isoDay: string, days: number): string {
  const date = new Date(`${isoDay}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

export function evaluatePsbFiling(
  view: ResourceView,
  env: Environment,
  filings: RecordsByDomain<AdvisoryFilingRecord>,
  today: string,
): Finding[] {
  const serving = mainlandServing(view, env);
  if (!serving) return [];
  const findings: Finding[] = [];
  for (const domain of serving.domains) {
    const record = filings.approved(domain.registeredDomain);
    if (!record || record.psb) continue;
    const due = record.liveSince ? addDays(record.liveSince, PSB_DEADLINE_DAYS) : undefined;
    findings.push(
      findingAtPolicyLevel(PSB_FILING_METADATA.name, view, {
        kind: "psb-missing",
        ...domain,
        mainland: serving.mainland,
        ...(record.liveSince ? { liveSince: record.liveSince, due } : {}),
        overdue: due !== undefined && today > due,
      }),
    );
  }
  return findings;
}

export const psbFilingDefinition = advisoryDefinition<PsbFilingConfig>({
  metadata: PSB_FILING_METADATA,
  kind: "resource",
  configSchema: PsbFilingConfigSchema,
  appliesTo: (type) => catalogueEntryFor(type) !== undefined,
  build(config, today) {
    const filings = RecordsByDomain.of(config.filings);
    return { kind: "resource", evaluateResource: (view, options) => evaluatePsbFiling(view, options.env, filings, today) };
  },
});
