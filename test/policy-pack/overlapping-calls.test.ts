// Calls in progress at once: a policy that cannot tell which request it runs for reads every value
// as secret when any of those requests holds one, so an ambiguous call never prints a secret.

import type { PolicyResource, ResourceValidationArgs } from "@pulumi/policy";
import { afterEach, describe, expect, it } from "vitest";
import { secret, toAnalyzeRequest, toAnalyzeStackRequest, type EngineResource } from "../../harness";
import { analyzerPb } from "../../harness/protos";
import { hookAnalyzer, type Handler } from "../../policy-pack/request-context";
import { viewFromPolicyResource, viewFromValidationArgs } from "../../policy-pack/resource-view";
import { Secret } from "../../rules/view";

const SCOPE = { stack: "dev", project: "overlap" };
const CDN = "alicloud:cdn/domainNew:DomainNew";
const site = (domainName: unknown): EngineResource => ({ type: CDN, name: "site", properties: { domainName, scope: "domestic" } });

// Callbacks held by every hooked analyzer, released after each test even when it fails.
const pending: (() => void)[] = [];

/** The hooked Analyzer with handlers that hold their callbacks: calls stay in progress until released. */
function hookedAnalyzer() {
  const hold: Handler = (_call, callback) => {
    pending.push(() => (callback as (error: null, response: object) => void)(null, {}));
  };
  const service = {
    analyze: { requestDeserialize: (bytes: Buffer) => analyzerPb.AnalyzeRequest.deserializeBinary(bytes) },
    analyzeStack: { requestDeserialize: (bytes: Buffer) => analyzerPb.AnalyzeStackRequest.deserializeBinary(bytes) },
  };
  const hooked = hookAnalyzer(service, { analyze: hold, analyzeStack: hold });
  const methods = hooked.service as typeof service;
  return {
    analyze(resource: EngineResource) {
      const bytes = Buffer.from(toAnalyzeRequest(resource, SCOPE).serializeBinary());
      hooked.implementation.analyze({ request: methods.analyze.requestDeserialize(bytes) }, () => {});
    },
    analyzeStack(resources: EngineResource[]) {
      const bytes = Buffer.from(toAnalyzeStackRequest(resources, SCOPE).serializeBinary());
      hooked.implementation.analyzeStack({ request: methods.analyzeStack.requestDeserialize(bytes) }, () => {});
    },
    finishAll() {
      for (const release of pending.splice(0)) release();
    },
  };
}

/** What @pulumi/policy hands a policy: secrets unwrapped. */
function policyArgs(domainName: string): ResourceValidationArgs {
  const request = toAnalyzeRequest(site(domainName), SCOPE);
  return { type: CDN, urn: request.getUrn(), name: "site", props: { domainName, scope: "domestic" } } as unknown as ResourceValidationArgs;
}

function policyResource(domainName: string): PolicyResource {
  const args = policyArgs(domainName);
  return { ...args, dependencies: [], propertyDependencies: {} } as unknown as PolicyResource;
}

describe("overlapping calls", () => {
  afterEach(() => {
    for (const release of pending.splice(0)) release();
  });

  it("reads every value as secret when two Analyze calls for one URN are in progress and one holds a secret", () => {
    const analyzer = hookedAnalyzer();
    analyzer.analyze(site("www.shop.cn"));
    analyzer.analyze(site(secret("hidden.shop.cn")));
    const view = viewFromValidationArgs(policyArgs("hidden.shop.cn"));
    expect(view.props.domainName).toBeInstanceOf(Secret);
    expect((view.props.domainName as Secret).value).toBe("hidden.shop.cn");
    expect(view.props.scope).toBeInstanceOf(Secret);
  });

  it("reads plain values when the overlapping calls hold no secret, or once one call is left", () => {
    const analyzer = hookedAnalyzer();
    analyzer.analyze(site("www.shop.cn"));
    analyzer.analyze(site("img.shop.cn"));
    expect(viewFromValidationArgs(policyArgs("img.shop.cn")).props.domainName).toBe("img.shop.cn");
    analyzer.finishAll();

    analyzer.analyze(site(secret("hidden.shop.cn")));
    const view = viewFromValidationArgs(policyArgs("hidden.shop.cn"));
    expect(view.props.domainName).toBeInstanceOf(Secret);
    expect(view.props.scope).toBe("domestic");
  });

  it("reads every value as secret when two AnalyzeStack calls are in progress", () => {
    const analyzer = hookedAnalyzer();
    analyzer.analyzeStack([site("www.shop.cn")]);
    analyzer.analyzeStack([site(secret("hidden.shop.cn"))]);
    expect(viewFromPolicyResource(policyResource("hidden.shop.cn")).props.domainName).toBeInstanceOf(Secret);
    analyzer.finishAll();
    expect(viewFromPolicyResource(policyResource("www.shop.cn")).props.domainName).toBe("www.shop.cn");
  });
});
