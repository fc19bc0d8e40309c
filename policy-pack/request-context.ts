// Gives policies the raw engine request of the call they run in.
// Why: @pulumi/policy unwraps secrets before validateResource sees args.props, so only the
// request still tells which values are secret, and it never reaches the policy. We wrap the
// Analyzer service handlers that @pulumi/policy registers so that the requests of the calls in
// progress are known, and we record ConfigureStack's dry-run flag.

import * as path from "node:path";

/** The protobuf request objects we read (pulumirpc.AnalyzeRequest / AnalyzeStackRequest). */
export interface WireStruct {
  toJavaScript(): Record<string, unknown>;
  getFieldsMap(): { forEach(callback: (value: { toJavaScript(): unknown }, key: string) => void): void };
}
export interface WireProvider {
  getType(): string;
  getName(): string;
  getUrn(): string;
  getProperties(): WireStruct | undefined;
}
export interface WireResource {
  getType(): string;
  getUrn(): string;
  getName(): string;
  getProperties(): WireStruct | undefined;
  getProvider(): WireProvider | undefined;
}
export interface WireStackRequest {
  getResourcesList(): WireResource[];
}

// Requests of the calls in progress. An AsyncLocalStorage would tie each policy to its call, but
// in Node 20 using one makes every promise of the process pay for async hooks, which cost the pack
// more per Analyze call than its policies (npm run bench). The engine analyses a resource in one
// call at a time, so its URN tells which request a policy runs for. A URN in two calls at once,
// or two stack calls at once, is ambiguous: no request then, and policies read args as they do
// without the hook.
const analyzeCalls = new Map<string, WireResource[]>();
const stackCalls = new Set<WireStackRequest>();
let stackDryRun: boolean | undefined;
let installed = false;

type Handler = (call: { request: unknown }, callback: unknown) => unknown;

/** Must run before `new PolicyPack(...)`. Safe to call twice. */
export function installRequestCapture(): void {
  if (installed) return;
  installed = true;
  try {
    const policyDir = path.dirname(require.resolve("@pulumi/policy/package.json"));
    const grpcPath = require.resolve("@grpc/grpc-js", { paths: [policyDir] });
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const grpc = require(grpcPath) as {
      Server: { prototype: { addService: (service: unknown, implementation: Record<string, Handler>) => unknown } };
    };
    const original = grpc.Server.prototype.addService;
    grpc.Server.prototype.addService = function (this: unknown, service: unknown, implementation: Record<string, Handler>) {
      if (implementation && typeof implementation.analyze === "function") {
        implementation = wrapAnalyzer(implementation);
      }
      return original.call(this, service, implementation);
    };
  } catch {
    // Without the hook, policies fall back to args.props, where @pulumi/policy has already unwrapped secrets.
  }
}

function wrapAnalyzer(implementation: Record<string, Handler>): Record<string, Handler> {
  const wrapped = { ...implementation };
  for (const method of ["analyze", "analyzeStack", "remediate"]) {
    const handler = implementation[method];
    if (typeof handler !== "function") continue;
    wrapped[method] = (call, callback) => whileInProgress(call.request, (done) => handler(call, finishing(callback, done)));
  }
  const configureStack = implementation.configureStack;
  if (typeof configureStack === "function") {
    wrapped.configureStack = (call, callback) => {
      const request = call.request as { getDryRun?: () => boolean } | undefined;
      if (request && typeof request.getDryRun === "function") stackDryRun = request.getDryRun();
      return configureStack(call, callback);
    };
  }
  return wrapped;
}

function isResourceRequest(request: unknown): request is WireResource {
  const candidate = request as Partial<WireResource> | undefined;
  return typeof candidate?.getUrn === "function" && typeof candidate.getProperties === "function";
}

function isStackRequest(request: unknown): request is WireStackRequest {
  return typeof (request as Partial<WireStackRequest> | undefined)?.getResourcesList === "function";
}

/** Records `request` as in progress until `done` is called (once) or `run` throws. */
function whileInProgress<T>(request: unknown, run: (done: () => void) => T): T {
  let finish = () => {};
  if (isResourceRequest(request)) {
    const urn = request.getUrn();
    analyzeCalls.set(urn, [...(analyzeCalls.get(urn) ?? []), request]);
    finish = () => {
      const rest = (analyzeCalls.get(urn) ?? []).filter((other) => other !== request);
      if (rest.length > 0) analyzeCalls.set(urn, rest);
      else analyzeCalls.delete(urn);
    };
  } else if (isStackRequest(request)) {
    stackCalls.add(request);
    finish = () => stackCalls.delete(request);
  }
  let finished = false;
  const done = () => {
    if (!finished) finish();
    finished = true;
  };
  try {
    return run(done);
  } catch (error) {
    done();
    throw error;
  }
}

/** A gRPC callback that first marks the call as finished. */
function finishing(callback: unknown, done: () => void): unknown {
  if (typeof callback !== "function") return callback;
  return (...args: unknown[]) => {
    done();
    return (callback as (...args: unknown[]) => unknown)(...args);
  };
}

/** The request of the Analyze call in progress for this URN, unless several are. */
export function currentAnalyzeRequest(urn: string): WireResource | undefined {
  const requests = analyzeCalls.get(urn);
  return requests?.length === 1 ? requests[0] : undefined;
}

/** The request of the AnalyzeStack call in progress, unless several are. */
export function currentStackRequest(): WireStackRequest | undefined {
  if (stackCalls.size !== 1) return undefined;
  const [request] = stackCalls;
  return request;
}

/**
 * Preview or update. ConfigureStack says so; the CLI also sets PULUMI_DRY_RUN when it launches
 * the pack. With neither, assume preview: unknown values only occur there.
 */
export function isDryRun(env: NodeJS.ProcessEnv = process.env): boolean {
  if (stackDryRun !== undefined) return stackDryRun;
  const flag = env.PULUMI_DRY_RUN ?? env.PULUMI_NODEJS_DRY_RUN;
  return flag === undefined ? true : flag === "true";
}
