// The example programs in examples/: where each one is, its project, stack and stack config (as
// the Pulumi CLI would read them from Pulumi.yaml and Pulumi.<stack>.yaml), its policy-pack config
// (icp.json) and the outcome it is expected to have (expected.json).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { parse as parseYaml } from "yaml";

export type RunMode = "preview" | "update";

/** A diagnostic an example must produce: every one it produces must be listed, and no other. */
export interface ExpectedFinding {
    urn: string;
    policy: string;
    enforcementLevel: "advisory" | "mandatory";
    /** Substrings the message must contain. */
    keywords: string[];
}

export interface ExpectedCounts {
    blocked: number;
    advisory: number;
    passed: number;
}

export interface ExpectedRun {
    mode: RunMode;
    findings: ExpectedFinding[];
    /** Over the program's own resources (not the stack resource or default providers). */
    counts: ExpectedCounts;
}

export interface Example {
    name: string;
    /** Source directory: Pulumi.yaml, Pulumi.<stack>.yaml, icp.json, expected.json. */
    dir: string;
    /** The compiled program (`npm run build` compiles examples/ into dist/examples/). */
    programModule: string;
    /** Compiled `cloud-outputs` module, when the example has one (needed for update runs). */
    cloudOutputsModule?: string;
    project: string;
    description: string;
    stack: string;
    stackConfig: Record<string, string>;
    /** Contents of icp.json, the `--policy-pack-config` file. */
    policyConfig: unknown;
    /** From expected.json. */
    runs: ExpectedRun[];
}

/** The repository (the pack's directory): the nearest directory above this file with PulumiPolicy.yaml. */
export function repoRoot(): string {
    // This file runs both as demo/examples.ts (tests) and as dist/demo/examples.js (npm run demo).
    for (let dir = __dirname; ; dir = path.dirname(dir)) {
        if (existsSync(path.join(dir, "PulumiPolicy.yaml"))) return dir;
        if (path.dirname(dir) === dir) throw new Error(`no PulumiPolicy.yaml above ${__dirname}`);
    }
}

function readJson(file: string): unknown {
    try {
        return JSON.parse(readFileSync(file, "utf8"));
    } catch (error) {
        throw new Error(`${file}: ${(error as Error).message}`);
    }
}

function readYaml(file: string): Record<string, unknown> {
    const parsed: unknown = parseYaml(readFileSync(file, "utf8"));
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
        throw new Error(`${file}: expected a YAML mapping`);
    }
    return parsed as Record<string, unknown>;
}

/**
 * Stack config as the CLI passes it to programs and providers: `<namespace>:<key>` → string. A key
 * without a namespace belongs to the project; structured values travel as JSON text.
 */
function stackConfigOf(file: string, project: string): Record<string, string> {
    const config = readYaml(file).config ?? {};
    if (typeof config !== "object" || config === null || Array.isArray(config)) {
        throw new Error(`${file}: config must be a mapping`);
    }
    const result: Record<string, string> = {};
    for (const [key, value] of Object.entries(config)) {
        if (typeof value === "object" && value !== null && "secure" in value) {
            throw new Error(`${file}: ${key} is encrypted; examples must run without a secrets provider`);
        }
        const fullKey = key.includes(":") ? key : `${project}:${key}`;
        result[fullKey] = typeof value === "string" ? value : JSON.stringify(value);
    }
    return result;
}

function expectedRuns(file: string): ExpectedRun[] {
    const expected = readJson(file) as { runs?: unknown };
    if (!Array.isArray(expected.runs) || expected.runs.length === 0) {
        throw new Error(`${file}: expected {"runs": [{"mode", "findings", "counts"}, ...]}`);
    }
    for (const [i, run] of (expected.runs as ExpectedRun[]).entries()) {
        if ((run.mode !== "preview" && run.mode !== "update") || !Array.isArray(run.findings) || typeof run.counts !== "object") {
            throw new Error(`${file}: runs[${i}] needs mode ("preview" or "update"), findings and counts`);
        }
    }
    return expected.runs as ExpectedRun[];
}

export function loadExample(dir: string, root = repoRoot()): Example {
    const name = path.basename(dir);
    const project = readYaml(path.join(dir, "Pulumi.yaml"));
    if (typeof project.name !== "string") throw new Error(`${dir}/Pulumi.yaml: name is missing`);
    const stackFiles = readdirSync(dir).filter((file) => /^Pulumi\.[^.]+\.yaml$/.test(file));
    if (stackFiles.length !== 1) {
        throw new Error(`${dir}: expected exactly one Pulumi.<stack>.yaml, found ${stackFiles.length}`);
    }
    const stackFile = stackFiles[0] as string;
    const built = path.join(root, "dist", "examples", name);
    const programModule = path.join(built, "index.js");
    if (!existsSync(programModule)) throw new Error(`${programModule} is missing; run npm run build`);
    const cloudOutputsModule = path.join(built, "cloud-outputs.js");
    const runs = expectedRuns(path.join(dir, "expected.json"));
    return {
        name,
        dir,
        programModule,
        cloudOutputsModule: existsSync(cloudOutputsModule) ? cloudOutputsModule : undefined,
        project: project.name,
        description: typeof project.description === "string" ? project.description : "",
        stack: stackFile.slice("Pulumi.".length, -".yaml".length),
        stackConfig: stackConfigOf(path.join(dir, stackFile), project.name),
        policyConfig: readJson(path.join(dir, "icp.json")),
        runs,
    };
}

/** Every directory of examples/ that holds a Pulumi project, by name. */
export function loadExamples(root = repoRoot()): Example[] {
    const examplesDir = path.join(root, "examples");
    return readdirSync(examplesDir, { withFileTypes: true })
        .filter((entry) => entry.isDirectory() && existsSync(path.join(examplesDir, entry.name, "Pulumi.yaml")))
        .map((entry) => entry.name)
        .sort()
        .map((name) => loadExample(path.join(examplesDir, name), root));
}
