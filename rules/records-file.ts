// The records file: one YAML file, kept in git, holding an entity's ICP filings, app filings,
// licences and waivers. This zod schema is its only definition: `icpguard validate` checks with
// it, `icpguard config` maps it to policy config, and the editor JSON Schema is generated from it.
// Website filings and waivers are the pack's own config schemas, so the two cannot drift.

import {
  CST,
  Composer,
  Lexer,
  LineCounter,
  Parser,
  YAMLParseError,
  isMap,
  isNode,
  isPair,
  isScalar,
  isSeq,
  type Document,
  type Pair,
  type YAMLMap,
} from "yaml";
import { z } from "zod";
import { FilingRecordSchema, LANGUAGES, WaiverSchema, formatPath } from "./config";
import { parseFilingNumber, type FilingNumberKind } from "./filing-number";
import { normaliseHostname } from "./hostname";
import { ALL_ABBREVIATIONS, ALL_PROVINCES, PROVINCE_CODES, provinceByAbbreviation, provinceByCode, type ProvinceCode } from "./provinces";

export const RECORDS_FILE_VERSION = 1;

// YAML aliases can expand exponentially ("billion laughs"); real records files need few if any.
export const MAX_YAML_ALIASES = 100;
// Records nest four levels deep; yaml's parser slows down badly on flow collections nested
// thousands deep ([{[{…), so deeper input is refused before it gets there.
export const MAX_FLOW_NESTING = 64;

export const ENTITY_TYPES = ["individual", "company"] as const;
export const APP_KINDS = ["app", "mini-program", "quick-app"] as const;
export type AppKind = (typeof APP_KINDS)[number];

export const NUMBER_KIND_NAMES: Readonly<Record<FilingNumberKind, string>> = {
  website: "website filing",
  entity: "entity filing",
  app: "app filing",
  "mini-program": "mini-program filing",
  "commercial-licence": "commercial ICP licence",
  "value-added-telecom-licence": "value-added telecom licence",
  "public-security": "public-security filing",
};

const NON_MAINLAND_REGIONS: Readonly<Record<string, string>> = {
  "CN-HK": "Hong Kong",
  "CN-MO": "Macau",
  "CN-TW": "Taiwan",
  HK: "Hong Kong",
  MO: "Macau",
  TW: "Taiwan",
  港: "Hong Kong",
  澳: "Macau",
  台: "Taiwan",
};

function provinceProblem(input: unknown): string {
  const expected = "expected an ISO 3166-2:CN code such as CN-GD, or the abbreviation that starts its numbers, such as 粤";
  if (typeof input !== "string") return expected;
  const text = input.trim();
  const region = NON_MAINLAND_REGIONS[text.toUpperCase()];
  if (region !== undefined) return `${region} has no ICP filings: only sites served from mainland China need one`;
  const byCode = provinceByCode(text.toUpperCase());
  if (byCode) return `write the code in upper case: ${byCode.code}`;
  const byName = ALL_PROVINCES.find(
    (p) => p.englishName.toLowerCase() === text.toLowerCase() || p.chineseName.startsWith(text) && text.length >= 2,
  );
  if (byName) return `write ${byName.code} or ${byName.abbreviations[0]!.character} for ${byName.englishName}, not its name`;
  return `${JSON.stringify(shortText(text))} is not a mainland province: ${expected}`;
}

const PROVINCE_INPUTS = [...PROVINCE_CODES, ...ALL_ABBREVIATIONS] as [string, ...string[]];

const ProvinceSchema = z
  .enum(PROVINCE_INPUTS, { error: (issue) => provinceProblem(issue.input) })
  .transform((value): ProvinceCode => (provinceByCode(value) ?? provinceByAbbreviation(value)!).code)
  .describe("Province where the entity files: ISO 3166-2:CN code (CN-ZJ) or abbreviation (浙)");

export const EntitySchema = z
  .strictObject({
    name: z.string().min(1).max(200).describe("Name of the filing entity as on its filings: the company or the person"),
    province: ProvinceSchema,
    type: z.enum(ENTITY_TYPES).describe("individual or company; only companies can hold a commercial ICP licence"),
    commercial: z
      .boolean()
      .default(false)
      .describe("The entity earns money from its sites or apps (sales, payments, memberships, advertising)"),
    foreignInvested: z
      .boolean()
      .default(false)
      .describe("The entity has foreign investment (a commercial ICP licence allows at most 50%)"),
  })
  .describe("Who the filings belong to: one entity per records file");

/** Numbers of one site, app or mini-program: a site index, with A or X for apps and mini-programs. */
const SITE_NUMBER_KINDS: ReadonlySet<FilingNumberKind> = new Set(["website", "app", "mini-program"]);
const LICENCE_KINDS: ReadonlySet<FilingNumberKind> = new Set(["commercial-licence", "value-added-telecom-licence"]);

function numberOfKinds(kinds: ReadonlySet<FilingNumberKind>, example: string) {
  return z.string().superRefine((value, ctx) => {
    const parsed = parseFilingNumber(value);
    if (!parsed.ok) {
      ctx.addIssue({ code: "custom", message: parsed.message });
    } else if (!kinds.has(parsed.kind)) {
      ctx.addIssue({
        code: "custom",
        message: `${JSON.stringify(shortText(value))} is a ${NUMBER_KIND_NAMES[parsed.kind]} number; expected one like ${example}`,
      });
    }
  });
}

const hostname = z
  .string()
  .min(1)
  .max(1024)
  .superRefine((value, ctx) => {
    const result = normaliseHostname(value);
    if (!result.ok) ctx.addIssue({ code: "custom", message: `${JSON.stringify(shortText(value))} is not a hostname (${result.reason})` });
  });

// Android and HarmonyOS package names, iOS bundle identifiers and quick-app packages.
const PACKAGE_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+)+$/;
const PLATFORM_PATTERN = /^[a-z][a-z0-9-]*$/;
// 64 hex digits, bare or as keytool and apksigner print them (AB:CD:…).
const SHA256_FINGERPRINT_PATTERN = /^(?:[0-9A-Fa-f]{64}|[0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2}){31})$/;

export const AppFilingSchema = z
  .strictObject({
    name: z.string().min(1).max(200).describe("Name of the app, mini-program or quick app as filed"),
    kind: z.enum(APP_KINDS).describe("app, mini-program or quick-app"),
    platform: z
      .string()
      .regex(PLATFORM_PATTERN, "expected a lower-case word such as wechat, alipay, android, ios or harmonyos")
      .describe("Where it runs: wechat, alipay, baidu, douyin, android, ios, harmonyos, quick-app …"),
    packageName: z
      .string()
      .regex(PACKAGE_NAME_PATTERN, "expected a package name or bundle identifier such as com.example.shop")
      .optional()
      .describe("Package name or bundle identifier (apps and quick apps), e.g. com.example.shop"),
    appId: z.string().min(1).max(128).optional().describe("Platform app id (mini-programs), e.g. wx1234567890abcdef"),
    number: numberOfKinds(SITE_NUMBER_KINDS, "浙ICP备2021003158号-4A (app) or 浙ICP备2021003158号-5X (mini-program)")
      .optional()
      .describe("Its filing number, once issued: an app's ends in A (浙ICP备2021003158号-4A), a mini-program's in X (…-5X)"),
    status: FilingRecordSchema.shape.status,
    backends: z
      .array(hostname)
      .default([])
      .describe("Hostnames of its mainland backends; custom ones need their own website filing"),
    store: z.string().min(1).max(200).optional().describe("Store or distribution platform it is listed in, e.g. huawei-appgallery"),
    signingKeySha256: z
      .string()
      .regex(SHA256_FINGERPRINT_PATTERN, "expected a SHA-256 fingerprint: 64 hex digits, bare or in pairs separated by colons")
      .optional()
      .describe("SHA-256 fingerprint of the signing certificate's public key, as filed"),
  })
  .superRefine((app, ctx) => {
    if (app.packageName === undefined && app.appId === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["packageName"],
        message: "give packageName (apps, quick apps) or appId (mini-programs): the filing identifies it by one of them",
      });
    }
  })
  .describe("A filed app, mini-program or quick app");

export const LicenceSchema = z
  .strictObject({
    number: numberOfKinds(LICENCE_KINDS, "浙ICP证210315号 (commercial ICP licence) or 浙B2-20210315 (value-added telecom licence)").describe(
      "Licence number: commercial ICP licence (浙ICP证210315号) or value-added telecom licence (浙B2-20210315)",
    ),
    domains: z
      .array(FilingRecordSchema.shape.domain)
      .optional()
      .describe("Domains the licence covers; omitted, it covers every site of the entity"),
    expires: z.iso.date().optional().describe("Last day of validity (YYYY-MM-DD); licences run for 5 years"),
  })
  .describe("A telecom business licence held by the entity");

export const RecordsFileSchema = z
  .strictObject({
    $schema: z.string().optional().describe("JSON Schema of this file, for editors"),
    version: z
      .literal(RECORDS_FILE_VERSION, {
        error: `this icpguard reads records files of version ${RECORDS_FILE_VERSION}`,
      })
      .default(RECORDS_FILE_VERSION)
      .describe("Format version of the records file"),
    entity: EntitySchema,
    filings: z.array(FilingRecordSchema).default([]).describe("Website filings (ICP备), one per registered domain"),
    apps: z.array(AppFilingSchema).default([]).describe("App, mini-program and quick-app filings"),
    licences: z.array(LicenceSchema).default([]).describe("Commercial ICP and value-added telecom licences"),
    waivers: z.array(WaiverSchema).default([]).describe("Time-limited exceptions; an expired one blocks again"),
    language: z.enum(LANGUAGES).default("en").describe("Language of the pack's messages: en or zh"),
  })
  .describe("icpguard records: an entity's ICP filings, app filings, licences and waivers");

export type RecordsFile = z.output<typeof RecordsFileSchema>;
export type Entity = z.output<typeof EntitySchema>;
export type AppFiling = z.output<typeof AppFilingSchema>;
export type Licence = z.output<typeof LicenceSchema>;

export type RecordsPath = (string | number)[];
export type Severity = "problem" | "warning";

export interface RecordsIssue {
  severity: Severity;
  /** Stable kebab-case name of the check, for machines. */
  code: string;
  path: RecordsPath;
  message: string;
}

export interface SourcePosition {
  /** 1-based. */
  line: number;
  /** 1-based, in characters. */
  column: number;
}

/** Where a path is written in the file, or undefined when it is not (e.g. a missing field's parent was not either). */
export type Locator = (path: RecordsPath) => SourcePosition | undefined;

export type RecordsReading =
  /** The file is YAML, but not (all) valid records: `issues` are problems with paths. */
  | { status: "parsed"; records: RecordsFile | undefined; issues: RecordsIssue[]; locate: Locator }
  /** Not readable as one YAML document. */
  | { status: "unreadable"; errors: { message: string; position?: SourcePosition }[] };

const MAX_QUOTED_LENGTH = 80;

export function shortText(text: string): string {
  const codePoints = Array.from(text.slice(0, MAX_QUOTED_LENGTH * 2));
  return codePoints.length > MAX_QUOTED_LENGTH ? codePoints.slice(0, MAX_QUOTED_LENGTH).join("") + "…" : text;
}

/** Parses records YAML and checks it against the schema. Never throws on any input text. */
export function readRecordsYaml(text: string): RecordsReading {
  const lineCounter = new LineCounter();
  const position = (offset: number): SourcePosition => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const parsed = parseOneDocument(text, lineCounter);
  if ("tooDeep" in parsed) {
    const message = `nested more than ${MAX_FLOW_NESTING} levels deep in [ ] and { }; a records file needs a few`;
    return { status: "unreadable", errors: [{ message, position: position(parsed.tooDeep) }] };
  }
  const { doc } = parsed;
  if (doc.errors.length > 0) {
    return {
      status: "unreadable",
      errors: doc.errors.map((error) => ({ message: yamlErrorMessage(error.code, error.message, text, error.pos), position: position(error.pos[0]) })),
    };
  }

  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
  } catch (error) {
    return { status: "unreadable", errors: [{ message: `not usable as records: ${(error as Error).message}` }] };
  }
  const locate = locator(doc, position);
  if (value === null || value === undefined) {
    const issue = problem("empty", [], "empty: a records file needs at least an entity (see examples/records/icp-records.yaml)");
    return { status: "parsed", records: undefined, issues: [issue], locate };
  }

  const result = RecordsFileSchema.safeParse(value, { reportInput: true });
  if (result.success) return { status: "parsed", records: result.data, issues: [], locate };
  return { status: "parsed", records: undefined, issues: result.error.issues.flatMap(issuesOf), locate };
}

class TooDeep {
  constructor(readonly offset: number) {}
}

/** yaml's parseDocument, with a watch on flow nesting as the tokens go by. */
function parseOneDocument(text: string, lineCounter: LineCounter): { doc: Document.Parsed } | { tooDeep: number } {
  const parser = new Parser(lineCounter.addNewLine);
  // yaml's uniqueKeys compares each key with every earlier one; duplicateKeyErrors does it in one pass.
  const composer = new Composer({ uniqueKeys: false });
  function* tokens() {
    lineCounter.addNewLine(0);
    let depth = 0;
    let scalarNext = false;
    for (const lexeme of new Lexer().lex(text)) {
      // After the scalar marker comes the scalar's own text, which may be a lone bracket.
      if (!scalarNext && (lexeme === "[" || lexeme === "{")) {
        if (++depth > MAX_FLOW_NESTING) throw new TooDeep(parser.offset);
      } else if (!scalarNext && (lexeme === "]" || lexeme === "}")) {
        depth = Math.max(0, depth - 1);
      }
      scalarNext = lexeme === CST.SCALAR;
      yield* parser.next(lexeme);
    }
    yield* parser.end();
  }
  let doc: Document.Parsed | undefined;
  try {
    for (const next of composer.compose(tokens(), true, text.length)) {
      if (!doc) {
        doc = next;
      } else {
        doc.errors.push(new YAMLParseError(next.range.slice(0, 2) as [number, number], "MULTIPLE_DOCS", "several documents"));
        break;
      }
    }
  } catch (error) {
    if (error instanceof TooDeep) return { tooDeep: error.offset };
    throw error;
  }
  // compose(…, forceDoc = true) always ends with a document.
  const parsed = doc!;
  if (parsed.errors.length === 0) parsed.errors.push(...duplicateKeyErrors(parsed));
  return { doc: parsed };
}

/** yaml's uniqueKeys rule (keys are equal when they are scalars of equal value) in linear time. */
function duplicateKeyErrors(doc: Document.Parsed): YAMLParseError[] {
  const errors: YAMLParseError[] = [];
  // A plain walk: yaml's visit() builds a path for every node, which costs more than the check.
  const pending: unknown[] = [doc.contents];
  while (pending.length > 0) {
    const node = pending.pop();
    if (isSeq(node)) {
      for (const item of node.items) pending.push(item);
    } else if (isMap(node)) {
      const seen = new Set<unknown>();
      for (const pair of node.items) {
        const key = pair.key;
        const identity = isScalar(key) ? key.value : key;
        if (!seen.has(identity)) {
          seen.add(identity);
        } else if (isNode(key) && key.range) {
          errors.push(new YAMLParseError([key.range[0], key.range[0] + 1], "DUPLICATE_KEY", "Map keys must be unique"));
        }
        pending.push(key, pair.value);
      }
    }
  }
  return errors.sort((a, b) => a.pos[0] - b.pos[0]);
}

function yamlErrorMessage(code: string, message: string, text: string, pos: [number, number]): string {
  switch (code) {
    case "DUPLICATE_KEY":
      return `duplicate key ${JSON.stringify(shortText(keyAt(text, pos[0])))}: each key may appear once in a mapping`;
    case "MULTIPLE_DOCS":
      return "the file holds several YAML documents (separated by ---); a records file is one document";
    default:
      if (/call stack/i.test(message)) return "nested too deeply to read; a records file needs a few levels";
      // Drop the " at line L, column C" tail: the position is printed in front.
      return `YAML: ${message.replace(/ at line \d+, column \d+:?[\s\S]*$/, "")}`;
  }
}

/** The key written at `offset`, up to its colon, without quotes. */
function keyAt(text: string, offset: number): string {
  const line = text.slice(offset, offset + 1024).split(/\r?\n/, 1)[0]!;
  const colon = line.search(/:(?:\s|$)/);
  const key = (colon >= 0 ? line.slice(0, colon) : line).trim();
  return /^(["']).*\1$/.test(key) ? key.slice(1, -1) : key;
}

function problem(code: string, path: RecordsPath, message: string): RecordsIssue {
  return { severity: "problem", code, path, message };
}

const TYPE_NAMES: Readonly<Record<string, string>> = {
  string: "text",
  number: "a number",
  boolean: "true or false",
  array: "a list",
  object: "a mapping",
};

function describeValue(value: unknown): string {
  if (value === null || value === undefined) return "nothing";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "string") return `the text ${JSON.stringify(shortText(value))}`;
  if (typeof value === "number") return `the number ${value}`;
  if (typeof value === "boolean") return String(value);
  if (typeof value === "object") return "a mapping";
  return typeof value;
}

function issuesOf(issue: z.core.$ZodIssue): RecordsIssue[] {
  const path = issue.path.filter((part): part is string | number => typeof part !== "symbol");
  if (issue.code === "unrecognized_keys") {
    // One issue per key, so each points at its own line.
    return issue.keys.map((key) => problem("schema", [...path, key], `unknown field ${JSON.stringify(key)}`));
  }
  if (issue.code === "invalid_type") {
    const input = (issue as { input?: unknown }).input;
    if (input === undefined) return [problem("schema", path, "required, but missing")];
    const expected = TYPE_NAMES[issue.expected] ?? issue.expected;
    return [problem("schema", path, `expected ${expected}, found ${describeValue(input)}${typeHint(issue.expected, input)}`)];
  }
  // zod's own wording only; a schema's custom message (the province's) says more.
  if (issue.code === "invalid_value" && issue.values.length > 1 && issue.message.startsWith("Invalid option")) {
    const options = issue.values.map((value) => String(value)).join(", ");
    return [problem("schema", path, `expected one of ${options}; found ${describeValue((issue as { input?: unknown }).input)}`)];
  }
  if (issue.code === "invalid_format" && issue.format === "date") {
    return [problem("schema", path, `expected a date as YYYY-MM-DD, found ${describeValue((issue as { input?: unknown }).input)}`)];
  }
  return [problem("schema", path, issue.message)];
}

// YAML 1.2 reads `yes` as text and 12345678 as a number; say how to write what was meant.
function typeHint(expected: string, input: unknown): string {
  if (expected === "string" && typeof input === "number") return " (put it in quotes to keep it as text)";
  if (expected === "boolean" && typeof input === "string" && /^(?:yes|no|on|off|y|n|true|false)$/i.test(input)) {
    return " (write true or false, without quotes)";
  }
  return "";
}

function rangeStart(node: unknown): number | undefined {
  return (node as { range?: [number, number, number] } | null | undefined)?.range?.[0];
}

function locator(doc: Document, position: (offset: number) => SourcePosition): Locator {
  // Pairs by key, built once per mapping: a mapping may hold many thousands of (unknown) keys.
  const indexes = new WeakMap<YAMLMap, Map<string, Pair>>();
  const pairIn = (map: YAMLMap, key: string | number): Pair | undefined => {
    let index = indexes.get(map);
    if (!index) {
      index = new Map();
      for (const item of map.items) {
        if (isPair(item) && isScalar(item.key) && !index.has(String(item.key.value))) index.set(String(item.key.value), item);
      }
      indexes.set(map, index);
    }
    return index.get(String(key));
  };
  return (path) => {
    // The deepest node that exists: a missing field is reported where its parent starts; a
    // field at its value when that is a scalar, else at its key.
    let node: unknown = doc.contents;
    let best = rangeStart(node);
    for (let i = 0; i < path.length; i++) {
      const key = path[i]!;
      const last = i === path.length - 1;
      if (isMap(node)) {
        const pair = pairIn(node, key);
        if (!pair) break;
        const keyStart = rangeStart(pair.key);
        if (last) return position((isScalar(pair.value) ? rangeStart(pair.value) : undefined) ?? keyStart ?? best ?? 0);
        node = pair.value;
        best = rangeStart(node) ?? keyStart ?? best;
      } else if (isSeq(node) && typeof key === "number" && node.items[key] !== undefined) {
        node = node.items[key];
        best = rangeStart(node) ?? best;
      } else {
        break;
      }
    }
    return best === undefined ? undefined : position(best);
  };
}

/** The path as people read it: `filings[3].number`, or `(file)` for the whole file. */
export function describePath(path: RecordsPath): string {
  return path.length === 0 ? "(file)" : formatPath(path);
}
