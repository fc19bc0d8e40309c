// Where the bench finds the pack, its baseline and the command-line tool, whether it runs
// compiled (dist/bench) or from source (vitest).

import { existsSync } from "node:fs";
import * as path from "node:path";

/** The repository root: the nearest directory above this file that holds the pack manifest. */
function findRepoRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, "PulumiPolicy.yaml")) && existsSync(path.join(dir, "package.json"))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no policy pack found above ${start}`);
  }
}

export const REPO_ROOT = findRepoRoot(__dirname);
export const BASELINE_PACK_DIR = path.join(REPO_ROOT, "bench", "baseline-pack");
export const BASELINE_POLICIES_FILE = path.join(BASELINE_PACK_DIR, "policies.json");
export const CLI_MAIN = path.join(REPO_ROOT, "dist", "cli", "main.js");
export const RESULTS_FILE = path.join(REPO_ROOT, "bench", "results.json");
