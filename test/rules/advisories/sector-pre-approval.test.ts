import { describe, expect, it } from "vitest";
import { PRE_APPROVAL_SECTORS } from "../../../rules/advisories/config";
import { sectorPreApprovalDefinition } from "../../../rules/advisories/sector-pre-approval";
import { renderFinding } from "../../../rules/messages";
import { aliCdn, configProblems, runResource } from "./helpers";

const FILED = { domain: "shop.cn", number: "浙ICP备2021003158号-1" };
const run = (filings: Record<string, unknown>[], resource = aliCdn("site", "www.shop.cn")) =>
  runResource(sectorPreApprovalDefinition, resource, { filings });

describe("icp-sector-pre-approval", () => {
  it("is an advisory resource policy by default", () => {
    expect(sectorPreApprovalDefinition.metadata).toMatchObject({ name: "icp-sector-pre-approval", defaultLevel: "advisory", severity: "high" });
    expect(PRE_APPROVAL_SECTORS).toEqual(["news", "publishing", "education", "medical", "finance", "games"]);
  });

  it("flags every pre-approval sector without a recorded approval, naming its authority", () => {
    const authorities = { news: "cyberspace", publishing: "press and publication", education: "education authority", medical: "health authority", finance: "financial regulator", games: "press and publication" };
    for (const sector of PRE_APPROVAL_SECTORS) {
      const [finding, ...rest] = run([{ ...FILED, sector }]);
      expect(rest).toEqual([]);
      expect(finding).toMatchObject({ level: "blocking", kind: "pre-approval-missing", sector, pending: false });
      expect(renderFinding(finding, "en")).toContain(authorities[sector]);
      expect(renderFinding(finding, "en")).toContain("risks having its filing revoked");
    }
  });

  it("warns a pending filing that it will likely be rejected", () => {
    const [finding] = run([{ ...FILED, sector: "medical", status: "pending" }]);
    expect(finding).toMatchObject({ pending: true });
    expect(renderFinding(finding, "en")).toContain("will likely be rejected");
    expect(renderFinding(finding, "zh")).toContain("很可能被驳回");
  });

  it("passes a recorded approval, the none sector, no sector, and sites outside the mainland", () => {
    expect(run([{ ...FILED, sector: "news", preApproval: "京网信备11010000000001号" }])).toEqual([]);
    expect(run([{ ...FILED, sector: "none" }])).toEqual([]);
    expect(run([FILED])).toEqual([]);
    expect(run([{ ...FILED, sector: "news" }], aliCdn("site", "www.shop.cn", "overseas"))).toEqual([]);
  });

  it("rejects an unknown sector, naming the field", () => {
    expect(configProblems(sectorPreApprovalDefinition, { filings: [{ ...FILED, sector: "gambling" }] })[0]).toMatch(/^filings\[0\]\.sector/);
  });
});
