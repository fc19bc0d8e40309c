// Coverage vocabularies: each product names its delivery area in its own words.
// Source: ../shared/reference/provider-catalogue.md (pitfall 2) and each product's input docs.

export type CoverageMeaning = "includes-mainland" | "outside-mainland";

export interface CoverageVocabulary {
  /** How users see it in messages and the catalogue document. */
  label: string;
  values: Readonly<Record<string, CoverageMeaning>>;
  /** The value to suggest when the fix is to serve from outside the mainland. */
  outsideValue: string;
}

export const COVERAGE_VOCABULARIES = {
  "alibaba-scope": {
    label: "domestic | overseas | global",
    values: { domestic: "includes-mainland", global: "includes-mainland", overseas: "outside-mainland" },
    outsideValue: "overseas",
  },
  "tencent-area": {
    label: "mainland | overseas | global",
    values: { mainland: "includes-mainland", global: "includes-mainland", overseas: "outside-mainland" },
    outsideValue: "overseas",
  },
  "tencent-css-play-type": {
    label: "1 mainland | 2 global | 3 outside mainland",
    values: { "1": "includes-mainland", "2": "includes-mainland", "3": "outside-mainland" },
    outsideValue: "3",
  },
} satisfies Record<string, CoverageVocabulary>;

export type CoverageVocabularyName = keyof typeof COVERAGE_VOCABULARIES;

export type CoverageReading =
  | { meaning: CoverageMeaning; value: string }
  | { meaning: "unrecognised"; value: string };

/**
 * Reads one coverage value. Comma-separated lists (ESA rate plans) include the mainland when
 * any part does. Values are compared case-insensitively.
 */
export function readCoverage(vocabularyName: CoverageVocabularyName, raw: string | number | boolean): CoverageReading {
  const vocabulary: CoverageVocabulary = COVERAGE_VOCABULARIES[vocabularyName];
  const value = String(raw).trim();
  const parts = value.toLowerCase().split(",").map((part) => part.trim()).filter((part) => part !== "");
  if (parts.length === 0) return { meaning: "unrecognised", value };
  let includesMainland = false;
  for (const part of parts) {
    const meaning = Object.prototype.hasOwnProperty.call(vocabulary.values, part) ? vocabulary.values[part] : undefined;
    if (!meaning) return { meaning: "unrecognised", value };
    if (meaning === "includes-mainland") includesMainland = true;
  }
  return { meaning: includesMainland ? "includes-mainland" : "outside-mainland", value };
}
