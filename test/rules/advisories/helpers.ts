// Shared helpers for advisory rule tests: resources, configs and running a definition.

import type { Finding } from "../../../rules/findings";
import type { PolicyDefinition } from "../../../rules/policy-definition";
import type { ResourceView } from "../../../rules/view";
import type { CaseResource } from "../../fixtures/catalogue-cases";
import { TODAY, viewOf } from "../rule-helpers";

export { TODAY, viewOf };

const aliProvider = (region: string) => ({ pkg: "alicloud" as const, name: `ali-${region}`, properties: { region, version: "3.108.0" } });
const tencentProvider = (region: string) => ({ pkg: "tencentcloud" as const, name: `tc-${region}`, properties: { region } });

/** Alibaba CDN domain; scope omitted means domestic (mainland). */
export const aliCdn = (name: string, domainName: string, scope?: string): CaseResource => ({
  type: "alicloud:cdn/domainNew:DomainNew",
  name,
  properties: { domainName, cdnType: "web", ...(scope ? { scope } : {}) },
});

/** Alibaba ALB forwarding rule (a regional server, not CDN or object storage). */
export const aliAlbRule = (name: string, host: string, region: string, extra: Record<string, unknown> = {}): CaseResource => ({
  type: "alicloud:alb/rule:Rule",
  name,
  properties: { ruleConditions: [{ type: "Host", hostConfig: { values: [host] } }], ...extra },
  provider: aliProvider(region),
});

export const aliBucketCname = (name: string, domain: string, region: string): CaseResource => ({
  type: "alicloud:oss/bucketCname:BucketCname",
  name,
  properties: { bucket: "assets", domain },
  provider: aliProvider(region),
});

export const tencentClbRule = (name: string, domain: string, region: string): CaseResource => ({
  type: "tencentcloud:Clb/listenerRule:ListenerRule",
  name,
  properties: { clbId: "lb-1", listenerId: "lbl-1", domain, url: "/" },
  provider: tencentProvider(region),
});

export const tencentScfDomain = (name: string, domain: string, region: string): CaseResource => ({
  type: "tencentcloud:Scf/customDomain:CustomDomain",
  name,
  properties: { domain, protocol: "HTTP" },
  provider: tencentProvider(region),
});

export const aliEcs = (name: string, region: string, tags?: Record<string, unknown>): CaseResource => ({
  type: "alicloud:ecs/instance:Instance",
  name,
  properties: { instanceType: "ecs.g7.large", ...(tags ? { tags } : {}) },
  provider: aliProvider(region),
});

export const tencentCvm = (name: string, region: string, tags?: Record<string, unknown>): CaseResource => ({
  type: "tencentcloud:Instance/instance:Instance",
  name,
  properties: { instanceName: name, ...(tags ? { tags } : {}) },
  provider: tencentProvider(region),
});

/** The wire form of a secret, as the engine sends it. */
export const secret = (value: unknown) => ({ "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value });

export function prepared(definition: PolicyDefinition, config: Record<string, unknown>, today = TODAY) {
  const rule = definition.prepare(config, today);
  if (!rule.ok) throw new Error(`bad test config: ${rule.problems.join("; ")}`);
  return rule.policy;
}

/** Runs a resource policy on one resource (provider region from the resource, no environment). */
export function runResource(definition: PolicyDefinition, resource: CaseResource, config: Record<string, unknown> = {}, today = TODAY): Finding[] {
  return prepared(definition, config, today).evaluateResource!(viewOf(resource), { dryRun: true, env: {} });
}

export function runStack(definition: PolicyDefinition, resources: (CaseResource | ResourceView)[], config: Record<string, unknown> = {}): Finding[] {
  const views = resources.map((r) => ("urn" in r ? r : viewOf(r)));
  return prepared(definition, config).evaluateStack!(views, { dryRun: true, env: {} });
}

/** The problems of a config the definition rejects. */
export function configProblems(definition: PolicyDefinition, config: unknown): string[] {
  const rule = definition.prepare(config, TODAY);
  return rule.ok ? [] : rule.problems;
}
