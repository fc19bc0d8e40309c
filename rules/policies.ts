// Every policy of the pack, in the order they run. The pack and the CLI both read this list.

import { ADVISORY_POLICIES } from "./advisories";
import { stackFilingRequiredDefinition } from "./cross-resource/stack-policy";
import { filingRequiredDefinition } from "./filing-required";
import type { PolicyDefinition } from "./policy-definition";

export const POLICIES: readonly PolicyDefinition[] = [filingRequiredDefinition, stackFilingRequiredDefinition, ...ADVISORY_POLICIES];

export function policyByName(name: string): PolicyDefinition | undefined {
  return POLICIES.find((policy) => policy.metadata.name === name);
}
