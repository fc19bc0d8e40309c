"use strict";
// Bench baseline: the cost of being a policy pack at all. It declares exactly the policies of the
// real pack (read from policies.json, which the bench writes from the real pack's GetAnalyzerInfo)
// through the same @pulumi/policy and run-policy-pack, and its validate functions do nothing.
const { PolicyPack } = require("@pulumi/policy");
const declared = require("./policies.json");

const doNothing = () => {};

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
  return policy.policyType === "stack" ? { ...base, validateStack: doNothing } : { ...base, validateResource: doNothing };
}

new PolicyPack(
  declared.name,
  {
    description: "Bench baseline: the real pack's policies, checking nothing.",
    policies: declared.policies.map(toPolicy),
  },
  declared.initialConfig,
);
