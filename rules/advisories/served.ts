// What the advisories share: the custom domains a resource serves from mainland China, and the
// filing records indexed by registered domain.

import { catalogueEntryFor, type CatalogueEntry } from "../catalogue";
import { normaliseHostname } from "../hostname";
import { resolveLocation, type Environment, type MainlandReason } from "../location";
import { servedHostnames } from "../served-hostnames";
import { memoised, type ResourceView } from "../view";

/** A custom hostname a resource serves, with the registered domain a filing covers. */
export interface ServedDomain {
  hostname: string;
  registeredDomain: string;
  secret: boolean;
  /** Property path the hostname was read from. */
  path: string;
}

export interface MainlandServing {
  entry: CatalogueEntry;
  mainland: MainlandReason;
  /** One per registered domain, the first hostname read for it. */
  domains: readonly ServedDomain[];
}

/**
 * The registered domains a catalogued resource serves from mainland China. Undefined when the
 * resource serves nothing, serves from outside the mainland, or its location is unknown (preview):
 * advisories stay quiet then, and the resource is checked again with real values at update time.
 */
export function mainlandServing(view: ResourceView, env: Environment): MainlandServing | undefined {
  const entry = catalogueEntryFor(view.type);
  if (!entry) return undefined;
  // Every advisory asks this of the same view in one Analyze call; the answer is shared, read-only.
  return memoised(view, [MAINLAND_SERVING, env], () => {
    const location = resolveLocation(entry, view, env);
    return location.status === "mainland" ? { entry, mainland: location.reason, domains: customDomains(entry, view) } : undefined;
  });
}

const MAINLAND_SERVING = { memo: "mainland serving" };

/** Every known custom hostname of a catalogued resource, one per registered domain. */
export function customDomains(entry: CatalogueEntry, view: ResourceView): readonly ServedDomain[] {
  return memoised(view, [CUSTOM_DOMAINS, entry], () => readCustomDomains(entry, view));
}

const CUSTOM_DOMAINS = { memo: "custom domains" };

function readCustomDomains(entry: CatalogueEntry, view: ResourceView): ServedDomain[] {
  const byDomain = new Map<string, ServedDomain>();
  for (const served of servedHostnames(entry, view)) {
    if (served.status !== "read") continue;
    const { verdict } = served;
    if (verdict.kind !== "custom" || !verdict.registeredDomain) continue;
    const key = `${verdict.registeredDomain}\u0000${served.secret}`;
    if (byDomain.has(key)) continue;
    byDomain.set(key, { hostname: verdict.hostname, registeredDomain: verdict.registeredDomain, secret: served.secret, path: served.path });
  }
  return [...byDomain.values()];
}

// Keyed by a parsed config's list of records, which lives as long as the policies that use it.
const indexes = new WeakMap<readonly object[], RecordsByDomain<{ domain: string; status: "approved" | "pending" }>>();

/** Records indexed by the registered domain they cover; an approved record wins over a pending one. */
export class RecordsByDomain<T extends { domain: string; status: "approved" | "pending" }> {
  private readonly byDomain = new Map<string, T>();

  /** The index of a list of records, built once per list: policies that share a parsed config share it. */
  static of<T extends { domain: string; status: "approved" | "pending" }>(records: readonly T[]): RecordsByDomain<T> {
    let index = indexes.get(records) as RecordsByDomain<T> | undefined;
    if (!index) {
      index = new RecordsByDomain(records);
      indexes.set(records, index);
    }
    return index;
  }

  private constructor(records: readonly T[]) {
    for (const record of records) {
      const normalised = normaliseHostname(record.domain);
      if (!normalised.ok || !normalised.value.registeredDomain) continue; // config validation reports these
      const domain = normalised.value.registeredDomain;
      const existing = this.byDomain.get(domain);
      if (!existing || (existing.status !== "approved" && record.status === "approved")) this.byDomain.set(domain, record);
    }
  }

  lookup(registeredDomain: string): T | undefined {
    return this.byDomain.get(registeredDomain);
  }

  /** The approved record, if any: only an issued number makes a site live legally. */
  approved(registeredDomain: string): T | undefined {
    const record = this.byDomain.get(registeredDomain);
    return record?.status === "approved" ? record : undefined;
  }

  entries(): IterableIterator<[string, T]> {
    return this.byDomain.entries();
  }

  get size(): number {
    return this.byDomain.size;
  }
}
