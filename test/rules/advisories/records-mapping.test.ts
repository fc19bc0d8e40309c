// `icpguard config` writes every advisory's config from one records file: each must accept what
// its mapping gives it, at run time and against the JSON Schema the engine checks first.

import { readFileSync } from "node:fs";
import * as path from "node:path";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { ADVISORY_POLICIES } from "../../../rules/advisories";
import { policyConfigSchema } from "../../../rules/config";
import { RecordsFileSchema } from "../../../rules/records-file";
import { policyPackConfig } from "../../../rules/records-to-config";
import { TODAY } from "./helpers";

const RECORDS = RecordsFileSchema.parse({
  entity: { name: "杭州示例网络科技有限公司", province: "浙", type: "company", commercial: true },
  filings: [
    { domain: "example.com", number: "Zhe ICP Bei 2021003158 Hao-1", provider: "alicloud", psb: "浙公网安备33010602011771号", liveSince: "2021-06-18", sector: "none" },
    { domain: "learn.example.net", number: "浙ICP备2021003158号-6", status: "pending", sector: "education", preApproval: "浙教网审〔2026〕0217号" },
  ],
  apps: [
    { name: "示例商城", kind: "app", platform: "android", packageName: "com.example.shop", number: "Zhe ICP Bei 2021003158 Hao-4A", backends: ["api.example.com"] },
    { name: "示例小程序", kind: "mini-program", platform: "wechat", appId: "wx8d2c6e4a1b3f5e70", backends: ["mp.example.com"] },
  ],
  licences: [{ number: "浙B2-20210315", expires: "2031-03-14" }],
  language: "zh",
});

describe("records file → advisory configs", () => {
  const config = policyPackConfig(RECORDS, {}, ADVISORY_POLICIES);

  it("writes every advisory at its default level, numbers in Chinese form", () => {
    for (const definition of ADVISORY_POLICIES) {
      expect(config[definition.metadata.name], definition.metadata.name).toMatchObject({ enforcementLevel: "advisory", language: "zh" });
    }
    expect(config["icp-app-filing"]).toMatchObject({ apps: [{ name: "示例商城", number: "浙ICP备2021003158号-4A" }, { name: "示例小程序" }] });
    expect(config["icp-psb-filing"]).toMatchObject({ filings: [{ number: "浙ICP备2021003158号-1" }, {}] });
    expect(config["icp-commercial-licence"]).toMatchObject({
      entity: { commercial: true, province: "CN-ZJ", type: "company" },
      licences: [{ number: "浙B2-20210315", expires: "2031-03-14" }],
    });
  });

  it("gives each advisory a config it accepts at run time and the engine's schema check accepts", () => {
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    for (const definition of ADVISORY_POLICIES) {
      const { enforcementLevel: _level, ...properties } = config[definition.metadata.name]!;
      const prepared = definition.prepare(properties, TODAY);
      expect(prepared.ok ? [] : prepared.problems, definition.metadata.name).toEqual([]);
      const schema = { type: "object", ...policyConfigSchema(definition.configSchema) };
      const validate = ajv.compile(schema);
      expect(validate(JSON.parse(JSON.stringify(properties))) ? [] : validate.errors, definition.metadata.name).toEqual([]);
    }
  });

  it("maps the example records file the README points at", () => {
    const text = readFileSync(path.resolve(__dirname, "../../../examples/records/icp-records.yaml"), "utf8");
    const { parse } = require("yaml") as typeof import("yaml");
    const records = RecordsFileSchema.parse(parse(text));
    const exampleConfig = policyPackConfig(records, {}, ADVISORY_POLICIES);
    for (const definition of ADVISORY_POLICIES) {
      const { enforcementLevel: _level, ...properties } = exampleConfig[definition.metadata.name]!;
      const prepared = definition.prepare(properties, TODAY);
      expect(prepared.ok ? [] : prepared.problems, definition.metadata.name).toEqual([]);
    }
  });
});
