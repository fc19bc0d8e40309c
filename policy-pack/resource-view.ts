// Builds the rules' resource view from what @pulumi/policy hands a policy.

import type { PolicyResource, ResourceValidationArgs } from "@pulumi/policy";
import { asWireSecret, fromWireObject, lazyFromWireObject, ViewMemo, type ProviderView, type ResourceView, type ViewObject } from "../rules/view";
import {
  ambiguousCallMayHoldSecret,
  currentAnalyzeCall,
  currentStackRequest,
  isSecretFree,
  stackCallsAmbiguous,
  type WireProvider,
  type WireResource,
  type WireStackRequest,
  type WireStruct,
} from "./request-context";

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

/**
 * A protobuf Struct's properties, each converted when a policy first reads it. The field map is
 * asked for its keys, never `has`: google-protobuf answers `has("constructor")` with true.
 */
function propsFromStruct(struct: WireStruct | undefined): ViewObject {
  if (!struct) return {};
  const fields = struct.getFieldsMap();
  return lazyFromWireObject(
    () => Array.from(fields.keys()),
    (key) => fields.get(key)?.toJavaScript(),
  );
}

/**
 * @pulumi/policy's deserialized props (behind its proxy), each converted when first read; with
 * `allSecret`, every value reads as a secret (its secrets are unwrapped and no longer marked).
 */
function propsFromPolicyProps(props: unknown, allSecret: boolean): ViewObject {
  const target = proxyTarget(props);
  if (typeof target !== "object" || target === null || Array.isArray(target)) return fromWireObject(target);
  const record = target as Record<string, unknown>;
  return lazyFromWireObject(
    () => Object.keys(record),
    allSecret ? (key) => asWireSecret(record[key]) : (key) => record[key],
    (key) => Object.prototype.hasOwnProperty.call(record, key),
  );
}

/**
 * One view per Analyze call, shared by its resource policies (the rules never modify a view):
 * converting once, not once per policy, is most of what the pack adds to a call. It reads the raw
 * request when that holds a secret (only the request marks secrets); otherwise args.props, which
 * @pulumi/policy has already converted. Without the call at hand, args.props.
 */
export function viewFromValidationArgs(args: ResourceValidationArgs): ResourceView {
  const call = currentAnalyzeCall(args.urn);
  if (!call) return viewFromPolicyArgs(args, ambiguousCallMayHoldSecret(args.urn));
  call.view ??= call.secretFree ? viewFromPolicyArgs(args) : viewFromWireResource(call.request);
  return call.view;
}

/**
 * A view whose parts are built when first read. Policies read few: most resources are read for
 * their type and one or two properties, and a provider only when the region comes from it.
 * Never spread one: its parts are getters.
 */
abstract class LazyView implements ResourceView {
  private propsValue: ViewObject | undefined;
  private providerValue: ProviderView | null | undefined;
  private memoValue: ViewMemo | undefined;

  constructor(
    readonly urn: string,
    readonly name: string,
    readonly type: string,
  ) {}

  get memo(): ViewMemo {
    return (this.memoValue ??= new ViewMemo());
  }

  get props(): ViewObject {
    return (this.propsValue ??= this.readProps());
  }

  get provider(): ProviderView | undefined {
    if (this.providerValue === undefined) this.providerValue = this.readProvider() ?? null;
    return this.providerValue ?? undefined;
  }

  protected abstract readProps(): ViewObject;
  protected abstract readProvider(): ProviderView | undefined;
}

/** What @pulumi/policy hands a resource policy (secrets already unwrapped). */
class PolicyArgsView extends LazyView {
  constructor(
    private readonly args: ResourceValidationArgs,
    /** Which values were secret is not known: every value reads as one. */
    private readonly allSecret: boolean,
  ) {
    super(args.urn, args.name, args.type);
  }

  protected readProps(): ViewObject {
    return propsFromPolicyProps(this.args.props, this.allSecret);
  }

  protected readProvider(): ProviderView | undefined {
    return viewFromPolicyProvider(this.args.provider, this.allSecret);
  }
}

/** The raw Analyze request, where secrets are still marked. */
class WireResourceView extends LazyView {
  constructor(private readonly resource: WireResource) {
    super(resource.getUrn(), resource.getName(), resource.getType());
  }

  protected readProps(): ViewObject {
    return propsFromStruct(this.resource.getProperties());
  }

  protected readProvider(): ProviderView | undefined {
    const provider = this.resource.getProvider();
    return provider ? viewFromWireProvider(provider) : undefined;
  }
}

function viewFromPolicyArgs(args: ResourceValidationArgs, allSecret = false): ResourceView {
  return new PolicyArgsView(args, allSecret);
}

export function viewFromWireResource(resource: WireResource): ResourceView {
  return new WireResourceView(resource);
}

/** The provider @pulumi/policy hands a policy (secrets already unwrapped). */
function viewFromPolicyProvider(provider: ResourceValidationArgs["provider"], allSecret: boolean): ProviderView | undefined {
  return provider
    ? { type: provider.type, name: provider.name, urn: provider.urn, props: propsFromPolicyProps(provider.props, allSecret) }
    : undefined;
}

function viewFromWireProvider(provider: WireProvider): ProviderView {
  return {
    type: provider.getType(),
    name: provider.getName(),
    urn: provider.getUrn(),
    props: propsFromStruct(provider.getProperties()),
  };
}

// The stack policies of one AnalyzeStack call share their views too, by URN. A URN the request
// holds twice (never sent by the engine) gets a view of its own each time.
const stackViewsByRequest = new WeakMap<
  WireStackRequest,
  { wireByUrn: Map<string, WireResource>; views: Map<string, ResourceView> }
>();

function stackViewCache(request: WireStackRequest) {
  let cache = stackViewsByRequest.get(request);
  if (!cache) {
    const wireByUrn = new Map<string, WireResource>();
    const repeated = new Set<string>();
    for (const resource of request.getResourcesList()) {
      const urn = resource.getUrn();
      if (wireByUrn.has(urn)) repeated.add(urn);
      else wireByUrn.set(urn, resource);
    }
    for (const urn of repeated) wireByUrn.delete(urn);
    cache = { wireByUrn, views: new Map() };
    stackViewsByRequest.set(request, cache);
  }
  return cache;
}

/**
 * For stack policies: a resource of AnalyzeStack. Its values come from the raw request when the
 * call's request is at hand (only it marks secrets); dependencies come from @pulumi/policy.
 */
export function viewFromPolicyResource(resource: PolicyResource): ResourceView {
  const request = currentStackRequest();
  if (!request) return stackResourceView(resource, undefined, stackCallsAmbiguous());
  const cache = stackViewCache(request);
  const wire = cache.wireByUrn.get(resource.urn);
  if (!wire) return stackResourceView(resource, undefined);
  let view = cache.views.get(resource.urn);
  if (!view) {
    view = stackResourceView(resource, wire);
    cache.views.set(resource.urn, view);
  }
  return view;
}

function stackResourceView(resource: PolicyResource, wire: WireResource | undefined, allSecret = false): ResourceView {
  return new StackResourceView(resource, wire, allSecret);
}

/** A resource of an AnalyzeStack call: values from the raw request when at hand, links from @pulumi/policy. */
class StackResourceView extends LazyView {
  private propertyDependenciesValue: Record<string, string[]> | undefined;
  private dependenciesValue: string[] | undefined;

  constructor(
    private readonly resource: PolicyResource,
    private readonly wire: WireResource | undefined,
    /** Several stack calls are in progress and which values were secret is not known. */
    private readonly allSecret: boolean,
  ) {
    super(resource.urn, resource.name, resource.type);
  }

  get propertyDependencies(): Record<string, string[]> {
    if (!this.propertyDependenciesValue) {
      const found: Record<string, string[]> = {};
      for (const [key, deps] of Object.entries(this.resource.propertyDependencies ?? {})) found[key] = deps.map((dep) => dep.urn);
      this.propertyDependenciesValue = found;
    }
    return this.propertyDependenciesValue;
  }

  get dependencies(): string[] {
    return (this.dependenciesValue ??= this.resource.dependencies.map((dep) => dep.urn));
  }

  get parent(): string | undefined {
    return this.resource.parent?.urn;
  }

  /** The raw request is needed only for a resource whose bytes hold a secret. */
  private get readsWire(): boolean {
    return this.wire !== undefined && !isSecretFree(this.wire);
  }

  protected readProps(): ViewObject {
    return this.wire && this.readsWire ? propsFromStruct(this.wire.getProperties()) : propsFromPolicyProps(this.resource.props, this.allSecret);
  }

  protected readProvider(): ProviderView | undefined {
    const wireProvider = this.readsWire ? this.wire?.getProvider() : undefined;
    return wireProvider ? viewFromWireProvider(wireProvider) : viewFromPolicyProvider(this.resource.provider, this.allSecret);
  }
}
