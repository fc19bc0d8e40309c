// The bench stream as `pulumi stack export` would show it after an update: no unknowns left,
// secrets encrypted, providers as resources that others reference by `urn::id`.

import { DEFAULT_PROJECT, DEFAULT_STACK, isUnknown, providerUrn, resourceUrn, SECRET_SIG, SECRET_SIG_KEY, type EngineProvider, type EngineResource } from "../harness";

const SCOPE = { stack: DEFAULT_STACK, project: DEFAULT_PROJECT };

/** A value as state holds it: unknowns were resolved away, secrets keep only ciphertext. */
function stateValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((item) => !isUnknown(item)).map(stateValue);
  if (typeof value !== "object" || value === null) return value;
  const record = value as Record<string, unknown>;
  if (record[SECRET_SIG_KEY] === SECRET_SIG) return { [SECRET_SIG_KEY]: SECRET_SIG, ciphertext: "v1:YmVuY2g=" };
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(record)) {
    if (!isUnknown(item)) result[key] = stateValue(item);
  }
  return result;
}

export function stackExport(resources: readonly EngineResource[], providers: readonly EngineProvider[]): unknown {
  const stackUrn = `urn:pulumi:${DEFAULT_STACK}::${DEFAULT_PROJECT}::pulumi:pulumi:Stack::${DEFAULT_PROJECT}-${DEFAULT_STACK}`;
  const providerRefs = new Map<string, string>();
  const providerStates = providers.map((provider, i) => {
    const urn = providerUrn(provider, SCOPE);
    const id = `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`;
    providerRefs.set(provider.name, `${urn}::${id}`);
    return { urn, custom: true, id, type: provider.type, inputs: provider.properties, outputs: provider.properties, parent: stackUrn };
  });
  const resourceStates = resources.map((resource) => {
    const inputs = stateValue(resource.properties);
    return {
      urn: resourceUrn(resource, SCOPE),
      custom: true,
      id: `${resource.name}-id`,
      type: resource.type,
      inputs,
      outputs: inputs,
      parent: stackUrn,
      provider: resource.provider ? providerRefs.get(resource.provider.name) : undefined,
      dependencies: resource.dependencies ?? [],
    };
  });
  return {
    version: 3,
    deployment: {
      manifest: { time: "2026-01-01T00:00:00Z", magic: "bench", version: "v3.200.0" },
      resources: [{ urn: stackUrn, custom: false, type: "pulumi:pulumi:Stack", outputs: {} }, ...providerStates, ...resourceStates],
    },
  };
}
