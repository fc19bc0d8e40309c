// What `icpguard check` found, in one shape every output format is written from: the verdicts
// (evaluated here, or the pack's own policy events), the resource × policy pairs checked, the
// policies in effect and what the run fails on.

import type { Finding } from "../../rules/findings";
import { POLICIES } from "../../rules/policies";
import type { PolicyDefinition } from "../../rules/policy-definition";
import { enforcementLevelOf, type EnforcementLevel, type PolicyConfig, type ReportedLevel, type Verdict } from "../../rules/run-policies";
import type { ResourceView } from "../../rules/view";
import type { PackPolicyEvent } from "../pulumi-input/engine-events";
import type { InputFormat } from "../pulumi-input/read";
import { parseUrn } from "../pulumi-input/resources";

export interface ReportItem {
  policy: string;
  level: ReportedLevel;
  urn: string;
  resourceName: string;
  resourceType: string;
  message: string;
  waived: boolean;
  waiver?: { reason: string; expires: string };
  /** The finding's kind; absent for the pack's own policy events. */
  kind?: string;
  /** The registered domain it is about, unless that is secret. */
  domain?: string;
  /** The hostname it is about, unless that is secret. */
  hostname?: string;
}

export interface PolicyInEffect {
  name: string;
  displayName: string;
  description: string;
  severity: string;
  remediation: string;
  url: string;
  enforcementLevel: EnforcementLevel;
}

export interface CheckedPair {
  policy: string;
  urn: string;
  resourceName: string;
  resourceType: string;
}

export interface CheckReport {
  tool: { name: string; version: string };
  input: { name: string; format: InputFormat; dryRun: boolean; resources: number };
  /** "icpguard" when evaluated here, "pack-events" when the events carried the pack's verdicts. */
  verdictsFrom: "icpguard" | "pack-events";
  policies: PolicyInEffect[];
  checked: CheckedPair[];
  /** Mandatory first, then advisory; waived ones only when asked for. */
  items: ReportItem[];
  waivedCount: number;
  /** The lowest level that fails the run. */
  failOn: ReportedLevel;
  showWaived: boolean;
}

export function blocks(item: ReportItem, failOn: ReportedLevel): boolean {
  return !item.waived && (item.level === "mandatory" || failOn === "advisory");
}

export function blockingItems(report: CheckReport): ReportItem[] {
  return report.items.filter((item) => blocks(item, report.failOn));
}

export function countByLevel(report: CheckReport): { mandatory: number; advisory: number } {
  const live = report.items.filter((item) => !item.waived);
  return {
    mandatory: live.filter((item) => item.level === "mandatory").length,
    advisory: live.filter((item) => item.level === "advisory").length,
  };
}

export function fromVerdict(verdict: Verdict): ReportItem {
  const finding = verdict.finding;
  const item: ReportItem = {
    policy: verdict.policy,
    level: verdict.enforcementLevel,
    urn: finding.resource.urn,
    resourceName: finding.resource.name,
    resourceType: finding.resource.type,
    message: verdict.message,
    waived: verdict.waived,
    kind: finding.kind,
  };
  if (finding.waivedBy) item.waiver = { reason: finding.waivedBy.reason, expires: finding.waivedBy.expires };
  const subject = subjectOf(finding);
  if (subject.domain) item.domain = subject.domain;
  if (subject.hostname) item.hostname = subject.hostname;
  return item;
}

/** The domain and hostname a finding is about, read from whichever fields its kind has; never a secret one. */
function subjectOf(finding: Finding): { domain?: string; hostname?: string } {
  const fields = finding as unknown as Record<string, unknown>;
  if (finding.kind === "unknown-values") {
    const shown = finding.hostnames.find((h) => !h.secret);
    return shown ? { domain: shown.registeredDomain, hostname: shown.hostname } : {};
  }
  if (fields.secret === true) return {};
  return {
    domain: typeof fields.registeredDomain === "string" ? fields.registeredDomain : undefined,
    hostname: typeof fields.hostname === "string" ? fields.hostname : undefined,
  };
}

/** The pack's verdict as the engine reported it: remediate counts as mandatory, as in @pulumi/policy. */
export function fromPackEvent(event: PackPolicyEvent, views: ReadonlyMap<string, ResourceView>): ReportItem {
  const view = views.get(event.urn);
  const parts = parseUrn(event.urn);
  return {
    policy: event.policy,
    level: event.enforcementLevel === "advisory" ? "advisory" : "mandatory",
    urn: event.urn,
    resourceName: view?.name ?? parts?.name ?? "",
    resourceType: view?.type ?? parts?.type ?? "",
    message: event.message,
    waived: false,
  };
}

/**
 * Gives the pack's verdicts the details only a finding has (kind, domain, hostname) where this
 * command's own evaluation produced the very same message for the same resource and policy.
 */
export function withFindingDetails(items: readonly ReportItem[], evaluated: readonly ReportItem[]): ReportItem[] {
  const key = (item: ReportItem) => `${item.policy}\u0000${item.urn}\u0000${item.message}`;
  const details = new Map(evaluated.map((item) => [key(item), item]));
  return items.map((item) => {
    const match = details.get(key(item));
    if (!match) return item;
    const enriched: ReportItem = { ...item, kind: match.kind };
    if (match.domain !== undefined) enriched.domain = match.domain;
    if (match.hostname !== undefined) enriched.hostname = match.hostname;
    return enriched;
  });
}

export function policiesInEffect(config: PolicyConfig, policies: readonly PolicyDefinition[] = POLICIES): PolicyInEffect[] {
  return policies.map((definition) => ({
    name: definition.metadata.name,
    displayName: definition.metadata.displayName,
    description: definition.metadata.description,
    severity: definition.metadata.severity,
    remediation: definition.metadata.remediation,
    url: definition.metadata.url,
    enforcementLevel: enforcementLevelOf(definition, config[definition.metadata.name]),
  }));
}

/** Every resource each enabled policy looks at (a stack policy looks at the resources its type filter takes). */
export function checkedPairs(
  views: readonly ResourceView[],
  policies: readonly PolicyInEffect[],
  definitions: readonly PolicyDefinition[] = POLICIES,
): CheckedPair[] {
  const pairs: CheckedPair[] = [];
  for (const policy of policies) {
    if (policy.enforcementLevel === "disabled") continue;
    const definition = definitions.find((d) => d.metadata.name === policy.name);
    if (!definition) continue;
    for (const view of views) {
      if (definition.appliesTo(view.type)) pairs.push({ policy: policy.name, urn: view.urn, resourceName: view.name, resourceType: view.type });
    }
  }
  return pairs;
}

const LEVEL_ORDER: Record<ReportedLevel, number> = { mandatory: 0, advisory: 1 };

/** Mandatory before advisory, then by domain, resource and policy, so every output lists them alike. */
export function sortItems(items: ReportItem[]): ReportItem[] {
  return items.sort(
    (a, b) =>
      Number(a.waived) - Number(b.waived) ||
      LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] ||
      compare(a.domain ?? "\uffff", b.domain ?? "\uffff") ||
      compare(a.urn, b.urn) ||
      compare(a.policy, b.policy) ||
      compare(a.message, b.message),
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
