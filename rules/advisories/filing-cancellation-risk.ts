// Rule icp-filing-cancellation-risk: a filed domain should keep resolving to an active mainland
// instance of its access provider. A stack that moves every resource serving the domain to Hong
// Kong or overseas puts the filing at risk of cancellation (and a new filing takes weeks).

import { catalogueEntryFor } from "../catalogue";
import type { Finding } from "../findings";
import { resolveLocation, type Environment, type MainlandReason } from "../location";
import type { PolicyMetadata } from "../policy-metadata";
import { servedHostnames } from "../served-hostnames";
import type { ResourceView } from "../view";
import { FilingCancellationRiskConfigSchema, type AdvisoryFilingRecord, type FilingCancellationRiskConfig } from "./config";
import { ADVISORY_DOCS, advisoryDefinition, findingAtPolicyLevel } from "./definition";
import { customDomains, RecordsByDomain } from "./served";

export const FILING_CANCELLATION_RISK_METADATA: PolicyMetadata = {
  name: "icp-filing-cancellation-risk",
  displayName: "Filed domain moving out of mainland China",
  description:
    "A stack policy: flags a filed domain when every resource of the stack that serves it is outside mainland China (Hong Kong, overseas, or overseas-only coverage). A filing whose domain no longer resolves to a mainland instance of its access provider may be cancelled.",
  severity: "medium",
  defaultLevel: "advisory",
  remediation:
    "Keep the domain resolving to a mainland instance of the provider it is filed with (a mainland CDN, a mainland region), or, if the move is final, cancel the filing (注销备案) deliberately and remove it from the filings list.",
  url: `${ADVISORY_DOCS}#icp-filing-cancellation-risk`,
};

interface DomainServing {
  record: AdvisoryFilingRecord;
  mainland: boolean;
  unknown: boolean;
  outside: { view: ResourceView; where: MainlandReason }[];
  /** URNs already in `outside`: a stack can hold thousands of resources for one domain. */
  outsideUrns: Set<string>;
}

export function evaluateFilingCancellationRisk(
  views: readonly ResourceView[],
  env: Environment,
  filings: RecordsByDomain<AdvisoryFilingRecord>,
): Finding[] {
  const byDomain = new Map<string, DomainServing>();
  // A mainland resource whose hostname is not known yet (preview) may be the one that keeps a
  // domain in the mainland: say nothing until it is known.
  let hiddenMainland = false;
  for (const view of views) {
    const entry = catalogueEntryFor(view.type);
    if (!entry) continue;
    // Where a resource serves matters only for a filed domain, or for a name not known yet.
    const filed = customDomains(entry, view).filter((domain) => filings.approved(domain.registeredDomain));
    const hidesName = servedHostnames(entry, view).some((served) => served.status === "unknown");
    if (filed.length === 0 && !hidesName) continue;
    const location = resolveLocation(entry, view, env);
    if (location.status !== "outside" && hidesName) hiddenMainland = true;
    for (const domain of filed) {
      const record = filings.approved(domain.registeredDomain);
      if (!record) continue;
      const slot = byDomain.get(domain.registeredDomain) ?? { record, mainland: false, unknown: false, outside: [], outsideUrns: new Set<string>() };
      byDomain.set(domain.registeredDomain, slot);
      if (location.status === "mainland") slot.mainland = true;
      else if (location.status === "unknown") slot.unknown = true;
      else if (!slot.outsideUrns.has(view.urn)) {
        slot.outsideUrns.add(view.urn);
        slot.outside.push({ view, where: location.reason });
      }
    }
  }
  if (hiddenMainland) return [];

  const findings: Finding[] = [];
  for (const [registeredDomain, slot] of byDomain) {
    if (slot.mainland || slot.unknown || slot.outside.length === 0) continue;
    findings.push(
      findingAtPolicyLevel(FILING_CANCELLATION_RISK_METADATA.name, slot.outside[0].view, {
        kind: "filing-cancellation-risk",
        registeredDomain,
        filingNumber: slot.record.number,
        ...(slot.record.provider ? { provider: slot.record.provider } : {}),
        servedFrom: slot.outside.map(({ view, where }) => ({ name: view.name, type: view.type, where })),
      }),
    );
  }
  return findings;
}

export const filingCancellationRiskDefinition = advisoryDefinition<FilingCancellationRiskConfig>({
  metadata: FILING_CANCELLATION_RISK_METADATA,
  kind: "stack",
  configSchema: FilingCancellationRiskConfigSchema,
  appliesTo: (type) => catalogueEntryFor(type) !== undefined,
  build(config) {
    const filings = RecordsByDomain.of(config.filings);
    return { kind: "stack", evaluateStack: (views, options) => evaluateFilingCancellationRisk(views, options.env, filings) };
  },
});
