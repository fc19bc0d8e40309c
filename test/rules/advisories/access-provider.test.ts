import { describe, expect, it } from "vitest";
import { accessProviderCloud, accessProviderDefinition, ANY_FILING_ACCEPTED } from "../../../rules/advisories/access-provider";
import { CATALOGUE } from "../../../rules/catalogue";
import { renderFinding } from "../../../rules/messages";
import { aliAlbRule, aliBucketCname, aliCdn, runResource, tencentClbRule, tencentScfDomain } from "./helpers";

const FILED_ALI = { domain: "shop.cn", number: "浙ICP备2021003158号-1", provider: "alicloud" };
const run = (resource: Parameters<typeof runResource>[1], filings: Record<string, unknown>[] = [FILED_ALI]) =>
  runResource(accessProviderDefinition, resource, { filings });

describe("icp-access-provider", () => {
  it("is an advisory resource policy by default", () => {
    expect(accessProviderDefinition.metadata).toMatchObject({ name: "icp-access-provider", defaultLevel: "advisory", severity: "high" });
  });

  it("flags a domain filed with Alibaba Cloud served from Tencent Cloud's mainland servers", () => {
    const [finding, ...rest] = run(tencentClbRule("api", "api.shop.cn", "ap-guangzhou"));
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ level: "blocking", kind: "new-access-needed", filedWith: "alicloud", servedBy: "tencentcloud", filingNumber: FILED_ALI.number });
    const message = renderFinding(finding, "en");
    expect(message).toContain("from Tencent Cloud's mainland servers");
    expect(message).toContain("is filed through alicloud (浙ICP备2021003158号-1)");
    expect(message).toContain("new-access filing (新增接入)");
    expect(renderFinding(finding, "zh")).toContain("腾讯云需为 shop.cn 办理新增接入");
  });

  it("passes the filing's own provider, however it is spelt", () => {
    for (const provider of ["alicloud", "Aliyun", "Alibaba Cloud", "阿里云"]) {
      expect(run(aliAlbRule("alb", "www.shop.cn", "cn-hangzhou"), [{ ...FILED_ALI, provider }])).toEqual([]);
    }
    for (const provider of ["tencentcloud", "Tencent Cloud", "qcloud", "腾讯云"]) {
      expect(run(tencentScfDomain("fn", "api.shop.cn", "ap-shanghai"), [{ ...FILED_ALI, provider }])).toEqual([]);
    }
  });

  it("flags any other access provider, named as the record names it", () => {
    const [finding] = run(aliAlbRule("alb", "www.shop.cn", "cn-hangzhou"), [{ ...FILED_ALI, provider: "huaweicloud" }]);
    expect(finding).toMatchObject({ filedWith: "huaweicloud", servedBy: "alicloud" });
    expect(accessProviderCloud("huaweicloud")).toBeUndefined();
  });

  it("does not flag CDN or object storage, which accept any valid filing", () => {
    expect(run(aliCdn("cdn", "www.shop.cn"), [{ ...FILED_ALI, provider: "tencentcloud" }])).toEqual([]);
    expect(run(aliBucketCname("oss", "img.shop.cn", "cn-hangzhou"), [{ ...FILED_ALI, provider: "tencentcloud" }])).toEqual([]);
    expect(accessProviderDefinition.appliesTo("tencentcloud:Cdn/domain:Domain")).toBe(false);
    for (const type of ANY_FILING_ACCEPTED.keys()) expect(CATALOGUE.some((entry) => entry.type === type), type).toBe(true);
  });

  it("stays quiet without a recorded provider, for a pending filing, and outside the mainland", () => {
    expect(run(tencentClbRule("api", "api.shop.cn", "ap-guangzhou"), [{ ...FILED_ALI, provider: undefined }])).toEqual([]);
    expect(run(tencentClbRule("api", "api.shop.cn", "ap-guangzhou"), [{ ...FILED_ALI, status: "pending" }])).toEqual([]);
    expect(run(tencentClbRule("api", "api.shop.cn", "ap-hongkong"))).toEqual([]);
  });
});
