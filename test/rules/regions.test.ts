import { describe, expect, it } from "vitest";
import { classifyRegion, listedRegions } from "../../rules/regions";

describe("classifyRegion", () => {
  it.each([
    ["alicloud", "cn-hangzhou", true, "CN-ZJ"],
    ["alicloud", "cn-beijing", true, "CN-BJ"],
    ["alicloud", "cn-shenzhen-finance-1", true, "CN-GD"],
    ["alicloud", "cn-hongkong", false, undefined],
    ["alicloud", "ap-southeast-1", false, undefined],
    ["tencentcloud", "ap-guangzhou", true, "CN-GD"],
    ["tencentcloud", "ap-chongqing", true, "CN-CQ"],
    ["tencentcloud", "ap-hongkong", false, undefined],
    ["tencentcloud", "ap-taipei", false, undefined],
    ["tencentcloud", "ap-singapore", false, undefined],
  ] as const)("%s %s → mainland %s, %s", (cloud, region, mainland, province) => {
    const verdict = classifyRegion(cloud, region);
    expect([verdict.mainland, verdict.province, verdict.known]).toEqual([mainland, province, true]);
  });

  it("reads an unlisted cn- region as mainland, but never cn-hongkong variants", () => {
    expect(classifyRegion("alicloud", "cn-xian")).toMatchObject({ mainland: true, known: false });
    expect(classifyRegion("alicloud", "cn-hongkong-2")).toMatchObject({ mainland: false, known: false });
  });

  it("reads an unlisted Tencent region named after a mainland city as mainland", () => {
    expect(classifyRegion("tencentcloud", "ap-wuhan")).toMatchObject({ mainland: true, known: false });
    expect(classifyRegion("tencentcloud", "ap-osaka")).toMatchObject({ mainland: false, known: false });
  });

  it("is case- and space-insensitive", () => {
    expect(classifyRegion("alicloud", " CN-Shanghai ")).toMatchObject({ region: "cn-shanghai", mainland: true, known: true });
  });

  it("gives every listed mainland region a province except the documented unknown", () => {
    const missing = [...listedRegions("alicloud"), ...listedRegions("tencentcloud")].filter((r) => r.mainland && !r.province);
    expect(missing.map((r) => r.region)).toEqual(["ap-xibei-ec"]);
  });
});
