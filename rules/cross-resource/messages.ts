// Messages for cross-resource reasons and findings, in English and Chinese. Secret values are
// never printed.

import type { Language } from "../config";
import type { Finding } from "../findings";
import type { Hop, MainlandReason, TargetRef } from "../location";

const SECRET_PLACEHOLDER = "[secret]";
const shown = (value: string, secret: boolean | undefined) => (secret ? SECRET_PLACEHOLDER : value);
const label = (target: TargetRef) => `${target.name} (${target.type})`;

type Describe = (reason: MainlandReason, language: Language) => string;

/**
 * A reason reached through other resources: each hop in order, then where the last resource
 * serves (rendered by `describePlace`, the single-resource describer).
 */
export function describeThroughHops(reason: MainlandReason, language: Language, describePlace: Describe): string {
  const hops = reason.via ?? [];
  const parts = hops.map((hop) => describeHop(hop, language));
  const last = hops[hops.length - 1];
  if (!last || !(last.kind === "linked" && last.unresolved)) {
    parts.push(describePlace({ ...reason, via: undefined }, language));
  }
  return parts.join(language === "zh" ? "；" : "; ");
}

function describeHop(hop: Hop, language: Language): string {
  const zh = language === "zh";
  if (hop.kind === "dns-target") {
    const value = `"${shown(hop.value, hop.secret)}"`;
    switch (hop.found) {
      case "endpoint":
        return zh ? `其 ${hop.property} ${value} 是${hop.product ?? "云服务"}的地域域名` : `its ${hop.property} ${value} is an endpoint of ${hop.product ?? "a cloud service"}`;
      case "dependency":
        return zh
          ? `其 ${hop.property} 取自本栈中的 ${label(hop.target!)}`
          : `its ${hop.property} comes from ${label(hop.target!)} in this stack`;
      case "address":
        return zh
          ? `其 ${hop.property} ${value} 是本栈中 ${label(hop.target!)} 的 ${hop.output ?? "地址"}`
          : `its ${hop.property} ${value} is the ${hop.output ?? "address"} of ${label(hop.target!)} in this stack`;
    }
  }
  const value = hop.linkValue !== undefined ? ` ${shown(hop.linkValue, hop.linkSecret)}` : "";
  if (hop.target) {
    return zh
      ? `其覆盖范围取决于 ${hop.property} 指向的${hop.what} ${label(hop.target)}`
      : `its coverage comes from the ${hop.what} ${label(hop.target)} named by ${hop.property}`;
  }
  switch (hop.unresolved) {
    case "absent": {
      const why = hop.whenOmitted ? (zh ? `（${hop.whenOmitted}）` : ` (${hop.whenOmitted})`) : "";
      return zh
        ? `其覆盖范围取决于${hop.what}，但未设置 ${hop.property}${why}，无法确定，按中国大陆处理（失败即阻止）`
        : `its coverage lives on a ${hop.what}, but ${hop.property} is not set${why}, so it cannot be found and is read as mainland (fail closed)`;
    }
    case "too-deep":
      return zh
        ? `其覆盖范围经过过多的资源引用（${hop.property}），按中国大陆处理（失败即阻止）`
        : `its coverage goes through too many linked resources (${hop.property}) and is read as mainland (fail closed)`;
    default:
      return zh
        ? `其覆盖范围取决于 ${hop.property}${value} 指向的${hop.what}，但该资源不在本栈中，无法读取其覆盖范围，按中国大陆处理（失败即阻止）`
        : `its coverage lives on the ${hop.what}${value} named by ${hop.property}, which is not in this stack, so its coverage cannot be read and it is read as mainland (fail closed)`;
  }
}

/** The fix for a reason reached through other resources: change the resource that decides. */
export function fixThroughHops(reason: MainlandReason, language: Language, placeFix: Describe): string {
  const zh = language === "zh";
  const hops = reason.via ?? [];
  const last = hops[hops.length - 1];
  if (last?.kind === "linked" && last.unresolved) {
    return zh
      ? `将该${last.what}纳入本栈以便检查其覆盖范围，或为该域名添加豁免`
      : `manage the ${last.what} in this stack so its coverage can be checked, or add a waiver for the domain`;
  }
  const place = placeFix({ ...reason, via: undefined }, language);
  const first = hops[0];
  if (first?.kind === "dns-target") {
    return zh ? `将记录指向中国大陆以外的资源，或在目标资源上${place}` : `point the record at a resource outside the mainland, or on its target ${place}`;
  }
  const target = [...hops].reverse().find((hop) => hop.target)?.target;
  return target ? (zh ? `在 ${target.name} 上${place}` : `on ${target.name}, ${place}`) : place;
}

export function renderCrossResourceFinding(finding: Finding & { kind: "coverage-elsewhere" }, language: Language): string {
  const who = `${finding.resource.name} (${finding.resource.type})`;
  const hosts = finding.hostnames.map((host) => shown(host.hostname, host.secret)).join(", ");
  const value = finding.linkValue !== undefined ? ` ${shown(finding.linkValue, finding.linkSecret)}` : "";
  if (language === "zh") {
    return (
      `${who}：${hosts} 是否从中国大陆提供服务取决于 ${finding.property}${value} 指向的${finding.what}，资源级检查看不到该资源。` +
      `栈级策略 ${finding.stackPolicy} 会对照本栈中的${finding.what}检查，未备案则阻止；若该${finding.what}不在本栈中，则按中国大陆处理。`
    );
  }
  return (
    `${who}: whether ${hosts} is served from mainland China depends on the ${finding.what}${value} named by ${finding.property}, ` +
    `which a resource-level check cannot see. The stack policy ${finding.stackPolicy} checks it against the ${finding.what} in this stack ` +
    `and blocks an unfiled domain; if that ${finding.what} is not in the stack, it is read as mainland.`
  );
}
