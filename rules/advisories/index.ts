// The advisory policies, in the order they run after icp-filing-required.

import type { PolicyDefinition } from "../policy-definition";
import { accessProviderDefinition } from "./access-provider";
import { appFilingDefinition } from "./app-filing";
import { commercialLicenceDefinition } from "./commercial-licence";
import { filingCancellationRiskDefinition } from "./filing-cancellation-risk";
import { psbFilingDefinition } from "./psb-filing";
import { sectorPreApprovalDefinition } from "./sector-pre-approval";

export const ADVISORY_POLICIES: readonly PolicyDefinition[] = [
  appFilingDefinition,
  psbFilingDefinition,
  commercialLicenceDefinition,
  accessProviderDefinition,
  filingCancellationRiskDefinition,
  sectorPreApprovalDefinition,
];
