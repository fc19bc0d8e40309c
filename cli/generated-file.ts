// Files the repository generates from code (docs, schemas): write them, or check they are current.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";

/** The repository root: the nearest directory above this file with a package.json. */
export function repositoryRoot(from: string = __dirname): string {
  let dir = from;
  while (!existsSync(path.join(dir, "package.json"))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${from}`);
    dir = parent;
  }
  return dir;
}

/**
 * Writes `content` to `relativeFile` under the repository root, or with `--check` in argv only
 * compares it and says how to regenerate. Returns the process exit code.
 */
export function writeOrCheckGenerated(relativeFile: string, content: string, argv: readonly string[], regenerate: string): number {
  const file = path.join(repositoryRoot(), relativeFile);
  if (argv.includes("--check")) {
    if (existsSync(file) && readFileSync(file, "utf8") === content) return 0;
    process.stderr.write(`${relativeFile} is out of date; run ${regenerate}\n`);
    return 1;
  }
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
  process.stdout.write(`wrote ${relativeFile}\n`);
  return 0;
}
