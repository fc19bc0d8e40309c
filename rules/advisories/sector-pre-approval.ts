// Rule icp-sector-pre-approval: sites in news, publishing, education, medical, finance and games
// need the sector authority's approval before their ICP filing; a missing one is a common reason
// for rejection, and a filed site without it risks revocation.

import { catalogueEntryFor } from "../catalogue";
import type { Finding } from "../findings";
import type { Environment } from "../location";
import type { PolicyMetadata } from "../policy-metadata";
import type { ResourceView } from "../view";
import {
  PRE_APPROVAL_SECTORS,
  SectorPreApprovalConfigSchema,
  type AdvisoryFilingRecord,
  type PreApprovalSector,
  type SectorPreApprovalConfig,
} from "./config";
import { ADVISORY_DOCS, advisoryDefinition, findingAtPolicyLevel } from "./definition";
import { mainlandServing, RecordsByDomain } from "./served";

export const SECTOR_PRE_APPROVAL_METADATA: PolicyMetadata = {
  name: "icp-sector-pre-approval",
  displayName: "Sector pre-approval before filing",
  description:
    "Flags a resource that serves a domain from mainland China whose filing record is in a sector that needs the sector authority's pre-approval (news, publishing, education, medical, finance, games) when no approval is recorded.",
  severity: "high",
  defaultLevel: "advisory",
  remediation:
    "Obtain the sector authority's approval (前置审批) before filing, then record its reference as preApproval in the domain's filing record; if the site is not in that sector, set its sector to none.",
  url: `${ADVISORY_DOCS}#icp-sector-pre-approval`,
};

export function needsPreApproval(sector: string | undefined): sector is PreApprovalSector {
  return (PRE_APPROVAL_SECTORS as readonly string[]).includes(sector ?? "");
}

export function evaluateSectorPreApproval(view: ResourceView, env: Environment, filings: RecordsByDomain<AdvisoryFilingRecord>): Finding[] {
  const serving = mainlandServing(view, env);
  if (!serving) return [];
  const findings: Finding[] = [];
  for (const domain of serving.domains) {
    const record = filings.lookup(domain.registeredDomain);
    if (!record || record.preApproval || !needsPreApproval(record.sector)) continue;
    findings.push(
      findingAtPolicyLevel(SECTOR_PRE_APPROVAL_METADATA.name, view, {
        kind: "pre-approval-missing",
        ...domain,
        mainland: serving.mainland,
        sector: record.sector,
        pending: record.status === "pending",
      }),
    );
  }
  return findings;
}

export const sectorPreApprovalDefinition = advisoryDefinition<SectorPreApprovalConfig>({
  metadata: SECTOR_PRE_APPROVAL_METADATA,
  kind: "resource",
  configSchema: SectorPreApprovalConfigSchema,
  appliesTo: (type) => catalogueEntryFor(type) !== undefined,
  build(config) {
    const filings = RecordsByDomain.of(config.filings);
    return { kind: "resource", evaluateResource: (view, options) => evaluateSectorPreApproval(view, options.env, filings) };
  },
});
