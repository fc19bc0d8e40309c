// The icpguard policy pack. `main` in package.json points at the compiled form of this file.

import { PolicyPack } from "@pulumi/policy";
import { POLICIES } from "../rules/policies";
import { toPulumiPolicy } from "./adapt";
import { installRequestCapture } from "./request-context";
import { installSharedDeserialization } from "./shared-deserialization";

installRequestCapture();
installSharedDeserialization();

new PolicyPack("icpguard", {
  description: "Blocks custom domains served from mainland China without an ICP filing record.",
  policies: POLICIES.map(toPulumiPolicy),
});
