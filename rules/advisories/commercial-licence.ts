// Rule icp-commercial-licence: a commercial site (online sales, payments, paid membership,
// advertising) served from mainland China needs the commercial ICP licence on top of its filing.

import { catalogueEntryFor } from "../catalogue";
import type { Finding } from "../findings";
import { normaliseHostname } from "../hostname";
import type { Environment } from "../location";
import type { PolicyMetadata } from "../policy-metadata";
import type { ResourceView } from "../view";
import {
  CommercialLicenceConfigSchema,
  type AdvisoryFilingRecord,
  type CommercialLicenceConfig,
  type Entity,
  type LicenceRecord,
} from "./config";
import { ADVISORY_DOCS, advisoryDefinition, findingAtPolicyLevel } from "./definition";
import { mainlandServing, RecordsByDomain } from "./served";

export const COMMERCIAL_LICENCE_METADATA: PolicyMetadata = {
  name: "icp-commercial-licence",
  displayName: "Commercial ICP licence for commercial sites",
  description:
    "Flags a resource that serves a commercial site from mainland China (its filing record says commercial: true, or the entity is commercial and the record does not say otherwise) when no commercial ICP licence (ICP证) is recorded for it.",
  severity: "high",
  defaultLevel: "advisory",
  remediation:
    "Apply for the commercial ICP licence (ICP证, about 60 working days) at the communications administration of the entity's province, then record it as licence in the domain's filing record or in licences of the icp-commercial-licence config. A site that does not earn money can say commercial: false in its filing record.",
  url: `${ADVISORY_DOCS}#icp-commercial-licence`,
};

/** Licences by what they cover: listed registered domains, or the whole entity. */
export class LicenceIndex {
  private readonly entityWide: LicenceRecord[] = [];
  private readonly byDomain = new Map<string, LicenceRecord[]>();

  /** `today` is an ISO date; a licence is valid through its `expires` day. */
  constructor(licences: readonly LicenceRecord[], private readonly today: string) {
    for (const licence of licences) {
      if (licence.domains === undefined) {
        this.entityWide.push(licence);
        continue;
      }
      for (const domain of licence.domains) {
        const normalised = normaliseHostname(domain);
        const registered = normalised.ok ? normalised.value.registeredDomain : undefined;
        if (registered) this.byDomain.set(registered, [...(this.byDomain.get(registered) ?? []), licence]);
      }
    }
  }

  /** A valid licence covering the domain if there is one, else the expired one that did. */
  covering(registeredDomain: string): { licence: LicenceRecord; expired: boolean } | undefined {
    const candidates = [...(this.byDomain.get(registeredDomain) ?? []), ...this.entityWide];
    const valid = candidates.find((licence) => licence.expires === undefined || licence.expires >= this.today);
    if (valid) return { licence: valid, expired: false };
    return candidates.length > 0 ? { licence: candidates[0], expired: true } : undefined;
  }
}

export interface CommercialLicenceContext {
  filings: RecordsByDomain<AdvisoryFilingRecord>;
  licences: LicenceIndex;
  entity: Entity;
  env: Environment;
}

export function evaluateCommercialLicence(view: ResourceView, ctx: CommercialLicenceContext): Finding[] {
  const serving = mainlandServing(view, ctx.env);
  if (!serving) return [];
  const findings: Finding[] = [];
  for (const domain of serving.domains) {
    const record = ctx.filings.lookup(domain.registeredDomain);
    const commercial = record?.commercial ?? ctx.entity.commercial;
    if (!commercial || record?.licence) continue;
    const covered = ctx.licences.covering(domain.registeredDomain);
    if (covered && !covered.expired) continue;
    findings.push(
      findingAtPolicyLevel(COMMERCIAL_LICENCE_METADATA.name, view, {
        kind: "licence-missing",
        ...domain,
        mainland: serving.mainland,
        markedBy: record?.commercial === true ? "site" : "entity",
        ...(ctx.entity.province ? { province: ctx.entity.province } : {}),
        ...(covered?.licence.expires ? { expiredLicence: { number: covered.licence.number, expires: covered.licence.expires } } : {}),
        individual: ctx.entity.type === "individual",
      }),
    );
  }
  return findings;
}

export const commercialLicenceDefinition = advisoryDefinition<CommercialLicenceConfig>({
  metadata: COMMERCIAL_LICENCE_METADATA,
  kind: "resource",
  configSchema: CommercialLicenceConfigSchema,
  appliesTo: (type) => catalogueEntryFor(type) !== undefined,
  build(config, today) {
    const filings = RecordsByDomain.of(config.filings);
    const licences = new LicenceIndex(config.licences, today);
    return {
      kind: "resource",
      evaluateResource: (view, options) => evaluateCommercialLicence(view, { filings, licences, entity: config.entity, env: options.env }),
    };
  },
});
