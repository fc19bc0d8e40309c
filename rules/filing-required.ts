// Rule icp-filing-required: a custom hostname served from mainland China needs an approved
// ICP filing record for its registered domain.

import { catalogueEntryFor, type CatalogueEntry } from "./catalogue";
import { FilingRequiredConfigSchema, parseConfig, type Language } from "./config";
import { FilingRegistry } from "./filing-registry";
import type { Finding, FindingDetail, FindingLevel, ResourceRef } from "./findings";
import { resolveLocation, type Environment, type Location } from "./location";
import { servedHostnames } from "./served-hostnames";
import type { ResourceView } from "./view";
import type { PolicyDefinition, PreparedOrProblems, PreparedPolicy } from "./policy-definition";
import { FILING_REQUIRED_METADATA } from "./policy-metadata";
import { STACK_FILING_REQUIRED } from "./cross-resource/metadata";
import { WaiverSet } from "./waivers";

export const FILING_REQUIRED = FILING_REQUIRED_METADATA.name;

export interface FilingRuleContext {
  registry: FilingRegistry;
  waivers: WaiverSet;
  /** Preview: unknown values give an advisory. Update: they block, since nothing could be checked. */
  dryRun: boolean;
  env: Environment;
}

/** True when the rule has anything to say about this type (the catalogue lists it). */
export function appliesTo(type: string): boolean {
  return catalogueEntryFor(type) !== undefined;
}

export function evaluateFilingRequired(view: ResourceView, ctx: FilingRuleContext): Finding[] {
  const entry = catalogueEntryFor(view.type);
  if (!entry) return [];
  return findingsForLocation(view, entry, resolveLocation(entry, view, ctx.env), ctx);
}

/** How findingsForLocation reports, for the resource policy and the stack policy that reuses it. */
export interface LocationCheckOptions {
  policy: string;
  /** Report hostname problems (unusable, not registrable, unknown names). */
  hostnameProblems: boolean;
  /** Report an unrecognised coverage value or an unlisted region. */
  placeProblems: boolean;
  /** Policy that settles locations deferred to the stack, named in the resource-level advisory. */
  stackPolicy: string;
}

const RESOURCE_LEVEL: LocationCheckOptions = {
  policy: FILING_REQUIRED,
  hostnameProblems: true,
  placeProblems: true,
  stackPolicy: STACK_FILING_REQUIRED,
};

/** The findings for a catalogued resource once its location is known (or known to be unknown). */
export function findingsForLocation(
  view: ResourceView,
  entry: CatalogueEntry,
  location: Location,
  ctx: FilingRuleContext,
  options: LocationCheckOptions = RESOURCE_LEVEL,
): Finding[] {
  const resource: ResourceRef = { urn: view.urn, name: view.name, type: view.type };
  const findings: Finding[] = [];
  const add = (level: FindingLevel, detail: FindingDetail) => findings.push({ policy: options.policy, level, resource, ...detail });

  // A DNS record's target is settled over the stack only; on its own a record says nothing.
  const deferral = location.status === "unknown" ? location.deferral : undefined;
  if (deferral?.kind === "dns-record") return findings;

  if (location.status !== "unknown") {
    const reason = location.reason;
    if (options.placeProblems && reason.kind === "coverage" && reason.unrecognised) add("advisory", { kind: "unrecognised-coverage", mainland: reason });
    if (options.placeProblems && reason.kind === "region" && reason.unlisted) {
      add("advisory", { kind: "unlisted-region", mainland: reason, treatedAsMainland: location.status === "mainland" });
    }
    if (location.status === "outside") return findings;
  }

  const unknownHostnamePaths: string[] = [];
  const unconfirmed: { hostname: string; registeredDomain: string; secret: boolean }[] = [];

  for (const served of servedHostnames(entry, view)) {
    if (served.status === "unknown") {
      if (options.hostnameProblems) unknownHostnamePaths.push(served.path);
      continue;
    }
    if (served.status === "unusable") {
      if (options.hostnameProblems) {
        add("advisory", { kind: "unusable-hostname", path: served.path, value: served.raw, secret: served.secret, problem: served.problem });
      }
      continue;
    }
    const { verdict } = served;
    if (verdict.kind === "not-registrable") {
      if (options.hostnameProblems) add("advisory", { kind: "not-registrable", path: served.path, hostname: verdict.hostname, secret: served.secret });
      continue;
    }
    if (verdict.kind !== "custom" || !verdict.registeredDomain) continue;
    const record = ctx.registry.lookup(verdict.registeredDomain);
    if (record?.status === "approved") continue;
    const waiver = ctx.waivers.match(view.urn, view.name, verdict.hostname);
    if (location.status === "unknown") {
      if (!(deferral && waiver && !waiver.expired)) {
        unconfirmed.push({ hostname: verdict.hostname, registeredDomain: verdict.registeredDomain, secret: served.secret });
      }
      continue;
    }
    const finding: Finding = {
      policy: options.policy,
      level: "blocking",
      resource,
      kind: "unfiled",
      hostname: verdict.hostname,
      registeredDomain: verdict.registeredDomain,
      secret: served.secret,
      path: served.path,
      mainland: location.reason,
    };
    if (record) finding.pendingRecord = record;
    if (waiver?.expired) finding.expiredWaiver = waiver.waiver;
    if (waiver && !waiver.expired) finding.waivedBy = waiver.waiver;
    findings.push(finding);
  }

  if (deferral) {
    // Coverage on another resource: say so here; the stack policy blocks if it is mainland.
    if (unconfirmed.length > 0) {
      add("advisory", {
        kind: "coverage-elsewhere",
        hostnames: unconfirmed,
        what: deferral.link.what,
        property: deferral.property,
        linkValue: deferral.value,
        linkSecret: deferral.secret,
        stackPolicy: options.stackPolicy,
      });
    }
    if (unknownHostnamePaths.length > 0) {
      add(ctx.dryRun ? "advisory" : "blocking", { kind: "unknown-values", paths: unknownHostnamePaths, hostnames: [], dryRun: ctx.dryRun });
    }
    return findings;
  }

  // Unknowns matter only where they could hide a hostname, or hide the location of an unfiled one.
  const locationUnknownMatters = location.status === "unknown" && unconfirmed.length > 0;
  if (unknownHostnamePaths.length > 0 || locationUnknownMatters) {
    const paths = location.status === "unknown" ? [...location.paths, ...unknownHostnamePaths] : unknownHostnamePaths;
    add(ctx.dryRun ? "advisory" : "blocking", { kind: "unknown-values", paths, hostnames: unconfirmed, dryRun: ctx.dryRun });
  }
  return findings;
}

export const filingRequiredDefinition: PolicyDefinition = {
  metadata: FILING_REQUIRED_METADATA,
  kind: "resource",
  configSchema: FilingRequiredConfigSchema,
  appliesTo,
  prepare(properties, today) {
    return prepareFilingPolicy(properties, today, (records) => ({
      evaluateResource: (view, options) => evaluateFilingRequired(view, { ...records, ...options }),
    }));
  },
};

/** A filing policy (resource or stack) from its config: the records, then what evaluates with them. */
export function prepareFilingPolicy(
  properties: unknown,
  today: string,
  evaluator: (records: Pick<FilingRuleContext, "registry" | "waivers">) => Omit<PreparedPolicy, "language">,
): PreparedOrProblems {
  const prepared = prepareFilingRecords(properties, today);
  if (!prepared.ok) return prepared;
  const { registry, waivers, language } = prepared;
  return { ok: true, policy: { language, ...evaluator({ registry, waivers }) } };
}

type PreparedFilingRecords =
  | { ok: true; language: Language; registry: FilingRegistry; waivers: WaiverSet }
  | { ok: false; language: Language; problems: string[] };

/** Validates a filing policy's config and indexes its records; shared by the resource and stack policies. */
function prepareFilingRecords(properties: unknown, today: string): PreparedFilingRecords {
  const parsed = parseConfig(FilingRequiredConfigSchema, properties);
  if (!parsed.ok) return { ok: false, language: languageOf(properties), problems: parsed.problems };
  return {
    ok: true,
    language: parsed.config.language,
    registry: FilingRegistry.of(parsed.config.filings),
    waivers: new WaiverSet(parsed.config.waivers, today),
  };
}

/** The language asked for, even in a config that is otherwise invalid. */
export function languageOf(properties: unknown): Language {
  const value = typeof properties === "object" && properties !== null ? (properties as { language?: unknown }).language : undefined;
  return value === "zh" ? "zh" : "en";
}
