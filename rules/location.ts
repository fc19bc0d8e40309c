// Where a catalogued resource serves from: mainland China or not, and why.

import type { CatalogueEntry } from "./catalogue";
import { COVERAGE_VOCABULARIES, readCoverage } from "./coverage";
import type { ProvinceCode } from "./provinces";
import { classifyRegion, PROVIDER_DEFAULT_REGION, PROVIDER_REGION_ENV, type Cloud } from "./regions";
import { readOne, type ResourceView } from "./view";

export type RegionOrigin = "resource" | "provider" | "environment" | "provider-default";

export type MainlandReason =
  | {
      kind: "region";
      cloud: Cloud;
      region: string;
      province?: ProvinceCode;
      origin: RegionOrigin;
      /** Provider resource name, or the environment variable, the region came from. */
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

export type Location =
  | { status: "mainland"; reason: MainlandReason }
  | { status: "outside"; reason: MainlandReason }
  | { status: "unknown"; paths: string[] };

export type Environment = Readonly<Record<string, string | undefined>>;

export function resolveLocation(entry: CatalogueEntry, view: ResourceView, env: Environment): Location {
  const source = entry.location;
  switch (source.kind) {
    case "mainland-only":
      return { status: "mainland", reason: { kind: "mainland-only", why: source.why } };
    case "coverage": {
      const leaf = readOne(view.props, source.property);
      const vocabulary = COVERAGE_VOCABULARIES[source.vocabulary];
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
        value: reading.value,
        defaulted: false,
        outsideValue: vocabulary.outsideValue,
        unrecognised: reading.meaning === "unrecognised",
      };
      return { status: reading.meaning === "outside-mainland" ? "outside" : "mainland", reason };
    }
    case "region":
      return resolveRegion(entry.cloud, source.property, view, env);
  }
}

function resolveRegion(cloud: Cloud, property: string | undefined, view: ResourceView, env: Environment): Location {
  let region: string | undefined;
  let origin: RegionOrigin = "provider-default";
  let originName: string | undefined;

  if (property) {
    const leaf = readOne(view.props, property);
    if (leaf.unknown) return { status: "unknown", paths: [leaf.path] };
    if (typeof leaf.value === "string" && leaf.value.trim() !== "") {
      region = leaf.value;
      origin = "resource";
    }
  }
  if (region === undefined && view.provider) {
    const leaf = readOne(view.provider.props, "region");
    if (leaf.unknown) return { status: "unknown", paths: [`provider ${view.provider.name}: region`] };
    if (typeof leaf.value === "string" && leaf.value.trim() !== "") {
      region = leaf.value;
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

  const verdict = classifyRegion(cloud, region);
  const reason: MainlandReason = {
    kind: "region",
    cloud,
    region: verdict.region,
    province: verdict.province,
    origin,
    originName,
    unlisted: !verdict.known,
  };
  return { status: verdict.mainland ? "mainland" : "outside", reason };
}

function describeShape(value: unknown): string {
  if (Array.isArray(value)) return "a list";
  if (value === null || value === undefined) return "nothing";
  return `a ${typeof value}`;
}
