// Shared helpers for tests that drive the real pack over the Analyzer protocol.

import { type Diagnostic, type EngineResource, startPackLikeEngine } from "../../harness";
import type { CaseResource } from "../fixtures/catalogue-cases";

/** policy, level and URN of each diagnostic: what a verdict is made of. */
export function summariseDiagnostics(diagnostics: Diagnostic[]) {
  return diagnostics.map((d) => ({ policy: d.policyName, level: d.enforcementLevel, urn: d.urn }));
}

/** A fixture resource as the engine would send it (explicit provider when the fixture has one). */
export function engineResourceOf(resource: CaseResource): EngineResource {
  return {
    type: resource.type,
    name: resource.name,
    properties: resource.properties,
    provider: resource.provider
      ? { type: `pulumi:providers:${resource.provider.pkg}`, name: resource.provider.name, properties: resource.provider.properties }
      : undefined,
  };
}

/** Launches the pack configured like the engine would, returning an analyze function and close. */
export async function launchConfigured(repo: string, policyConfig: unknown, options: { dryRun?: boolean } = {}) {
  const { session } = await startPackLikeEngine(repo, { policyConfig, dryRun: options.dryRun ?? true });
  return {
    session,
    diagnostics: (resource: EngineResource) => session.analyze(resource),
    close: () => session.close(),
  };
}
