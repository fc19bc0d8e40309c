// The stack's resources indexed the ways cross-resource checks look them up: by URN, by type,
// and by the addresses they expose.

import type { HostnameSource } from "../catalogue";
import { normaliseHostname } from "../hostname";
import { readOne, readPath, type ResourceView } from "../view";
import { dnsTargetFor, type DnsTarget } from "./targets";

export interface AddressHolder {
  view: ResourceView;
  target: DnsTarget;
  /** The output the address was read from, e.g. `publicIp`. */
  output: string;
}

/**
 * The form addresses are compared in: lower case, no trailing dot, a URL reduced to its host.
 * IPv6 addresses are kept whole. Undefined for values that are no address.
 */
export function addressKey(raw: string): string | undefined {
  const text = raw.trim().toLowerCase().replace(/\.+$/, "");
  if (text === "") return undefined;
  if (/^[0-9a-f:.]+$/.test(text) && text.split(":").length > 2) return text;
  const normalised = normaliseHostname(text);
  return normalised.ok ? normalised.value.hostname : undefined;
}

export class StackIndex {
  private readonly byUrn = new Map<string, ResourceView>();
  private readonly byType = new Map<string, ResourceView[]>();
  private addresses?: Map<string, AddressHolder[]>;

  constructor(readonly views: readonly ResourceView[]) {
    for (const view of views) {
      this.byUrn.set(view.urn, view);
      const list = this.byType.get(view.type) ?? [];
      list.push(view);
      this.byType.set(view.type, list);
    }
  }

  get(urn: string): ResourceView | undefined {
    return this.byUrn.get(urn);
  }

  ofTypes(types: readonly string[]): ResourceView[] {
    return types.flatMap((type) => this.byType.get(type) ?? []);
  }

  /** The stack resources exposing this address (compared with addressKey). */
  holdersOf(key: string): AddressHolder[] {
    this.addresses ??= this.buildAddressIndex();
    return this.addresses.get(key) ?? [];
  }

  private buildAddressIndex(): Map<string, AddressHolder[]> {
    const index = new Map<string, AddressHolder[]>();
    for (const view of this.views) {
      const target = dnsTargetFor(view.type);
      if (!target) continue;
      for (const source of target.addresses) {
        for (const { text, output } of addressTexts(view, source)) {
          const key = addressKey(text);
          if (key === undefined) continue;
          const list = index.get(key) ?? [];
          if (!list.some((holder) => holder.view.urn === view.urn)) list.push({ view, target, output });
          index.set(key, list);
        }
      }
    }
    return index;
  }
}

/** Known address values of one output (composed `<name>.<zone>` when the source has a zone). */
function addressTexts(view: ResourceView, source: HostnameSource): { text: string; output: string }[] {
  if (source.zone) {
    const name = readOne(view.props, source.path);
    const zone = readOne(view.props, source.zone);
    if (typeof name.value !== "string" || typeof zone.value !== "string" || name.unknown || zone.unknown) return [];
    return [{ text: `${name.value}.${zone.value}`, output: `${source.path}.${source.zone}` }];
  }
  return readPath(view.props, source.path)
    .filter((leaf) => !leaf.unknown && typeof leaf.value === "string")
    .map((leaf) => ({ text: leaf.value as string, output: leaf.path }));
}

/** The top-level property a path starts with: the key of the engine's property dependencies. */
export function topLevelProperty(path: string): string {
  return path.split(/[.[]/, 1)[0];
}

/** The stack resources the engine says a property's value came from. */
export function dependenciesOf(index: StackIndex, view: ResourceView, path: string): ResourceView[] {
  const urns = view.propertyDependencies?.[topLevelProperty(path)] ?? [];
  return urns.map((urn) => index.get(urn)).filter((found): found is ResourceView => found !== undefined);
}
