// Turns the resource states found in a Pulumi JSON output into the rules' resource views, with
// each resource's provider resolved from its provider reference the way the engine does.

import { fromWireObject, Secret, Unknown, isViewObject, type ProviderView, type ResourceView, type ViewObject, type ViewValue } from "../../rules/view";

/** A resource's state as the Pulumi JSON outputs write it (export resource, step state). */
export interface ResourceState {
  urn: string;
  type: string;
  inputs?: unknown;
  /** Provider reference: the provider's URN, `::`, its ID. */
  provider?: unknown;
  parent?: unknown;
  dependencies?: unknown;
  propertyDependencies?: unknown;
}

/** How `pulumi preview --json` writes a secret it does not show. */
export const MASKED_SECRET = "[secret]";

const PROVIDER_TYPE_PREFIX = "pulumi:providers:";
const DEFAULT_PROVIDER_NAME = /^default(_|$)/;

export function isProviderType(type: string): boolean {
  return type.startsWith(PROVIDER_TYPE_PREFIX);
}

/**
 * Steps after which the resource is not deployed by this program (removals), or that only read
 * an existing resource (the engine does not analyse reads and refreshes either).
 */
const NOT_DEPLOYED_OPS = new Set([
  "delete",
  "delete-replaced",
  "discard",
  "discard-replaced",
  "remove-pending-replace",
  "read",
  "read-replacement",
  "read-discard",
  "refresh",
]);

export function deploysResource(op: unknown): boolean {
  return !NOT_DEPLOYED_OPS.has(String(op));
}

export interface UrnParts {
  /** The type, without the parent types a child's URN carries (`parent$child`). */
  type: string;
  name: string;
}

/** `urn:pulumi:<stack>::<project>::<qualified type>::<name>`; the name may itself hold `::`. */
export function parseUrn(urn: string): UrnParts | undefined {
  if (!urn.startsWith("urn:pulumi:")) return undefined;
  const segments = urn.split("::");
  if (segments.length < 4) return undefined;
  const qualifiedType = segments[2];
  return { type: qualifiedType.slice(qualifiedType.lastIndexOf("$") + 1), name: segments.slice(3).join("::") };
}

/** The provider URN of a provider reference (`<urn>::<id>`). */
export function providerUrnOf(reference: string): string | undefined {
  const cut = reference.lastIndexOf("::");
  if (cut < 0) return undefined;
  const urn = reference.slice(0, cut);
  return parseUrn(urn) ? urn : undefined;
}

interface Pending {
  view: ResourceView;
  providerUrn?: string;
}

export interface ResourceSetOptions {
  /** The input writes unreadable secrets as "[secret]" (preview --json): read those as unknown secrets. */
  maskedSecrets: boolean;
}

/** Collects resource states (the last state of a URN wins) and resolves providers at the end. */
export class ResourceSet {
  private readonly resources = new Map<string, Pending>();
  private readonly providers = new Map<string, ProviderView>();

  constructor(private readonly options: ResourceSetOptions) {}

  get size(): number {
    return this.resources.size;
  }

  /** Returns a problem when the state is not usable. */
  add(state: ResourceState): string | undefined {
    if (typeof state.urn !== "string" || typeof state.type !== "string") return "a resource without a urn or type";
    const parts = parseUrn(state.urn);
    if (!parts) return `"${state.urn}" is not a Pulumi URN`;
    const props = this.props(state.inputs);
    if (isProviderType(state.type)) {
      this.providers.set(state.urn, { type: state.type, name: parts.name, urn: state.urn, props });
      return undefined;
    }
    const view: ResourceView = { urn: state.urn, name: parts.name, type: state.type, props };
    if (typeof state.parent === "string" && state.parent !== "") view.parent = state.parent;
    if (Array.isArray(state.dependencies)) view.dependencies = state.dependencies.filter((d): d is string => typeof d === "string");
    const propertyDependencies = stringListRecord(state.propertyDependencies);
    if (propertyDependencies) view.propertyDependencies = propertyDependencies;
    const providerUrn = typeof state.provider === "string" && state.provider !== "" ? providerUrnOf(state.provider) : undefined;
    // A replacement shows the same URN twice; the later state is the one being deployed.
    this.resources.delete(state.urn);
    this.resources.set(state.urn, { view, providerUrn });
    return undefined;
  }

  /**
   * The views, in input order. A default provider that is not in the input gets its inputs from
   * stack config (`<package>:<key>`), as the engine does; another missing provider has an unknown region.
   */
  views(stackConfig: Readonly<Record<string, unknown>> = {}): { views: ResourceView[]; missingProviders: string[] } {
    const missing = new Set<string>();
    const views: ResourceView[] = [];
    for (const { view, providerUrn } of this.resources.values()) {
      if (providerUrn) {
        let provider = this.providers.get(providerUrn);
        if (!provider) {
          provider = this.standInProvider(providerUrn, stackConfig);
          if (!DEFAULT_PROVIDER_NAME.test(provider.name)) missing.add(providerUrn);
          this.providers.set(providerUrn, provider);
        }
        view.provider = provider;
      }
      views.push(view);
    }
    return { views, missingProviders: [...missing] };
  }

  private standInProvider(urn: string, stackConfig: Readonly<Record<string, unknown>>): ProviderView {
    const parts = parseUrn(urn) as UrnParts;
    const providerPackage = parts.type.slice(PROVIDER_TYPE_PREFIX.length);
    if (DEFAULT_PROVIDER_NAME.test(parts.name)) {
      const inputs: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(stackConfig)) {
        if (key.startsWith(`${providerPackage}:`)) inputs[key.slice(providerPackage.length + 1)] = value;
      }
      return { type: parts.type, name: parts.name, urn, props: this.props(inputs) };
    }
    return { type: parts.type, name: parts.name, urn, props: { region: new Unknown("provider not in the input") } };
  }

  private props(inputs: unknown): ViewObject {
    const props = fromWireObject(inputs);
    return this.options.maskedSecrets ? (unmaskSecrets(props) as ViewObject) : props;
  }
}

/** Reads each "[secret]" as a secret whose value is not known: never as absent, never as that text. */
export function unmaskSecrets(value: ViewValue): ViewValue {
  if (value === MASKED_SECRET) return new Secret(new Unknown("secret not shown in the input"));
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = unmaskSecrets(value[i]);
    return value;
  }
  if (isViewObject(value)) {
    for (const key of Object.keys(value)) value[key] = unmaskSecrets(value[key]);
  }
  return value;
}

function stringListRecord(value: unknown): Record<string, string[]> | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  const result: Record<string, string[]> = {};
  for (const [key, list] of Object.entries(value)) {
    if (key !== "__proto__" && Array.isArray(list)) result[key] = list.filter((item): item is string => typeof item === "string");
  }
  return result;
}
