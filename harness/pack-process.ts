// Starts a policy pack the way the Pulumi CLI does (run-policy-pack, pack directory as working
// directory, the CLI's environment) and hands back a session that speaks the Analyzer protocol.
import { type ChildProcess, spawn } from "node:child_process";
import { statSync } from "node:fs";
import * as net from "node:net";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { AnalyzerClient, type AnalyzerInfo, type PolicyConfigEntry } from "./analyzer-client";
import { reconcilePolicyConfig } from "./config-reconcile";

export interface LaunchOptions {
    /** Extra environment on top of this process's own (the user's shell, in CLI terms). */
    env?: Record<string, string>;
    /** true for `pulumi preview`, false for `pulumi up`. Default true. */
    dryRun?: boolean;
    /** Stack config such as `{"alicloud:region": "cn-hangzhou"}`; reaches the pack as PULUMI_CONFIG. */
    stackConfig?: Record<string, unknown>;
    project?: string;
    stack?: string;
    organization?: string;
    /** Launch-to-port limit. Default 30 s. */
    timeoutMs?: number;
    /** Deadline of each RPC. Default 30 s. */
    callTimeoutMs?: number;
}

export const DEFAULT_STACK = "dev";
export const DEFAULT_PROJECT = "icpguard-test";
export const DEFAULT_ORGANIZATION = "organization";

const livePacks = new Set<ChildProcess>();
let exitHookInstalled = false;

// A test runner that dies must not leave packs behind.
function killLivePacksOnExit(): void {
    if (exitHookInstalled) {
        return;
    }
    exitHookInstalled = true;
    process.once("exit", () => {
        for (const child of livePacks) {
            child.kill("SIGKILL");
        }
    });
}

/**
 * Listens where the engine's gRPC server would be. `run-policy-pack` drops the engine address and
 * @pulumi/pulumi only logs to an engine named in PULUMI_NODEJS_ENGINE, which the CLI does not set
 * for policy packs, so nothing is expected to connect; the listener counts connections to prove it.
 */
class EngineStandIn {
    connections = 0;
    private readonly server = net.createServer((socket) => {
        this.connections += 1;
        socket.destroy();
    });

    async listen(): Promise<string> {
        await new Promise<void>((resolve, reject) => {
            this.server.once("error", reject);
            this.server.listen(0, "127.0.0.1", () => resolve());
        });
        const address = this.server.address() as net.AddressInfo;
        return `127.0.0.1:${address.port}`;
    }

    close(): Promise<void> {
        return new Promise((resolve) => this.server.close(() => resolve()));
    }
}

/** Resolves run-policy-pack from the pack directory, as the CLI's analyzer shim does. */
function resolveRunPolicyPack(packDir: string): string {
    const request = "@pulumi/pulumi/cmd/run-policy-pack";
    try {
        return require.resolve(request, { paths: [packDir] });
    } catch {
        // Packs outside the repository (e.g. throw-away test packs) use the harness's own copy.
        return require.resolve(request);
    }
}

// Config values reach the pack as strings; structured values are JSON, as in the CLI's config.
function stringifyConfig(stackConfig: Record<string, unknown>): Record<string, string> {
    const result: Record<string, string> = {};
    for (const [key, value] of Object.entries(stackConfig)) {
        result[key] = typeof value === "string" ? value : JSON.stringify(value);
    }
    return result;
}

function cliEnvironment(opts: Required<Pick<LaunchOptions, "project" | "stack" | "organization" | "dryRun">> & {
    config: Record<string, string>;
}): Record<string, string> {
    const env: Record<string, string> = {};
    const setIfNotEmpty = (key: string, value: string): void => {
        if (value !== "") {
            env[key] = value;
        }
    };
    if (Object.keys(opts.config).length > 0) {
        env["PULUMI_CONFIG"] = JSON.stringify(opts.config);
    }
    const dryRun = String(opts.dryRun);
    for (const prefix of ["PULUMI_NODEJS_", "PULUMI_"]) {
        setIfNotEmpty(`${prefix}ORGANIZATION`, opts.organization);
        setIfNotEmpty(`${prefix}PROJECT`, opts.project);
        setIfNotEmpty(`${prefix}STACK`, opts.stack);
        setIfNotEmpty(`${prefix}DRY_RUN`, dryRun);
    }
    return env;
}

export interface ProcessExit {
    code: number | null;
    signal: NodeJS.Signals | null;
}

/** A running pack plus the engine side of the Analyzer protocol. */
export class PackSession extends AnalyzerClient {
    private closing: Promise<void> | undefined;

    constructor(
        private readonly child: ChildProcess,
        private readonly engine: EngineStandIn,
        private readonly output: { stdout: string; stderr: string; exit: ProcessExit | undefined },
        readonly packDir: string,
        readonly port: number,
        /** Milliseconds from spawning the process to reading its port. */
        readonly startupMs: number,
        clientOptions: ConstructorParameters<typeof AnalyzerClient>[0],
    ) {
        super(clientOptions);
    }

    get pid(): number {
        return this.child.pid as number;
    }

    get stderr(): string {
        return this.output.stderr;
    }

    /** What the pack printed after its port line. */
    get stdout(): string {
        return this.output.stdout;
    }

    get exit(): ProcessExit | undefined {
        return this.output.exit;
    }

    /** Where the pack was told the engine listens (a stand-in that only counts connections). */
    get engineAddress(): string {
        return this.clientOptions.engineAddress;
    }

    /** Connections the pack opened to the engine address (none expected, see EngineStandIn). */
    get engineConnections(): number {
        return this.engine.connections;
    }

    /**
     * The engine's config step: GetAnalyzerInfo, reconcile with the user's `--policy-pack-config`
     * contents, then Configure. Throws with the engine's messages when the config is invalid.
     */
    async configureLikeEngine(
        userConfig?: unknown,
    ): Promise<{ info: AnalyzerInfo; config: Record<string, PolicyConfigEntry> }> {
        const info = await this.getAnalyzerInfo();
        const { config, errors } = reconcilePolicyConfig(info, userConfig);
        if (errors.length > 0) {
            throw new Error(errors.join("\n"));
        }
        await this.configure(config);
        return { info, config };
    }

    /** Stops the process and the channel; safe to call more than once. */
    close(): Promise<void> {
        this.closing ??= this.shutDown();
        return this.closing;
    }

    private async shutDown(): Promise<void> {
        this.closeChannel();
        if (!this.output.exit) {
            const exited = new Promise<void>((resolve) => this.child.once("exit", () => resolve()));
            this.child.kill("SIGTERM");
            const timer = setTimeout(() => this.child.kill("SIGKILL"), 2_000);
            await exited;
            clearTimeout(timer);
        }
        livePacks.delete(this.child);
        await this.engine.close();
    }
}

/** Launches the pack in `packDir` and waits for the port it prints first. */
export async function launchPack(packDir: string, opts: LaunchOptions = {}): Promise<PackSession> {
    const absolutePackDir = path.resolve(packDir);
    if (!statSync(absolutePackDir, { throwIfNoEntry: false })?.isDirectory()) {
        throw new Error(`policy pack directory not found: ${absolutePackDir}`);
    }
    const settings = {
        project: opts.project ?? DEFAULT_PROJECT,
        stack: opts.stack ?? DEFAULT_STACK,
        organization: opts.organization ?? DEFAULT_ORGANIZATION,
        dryRun: opts.dryRun ?? true,
        config: stringifyConfig(opts.stackConfig ?? {}),
    };
    const timeoutMs = opts.timeoutMs ?? 30_000;

    const engine = new EngineStandIn();
    const engineAddress = await engine.listen();
    const runPolicyPack = resolveRunPolicyPack(absolutePackDir);

    const startedAt = performance.now();
    const child = spawn(process.execPath, [runPolicyPack, engineAddress, absolutePackDir], {
        cwd: absolutePackDir,
        env: { ...process.env, ...opts.env, ...cliEnvironment(settings) },
        stdio: ["ignore", "pipe", "pipe"],
    });
    livePacks.add(child);
    killLivePacksOnExit();

    const output: { stdout: string; stderr: string; exit: ProcessExit | undefined } = {
        stdout: "",
        stderr: "",
        exit: undefined,
    };
    child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
        output.stderr += chunk;
    });
    child.on("exit", (code, signal) => {
        output.exit = { code, signal };
        livePacks.delete(child);
    });

    let port: number;
    let startupMs: number;
    try {
        port = await readPort(child, output, timeoutMs, absolutePackDir);
        startupMs = performance.now() - startedAt;
    } catch (error) {
        if (!output.exit) {
            child.kill("SIGKILL");
        }
        await engine.close();
        throw error;
    }

    const describeProcess = (): string | undefined => {
        if (!output.exit) {
            return undefined;
        }
        return `${describeExit(absolutePackDir, output.exit)}${stderrSection(output.stderr)}`;
    };
    return new PackSession(child, engine, output, absolutePackDir, port, startupMs, {
        address: `127.0.0.1:${port}`,
        packDir: absolutePackDir,
        engineAddress,
        stackDefaults: { ...settings, tags: {} },
        callTimeoutMs: opts.callTimeoutMs ?? 30_000,
        describeProcess,
    });
}

function describeExit(packDir: string, exit: ProcessExit): string {
    const how = exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.code}`;
    return `the policy pack process for ${packDir} ${how}`;
}

function stderrSection(stderr: string): string {
    const text = stderr.trim();
    return text === "" ? " (stderr was empty)" : `\n--- pack stderr ---\n${text}`;
}

// The first stdout line must be the port; anything printed before it breaks the engine's launch.
function readPort(
    child: ChildProcess,
    output: { stdout: string; stderr: string; exit: ProcessExit | undefined },
    timeoutMs: number,
    packDir: string,
): Promise<number> {
    return new Promise<number>((resolve, reject) => {
        let firstLine: string | undefined;
        let buffered = "";
        const settle = (outcome: { port: number } | { error: Error }): void => {
            clearTimeout(timer);
            child.off("exit", onExit);
            child.off("error", onError);
            if ("port" in outcome) {
                resolve(outcome.port);
            } else {
                reject(outcome.error);
            }
        };
        const onData = (chunk: string): void => {
            if (firstLine !== undefined) {
                output.stdout += chunk;
                return;
            }
            buffered += chunk;
            const newline = buffered.indexOf("\n");
            if (newline < 0) {
                return;
            }
            firstLine = buffered.slice(0, newline).trim();
            output.stdout += buffered.slice(newline + 1);
            if (/^\d+$/.test(firstLine)) {
                settle({ port: Number(firstLine) });
            } else {
                settle({
                    error: new Error(
                        `policy pack at ${packDir} printed ${JSON.stringify(firstLine)} instead of its port as the first stdout line` +
                            stderrSection(output.stderr),
                    ),
                });
            }
        };
        const onExit = (code: number | null, signal: NodeJS.Signals | null): void => {
            // Let the last stderr chunks arrive before reporting them.
            setImmediate(() =>
                settle({
                    error: new Error(
                        `${describeExit(packDir, { code, signal })} before printing its port` + stderrSection(output.stderr),
                    ),
                }),
            );
        };
        const onError = (error: Error): void => {
            settle({ error: new Error(`could not start the policy pack at ${packDir}: ${error.message}`) });
        };
        const timer = setTimeout(() => {
            settle({
                error: new Error(
                    `policy pack at ${packDir} did not print its port within ${timeoutMs} ms` + stderrSection(output.stderr),
                ),
            });
        }, timeoutMs);
        child.stdout?.setEncoding("utf8").on("data", onData);
        child.once("exit", onExit);
        child.once("error", onError);
    });
}

/**
 * Launches a pack and runs the engine's start-up sequence: Handshake, ConfigureStack,
 * GetAnalyzerInfo, config reconcile with `policyConfig`, Configure. Closes the pack on failure.
 */
export async function startPackLikeEngine(
    packDir: string,
    opts: LaunchOptions & { policyConfig?: unknown; stackTags?: Record<string, string> } = {},
): Promise<{ session: PackSession; info: AnalyzerInfo; config: Record<string, PolicyConfigEntry> }> {
    const session = await launchPack(packDir, opts);
    try {
        await session.handshake();
        await session.configureStack(opts.stackTags ? { tags: opts.stackTags } : {});
        const { info, config } = await session.configureLikeEngine(opts.policyConfig);
        return { session, info, config };
    } catch (error) {
        await session.close();
        throw error;
    }
}
