// Gives policies the raw engine request of the call they run in.
// Why: @pulumi/policy unwraps secrets before validateResource sees args.props, so only the
// request still tells which values are secret, and it never reaches the policy. We wrap the
// Analyzer service handlers that @pulumi/policy registers so each call runs with its request in
// an AsyncLocalStorage, and we record ConfigureStack's dry-run flag.

import { AsyncLocalStorage } from "node:async_hooks";
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

const currentRequest = new AsyncLocalStorage<unknown>();
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
    // Without the hook, policies fall back to args.props; secrets are then masked by hostname kind only.
  }
}

function wrapAnalyzer(implementation: Record<string, Handler>): Record<string, Handler> {
  const wrapped = { ...implementation };
  for (const method of ["analyze", "analyzeStack", "remediate"]) {
    const handler = implementation[method];
    if (typeof handler !== "function") continue;
    wrapped[method] = (call, callback) => currentRequest.run(call.request, () => handler(call, callback));
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

/** The request of the Analyze call running now, if it is for this URN. */
export function currentAnalyzeRequest(urn: string): WireResource | undefined {
  const request = currentRequest.getStore() as Partial<WireResource> | undefined;
  if (!request || typeof request.getUrn !== "function" || typeof request.getProperties !== "function") return undefined;
  return request.getUrn() === urn ? (request as WireResource) : undefined;
}

/** The request of the AnalyzeStack call running now. */
export function currentStackRequest(): WireStackRequest | undefined {
  const request = currentRequest.getStore() as Partial<WireStackRequest> | undefined;
  return request && typeof request.getResourcesList === "function" ? (request as WireStackRequest) : undefined;
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
