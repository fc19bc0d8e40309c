// Runs a rendered case through the pack's own code in this process, two ways:
// - the adapter: toPulumiPolicy's validateResource with args shaped like @pulumi/policy's server
//   builds them (its real deserializeProperties and unknownCheckingProxy), secrets unwrapped;
// - the rules: evaluateResource on the wire view, secrets kept, messages rendered in both languages.
// Then checks the outcome against the oracle.

import type { PolicyResource, ReportViolation, ResourceValidation, ResourceValidationArgs, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { toPulumiPolicy } from "../../policy-pack/adapt";
import { filingRequiredDefinition } from "../../rules/filing-required";
import type { Finding } from "../../rules/findings";
import { FILING_PORTAL, renderFinding } from "../../rules/messages";
import { POLICIES } from "../../rules/policies";
import { fromWireObject, type ResourceView } from "../../rules/view";
import type { OracleVerdict } from "./oracle";
import { SECRET_MARKER, secretOnlyTexts, type RenderedCase } from "./scenario";

// Exported at run time by @pulumi/policy 1.21, without type declarations.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { unknownCheckingProxy } = require("@pulumi/policy/proxy") as { unknownCheckingProxy<T>(target: T): T };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { deserializeProperties } = require("@pulumi/policy/deserialize") as {
  deserializeProperties(struct: { toJavaScript(): Record<string, unknown> }, proxySecrets: boolean): Record<string, unknown>;
};

/** The start of failClosed's message: the policy caught an error of its own. */
export const INTERNAL_ERROR_TEXT = "could not evaluate this resource";

export interface Verdict {
  mandatory: boolean;
  flagged: boolean;
  messages: string[];
  /** An exception that left the policy, or one the policy had to catch. */
  crash?: string;
}

export type Evaluator = (rendered: RenderedCase) => Verdict;

interface ViolationObject {
  message: string;
  urn?: string;
  enforcementLevel?: string;
}

function collector(): { report: ReportViolation; violations: ViolationObject[] } {
  const violations: ViolationObject[] = [];
  const report = ((message: string | ViolationObject, urn?: string) => {
    violations.push(typeof message === "string" ? { message, urn } : message);
  }) as ReportViolation;
  return { report, violations };
}

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}\n${error.stack ?? ""}` : String(error);
}

/** What @pulumi/policy's server does to a request's properties before a policy sees them. */
function proxiedProps(wire: Record<string, unknown>): Record<string, unknown> {
  return unknownCheckingProxy(deserializeProperties({ toJavaScript: () => wire }, false));
}

function validationArgs(rendered: RenderedCase, getConfig: () => Record<string, unknown>): ResourceValidationArgs {
  const args = {
    type: rendered.entry.type,
    props: proxiedProps(rendered.props),
    urn: rendered.urn,
    name: rendered.name,
    opts: {
      protect: false,
      ignoreChanges: [],
      aliases: [],
      additionalSecretOutputs: [],
      customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
    },
    stackTags: new Map<string, string>(),
    isType: () => false,
    asType: () => undefined,
    getConfig,
    notApplicable: (reason?: string) => {
      throw new Error(`notApplicable: ${reason ?? ""}`);
    },
  } as unknown as ResourceValidationArgs;
  if (rendered.provider) {
    args.provider = {
      type: rendered.provider.type,
      name: rendered.provider.name,
      urn: rendered.provider.urn,
      props: proxiedProps(rendered.provider.props),
    };
  }
  return args;
}

function policyResource(rendered: RenderedCase): PolicyResource {
  const args = validationArgs(rendered, () => ({}));
  return {
    type: args.type,
    props: args.props,
    urn: args.urn,
    name: args.name,
    opts: args.opts,
    provider: args.provider,
    dependencies: [],
    propertyDependencies: {},
    isType: () => false,
    asType: () => undefined,
  } as unknown as PolicyResource;
}

const filingPolicy = toPulumiPolicy(filingRequiredDefinition) as ResourceValidationPolicy;

function resourceValidation(policy: ResourceValidationPolicy): ResourceValidation {
  const validate = policy.validateResource;
  const first = Array.isArray(validate) ? validate[0] : validate;
  if (!first) throw new Error(`${policy.name} has no validateResource`);
  return first;
}
const everyPolicy = POLICIES.map((definition) => ({ definition, policy: toPulumiPolicy(definition) }));

function withDryRun<T>(dryRun: boolean, body: () => T): T {
  const saved = process.env.PULUMI_DRY_RUN;
  process.env.PULUMI_DRY_RUN = String(dryRun);
  try {
    return body();
  } finally {
    if (saved === undefined) delete process.env.PULUMI_DRY_RUN;
    else process.env.PULUMI_DRY_RUN = saved;
  }
}

function verdictOf(violations: ViolationObject[]): Verdict {
  const internal = violations.find((violation) => violation.message.includes(INTERNAL_ERROR_TEXT));
  return {
    mandatory: violations.some((violation) => violation.enforcementLevel !== "advisory"),
    flagged: violations.length > 0,
    messages: violations.map((violation) => violation.message),
    crash: internal ? `the policy caught its own error: ${internal.message}` : undefined,
  };
}

/** icp-filing-required through the pack adapter, as @pulumi/policy's server would call it. */
export const adapterEvaluator: Evaluator = (rendered) => {
  const { report, violations } = collector();
  const config = rendered.config as unknown as Record<string, unknown>;
  try {
    withDryRun(rendered.scenario.dryRun, () => {
      const result = resourceValidation(filingPolicy)(validationArgs(rendered, () => ({ ...config })), report);
      if (result instanceof Promise) throw new Error("validateResource returned a promise");
    });
  } catch (error) {
    return { mandatory: false, flagged: false, messages: [], crash: `exception left validateResource: ${describeError(error)}` };
  }
  return verdictOf(violations);
};

export function wireView(rendered: RenderedCase): ResourceView {
  return {
    urn: rendered.urn,
    name: rendered.name,
    type: rendered.entry.type,
    props: fromWireObject(rendered.props),
    provider: rendered.provider
      ? { type: rendered.provider.type, name: rendered.provider.name, urn: rendered.provider.urn, props: fromWireObject(rendered.provider.props) }
      : undefined,
  };
}

export const TODAY = new Date().toISOString().slice(0, 10);

/** Findings of icp-filing-required for the wire view (secrets kept), with a hook to plant a bug. */
export function rulesFindings(rendered: RenderedCase, view: ResourceView = wireView(rendered)): Finding[] {
  const prepared = filingRequiredDefinition.prepare(rendered.config, TODAY);
  if (!prepared.ok) throw new Error(`fuzz generator made an invalid config: ${prepared.problems.join("; ")}`);
  return prepared.policy.evaluateResource!(view, { dryRun: rendered.scenario.dryRun, env: {} });
}

export function verdictOfFindings(findings: readonly Finding[]): Verdict {
  const reported = findings.filter((finding) => !finding.waivedBy);
  return {
    mandatory: reported.some((finding) => finding.level === "blocking"),
    flagged: reported.length > 0,
    messages: reported.flatMap((finding) => [renderFinding(finding, "en"), renderFinding(finding, "zh")]),
    crash: reported.find((finding) => finding.kind === "internal-error") ? "internal-error finding" : undefined,
  };
}

export const rulesEvaluator: Evaluator = (rendered) => {
  try {
    return verdictOfFindings(rulesFindings(rendered));
  } catch (error) {
    if (error instanceof Error && error.message.startsWith("fuzz generator")) throw error;
    return { mandatory: false, flagged: false, messages: [], crash: `exception left the rules: ${describeError(error)}` };
  }
};

/** Every policy of the pack (others' too) must survive the bag: no exception, no caught error. */
export function crashesInEveryPolicy(rendered: RenderedCase): string[] {
  const problems: string[] = [];
  for (const { definition, policy } of everyPolicy) {
    const { report, violations } = collector();
    try {
      withDryRun(rendered.scenario.dryRun, () => {
        if ("validateResource" in policy) {
          void resourceValidation(policy)(validationArgs(rendered, () => ({})), report);
        } else if ("validateStack" in policy) {
          (policy as StackValidationPolicy).validateStack(
            { resources: [policyResource(rendered)], getConfig: () => ({}), stackTags: new Map(), notApplicable: () => undefined } as never,
            report,
          );
        }
      });
    } catch (error) {
      problems.push(`${definition.metadata.name}: exception left the policy: ${describeError(error)}`);
      continue;
    }
    const internal = violations.find((violation) => violation.message.includes(INTERNAL_ERROR_TEXT));
    if (internal) problems.push(`${definition.metadata.name}: ${internal.message}`);
  }
  return problems;
}

/** Why a verdict is wrong for the oracle, or undefined when it is right. */
export function disagreement(verdict: Verdict, expected: OracleVerdict): string | undefined {
  if (verdict.crash) return `crash: ${verdict.crash}`;
  switch (expected.expectation) {
    case "block":
      return verdict.mandatory ? undefined : `FAIL-OPEN: no mandatory violation (${expected.why})`;
    case "flag":
      return verdict.flagged ? undefined : `FAIL-OPEN: nothing reported (${expected.why})`;
    case "pass":
      return verdict.mandatory ? `over-blocking: mandatory violation although ${expected.why}: ${verdict.messages[0]}` : undefined;
    case "any":
      return undefined;
  }
}

/** Secret hostnames and planted secret markers must never reach a message. */
export function leakedSecrets(rendered: RenderedCase, verdict: Verdict, expected: OracleVerdict): string[] {
  // A secret name can also be part of the messages' own text (the MIIT portal, beian.miit.gov.cn).
  const texts = [SECRET_MARKER, ...secretOnlyTexts(rendered, expected.secretHosts, expected.publicHosts).filter((text) => !FILING_PORTAL.includes(text))];
  return texts.filter((text) => verdict.messages.some((message) => message.includes(text)));
}
