// The bench's inputs: the same on every run, valid where the pack checks them, and encoded the
// way google-protobuf itself would encode the Configure request.

import { describe, expect, it } from "vitest";
import { serializeConfigureRequest } from "../../bench/configure-request";
import { filingNumberFor, recordsOfSize, resourceStream, streamRecords } from "../../bench/workload";
import { enforcementLevelToProto, type PolicyConfigEntry } from "../../harness";
import { analyzerPb, structPb } from "../../harness/protos";
import { FilingRecordSchema } from "../../rules/config";

describe("bench workload", () => {
  it("is the same stream on every run, with domain-serving and plain resources", () => {
    const first = resourceStream(300);
    expect(resourceStream(300)).toEqual(first);
    const types = new Set(first.map((resource) => resource.type));
    expect(types).toContain("alicloud:cdn/domainNew:DomainNew");
    expect(types).toContain("alicloud:ecs/instance:Instance");
    expect(new Set(first.map((resource) => resource.name)).size).toBe(first.length);
  });

  it("makes filing records the pack's own config schema accepts", () => {
    for (const record of [...streamRecords(), ...recordsOfSize(300).slice(-5)]) {
      expect(FilingRecordSchema.safeParse(record).success, JSON.stringify(record)).toBe(true);
    }
    expect(recordsOfSize(10)).toEqual(streamRecords());
    expect(new Set(recordsOfSize(1_000).map((record) => record.domain)).size).toBe(1_000);
    expect(filingNumberFor(0)).toBe("浙ICP备2021003158号-1");
    expect(filingNumberFor(99_999)).toBe("浙ICP备2021003159号-1");
  });

  it("encodes a Configure request with repeated records as google-protobuf does", () => {
    const filings = recordsOfSize(12);
    const config: Record<string, PolicyConfigEntry> = {
      "icp-filing-required": { enforcementLevel: "mandatory", properties: { filings, language: "zh", waivers: [] } },
      "icp-psb-filing": { enforcementLevel: "advisory", properties: { filings, language: "en", unset: undefined } },
      "icp-app-filing": { enforcementLevel: "disabled", properties: {} },
    };
    const expected = new analyzerPb.ConfigureAnalyzerRequest();
    for (const [name, entry] of Object.entries(config)) {
      const policyConfig = new analyzerPb.PolicyConfig();
      policyConfig.setEnforcementlevel(enforcementLevelToProto(entry.enforcementLevel));
      policyConfig.setProperties(structPb.Struct.fromJavaScript(JSON.parse(JSON.stringify(entry.properties))));
      expected.getPolicyconfigMap().set(name, policyConfig);
    }
    const decoded = analyzerPb.ConfigureAnalyzerRequest.deserializeBinary(serializeConfigureRequest(config));
    const asJs = (request: InstanceType<typeof analyzerPb.ConfigureAnalyzerRequest>) => {
      const result: Record<string, unknown> = {};
      request.getPolicyconfigMap().forEach((entry, name) => {
        result[name] = { level: entry.getEnforcementlevel(), properties: entry.getProperties()?.toJavaScript() };
      });
      return result;
    };
    expect(asJs(decoded)).toEqual(asJs(expected));
    expect(Object.keys(asJs(decoded))).toHaveLength(3);
  });
});
