import { describe, expect, it } from "vitest";
import { renderFinding } from "../../../rules/messages";
import { addDays, psbFilingDefinition } from "../../../rules/advisories/psb-filing";
import { aliAlbRule, aliCdn, configProblems, runResource, secret, TODAY } from "./helpers";

const FILED = { domain: "shop.cn", number: "浙ICP备2021003158号-1" };
const run = (resource: Parameters<typeof runResource>[1], filings: Record<string, unknown>[]) =>
  runResource(psbFilingDefinition, resource, { filings });

describe("icp-psb-filing", () => {
  it("is an advisory resource policy by default", () => {
    expect(psbFilingDefinition.metadata).toMatchObject({ name: "icp-psb-filing", defaultLevel: "advisory", severity: "medium" });
    expect(psbFilingDefinition.kind).toBe("resource");
    expect(psbFilingDefinition.metadata.remediation).toContain("psb");
  });

  it("flags a mainland-served filed domain without a PSB number, at the policy's level", () => {
    const [finding, ...rest] = run(aliCdn("site", "www.shop.cn"), [FILED]);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      policy: "icp-psb-filing",
      level: "blocking",
      kind: "psb-missing",
      hostname: "www.shop.cn",
      registeredDomain: "shop.cn",
      overdue: false,
    });
    expect(finding).not.toHaveProperty("due");
    const message = renderFinding(finding, "en");
    expect(message).toContain("within 30 days of the site going live");
    expect(message).toContain("https://beian.mps.gov.cn");
  });

  it("passes a recorded PSB number, an unfiled or pending domain, and a site outside the mainland", () => {
    expect(run(aliCdn("site", "www.shop.cn"), [{ ...FILED, psb: "浙公网安备33010602011771号" }])).toEqual([]);
    expect(run(aliCdn("site", "www.other.cn"), [FILED])).toEqual([]);
    expect(run(aliCdn("site", "www.shop.cn"), [{ ...FILED, status: "pending" }])).toEqual([]);
    expect(run(aliCdn("site", "www.shop.cn", "overseas"), [FILED])).toEqual([]);
    expect(run(aliAlbRule("alb", "www.shop.cn", "cn-hongkong"), [FILED])).toEqual([]);
  });

  it("says when the PSB filing was due: overdue after 30 days, due before", () => {
    const [overdue] = run(aliCdn("site", "www.shop.cn"), [{ ...FILED, liveSince: "2026-09-01" }]);
    expect(overdue).toMatchObject({ liveSince: "2026-09-01", due: "2026-10-01", overdue: true });
    expect(renderFinding(overdue, "en")).toContain("It was due on 2026-10-01, 30 days after the site went live on 2026-09-01, and is overdue.");
    expect(renderFinding(overdue, "zh")).toContain("现已逾期");

    const [due] = run(aliCdn("site", "www.shop.cn"), [{ ...FILED, liveSince: "2026-11-10" }]);
    expect(due).toMatchObject({ due: "2026-12-10", overdue: false });
    expect(renderFinding(due, "en")).toContain("It is due by 2026-12-10");
    // Day 30 itself is still in time.
    const [lastDay] = run(aliCdn("site", "www.shop.cn"), [{ ...FILED, liveSince: addDays(TODAY, -30) }]);
    expect(lastDay).toMatchObject({ due: TODAY, overdue: false });
  });

  it("adds days across month and leap-year ends in UTC", () => {
    expect(addDays("2028-02-15", 30)).toBe("2028-03-16");
    expect(addDays("2026-12-15", 30)).toBe("2027-01-14");
  });

  it("reports once per registered domain of a resource and never prints a secret hostname", () => {
    const rule = aliAlbRule("alb", "x", "cn-shanghai", {
      ruleConditions: [{ type: "Host", hostConfig: { values: ["a.shop.cn", "b.shop.cn", secret("hidden.shop.cn")] } }],
    });
    const findings = run(rule, [FILED]);
    expect(findings.map((f) => f.kind === "psb-missing" && [f.hostname, f.secret])).toEqual([
      ["a.shop.cn", false],
      ["hidden.shop.cn", true],
    ]);
    expect(renderFinding(findings[1], "en")).not.toContain("hidden");
    expect(renderFinding(findings[1], "en")).toContain("[secret]");
  });

  it("rejects a PSB number of the wrong shape or kind, naming the field", () => {
    expect(configProblems(psbFilingDefinition, { filings: [{ ...FILED, psb: "粤公网安备4403050200856号" }] })[0]).toMatch(/^filings\[0\]\.psb: .*14/);
    expect(configProblems(psbFilingDefinition, { filings: [{ ...FILED, psb: "京ICP备11018762号-1" }] })[0]).toMatch(/filings\[0\]\.psb: .*website/);
    expect(configProblems(psbFilingDefinition, { filings: [{ ...FILED, liveSince: "01/09/2026" }] })[0]).toMatch(/filings\[0\]\.liveSince/);
    expect(configProblems(psbFilingDefinition, { filings: [], apps: [] })[0]).toMatch(/unknown field "apps"/);
  });

  it("renders in Chinese", () => {
    const [finding] = run(aliCdn("site", "www.shop.cn"), [{ ...FILED, liveSince: "2026-11-10" }]);
    expect(renderFinding(finding, "zh")).toContain("shop.cn 的备案记录中没有公安备案号");
    expect(renderFinding(finding, "zh")).toContain("2026-12-10 前完成");
  });
});
