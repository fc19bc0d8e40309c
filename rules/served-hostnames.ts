// The hostnames a catalogued resource would serve, read from its inputs.

import type { CatalogueEntry, HostnameSource } from "./catalogue";
import { normaliseHostname, type HostnameVerdict } from "./hostname";
import { textPrefix } from "./text-prefix";
import { memoised, readOne, readPath, testCondition, type Leaf, type ResourceView, type ViewValue } from "./view";

export type ServedHostname =
  | { status: "unknown"; path: string; secret: boolean }
  | { status: "unusable"; path: string; secret: boolean; raw: string; problem: string }
  | { status: "read"; path: string; secret: boolean; verdict: HostnameVerdict };

/** A name as written, before normalisation. */
interface RawName {
  path: string;
  text: string;
  secret: boolean;
}

// Several policies read the hostnames of the same view in one Analyze call (the pack shares the
// view between them); normalising them once per view and entry saves the repeats.
const SERVED = { memo: "served hostnames" };
const NONE: readonly ServedHostname[] = Object.freeze([]);

/**
 * Every hostname value, one entry per name: lists, comma-joined and JSON-array inputs are split,
 * DNS names are composed from their relative part and zone. Views are never modified, so the
 * answer for a view is computed once; callers must not modify it either.
 */
export function servedHostnames(entry: CatalogueEntry, view: ResourceView): readonly ServedHostname[] {
  if (entry.hostnames.length === 0) return NONE;
  return memoised(view, [SERVED, entry], () => readServedHostnames(entry, view));
}

function readServedHostnames(entry: CatalogueEntry, view: ResourceView): ServedHostname[] {
  const out: ServedHostname[] = [];
  const seen = new Set<string>();
  for (const source of entry.hostnames) {
    if (source.when) {
      const test = testCondition(view.props, source.when);
      if ("unknownPath" in test) {
        out.push({ status: "unknown", path: test.unknownPath, secret: false });
        continue;
      }
      if (!test.holds) continue;
    }
    const names = source.zone ? zoneNames(source, source.zone, view, out) : plainNames(source, view, out);
    for (const name of names) {
      if (source.dotlessIsNotHostname && !source.zone && !hasDot(name.text)) continue;
      const normalised = normaliseHostname(name.text);
      if (!normalised.ok) {
        out.push({ status: "unusable", path: name.path, secret: name.secret, raw: clip(name.text), problem: normalised.reason });
        continue;
      }
      const key = `${normalised.value.hostname}\u0000${name.secret}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ status: "read", path: name.path, secret: name.secret, verdict: normalised.value });
    }
  }
  return out;
}

function plainNames(source: HostnameSource, view: ResourceView, out: ServedHostname[]): RawName[] {
  const names: RawName[] = [];
  for (const leaf of readPath(view.props, source.path)) {
    const text = leafText(leaf, out);
    if (text === undefined) continue;
    for (const part of splitValue(source, text, leaf, out)) {
      if (part.trim() !== "") names.push({ path: leaf.path, text: part, secret: leaf.secret });
    }
  }
  return names;
}

/** `rr` + `domainName` style names: `@` or an empty relative part is the zone apex. */
function zoneNames(source: HostnameSource, zonePath: string, view: ResourceView, out: ServedHostname[]): RawName[] {
  const zone = readOne(view.props, zonePath);
  const zoneText = leafText(zone, out);
  // An omitted zone is no domain; an auto-generated one has no dot.
  if (zoneText === undefined || zoneText.trim() === "") return [];
  if (source.dotlessIsNotHostname && !hasDot(zoneText)) return [];
  // A null relative part is an omitted one.
  const relatives = readPath(view.props, source.path).filter((leaf) => leaf.unknown || (leaf.value !== null && leaf.value !== undefined));
  const names: RawName[] = [];
  const compose = (relative: string, relativePath: string, secret: boolean) => {
    const label = relative.trim().replace(/\.+$/, "");
    const text = label === "" || label === "@" ? zoneText.trim() : `${label}.${zoneText.trim()}`;
    names.push({ path: `${relativePath} + ${zone.path}`, text, secret: secret || zone.secret });
  };
  if (relatives.length === 0) {
    if (source.relativeWhenOmitted !== undefined) compose(source.relativeWhenOmitted, source.path, false);
    return names;
  }
  for (const leaf of relatives) {
    if (!leaf.unknown && leaf.value === "") {
      compose("", leaf.path, leaf.secret);
      continue;
    }
    const text = leafText(leaf, out);
    if (text === undefined) continue;
    compose(text, leaf.path, leaf.secret);
  }
  return names;
}

/** Any of the dots IDNA maps to a label separator (full stop, ideographic and full-width stops). */
function hasDot(text: string): boolean {
  return /[.\u3002\uff0e\uff61]/.test(text);
}

/** The text of a leaf, or undefined after reporting why there is none (unknown, not a string). */
function leafText(leaf: Leaf, out: ServedHostname[]): string | undefined {
  if (leaf.unknown) {
    out.push({ status: "unknown", path: leaf.path, secret: leaf.secret });
    return undefined;
  }
  if (leaf.value === undefined || leaf.value === null || leaf.value === "") return undefined;
  if (typeof leaf.value !== "string") {
    // Only the shape is shown: an object may hold secrets deeper down.
    out.push({ status: "unusable", path: leaf.path, secret: leaf.secret, raw: describeShape(leaf.value), problem: "is not a string" });
    return undefined;
  }
  return leaf.value;
}

function splitValue(source: HostnameSource, text: string, leaf: Leaf, out: ServedHostname[]): string[] {
  if (source.json) {
    const names = parseJsonNames(text);
    if (!names) {
      out.push({ status: "unusable", path: leaf.path, secret: leaf.secret, raw: clip(text), problem: "is not a JSON array of host names" });
      return [];
    }
    return names;
  }
  return source.split ? text.split(source.split) : [text];
}

/** A JSON array of strings, or a single JSON string. */
function parseJsonNames(text: string): string[] | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof parsed === "string") return [parsed];
  if (Array.isArray(parsed) && parsed.every((item) => typeof item === "string")) return parsed as string[];
  return undefined;
}

function describeShape(value: ViewValue): string {
  if (Array.isArray(value)) return "[…]";
  if (typeof value === "object" && value !== null) return "{…}";
  return String(value);
}

const MAX_SHOWN = 200;

/** A value as a message shows it: a hostile megabyte-long input must not swell every answer. */
function clip(text: string): string {
  return text.length > MAX_SHOWN ? `${textPrefix(text, MAX_SHOWN)}… (${text.length} characters)` : text;
}
