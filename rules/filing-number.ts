// Reading ICP, licence and public-security numbers as people actually write them, with errors
// that say what is wrong. Shapes follow /work/shared/reference/icp-facts.md, section "Numbers".

import {
  ALL_ABBREVIATIONS,
  ALL_PROVINCES,
  abbreviationsByPinyin,
  provinceByAbbreviation,
  type ProvinceCode,
} from "./provinces";

export const FILING_NUMBER_KINDS = [
  "website",
  "entity",
  "app",
  "mini-program",
  "commercial-licence",
  "value-added-telecom-licence",
  "public-security",
] as const;

export type FilingNumberKind = (typeof FILING_NUMBER_KINDS)[number];

/**
 * The register a number belongs to, i.e. the marker after the province:
 * ICP备 (filing), ICP证 (commercial licence), B2- (value-added telecom licence), 公网安备.
 * Entities holding a B2 licence number their sites, apps and mini-programs under it
 * (粤B2-20090059-1626X), so website/app/mini-program numbers come in two series.
 */
export type FilingNumberSeries = "icp-filing" | "icp-licence" | "b2-licence" | "public-security";

export type AppSuffix = "A" | "X";

/** What formatFilingNumber needs; ParsedNumber carries all of it. */
export interface FilingNumberParts {
  series: FilingNumberSeries;
  /** The Chinese character as written (蜀 stays 蜀); the pinyin when a romanised one is ambiguous. */
  abbreviation: string;
  /** Digits only, leading zeros kept. */
  serial: string;
  siteIndex?: number;
  suffix?: AppSuffix;
  /** Only for romanised input: the abbreviation's pinyin, e.g. "Jing". */
  pinyin?: string;
}

export interface ParsedNumber extends FilingNumberParts {
  ok: true;
  kind: FilingNumberKind;
  /** Undefined only when a romanised pinyin fits several provinces; see provinceCandidates. */
  province?: ProvinceCode;
  /** Set when province is undefined: every province the pinyin could mean. */
  provinceCandidates?: ProvinceCode[];
  /**
   * The normalised number in Chinese form, e.g. 京ICP备11018762号-11. When the province is
   * ambiguous there is no Chinese form, so this is the normalised romanised form instead.
   */
  canonical: string;
  /** The input was written in pinyin (Jing ICP Bei …). */
  romanised: boolean;
}

export interface NumberError {
  ok: false;
  /** The input after normalisation (NFKC, trimmed), shortened when very long. */
  input: string;
  message: string;
}

export interface ParseOptions {
  /** The year 10-digit serials are checked against (they may start with up to this year + 1). */
  currentYear?: number;
}

const EARLIEST_SERIAL_YEAR = 2000;
const MAX_SITE_INDEX_DIGITS = 5;
// Real numbers are under 50 characters even romanised; this bounds work on hostile input.
const MAX_NORMALISED_LENGTH = 200;
const MAX_RAW_LENGTH = 10_000;

// Dashes people paste instead of "-" that NFKC leaves alone.
const DASHES = /[\u2010-\u2015\u2212\u2E3A\u2E3B\uFE58\uFE63\uFF0D]/g;

const NON_MAINLAND: Readonly<Record<string, string>> = {
  港: "Hong Kong",
  澳: "Macau",
  台: "Taiwan",
  臺: "Taiwan",
};

const NON_MAINLAND_PINYIN: Readonly<Record<string, string>> = {
  gang: "Hong Kong",
  xianggang: "Hong Kong",
  ao: "Macau",
  aomen: "Macau",
  tai: "Taiwan",
  taiwan: "Taiwan",
};

// Traditional characters seen in copied numbers; numbers are always written in simplified form.
const TRADITIONAL_TO_SIMPLIFIED: Readonly<Record<string, string>> = {
  備: "备", 證: "证", 號: "号", 網: "网",
  粵: "粤", 滬: "沪", 遼: "辽", 蘇: "苏", 閩: "闽", 贛: "赣", 魯: "鲁", 瓊: "琼",
  貴: "贵", 雲: "云", 陝: "陕", 隴: "陇", 寧: "宁", 晉: "晋",
};

const PROVINCE_SHORT_NAMES = ALL_PROVINCES.map((p) => ({
  shortName: p.chineseName.replace(/(?:壮族|回族|维吾尔)?自治区$|省$|市$/u, ""),
  abbreviation: p.abbreviations[0]!.character,
}));

const MISSING_PROVINCE = "missing the province abbreviation at the start, e.g. 京 or 粤 (Jing or Yue when romanised)";

class Rejection {
  constructor(readonly message: string) {}
}

function reject(message: string): never {
  throw new Rejection(message);
}

function quote(text: string, maxCodePoints = 24): string {
  const codePoints = Array.from(text);
  const shown = codePoints.length > maxCodePoints ? codePoints.slice(0, maxCodePoints).join("") + "…" : text;
  return JSON.stringify(shown);
}

class Scanner {
  pos = 0;
  constructor(readonly text: string) {}

  get atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  /** The code point at the cursor, or "" at the end. */
  peek(): string {
    const cp = this.text.codePointAt(this.pos);
    return cp === undefined ? "" : String.fromCodePoint(cp);
  }

  rest(): string {
    return this.text.slice(this.pos);
  }

  skipSpace(): void {
    while (!this.atEnd && /\s/u.test(this.text[this.pos]!)) this.pos++;
  }

  /** Consumes `literal` if it comes next, ignoring ASCII case. */
  take(literal: string): boolean {
    const next = this.text.slice(this.pos, this.pos + literal.length);
    if (next.toLowerCase() !== literal.toLowerCase()) return false;
    this.pos += literal.length;
    return true;
  }

  takeWhile(test: RegExp): string {
    const start = this.pos;
    while (!this.atEnd && test.test(this.text[this.pos]!)) this.pos++;
    return this.text.slice(start, this.pos);
  }
}

/** How the number is spelt: decides the words in both parsing and messages. */
interface Spelling {
  romanised: boolean;
  /** "号" or "Hao" */
  hao: string;
  /** How to name the marker in messages: "ICP备" or "ICP Bei". */
  marker: string;
  latestYear: number;
  /** Builds an example number in the same spelling and province, for hints. */
  example(parts: Omit<FilingNumberParts, "abbreviation" | "pinyin">): string;
}

interface Header {
  series: FilingNumberSeries;
  abbreviation: string;
  pinyin?: string;
  province?: ProvinceCode;
  provinceCandidates?: ProvinceCode[];
}

function normalise(raw: string): string {
  return raw.normalize("NFKC").replace(DASHES, "-").trim();
}

function stripPinyinTones(text: string): string {
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").normalize("NFC");
}

function provinceNameHint(text: string): string {
  const named = PROVINCE_SHORT_NAMES.find((p) => text.startsWith(p.shortName));
  return named ? `; write the abbreviation "${named.abbreviation}", not the name "${named.shortName}"` : "";
}

function traditionalHint(text: string): string {
  for (const ch of text) {
    const simplified = TRADITIONAL_TO_SIMPLIFIED[ch];
    if (simplified !== undefined) {
      return ` (it contains the traditional character "${ch}"; numbers use the simplified "${simplified}")`;
    }
  }
  return "";
}

function nonMainlandMessage(written: string, region: string): string {
  return `${quote(written)} stands for ${region}, which has no ICP numbers: only sites served from mainland China need an ICP filing`;
}

function readChineseHeader(sc: Scanner): Header {
  const first = sc.peek();
  const region = NON_MAINLAND[first];
  if (region !== undefined) reject(nonMainlandMessage(first, region));
  if (/[0-9]/.test(first) || sc.rest().startsWith("公网安备")) {
    reject(MISSING_PROVINCE);
  }
  const province = provinceByAbbreviation(first);
  if (!province) reject(`unknown province abbreviation ${quote(first)}${provinceNameHint(sc.text)}`);
  sc.pos += first.length;
  sc.skipSpace();

  let series: FilingNumberSeries;
  if (sc.take("ICP")) {
    sc.skipSpace();
    if (sc.take("备")) series = "icp-filing";
    else if (sc.take("证")) series = "icp-licence";
    else reject(`expected 备 (filing) or 证 (licence) after "${first}ICP", found ${describeNext(sc)}`);
  } else if (sc.take("B2")) {
    series = "b2-licence";
  } else if (sc.take("公网安备")) {
    series = "public-security";
  } else {
    reject(
      `expected ICP备, ICP证, B2- or 公网安备 after the province abbreviation "${first}", found ${describeNext(sc)}` +
        provinceNameHint(sc.text),
    );
  }
  return { series, abbreviation: first, province: province.code };
}

function readRomanisedHeader(sc: Scanner): Header {
  if (/^(?:icp|b2\s*-|gong\s*wang)/i.test(sc.text)) reject(MISSING_PROVINCE);
  // Lazy so that "JingICP" splits as Jing + ICP.
  const head = /^([a-z]+?)\s*(icp|b2|gong)/i.exec(sc.text);
  if (!head) {
    const word = /^[a-z]+/i.exec(sc.text)![0];
    const region = NON_MAINLAND_PINYIN[word.toLowerCase()];
    if (region !== undefined) reject(nonMainlandMessage(word, region));
    if (abbreviationsByPinyin(word).length === 0) reject(unknownPinyinMessage(word));
    reject(`expected "ICP Bei", "ICP Zheng", "B2-" or "Gong Wang An Bei" after "${word}"`);
  }
  const written = head[1]!;
  const region = NON_MAINLAND_PINYIN[written.toLowerCase()];
  if (region !== undefined) reject(nonMainlandMessage(written, region));
  const matches = abbreviationsByPinyin(written);
  if (matches.length === 0) reject(unknownPinyinMessage(written));
  sc.pos = head[0].length;

  let series: FilingNumberSeries;
  const marker = head[2]!.toLowerCase();
  if (marker === "icp") {
    sc.skipSpace();
    if (sc.take("Bei")) series = "icp-filing";
    else if (sc.take("Zheng")) series = "icp-licence";
    else reject(`expected "Bei" (filing) or "Zheng" (licence) after "ICP", found ${describeNext(sc)}`);
  } else if (marker === "b2") {
    series = "b2-licence";
  } else {
    for (const word of ["Wang", "An", "Bei"]) {
      sc.skipSpace();
      if (!sc.take(word)) reject(`expected "Gong Wang An Bei", found ${describeNext(sc)} where "${word}" belongs`);
    }
    series = "public-security";
  }

  const pinyin = matches[0]!.abbreviation.pinyin;
  if (matches.length > 1) {
    return { series, abbreviation: pinyin, pinyin, provinceCandidates: matches.map((m) => m.province.code) };
  }
  return { series, abbreviation: matches[0]!.abbreviation.character, pinyin, province: matches[0]!.province.code };
}

function unknownPinyinMessage(word: string): string {
  return `unknown province ${quote(word)} in a romanised number; expected the pinyin of a province abbreviation, e.g. Jing or Yue`;
}

function describeNext(sc: Scanner): string {
  return sc.atEnd ? "the end of the number" : quote(sc.rest());
}

const LETTER = /[a-z]/i;

function suffixMeaning(letter: AppSuffix): string {
  return letter === "A" ? "an app number ends in A" : "a mini-program number ends in X";
}

/**
 * Reads a run of digits that the caller then checks for length. `withSiteSuffix` builds an
 * example for numbers that can carry a site index, to explain an A or X glued to the serial.
 */
function readSerial(
  sc: Scanner,
  spelling: Spelling,
  after: string,
  withSiteSuffix?: (serial: string, suffix: AppSuffix) => string,
): string {
  sc.skipSpace();
  const digits = sc.takeWhile(/[0-9]/);
  if (digits === "") {
    reject(sc.atEnd ? `missing the serial after ${after}` : `expected the serial (digits) after ${after}, found ${describeNext(sc)}`);
  }
  const afterDigits = sc.pos;
  sc.skipSpace();
  if (sc.pos > afterDigits && /[0-9]/.test(sc.peek())) {
    reject(`the serial must not contain spaces, found ${quote(sc.text.slice(afterDigits - digits.length))}`);
  }
  sc.pos = afterDigits;
  const next = sc.peek();
  const glued = asSuffix(next);
  if (glued && withSiteSuffix && sc.pos + 1 === sc.text.length) {
    reject(`${suffixMeaning(glued)} after a site index, e.g. ${withSiteSuffix(digits, glued)}`);
  }
  if (LETTER.test(next) && !(spelling.romanised && /^\s*hao/i.test(sc.rest()))) {
    reject(`the serial must be digits only, found ${quote(digits + next)}`);
  }
  return digits;
}

function expectHao(sc: Scanner, spelling: Spelling, serial: string): void {
  sc.skipSpace();
  if (sc.take(spelling.hao)) return;
  if (sc.atEnd) reject(`missing ${spelling.hao} after the serial ${serial}`);
  if (sc.peek() === "-") reject(`missing ${spelling.hao} between the serial ${serial} and the site index`);
  reject(`expected ${spelling.hao} after the serial ${serial}, found ${describeNext(sc)}`);
}

function expectEnd(sc: Scanner, after: string): void {
  sc.skipSpace();
  if (!sc.atEnd) reject(`unexpected ${quote(sc.rest())} after ${after}`);
}

function asSuffix(letter: string): AppSuffix | undefined {
  const upper = letter.toUpperCase();
  return upper === "A" || upper === "X" ? upper : undefined;
}

/** The optional "-<site index>[A|X]" that ends website, app and mini-program numbers. */
function readSiteTail(
  sc: Scanner,
  spelling: Spelling,
  base: Omit<FilingNumberParts, "abbreviation" | "pinyin">,
  after: string,
): { siteIndex?: number; suffix?: AppSuffix } {
  sc.skipSpace();
  if (sc.atEnd) return {};
  const misplaced = asSuffix(sc.peek());
  if (misplaced && sc.pos + 1 === sc.text.length) {
    const example = spelling.example({ ...base, siteIndex: 1, suffix: misplaced });
    reject(`${suffixMeaning(misplaced)} after a site index, e.g. ${example}; the site index is missing`);
  }
  if (!sc.take("-")) reject(`unexpected ${quote(sc.rest())} after ${after}; a site index is written "-1"`);
  sc.skipSpace();

  const leading = asSuffix(sc.peek());
  if (leading && /^[a-z][0-9]+$/i.test(sc.rest())) {
    const digits = sc.rest().slice(1);
    reject(`${suffixMeaning(leading)}: write "-${digits}${leading}", not "-${sc.rest()}"`);
  }
  const digits = sc.takeWhile(/[0-9]/);
  if (digits === "") {
    if (leading && sc.pos + 1 === sc.text.length) {
      const example = spelling.example({ ...base, siteIndex: 1, suffix: leading });
      reject(`${suffixMeaning(leading)} after a site index, e.g. ${example}; the site index is missing`);
    }
    reject(`site index must be a positive number, found ${describeNext(sc)}`);
  }
  if (/^0+$/.test(digits)) reject(`site index must be a positive number, found ${digits}`);
  if (digits.startsWith("0")) reject(`site index must be a positive number without leading zeros, found ${digits}`);
  if (digits.length > MAX_SITE_INDEX_DIGITS) {
    reject(`site index ${digits} has ${digits.length} digits; expected at most ${MAX_SITE_INDEX_DIGITS}`);
  }
  const siteIndex = Number(digits);

  const letter = sc.peek();
  const suffix = asSuffix(letter);
  if (suffix) {
    sc.pos += 1;
  } else if (LETTER.test(letter)) {
    reject(`unknown suffix ${quote(letter)} after the site index; expected none (website), A (app) or X (mini-program)`);
  }
  expectEnd(sc, "the site index");
  return suffix ? { siteIndex, suffix } : { siteIndex };
}

function kindOfSiteNumber(tail: { siteIndex?: number; suffix?: AppSuffix }, bare: FilingNumberKind): FilingNumberKind {
  if (tail.siteIndex === undefined) return bare;
  if (tail.suffix === "A") return "app";
  if (tail.suffix === "X") return "mini-program";
  return "website";
}

function readBody(
  sc: Scanner,
  header: Header,
  spelling: Spelling,
): Pick<ParsedNumber, "kind" | "serial" | "siteIndex" | "suffix"> {
  switch (header.series) {
    case "icp-filing": {
      const serial = readSerial(sc, spelling, spelling.marker, (digits, suffix) =>
        spelling.example({ series: header.series, serial: digits, siteIndex: 1, suffix }),
      );
      if (serial.length !== 8 && serial.length !== 10) {
        reject(`serial has ${serial.length} digits; expected 8 (older) or 10 (newer)`);
      }
      if (serial.length === 10) {
        const year = Number(serial.slice(0, 4));
        if (year < EARLIEST_SERIAL_YEAR || year > spelling.latestYear) {
          reject(
            `serial ${serial} starts with ${serial.slice(0, 4)}, which is not a plausible filing year: ` +
              `a 10-digit serial is a year from ${EARLIEST_SERIAL_YEAR} to ${spelling.latestYear} followed by 6 digits`,
          );
        }
      }
      expectHao(sc, spelling, serial);
      const tail = readSiteTail(sc, spelling, { series: header.series, serial }, spelling.hao);
      return { kind: kindOfSiteNumber(tail, "entity"), serial, ...tail };
    }
    case "icp-licence": {
      const serial = readSerial(sc, spelling, spelling.marker);
      if (serial.length !== 6) reject(`licence serial has ${serial.length} digits; expected 6`);
      expectHao(sc, spelling, serial);
      sc.skipSpace();
      if (sc.peek() === "-") {
        reject(
          `a commercial licence number (ICP证) has no site index; a site's own number is its filing (ICP备), ` +
            `e.g. ${spelling.example({ series: "icp-filing", serial: "11018762", siteIndex: 1 })}`,
        );
      }
      expectEnd(sc, spelling.hao);
      return { kind: "commercial-licence", serial };
    }
    case "b2-licence": {
      sc.skipSpace();
      if (!sc.take("-")) reject(`expected "-" after B2, found ${describeNext(sc)}`);
      const serial = readSerial(sc, spelling, "B2-", (digits, suffix) =>
        spelling.example({ series: header.series, serial: digits, siteIndex: 1, suffix }),
      );
      if (serial.length !== 8) reject(`licence serial has ${serial.length} digits; expected 8`);
      sc.skipSpace();
      if (sc.take(spelling.hao)) reject(`a B2 licence number has no ${spelling.hao}`);
      const tail = readSiteTail(sc, spelling, { series: header.series, serial }, `the licence serial ${serial}`);
      return { kind: kindOfSiteNumber(tail, "value-added-telecom-licence"), serial, ...tail };
    }
    case "public-security": {
      const serial = readSerial(sc, spelling, spelling.romanised ? "Gong Wang An Bei" : "公网安备");
      if (serial.length !== 14) reject(`public-security serial has ${serial.length} digits; expected 14`);
      expectHao(sc, spelling, serial);
      sc.skipSpace();
      if (sc.peek() === "-") reject("a public-security filing number has no site index");
      expectEnd(sc, spelling.hao);
      return { kind: "public-security", serial };
    }
  }
}

function shorten(text: string): string {
  return text.length > MAX_NORMALISED_LENGTH ? Array.from(text.slice(0, 64)).join("") + "…" : text;
}

/**
 * Parses any ICP-related number: website, entity, app and mini-program filings, the ICP and B2
 * licences and public-security filings, in Chinese or romanised form. Never throws.
 * Tolerates surrounding and in-between whitespace, full-width characters and odd dashes.
 */
export function parseFilingNumber(input: string, options: ParseOptions = {}): ParsedNumber | NumberError {
  if (typeof input !== "string") {
    return { ok: false, input: "", message: `expected a filing number as text, got ${typeof input}` };
  }
  if (input.length > MAX_RAW_LENGTH) {
    return { ok: false, input: shorten(input), message: `too long to be a filing number (${input.length} characters)` };
  }
  const text = normalise(input);
  if (text.length > MAX_NORMALISED_LENGTH) {
    return { ok: false, input: shorten(text), message: `too long to be a filing number (${text.length} characters)` };
  }
  if (text === "") {
    return { ok: false, input: text, message: "empty: expected a filing number such as 京ICP备11018762号-1" };
  }

  const romanised = /^[a-z]/i.test(text);
  const sc = new Scanner(romanised ? stripPinyinTones(text) : text);
  const currentYear = Number.isInteger(options.currentYear) ? options.currentYear! : new Date().getUTCFullYear();
  try {
    const header = romanised ? readRomanisedHeader(sc) : readChineseHeader(sc);
    const licence = header.series === "icp-licence";
    const spelling: Spelling = {
      romanised,
      hao: romanised ? "Hao" : "号",
      marker: romanised ? (licence ? "ICP Zheng" : "ICP Bei") : licence ? "ICP证" : "ICP备",
      latestYear: currentYear + 1,
      example: (parts) => formatFilingNumber({ ...parts, abbreviation: header.abbreviation, pinyin: header.pinyin }, romanised),
    };
    const body = readBody(sc, header, spelling);
    const parts: FilingNumberParts = { series: header.series, abbreviation: header.abbreviation, serial: body.serial };
    const result: ParsedNumber = {
      ok: true,
      kind: body.kind,
      ...parts,
      ...(header.pinyin !== undefined ? { pinyin: header.pinyin } : {}),
      ...(header.province !== undefined ? { province: header.province } : {}),
      ...(header.provinceCandidates !== undefined ? { provinceCandidates: header.provinceCandidates } : {}),
      ...(body.siteIndex !== undefined ? { siteIndex: body.siteIndex } : {}),
      ...(body.suffix !== undefined ? { suffix: body.suffix } : {}),
      canonical: "",
      romanised,
    };
    result.canonical = formatFilingNumber(result);
    return result;
  } catch (error) {
    if (error instanceof Rejection) {
      return { ok: false, input: text, message: error.message + traditionalHint(text) };
    }
    throw error;
  }
}

const ROMANISED_MARKERS: Record<FilingNumberSeries, string> = {
  "icp-filing": " ICP Bei ",
  "icp-licence": " ICP Zheng ",
  "b2-licence": " B2-",
  "public-security": " Gong Wang An Bei ",
};

const CHINESE_MARKERS: Record<FilingNumberSeries, string> = {
  "icp-filing": "ICP备",
  "icp-licence": "ICP证",
  "b2-licence": "B2-",
  "public-security": "公网安备",
};

/**
 * Writes a number in its canonical Chinese form (京ICP备11018762号-11, 粤B2-20090059-1626X).
 * Falls back to the romanised form when the abbreviation is not a known Chinese character, which
 * happens only for an ambiguous romanised province (Jin ICP Bei 12345678 Hao-1); `romanised`
 * forces that form, using `pinyin`.
 */
export function formatFilingNumber(parts: FilingNumberParts, romanised = false): string {
  const chinese = !romanised && provinceByAbbreviation(parts.abbreviation) !== undefined;
  const site = parts.siteIndex !== undefined ? `-${parts.siteIndex}${parts.suffix ?? ""}` : "";
  const needsHao = parts.series !== "b2-licence";
  if (chinese) {
    return `${parts.abbreviation}${CHINESE_MARKERS[parts.series]}${parts.serial}${needsHao ? "号" : ""}${site}`;
  }
  const pinyin =
    parts.pinyin ??
    provinceByAbbreviation(parts.abbreviation)?.abbreviations.find((a) => a.character === parts.abbreviation)?.pinyin ??
    parts.abbreviation;
  return `${pinyin}${ROMANISED_MARKERS[parts.series]}${parts.serial}${needsHao ? " Hao" : ""}${site}`;
}

/** True for website and entity filing numbers in any spelling parseFilingNumber accepts. */
export function isWebsiteFilingNumber(text: string, options: ParseOptions = {}): boolean {
  const parsed = parseFilingNumber(text, options);
  return parsed.ok && (parsed.kind === "website" || parsed.kind === "entity");
}

/** A regex alternative matching the 4-digit years from..to, grouped by decade (RE2-safe). */
function yearRangePattern(from: number, to: number): string {
  const decades: string[] = [];
  for (let decade = Math.floor(from / 10) * 10; decade <= to; decade += 10) {
    const low = Math.max(from, decade) - decade;
    const high = Math.min(to, decade + 9) - decade;
    const prefix = String(decade / 10);
    decades.push(low === 0 && high === 9 ? `${prefix}[0-9]` : low === high ? `${prefix}${low}` : `${prefix}[${low}-${high}]`);
  }
  return `(?:${decades.join("|")})`;
}

/**
 * A regular expression source accepting exactly the canonical website and entity filing
 * numbers: the ones parseFilingNumber reads as kind "website" or "entity" and writes back
 * unchanged. Anchored, and written in the subset shared by ECMAScript and RE2 (Go's regexp,
 * which the Pulumi engine uses for config schemas): no look-around, back-references or \p{…}.
 */
export function websiteFilingNumberPattern(latestYear: number): string {
  if (!Number.isInteger(latestYear) || latestYear < EARLIEST_SERIAL_YEAR || latestYear > 9999) {
    throw new RangeError(`latestYear must be a year from ${EARLIEST_SERIAL_YEAR} to 9999, got ${latestYear}`);
  }
  const province = `(?:${ALL_ABBREVIATIONS.join("|")})`;
  const site = `[1-9][0-9]{0,${MAX_SITE_INDEX_DIGITS - 1}}`;
  const serial = `(?:[0-9]{8}|${yearRangePattern(EARLIEST_SERIAL_YEAR, latestYear)}[0-9]{6})`;
  return `^${province}(?:ICP备${serial}号(?:-${site})?|B2-[0-9]{8}-${site})$`;
}

/** websiteFilingNumberPattern for this year's numbers (serial years up to next year). */
// The published schema must not change with the calendar: it admits every year up to 2099 and
// the parser (which runs at validation time too) rejects years still in the future.
export const WEBSITE_FILING_NUMBER_PATTERN: string = websiteFilingNumberPattern(2099);
