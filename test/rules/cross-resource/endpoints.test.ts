import { describe, expect, it } from "vitest";
import { endpointRegion } from "../../../rules/cross-resource/endpoints";

describe("endpointRegion", () => {
  it.each([
    ["assets.oss-cn-shanghai.aliyuncs.com", "cn-shanghai", true],
    ["oss-cn-hangzhou.aliyuncs.com", "cn-hangzhou", true],
    ["assets.oss-cn-beijing-internal.aliyuncs.com", "cn-beijing", true],
    ["assets.oss-cn-hongkong.aliyuncs.com", "cn-hongkong", false],
    ["alb-abc123.cn-shenzhen.alb.aliyuncs.com", "cn-shenzhen", true],
    ["nlb-abc123.ap-southeast-1.nlb.aliyuncs.com", "ap-southeast-1", false],
    ["web-fn-abcd.cn-hangzhou.fcapp.run", "cn-hangzhou", true],
    ["media-1250000000.cos.ap-guangzhou.myqcloud.com", "ap-guangzhou", true],
    ["media-1250000000.cos-website.ap-hongkong.myqcloud.com", "ap-hongkong", false],
  ])("%s names %s (mainland %s)", (hostname, region, mainland) => {
    expect(endpointRegion(hostname)?.verdict).toMatchObject({ region, mainland, known: true });
  });

  it("gives no verdict for global endpoints, unlisted regions and other hosts", () => {
    expect(endpointRegion("assets.oss-accelerate.aliyuncs.com")).toBeUndefined();
    expect(endpointRegion("assets.oss-cn-atlantis.aliyuncs.com")).toBeUndefined();
    expect(endpointRegion("media-1250000000.cos.accelerate.myqcloud.com")).toBeUndefined();
    expect(endpointRegion("www.example.com.w.kunlunsl.com")).toBeUndefined();
    expect(endpointRegion("oss-cn-shanghai.aliyuncs.com.evil.example")).toBeUndefined();
  });
});
