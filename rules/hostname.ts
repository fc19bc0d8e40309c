// Hostname normalisation and the registered domain (eTLD+1) a filing covers.

import { isIPv6 } from "node:net";
import { domainToASCII } from "node:url";
import { parse as parseDomain } from "tldts";

/**
 * Hostnames that the clouds assign to their own endpoints. They are not the user's to file.
 * Each entry matches the name itself and every name below it.
 * Sources: provider-catalogue.md (default endpoints), Alibaba and Tencent product docs for CNAME targets.
 */
export const CLOUD_ASSIGNED_SUFFIXES: readonly string[] = [
  // Alibaba Cloud
  "aliyuncs.com", // OSS, SLB/ALB/NLB, API gateway, FC, ESA and most service endpoints
  "alicdn.com",
  "kunlunsl.com", // CDN CNAME targets
  "kunlunca.com",
  "kunluncan.com",
  "kunlunar.com",
  "alikunlun.com",
  "alikunlun.net",
  "aliyundrive.net",
  "fcapp.run", // Function Compute 3.0 default domains
  "alibabacloudapi.com",
  "alibabacloud.com",
  "aliyun.com",
  "atrustdns.com", // ESA CNAME targets
  "edgeone-eo.com",
  // Tencent Cloud
  "myqcloud.com", // COS, CLB, API gateway, SCF and most service endpoints
  "tencentcs.com",
  "tencent-cloud.net",
  "tencentcloudapi.com",
  "qcloud.com",
  "qcloud.la",
  "cdn.dnsv1.com", // CDN CNAME targets
  "dnsv1.com",
  "eo.dnse2.com", // EdgeOne CNAME targets
  "eo.dnse3.com",
  "eo.dnse4.com",
  "edgeone.app",
  "tcloudbaseapp.com", // CloudBase static hosting
  "tcloudbase.com",
  "qcloudcos.com",
];

export type HostnameKind =
  | "custom" // the user's own name: needs a filing when served from the mainland
  | "cloud-assigned" // the provider's own name
  | "ip" // an address, not a domain
  | "not-registrable"; // a public suffix itself, or under no ICANN suffix

export interface HostnameVerdict {
  kind: HostnameKind;
  /** Lower-case ASCII (punycode), without scheme, port, path, trailing dot or leading wildcard. */
  hostname: string;
  /** ICANN eTLD+1, present for custom names. */
  registeredDomain?: string;
}

export type NormalisedHostname = { ok: true; value: HostnameVerdict } | { ok: false; reason: string };

const MAX_HOSTNAME_LENGTH = 253;

// A stack serves few distinct names from many resources, and IDNA + the suffix list cost more
// than the rest of a check. Bounded in entries and in key length, so hostile input cannot grow it.
const normalisedCache = new Map<string, NormalisedHostname>();
const NORMALISED_CACHE_SIZE = 10_000;

/**
 * Normalises what a user wrote where a hostname belongs. Tolerates a URL, a port, a path,
 * upper case, Unicode (IDN), a trailing dot and a leading `*.` or `.` wildcard.
 * The answer is shared between callers and must not be modified.
 */
export function normaliseHostname(raw: string): NormalisedHostname {
  if (raw.length > 4 * MAX_HOSTNAME_LENGTH) return normaliseUncached(raw);
  const cached = normalisedCache.get(raw);
  if (cached) return cached;
  const result = deepFreeze(normaliseUncached(raw));
  if (normalisedCache.size >= NORMALISED_CACHE_SIZE) normalisedCache.clear();
  normalisedCache.set(raw, result);
  return result;
}

function deepFreeze(result: NormalisedHostname): NormalisedHostname {
  if (result.ok) Object.freeze(result.value);
  return Object.freeze(result);
}

function normaliseUncached(raw: string): NormalisedHostname {
  let text = raw.trim();
  if (text === "") return { ok: false, reason: "empty hostname" };
  if (text.length > 4 * MAX_HOSTNAME_LENGTH) return { ok: false, reason: "hostname is too long" };

  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(text);
  if (scheme) text = text.slice(scheme[0].length);
  text = text.replace(/[/?#].*$/s, "");
  text = text.replace(/^[^@]*@/, "");

  // Only a real IPv6 literal: "[cafe.de]" is made of hex digits and dots too, and is a domain.
  const bracketed = /^\[([0-9a-f:.]+)\](?::\d+)?$/i.exec(text);
  if (bracketed && isIPv6(bracketed[1])) return { ok: true, value: { kind: "ip", hostname: bracketed[1].toLowerCase() } };
  text = text.replace(/:\d*$/, "");

  text = text.replace(/\.+$/, "");
  text = text.replace(/^(\*\.)+/, "").replace(/^\.+/, "");
  if (text === "" || text === "*") return { ok: false, reason: "hostname is only a wildcard" };
  if (text.includes("*")) return { ok: false, reason: "wildcard in the middle of a hostname" };

  // UTS #46 maps full stops such as "。" to ".", so a trailing one only shows up now.
  const ascii = domainToASCII(text.toLowerCase()).replace(/\.+$/, "");
  if (ascii === "") return { ok: false, reason: "not a valid hostname" };
  if (ascii.length > MAX_HOSTNAME_LENGTH) return { ok: false, reason: "hostname is longer than 253 characters" };

  const parsed = parseDomain(ascii, { allowPrivateDomains: false, extractHostname: false });
  if (parsed.isIp) return { ok: true, value: { kind: "ip", hostname: ascii } };
  if (!parsed.hostname) return { ok: false, reason: "not a valid hostname" };
  if (isCloudAssigned(ascii)) return { ok: true, value: { kind: "cloud-assigned", hostname: ascii } };
  if (!parsed.domain || !parsed.isIcann) {
    return { ok: true, value: { kind: "not-registrable", hostname: ascii } };
  }
  return { ok: true, value: { kind: "custom", hostname: ascii, registeredDomain: parsed.domain } };
}

const CLOUD_ASSIGNED = new Set(CLOUD_ASSIGNED_SUFFIXES);

export function isCloudAssigned(asciiHostname: string): boolean {
  // The name or any name it ends in, label by label: one set lookup per label, not per suffix.
  for (let rest = asciiHostname; ; ) {
    if (CLOUD_ASSIGNED.has(rest)) return true;
    const dot = rest.indexOf(".");
    if (dot < 0) return false;
    rest = rest.slice(dot + 1);
  }
}

/** The registered domain of a hostname, or undefined when it has none (IP, suffix, invalid). */
export function registeredDomainOf(raw: string): string | undefined {
  const result = normaliseHostname(raw);
  if (!result.ok) return undefined;
  const { value } = result;
  if (value.registeredDomain) return value.registeredDomain;
  // A cloud-assigned name still has a registered domain; callers filing records may need it.
  if (value.kind === "cloud-assigned") {
    return parseDomain(value.hostname, { allowPrivateDomains: false, extractHostname: false }).domain ?? undefined;
  }
  return undefined;
}

/** True when `hostname` equals `scope` or lies below it (both normalised ASCII). */
export function isWithin(hostname: string, scope: string): boolean {
  return hostname === scope || hostname.endsWith(`.${scope}`);
}
