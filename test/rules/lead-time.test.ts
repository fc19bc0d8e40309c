import { describe, expect, it } from "vitest";
import { authorityReview, estimateLeadTime, LEAD_TIME_STEP_IDS, type LeadTimeNeeds } from "../../rules/lead-time";
import {
  COMMERCIAL_LICENCE,
  LOCAL_ENTITY_SETUP,
  MIIT_SMS_VERIFICATION,
  PROVIDER_INITIAL_REVIEW,
  PUBLIC_SECURITY_FILING,
} from "../../rules/lead-time-facts";
import { ALL_PROVINCES, PROVINCE_CODES } from "../../rules/provinces";

const NOTHING: LeadTimeNeeds = {
  filings: 0,
  pendingFilings: 0,
  commercialLicence: false,
  foreignCompany: false,
  preApprovalSectors: [],
  publicSecurityFilings: 0,
};

const firstFiling = (extra: Partial<LeadTimeNeeds> = {}): LeadTimeNeeds => ({ ...NOTHING, filings: 1, publicSecurityFilings: 1, ...extra });

describe("the facts, as the reference states them", () => {
  it("has the reference's ranges in business days, each with its source", () => {
    expect([PROVIDER_INITIAL_REVIEW.minBusinessDays, PROVIDER_INITIAL_REVIEW.maxBusinessDays]).toEqual([1, 3]);
    expect([MIIT_SMS_VERIFICATION.minBusinessDays, MIIT_SMS_VERIFICATION.maxBusinessDays]).toEqual([0, 1]);
    expect([COMMERCIAL_LICENCE.minBusinessDays, COMMERCIAL_LICENCE.maxBusinessDays]).toEqual([40, 60]);
    // 8–14 weeks of five business days.
    expect([LOCAL_ENTITY_SETUP.minBusinessDays, LOCAL_ENTITY_SETUP.maxBusinessDays]).toEqual([40, 70]);
    expect(PUBLIC_SECURITY_FILING.dueWithinDaysAfterGoLive).toBe(30);
    for (const fact of [PROVIDER_INITIAL_REVIEW, MIIT_SMS_VERIFICATION, COMMERCIAL_LICENCE, LOCAL_ENTITY_SETUP, PUBLIC_SECURITY_FILING]) {
      expect(fact.source).toMatch(/^icp-facts\.md, Timelines: /);
    }
  });
});

describe("authorityReview", () => {
  it.each([
    ["CN-SH", 3, 5, "province"],
    ["CN-ZJ", 5, 8, "province"],
    ["CN-GD", 5, 10, "province"],
    ["CN-BJ", 10, 15, "province"],
    ["CN-XJ", 15, 20, "province"],
    ["CN-HA", 10, 20, "general"],
  ] as const)("%s reviews in %i–%i business days (%s figure)", (code, min, max, basis) => {
    expect(authorityReview(code)).toEqual({ range: { min, max }, basis: { kind: "province", province: code, basis } });
  });

  it("takes the widest range over every province when none is given", () => {
    expect(authorityReview(undefined)).toEqual({ range: { min: 3, max: 20 }, basis: { kind: "any-province" } });
  });

  it("reads every province from the province table", () => {
    for (const code of PROVINCE_CODES) {
      const province = ALL_PROVINCES.find((p) => p.code === code)!;
      expect(authorityReview(code).range).toEqual({ min: province.authorityReview.minBusinessDays, max: province.authorityReview.maxBusinessDays });
    }
  });
});

describe("estimateLeadTime", () => {
  it("is 0 with a note when nothing needs filing", () => {
    const estimate = estimateLeadTime(NOTHING);
    expect(estimate).toEqual({ steps: [], total: { min: 0, max: 0 }, openEnded: false, notes: [{ kind: "nothing-to-file" }] });
  });

  it("adds provider review, SMS verification and the province's review for a first filing, public security after going live", () => {
    const estimate = estimateLeadTime(firstFiling({ province: "CN-ZJ" }));
    expect(estimate.steps.map((step) => step.id)).toEqual(["provider-review", "miit-sms", "authority-review", "public-security"]);
    expect(estimate.total).toEqual({ min: 1 + 0 + 5, max: 3 + 1 + 8 });
    expect(estimate.openEnded).toBe(false);
    const [provider, sms, authority, psb] = estimate.steps;
    expect(provider).toMatchObject({ start: { min: 0, max: 0 }, end: { min: 1, max: 3 } });
    expect(sms).toMatchObject({ start: { min: 1, max: 3 }, end: { min: 1, max: 4 } });
    expect(authority).toMatchObject({ start: { min: 1, max: 4 }, end: { min: 6, max: 12 }, authority: { kind: "province", province: "CN-ZJ", basis: "province" } });
    expect(psb).toMatchObject({ duration: { kind: "after-go-live", withinCalendarDays: 30 }, start: { min: 6, max: 12 }, count: 1 });
    expect(estimate.notes).toContainEqual({ kind: "first-submission", share: 0.78, source: expect.stringContaining("78%") });
  });

  it("puts the commercial licence after the filing and before going live", () => {
    const estimate = estimateLeadTime(firstFiling({ province: "CN-SH", commercialLicence: true }));
    expect(estimate.steps.map((step) => step.id)).toEqual(["provider-review", "miit-sms", "authority-review", "commercial-licence", "public-security"]);
    expect(estimate.total).toEqual({ min: 1 + 0 + 3 + 40, max: 3 + 1 + 5 + 60 });
    expect(estimate.steps.at(-1)!.start).toEqual(estimate.total);
  });

  it("has a foreign company set up its local entity first", () => {
    const estimate = estimateLeadTime(firstFiling({ province: "CN-GD", foreignCompany: true }));
    expect(estimate.steps[0]).toMatchObject({ id: "local-entity", start: { min: 0, max: 0 }, end: { min: 40, max: 70 } });
    expect(estimate.total).toEqual({ min: 40 + 1 + 0 + 5, max: 70 + 3 + 1 + 10 });
  });

  it("needs no local entity when nothing is to be filed", () => {
    expect(estimateLeadTime({ ...NOTHING, foreignCompany: true }).steps).toEqual([]);
  });

  it("shows sector pre-approval without a duration, leaves it out of the total and says so", () => {
    const estimate = estimateLeadTime(firstFiling({ province: "CN-BJ", preApprovalSectors: ["education", "education", "medical"] }));
    const preApproval = estimate.steps.find((step) => step.id === "sector-pre-approval")!;
    expect(preApproval).toMatchObject({ duration: { kind: "not-in-reference" }, sectors: ["education", "medical"] });
    expect(estimate.steps.indexOf(preApproval)).toBeLessThan(estimate.steps.findIndex((step) => step.id === "provider-review"));
    expect(estimate.total).toEqual({ min: 11, max: 19 });
    expect(estimate.openEnded).toBe(true);
    expect(estimate.notes).toContainEqual({ kind: "duration-not-in-reference", steps: ["sector-pre-approval"] });
  });

  it("uses every province's range when the province is not known, and says so", () => {
    const estimate = estimateLeadTime(firstFiling());
    expect(estimate.steps.find((step) => step.id === "authority-review")!.authority).toEqual({ kind: "any-province" });
    expect(estimate.total).toEqual({ min: 1 + 3, max: 4 + 20 });
    expect(estimate.notes).toContainEqual({ kind: "province-not-given", min: 3, max: 20 });
  });

  it("notes filings already under review", () => {
    expect(estimateLeadTime(firstFiling({ pendingFilings: 1, province: "CN-SH" })).notes).toContainEqual({ kind: "pending-filings", count: 1 });
  });

  it("counts a licence for sites already filed on its own", () => {
    const estimate = estimateLeadTime({ ...NOTHING, commercialLicence: true });
    expect(estimate.steps.map((step) => step.id)).toEqual(["commercial-licence"]);
    expect(estimate.total).toEqual({ min: 40, max: 60 });
    expect(estimate.notes).toEqual([]);
  });

  it("keeps a public-security filing of a filed site after going live, at 0 business days before it", () => {
    const estimate = estimateLeadTime({ ...NOTHING, publicSecurityFilings: 2 });
    expect(estimate.total).toEqual({ min: 0, max: 0 });
    expect(estimate.steps).toMatchObject([{ id: "public-security", count: 2 }]);
    expect(estimate.notes[0]).toEqual({ kind: "nothing-to-file" });
  });

  it("lists steps in the documented order, each starting where the one before ends", () => {
    const estimate = estimateLeadTime(
      firstFiling({ province: "CN-SC", foreignCompany: true, commercialLicence: true, preApprovalSectors: ["games"] }),
    );
    expect(estimate.steps.map((step) => step.id)).toEqual([...LEAD_TIME_STEP_IDS]);
    for (let i = 1; i < estimate.steps.length; i++) expect(estimate.steps[i]!.start).toEqual(estimate.steps[i - 1]!.end);
    expect(estimate.total).toEqual({ min: 40 + 1 + 0 + 10 + 40, max: 70 + 3 + 1 + 15 + 60 });
  });
});
