// Preload (node --require) that counts how often google-protobuf converts a Struct to plain JS,
// which @pulumi/policy does once per conversion of a request's properties. The count is written
// to the file ICPGUARD_TEST_CONVERSIONS names, synchronously, so a test reads it as soon as a call
// has answered.
"use strict";

const fs = require("node:fs");
const path = require("node:path");

const file = process.env.ICPGUARD_TEST_CONVERSIONS;
if (file) {
  // The google-protobuf that @pulumi/policy loads, not whichever this file would find first.
  const policyDir = path.dirname(require.resolve("@pulumi/policy/package.json", { paths: [process.cwd()] }));
  const structPath = require.resolve("google-protobuf/google/protobuf/struct_pb.js", { paths: [policyDir] });
  const { Struct } = require(structPath);
  const toJavaScript = Struct.prototype.toJavaScript;
  let conversions = 0;
  fs.writeFileSync(file, "0");
  Struct.prototype.toJavaScript = function (...args) {
    fs.writeFileSync(file, String(++conversions));
    return toJavaScript.apply(this, args);
  };
}
