// How long each step towards a mainland go-live takes, as published guides state it. These are
// planning figures, not promises: rules/lead-time.ts adds them up, and every report shows them
// with their source.
//
// Source: /work/shared/reference/icp-facts.md, sections "Timelines" and "Mainland or Hong Kong:
// what changes for users" (compiled from Alibaba Cloud's and Tencent Cloud's filing guides and
// industry guides). The authority review of each province lives in rules/provinces.ts with the
// same source; the public-security deadline is the one icp-psb-filing checks.

import { PSB_DEADLINE_DAYS } from "./advisories/psb-filing";
import { PRE_APPROVAL_SECTORS } from "./advisories/config";

/** The guides count weeks of five working days when they turn weeks into business days. */
export const BUSINESS_DAYS_PER_WEEK = 5;

const SOURCE = "icp-facts.md, Timelines";

export interface BusinessDayRange {
  readonly minBusinessDays: number;
  readonly maxBusinessDays: number;
  /** Where the figure comes from, as the reports cite it. */
  readonly source: string;
}

/** The access provider checks the materials before passing them to the authority. */
export const PROVIDER_INITIAL_REVIEW: BusinessDayRange = {
  minBusinessDays: 1,
  maxBusinessDays: 3,
  source: `${SOURCE}: provider's initial review, 1–3 business days`,
};

/** MIIT texts the entity's contact; the reply is due within 24 hours of the message. */
export const MIIT_SMS_VERIFICATION: BusinessDayRange = {
  minBusinessDays: 0,
  maxBusinessDays: 1,
  source: `${SOURCE}: MIIT SMS verification, within 24 hours of the SMS`,
};

/** The commercial ICP licence (ICP证) is applied for once the filing is issued. */
export const COMMERCIAL_LICENCE: BusinessDayRange = {
  minBusinessDays: 40,
  maxBusinessDays: 60,
  source: `${SOURCE}: ICP commercial licence, 40–60 business days (guides: about 60 working days after the filing)`,
};

export const LOCAL_ENTITY_SETUP_WEEKS = { min: 8, max: 14 } as const;

/** A foreign company cannot file; it sets up a WFOE or joint venture first. */
export const LOCAL_ENTITY_SETUP: BusinessDayRange = {
  minBusinessDays: LOCAL_ENTITY_SETUP_WEEKS.min * BUSINESS_DAYS_PER_WEEK,
  maxBusinessDays: LOCAL_ENTITY_SETUP_WEEKS.max * BUSINESS_DAYS_PER_WEEK,
  source: `${SOURCE}: foreign company, set up a WFOE/JV first, 8–14 weeks (whole path 3–5 months)`,
};

/** Sectors whose authority approves a site before it can be filed; the reference gives no duration. */
export const SECTOR_PRE_APPROVAL = {
  sectors: PRE_APPROVAL_SECTORS,
  source: `${SOURCE}: news, publishing, education, medical, finance and games need the sector authority's pre-approval before filing; no duration given`,
} as const;

/** Due after go-live, so it never delays it; calendar days, as the rule is written. */
export const PUBLIC_SECURITY_FILING = {
  dueWithinDaysAfterGoLive: PSB_DEADLINE_DAYS,
  source: `${SOURCE}: public-security filing, due within 30 days of going live`,
} as const;

export const AUTHORITY_REVIEW_SOURCE = `${SOURCE}: authority review per province (rules/provinces.ts)`;

/** Share of applications that pass at the first submission; a rejection sends the filing back. */
export const FIRST_SUBMISSION_PASS_RATE = {
  share: 0.78,
  source: "icp-facts.md, Timelines: about 78% of applications pass on the first submission",
} as const;

