// The adapter in process: config is prepared once, and again on a new UTC day.

import type { ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { afterEach, describe, expect, it, vi } from "vitest";
import { filingNumberFor } from "../../bench/workload";
import { toPulumiPolicy } from "../../policy-pack/adapt";
import { collectGarbageSoon, LARGE_CONFIG_ENTRIES } from "../../policy-pack/heap";
import { filingRequiredDefinition } from "../../rules/filing-required";

function analyse(policy: ResourceValidationPolicy, config: Record<string, unknown>): string[] {
  const messages: string[] = [];
  const args = {
    type: "alicloud:cdn/domainNew:DomainNew",
    urn: "urn:pulumi:dev::shop::alicloud:cdn/domainNew:DomainNew::site",
    name: "site",
    props: { domainName: "www.legacy.example.net", scope: "global" },
    getConfig: () => ({ ...config }),
  } as unknown as ResourceValidationArgs;
  const validate = policy.validateResource as (a: ResourceValidationArgs, report: (v: unknown) => void) => void;
  validate(args, (violation) => messages.push((violation as { message: string }).message));
  return messages;
}

vi.mock("../../policy-pack/heap", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../../policy-pack/heap")>()),
  collectGarbageSoon: vi.fn(),
}));

describe("toPulumiPolicy", () => {
  afterEach(() => vi.useRealTimers());

  it("expires a waiver at midnight UTC in a pack that keeps running", () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date("2027-01-31T23:59:00Z"));
    const policy = toPulumiPolicy(filingRequiredDefinition) as ResourceValidationPolicy;
    const config = { waivers: [{ domain: "legacy.example.net", reason: "moving to Hong Kong", expires: "2027-01-31" }] };
    expect(analyse(policy, config)).toEqual([]);
    vi.setSystemTime(new Date("2027-02-01T00:01:00Z"));
    const [message] = analyse(policy, config);
    expect(message).toContain("waiver expired on 2027-01-31");
  });

  it("asks for one garbage collection after preparing a large config, none after a small one", () => {
    const filings = (n: number) => Array.from({ length: n }, (_, i) => ({ domain: `site-${i}.com`, number: filingNumberFor(i) }));
    vi.mocked(collectGarbageSoon).mockClear();
    expect(analyse(toPulumiPolicy(filingRequiredDefinition) as ResourceValidationPolicy, { filings: filings(10) })).toHaveLength(1);
    expect(collectGarbageSoon).not.toHaveBeenCalled();
    expect(analyse(toPulumiPolicy(filingRequiredDefinition) as ResourceValidationPolicy, { filings: filings(LARGE_CONFIG_ENTRIES) })).toHaveLength(1);
    expect(collectGarbageSoon).toHaveBeenCalledTimes(1);
  });
});
