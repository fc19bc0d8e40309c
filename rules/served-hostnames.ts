// The hostnames a catalogued resource would serve, read from its inputs.

import type { CatalogueEntry } from "./catalogue";
import { normaliseHostname, type HostnameVerdict } from "./hostname";
import { readPath, type ResourceView } from "./view";

export type ServedHostname =
  | { status: "unknown"; path: string; secret: boolean }
  | { status: "unusable"; path: string; secret: boolean; raw: string; problem: string }
  | { status: "read"; path: string; secret: boolean; verdict: HostnameVerdict };

/** Every hostname value, one entry per name (lists and comma-joined inputs are split). */
export function servedHostnames(entry: CatalogueEntry, view: ResourceView): ServedHostname[] {
  const out: ServedHostname[] = [];
  const seen = new Set<string>();
  for (const source of entry.hostnames) {
    for (const leaf of readPath(view.props, source.path)) {
      if (leaf.unknown) {
        out.push({ status: "unknown", path: leaf.path, secret: leaf.secret });
        continue;
      }
      if (leaf.value === undefined || leaf.value === null || leaf.value === "") continue;
      if (typeof leaf.value !== "string") {
        out.push({
          status: "unusable",
          path: leaf.path,
          secret: leaf.secret,
          raw: typeof leaf.value === "object" ? JSON.stringify(leaf.value) ?? "" : String(leaf.value),
          problem: "is not a string",
        });
        continue;
      }
      const parts = source.split ? leaf.value.split(source.split) : [leaf.value];
      for (const part of parts) {
        if (part.trim() === "") continue;
        const normalised = normaliseHostname(part);
        if (!normalised.ok) {
          out.push({ status: "unusable", path: leaf.path, secret: leaf.secret, raw: part, problem: normalised.reason });
          continue;
        }
        const key = `${normalised.value.hostname}\u0000${leaf.secret}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push({ status: "read", path: leaf.path, secret: leaf.secret, verdict: normalised.value });
      }
    }
  }
  return out;
}
