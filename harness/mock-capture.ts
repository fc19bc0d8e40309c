// Runs a Pulumi program without the CLI (pulumi.runtime.setMocks) and captures what it registers,
// in the wire format the engine receives. Each program runs in its own process because the mock
// runtime is process-global: see mock-capture-child.ts.
import { fork } from "node:child_process";
import { existsSync } from "node:fs";
import * as path from "node:path";
import type { MockResourceArgs } from "@pulumi/pulumi/runtime/mocks";

/** One RegisterResource call of the program, as the mock monitor received and answered it. */
export interface CapturedResource {
    /**
     * URN the mock monitor assigned. It qualifies a nested child with its parent's own type only,
     * where the engine uses the parent's whole qualified type; program-requests.ts re-derives URNs.
     */
    mockUrn: string;
    type: string;
    name: string;
    /** false for components, including the stack itself. */
    custom: boolean;
    /** Inputs as the SDK serialised them: secrets as signature objects, unknowns as sentinel strings. */
    inputs: Record<string, unknown>;
    /**
     * What the deployment would record: the inputs (with computed values left unknown) in a
     * preview, inputs plus cloud-computed values in an update; a component's registered outputs.
     */
    outputs: Record<string, unknown>;
    /** Plugin version the SDK asked for (provider SDKs set it from their package.json). */
    version?: string;
    /** Mock URN of the explicit provider resource, when the program passed one. */
    providerUrn?: string;
    /** Mock URN of the parent (the stack for top-level resources). */
    parentUrn?: string;
    dependencies: string[];
    propertyDependencies: Record<string, string[]>;
    options: {
        protect?: boolean;
        ignoreChanges: string[];
        deleteBeforeReplace?: boolean;
        additionalSecretOutputs: string[];
    };
}

/**
 * Values the cloud computes on create (IDs, endpoints, punycode names, …), used outside preview.
 * An example may export one from a module named in `cloudOutputsModule`.
 */
export type CloudOutputs = (args: MockResourceArgs) => Record<string, unknown> | undefined;

export interface CaptureOptions {
    project: string;
    stack: string;
    /** Stack config as in `Pulumi.<stack>.yaml`, keys `<namespace>:<key>`, values as strings. */
    stackConfig?: Record<string, string>;
    /** Config keys whose values are secrets (the language host's PULUMI_CONFIG_SECRET_KEYS). */
    secretConfigKeys?: string[];
    /** true for `pulumi preview` (default), false for `pulumi up`. */
    preview?: boolean;
    /** Compiled module exporting `cloudOutputs: CloudOutputs`, for update runs. */
    cloudOutputsModule?: string;
    /** Working directory of the program, like the project directory under the CLI. Default: the module's. */
    cwd?: string;
    /** Default 30 s. */
    timeoutMs?: number;
}

/** What mock-capture.ts passes to the child (as argv JSON). */
export interface CaptureChildRequest {
    programModulePath: string;
    project: string;
    stack: string;
    stackConfig: Record<string, string>;
    secretConfigKeys: string[];
    preview: boolean;
    cloudOutputsModule?: string;
}

export type CaptureChildReply = { ok: true; resources: CapturedResource[] } | { ok: false; error: string };

/** The compiled child: next to this file when running from dist/, else in dist/harness/. */
function childScript(): string {
    const sibling = path.join(__dirname, "mock-capture-child.js");
    if (existsSync(sibling)) return sibling;
    const built = path.resolve(__dirname, "..", "dist", "harness", "mock-capture-child.js");
    if (existsSync(built)) return built;
    throw new Error(`mock-capture-child.js not found next to ${__filename} or in dist/harness; run npm run build`);
}

/** Runs the program (a compiled module, like the `main` of a Pulumi project) and captures its resources. */
export function captureProgram(programModulePath: string, opts: CaptureOptions): Promise<CapturedResource[]> {
    const request: CaptureChildRequest = {
        programModulePath: path.resolve(programModulePath),
        project: opts.project,
        stack: opts.stack,
        stackConfig: opts.stackConfig ?? {},
        secretConfigKeys: opts.secretConfigKeys ?? [],
        preview: opts.preview ?? true,
    };
    if (opts.cloudOutputsModule) request.cloudOutputsModule = path.resolve(opts.cloudOutputsModule);
    const timeoutMs = opts.timeoutMs ?? 30_000;
    const what = `program ${path.relative(process.cwd(), request.programModulePath) || request.programModulePath}`;

    return new Promise<CapturedResource[]>((resolve, reject) => {
        // The child must not inherit a real engine's settings (PULUMI_CONFIG, monitor addresses…).
        const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("PULUMI_")));
        const child = fork(childScript(), [JSON.stringify(request)], {
            cwd: opts.cwd ?? path.dirname(request.programModulePath),
            env,
            stdio: ["ignore", "pipe", "pipe", "ipc"],
        });
        let output = "";
        child.stdout?.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
        child.stderr?.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
        let reply: CaptureChildReply | undefined;
        child.on("message", (message) => {
            reply = message as CaptureChildReply;
        });
        const timer = setTimeout(() => {
            child.kill("SIGKILL");
            reject(new Error(`${what} did not finish within ${timeoutMs} ms${printed(output)}`));
        }, timeoutMs);
        child.on("error", (error) => {
            clearTimeout(timer);
            reject(new Error(`could not run ${what}: ${error.message}`));
        });
        child.on("exit", (code, signal) => {
            clearTimeout(timer);
            if (reply?.ok) resolve(reply.resources);
            else if (reply) reject(new Error(`${what} failed under the mock runtime:\n${reply.error}${printed(output)}`));
            else reject(new Error(`${what} exited (${signal ?? `code ${code}`}) without a result${printed(output)}`));
        });
    });
}

function printed(output: string): string {
    const text = output.trim();
    return text === "" ? "" : `\n--- program output ---\n${text}`;
}
