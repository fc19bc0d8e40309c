// What one layout of a stack asks of its owners before it can serve mainland users: which
// registered domains need filings and which have them, the app numbers, licences and
// public-security filings that follow, the lead time, and what changes for users. Pure: the
// command-line tool reads the stack and the records, this reads them both.
//
// Where each resource serves from is read as the pack reads it (catalogue, locations settled over
// the whole stack). The duties that follow a filing are the advisories' verdicts, run through
// runPolicies exactly as the pack runs them, whatever enforcement level the config gives them.

import { CommercialLicenceConfigSchema, type PreApprovalSector } from "./advisories/config";
import type { AppLink } from "./advisories/findings";
import { customDomains } from "./advisories/served";
import { catalogueEntryFor } from "./catalogue";
import { FilingRequiredConfigSchema, parseConfig, type FilingRecord } from "./config";
import { StackLocationResolver } from "./cross-resource/resolve";
import { StackIndex } from "./cross-resource/stack-index";
import { FilingRegistry } from "./filing-registry";
import type { Finding } from "./findings";
import { estimateLeadTime, type LeadTimeEstimate } from "./lead-time";
import { resolveLocation, type Environment, type MainlandReason } from "./location";
import { SECRET_PLACEHOLDER } from "./messages";
import type { ProvinceCode } from "./provinces";
import type { Cloud } from "./regions";
import { policyProperties, runPolicies, type PolicyConfig } from "./run-policies";
import { servedHostnames } from "./served-hostnames";
import type { ResourceView } from "./view";

export interface LayoutOptions {
  /** ISO date (YYYY-MM-DD) deadlines and licence expiry are compared with. */
  today: string;
  env: Environment;
  dryRun: boolean;
  /** Province of the filing entity, instead of the one in the config. */
  province?: ProvinceCode;
  /** A foreign company that has no mainland entity yet. */
  foreignCompany?: boolean;
}

export type ServingStatus = "mainland" | "outside" | "unknown";

/** Where a resource serves from, reduced to what a comparison shows. */
export type Place =
  | { kind: "region"; cloud: Cloud; region: string; mainland: boolean; province?: ProvinceCode }
  | { kind: "coverage"; property: string; value?: string; defaulted: boolean; mainland: boolean; outsideValue: string }
  | { kind: "mainland-only"; why: string };

export interface ServingResource {
  urn: string;
  name: string;
  type: string;
  /** What the catalogue calls it ("Alibaba Cloud CDN domain"). */
  title: string;
  status: ServingStatus;
  place?: Place;
  /** Name of the resource that decides, when another one does (an EdgeOne zone, an ESA site). */
  decidedBy?: string;
  /** Registered domains it serves (secret ones as a placeholder). */
  domains: string[];
  /** Some of its hostnames are not known yet (preview). */
  hostnamesUnknown: boolean;
}

export type DomainStatus =
  /** Served from the mainland with no record: a first-time filing. */
  | "needs-filing"
  /** Served from the mainland, filing submitted and under review. */
  | "pending"
  /** Served from the mainland with an approved filing. */
  | "filed"
  /** Served only from outside the mainland: no filing needed. */
  | "not-needed"
  /** Filed, but served only from outside the mainland: the filing may be cancelled (icp-filing-cancellation-risk). */
  | "filed-served-outside"
  /** Not known yet where (preview values). */
  | "unknown";

export interface DomainSummary {
  registeredDomain: string;
  secret: boolean;
  status: DomainStatus;
  /** The filing number on record (approved or pending). */
  number?: string;
  /** Names of the resources serving it, by where they serve from. */
  mainland: string[];
  outside: string[];
  unknown: string[];
}

export type AppNeed =
  | { kind: "declared"; app: string; appKind: string; problem: "no-number" | "wrong-kind" | "pending"; number?: string; resources: string[] }
  /** A backend tagged for an app the records do not list, or a resource that is an app by nature. */
  | { kind: "undeclared"; identifier: string; by: AppLink["by"]; resources: string[] };

export interface LicenceNeed {
  registeredDomain: string;
  markedBy: "site" | "entity";
  individual: boolean;
  expiredLicence?: { number: string; expires: string };
}

export type PublicSecurityNeed =
  /** A filing still to come: its public-security filing follows the go-live. */
  | { registeredDomain: string; after: "new-filing" }
  | { registeredDomain: string; after: "filed"; liveSince?: string; due?: string; overdue: boolean };

export interface PreApprovalNeed {
  registeredDomain: string;
  sector: PreApprovalSector;
  /** The domain still needs its filing: the approval comes first. */
  beforeFiling: boolean;
}

export interface PlaceUse<T> {
  place: T;
  /** How many serving resources use it. */
  resources: number;
}

export type RegionPlace = Extract<Place, { kind: "region" }>;
export type CoveragePlace = Extract<Place, { kind: "coverage" }>;

/** What changes for users, as facts about the layout; the reports word them in each language. */
export type UserImpact =
  | { kind: "nothing-served" }
  | { kind: "mainland-nodes"; resources: number; of: number; regions: string[]; coverages: string[] }
  | { kind: "outside-nodes"; resources: number; of: number; regions: string[]; coverages: string[]; hongKong: boolean }
  | { kind: "coverage"; property: string; value: string; defaulted: boolean; mainland: boolean; resources: number; outsideValue: string }
  | { kind: "cross-border"; domains: string[] }
  | { kind: "premium-routes"; domains: string[]; hongKong: boolean }
  /** Mainland-served domains: reachable now (filed) or only once filed (and licensed). */
  | { kind: "local-reach"; ready: string[]; waiting: string[]; licence: boolean }
  | { kind: "not-reachable-during-filing"; domains: string[] }
  | { kind: "cancellation-risk"; domains: string[] }
  | { kind: "unknown-places"; resources: string[] };

export interface LayoutSummary {
  resources: ServingResource[];
  counts: { serving: number; mainland: number; outside: number; unknown: number };
  regions: PlaceUse<RegionPlace>[];
  coverages: PlaceUse<CoveragePlace>[];
  domains: DomainSummary[];
  apps: AppNeed[];
  licences: LicenceNeed[];
  publicSecurity: PublicSecurityNeed[];
  preApprovals: PreApprovalNeed[];
  entity: { province?: ProvinceCode; provinceFrom: "option" | "config" | "none"; commercial: boolean; foreignCompany: boolean };
  /** Config problems, by policy: those policies' duties could not be read. */
  configProblems: { policy: string; problems: string[] }[];
  leadTime: LeadTimeEstimate;
  userImpact: UserImpact[];
}

const HONG_KONG_REGIONS: ReadonlySet<string> = new Set(["cn-hongkong", "ap-hongkong"]);

export function summariseLayout(views: readonly ResourceView[], policyConfig: PolicyConfig, options: LayoutOptions): LayoutSummary {
  const resolver = new StackLocationResolver(new StackIndex(views), options.env);
  const filings = parseConfig(FilingRequiredConfigSchema, policyProperties(policyConfig["icp-filing-required"]));
  const registry = new FilingRegistry(filings.ok ? filings.config.filings : []);

  const resources: ServingResource[] = [];
  const domains = new Map<string, DomainSummary>();
  for (const view of views) {
    const entry = catalogueEntryFor(view.type);
    if (!entry) continue;
    const hostnamesUnknown = servedHostnames(entry, view).some((served) => served.status === "unknown");
    const served = customDomains(entry, view);
    if (served.length === 0 && !hostnamesUnknown) continue;
    const location = resolveLocation(entry, view, options.env, resolver);
    const status: ServingStatus = location.status;
    const names = [...new Set(served.map((domain) => (domain.secret ? SECRET_PLACEHOLDER : domain.registeredDomain)))];
    const resource: ServingResource = { urn: view.urn, name: view.name, type: view.type, title: entry.title, status, domains: names, hostnamesUnknown };
    if (location.status !== "unknown") {
      resource.place = placeOf(location.reason, location.status === "mainland");
      const decider = location.reason.via?.[location.reason.via.length - 1]?.target;
      if (decider) resource.decidedBy = decider.name;
    }
    resources.push(resource);
    for (const domain of served) {
      const key = domain.secret ? SECRET_PLACEHOLDER : domain.registeredDomain;
      const summary = domains.get(key) ?? newDomain(key, domain.secret);
      domains.set(key, summary);
      summary[status].push(view.name);
    }
  }
  for (const domain of domains.values()) classify(domain, domain.secret ? undefined : registry.lookup(domain.registeredDomain));

  const verdicts = runPolicies(views, withDefaultLevels(policyConfig), options);
  const findings = verdicts.map((verdict) => verdict.finding);
  const configProblems = collectConfigProblems(findings);
  const entityConfig = parseConfig(CommercialLicenceConfigSchema, policyProperties(policyConfig["icp-commercial-licence"]));
  const entity = entityConfig.ok ? entityConfig.config.entity : { commercial: false };
  const province = options.province ?? entity.province;

  const domainList = [...domains.values()].sort((a, b) => a.registeredDomain.localeCompare(b.registeredDomain));
  const apps = appNeeds(findings);
  const licences = licenceNeeds(findings);
  const publicSecurity = publicSecurityNeeds(findings, domainList);
  const preApprovals = preApprovalNeeds(findings, domains);

  const toFile = domainList.filter((domain) => domain.status === "needs-filing" || domain.status === "pending");
  const leadTime = estimateLeadTime({
    filings: toFile.length + apps.length,
    pendingFilings:
      toFile.filter((domain) => domain.status === "pending").length + apps.filter((app) => app.kind === "declared" && app.problem === "pending").length,
    province,
    commercialLicence: licences.length > 0,
    foreignCompany: options.foreignCompany === true,
    preApprovalSectors: preApprovals.filter((need) => need.beforeFiling).map((need) => need.sector),
    publicSecurityFilings: publicSecurity.length,
  });

  const counts = {
    serving: resources.length,
    mainland: resources.filter((r) => r.status === "mainland").length,
    outside: resources.filter((r) => r.status === "outside").length,
    unknown: resources.filter((r) => r.status === "unknown").length,
  };
  const regions = placeUses(resources, (place): place is RegionPlace => place.kind === "region", (p) => `${p.cloud} ${p.region}`);
  const coverages = placeUses(resources, (place): place is CoveragePlace => place.kind === "coverage", (p) => `${p.property} ${p.value ?? ""} ${p.mainland}`);
  const summary: LayoutSummary = {
    resources,
    counts,
    regions,
    coverages,
    domains: domainList,
    apps,
    licences,
    publicSecurity,
    preApprovals,
    entity: {
      ...(province ? { province } : {}),
      provinceFrom: options.province ? "option" : entity.province ? "config" : "none",
      commercial: entity.commercial,
      foreignCompany: options.foreignCompany === true,
    },
    configProblems,
    leadTime,
    userImpact: [],
  };
  summary.userImpact = userImpact(summary);
  return summary;
}

function newDomain(registeredDomain: string, secret: boolean): DomainSummary {
  return { registeredDomain, secret, status: "unknown", mainland: [], outside: [], unknown: [] };
}

function classify(domain: DomainSummary, record: FilingRecord | undefined): void {
  if (record) domain.number = record.number;
  const approved = record?.status === "approved";
  if (domain.mainland.length > 0) domain.status = approved ? "filed" : record ? "pending" : "needs-filing";
  else if (domain.unknown.length > 0) domain.status = "unknown";
  else domain.status = approved ? "filed-served-outside" : "not-needed";
}

function placeOf(reason: MainlandReason, mainland: boolean): Place {
  switch (reason.kind) {
    case "region":
      return { kind: "region", cloud: reason.cloud, region: reason.region, mainland, ...(reason.province ? { province: reason.province } : {}) };
    case "coverage":
      return {
        kind: "coverage",
        property: reason.property,
        ...(reason.value !== undefined ? { value: reason.value } : {}),
        defaulted: reason.defaulted,
        mainland,
        outsideValue: reason.outsideValue,
      };
    case "mainland-only":
      return { kind: "mainland-only", why: reason.why };
  }
}

function placeUses<T extends Place>(resources: readonly ServingResource[], is: (place: Place) => place is T, key: (place: T) => string): PlaceUse<T>[] {
  const uses = new Map<string, PlaceUse<T>>();
  for (const resource of resources) {
    if (!resource.place || !is(resource.place)) continue;
    const id = key(resource.place);
    const use = uses.get(id) ?? { place: resource.place, resources: 0 };
    use.resources += 1;
    uses.set(id, use);
  }
  return [...uses.values()];
}

/** Every policy at its default level: a comparison wants every duty, even one the pack disables. */
function withDefaultLevels(config: PolicyConfig): PolicyConfig {
  return Object.fromEntries(Object.entries(config).map(([name, settings]) => [name, policyProperties(settings)]));
}

function collectConfigProblems(findings: readonly Finding[]): { policy: string; problems: string[] }[] {
  const byPolicy = new Map<string, string[]>();
  for (const finding of findings) if (finding.kind === "invalid-config") byPolicy.set(finding.policy, finding.problems);
  return [...byPolicy].map(([policy, problems]) => ({ policy, problems }));
}

function uniqueBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const item of items) if (!seen.has(key(item))) seen.set(key(item), item);
  return [...seen.values()];
}

const shownDomain = (domain: { registeredDomain: string; secret: boolean }) => (domain.secret ? SECRET_PLACEHOLDER : domain.registeredDomain);

function appNeeds(findings: readonly Finding[]): AppNeed[] {
  const needs = new Map<string, AppNeed>();
  for (const finding of findings) {
    if (finding.kind === "app-unfiled") {
      const key = `app ${finding.app.name}`;
      const need = needs.get(key) ?? {
        kind: "declared",
        app: finding.app.name,
        appKind: finding.app.kind,
        problem: finding.problem,
        ...(finding.number ? { number: finding.number } : {}),
        resources: [],
      };
      needs.set(key, need);
      addOnce(need.resources, finding.resource.name);
    } else if (finding.kind === "app-undeclared") {
      const identifier = linkIdentifier(finding.link);
      const key = `undeclared ${identifier}`;
      const need = needs.get(key) ?? { kind: "undeclared", identifier, by: finding.link.by, resources: [] };
      needs.set(key, need);
      addOnce(need.resources, finding.resource.name);
    }
  }
  return [...needs.values()];
}

function linkIdentifier(link: Exclude<AppLink, { by: "backend-hostname" }>): string {
  if (link.secret) return SECRET_PLACEHOLDER;
  switch (link.by) {
    case "tag":
      return link.value;
    case "app-resource":
      return link.identifier;
    case "mini-program-live":
      return link.hostname;
  }
}

function addOnce(list: string[], item: string): void {
  if (!list.includes(item)) list.push(item);
}

function licenceNeeds(findings: readonly Finding[]): LicenceNeed[] {
  return uniqueBy(
    findings.flatMap((f): LicenceNeed[] =>
      f.kind === "licence-missing"
        ? [{ registeredDomain: shownDomain(f), markedBy: f.markedBy, individual: f.individual, ...(f.expiredLicence ? { expiredLicence: f.expiredLicence } : {}) }]
        : [],
    ),
    (need) => need.registeredDomain,
  );
}

function publicSecurityNeeds(findings: readonly Finding[], domains: readonly DomainSummary[]): PublicSecurityNeed[] {
  const filed = findings.flatMap((f): PublicSecurityNeed[] =>
    f.kind === "psb-missing"
      ? [{ registeredDomain: shownDomain(f), after: "filed", ...(f.liveSince ? { liveSince: f.liveSince } : {}), ...(f.due ? { due: f.due } : {}), overdue: f.overdue }]
      : [],
  );
  const coming = domains
    .filter((domain) => domain.status === "needs-filing" || domain.status === "pending")
    .map((domain): PublicSecurityNeed => ({ registeredDomain: domain.registeredDomain, after: "new-filing" }));
  return uniqueBy([...coming, ...filed], (need) => need.registeredDomain);
}

function preApprovalNeeds(findings: readonly Finding[], domains: ReadonlyMap<string, DomainSummary>): PreApprovalNeed[] {
  return uniqueBy(
    findings.flatMap((f): PreApprovalNeed[] => {
      if (f.kind !== "pre-approval-missing") return [];
      const registeredDomain = shownDomain(f);
      const status = domains.get(registeredDomain)?.status;
      return [{ registeredDomain, sector: f.sector, beforeFiling: status === "needs-filing" || status === "pending" }];
    }),
    (need) => need.registeredDomain,
  );
}

function placeText(place: Place): string | undefined {
  if (place.kind === "region") return place.region;
  if (place.kind === "coverage") return place.value === undefined ? `${place.property} (default)` : `${place.property} ${place.value}`;
  return undefined;
}

/** The statements about users, from the facts of the layout; each appears only when it applies. */
function userImpact(summary: LayoutSummary): UserImpact[] {
  const { resources, counts, domains } = summary;
  if (resources.length === 0) return [{ kind: "nothing-served" }];
  const statements: UserImpact[] = [];
  const places = (status: ServingStatus, kind: Place["kind"]) => [
    ...new Set(resources.filter((r) => r.status === status && r.place?.kind === kind).map((r) => placeText(r.place as Place) as string)),
  ];
  const outsideRegions = places("outside", "region");
  const hongKong = outsideRegions.some((region) => HONG_KONG_REGIONS.has(region));
  if (counts.mainland > 0) {
    statements.push({ kind: "mainland-nodes", resources: counts.mainland, of: counts.serving, regions: places("mainland", "region"), coverages: places("mainland", "coverage") });
  }
  if (counts.outside > 0) {
    statements.push({ kind: "outside-nodes", resources: counts.outside, of: counts.serving, regions: outsideRegions, coverages: places("outside", "coverage"), hongKong });
  }
  for (const use of summary.coverages) {
    const { property, value, defaulted, mainland, outsideValue } = use.place;
    statements.push({ kind: "coverage", property, value: value ?? "", defaulted, mainland, resources: use.resources, outsideValue });
  }
  const outsideOnly = domains.filter((d) => d.status === "not-needed" || d.status === "filed-served-outside").map(shownDomain);
  if (outsideOnly.length > 0) {
    statements.push({ kind: "cross-border", domains: outsideOnly });
    statements.push({ kind: "premium-routes", domains: outsideOnly, hongKong });
  }
  const firstTime = domains.filter((d) => d.status === "needs-filing" || d.status === "pending").map(shownDomain);
  const ready = domains.filter((d) => d.status === "filed").map(shownDomain);
  if (ready.length + firstTime.length > 0) statements.push({ kind: "local-reach", ready, waiting: firstTime, licence: summary.licences.length > 0 });
  if (firstTime.length > 0) statements.push({ kind: "not-reachable-during-filing", domains: firstTime });
  const atRisk = domains.filter((d) => d.status === "filed-served-outside").map(shownDomain);
  if (atRisk.length > 0) statements.push({ kind: "cancellation-risk", domains: atRisk });
  if (counts.unknown > 0) statements.push({ kind: "unknown-places", resources: resources.filter((r) => r.status === "unknown").map((r) => r.name) });
  return statements;
}
