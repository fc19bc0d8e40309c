"use strict";
// Bench baseline: the cost of being a policy pack at all. It declares exactly the policies of the
// real pack (read from policies.json, which the bench writes from the real pack's GetAnalyzerInfo)
// through the same @pulumi/policy and run-policy-pack, and its validate functions do nothing.
const { PolicyPack } = require("@pulumi/policy");
const declared = require("./policies.json");

const doNothing = () => {};

// With BENCH_BASELINE_REPLAY naming a file of the real pack's diagnostics (policy → URN → list),
// resource policies report those again and do nothing else: the cost of reporting what the real
// pack finds, without finding it.
const replay = process.env.BENCH_BASELINE_REPLAY ? JSON.parse(require("node:fs").readFileSync(process.env.BENCH_BASELINE_REPLAY, "utf8")) : undefined;

// With BENCH_BASELINE_SHARED_DESERIALIZATION set, the baseline converts a request's properties
// once for all its policies, as the real pack does: the ratio then holds only what the real
// pack's policies cost.
if (process.env.BENCH_BASELINE_SHARED_DESERIALIZATION) {
  require("../../dist/policy-pack/shared-deserialization.js").installSharedDeserialization();
}

function replaying(name) {
  const byUrn = new Map(Object.entries(replay[name] || {}));
  return (args, reportViolation) => {
    for (const violation of byUrn.get(args.urn) || []) reportViolation(violation);
  };
}

function toPolicy(policy) {
  const base = {
    name: policy.name,
    displayName: policy.displayName,
    description: policy.description,
    enforcementLevel: policy.enforcementLevel,
    severity: policy.severity,
    remediationSteps: policy.remediationSteps,
    url: policy.url,
    configSchema: policy.configSchema,
  };
  if (policy.policyType === "stack") return { ...base, validateStack: doNothing };
  return { ...base, validateResource: replay ? replaying(policy.name) : doNothing };
}

new PolicyPack(
  declared.name,
  {
    description: "Bench baseline: the real pack's policies, checking nothing.",
    policies: declared.policies.map(toPolicy),
  },
  declared.initialConfig,
);
