// The AnalyzeStack byte scan: each resource's bytes are found from the message's framing, and
// anything the scan cannot read marks nothing (the raw request is then read, as before).

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { secret, toAnalyzeStackRequest, type EngineResource } from "../../harness";
import { analyzerPb } from "../../harness/protos";
import { fieldRanges } from "../../policy-pack/wire-framing";

const SCOPE = { stack: "dev", project: "scan" };
const SIGNATURE = Buffer.from("1b47061264138c4ac30d75fd1eb44270");

const cdn = (name: string, domainName: unknown): EngineResource => ({
  type: "alicloud:cdn/domainNew:DomainNew",
  name,
  properties: { domainName, scope: "domestic" },
});

describe("fieldRanges", () => {
  it("finds each resource's bytes, in order, and only the secret one holds the signature", () => {
    const resources = [cdn("plain", "www.shop.cn"), cdn("hidden", secret("hidden.shop.cn")), cdn("other", "img.shop.cn")];
    const bytes = Buffer.from(toAnalyzeStackRequest(resources, SCOPE).serializeBinary());
    const ranges = fieldRanges(bytes, 1)!;
    expect(ranges).toHaveLength(3);
    const decoded = ranges.map(([start, end]) => analyzerPb.AnalyzerResource.deserializeBinary(bytes.subarray(start, end)));
    expect(decoded.map((resource) => resource.getName())).toEqual(["plain", "hidden", "other"]);
    expect(ranges.map(([start, end]) => bytes.subarray(start, end).indexOf(SIGNATURE) >= 0)).toEqual([false, true, false]);
  });

  it("gives up on bytes it cannot frame, and never throws", () => {
    const bytes = Buffer.from(toAnalyzeStackRequest([cdn("plain", "www.shop.cn")], SCOPE).serializeBinary());
    expect(fieldRanges(bytes.subarray(0, bytes.length - 3), 1)).toBeUndefined();
    expect(fieldRanges(Buffer.from([0x0b]), 1)).toBeUndefined(); // wire type 3 (group)
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (random) => {
        const ranges = fieldRanges(Buffer.from(random), 1);
        for (const [start, end] of ranges ?? []) expect(0 <= start && start <= end && end <= random.length).toBe(true);
      }),
    );
  });
});
