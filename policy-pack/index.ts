// The icpguard policy pack. `main` in package.json points at the compiled form of this file.

import { PolicyPack } from "@pulumi/policy";
import { filingRequiredPolicy } from "./filing-required-policy";
import { installRequestCapture } from "./request-context";

installRequestCapture();

new PolicyPack("icpguard", {
  description: "Blocks custom domains served from mainland China without an ICP filing record.",
  policies: [filingRequiredPolicy],
});
