// Runs one Pulumi program under @pulumi/pulumi's mock runtime and sends back every resource it
// registered, with its inputs exactly as the SDK put them on the wire. setMocks is process-wide,
// so mock-capture.ts starts one of these per program; the result travels over the IPC channel so
// that whatever the program prints cannot corrupt it.
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import type * as resourcePb from "@pulumi/pulumi/proto/resource_pb";
import type { CaptureChildReply, CaptureChildRequest, CapturedResource, CloudOutputs } from "./mock-capture";

type Callback<T> = (error: Error | null, response?: T) => void;

/** The parts of @pulumi/pulumi's MockMonitor (runtime/mocks.js) that are wrapped here. */
interface MockMonitorLike {
    registerResource(request: resourcePb.RegisterResourceRequest, callback: Callback<resourcePb.RegisterResourceResponse>): unknown;
    registerResourceOutputs(request: resourcePb.RegisterResourceOutputsRequest, callback: Callback<unknown>): unknown;
}

function describeError(error: unknown): string {
    if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
    return String(error);
}

function send(reply: CaptureChildReply): void {
    if (!process.send) {
        process.stderr.write("mock-capture-child must be started by mock-capture.ts (it needs an IPC channel)\n");
        process.exit(2);
    }
    process.send(reply, () => process.exit(0));
}

function loadCloudOutputs(modulePath: string | undefined): CloudOutputs | undefined {
    if (!modulePath) return undefined;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const loaded = require(path.resolve(modulePath)) as { cloudOutputs?: unknown };
    if (typeof loaded.cloudOutputs !== "function") {
        throw new Error(`${modulePath} must export a function cloudOutputs(args)`);
    }
    return loaded.cloudOutputs as CloudOutputs;
}

function mocksFor(request: CaptureChildRequest, cloudOutputs: CloudOutputs | undefined): pulumi.runtime.Mocks {
    return {
        newResource(args) {
            if (!args.custom) return { id: undefined, state: {} };
            // A preview knows only the inputs: the engine reports no ID and leaves computed outputs
            // unknown. An update returns what the cloud assigned.
            if (request.preview) return { id: undefined, state: args.inputs };
            return { id: `${args.name}-id`, state: { ...args.inputs, ...(cloudOutputs?.(args) ?? {}) } };
        },
        call(args) {
            // Answering with made-up data would let a program build resources from it unnoticed.
            const message = `the program calls ${args.token}; function invokes have no data under the mock runtime`;
            // The SDK reports the `details` of a failed invoke (runtime/invoke.js).
            throw Object.assign(new Error(message), { details: message });
        },
    };
}

function toCapturedResource(request: resourcePb.RegisterResourceRequest, mockUrn: string): CapturedResource {
    const propertyDependencies: Record<string, string[]> = {};
    request.getPropertydependenciesMap().forEach((dependencies, property) => {
        propertyDependencies[property] = dependencies.getUrnsList();
    });
    const providerReference = request.getProvider();
    const captured: CapturedResource = {
        mockUrn,
        type: request.getType(),
        name: request.getName(),
        custom: request.getCustom(),
        inputs: (request.getObject()?.toJavaScript() ?? {}) as Record<string, unknown>,
        outputs: {},
        dependencies: request.getDependenciesList(),
        propertyDependencies,
        options: {
            ignoreChanges: request.getIgnorechangesList(),
            additionalSecretOutputs: request.getAdditionalsecretoutputsList(),
        },
    };
    if (request.getVersion() !== "") captured.version = request.getVersion();
    // A provider reference is `<urn>::<id>`; the ID is the unknown sentinel during preview.
    if (providerReference !== "") captured.providerUrn = providerReference.slice(0, providerReference.lastIndexOf("::"));
    if (request.getParent() !== "") captured.parentUrn = request.getParent();
    const protect = request.getProtect();
    if (protect !== undefined) captured.options.protect = protect;
    if (request.getDeletebeforereplacedefined()) captured.options.deleteBeforeReplace = request.getDeletebeforereplace();
    return captured;
}

/** Records each registration the mock monitor accepts, in the order the program sent them. */
function recordRegistrations(monitor: MockMonitorLike): (CapturedResource | undefined)[] {
    const slots: (CapturedResource | undefined)[] = [];
    const byUrn = new Map<string, CapturedResource>();
    const registerResource = monitor.registerResource.bind(monitor);
    monitor.registerResource = (request, callback) => {
        const slot = slots.push(undefined) - 1;
        return registerResource(request, (error, response) => {
            if (!error && response) {
                const resource = toCapturedResource(request, response.getUrn());
                resource.outputs = (response.getObject()?.toJavaScript() ?? {}) as Record<string, unknown>;
                slots[slot] = resource;
                byUrn.set(resource.mockUrn, resource);
            }
            callback(error, response);
        });
    };
    const registerResourceOutputs = monitor.registerResourceOutputs.bind(monitor);
    monitor.registerResourceOutputs = (request, callback) => {
        const resource = byUrn.get(request.getUrn());
        // Components (the stack above all) get their outputs this way, not from registration.
        if (resource && !resource.custom) {
            resource.outputs = (request.getOutputs()?.toJavaScript() ?? {}) as Record<string, unknown>;
        }
        return registerResourceOutputs(request, callback);
    };
    return slots;
}

/** Like the Node language host (cmd/run/run.js): require the program, call it if it is a function. */
async function runProgram(programModulePath: string): Promise<unknown> {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const programExport: unknown = require(path.resolve(programModulePath));
    return programExport instanceof Function ? await programExport() : programExport;
}

async function main(): Promise<void> {
    const request = JSON.parse(process.argv[2] ?? "null") as CaptureChildRequest | null;
    if (!request || typeof request.programModulePath !== "string") {
        throw new Error("usage: mock-capture-child '<CaptureChildRequest JSON>'");
    }
    // What the language host puts in PULUMI_CONFIG; pulumi.Config reads it from here.
    pulumi.runtime.setAllConfig(request.stackConfig, request.secretConfigKeys);
    await pulumi.runtime.setMocks(mocksFor(request, loadCloudOutputs(request.cloudOutputsModule)), request.project, request.stack, request.preview);
    const monitor = pulumi.runtime.getMonitor() as unknown as MockMonitorLike | undefined;
    if (!monitor) throw new Error("setMocks did not install a mock monitor");
    const slots = recordRegistrations(monitor);

    await pulumi.runtime.runInPulumiStack(() => runProgram(request.programModulePath));
    // Registrations still in flight when the program returned (e.g. inside apply callbacks).
    const waitForRPCs = (pulumi.runtime as unknown as { waitForRPCs?: () => Promise<void> }).waitForRPCs;
    if (typeof waitForRPCs !== "function") throw new Error("@pulumi/pulumi no longer exports runtime.waitForRPCs");
    await waitForRPCs();
    // Let a failure inside an apply callback surface as an unhandled rejection first, as it
    // would before the language host exits.
    await new Promise((resolve) => setImmediate(resolve));
    // A failed registration has already failed the program, so every slot is filled here.
    send({ ok: true, resources: slots.filter((resource): resource is CapturedResource => resource !== undefined) });
}

// A program that fails inside an apply callback rejects a promise nobody awaits.
process.on("unhandledRejection", (error) => send({ ok: false, error: describeError(error) }));
main().catch((error: unknown) => send({ ok: false, error: describeError(error) }));
