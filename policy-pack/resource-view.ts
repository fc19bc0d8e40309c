// Builds the rules' resource view from what @pulumi/policy hands a policy.

import type { PolicyResource, ResourceValidationArgs } from "@pulumi/policy";
import { fromWireObject, type ProviderView, type ResourceView } from "../rules/view";
import { currentAnalyzeRequest, type WireProvider, type WireResource } from "./request-context";

// @pulumi/policy's proxy hands back its target for this key (proxy.ts getSpecialProxyTarget).
const PROXY_TARGET_KEY = "__getSpecialProxyTarget";

function proxyTarget(props: unknown): unknown {
  if (typeof props !== "object" || props === null) return props;
  try {
    const target = (props as Record<string, unknown>)[PROXY_TARGET_KEY];
    return target ?? props;
  } catch {
    return props;
  }
}

/** The raw request when it is the one being analysed (it alone marks secrets); else args.props. */
export function viewFromValidationArgs(args: ResourceValidationArgs): ResourceView {
  const request = currentAnalyzeRequest(args.urn);
  if (request) return viewFromWireResource(request);
  return {
    urn: args.urn,
    name: args.name,
    type: args.type,
    props: fromWireObject(proxyTarget(args.props)),
    provider: args.provider
      ? {
          type: args.provider.type,
          name: args.provider.name,
          urn: args.provider.urn,
          props: fromWireObject(proxyTarget(args.provider.props)),
        }
      : undefined,
  };
}

export function viewFromWireResource(resource: WireResource): ResourceView {
  const provider = resource.getProvider();
  return {
    urn: resource.getUrn(),
    name: resource.getName(),
    type: resource.getType(),
    props: fromWireObject(resource.getProperties()?.toJavaScript()),
    provider: provider ? viewFromWireProvider(provider) : undefined,
  };
}

function viewFromWireProvider(provider: WireProvider): ProviderView {
  return {
    type: provider.getType(),
    name: provider.getName(),
    urn: provider.getUrn(),
    props: fromWireObject(provider.getProperties()?.toJavaScript()),
  };
}

/** For stack policies: a resource of AnalyzeStack, without secrets information. */
export function viewFromPolicyResource(resource: PolicyResource): ResourceView {
  const propertyDependencies: Record<string, string[]> = {};
  for (const [key, deps] of Object.entries(resource.propertyDependencies ?? {})) {
    propertyDependencies[key] = deps.map((dep) => dep.urn);
  }
  return {
    urn: resource.urn,
    name: resource.name,
    type: resource.type,
    props: fromWireObject(proxyTarget(resource.props)),
    provider: resource.provider
      ? {
          type: resource.provider.type,
          name: resource.provider.name,
          urn: resource.provider.urn,
          props: fromWireObject(proxyTarget(resource.provider.props)),
        }
      : undefined,
    propertyDependencies,
    dependencies: resource.dependencies.map((dep) => dep.urn),
    parent: resource.parent?.urn,
  };
}
