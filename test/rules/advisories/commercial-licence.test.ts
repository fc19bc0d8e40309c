import { describe, expect, it } from "vitest";
import { commercialLicenceDefinition } from "../../../rules/advisories/commercial-licence";
import { renderFinding } from "../../../rules/messages";
import { aliCdn, configProblems, runResource, tencentClbRule } from "./helpers";

const FILED = { domain: "shop.cn", number: "浙ICP备2021003158号-1" };
const run = (config: Record<string, unknown>, resource = aliCdn("site", "www.shop.cn")) =>
  runResource(commercialLicenceDefinition, resource, config);

describe("icp-commercial-licence", () => {
  it("is an advisory resource policy by default", () => {
    expect(commercialLicenceDefinition.metadata).toMatchObject({ name: "icp-commercial-licence", defaultLevel: "advisory", severity: "high" });
  });

  it("flags a site marked commercial without a licence", () => {
    const [finding, ...rest] = run({ filings: [{ ...FILED, commercial: true }] });
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ level: "blocking", kind: "licence-missing", registeredDomain: "shop.cn", markedBy: "site", individual: false });
    const message = renderFinding(finding, "en");
    expect(message).toContain("its filing record says commercial: true");
    expect(message).toContain("the entity's province");
    expect(renderFinding(finding, "zh")).toContain("未记录 ICP 经营许可证");
  });

  it("flags every mainland site of a commercial entity, filed or not, unless its record says commercial: false", () => {
    const entity = { commercial: true, province: "CN-GD" };
    const [filed] = run({ filings: [FILED], entity });
    expect(filed).toMatchObject({ markedBy: "entity", province: "CN-GD" });
    expect(renderFinding(filed, "en")).toContain("communications administration of Guangdong");
    expect(renderFinding(filed, "zh")).toContain("向广东省通信管理局申请");
    expect(run({ entity }, aliCdn("x", "www.other.cn"))).toHaveLength(1);
    expect(run({ filings: [{ ...FILED, commercial: false }], entity })).toEqual([]);
  });

  it("passes a licence on the record, an entity-wide licence, or one listing the domain", () => {
    const commercial = [{ ...FILED, commercial: true }];
    expect(run({ filings: [{ ...FILED, commercial: true, licence: "浙B2-20210315" }] })).toEqual([]);
    expect(run({ filings: commercial, licences: [{ number: "京ICP证150476号" }] })).toEqual([]);
    expect(run({ filings: commercial, licences: [{ number: "京ICP证150476号", domains: ["www.shop.cn"] }] })).toEqual([]);
    expect(run({ filings: commercial, licences: [{ number: "京ICP证150476号", domains: ["other.cn"] }] })).toHaveLength(1);
  });

  it("treats an expired licence as missing and says when it expired", () => {
    const [finding] = run({ filings: [{ ...FILED, commercial: true }], licences: [{ number: "京ICP证150476号", expires: "2026-01-31" }] });
    expect(finding).toMatchObject({ expiredLicence: { number: "京ICP证150476号", expires: "2026-01-31" } });
    expect(renderFinding(finding, "en")).toContain("its commercial ICP licence 京ICP证150476号 expired on 2026-01-31");
    const renewed = [{ number: "京ICP证150476号", expires: "2026-01-31" }, { number: "京ICP证150477号", expires: "2031-01-31" }];
    expect(run({ filings: [{ ...FILED, commercial: true }], licences: renewed })).toEqual([]);
  });

  it("tells an individual that only a company can hold the licence", () => {
    const [finding] = run({ entity: { commercial: true, type: "individual" } });
    expect(renderFinding(finding, "en")).toContain("An individual cannot hold the licence");
    expect(renderFinding(finding, "zh")).toContain("个人不能持有该许可证");
  });

  it("stays quiet for non-commercial sites and outside the mainland", () => {
    expect(run({ filings: [FILED] })).toEqual([]);
    expect(run({ filings: [{ ...FILED, commercial: true }] }, tencentClbRule("hk", "www.shop.cn", "ap-hongkong"))).toEqual([]);
  });

  it("rejects licence numbers of the wrong kind and unknown entity fields", () => {
    expect(configProblems(commercialLicenceDefinition, { licences: [{ number: "京ICP备11018762号-1" }] })[0]).toMatch(/^licences\[0\]\.number: .*website/);
    expect(configProblems(commercialLicenceDefinition, { filings: [{ ...FILED, licence: "ICP证150476号" }] })[0]).toMatch(/^filings\[0\]\.licence/);
    expect(configProblems(commercialLicenceDefinition, { entity: { commercial: true, name: "Shop Ltd" } })[0]).toMatch(/entity: unknown field "name"/);
    expect(configProblems(commercialLicenceDefinition, { entity: { province: "GD" } })[0]).toMatch(/^entity\.province/);
  });
});
