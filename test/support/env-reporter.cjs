// Preload (node --require) that reports, as stderr lines "icpguard-test-env {json}", the
// stack-config keys the process was given (PULUMI_CONFIG), and every read of an environment
// variable whose name is about records (PULUMI_CONFIG, ICP…, …FILING…, …WAIVER…) with the file
// that read it. Tests use it to show what an app team could set, and that the pack never looks.
"use strict";

const PREFIX = "icpguard-test-env ";
const report = (event) => process.stderr.write(`${PREFIX}${JSON.stringify(event)}\n`);
const WATCHED = /PULUMI_CONFIG|ICP|FILING|WAIVER/i;

let stackConfigKeys = [];
try {
  stackConfigKeys = Object.keys(JSON.parse(process.env.PULUMI_CONFIG ?? "{}"));
} catch {
  stackConfigKeys = ["(unparsable)"];
}
report({ kind: "given", stackConfigKeys, variables: Object.keys(process.env).filter((name) => WATCHED.test(name)) });

function caller() {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 30;
  const frames = (new Error().stack ?? "").split("\n").slice(2);
  Error.stackTraceLimit = limit;
  for (const frame of frames) {
    const match = /(?:\(|at )([^()]+?):\d+:\d+\)?$/.exec(frame.trim());
    if (match && !match[1].startsWith("node:") && match[1] !== __filename) return match[1];
  }
  return "node:internal";
}

const env = process.env;
process.env = new Proxy(env, {
  get(target, name) {
    if (typeof name === "string" && WATCHED.test(name)) report({ kind: "read", name, by: caller() });
    return Reflect.get(target, name);
  },
});
