// What the advisory policies report. rules/findings.ts adds these kinds to FindingDetail.

import type { FilingNumberKind } from "../filing-number";
import type { MainlandReason } from "../location";
import type { ProvinceCode } from "../provinces";
import type { Cloud } from "../regions";
import type { AppKind, PreApprovalSector } from "./config";
import type { ServedDomain } from "./served";

/** What identifies an app in a message, and what its filing will ask for. */
export interface AppSummary {
  name: string;
  kind: AppKind;
  platform?: string;
  packageName?: string;
  appId?: string;
  store?: string;
  hasSigningKey: boolean;
}

/** Why a resource counts as an app's backend. */
export type AppLink =
  | { by: "backend-hostname"; hostname: string; secret: boolean; path: string }
  | { by: "tag"; tag: string; value: string; secret: boolean }
  /** A cloud resource that registers an app itself, e.g. an EMAS Mobile Hub app. */
  | { by: "app-resource"; product: string; identifier: string; secret: boolean }
  /** A live-streaming domain marked for mini-programs (Tencent CSS isMiniProgramLive). */
  | { by: "mini-program-live"; hostname: string; secret: boolean };

export type AdvisoryFindingDetail =
  | {
      kind: "app-unfiled";
      app: AppSummary;
      link: AppLink;
      mainland: MainlandReason;
      /** No number; a number of the wrong kind (a website's, or X for an app); a filing still under review. */
      problem: "no-number" | "wrong-kind" | "pending";
      /** The number recorded, if any. */
      number?: string;
      numberKind?: FilingNumberKind;
    }
  /** A resource that is an app's backend by tag or by nature, for an app missing from the config. */
  | { kind: "app-undeclared"; link: Exclude<AppLink, { by: "backend-hostname" }>; mainland: MainlandReason }
  | ({
      kind: "psb-missing";
      mainland: MainlandReason;
      liveSince?: string;
      /** liveSince + 30 days. */
      due?: string;
      overdue: boolean;
    } & ServedDomain)
  | ({
      kind: "licence-missing";
      mainland: MainlandReason;
      markedBy: "site" | "entity";
      province?: ProvinceCode;
      /** The licence that covered the domain until it expired. */
      expiredLicence?: { number: string; expires: string };
      /** The entity is a person, who cannot hold the licence. */
      individual: boolean;
    } & ServedDomain)
  | ({ kind: "new-access-needed"; mainland: MainlandReason; filedWith: string; servedBy: Cloud; filingNumber: string } & ServedDomain)
  | {
      kind: "filing-cancellation-risk";
      registeredDomain: string;
      filingNumber: string;
      provider?: string;
      /** Every resource of the stack serving the domain, all outside the mainland. */
      servedFrom: { name: string; type: string; where: MainlandReason }[];
    }
  | ({ kind: "pre-approval-missing"; mainland: MainlandReason; sector: PreApprovalSector; pending: boolean } & ServedDomain);

export type AdvisoryFindingKind = AdvisoryFindingDetail["kind"];
