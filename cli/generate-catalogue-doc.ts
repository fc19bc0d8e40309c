#!/usr/bin/env node
// Writes docs/catalogue.md, the users' list of every resource type icpguard checks, from the
// catalogue itself (rules/catalogue.ts, coverage.ts, regions.ts, cross-resource/*). `--check`
// only compares; a test fails when the committed file differs from what this writes.

import { writeOrCheckGenerated } from "./generated-file";
import { CATALOGUE, needsStack, type CatalogueEntry, type HostnameSource, type LocationSource } from "../rules/catalogue";
import { COVERAGE_VOCABULARIES, type CoverageVocabulary } from "../rules/coverage";
import { REGIONAL_ENDPOINTS } from "../rules/cross-resource/endpoints";
import { STACK_FILING_REQUIRED } from "../rules/cross-resource/metadata";
import { DNS_TARGETS } from "../rules/cross-resource/targets";
import { FILING_REQUIRED_METADATA } from "../rules/policy-metadata";
import { provinceByCode } from "../rules/provinces";
import { listedRegions, PROVIDER_DEFAULT_REGION, PROVIDER_REGION_ENV, tencentShortRegionCodes, type Cloud } from "../rules/regions";
import { describeCondition } from "../rules/view";

export const CATALOGUE_DOC_FILE = "docs/catalogue.md";

const CLOUD_NAMES: Record<Cloud, string> = { alicloud: "Alibaba Cloud (`alicloud`)", tencentcloud: "Tencent Cloud (`tencentcloud`)" };

/** A table cell: pipes escaped, line breaks flattened. */
function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

function code(text: string): string {
  return `\`${text}\``;
}

function describeHostname(source: HostnameSource): string {
  let text = source.zone ? `${code(source.path)} + ${code(source.zone)} (DNS name; \`@\` or empty is the apex)` : code(source.path);
  if (source.relativeWhenOmitted !== undefined) text += `, ${code(source.path)} defaults to ${code(source.relativeWhenOmitted)}`;
  if (source.split) text += `, split on ${code(source.split)}`;
  if (source.json) text += ", a JSON array of names";
  if (source.dotlessIsNotHostname) text += `, a name without a dot is ${source.zone ? "a generated zone name" : "not a domain"} (skipped)`;
  if (source.when) text += `, only when ${describeCondition(source.when)}`;
  return text;
}

interface LocationText {
  where: string;
  omitted: string;
  region: string;
}

function regionSource(cloud: Cloud): string {
  const env = PROVIDER_REGION_ENV[cloud].map(code).join(", ");
  return `provider region (the provider's \`region\`, else ${env}, else ${code(PROVIDER_DEFAULT_REGION[cloud])})`;
}

function describeLocation(source: LocationSource, cloud: Cloud): LocationText {
  switch (source.kind) {
    case "coverage": {
      const vocabulary: CoverageVocabulary = COVERAGE_VOCABULARIES[source.vocabulary];
      const meaning = source.whenOmitted === "includes-mainland" ? "mainland" : "outside the mainland";
      return { where: `coverage ${code(source.property)}: ${vocabulary.label}`, omitted: `${meaning}: ${source.omittedSource}`, region: "none (coverage decides)" };
    }
    case "region":
      return {
        where: "region",
        omitted: "provider default region (mainland)",
        region: source.property
          ? `${code(source.property)} on the resource${source.format === "tencent-short-code" ? " as a short code (`gz`, `hk` …, see below)" : ""}, else ${regionSource(cloud)}`
          : regionSource(cloud),
      };
    case "mainland-only":
      return { where: `mainland only (${source.why})`, omitted: "—", region: "none" };
    case "choice": {
      const then = describeLocation(source.then, cloud);
      const otherwise = describeLocation(source.otherwise, cloud);
      const when = describeCondition(source.when);
      return {
        where: `when ${when}: ${then.where}; otherwise: ${otherwise.where}`,
        omitted: then.omitted === otherwise.omitted ? then.omitted : `when ${when}: ${then.omitted}; otherwise: ${otherwise.omitted}`,
        region: then.region === otherwise.region ? then.region : `when ${when}: ${then.region}; otherwise: ${otherwise.region}`,
      };
    }
    case "linked": {
      const inner = describeLocation(source.targetLocation, cloudOf(source.targets[0]) ?? cloud);
      const by =
        source.match === "reference"
          ? `named by ${code(source.property)} (found through the engine's property dependency)`
          : source.match === "shared"
            ? `sharing ${code(source.property)} (equal values or a common dependency)`
            : `whose ${code(source.targetProperty)} equals ${source.properties.map(code).join(" or ")}`;
      const targets = source.targets.map(code).join(", ");
      const absent =
        source.match === "name" ? "" : `; ${code(source.property)} not set${source.whenOmitted ? ` (${source.whenOmitted})` : ""}: mainland (fail closed)`;
      return {
        where: `the ${source.what} (${targets}) ${by}: ${inner.where}`,
        omitted: `${inner.omitted}; ${source.what} not in the stack: mainland (fail closed)${absent}`,
        region: inner.region,
      };
    }
    case "dns-record":
      return {
        where: `the resource ${code(source.value)} points at: a regional endpoint it names, or a [DNS target](#dns-targets) of the stack`,
        omitted: "points at nothing the stack knows: no finding",
        region: "the target's",
      };
  }
}

function cloudOf(type: string): Cloud | undefined {
  if (type.startsWith("alicloud:")) return "alicloud";
  if (type.startsWith("tencentcloud:")) return "tencentcloud";
  return undefined;
}

function entryRow(entry: CatalogueEntry): string {
  const location = describeLocation(entry.location, entry.cloud);
  const notes = [entry.source, entry.notes, entry.unconfirmed ? `**Unconfirmed:** ${entry.unconfirmed}` : undefined].filter(Boolean).join(" — ");
  const policy = needsStack(entry.location) ? `${FILING_REQUIRED_METADATA.name} + ${STACK_FILING_REQUIRED}` : FILING_REQUIRED_METADATA.name;
  return `| ${[
    `${code(entry.type)}<br>${entry.title}`,
    entry.hostnames.map(describeHostname).join("; "),
    location.where,
    location.omitted,
    location.region,
    policy,
    notes,
  ]
    .map(cell)
    .join(" | ")} |`;
}

function catalogueSection(cloud: Cloud): string[] {
  const entries = CATALOGUE.filter((entry) => entry.cloud === cloud);
  return [
    `## ${CLOUD_NAMES[cloud]}: ${entries.length} types`,
    "",
    "| Type | Hostname inputs | Where it serves from | When omitted | Region source | Checked by | Source and notes |",
    "|---|---|---|---|---|---|---|",
    ...entries.map(entryRow),
    "",
  ];
}

function vocabularySection(): string[] {
  const rows = Object.entries(COVERAGE_VOCABULARIES).map(([name, raw]) => {
    const vocabulary: CoverageVocabulary = raw;
    const values = (meaning: string) => [
      ...Object.entries(vocabulary.values).filter(([, m]) => m === meaning).map(([value]) => code(value)),
      ...Object.entries(vocabulary.prefixes ?? {}).filter(([, m]) => m === meaning).map(([prefix]) => `${code(prefix)}…`),
    ];
    return `| ${[code(name), vocabulary.usedBy, values("includes-mainland").join(", "), values("outside-mainland").join(", "), vocabulary.list ? "yes" : "no", vocabulary.source]
      .map(cell)
      .join(" | ")} |`;
  });
  return [
    "## Coverage vocabularies",
    "",
    "Values compare case-insensitively. A value outside the list is read as **mainland**, with an advisory.",
    "",
    "| Vocabulary | Used by | Includes the mainland | Outside the mainland | Comma list | Source |",
    "|---|---|---|---|---|---|",
    ...rows,
    "",
  ];
}

function regionSection(): string[] {
  const table = (cloud: Cloud) =>
    listedRegions(cloud).map((region) => {
      const province = region.province ? provinceByCode(region.province) : undefined;
      const where = region.mainland ? `mainland${province ? `, ${province.englishName} (${province.chineseName})` : ""}` : "outside the mainland";
      return `| ${[code(region.region), where, region.unconfirmed ? "unconfirmed" : ""].map(cell).join(" | ")} |`;
    });
  const codes = Object.entries(tencentShortRegionCodes()).map(([short, region]) => `${code(short)} → ${code(region)}`);
  return [
    "## Regions",
    "",
    "An unlisted Alibaba ID starting `cn-` (except `cn-hongkong…`) or Tencent ID named after a mainland city is read as mainland, with an advisory; other unlisted IDs are read as outside, with an advisory.",
    "",
    "### Alibaba Cloud",
    "",
    "| Region | Where | |",
    "|---|---|---|",
    ...table("alicloud"),
    "",
    "### Tencent Cloud",
    "",
    "| Region | Where | |",
    "|---|---|---|",
    ...table("tencentcloud"),
    "",
    "Tencent short region codes (`Waf/clbDomain.region`; T-TF `ShortRegionNameParse`); an unknown code is read as mainland (fail closed), with an advisory:",
    "",
    codes.join(", "),
    "",
  ];
}

function crossResourceSection(): string[] {
  const targets = DNS_TARGETS.map((target) => {
    const where = target.location ? describeLocation(target.location, target.cloud).where : "as its catalogue entry above";
    const addresses = target.addresses.map((source) => (source.zone ? `${code(source.path)}.${code(source.zone)}` : code(source.path))).join(", ");
    const privateNote = target.privateWhen ? `ignored when ${describeCondition(target.privateWhen)}` : "";
    return `| ${[code(target.type), addresses, where, privateNote, target.source].map(cell).join(" | ")} |`;
  });
  const endpoints = REGIONAL_ENDPOINTS.map(
    (endpoint) => `| ${[endpoint.product, code(endpoint.pattern.source), endpoint.source].map(cell).join(" | ")} |`,
  );
  return [
    `## Cross-resource checks: \`${STACK_FILING_REQUIRED}\``,
    "",
    `Some resources do not say where they serve from: their coverage lives on another resource, or (DNS records) they point at one. A resource policy sees one resource at a time, so these are settled by the stack policy \`${STACK_FILING_REQUIRED}\` (mandatory by default; same config as \`${FILING_REQUIRED_METADATA.name}\`: repeat \`filings\` and \`waivers\` there).`,
    "",
    `- **Coverage on another resource** (EdgeOne zone, ESA site, GA IP sets, GAAP listener → proxy, Live domain by name). \`${FILING_REQUIRED_METADATA.name}\` gives an advisory for each unfiled custom name, since it cannot see the other resource. \`${STACK_FILING_REQUIRED}\` finds that resource in the stack: mainland → blocks; outside → passes; its coverage unknown during preview → advisory, blocking at update. **Not in the stack → read as mainland (fail closed) and blocked**, with a message saying so; fix it by managing that resource in the stack, a filing, or a waiver. While the link ID itself is unknown during preview and the engine names no dependency, it is an advisory; at update the ID is known and fails closed if still not found. A link input that is not set at all is read as mainland too: by \`${FILING_REQUIRED_METADATA.name}\` itself when it is on the resource (\`siteId\` is optional on ESA edge container records), by \`${STACK_FILING_REQUIRED}\` when it is further along (a GAAP listener on a proxy group has no \`proxyId\`).`,
    `- **DNS records** (Alibaba DNS, legacy DNS, DNSPod, EdgeOne DNS, unproxied ESA records; A, AAAA and CNAME only; private zones are out of scope). A value naming a regional cloud endpoint (below) is decided by \`${FILING_REQUIRED_METADATA.name}\` alone. Otherwise \`${STACK_FILING_REQUIRED}\` looks at the resources the engine lists as property dependencies of the value, and at stack resources whose address outputs equal the value: if any serves from the mainland, the record's custom name needs a filing. Known-intranet load balancers are ignored. A record pointing at nothing the stack knows gives no finding. An overseas DNS line does not exempt a record: the server is still in the mainland.`,
    "- During \`pulumi up\` the engine runs stack policies after resources are created: the preview is the gate; at update a violation still fails the update.",
    "",
    "### DNS targets",
    "",
    "| Type | Address outputs | Where it serves from | | Source |",
    "|---|---|---|---|---|",
    ...targets,
    "",
    "### Regional endpoints a record value can name",
    "",
    "| Product | Pattern (group 1 is the region) | Source |",
    "|---|---|---|",
    ...endpoints,
    "",
  ];
}

/** The whole document, as the committed file holds it. */
export function renderCatalogueDocument(): string {
  const counts = (["alicloud", "tencentcloud"] as const).map((cloud) => `${CATALOGUE.filter((entry) => entry.cloud === cloud).length} ${cloud}`).join(", ");
  const lines = [
    "# Resource catalogue",
    "",
    "<!-- Generated from rules/catalogue.ts by `node dist/cli/generate-catalogue-doc.js`; do not edit. -->",
    "",
    `Every Pulumi resource type icpguard checks for a custom domain served from mainland China (${CATALOGUE.length} types: ${counts}), where its hostnames are read, and what decides whether it serves from the mainland. Provider versions: \`@pulumi/alicloud\` 3.108.0, \`@tencentcloud_iac/pulumi\` v0.2.3.`,
    "",
    "Source keys: **A** = `@pulumi/alicloud` 3.108.0 (`.d.ts` docs, `__pulumiType`); **A-TF** = aliyun/terraform-provider-alicloud; **T** = tencentcloudstack/pulumi-tencentcloud v0.2.3 `sdk/nodejs`; **T-TF** = terraform-provider-tencentcloud v1.82.42; **API** = the cloud's API reference. Anything no source settled is marked *unconfirmed*; such defaults are read as mainland.",
    "",
    "Path syntax: `a.b` nested, `a[]` every element, `a[k=V]` elements whose `k` is `V`, `a[k!=V]` the others. A leading `*.` or `.` wildcard counts as its registered domain.",
    "",
    ...catalogueSection("alicloud"),
    ...catalogueSection("tencentcloud"),
    ...crossResourceSection(),
    ...vocabularySection(),
    ...regionSection(),
  ];
  return `${lines.join("\n").replace(/\n{3,}/g, "\n\n").trimEnd()}\n`;
}

function main(argv: readonly string[]): number {
  return writeOrCheckGenerated(CATALOGUE_DOC_FILE, renderCatalogueDocument(), argv, "npm run docs");
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
