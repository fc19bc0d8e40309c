// Coverage vocabularies: each product names its delivery area in its own words.
// Sources: ../notes/catalogue-research.md §3 (values and defaults per product, read from A/A-TF and
// T/T-TF), ../shared/reference/provider-catalogue.md (pitfall 2).

import { listedRegions } from "./regions";

export type CoverageMeaning = "includes-mainland" | "outside-mainland";

export interface CoverageVocabulary {
  /** How users see it in messages and the catalogue document. */
  label: string;
  /** Products and inputs that use it. */
  usedBy: string;
  /** Lower-case value → meaning. */
  values: Readonly<Record<string, CoverageMeaning>>;
  /** Lower-case prefixes for open-ended families of values (GAAP `SL_AZURE_*`). */
  prefixes?: Readonly<Record<string, CoverageMeaning>>;
  /** The input may hold a comma-separated list; it includes the mainland when any part does. */
  list?: boolean;
  /** The value to suggest when the fix is to serve from outside the mainland. */
  outsideValue: string;
  source: string;
}

const ALIBABA_SCOPE_VALUES = { domestic: "includes-mainland", global: "includes-mainland", overseas: "outside-mainland" } as const;
const TENCENT_AREA_VALUES = { mainland: "includes-mainland", global: "includes-mainland", overseas: "outside-mainland" } as const;

// GAAP has no validation on accessRegion (T-TF); the research lists the city names the API returns.
const GAAP_MAINLAND_CITIES = [
  "Beijing", "Shanghai", "Guangzhou", "Chengdu", "Chongqing", "Nanjing", "Changsha", "Xian",
  "Wuhan", "Fuzhou", "Shenyang", "Zhengzhou", "Jinan", "Hangzhou", "Shijiazhuang", "Hefei",
];
const GAAP_OUTSIDE_REGIONS = [
  "Hongkong", "Taipei", "SoutheastAsia", "Korea", "Japan", "Thailand", "Jakarta", "WestIndia",
  "Europe", "NorthAmerica", "Canada", "Virginia", "SaoPaulo",
];

const byLowerCase = (names: readonly string[], meaning: CoverageMeaning): Record<string, CoverageMeaning> =>
  Object.fromEntries(names.map((name) => [name.toLowerCase(), meaning]));

export const COVERAGE_VOCABULARIES = {
  "alibaba-scope": {
    label: "domestic | overseas | global",
    usedBy: "Alibaba CDN, DCDN, VOD and Live `scope`",
    values: ALIBABA_SCOPE_VALUES,
    outsideValue: "overseas",
    source: "A docs; value lists from A-TF (Pulumi's doc text stops at \"Valid values:\")",
  },
  "esa-coverage": {
    label: "domestic | overseas | global, or a comma-separated list of them",
    usedBy: "Alibaba ESA site `coverage` (rate plans use comma-separated lists)",
    values: ALIBABA_SCOPE_VALUES,
    list: true,
    outsideValue: "overseas",
    source: "A esa/site.d.ts; A-TF esa_site.html.markdown",
  },
  "tencent-area": {
    label: "mainland | overseas | global",
    usedBy: "Tencent CDN `area`",
    values: TENCENT_AREA_VALUES,
    outsideValue: "overseas",
    source: "T cdn/domain.ts; T-TF resource_tc_cdn_domain.go",
  },
  "teo-area": {
    label: "mainland | overseas | global",
    usedBy: "Tencent EdgeOne zone `area`",
    values: TENCENT_AREA_VALUES,
    outsideValue: "overseas",
    source: "T teo/zone.ts; T-TF resource_tc_teo_zone.go",
  },
  "tencent-css-play-type": {
    label: "1 mainland | 2 global | 3 outside mainland",
    usedBy: "Tencent Live (CSS) play domain `playType` (a number)",
    values: { "1": "includes-mainland", "2": "includes-mainland", "3": "outside-mainland" },
    outsideValue: "3",
    source: "T css/domain.ts; T-TF resource_tc_css_domain.go",
  },
  "gaap-access-region": {
    label: "city or area names: 16 mainland cities (Beijing, Shanghai, Guangzhou …); Hongkong, Taipei, overseas areas and SL_AZURE_* are outside",
    usedBy: "Tencent GAAP proxy `accessRegion`",
    values: { ...byLowerCase(GAAP_MAINLAND_CITIES, "includes-mainland"), ...byLowerCase(GAAP_OUTSIDE_REGIONS, "outside-mainland") },
    prefixes: { sl_azure_: "outside-mainland" },
    outsideValue: "Hongkong",
    source: "T gaap/proxy.ts (free string, no validation in T-TF); city list from the research notes §3",
  },
  "alibaba-region": {
    label: "Alibaba Cloud region IDs: cn-* except cn-hongkong are mainland",
    usedBy: "Alibaba GA IP set `accelerateRegionId`",
    values: Object.fromEntries(
      listedRegions("alicloud").map((region): [string, CoverageMeaning] => [region.region, region.mainland ? "includes-mainland" : "outside-mainland"]),
    ),
    outsideValue: "cn-hongkong",
    source: "A ga/ipSet.d.ts, ga/basicIpSet.d.ts; region list of rules/regions.ts",
  },
} satisfies Record<string, CoverageVocabulary>;

export type CoverageVocabularyName = keyof typeof COVERAGE_VOCABULARIES;

export type CoverageReading =
  | { meaning: CoverageMeaning; value: string }
  | { meaning: "unrecognised"; value: string };

/**
 * Reads one coverage value, case-insensitively. List vocabularies (ESA) include the mainland
 * when any part does; elsewhere a comma is not a known value.
 */
export function readCoverage(vocabularyName: CoverageVocabularyName, raw: string | number | boolean): CoverageReading {
  const vocabulary: CoverageVocabulary = COVERAGE_VOCABULARIES[vocabularyName];
  const value = String(raw).trim();
  const lower = value.toLowerCase();
  const parts = (vocabulary.list ? lower.split(",") : [lower]).map((part) => part.trim()).filter((part) => part !== "");
  if (parts.length === 0) return { meaning: "unrecognised", value };
  let includesMainland = false;
  for (const part of parts) {
    const meaning = meaningOf(vocabulary, part);
    if (!meaning) return { meaning: "unrecognised", value };
    if (meaning === "includes-mainland") includesMainland = true;
  }
  return { meaning: includesMainland ? "includes-mainland" : "outside-mainland", value };
}

function meaningOf(vocabulary: CoverageVocabulary, value: string): CoverageMeaning | undefined {
  if (Object.prototype.hasOwnProperty.call(vocabulary.values, value)) return vocabulary.values[value];
  for (const [prefix, meaning] of Object.entries(vocabulary.prefixes ?? {})) {
    if (value.startsWith(prefix)) return meaning;
  }
  return undefined;
}

/** One value of each meaning, for fixtures and documents. */
export function sampleValue(vocabularyName: CoverageVocabularyName, meaning: CoverageMeaning): string {
  const vocabulary: CoverageVocabulary = COVERAGE_VOCABULARIES[vocabularyName];
  if (meaning === "outside-mainland") return vocabulary.outsideValue;
  return Object.entries(vocabulary.values).find(([, candidate]) => candidate === meaning)![0];
}
