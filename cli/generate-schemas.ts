#!/usr/bin/env node
// Writes schemas/icpguard-records.schema.json, the JSON Schema editors use for records files,
// from the zod schema in rules/records-file.ts (`npm run schemas`; `--check` only compares).
// A test fails when the committed file differs from what this writes.

import { writeOrCheckGenerated } from "./generated-file";
import { z } from "zod";
import { WEBSITE_FILING_NUMBER_PATTERN, websiteFilingNumberPattern } from "../rules/filing-number";
import { RecordsFileSchema } from "../rules/records-file";

export const RECORDS_SCHEMA_FILE = "schemas/icpguard-records.schema.json";

// The pack's number pattern accepts serial years up to next year, so it changes every January.
// A file kept in git must not go stale on New Year's Day; `icpguard validate` checks the year.
const EDITOR_SCHEMA_LATEST_YEAR = 2099;

function replacePatterns(value: unknown, from: string, to: string): unknown {
  if (Array.isArray(value)) return value.map((item) => replacePatterns(item, from, to));
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, key === "pattern" && item === from ? to : replacePatterns(item, from, to)]),
  );
}

/** The JSON Schema (draft-07) of a records file, as the committed file holds it. */
export function renderRecordsJsonSchema(): string {
  const generated = z.toJSONSchema(RecordsFileSchema, { target: "draft-7", io: "input", unrepresentable: "any" });
  const { $schema, ...rest } = replacePatterns(generated, WEBSITE_FILING_NUMBER_PATTERN, websiteFilingNumberPattern(EDITOR_SCHEMA_LATEST_YEAR)) as Record<
    string,
    unknown
  >;
  const schema = {
    $schema,
    $comment: "Generated from rules/records-file.ts by `npm run schemas`; do not edit.",
    title: "icpguard records file",
    ...rest,
  };
  return `${JSON.stringify(schema, null, 2)}\n`;
}

function main(argv: readonly string[]): number {
  return writeOrCheckGenerated(RECORDS_SCHEMA_FILE, renderRecordsJsonSchema(), argv, "npm run schemas");
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
