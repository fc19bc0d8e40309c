// Builds the pack that `main` names: policy-pack/index.ts and everything it imports, as one file.
// Why: every preview pays the pack's start-up. Bundled from the TypeScript sources, zod and tldts
// come from their ES modules and unused parts are dropped (zod's core alone requires ~50 locale
// files); about half of what our modules added to the launch goes (README "Performance").
// @pulumi/* and @grpc/* stay external: run-policy-pack and the pack must share one @pulumi/policy.
import { rm } from "node:fs/promises";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { rolldown } from "rolldown";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const output = path.join(root, "dist", "pack");

await rm(output, { recursive: true, force: true });
const bundle = await rolldown({
  input: path.join(root, "policy-pack", "index.ts"),
  platform: "node",
  tsconfig: path.join(root, "tsconfig.json"),
  external: [/^@pulumi\//, /^@grpc\//, /^node:/],
  treeshake: true,
});
try {
  await bundle.write({ file: path.join(output, "index.js"), format: "cjs", sourcemap: true });
} finally {
  await bundle.close();
}
