// Gives policies the raw engine request of the call they run in.
// Why: @pulumi/policy unwraps secrets before validateResource sees args.props, so only the
// request still tells which values are secret, and it never reaches the policy. We wrap the
// Analyzer service handlers that @pulumi/policy registers so that the requests of the calls in
// progress are known, and we record ConfigureStack's dry-run flag.

import * as path from "node:path";
import type { ResourceView } from "../rules/view";
import { withOwnResponseEncoding } from "./response-encoding";
import { fieldRanges } from "./wire-framing";

/** The protobuf request objects we read (pulumirpc.AnalyzeRequest / AnalyzeStackRequest). */
export interface WireStruct {
  toJavaScript(): Record<string, unknown>;
  getFieldsMap(): { keys(): Iterable<string>; get(key: string): { toJavaScript(): unknown } | undefined };
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
// or two stack calls at once, is ambiguous: no request then, and policies read args, every value
// as a secret unless no candidate request holds one.
const analyzeCalls = new Map<string, AnalyzeCall | AnalyzeCall[]>();

/** An Analyze call in progress: its request, and what its resource policies share while it lasts. */
export interface AnalyzeCall {
  readonly request: WireResource;
  /** The request's bytes were seen and hold no secret: @pulumi/policy's props lose nothing then. */
  readonly secretFree: boolean;
  /** The view every resource policy of the call reads, once built. */
  view?: ResourceView;
}
const stackCalls = new Set<WireStackRequest>();
let stackDryRun: boolean | undefined;
// Changes whenever a Configure call starts or answers: @pulumi/policy's config changes only then.
let configGeneration: number | undefined;
let installed = false;

export type Handler = (call: { request: unknown }, callback: unknown) => unknown;

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
      if (implementation && typeof implementation.analyze === "function") ({ service, implementation } = hookAnalyzer(service, implementation));
      return original.call(this, service, implementation);
    };
  } catch {
    // Without the hook, policies fall back to args.props, where @pulumi/policy has already unwrapped secrets.
  }
}

/**
 * The Analyzer service as the pack registers it: request decoders that mark what holds no secret,
 * answers written by our own encoder (response-encoding.ts), and handlers that record the calls in
 * progress. Exported for tests.
 */
export function hookAnalyzer(service: unknown, implementation: Record<string, Handler>): { service: unknown; implementation: Record<string, Handler> } {
  return { service: withOwnResponseEncoding(withSecretScan(service)), implementation: wrapAnalyzer(implementation) };
}

// The wire bytes of a secret's signature value ("1b47…" in sdk/nodejs/runtime/rpc.ts). Protobuf
// stores strings as they are, so a request without these bytes holds no secret anywhere.
const SECRET_SIGNATURE = Buffer.from("1b47061264138c4ac30d75fd1eb44270", "utf8");
// Marked on the request object itself: a WeakSet entry per request costs far more at every GC.
const SECRET_FREE = Symbol("icpguard: request bytes hold no secret");

/**
 * The service definition with request decoders that mark what holds no secret: a whole Analyze
 * request, or each resource of an AnalyzeStack request.
 */
function withSecretScan(service: unknown): unknown {
  const methods = service as Record<string, { requestDeserialize?: (bytes: Buffer) => unknown } | undefined> | null;
  if (!methods) return service;
  const scanned = { ...methods };
  const analyze = methods.analyze;
  const decodeAnalyze = analyze?.requestDeserialize;
  if (analyze && typeof decodeAnalyze === "function") {
    const requestDeserialize = (bytes: Buffer) => {
      const request = decodeAnalyze(bytes);
      if (Buffer.isBuffer(bytes) && bytes.indexOf(SECRET_SIGNATURE) < 0) markSecretFree(request);
      return request;
    };
    scanned.analyze = { ...analyze, requestDeserialize };
  }
  const analyzeStack = methods.analyzeStack;
  const decodeStack = analyzeStack?.requestDeserialize;
  if (analyzeStack && typeof decodeStack === "function") {
    const requestDeserialize = (bytes: Buffer) => {
      const request = decodeStack(bytes);
      if (Buffer.isBuffer(bytes)) markSecretFreeResources(bytes, request);
      return request;
    };
    scanned.analyzeStack = { ...analyzeStack, requestDeserialize };
  }
  return scanned;
}

function markSecretFree(message: unknown): void {
  if (typeof message === "object" && message !== null) (message as Record<symbol, unknown>)[SECRET_FREE] = true;
}

/** True when the request's bytes for this message were seen and hold no secret. */
export function isSecretFree(message: unknown): boolean {
  return typeof message === "object" && message !== null && (message as Record<symbol, unknown>)[SECRET_FREE] === true;
}

/**
 * Marks each resource of an AnalyzeStack request whose own bytes hold no secret. The bytes of
 * `repeated AnalyzerResource resources = 1` are found by reading the message's framing; anything
 * unexpected (another wire type, a count that differs from the decoded list) marks nothing.
 */
function markSecretFreeResources(bytes: Buffer, request: unknown): void {
  const list = (request as Partial<WireStackRequest> | null)?.getResourcesList?.();
  if (!Array.isArray(list)) return;
  const ranges = fieldRanges(bytes, 1);
  if (!ranges || ranges.length !== list.length) return;
  ranges.forEach(([start, end], i) => {
    if (bytes.subarray(start, end).indexOf(SECRET_SIGNATURE) < 0) markSecretFree(list[i]);
  });
}

function wrapAnalyzer(implementation: Record<string, Handler>): Record<string, Handler> {
  const wrapped = { ...implementation };
  for (const method of ["analyze", "analyzeStack", "remediate"]) {
    const handler = implementation[method];
    if (typeof handler !== "function") continue;
    wrapped[method] = (call, callback) => whileInProgress(call.request, (done) => handler(call, finishing(callback, done)));
  }
  const configure = implementation.configure;
  if (typeof configure === "function") {
    configGeneration = 0;
    wrapped.configure = (call, callback) => {
      configGeneration = (configGeneration ?? 0) + 1;
      const answered =
        typeof callback === "function"
          ? (...args: unknown[]) => {
              configGeneration = (configGeneration ?? 0) + 1;
              return (callback as (...args: unknown[]) => unknown)(...args);
            }
          : callback;
      return configure(call, answered);
    };
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
    const call: AnalyzeCall = { request, secretFree: isSecretFree(request) };
    const others = analyzeCalls.get(urn);
    analyzeCalls.set(urn, others === undefined ? call : [...(Array.isArray(others) ? others : [others]), call]);
    finish = () => {
      const calls = analyzeCalls.get(urn);
      const rest = Array.isArray(calls) ? calls.filter((other) => other !== call) : [];
      if (rest.length === 0) analyzeCalls.delete(urn);
      else analyzeCalls.set(urn, rest.length === 1 ? rest[0] : rest);
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

/** The Analyze call in progress for this URN, unless several are. */
export function currentAnalyzeCall(urn: string): AnalyzeCall | undefined {
  const calls = analyzeCalls.get(urn);
  return Array.isArray(calls) ? undefined : calls;
}

/**
 * Several Analyze calls for this URN are in progress and one of them may hold a secret: a policy
 * cannot tell which request it runs for, so it must treat every value as secret.
 */
export function ambiguousCallMayHoldSecret(urn: string): boolean {
  const calls = analyzeCalls.get(urn);
  return Array.isArray(calls) && calls.some((call) => !call.secretFree);
}

/** Several AnalyzeStack calls are in progress: a policy cannot tell which request it runs for. */
export function stackCallsAmbiguous(): boolean {
  return stackCalls.size > 1;
}

/** The request of the AnalyzeStack call in progress, unless several are. */
export function currentStackRequest(): WireStackRequest | undefined {
  if (stackCalls.size !== 1) return undefined;
  const [request] = stackCalls;
  return request;
}

/**
 * A number that changes whenever @pulumi/policy's config may have changed; undefined when the
 * Configure call is not seen (no hook), and args.getConfig() must then be compared every time.
 */
export function currentConfigGeneration(): number | undefined {
  return configGeneration;
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
