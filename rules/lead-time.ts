// The lead time before a layout can go live in mainland China: the steps its filings need, one
// after another, each as a range of business days from rules/lead-time-facts.ts and the
// province's authority review from rules/provinces.ts. Pure: the layout summary says what is
// needed, this says how long it takes.

import type { PreApprovalSector } from "./advisories/config";
import {
  AUTHORITY_REVIEW_SOURCE,
  COMMERCIAL_LICENCE,
  FIRST_SUBMISSION_PASS_RATE,
  LOCAL_ENTITY_SETUP,
  MIIT_SMS_VERIFICATION,
  PROVIDER_INITIAL_REVIEW,
  PUBLIC_SECURITY_FILING,
  SECTOR_PRE_APPROVAL,
  type BusinessDayRange,
} from "./lead-time-facts";
import { ALL_PROVINCES, provinceByCode, type ProvinceCode } from "./provinces";

/** The steps in the order they happen. */
export const LEAD_TIME_STEP_IDS = [
  "local-entity",
  "sector-pre-approval",
  "provider-review",
  "miit-sms",
  "authority-review",
  "commercial-licence",
  "public-security",
] as const;

export type LeadTimeStepId = (typeof LEAD_TIME_STEP_IDS)[number];

/** What a layout needs before (and right after) it goes live, from the layout summary. */
export interface LeadTimeNeeds {
  /** Website, app and mini-program filings still to be issued (new or under review). */
  filings: number;
  /** Of those, how many are already submitted and under review. */
  pendingFilings: number;
  /** Province of the filing entity; the authority there reviews. Unknown: every province's range. */
  province?: ProvinceCode;
  commercialLicence: boolean;
  /** A foreign company without a mainland entity: it must set one up before filing. */
  foreignCompany: boolean;
  /** Sectors whose authority must approve a site before its filing. */
  preApprovalSectors: readonly PreApprovalSector[];
  /** Public-security filings that follow going live. */
  publicSecurityFilings: number;
}

export interface DayRange {
  min: number;
  max: number;
}

export type StepDuration =
  | { kind: "business-days"; min: number; max: number }
  /** The reference gives no duration: the total leaves this step out and says so. */
  | { kind: "not-in-reference" }
  /** Due after going live, in calendar days: it does not delay going live. */
  | { kind: "after-go-live"; withinCalendarDays: number };

export type AuthorityBasis =
  | { kind: "province"; province: ProvinceCode; basis: "province" | "general" }
  /** No province given: the range of every province's review. */
  | { kind: "any-province" };

export interface LeadTimeStep {
  id: LeadTimeStepId;
  duration: StepDuration;
  /** Business days after starting when the step starts and ends, earliest and latest. */
  start: DayRange;
  end: DayRange;
  source: string;
  /** Authority review: whose range it is. */
  authority?: AuthorityBasis;
  /** Sector pre-approval: the sectors concerned. */
  sectors?: readonly PreApprovalSector[];
  /** Public-security filing: how many follow. */
  count?: number;
}

export type LeadTimeNote =
  | { kind: "nothing-to-file" }
  | { kind: "duration-not-in-reference"; steps: LeadTimeStepId[] }
  | { kind: "pending-filings"; count: number }
  | { kind: "province-not-given"; min: number; max: number }
  | { kind: "first-submission"; share: number; source: string };

export interface LeadTimeEstimate {
  /** Only the steps this layout needs, in order; public security last, after going live. */
  steps: LeadTimeStep[];
  /** Business days before going live: the sum of the steps with a known duration. */
  total: DayRange;
  /** Some step has no known duration, so the real total is longer than `total`. */
  openEnded: boolean;
  notes: LeadTimeNote[];
}

/** The authority review of a province, or the widest range when the province is not known. */
export function authorityReview(province: ProvinceCode | undefined): { range: DayRange; basis: AuthorityBasis } {
  const known = province === undefined ? undefined : provinceByCode(province);
  if (known) {
    const review = known.authorityReview;
    return {
      range: { min: review.minBusinessDays, max: review.maxBusinessDays },
      basis: { kind: "province", province: known.code, basis: review.basis },
    };
  }
  return {
    range: {
      min: Math.min(...ALL_PROVINCES.map((p) => p.authorityReview.minBusinessDays)),
      max: Math.max(...ALL_PROVINCES.map((p) => p.authorityReview.maxBusinessDays)),
    },
    basis: { kind: "any-province" },
  };
}

const days = (range: BusinessDayRange): DayRange => ({ min: range.minBusinessDays, max: range.maxBusinessDays });

export function estimateLeadTime(needs: LeadTimeNeeds): LeadTimeEstimate {
  const steps: LeadTimeStep[] = [];
  const notes: LeadTimeNote[] = [];
  let at: DayRange = { min: 0, max: 0 };
  const addTimed = (id: LeadTimeStepId, range: DayRange, source: string, extra: Partial<LeadTimeStep> = {}) => {
    const end = { min: at.min + range.min, max: at.max + range.max };
    steps.push({ id, duration: { kind: "business-days", ...range }, start: at, end, source, ...extra });
    at = end;
  };

  const filing = needs.filings > 0;
  if (filing && needs.foreignCompany) addTimed("local-entity", days(LOCAL_ENTITY_SETUP), LOCAL_ENTITY_SETUP.source);
  const sectors = [...new Set(needs.preApprovalSectors)];
  if (filing && sectors.length > 0) {
    steps.push({ id: "sector-pre-approval", duration: { kind: "not-in-reference" }, start: at, end: at, source: SECTOR_PRE_APPROVAL.source, sectors });
    notes.push({ kind: "duration-not-in-reference", steps: ["sector-pre-approval"] });
  }
  if (filing) {
    addTimed("provider-review", days(PROVIDER_INITIAL_REVIEW), PROVIDER_INITIAL_REVIEW.source);
    addTimed("miit-sms", days(MIIT_SMS_VERIFICATION), MIIT_SMS_VERIFICATION.source);
    const review = authorityReview(needs.province);
    addTimed("authority-review", review.range, AUTHORITY_REVIEW_SOURCE, { authority: review.basis });
    if (review.basis.kind === "any-province") notes.push({ kind: "province-not-given", ...review.range });
    if (needs.pendingFilings > 0) notes.push({ kind: "pending-filings", count: needs.pendingFilings });
    notes.push({ kind: "first-submission", share: FIRST_SUBMISSION_PASS_RATE.share, source: FIRST_SUBMISSION_PASS_RATE.source });
  }
  if (needs.commercialLicence) addTimed("commercial-licence", days(COMMERCIAL_LICENCE), COMMERCIAL_LICENCE.source);
  const total = at;
  if (needs.publicSecurityFilings > 0) {
    steps.push({
      id: "public-security",
      duration: { kind: "after-go-live", withinCalendarDays: PUBLIC_SECURITY_FILING.dueWithinDaysAfterGoLive },
      start: total,
      end: total,
      source: PUBLIC_SECURITY_FILING.source,
      count: needs.publicSecurityFilings,
    });
  }
  if (!filing && !needs.commercialLicence) notes.unshift({ kind: "nothing-to-file" });
  return { steps, total, openEnded: steps.some((step) => step.duration.kind === "not-in-reference"), notes };
}
