// Filing records indexed by registered domain, so each lookup is one map read.

import type { FilingRecord } from "./config";
import { normaliseHostname } from "./hostname";

// Keyed by a parsed config's list of records, which lives as long as the policies that use it.
const registries = new WeakMap<readonly FilingRecord[], FilingRegistry>();

export class FilingRegistry {
  private readonly byDomain = new Map<string, FilingRecord>();

  /** The registry of a list of records, built once per list: the resource and stack policies share it. */
  static of(records: readonly FilingRecord[]): FilingRegistry {
    let registry = registries.get(records);
    if (!registry) {
      registry = new FilingRegistry(records);
      registries.set(records, registry);
    }
    return registry;
  }

  constructor(records: readonly FilingRecord[]) {
    for (const record of records) {
      const normalised = normaliseHostname(record.domain);
      if (!normalised.ok || !normalised.value.registeredDomain) continue; // config validation reports these
      const domain = normalised.value.registeredDomain;
      const existing = this.byDomain.get(domain);
      // An approved record wins over a pending one for the same domain.
      if (!existing || (existing.status !== "approved" && record.status === "approved")) {
        this.byDomain.set(domain, record);
      }
    }
  }

  /** The record for a registered domain (normalised ASCII), if any. */
  lookup(registeredDomain: string): FilingRecord | undefined {
    return this.byDomain.get(registeredDomain);
  }

  get size(): number {
    return this.byDomain.size;
  }
}
