import { describe, expect, it } from "vitest";
import { filingCancellationRiskDefinition } from "../../../rules/advisories/filing-cancellation-risk";
import { renderFinding } from "../../../rules/messages";
import { UNKNOWN_SENTINELS } from "../../../rules/view";
import { aliAlbRule, aliCdn, aliEcs, runStack, tencentClbRule } from "./helpers";

const UNKNOWN_STRING = Object.keys(UNKNOWN_SENTINELS).find((key) => UNKNOWN_SENTINELS[key] === "string")!;
const FILED = { domain: "shop.cn", number: "浙ICP备2021003158号-1", provider: "alicloud" };
const run = (resources: Parameters<typeof runStack>[1], filings: Record<string, unknown>[] = [FILED]) =>
  runStack(filingCancellationRiskDefinition, resources, { filings });

describe("icp-filing-cancellation-risk", () => {
  it("is an advisory stack policy by default", () => {
    expect(filingCancellationRiskDefinition.kind).toBe("stack");
    expect(filingCancellationRiskDefinition.metadata).toMatchObject({ name: "icp-filing-cancellation-risk", defaultLevel: "advisory" });
  });

  it("flags a filed domain whose every serving resource is outside the mainland, listing them", () => {
    const findings = run([aliCdn("cdn", "www.shop.cn", "overseas"), aliAlbRule("alb", "api.shop.cn", "cn-hongkong"), aliEcs("vm", "cn-hangzhou")]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      policy: "icp-filing-cancellation-risk",
      level: "blocking",
      kind: "filing-cancellation-risk",
      registeredDomain: "shop.cn",
      provider: "alicloud",
      resource: { name: "cdn" },
      servedFrom: [{ name: "cdn" }, { name: "alb" }],
    });
    const message = renderFinding(findings[0], "en");
    expect(message).toContain('cdn (scope "overseas"); alb (region cn-hongkong)');
    expect(message).toContain("may be cancelled");
    expect(message).toContain("a mainland instance of alicloud");
    expect(renderFinding(findings[0], "zh")).toContain("备案可能被注销");
  });

  it("stays quiet while any resource of the stack serves the domain from the mainland", () => {
    expect(run([aliCdn("cdn", "www.shop.cn", "overseas"), tencentClbRule("clb", "api.shop.cn", "ap-guangzhou")])).toEqual([]);
  });

  it("stays quiet for unfiled or pending domains, and domains this stack does not serve", () => {
    expect(run([aliCdn("cdn", "www.other.cn", "overseas")])).toEqual([]);
    expect(run([aliCdn("cdn", "www.shop.cn", "overseas")], [{ ...FILED, status: "pending" }])).toEqual([]);
    expect(run([aliEcs("vm", "cn-hongkong")])).toEqual([]);
  });

  it("says nothing while a mainland resource's hostname or a serving resource's location is unknown", () => {
    expect(run([aliCdn("cdn", "www.shop.cn", "overseas"), tencentClbRule("clb", UNKNOWN_STRING, "ap-guangzhou")])).toEqual([]);
    expect(run([aliCdn("cdn", "www.shop.cn", UNKNOWN_STRING)])).toEqual([]);
    // An unknown hostname outside the mainland cannot keep a domain in the mainland.
    expect(run([aliCdn("cdn", "www.shop.cn", "overseas"), tencentClbRule("clb", UNKNOWN_STRING, "ap-hongkong")])).toHaveLength(1);
  });

  it("names the access provider generically when the record has none", () => {
    const [finding] = run([aliCdn("cdn", "www.shop.cn", "overseas")], [{ ...FILED, provider: undefined }]);
    expect(finding).not.toHaveProperty("provider");
    expect(renderFinding(finding, "en")).toContain("a mainland instance of its access provider");
  });
});
