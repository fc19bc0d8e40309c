// Filing records indexed by registered domain, so each lookup is one map read.

import type { FilingRecord } from "./config";
import { normaliseHostname } from "./hostname";

export class FilingRegistry {
  private readonly byDomain = new Map<string, FilingRecord>();

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
