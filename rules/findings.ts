// What a rule reports. Findings are data; messages are rendered from them per language.

import type { AdvisoryFindingDetail } from "./advisories/findings";
import type { FilingRecord, Waiver } from "./config";
import type { CrossResourceFindingDetail } from "./cross-resource/findings";
import type { MainlandReason } from "./location";

/** blocking findings take the policy's enforcement level; advisory ones are always advisory. */
export type FindingLevel = "blocking" | "advisory";

export interface ResourceRef {
  urn: string;
  name: string;
  type: string;
}

export type FindingDetail =
  | {
      kind: "unfiled";
      hostname: string;
      registeredDomain: string;
      secret: boolean;
      path: string;
      mainland: MainlandReason;
      pendingRecord?: FilingRecord;
      expiredWaiver?: Waiver;
    }
  | {
      kind: "unknown-values";
      /** Property paths whose values were unknown. */
      paths: string[];
      /** Hostnames that would need a filing if the unknown location turns out to be mainland. */
      hostnames: { hostname: string; registeredDomain: string; secret: boolean }[];
      dryRun: boolean;
    }
  | { kind: "unrecognised-coverage"; mainland: MainlandReason }
  | { kind: "unlisted-region"; mainland: MainlandReason; treatedAsMainland: boolean }
  | { kind: "unusable-hostname"; path: string; value: string; secret: boolean; problem: string }
  | { kind: "not-registrable"; path: string; hostname: string; secret: boolean }
  | { kind: "invalid-config"; problems: string[] }
  | { kind: "internal-error"; detail: string }
  | AdvisoryFindingDetail
  | CrossResourceFindingDetail;

export type Finding = {
  policy: string;
  level: FindingLevel;
  resource: ResourceRef;
  /** Set when a live waiver covers this finding: it is not reported (CLI can show it). */
  waivedBy?: Waiver;
} & FindingDetail;
