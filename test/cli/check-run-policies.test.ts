// runPolicies: the one place `icpguard check` evaluates, doing per policy what the pack adapter does.

import { describe, expect, it } from "vitest";
import { filingRequiredDefinition } from "../../rules/filing-required";
import type { Finding } from "../../rules/findings";
import { renderFinding } from "../../rules/messages";
import type { PolicyDefinition } from "../../rules/policy-definition";
import { FILING_REQUIRED_METADATA } from "../../rules/policy-metadata";
import { enforcementLevelOf, runPolicies, type PolicyConfig } from "../../rules/run-policies";
import { fromWireObject, type ResourceView } from "../../rules/view";
import { UNKNOWN_STRING } from "../../harness";

const TODAY = "2026-11-23";
const OPTIONS = { dryRun: true, env: {}, today: TODAY };
const FILED = { domain: "filed-example.com", number: "浙ICP备2021003158号-1" };

function view(name: string, type: string, props: Record<string, unknown>): ResourceView {
  return { urn: `urn:pulumi:dev::shop::${type}::${name}`, name, type, props: fromWireObject(props) };
}

const CDN = "alicloud:cdn/domainNew:DomainNew";
const unfiled = view("promo", CDN, { domainName: "promo.unfiled-example.com", scope: "domestic" });
const filed = view("shop", CDN, { domainName: "shop.filed-example.com", scope: "domestic" });
const unknownHost = view("api", CDN, { domainName: UNKNOWN_STRING, scope: "domestic" });
const bucket = view("assets", "alicloud:oss/bucket:Bucket", { bucket: "assets" });
const VIEWS = [unfiled, filed, unknownHost, bucket];

function only(config: PolicyConfig, views = VIEWS, options = OPTIONS) {
  return runPolicies(views, config, options, [filingRequiredDefinition]);
}

describe("runPolicies", () => {
  it("reports a blocking finding at the policy's default level, with the pack's message", () => {
    const verdicts = only({ "icp-filing-required": { filings: [FILED] } });
    const blocking = verdicts.filter((v) => v.finding.kind === "unfiled");
    expect(blocking).toHaveLength(1);
    expect(blocking[0]).toMatchObject({ policy: "icp-filing-required", enforcementLevel: "mandatory", waived: false });
    expect(blocking[0].finding.resource.urn).toBe(unfiled.urn);
    expect(blocking[0].message).toBe(renderFinding(blocking[0].finding, "en"));
  });

  it("keeps advisory-level findings advisory whatever the policy's level", () => {
    const verdicts = only({ "icp-filing-required": { enforcementLevel: "mandatory", filings: [FILED] } });
    const unknown = verdicts.find((v) => v.finding.kind === "unknown-values");
    expect(unknown?.enforcementLevel).toBe("advisory");
  });

  it("blocks on unknown values at update time", () => {
    const verdicts = only({ "icp-filing-required": { filings: [FILED] } }, VIEWS, { ...OPTIONS, dryRun: false });
    expect(verdicts.find((v) => v.finding.kind === "unknown-values")?.enforcementLevel).toBe("mandatory");
  });

  it("reports blocking findings at a configured advisory level, and reads remediate as mandatory", () => {
    expect(only({ "icp-filing-required": { enforcementLevel: "advisory" } }).every((v) => v.enforcementLevel === "advisory")).toBe(true);
    const remediate = only({ "icp-filing-required": { enforcementLevel: "remediate" } });
    expect(remediate.find((v) => v.finding.kind === "unfiled")?.enforcementLevel).toBe("mandatory");
  });

  it("skips a disabled policy", () => {
    expect(only({ "icp-filing-required": { enforcementLevel: "disabled" } })).toEqual([]);
  });

  it("keeps waived findings, flagged, which the pack would not report", () => {
    const waiver = { domain: "unfiled-example.com", reason: "moving to Hong Kong", expires: "2027-01-31" };
    const verdicts = only({ "icp-filing-required": { waivers: [waiver] } });
    const promo = verdicts.find((v) => v.finding.resource.urn === unfiled.urn && v.finding.kind === "unfiled");
    expect(promo?.waived).toBe(true);
    expect(promo?.finding.waivedBy).toEqual(waiver);
    expect(verdicts.find((v) => v.finding.resource.urn === filed.urn)?.waived).toBe(false);
  });

  it("fails closed on invalid config: one blocking finding per resource the policy checks", () => {
    const verdicts = only({ "icp-filing-required": { filings: [{ domain: "example.com", number: "not a number" }] } });
    expect(verdicts.map((v) => v.finding.resource.urn).sort()).toEqual([unfiled.urn, filed.urn, unknownHost.urn].sort());
    for (const verdict of verdicts) {
      expect(verdict.finding.kind).toBe("invalid-config");
      expect(verdict.enforcementLevel).toBe("mandatory");
      expect(verdict.message).toContain("filings[0].number");
    }
  });

  it("writes messages in the configured language", () => {
    const verdicts = only({ "icp-filing-required": { language: "zh" } });
    expect(verdicts.find((v) => v.finding.kind === "unfiled")?.message).toContain("没有已批准的 ICP 备案记录");
  });

  it("refuses a level that is not one", () => {
    expect(() => enforcementLevelOf(filingRequiredDefinition, { enforcementLevel: "warning" })).toThrow(/not an enforcement level/);
  });

  it("runs a stack policy once over every resource, and fails it closed on an error", () => {
    const seen: number[] = [];
    const stackPolicy = (evaluate: (views: readonly ResourceView[]) => Finding[]): PolicyDefinition => ({
      metadata: { ...FILING_REQUIRED_METADATA, name: "icp-test-stack", defaultLevel: "advisory" },
      kind: "stack",
      configSchema: filingRequiredDefinition.configSchema,
      appliesTo: (type) => type === CDN,
      prepare: () => ({ ok: true, policy: { language: "en", evaluateStack: (views) => evaluate(views) } }),
    });
    const counting = stackPolicy((views) => {
      seen.push(views.length);
      return [{ policy: "icp-test-stack", level: "blocking", resource: unfiled, kind: "internal-error", detail: "x" }];
    });
    const verdicts = runPolicies(VIEWS, {}, OPTIONS, [counting]);
    expect(seen).toEqual([VIEWS.length]);
    expect(verdicts.map((v) => v.enforcementLevel)).toEqual(["advisory"]);

    const throwing = stackPolicy(() => {
      throw new TypeError("boom");
    });
    const failed = runPolicies(VIEWS, {}, OPTIONS, [throwing]);
    expect(failed).toHaveLength(1);
    expect(failed[0].finding).toMatchObject({ kind: "internal-error", resource: { urn: "" } });
    expect(failed[0].message).toContain("TypeError: boom");
  });

  it("fails a resource policy closed on each resource it throws for, naming that resource", () => {
    const throwing: PolicyDefinition = {
      metadata: { ...FILING_REQUIRED_METADATA, name: "icp-test-resource", defaultLevel: "advisory" },
      kind: "resource",
      configSchema: filingRequiredDefinition.configSchema,
      appliesTo: (type) => type === CDN,
      prepare: () => ({
        ok: true,
        policy: {
          language: "en",
          evaluateResource: (resource) => {
            if (resource.name === "shop") return [];
            throw new RangeError(`bad ${resource.name}`);
          },
        },
      }),
    };
    const failed = runPolicies(VIEWS, {}, OPTIONS, [throwing]);
    expect(failed.map((v) => [v.finding.kind, v.finding.resource.name, v.enforcementLevel])).toEqual([
      ["internal-error", "promo", "advisory"],
      ["internal-error", "api", "advisory"],
    ]);
    expect(failed[0].message).toContain("RangeError: bad promo");
  });

  it("runs every policy of the pack by default", () => {
    const verdicts = runPolicies(VIEWS, {}, OPTIONS);
    expect(verdicts.some((v) => v.policy === "icp-filing-required")).toBe(true);
  });
});
