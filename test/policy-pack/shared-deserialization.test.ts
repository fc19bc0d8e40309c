// @pulumi/policy converts a request's properties once per policy; with the pack's wrapper its
// policies share one conversion per request, and see the same values as before.

import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { secret, startPackLikeEngine, toAnalyzeRequest, unknown, type EngineResource } from "../../harness";
import { analyzerPb } from "../../harness/protos";
import { installSharedDeserialization, shareDeserialization } from "../../policy-pack/shared-deserialization";

/* eslint-disable @typescript-eslint/no-require-imports */
const deserializeModule = require("@pulumi/policy/deserialize") as { deserializeProperties(struct: unknown, proxySecrets: boolean): unknown };
const server = require("@pulumi/policy/server") as {
  makeAnalyzeRpcFun(
    name: string,
    version: string,
    level: string,
    policies: unknown[],
  ): (call: { request: unknown }, callback: (error: unknown, response: unknown) => void) => Promise<void>;
};
/* eslint-enable @typescript-eslint/no-require-imports */

const SCOPE = { stack: "dev", project: "shared" };
const CDN: EngineResource = {
  type: "alicloud:cdn/domainNew:DomainNew",
  name: "site",
  properties: { domainName: "www.shop.cn", scope: "domestic", tags: { team: secret("web") }, sources: [{ content: unknown() }] },
  provider: { type: "pulumi:providers:alicloud", name: "default", properties: { region: "cn-hangzhou" } },
};

/** The request as the engine's bytes decode, with a count of conversions of its properties. */
function decodedRequest(resource: EngineResource) {
  const bytes = toAnalyzeRequest(resource, SCOPE).serializeBinary();
  const request = analyzerPb.AnalyzeRequest.deserializeBinary(bytes);
  const struct = request.getProperties()!;
  const counted = { conversions: 0 };
  const toJavaScript = struct.toJavaScript.bind(struct);
  struct.toJavaScript = () => {
    counted.conversions++;
    return toJavaScript();
  };
  return { request, counted };
}

/** Runs @pulumi/policy's own Analyze handler with `count` policies that record the props they see. */
async function analyzeWithPolicies(request: unknown, count: number): Promise<unknown[]> {
  const seen: unknown[] = [];
  const policies = Array.from({ length: count }, (_, i) => ({
    name: `policy-${i}`,
    description: "records props",
    enforcementLevel: "advisory",
    validateResource: (args: { props: Record<string, unknown> }) => {
      seen.push({ domainName: args.props.domainName, scope: args.props.scope, tags: { ...(args.props.tags as object) } });
    },
  }));
  const analyze = server.makeAnalyzeRpcFun("pack", "0.0.1", "advisory", policies);
  await new Promise<void>((resolve, reject) => {
    void analyze({ request }, (error) => (error ? reject(error) : resolve()));
  });
  return seen;
}

describe("shared deserialization", () => {
  it("converts a request's properties once for all policies, and each policy sees the same values", async () => {
    const before = decodedRequest(CDN);
    const unshared = await analyzeWithPolicies(before.request, 4);
    expect(installSharedDeserialization()).toBe(true);
    const after = decodedRequest(CDN);
    const shared = await analyzeWithPolicies(after.request, 4);

    expect(before.counted.conversions).toBe(4);
    expect(after.counted.conversions).toBe(1);
    expect(shared).toEqual(unshared);
    expect(shared[0]).toEqual({ domainName: "www.shop.cn", scope: "domestic", tags: { team: "web" } });
  });

  it("converts each request on its own", () => {
    installSharedDeserialization();
    const first = decodedRequest(CDN).request.getProperties();
    const second = decodedRequest({ ...CDN, properties: { domainName: "img.shop.cn" } }).request.getProperties();
    const a = deserializeModule.deserializeProperties(first, false);
    expect(deserializeModule.deserializeProperties(first, false)).toBe(a);
    expect(deserializeModule.deserializeProperties(second, false)).toEqual({ domainName: "img.shop.cn" });
  });

  it("leaves conversions with secret proxies (remediations) fresh, and wraps only once", () => {
    installSharedDeserialization();
    const wrapped = deserializeModule.deserializeProperties;
    expect(installSharedDeserialization()).toBe(true);
    expect(deserializeModule.deserializeProperties).toBe(wrapped);
    const struct = decodedRequest(CDN).request.getProperties();
    expect(deserializeModule.deserializeProperties(struct, true)).not.toBe(deserializeModule.deserializeProperties(struct, true));
  });

  it("changes nothing in a module without the function, and passes odd arguments through", () => {
    expect(shareDeserialization({})).toBe(false);
    const calls: unknown[] = [];
    const module = { deserializeProperties: (struct: unknown, _proxySecrets?: boolean) => (calls.push(struct), { converted: struct }) };
    expect(shareDeserialization(module)).toBe(true);
    const frozen = Object.freeze({ toJavaScript: () => ({}) });
    module.deserializeProperties(frozen, false);
    module.deserializeProperties(frozen, false);
    module.deserializeProperties(undefined, false);
    expect(calls).toEqual([frozen, frozen, undefined]);
  });
});

describe("shared deserialization in the launched pack", () => {
  const REPO = path.resolve(__dirname, "../..");
  const COUNTER = path.join(REPO, "test", "support", "conversion-counter.cjs");

  it("converts each Analyze request's properties and its provider's once, for all six resource policies", async () => {
    const directory = mkdtempSync(path.join(os.tmpdir(), "icpguard-conversions-"));
    const file = path.join(directory, "count");
    const { session } = await startPackLikeEngine(REPO, {
      policyConfig: {},
      env: { NODE_OPTIONS: `--require ${JSON.stringify(COUNTER)}`, ICPGUARD_TEST_CONVERSIONS: file },
    });
    try {
      const count = () => Number(readFileSync(file, "utf8"));
      const plain: EngineResource = { ...CDN, properties: { domainName: "www.shop.cn", scope: "domestic" } };
      const before = count();
      const diagnostics = await session.analyze(plain);
      // Without the shared conversion: one of each per policy, twelve.
      expect(count() - before).toBe(2);
      expect(diagnostics.map((d) => d.policyName)).toContain("icp-filing-required");
      const again = count();
      await session.analyze({ ...plain, name: "other" });
      expect(count() - again).toBe(2);
    } finally {
      await session.close();
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
