// Rule icp-app-filing: since MIIT notice No. 105 [2023], a mobile app, mini-program or quick app
// whose backend is served from mainland China needs a filing of its own (apps end in A,
// mini-programs in X), on top of the website filing of the backend's domain.
//
// A resource is an app's backend when it serves one of the app's backend hostnames, or when it
// carries the tag `icp:app` whose value is the app's name, packageName or appId (several apps
// separated by commas). Cloud
// resources that are app backends by nature count by themselves:
// - alicloud:mhub/app:App, an EMAS Mobile Hub app (only runs in cn-shanghai), matched by its
//   packageName or bundleId. It is the only app-registration resource in @pulumi/alicloud 3.108.0:
//   there is no mPaaS or mini-program resource.
// - tencentcloud:Css/domain:Domain with isMiniProgramLive = 1, a live-streaming domain for
//   WeChat mini-programs, matched by its domain name.
// Tencent CloudBase (TCB) environments would belong here, but neither pulumi-tencentcloud v0.2.3
// nor the Terraform provider it wraps has a CloudBase resource (catalogue research, section 5);
// tag their backends instead.

import type { CatalogueEntry } from "../catalogue";
import { catalogueEntryFor } from "../catalogue";
import { parseFilingNumber, type FilingNumberKind } from "../filing-number";
import type { Finding } from "../findings";
import { normaliseHostname } from "../hostname";
import { resolveLocation, type Environment } from "../location";
import type { PolicyMetadata } from "../policy-metadata";
import { cloudOfType } from "../regions";
import { servedHostnames } from "../served-hostnames";
import { isViewObject, readOne, Secret, Unknown, type ResourceView, type ViewValue } from "../view";
import { AppFilingConfigSchema, type AppFilingConfig, type AppKind, type AppRecord } from "./config";
import { ADVISORY_DOCS, advisoryDefinition, findingAtPolicyLevel } from "./definition";
import type { AppLink, AppSummary } from "./findings";

export const APP_TAG = "icp:app";

export const APP_FILING_METADATA: PolicyMetadata = {
  name: "icp-app-filing",
  displayName: "App, mini-program and quick-app filing",
  description:
    "Flags a resource that serves the backend of a mobile app, mini-program or quick app from mainland China while the app has no approved filing number of its own (apps end in A, mini-programs in X; the quick-app letter is unconfirmed, so any app-style number is accepted for quick apps). A resource is an app's backend when it serves one of the app's backends hostnames or carries the tag icp:app = <the app's name, packageName or appId>; an EMAS Mobile Hub app and a Tencent live domain for mini-programs count by themselves.",
  severity: "high",
  defaultLevel: "advisory",
  remediation:
    "File the app through the access provider of its mainland backend (for an app: its package name, app store and signing key SHA-256; for a mini-program: its platform and AppID) and record the number in the app's entry in apps of the icp-app-filing config. Declare every app there with its backends hostnames, or tag its backend resources icp:app = <the app's name, packageName or appId> (several apps separated by commas).",
  url: `${ADVISORY_DOCS}#icp-app-filing`,
};

const MHUB_APP = "alicloud:mhub/app:App";
const CSS_DOMAIN = "tencentcloud:Css/domain:Domain";

/** Resources that register an app themselves, with where they run. */
const APP_RESOURCES: ReadonlyMap<string, CatalogueEntry> = new Map([
  [
    MHUB_APP,
    {
      type: MHUB_APP,
      cloud: "alicloud",
      title: "EMAS Mobile Hub app",
      hostnames: [],
      location: { kind: "mainland-only", why: "EMAS Mobile Hub only runs in cn-shanghai" },
      source: "A mhub/app.d.ts",
    },
  ],
]);

/** Where a resource runs: the catalogue, the app resources, else its provider's region. */
function placementOf(type: string): CatalogueEntry | undefined {
  const known = catalogueEntryFor(type) ?? APP_RESOURCES.get(type);
  if (known) return known;
  const cloud = cloudOfType(type);
  if (!cloud || type.startsWith("pulumi:providers:")) return undefined;
  // One entry per type, so that the location of a view is resolved once (rules/location.ts).
  let placement = regionPlacements.get(type);
  if (!placement) {
    placement = { type, cloud, title: type, hostnames: [], location: { kind: "region" }, source: "provider region" };
    if (regionPlacements.size >= MAX_REGION_PLACEMENTS) regionPlacements.clear();
    regionPlacements.set(type, placement);
  }
  return placement;
}

const regionPlacements = new Map<string, CatalogueEntry>();
// Types are a provider's vocabulary, a few hundred at most; the bound is against hostile input.
const MAX_REGION_PLACEMENTS = 2_000;

export function appliesTo(type: string): boolean {
  return placementOf(type) !== undefined;
}

/** The number kinds that satisfy each kind of app. */
const ACCEPTED_NUMBERS: Record<AppKind, readonly FilingNumberKind[]> = {
  app: ["app"],
  "mini-program": ["mini-program"],
  // MIIT's lookup lists quick apps as their own service type; their suffix letter is unconfirmed.
  "quick-app": ["app", "mini-program"],
};

export class AppIndex {
  private readonly byName = new Map<string, AppRecord>();
  private readonly byBackend = new Map<string, AppRecord[]>();
  private readonly byIdentifier = new Map<string, AppRecord[]>();

  constructor(apps: readonly AppRecord[]) {
    for (const app of apps) {
      this.byName.set(app.name, app);
      for (const backend of app.backends) {
        const normalised = normaliseHostname(backend);
        if (normalised.ok) push(this.byBackend, normalised.value.hostname, app);
      }
      for (const identifier of [app.packageName, app.appId]) if (identifier) push(this.byIdentifier, identifier, app);
    }
  }

  /** The app a tag value names: by name first, then by package name or AppID. */
  named(value: string): AppRecord | undefined {
    return this.byName.get(value) ?? this.byIdentifier.get(value)?.[0];
  }

  get hasBackends(): boolean {
    return this.byBackend.size > 0;
  }

  withBackend(hostname: string): readonly AppRecord[] {
    return this.byBackend.get(hostname) ?? [];
  }

  withIdentifier(identifier: string): readonly AppRecord[] {
    return this.byIdentifier.get(identifier) ?? [];
  }
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key) ?? [];
  if (!list.includes(value)) list.push(value);
  map.set(key, list);
}

/** The apps a resource's `icp:app` tag names, from a tag map or a list of key/value pairs. */
export function taggedAppNames(view: ResourceView): { tag: string; value: string; secret: boolean }[] {
  const found: { tag: string; value: string; secret: boolean }[] = [];
  // Called for app-tag keys only.
  const consider = (key: string, keySecret: boolean, rawValue: ViewValue | undefined) => {
    const value = known(rawValue);
    if (typeof value?.value !== "string") return;
    for (const part of value.value.split(",")) {
      const name = part.trim();
      if (name !== "") found.push({ tag: key.trim(), value: name, secret: keySecret || value.secret });
    }
  };
  const tags = known(view.props.tags);
  if (!tags) return found;
  if (isViewObject(tags.value)) {
    // Keys first: most resources carry no app tag, and their tag values need not be read.
    const map = tags.value;
    for (const key of Object.keys(map)) if (isAppTag(key)) consider(key, false, map[key]);
  } else if (Array.isArray(tags.value)) {
    for (const element of tags.value) {
      const pair = known(element);
      if (!pair || !isViewObject(pair.value)) continue;
      const key = known(pair.value.key ?? pair.value.tagKey);
      if (typeof key?.value === "string" && isAppTag(key.value)) consider(key.value, key.secret, pair.value.value ?? pair.value.tagValue);
    }
  }
  return found;
}

function isAppTag(key: string): boolean {
  // Cheap length check first: the trimmed, lower-cased key must be exactly APP_TAG.
  return key.length >= APP_TAG.length && key.trim().toLowerCase() === APP_TAG;
}

/** A value with its secret wrappers removed; undefined when it is unknown (preview) or absent. */
function known(value: ViewValue | undefined): { value: ViewValue; secret: boolean } | undefined {
  let secret = false;
  while (value instanceof Secret) {
    secret = true;
    value = value.value;
  }
  return value === undefined || value instanceof Unknown ? undefined : { value, secret };
}

function summarise(app: AppRecord): AppSummary {
  return {
    name: app.name,
    kind: app.kind,
    ...(app.platform ? { platform: app.platform } : {}),
    ...(app.packageName ? { packageName: app.packageName } : {}),
    ...(app.appId ? { appId: app.appId } : {}),
    ...(app.store ? { store: app.store } : {}),
    hasSigningKey: app.signingKeySha256 !== undefined,
  };
}

function isMiniProgramLive(view: ResourceView): boolean {
  const leaf = readOne(view.props, "isMiniProgramLive");
  return !leaf.unknown && (leaf.value === 1 || leaf.value === "1" || leaf.value === true);
}

export function evaluateAppFiling(view: ResourceView, apps: AppIndex, env: Environment): Finding[] {
  const placement = placementOf(view.type);
  if (!placement) return [];

  // What links the resource to an app comes first: most resources are no app's backend, and
  // their location then need not be resolved.
  const linked: { app: AppRecord; link: AppLink }[] = [];
  const undeclared: Exclude<AppLink, { by: "backend-hostname" }>[] = [];

  // Served hostnames link a resource only to declared backends, or as a mini-program live domain.
  const hostnamesCanLink = apps.hasBackends || view.type === CSS_DOMAIN;
  for (const served of hostnamesCanLink ? servedHostnames(placement, view) : []) {
    if (served.status !== "read") continue;
    const hostname = served.verdict.hostname;
    const matches = apps.withBackend(hostname);
    for (const app of matches) linked.push({ app, link: { by: "backend-hostname", hostname, secret: served.secret, path: served.path } });
    if (matches.length === 0 && view.type === CSS_DOMAIN && isMiniProgramLive(view)) {
      undeclared.push({ by: "mini-program-live", hostname, secret: served.secret });
    }
  }

  for (const { tag, value, secret } of taggedAppNames(view)) {
    const app = apps.named(value);
    if (app) linked.push({ app, link: { by: "tag", tag, value, secret } });
    else undeclared.push({ by: "tag", tag, value, secret });
  }

  if (view.type === MHUB_APP) {
    for (const property of ["packageName", "bundleId"]) {
      const leaf = readOne(view.props, property);
      if (leaf.unknown || typeof leaf.value !== "string" || leaf.value === "") continue;
      const link = { by: "app-resource" as const, product: "EMAS Mobile Hub", identifier: leaf.value, secret: leaf.secret };
      const matches = apps.withIdentifier(leaf.value);
      for (const app of matches) linked.push({ app, link });
      if (matches.length === 0) undeclared.push(link);
    }
  }
  if (linked.length === 0 && undeclared.length === 0) return [];

  const location = resolveLocation(placement, view, env);
  if (location.status !== "mainland") return [];
  const mainland = location.reason;

  const findings: Finding[] = [];
  const reported = new Set<string>();
  for (const { app, link } of linked) {
    if (reported.has(app.name)) continue;
    reported.add(app.name);
    const parsed = app.number === undefined ? undefined : parseFilingNumber(app.number);
    const recorded = app.number !== undefined && parsed?.ok ? { number: app.number, numberKind: parsed.kind } : undefined;
    const problem = !recorded
      ? "no-number"
      : !ACCEPTED_NUMBERS[app.kind].includes(recorded.numberKind)
        ? "wrong-kind"
        : app.status === "pending"
          ? "pending"
          : undefined;
    if (!problem) continue;
    findings.push(
      findingAtPolicyLevel(APP_FILING_METADATA.name, view, { kind: "app-unfiled", app: summarise(app), link, mainland, problem, ...recorded }),
    );
  }
  for (const link of undeclared) findings.push(findingAtPolicyLevel(APP_FILING_METADATA.name, view, { kind: "app-undeclared", link, mainland }));
  return findings;
}

export const appFilingDefinition = advisoryDefinition<AppFilingConfig>({
  metadata: APP_FILING_METADATA,
  kind: "resource",
  configSchema: AppFilingConfigSchema,
  appliesTo,
  build(config) {
    const apps = new AppIndex(config.apps);
    return { kind: "resource", evaluateResource: (view, options) => evaluateAppFiling(view, apps, options.env) };
  },
});
