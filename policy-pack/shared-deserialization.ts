// One conversion of a request's properties for all the pack's policies.
// Why: @pulumi/policy converts the properties of an Analyze request again for every policy it runs
// (server.js calls deserializeProperties once per validation, AnalyzeStack once per resource and
// stack policy), so a pack of six policies pays six conversions per resource, even where a policy
// looks at the type and returns. Our policies never modify props, so they can share the first
// conversion. server.js reads the function off the module's exports at each call; we replace it
// there with one that keeps its answer on the protobuf Struct it converted.

import * as path from "node:path";

type Deserialize = (struct: unknown, proxySecrets: boolean) => unknown;
interface DeserializeModule {
  deserializeProperties?: Deserialize;
}

// Kept on the Struct itself: a WeakMap entry per request costs far more at every GC.
const CONVERTED = Symbol("icpguard: @pulumi/policy's conversion of this Struct");
const SHARED = Symbol("icpguard: shares conversions");

/**
 * Wraps `module.deserializeProperties` so that a Struct converted without secret proxies is
 * converted once. Conversions with secret proxies (remediations) stay as they were. Returns false
 * when the module has no such function. Safe to call twice.
 */
export function shareDeserialization(module: DeserializeModule): boolean {
  const original = module.deserializeProperties;
  if (typeof original !== "function") return false;
  if ((original as unknown as Record<symbol, unknown>)[SHARED]) return true;
  const shared: Deserialize = (struct, proxySecrets) => {
    if (proxySecrets !== false || typeof struct !== "object" || struct === null) return original(struct, proxySecrets);
    const holder = struct as Record<symbol, unknown>;
    const converted = holder[CONVERTED];
    if (converted !== undefined) return converted;
    const fresh = original(struct, proxySecrets);
    if (Object.isExtensible(struct)) holder[CONVERTED] = fresh;
    return fresh;
  };
  Object.defineProperty(shared, SHARED, { value: true });
  module.deserializeProperties = shared;
  return true;
}

/** Must run before the engine's first call. Without it (another @pulumi/policy), nothing changes. */
export function installSharedDeserialization(): boolean {
  try {
    const policyDir = path.dirname(require.resolve("@pulumi/policy/package.json"));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return shareDeserialization(require(path.join(policyDir, "deserialize.js")) as DeserializeModule);
  } catch {
    return false;
  }
}
