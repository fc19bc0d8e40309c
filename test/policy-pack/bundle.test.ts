// The pack as `main` names it: one built file, loading no provider SDK and none of the modules it
// bundles. Every preview pays for each module the pack loads at start-up.

import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";

const REPO = path.resolve(__dirname, "../..");

/** Files the pack's process has loaded once `main` is required and the server is starting. */
function modulesLoadedByPack(): string[] {
  const script = `
    require(${JSON.stringify(REPO)});
    setImmediate(() => {
      process.stdout.write("\\nloaded:" + JSON.stringify(Object.keys(require.cache)) + "\\n");
      process.exit(0);
    });`;
  const output = execFileSync(process.execPath, ["-e", script], { cwd: REPO, encoding: "utf8", timeout: 60_000 });
  // The server may print its port first.
  const line = output.split("\n").find((text) => text.startsWith("loaded:"));
  return JSON.parse(line?.slice("loaded:".length) ?? "null") as string[];
}

describe("the built pack", () => {
  const manifest = JSON.parse(readFileSync(path.join(REPO, "package.json"), "utf8")) as { main: string };
  const loaded = modulesLoadedByPack();
  const relative = loaded.map((file) => path.relative(REPO, file));

  it("is a single file of our own: main is the only code loaded from outside node_modules", () => {
    // @pulumi/policy reads package.json for the pack's version.
    const ours = relative.filter((file) => !file.startsWith("node_modules") && file !== "package.json");
    expect(ours).toEqual([path.normalize(manifest.main)]);
  });

  it("loads no provider SDK, and no copy of what it bundles", () => {
    const unwanted = relative.filter((file) => /node_modules[\\/](zod|tldts|tldts-core|yaml|commander|@pulumi[\\/](alicloud|tencentcloud))[\\/]/.test(file));
    expect(unwanted).toEqual([]);
  });

  it("still shares @pulumi/policy with run-policy-pack, from node_modules", () => {
    expect(relative).toContain(path.join("node_modules", "@pulumi", "policy", "index.js"));
  });
});
