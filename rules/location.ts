// Where a catalogued resource serves from: mainland China or not, and why.
// Most resources say so themselves (coverage or region). Some depend on another resource of the
// stack (an EdgeOne zone, an ESA site, the target of a DNS record): on their own they are
// unknown with a `deferral`, and a StackResolver (rules/cross-resource) settles them over the whole stack.

import type { CatalogueEntry, CoverageLocation, DnsRecordLocation, LinkedLocation, LocationSource, RegionLocation } from "./catalogue";
import { COVERAGE_VOCABULARIES, readCoverage, type CoverageVocabulary } from "./coverage";
import { endpointRegion } from "./cross-resource/endpoints";
import { normaliseHostname } from "./hostname";
import type { ProvinceCode } from "./provinces";
import { classifyRegionInput, PROVIDER_DEFAULT_REGION, PROVIDER_REGION_ENV, type Cloud } from "./regions";
import { textPrefix } from "./text-prefix";
import { memoised, readOne, testCondition, type Leaf, type ResourceView } from "./view";

export type RegionOrigin = "resource" | "provider" | "environment" | "provider-default" | "endpoint";

/** Another resource a verdict was taken from. */
export interface TargetRef {
  urn: string;
  name: string;
  type: string;
}

/** Where serving happens, for a resource that decides it itself. */
export type PlaceReason =
  | {
      kind: "region";
      cloud: Cloud;
      region: string;
      province?: ProvinceCode;
      origin: RegionOrigin;
      /** Provider resource name, environment variable or endpoint product the region came from. */
      originName?: string;
      /** The catalogue does not list this region; the verdict comes from its shape. */
      unlisted: boolean;
    }
  | {
      kind: "coverage";
      property: string;
      value?: string;
      /** The input was omitted and the product default applied. */
      defaulted: boolean;
      omittedSource?: string;
      outsideValue: string;
      /** The value is not in the product's vocabulary and is read as mainland. */
      unrecognised: boolean;
    }
  | { kind: "mainland-only"; why: string };

/** One step from a resource to the resource that decides where it serves. */
export type Hop =
  | {
      /** Coverage that lives on another resource (zone, site, IP set, proxy, named domain). */
      kind: "linked";
      what: string;
      /** The property (or properties) of this resource naming the other one. */
      property: string;
      linkValue?: string;
      linkSecret?: boolean;
      /** The resource found; absent when none could be. */
      target?: TargetRef;
      /** Why no resource could be found; the resource is then read as mainland (fail closed). */
      unresolved?: "absent" | "not-in-stack" | "too-deep";
      /** Why the link can be absent, from the catalogue. */
      whenOmitted?: string;
    }
  | {
      /** A DNS record whose value points at something that serves. */
      kind: "dns-target";
      property: string;
      value: string;
      secret: boolean;
      /** How the target was found: the value names a regional endpoint, the engine's property
       * dependency, or the value equals one of the target's address outputs. */
      found: "endpoint" | "dependency" | "address";
      target?: TargetRef;
      /** The target's output the value equals (found: address). */
      output?: string;
      /** The product the endpoint belongs to (found: endpoint). */
      product?: string;
    };

/**
 * Why a resource counts as mainland (or not). `via` lists the hops from the resource to the one
 * that decides, outermost first; the place itself is that last resource's.
 */
export type MainlandReason = PlaceReason & { via?: readonly Hop[] };

/** Only other resources of the stack can settle this location. */
export type Deferral =
  | { kind: "linked"; link: LinkedLocation; property: string; value?: string; secret: boolean }
  | { kind: "dns-record"; property: string };

export type Location =
  | { status: "mainland"; reason: MainlandReason }
  | { status: "outside"; reason: MainlandReason }
  /** `deferral`: unknown on its own, settled by a StackResolver over the whole stack. */
  | { status: "unknown"; paths: string[]; deferral?: Deferral };

/** How a secret coverage or region value appears in reasons (messages never print secrets). */
const SECRET_SHOWN_AS = "[secret]";

export type Environment = Readonly<Record<string, string | undefined>>;

/** Settles locations that depend on other resources of the stack. */
export interface StackResolver {
  /** Coverage held by another resource. Never deferred again: unresolvable links fail closed. */
  resolveLinked(link: LinkedLocation, view: ResourceView, depth: number): Location;
  /** The resources a DNS record points at; `undefined` when it points at nothing the stack knows. */
  resolveDnsTarget(source: DnsRecordLocation, view: ResourceView, value: Leaf, depth: number): Location | undefined;
}

/** Links are followed this deep (GAAP: domain → listener → proxy) before failing closed. */
export const MAX_LINK_DEPTH = 4;

// The resource policies of one Analyze call share a view and each asks where it serves.
const LOCATED = { memo: "own location" };

/** Views are never modified, so a resource's own location is computed once per view and environment. */
export function resolveLocation(entry: CatalogueEntry, view: ResourceView, env: Environment, resolver?: StackResolver): Location {
  if (resolver) return resolveLocationSource(entry.cloud, entry.location, view, env, resolver, 0);
  return memoised(view, [LOCATED, env, entry], () => resolveLocationSource(entry.cloud, entry.location, view, env, undefined, 0));
}

export function resolveLocationSource(
  cloud: Cloud,
  source: LocationSource,
  view: ResourceView,
  env: Environment,
  resolver: StackResolver | undefined,
  depth: number,
): Location {
  switch (source.kind) {
    case "mainland-only":
      return { status: "mainland", reason: { kind: "mainland-only", why: source.why } };
    case "coverage":
      return resolveCoverage(source, view);
    case "region":
      return resolveRegion(cloud, source, view, env);
    case "choice": {
      const test = testCondition(view.props, source.when);
      if ("unknownPath" in test) return { status: "unknown", paths: [test.unknownPath] };
      return resolveLocationSource(cloud, test.holds ? source.then : source.otherwise, view, env, resolver, depth);
    }
    case "linked":
      return resolveLink(source, view, resolver, depth);
    case "dns-record":
      return resolveDnsRecord(source, view, resolver, depth);
  }
}

function resolveCoverage(source: CoverageLocation, view: ResourceView): Location {
  const leaf = readOne(view.props, source.property);
  const vocabulary: CoverageVocabulary = COVERAGE_VOCABULARIES[source.vocabulary];
  if (leaf.unknown) return { status: "unknown", paths: [leaf.path] };
  const value = leaf.value;
  if (value === undefined || value === null || value === "") {
    const reason: MainlandReason = {
      kind: "coverage",
      property: source.property,
      defaulted: true,
      omittedSource: source.omittedSource,
      outsideValue: vocabulary.outsideValue,
      unrecognised: false,
    };
    return { status: source.whenOmitted === "includes-mainland" ? "mainland" : "outside", reason };
  }
  if (typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean") {
    return {
      status: "mainland",
      reason: {
        kind: "coverage",
        property: source.property,
        value: describeShape(value),
        defaulted: false,
        outsideValue: vocabulary.outsideValue,
        unrecognised: true,
      },
    };
  }
  const reading = readCoverage(source.vocabulary, value);
  const reason: MainlandReason = {
    kind: "coverage",
    property: source.property,
    value: leaf.secret ? SECRET_SHOWN_AS : clipForDisplay(reading.value),
    defaulted: false,
    outsideValue: vocabulary.outsideValue,
    unrecognised: reading.meaning === "unrecognised",
  };
  return { status: reading.meaning === "outside-mainland" ? "outside" : "mainland", reason };
}

function resolveRegion(cloud: Cloud, source: RegionLocation, view: ResourceView, env: Environment): Location {
  let region: string | undefined;
  let secret = false;
  let origin: RegionOrigin = "provider-default";
  let originName: string | undefined;
  let format = source.format ?? "id";

  if (source.property) {
    const leaf = readOne(view.props, source.property);
    if (leaf.unknown) return { status: "unknown", paths: [leaf.path] };
    if (typeof leaf.value === "string" && leaf.value.trim() !== "") {
      region = leaf.value;
      secret = leaf.secret;
      origin = "resource";
    }
  }
  if (region === undefined) format = "id";
  if (region === undefined && view.provider) {
    const leaf = readOne(view.provider.props, "region");
    if (leaf.unknown) return { status: "unknown", paths: [`provider ${view.provider.name}: region`] };
    if (typeof leaf.value === "string" && leaf.value.trim() !== "") {
      region = leaf.value;
      secret = leaf.secret;
      origin = "provider";
      originName = view.provider.name;
    }
  }
  if (region === undefined) {
    for (const variable of PROVIDER_REGION_ENV[cloud]) {
      const value = env[variable];
      if (value !== undefined && value.trim() !== "") {
        region = value;
        origin = "environment";
        originName = variable;
        break;
      }
    }
  }
  if (region === undefined) region = PROVIDER_DEFAULT_REGION[cloud];

  const verdict = classifyRegionInput(cloud, region, format);
  const reason: MainlandReason = {
    kind: "region",
    cloud,
    region: secret ? SECRET_SHOWN_AS : clipForDisplay(verdict.region),
    province: verdict.province,
    origin,
    originName,
    unlisted: !verdict.known,
  };
  return { status: verdict.mainland ? "mainland" : "outside", reason };
}

function resolveLink(link: LinkedLocation, view: ResourceView, resolver: StackResolver | undefined, depth: number): Location {
  const property = link.match === "name" ? link.properties.join(" or ") : link.property;
  let value: string | undefined;
  let secret = false;
  if (link.match !== "name") {
    const leaf = readOne(view.props, link.property);
    if (!leaf.unknown && (leaf.value === undefined || leaf.value === null || leaf.value === "")) {
      // Nothing names the other resource: no stack can settle it, so read it as mainland here.
      return unresolvedLink({ kind: "linked", what: link.what, property, unresolved: "absent", whenOmitted: link.whenOmitted });
    }
    secret = leaf.secret;
    if (!leaf.unknown) value = scalarText(leaf.value);
  }
  if (!resolver) return { status: "unknown", paths: [property], deferral: { kind: "linked", link, property, value, secret } };
  if (depth >= MAX_LINK_DEPTH) {
    return unresolvedLink({ kind: "linked", what: link.what, property, linkValue: value, linkSecret: secret, unresolved: "too-deep" });
  }
  return resolver.resolveLinked(link, view, depth);
}

function resolveDnsRecord(source: DnsRecordLocation, view: ResourceView, resolver: StackResolver | undefined, depth: number): Location {
  const leaf = readOne(view.props, source.value);
  if (!leaf.unknown && typeof leaf.value === "string") {
    const normalised = normaliseHostname(leaf.value);
    const endpoint = normalised.ok ? endpointRegion(normalised.value.hostname) : undefined;
    if (endpoint) {
      const { verdict } = endpoint;
      const hop: Hop = { kind: "dns-target", property: source.value, value: leaf.value, secret: leaf.secret, found: "endpoint", product: endpoint.product };
      const reason: MainlandReason = {
        kind: "region",
        cloud: verdict.cloud,
        region: verdict.region,
        province: verdict.province,
        origin: "endpoint",
        originName: endpoint.product,
        unlisted: false,
        via: [hop],
      };
      return { status: verdict.mainland ? "mainland" : "outside", reason };
    }
  }
  const resolved = resolver?.resolveDnsTarget(source, view, leaf, depth);
  return resolved ?? { status: "unknown", paths: [source.value], deferral: { kind: "dns-record", property: source.value } };
}

function scalarText(value: unknown): string | undefined {
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean" ? String(value) : undefined;
}

/** Values end up in messages; a hostile megabyte-long one must not. */
const MAX_DISPLAYED_VALUE = 100;
function clipForDisplay(value: string): string {
  return value.length <= MAX_DISPLAYED_VALUE ? value : `${textPrefix(value, MAX_DISPLAYED_VALUE)}…`;
}

function describeShape(value: unknown): string {
  if (Array.isArray(value)) return "a list";
  if (value === null || value === undefined) return "nothing";
  return `a ${typeof value}`;
}

/** A link no resource settles: read as mainland (fail closed), saying why. */
export function unresolvedLink(hop: Extract<Hop, { kind: "linked" }>): Location {
  return {
    status: "mainland",
    reason: { kind: "mainland-only", why: "the resource that holds its coverage could not be found, so it is read as mainland (fail closed)", via: [hop] },
  };
}

/** The same location, reached through one more hop. */
export function throughHop(hop: Hop, location: Location): Location {
  if (location.status === "unknown") return location;
  return { status: location.status, reason: { ...location.reason, via: [hop, ...(location.reason.via ?? [])] } };
}
