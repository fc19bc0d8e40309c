// What-if: the same stack served from another region. Provider regions, resource region inputs
// and edge coverages are rewritten to one side of the mainland border, so one program gives both
// layouts of a comparison. Pure: views in, views out, with every input it changed.

import { CATALOGUE, catalogueEntryFor, type LocationSource } from "./catalogue";
import { readCoverage, sampleValue, type CoverageVocabularyName } from "./coverage";
import { StackLocationResolver } from "./cross-resource/resolve";
import { StackIndex } from "./cross-resource/stack-index";
import { SECRET_PLACEHOLDER } from "./messages";
import { resolveLocation, type Environment, type MainlandReason } from "./location";
import { classifyRegion, cloudOfType, PROVIDER_REGION_ENV, tencentShortRegionCodes, type Cloud } from "./regions";
import { Secret, testCondition, Unknown, type ProviderView, type ResourceView, type ViewObject, type ViewValue } from "./view";

const CLOUDS: readonly Cloud[] = ["alicloud", "tencentcloud"];

// The same city in both clouds, so that one --region moves resources of both. Cities from the
// region pages behind rules/regions.ts.
const SAME_CITY: readonly (readonly [alicloud: string, tencentcloud: string])[] = [
  ["cn-hongkong", "ap-hongkong"],
  ["cn-beijing", "ap-beijing"],
  ["cn-shanghai", "ap-shanghai"],
  ["cn-guangzhou", "ap-guangzhou"],
  ["cn-shenzhen", "ap-shenzhen"],
  ["cn-chengdu", "ap-chengdu"],
  ["cn-nanjing", "ap-nanjing"],
  ["ap-southeast-1", "ap-singapore"],
  ["ap-southeast-5", "ap-jakarta"],
  ["ap-southeast-7", "ap-bangkok"],
  ["ap-northeast-1", "ap-tokyo"],
  ["ap-northeast-2", "ap-seoul"],
  ["ap-south-1", "ap-mumbai"],
  ["us-west-1", "na-siliconvalley"],
  ["us-east-1", "na-ashburn"],
  ["eu-central-1", "eu-frankfurt"],
];

export interface TargetRegions {
  regions: Record<Cloud, string>;
  /** Which side of the border the target is on. */
  mainland: boolean;
}

export type TargetRegionsResult = { ok: true; target: TargetRegions } | { ok: false; message: string };

/**
 * The region for each cloud from the regions given (one per cloud at most); a cloud not given
 * gets the same city in the other cloud. Both must be on the same side of the border.
 */
export function targetRegions(ids: readonly string[]): TargetRegionsResult {
  const given: Partial<Record<Cloud, string>> = {};
  for (const raw of ids) {
    const id = raw.trim().toLowerCase();
    const clouds = CLOUDS.filter((cloud) => classifyRegion(cloud, id).known);
    if (clouds.length === 0) {
      return { ok: false, message: `"${raw}" is not a region icpguard lists for Alibaba Cloud or Tencent Cloud (e.g. cn-hongkong, ap-hongkong, cn-shanghai)` };
    }
    for (const cloud of clouds) {
      if (given[cloud] !== undefined && given[cloud] !== id) return { ok: false, message: `give one region per cloud: ${given[cloud]} and ${id} are both ${cloud} regions` };
      given[cloud] = id;
    }
  }
  const regions: Partial<Record<Cloud, string>> = { ...given };
  for (const [alicloud, tencentcloud] of SAME_CITY) {
    if (regions.alicloud === undefined && given.tencentcloud === tencentcloud) regions.alicloud = alicloud;
    if (regions.tencentcloud === undefined && given.alicloud === alicloud) regions.tencentcloud = tencentcloud;
  }
  for (const cloud of CLOUDS) {
    if (regions[cloud] === undefined) {
      const other = CLOUDS.find((candidate) => candidate !== cloud) as Cloud;
      return { ok: false, message: `no ${cloud} region in the same city as ${given[other] ?? "the one given"}; give one too (--region <${cloud} region>)` };
    }
  }
  const complete = regions as Record<Cloud, string>;
  const sides = CLOUDS.map((cloud) => classifyRegion(cloud, complete[cloud]).mainland);
  if (sides[0] !== sides[1]) {
    return { ok: false, message: `${complete.alicloud} and ${complete.tencentcloud} are on different sides of the mainland border; give regions on the same side` };
  }
  return { ok: true, target: { regions: complete, mainland: sides[0] as boolean } };
}

export interface LayoutChange {
  urn: string;
  name: string;
  type: string;
  property: string;
  /** The value before, as text; absent when the input was not set. */
  from?: string;
  to: string;
}

/** A serving resource the rewrite could not move across the border, and why it stays. */
export interface UnmovedResource {
  urn: string;
  name: string;
  type: string;
  reason?: MainlandReason;
  /** Its place could not be read (a preview value). */
  unknown: boolean;
}

export interface RewrittenLayout {
  views: ResourceView[];
  /** Region variables for resources with no provider region, on top of the caller's environment. */
  env: Environment;
  changes: LayoutChange[];
  unmoved: UnmovedResource[];
}

interface Rewrite {
  target: TargetRegions;
  changes: LayoutChange[];
  /** Provider URNs whose change is already recorded. */
  providersDone: Set<string>;
}

export function rewriteLayout(views: readonly ResourceView[], target: TargetRegions, env: Environment = {}): RewrittenLayout {
  const rewrite: Rewrite = { target, changes: [], providersDone: new Set() };
  const rewritten = views.map((view) => rewriteView(view, rewrite));
  const regionEnv: Record<string, string> = {};
  for (const cloud of CLOUDS) regionEnv[PROVIDER_REGION_ENV[cloud][0] as string] = target.regions[cloud];
  const newEnv: Environment = { ...env, ...regionEnv };

  const resolver = new StackLocationResolver(new StackIndex(rewritten), newEnv);
  const unmoved: UnmovedResource[] = [];
  for (const view of rewritten) {
    const entry = catalogueEntryFor(view.type);
    if (!entry) continue;
    const location = resolveLocation(entry, view, newEnv, resolver);
    const stays = location.status === "unknown" || (location.status === "mainland") !== target.mainland;
    if (!stays) continue;
    unmoved.push({
      urn: view.urn,
      name: view.name,
      type: view.type,
      unknown: location.status === "unknown",
      ...(location.status !== "unknown" ? { reason: location.reason } : {}),
    });
  }
  return { views: rewritten, env: newEnv, changes: rewrite.changes, unmoved };
}

function rewriteView(view: ResourceView, rewrite: Rewrite): ResourceView {
  let result = view;
  if (view.type.startsWith("pulumi:providers:")) {
    result = { ...result, props: rewriteProviderProps(view, rewrite) ?? view.props };
  }
  if (view.provider) {
    const props = rewriteProviderProps(view.provider, rewrite);
    if (props) result = { ...result, provider: { ...view.provider, props } };
  }
  const source = LOCATION_BY_TYPE.get(view.type);
  const cloud = cloudOfType(view.type);
  if (source && cloud) {
    const props = rewriteLocation(cloud, source, result, rewrite);
    if (props !== result.props) result = { ...result, props };
  }
  return result;
}

/** New provider properties with the target region, or undefined when the provider is of neither cloud. */
function rewriteProviderProps(provider: ProviderView | ResourceView, rewrite: Rewrite): ViewObject | undefined {
  const cloud = cloudOfType(provider.type);
  if (!cloud) return undefined;
  const to = rewrite.target.regions[cloud];
  const current = provider.props.region;
  const from = typeof current === "string" ? current : undefined;
  if (current instanceof Unknown || current instanceof Secret || from === to) return undefined;
  if (!rewrite.providersDone.has(provider.urn)) {
    rewrite.providersDone.add(provider.urn);
    rewrite.changes.push({ urn: provider.urn, name: provider.name, type: provider.type, property: "region", ...(from ? { from } : {}), to });
  }
  return { ...provider.props, region: to };
}

/** The properties with coverage and region inputs moved to the target side. */
function rewriteLocation(cloud: Cloud, source: LocationSource, view: ResourceView, rewrite: Rewrite): ViewObject {
  switch (source.kind) {
    case "coverage":
      return rewriteCoverage(view, source.property, source.vocabulary, source.whenOmitted === "includes-mainland", rewrite);
    case "region": {
      if (!source.property || !(source.property in view.props)) return view.props;
      const id = rewrite.target.regions[cloud];
      const to = source.format === "tencent-short-code" ? (shortCodeOf(id) ?? id) : id;
      return setValue(view, source.property, to, rewrite);
    }
    case "choice": {
      const test = testCondition(view.props, source.when);
      if ("unknownPath" in test) return view.props;
      return rewriteLocation(cloud, test.holds ? source.then : source.otherwise, view, rewrite);
    }
    default:
      // Linked coverage moves with the resource that holds it; a DNS record follows its target.
      return view.props;
  }
}

function rewriteCoverage(
  view: ResourceView,
  property: string,
  vocabulary: CoverageVocabularyName,
  omittedIsMainland: boolean,
  rewrite: Rewrite,
): ViewObject {
  const { mainland } = rewrite.target;
  let value: ViewValue | undefined = view.props[property];
  while (value instanceof Secret) value = value.value;
  if (value instanceof Unknown) return view.props;
  if (value === undefined || value === null || value === "") {
    // Omitted means the product default: rewrite only when that default is on the wrong side.
    if (omittedIsMainland === mainland) return view.props;
    return setValue(view, property, coverageValue(vocabulary, rewrite.target), rewrite);
  }
  if (typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean") return view.props;
  const meaning = readCoverage(vocabulary, value).meaning;
  // "global" already includes the mainland; an unrecognised value is read as mainland.
  const onTargetSide = mainland ? meaning !== "outside-mainland" : meaning === "outside-mainland";
  if (onTargetSide) return view.props;
  const to = coverageValue(vocabulary, rewrite.target);
  return setValue(view, property, typeof value === "number" ? Number(to) : to, rewrite);
}

/** The value of a vocabulary on the target's side, near the target region where the vocabulary names places. */
function coverageValue(vocabulary: CoverageVocabularyName, target: TargetRegions): string {
  if (vocabulary === "alibaba-region") return target.regions.alicloud;
  if (vocabulary === "gaap-access-region") {
    // GAAP names cities: ap-shanghai → Shanghai, ap-hongkong → Hongkong.
    const city = target.regions.tencentcloud.slice(3).split("-")[0] as string;
    const meaning = readCoverage(vocabulary, city).meaning;
    if (meaning === (target.mainland ? "includes-mainland" : "outside-mainland")) return city.charAt(0).toUpperCase() + city.slice(1);
  }
  return sampleValue(vocabulary, target.mainland ? "includes-mainland" : "outside-mainland");
}

function shortCodeOf(id: string): string | undefined {
  return Object.entries(tencentShortRegionCodes()).find(([, region]) => region === id)?.[0];
}

function setValue(view: ResourceView, property: string, to: string | number, rewrite: Rewrite): ViewObject {
  const current = view.props[property];
  const secret = current instanceof Secret;
  const plain = secret ? (current as Secret).value : current;
  const from = typeof plain === "string" || typeof plain === "number" ? String(plain) : undefined;
  if (from === String(to)) return view.props;
  rewrite.changes.push({
    urn: view.urn,
    name: view.name,
    type: view.type,
    property,
    ...(from !== undefined ? { from: secret ? SECRET_PLACEHOLDER : from } : {}),
    to: String(to),
  });
  return { ...view.props, [property]: secret ? new Secret(to) : to };
}

/**
 * Where each type's own place is written: catalogued types, and the resources that hold the
 * coverage of others (GA IP sets, GAAP proxies), found through the catalogue's links.
 */
const LOCATION_BY_TYPE: ReadonlyMap<string, LocationSource> = (() => {
  const byType = new Map<string, LocationSource>();
  const visit = (type: string, source: LocationSource) => {
    if (source.kind === "linked") {
      // The linking resource has no place of its own; the linked ones do.
      for (const target of source.targets) visit(target, source.targetLocation);
      return;
    }
    if (source.kind === "choice") for (const branch of [source.then, source.otherwise]) if (branch.kind === "linked") visit(type, branch);
    if (!byType.has(type)) byType.set(type, source);
  };
  for (const entry of CATALOGUE) visit(entry.type, entry.location);
  return byType;
})();

/** For tests: the place each type's inputs are rewritten at. */
export function rewrittenLocationOf(type: string): LocationSource | undefined {
  return LOCATION_BY_TYPE.get(type);
}
