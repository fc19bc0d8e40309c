// Minimal counterexamples the fuzzer found, kept as fixed cases so that they stay fixed.

import { describe, expect, it } from "vitest";
import { filingRequiredDefinition } from "../../rules/filing-required";
import type { Finding } from "../../rules/findings";
import { normaliseHostname } from "../../rules/hostname";
import { renderFinding } from "../../rules/messages";
import { fromWireObject } from "../../rules/view";

const TODAY = "2026-11-23";

function findings(type: string, props: Record<string, unknown>, config: Record<string, unknown> = {}, dryRun = true): Finding[] {
  const prepared = filingRequiredDefinition.prepare(config, TODAY);
  if (!prepared.ok) throw new Error(prepared.problems.join("; "));
  const view = { urn: `urn:pulumi:dev::p::${type}::r`, name: "r", type, props: fromWireObject(props) };
  return prepared.policy.evaluateResource!(view, { dryRun, env: {} }).filter((finding) => !finding.waivedBy);
}

const CDN = "alicloud:cdn/domainNew:DomainNew";

describe("hostnames", () => {
  it("does not take a bracketed domain made of hex digits for an IPv6 literal", () => {
    // Was { kind: "ip" }: the domain cafe.de then passed without a filing or any message.
    expect(normaliseHostname("[cafe.de]")).toMatchObject({ ok: false });
    expect(findings(CDN, { domainName: "[cafe.de]" }).map((f) => f.kind)).toEqual(["unusable-hostname"]);
    expect(normaliseHostname("[2001:db8::1]:443")).toEqual({ ok: true, value: { kind: "ip", hostname: "2001:db8::1" } });
  });

  it("drops a trailing full stop that only UTS #46 turns into a dot, so waivers and records match", () => {
    expect(normaliseHostname("www.shop.cn\u3002")).toEqual({
      ok: true,
      value: { kind: "custom", hostname: "www.shop.cn", registeredDomain: "shop.cn" },
    });
    const waived = { waivers: [{ domain: "www.shop.cn", reason: "moving", expires: "2099-01-01" }] };
    expect(findings(CDN, { domainName: "www.shop.cn\uff0e" }, waived)).toEqual([]);
  });

  it("cuts a megabyte-long value in its message instead of echoing it", () => {
    const huge = `${"a".repeat(5_000_000)}.shop.cn`;
    const [finding] = findings(CDN, { domainName: huge });
    expect(finding.kind).toBe("unusable-hostname");
    const message = renderFinding(finding, "en");
    expect(message.length).toBeLessThan(1_000);
    expect(message).toContain("5000008 characters");
  });
});

describe("hostile values in messages", () => {
  // Found by the fuzzer: a 1 MB scope once came back in two 1 MB messages.
  it("cuts a megabyte-long coverage or region value in its messages", () => {
    const huge = "y".repeat(1_000_000);
    const coverage = findings(CDN, { domainName: "www.shop.cn", scope: huge });
    const region = findings("tencentcloud:Waf/clbDomain:ClbDomain", { domain: "img.shop.cn", region: huge });
    for (const finding of [...coverage, ...region]) expect(renderFinding(finding, "en").length).toBeLessThan(2_000);
  });
});

