// Settles locations that depend on other resources of the stack: coverage held by a zone, site,
// IP set, proxy or named domain, and the target of a DNS record.
//
// Order of verdicts when several resources are involved: any mainland one makes the resource
// mainland; otherwise any unknown one makes it unknown; otherwise it is outside. A link that finds
// no resource is read as mainland (fail closed), except while the link's own value is unknown
// during preview, which is unknown.

import type { DnsRecordLocation, LinkedLocation } from "../catalogue";
import { normaliseHostname } from "../hostname";
import {
  resolveLocationSource,
  throughHop,
  unresolvedLink,
  type Environment,
  type Hop,
  type Location,
  type StackResolver,
  type TargetRef,
} from "../location";
import { cloudOfType, type Cloud } from "../regions";
import { readOne, testCondition, type Leaf, type ResourceView } from "../view";
import { addressKey, dependenciesOf, topLevelProperty, type StackIndex } from "./stack-index";
import { dnsTargetFor, targetLocation } from "./targets";

const ref = (view: ResourceView): TargetRef => ({ urn: view.urn, name: view.name, type: view.type });

export class StackLocationResolver implements StackResolver {
  constructor(
    private readonly index: StackIndex,
    private readonly env: Environment,
  ) {}

  resolveLinked(link: LinkedLocation, view: ResourceView, depth: number): Location {
    if (link.match === "name") return this.resolveByName(link, view, depth);
    const leaf = readOne(view.props, link.property);
    const linkValue = leaf.unknown ? undefined : scalarText(leaf.value);
    const hopBase = { kind: "linked" as const, what: link.what, property: link.property, linkValue, linkSecret: leaf.secret };

    const targets = link.match === "reference" ? this.referenced(link, view) : this.sharing(link, view, linkValue);
    if (targets.length === 0) {
      // An unknown ID with no dependency the engine reported: nothing to look at until update.
      const hasDependencies = (view.propertyDependencies?.[topLevelProperty(link.property)] ?? []).length > 0;
      if (leaf.unknown && !hasDependencies) return { status: "unknown", paths: [leaf.path] };
      return unresolvedLink({ ...hopBase, unresolved: "not-in-stack" });
    }
    return combine(
      targets.map((target) => throughHop({ ...hopBase, target: ref(target) }, this.locate(link, target, depth))),
      view,
    );
  }

  resolveDnsTarget(source: DnsRecordLocation, view: ResourceView, value: Leaf, depth: number): Location | undefined {
    const valueText = !value.unknown && typeof value.value === "string" ? value.value : undefined;
    const hopBase = { kind: "dns-target" as const, property: source.value, value: valueText ?? "", secret: value.secret };
    const found: { target: ResourceView; hop: Hop }[] = [];
    for (const target of dependenciesOf(this.index, view, source.value)) {
      if (!dnsTargetFor(target.type)) continue;
      found.push({ target, hop: { ...hopBase, found: "dependency", target: ref(target) } });
    }
    const key = valueText !== undefined ? addressKey(valueText) : undefined;
    if (key !== undefined) {
      for (const holder of this.index.holdersOf(key)) {
        if (found.some((item) => item.target.urn === holder.view.urn)) continue;
        found.push({ target: holder.view, hop: { ...hopBase, found: "address", target: ref(holder.view), output: holder.output } });
      }
    }
    const locations: Location[] = [];
    for (const { target, hop } of found) {
      const dnsTarget = dnsTargetFor(target.type)!;
      if (dnsTarget.privateWhen) {
        const test = testCondition(target.props, dnsTarget.privateWhen);
        if ("holds" in test && test.holds) continue;
      }
      const { cloud, location } = targetLocation(dnsTarget);
      locations.push(throughHop(hop, this.locateSource(cloud, location, target, depth)));
    }
    return locations.length > 0 ? combine(locations, view) : undefined;
  }

  /** Targets the engine says the link property's value came from. */
  private referenced(link: LinkedLocation & { match: "reference" }, view: ResourceView): ResourceView[] {
    return dependenciesOf(this.index, view, link.property).filter((target) => link.targets.includes(target.type));
  }

  /** Resources naming the same parent: equal known values, or a common dependency. */
  private sharing(link: LinkedLocation & { match: "shared" }, view: ResourceView, linkValue: string | undefined): ResourceView[] {
    const ours = new Set(view.propertyDependencies?.[topLevelProperty(link.property)] ?? []);
    return this.index.ofTypes(link.targets).filter((candidate) => {
      if (candidate.urn === view.urn) return false;
      const theirs = readOne(candidate.props, link.targetProperty);
      if (linkValue !== undefined && !theirs.unknown && scalarText(theirs.value) === linkValue) return true;
      return (candidate.propertyDependencies?.[topLevelProperty(link.targetProperty)] ?? []).some((urn) => ours.has(urn));
    });
  }

  /** Name links: each named domain must be a target in the stack; one that is not fails closed. */
  private resolveByName(link: LinkedLocation & { match: "name" }, view: ResourceView, depth: number): Location {
    const locations: Location[] = [];
    for (const property of link.properties) {
      const leaf = readOne(view.props, property);
      if (leaf.unknown) {
        locations.push({ status: "unknown", paths: [leaf.path] });
        continue;
      }
      if (typeof leaf.value !== "string" || leaf.value === "") continue;
      const name = hostnameOf(leaf.value);
      const hopBase = { kind: "linked" as const, what: link.what, property, linkValue: leaf.value, linkSecret: leaf.secret };
      const targets = this.index.ofTypes(link.targets).filter((candidate) => {
        const theirs = readOne(candidate.props, link.targetProperty);
        return !theirs.unknown && typeof theirs.value === "string" && hostnameOf(theirs.value) === name;
      });
      if (targets.length === 0) {
        locations.push(unresolvedLink({ ...hopBase, unresolved: "not-in-stack" }));
        continue;
      }
      for (const target of targets) locations.push(throughHop({ ...hopBase, target: ref(target) }, this.locate(link, target, depth)));
    }
    // Without any name there is no hostname either: nothing is served.
    if (locations.length === 0) return unresolvedLink({ kind: "linked", what: link.what, property: link.properties.join(" or "), unresolved: "absent" });
    return combine(locations, view);
  }

  private locate(link: LinkedLocation, target: ResourceView, depth: number): Location {
    return this.locateSource(cloudOfType(target.type) ?? "alicloud", link.targetLocation, target, depth);
  }

  private locateSource(cloud: Cloud, location: LinkedLocation["targetLocation"], target: ResourceView, depth: number): Location {
    const located = resolveLocationSource(cloud, location, target, this.env, this, depth + 1);
    // A target whose own location waits on the stack and found nothing (a record pointing at a
    // record): nothing is known about it.
    if (located.status === "unknown") return { status: "unknown", paths: located.paths.map((path) => `${target.name}: ${path}`) };
    return located;
  }
}

/** Several verdicts into one: mainland (settled before fail-closed), else unknown, else outside. */
function combine(locations: Location[], view: ResourceView): Location {
  const mainland = locations.filter((location) => location.status === "mainland");
  const settled = mainland.find((location) => location.status === "mainland" && !failedClosed(location));
  if (settled) return settled;
  if (mainland.length > 0) return mainland[0];
  const unknown = locations.filter((location): location is Location & { status: "unknown" } => location.status === "unknown");
  if (unknown.length > 0) return { status: "unknown", paths: unknown.flatMap((location) => location.paths) };
  const outside = locations.find((location) => location.status === "outside");
  if (outside) return outside;
  throw new Error(`no verdict to combine for ${view.urn}`);
}

function failedClosed(location: Location): boolean {
  if (location.status === "unknown") return false;
  return (location.reason.via ?? []).some((hop) => hop.kind === "linked" && hop.unresolved !== undefined);
}

function hostnameOf(raw: string): string {
  const normalised = normaliseHostname(raw);
  return normalised.ok ? normalised.value.hostname : raw.trim().toLowerCase();
}

function scalarText(value: unknown): string | undefined {
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean" ? String(value) : undefined;
}
