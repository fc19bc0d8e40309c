// Stack policy icp-filing-required-stack: the same duty as icp-filing-required for resources
// whose mainland serving is decided by another resource of the stack.
//
// Exact behaviour (docs/catalogue.md repeats it for users):
// - It looks only at catalogued resources that icp-filing-required defers: DNS records whose
//   value does not name a regional endpoint, and resources whose coverage lives on another
//   resource (EdgeOne zone, ESA site, GA IP sets, GAAP listener → proxy, Live domain by name).
// - DNS record: the targets are the resources the engine lists as property dependencies of the
//   value, plus stack resources whose address outputs equal the value. Any target serving from
//   the mainland makes the record's custom hostname need a filing (blocking). Known-intranet load
//   balancers are ignored. No target in the stack: no finding.
// - Coverage on another resource: found through the property dependency of the ID (or a shared
//   parent, or an equal name). Mainland → blocking; outside → passes; its coverage unknown during
//   preview → advisory, blocking at update. Not found → read as mainland (fail closed), blocking
//   with a reason saying so; while the ID itself is unknown during preview and the engine names
//   no dependency → advisory, and at update it is known and fails closed if still not found.

import type { CatalogueEntry } from "../catalogue";
import { catalogueEntryFor, CATALOGUE, needsStack } from "../catalogue";
import { FilingRequiredConfigSchema } from "../config";
import { findingsForLocation, prepareFilingPolicy, type FilingRuleContext } from "../filing-required";
import type { Finding } from "../findings";
import { resolveLocation, type Location } from "../location";
import type { PolicyDefinition } from "../policy-definition";
import type { ResourceView } from "../view";
import { STACK_FILING_REQUIRED, STACK_FILING_REQUIRED_METADATA } from "./metadata";
import { StackLocationResolver } from "./resolve";
import { StackIndex } from "./stack-index";

const STACK_TYPES = new Set(CATALOGUE.filter((entry) => needsStack(entry.location)).map((entry) => entry.type));

export function appliesToStack(type: string): boolean {
  return STACK_TYPES.has(type);
}

export function evaluateStackFilingRequired(views: readonly ResourceView[], ctx: FilingRuleContext): Finding[] {
  const index = new StackIndex(views);
  const resolver = new StackLocationResolver(index, ctx.env);
  const findings: Finding[] = [];
  for (const view of views) {
    if (!STACK_TYPES.has(view.type)) continue;
    const entry = catalogueEntryFor(view.type) as CatalogueEntry;
    const alone = resolveLocation(entry, view, ctx.env);
    // Settled from the resource's own inputs: icp-filing-required reports it.
    if (alone.status !== "unknown" || !alone.deferral) continue;
    const location = resolveLocation(entry, view, ctx.env, resolver);
    // A record pointing at nothing this stack knows.
    if (location.status === "unknown" && location.deferral) continue;
    findings.push(
      ...findingsForLocation(view, entry, location, ctx, {
        policy: STACK_FILING_REQUIRED,
        // The resource policy already reported the names of linked resources; records it skips.
        hostnameProblems: alone.deferral.kind === "dns-record",
        placeProblems: !decidedByCatalogued(location),
        stackPolicy: STACK_FILING_REQUIRED,
      }),
    );
  }
  return findings;
}

/** True when the resource that decides is catalogued, so the resource policy advises on it already. */
function decidedByCatalogued(location: Location): boolean {
  if (location.status === "unknown") return false;
  const hops = location.reason.via ?? [];
  const last = hops[hops.length - 1];
  return last?.target !== undefined && catalogueEntryFor(last.target.type) !== undefined;
}

export const stackFilingRequiredDefinition: PolicyDefinition = {
  metadata: STACK_FILING_REQUIRED_METADATA,
  kind: "stack",
  configSchema: FilingRequiredConfigSchema,
  appliesTo: appliesToStack,
  prepare(properties, today) {
    return prepareFilingPolicy(properties, today, (records) => ({
      evaluateStack: (views, options) => evaluateStackFilingRequired(views, { ...records, ...options }),
    }));
  },
};
