// Time-limited exceptions, matched by hostname (and below) or by resource URN or name.

import type { Waiver } from "./config";
import { isWithin, normaliseHostname } from "./hostname";

export interface WaiverMatch {
  waiver: Waiver;
  expired: boolean;
}

interface PreparedWaiver {
  waiver: Waiver;
  hostname?: string;
}

export class WaiverSet {
  private readonly byDomain: PreparedWaiver[] = [];
  private readonly byResource = new Map<string, Waiver[]>();

  /** `today` is an ISO date (YYYY-MM-DD); a waiver applies through its `expires` day. */
  constructor(waivers: readonly Waiver[], private readonly today: string) {
    for (const waiver of waivers) {
      if (waiver.resource !== undefined) {
        const list = this.byResource.get(waiver.resource) ?? [];
        list.push(waiver);
        this.byResource.set(waiver.resource, list);
      } else if (waiver.domain !== undefined) {
        const normalised = normaliseHostname(waiver.domain);
        if (normalised.ok) this.byDomain.push({ waiver, hostname: normalised.value.hostname });
      }
    }
  }

  get size(): number {
    return this.byDomain.length + this.byResource.size;
  }

  /**
   * The waiver for this resource and hostname. A live waiver wins over an expired one; an
   * expired one is still returned so the message can say when it ran out.
   */
  match(urn: string, name: string, hostname: string | undefined): WaiverMatch | undefined {
    if (this.size === 0) return undefined;
    const candidates: Waiver[] = [...(this.byResource.get(urn) ?? []), ...(this.byResource.get(name) ?? [])];
    if (hostname !== undefined) {
      for (const prepared of this.byDomain) {
        if (prepared.hostname && isWithin(hostname, prepared.hostname)) candidates.push(prepared.waiver);
      }
    }
    let expired: Waiver | undefined;
    for (const waiver of candidates) {
      if (!this.isExpired(waiver)) return { waiver, expired: false };
      if (!expired || waiver.expires > expired.expires) expired = waiver;
    }
    return expired ? { waiver: expired, expired: true } : undefined;
  }

  isExpired(waiver: Waiver): boolean {
    return waiver.expires < this.today;
  }
}

export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

const DAY_MS = 86_400_000;
let currentDay: { day: string; start: number } | undefined;

/** Today's UTC date (YYYY-MM-DD); cheap to ask for every resource: formatted once a day. */
export function utcDay(now: number = Date.now()): string {
  if (!currentDay || now < currentDay.start || now >= currentDay.start + DAY_MS) {
    const start = Math.floor(now / DAY_MS) * DAY_MS;
    currentDay = { day: isoDay(new Date(start)), start };
  }
  return currentDay.day;
}
