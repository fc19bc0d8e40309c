// Runs every policy over a stack's resources the way the pack does, and says what each finding
// amounts to: the enforcement level it is reported at, and whether a live waiver covers it.
// The command-line tool evaluates through here only, so its verdicts are the pack's.

import type { Finding } from "./findings";
import { renderFinding } from "./messages";
import { POLICIES } from "./policies";
import { invalidConfigFinding, type EvaluationOptions, type PolicyDefinition, type PreparedOrProblems } from "./policy-definition";
import { textPrefix } from "./text-prefix";
import { ViewMemo, type ResourceView } from "./view";

export const ENFORCEMENT_LEVELS = ["advisory", "mandatory", "remediate", "disabled"] as const;
export type EnforcementLevel = (typeof ENFORCEMENT_LEVELS)[number];

/** The levels a reported finding can have (remediate reports as mandatory, as in @pulumi/policy). */
export type ReportedLevel = "mandatory" | "advisory";

/** One policy's entry of a `--policy-pack-config`: its level and its properties side by side. */
export interface PolicySettings {
  enforcementLevel?: string;
  [property: string]: unknown;
}

export type PolicyConfig = Record<string, PolicySettings>;

export interface RunOptions extends EvaluationOptions {
  /** ISO date (YYYY-MM-DD) waivers are compared with. */
  today: string;
}

export interface Verdict {
  policy: string;
  enforcementLevel: ReportedLevel;
  finding: Finding;
  /** The message the pack reports, in the policy's configured language. */
  message: string;
  /** A live waiver covers it: the pack does not report it. */
  waived: boolean;
}

export function isEnforcementLevel(value: unknown): value is EnforcementLevel {
  return typeof value === "string" && (ENFORCEMENT_LEVELS as readonly string[]).includes(value);
}

/** The configured level, else the policy's default. */
export function enforcementLevelOf(definition: PolicyDefinition, settings: PolicySettings | undefined): EnforcementLevel {
  const configured = settings?.enforcementLevel;
  if (configured === undefined || configured === "") return definition.metadata.defaultLevel;
  if (!isEnforcementLevel(configured)) {
    throw new RangeError(
      `${definition.metadata.name}: "${configured}" is not an enforcement level (use ${ENFORCEMENT_LEVELS.join(", ")})`,
    );
  }
  return configured;
}

/** What `args.getConfig()` hands the policy: its settings without the level. */
export function policyProperties(settings: PolicySettings | undefined): Record<string, unknown> {
  const { enforcementLevel: _level, ...properties } = settings ?? {};
  return properties;
}

export function runPolicies(
  views: readonly ResourceView[],
  policyConfig: PolicyConfig,
  options: RunOptions,
  policies: readonly PolicyDefinition[] = POLICIES,
): Verdict[] {
  const evaluation: EvaluationOptions = { dryRun: options.dryRun, env: options.env };
  // Every policy reads the same views: what one derives from a view (hostnames, location) serves all.
  const shared = views.map((view) => (view.memo ? view : { ...view, memo: new ViewMemo() }));
  const verdicts: Verdict[] = [];
  for (const definition of policies) {
    const settings = Object.prototype.hasOwnProperty.call(policyConfig, definition.metadata.name)
      ? policyConfig[definition.metadata.name]
      : undefined;
    const level = enforcementLevelOf(definition, settings);
    if (level === "disabled") continue;
    const blockingLevel: ReportedLevel = level === "advisory" ? "advisory" : "mandatory";
    const rule = definition.prepare(policyProperties(settings), options.today);
    const language = rule.ok ? rule.policy.language : rule.language;
    for (const finding of evaluateDefinition(definition, rule, shared, evaluation)) {
      verdicts.push({
        policy: definition.metadata.name,
        enforcementLevel: finding.level === "advisory" ? "advisory" : blockingLevel,
        finding,
        message: renderFinding(finding, language),
        waived: finding.waivedBy !== undefined,
      });
    }
  }
  return verdicts;
}

/** One policy's findings: invalid config and unexpected errors become blocking findings. */
export function evaluateDefinition(
  definition: PolicyDefinition,
  rule: PreparedOrProblems,
  views: readonly ResourceView[],
  options: EvaluationOptions,
): Finding[] {
  const name = definition.metadata.name;
  if (definition.kind === "resource") {
    const findings: Finding[] = [];
    for (const view of views) {
      if (definition.appliesTo(view.type)) findings.push(...evaluateResourceView(definition, rule, view, options));
    }
    return findings;
  }
  if (!rule.ok) {
    return views.filter((view) => definition.appliesTo(view.type)).map((view) => invalidConfigFinding(name, view, rule.problems));
  }
  // A stack policy that fails is reported once, against no resource, as the pack does.
  return failClosed(name, { urn: "", name: "", type: "" }, () => rule.policy.evaluateStack?.(views, options) ?? []);
}

/** A resource policy's findings for one view it applies to (the pack evaluates one view per call). */
export function evaluateResourceView(
  definition: PolicyDefinition,
  rule: PreparedOrProblems,
  view: ResourceView,
  options: EvaluationOptions,
): Finding[] {
  const name = definition.metadata.name;
  if (!rule.ok) return [invalidConfigFinding(name, view, rule.problems)];
  const evaluate = rule.policy.evaluateResource;
  if (!evaluate) return [];
  try {
    return evaluate(view, options);
  } catch (error) {
    return [internalErrorFinding(name, view, error)];
  }
}

/** An unexpected error blocks instead of passing silently, as in the pack. */
function failClosed(policy: string, resource: Pick<ResourceView, "urn" | "name" | "type">, body: () => Finding[]): Finding[] {
  try {
    return body();
  } catch (error) {
    return [internalErrorFinding(policy, resource, error)];
  }
}

export function internalErrorFinding(policy: string, resource: Pick<ResourceView, "urn" | "name" | "type">, error: unknown): Finding {
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return {
    policy,
    level: "blocking",
    resource: { urn: resource.urn, name: resource.name, type: resource.type },
    kind: "internal-error",
    detail: textPrefix(detail, 300),
  };
}
