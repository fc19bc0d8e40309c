import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  WEBSITE_FILING_NUMBER_PATTERN,
  formatFilingNumber,
  isWebsiteFilingNumber,
  parseFilingNumber,
  websiteFilingNumberPattern,
  type AppSuffix,
  type FilingNumberKind,
  type FilingNumberParts,
  type ParsedNumber,
} from "../../rules/filing-number";
import { ALL_ABBREVIATIONS, ALL_PROVINCES, abbreviationsByPinyin, provinceByAbbreviation } from "../../rules/provinces";

// Fixed so that year checks do not depend on when the tests run.
const YEAR = 2026;
const LATEST_YEAR = YEAR + 1;
const parse = (input: string) => parseFilingNumber(input, { currentYear: YEAR });
const PATTERN = websiteFilingNumberPattern(LATEST_YEAR);

function parsedOk(input: string): ParsedNumber {
  const result = parse(input);
  if (!result.ok) throw new Error(`expected ${JSON.stringify(input)} to parse, got: ${result.message}`);
  return result;
}

function messageFor(input: string): string {
  const result = parse(input);
  if (result.ok) throw new Error(`expected ${JSON.stringify(input)} to be rejected, got ${result.kind}`);
  return result.message;
}

describe("the reference's example numbers", () => {
  const fixtures: [string, Omit<ParsedNumber, "ok" | "romanised" | "canonical">][] = [
    ["京ICP备11018762号-11", { kind: "website", series: "icp-filing", province: "CN-BJ", abbreviation: "京", serial: "11018762", siteIndex: 11 }],
    ["陇ICP备2021003158号-1", { kind: "website", series: "icp-filing", province: "CN-GS", abbreviation: "陇", serial: "2021003158", siteIndex: 1 }],
    ["京ICP备11018762号", { kind: "entity", series: "icp-filing", province: "CN-BJ", abbreviation: "京", serial: "11018762" }],
    ["京ICP备2024096997号-13A", { kind: "app", series: "icp-filing", province: "CN-BJ", abbreviation: "京", serial: "2024096997", siteIndex: 13, suffix: "A" }],
    ["陕ICP备2024026116号-1A", { kind: "app", series: "icp-filing", province: "CN-SN", abbreviation: "陕", serial: "2024026116", siteIndex: 1, suffix: "A" }],
    ["苏ICP备2026044365号-1X", { kind: "mini-program", series: "icp-filing", province: "CN-JS", abbreviation: "苏", serial: "2026044365", siteIndex: 1, suffix: "X" }],
    ["粤B2-20090059-1626X", { kind: "mini-program", series: "b2-licence", province: "CN-GD", abbreviation: "粤", serial: "20090059", siteIndex: 1626, suffix: "X" }],
    ["京ICP证150476号", { kind: "commercial-licence", series: "icp-licence", province: "CN-BJ", abbreviation: "京", serial: "150476" }],
    ["粤B2-20090059", { kind: "value-added-telecom-licence", series: "b2-licence", province: "CN-GD", abbreviation: "粤", serial: "20090059" }],
    ["粤公网安备44030502008569号", { kind: "public-security", series: "public-security", province: "CN-GD", abbreviation: "粤", serial: "44030502008569" }],
    // From the interface's config example.
    ["浙ICP备2021003158号-1", { kind: "website", series: "icp-filing", province: "CN-ZJ", abbreviation: "浙", serial: "2021003158", siteIndex: 1 }],
    ["京ICP备11018762号-2", { kind: "website", series: "icp-filing", province: "CN-BJ", abbreviation: "京", serial: "11018762", siteIndex: 2 }],
  ];

  it.each(fixtures)("%s", (input, expected) => {
    expect(parse(input)).toStrictEqual({ ok: true, ...expected, canonical: input, romanised: false });
  });

  it("reads the romanised examples", () => {
    expect(parse("Jing ICP Bei 12345678 Hao")).toStrictEqual({
      ok: true,
      kind: "entity",
      series: "icp-filing",
      province: "CN-BJ",
      abbreviation: "京",
      pinyin: "Jing",
      serial: "12345678",
      canonical: "京ICP备12345678号",
      romanised: true,
    });
    expect(parse("Jing ICP Bei 12345678 Hao-1")).toStrictEqual({
      ok: true,
      kind: "website",
      series: "icp-filing",
      province: "CN-BJ",
      abbreviation: "京",
      pinyin: "Jing",
      serial: "12345678",
      siteIndex: 1,
      canonical: "京ICP备12345678号-1",
      romanised: true,
    });
    expect(parse("Jing ICP Zheng 150476 Hao")).toStrictEqual({
      ok: true,
      kind: "commercial-licence",
      series: "icp-licence",
      province: "CN-BJ",
      abbreviation: "京",
      pinyin: "Jing",
      serial: "150476",
      canonical: "京ICP证150476号",
      romanised: true,
    });
  });
});

describe("tolerated spellings", () => {
  it.each([
    ["  京ICP备11018762号-11\n", "京ICP备11018762号-11"],
    ["京ＩＣＰ备１１０１８７６２号－１１", "京ICP备11018762号-11"],
    ["\u3000京ICP备11018762号\u201311\u3000", "京ICP备11018762号-11"],
    ["京ICP备11018762号\u221211", "京ICP备11018762号-11"],
    ["京icp备11018762号-11", "京ICP备11018762号-11"],
    ["京 ICP 备 11018762 号 - 11", "京ICP备11018762号-11"],
    ["京ICP备2024096997号-13a", "京ICP备2024096997号-13A"],
    ["粤公网安备 44030502008569号", "粤公网安备44030502008569号"],
    ["粤b2－２００９００５９－1626x", "粤B2-20090059-1626X"],
    ["jing icp bei 12345678 hao-1", "京ICP备12345678号-1"],
    ["JingICPBei12345678Hao-1", "京ICP备12345678号-1"],
    ["  Jing   ICP  Bei   12345678   Hao  -  1 ", "京ICP备12345678号-1"],
    ["Yuè ICP Bèi 2021003158 Hào-3", "粤ICP备2021003158号-3"],
    ["Shu ICP Bei 12345678 Hao-2A", "蜀ICP备12345678号-2A"],
    ["Yue B2-20090059-1626X", "粤B2-20090059-1626X"],
    ["Yue Gong Wang An Bei 44030502008569 Hao", "粤公网安备44030502008569号"],
  ])("%j reads as %s", (input, canonical) => {
    expect(parsedOk(input).canonical).toBe(canonical);
  });

  it("keeps an alternative abbreviation as written", () => {
    expect(parsedOk("蜀ICP备12345678号-1")).toMatchObject({ province: "CN-SC", abbreviation: "蜀", canonical: "蜀ICP备12345678号-1" });
    expect(parsedOk("黔ICP备12345678号")).toMatchObject({ province: "CN-GZ", abbreviation: "黔" });
    expect(parsedOk("滇ICP备12345678号")).toMatchObject({ province: "CN-YN", abbreviation: "滇" });
  });

  it.each([
    ["Jin", ["CN-TJ", "CN-SX"]],
    ["Gui", ["CN-GX", "CN-GZ"]],
    ["Ji", ["CN-HE", "CN-JL"]],
    ["Yu", ["CN-HA", "CN-CQ"]],
    ["Gan", ["CN-JX", "CN-GS"]],
  ])("does not guess the province for the ambiguous pinyin %s", (pinyin, candidates) => {
    expect(parse(`${pinyin} ICP Bei 12345678 Hao-1`)).toStrictEqual({
      ok: true,
      kind: "website",
      series: "icp-filing",
      provinceCandidates: candidates,
      abbreviation: pinyin,
      pinyin,
      serial: "12345678",
      siteIndex: 1,
      canonical: `${pinyin} ICP Bei 12345678 Hao-1`,
      romanised: true,
    });
  });
});

describe("rejections say what is wrong", () => {
  it.each([
    ["京ICP备110187620号-1", "serial has 9 digits; expected 8 (older) or 10 (newer)"],
    ["京ICP备1101876号-1", "serial has 7 digits; expected 8 (older) or 10 (newer)"],
    ["京ICP备20240969970号-1", "serial has 11 digits; expected 8 (older) or 10 (newer)"],
    ["京ICP备1999096997号-1",
      "serial 1999096997 starts with 1999, which is not a plausible filing year: a 10-digit serial is a year from 2000 to 2027 followed by 6 digits"],
    ["京ICP备2028096997号-1",
      "serial 2028096997 starts with 2028, which is not a plausible filing year: a 10-digit serial is a year from 2000 to 2027 followed by 6 digits"],
    ["X京ICP备11018762号-1", 'unknown province "X" in a romanised number; expected the pinyin of a province abbreviation, e.g. Jing or Yue'],
    ["北ICP备11018762号-1", 'unknown province abbreviation "北"'],
    ["广东ICP备11018762号-1", 'unknown province abbreviation "广"; write the abbreviation "粤", not the name "广东"'],
    ["吉林ICP备11018762号", 'expected ICP备, ICP证, B2- or 公网安备 after the province abbreviation "吉", found "林ICP备11018762号"; write the abbreviation "吉", not the name "吉林"'],
    ["粵ICP备11018762号", 'unknown province abbreviation "粵" (it contains the traditional character "粵"; numbers use the simplified "粤")'],
    ["港ICP备11018762号-1", '"港" stands for Hong Kong, which has no ICP numbers: only sites served from mainland China need an ICP filing'],
    ["澳ICP备11018762号-1", '"澳" stands for Macau, which has no ICP numbers: only sites served from mainland China need an ICP filing'],
    ["台ICP备11018762号-1", '"台" stands for Taiwan, which has no ICP numbers: only sites served from mainland China need an ICP filing'],
    ["Gang ICP Bei 11018762 Hao-1", '"Gang" stands for Hong Kong, which has no ICP numbers: only sites served from mainland China need an ICP filing'],
    ["ICP备11018762号-1", "missing the province abbreviation at the start, e.g. 京 or 粤 (Jing or Yue when romanised)"],
    ["ICP Bei 11018762 Hao-1", "missing the province abbreviation at the start, e.g. 京 or 粤 (Jing or Yue when romanised)"],
    ["11018762", "missing the province abbreviation at the start, e.g. 京 or 粤 (Jing or Yue when romanised)"],
    ["京ICP11018762号-1", 'expected 备 (filing) or 证 (licence) after "京ICP", found "11018762号-1"'],
    ["京ICP備11018762号-1", 'expected 备 (filing) or 证 (licence) after "京ICP", found "備11018762号-1" (it contains the traditional character "備"; numbers use the simplified "备")'],
    ["京ICP备", "missing the serial after ICP备"],
    ["京ICP备号-1", 'expected the serial (digits) after ICP备, found "号-1"'],
    ["京ICP备 1101 8762号-1", 'the serial must not contain spaces, found "1101 8762号-1"'],
    ["京ICP备1101876Z号-1", 'the serial must be digits only, found "1101876Z"'],
    ["京ICP备11018762", "missing 号 after the serial 11018762"],
    ["京ICP备11018762-1", "missing 号 between the serial 11018762 and the site index"],
    ["京ICP备11018762#-1", 'expected 号 after the serial 11018762, found "#-1"'],
    ["Jing ICP Bei 11018762-1", "missing Hao between the serial 11018762 and the site index"],
    ["京ICP备11018762号-", 'site index must be a positive number, found the end of the number'],
    ["京ICP备11018762号-0", "site index must be a positive number, found 0"],
    ["京ICP备11018762号-01", "site index must be a positive number without leading zeros, found 01"],
    ["京ICP备11018762号-abc", 'site index must be a positive number, found "abc"'],
    ["京ICP备11018762号-123456", "site index 123456 has 6 digits; expected at most 5"],
    ["京ICP备11018762号1", 'unexpected "1" after 号; a site index is written "-1"'],
    ["京ICP备11018762号-1B", 'unknown suffix "B" after the site index; expected none (website), A (app) or X (mini-program)'],
    ["京ICP备11018762号-1AX", 'unexpected "X" after the site index'],
    ["京ICP备11018762号-1 A", 'unexpected "A" after the site index'],
    ["京ICP备2024096997号A", "an app number ends in A after a site index, e.g. 京ICP备2024096997号-1A; the site index is missing"],
    ["京ICP备2024096997号-A", "an app number ends in A after a site index, e.g. 京ICP备2024096997号-1A; the site index is missing"],
    ["京ICP备2024096997号-A13", 'an app number ends in A: write "-13A", not "-A13"'],
    ["苏ICP备2026044365号-X1", 'a mini-program number ends in X: write "-1X", not "-X1"'],
    ["京ICP备2024096997A", "an app number ends in A after a site index, e.g. 京ICP备2024096997号-1A"],
    ["粤B2-20090059X", "a mini-program number ends in X after a site index, e.g. 粤B2-20090059-1X"],
    ["Jing ICP Bei 2024096997 Hao A", "an app number ends in A after a site index, e.g. Jing ICP Bei 2024096997 Hao-1A; the site index is missing"],
    ["京ICP证15047号", "licence serial has 5 digits; expected 6"],
    ["京ICP证150476", "missing 号 after the serial 150476"],
    ["京ICP证150476号-1", "a commercial licence number (ICP证) has no site index; a site's own number is its filing (ICP备), e.g. 京ICP备11018762号-1"],
    ["粤B220090059", 'expected "-" after B2, found "20090059"'],
    ["粤B2-2009005", "licence serial has 7 digits; expected 8"],
    ["粤B2-20090059号", "a B2 licence number has no 号"],
    ["粤公网安备4403050200856号", "public-security serial has 13 digits; expected 14"],
    ["粤公网安备44030502008569", "missing 号 after the serial 44030502008569"],
    ["粤公网安备44030502008569号-1", "a public-security filing number has no site index"],
    ["公网安备44030502008569号", "missing the province abbreviation at the start, e.g. 京 or 粤 (Jing or Yue when romanised)"],
    ["Jing ICP 12345678 Hao", 'expected "Bei" (filing) or "Zheng" (licence) after "ICP", found "12345678 Hao"'],
    ["Yue Gong Wang Bei 44030502008569 Hao", 'expected "Gong Wang An Bei", found "Bei 44030502008569 Hao" where "An" belongs'],
    ["Jing", 'expected "ICP Bei", "ICP Zheng", "B2-" or "Gong Wang An Bei" after "Jing"'],
    ["Xyz ICP Bei 12345678 Hao", 'unknown province "Xyz" in a romanised number; expected the pinyin of a province abbreviation, e.g. Jing or Yue'],
    ["", "empty: expected a filing number such as 京ICP备11018762号-1"],
    ["   ", "empty: expected a filing number such as 京ICP备11018762号-1"],
  ])("%j: %s", (input, message) => {
    expect(messageFor(input)).toBe(message);
  });

  it("reports the normalised input", () => {
    expect(parse(" 京ＩＣＰ备１１０１８７６２０号 ")).toStrictEqual({
      ok: false,
      input: "京ICP备110187620号",
      message: "serial has 9 digits; expected 8 (older) or 10 (newer)",
    });
  });

  it("rejects huge input quickly with a short echo", () => {
    const huges = ["京".repeat(1_000_000), "Jing" + " ".repeat(300) + "ICP Bei 12345678 Hao", "京ICP备" + "1".repeat(300) + "号"];
    for (const huge of huges) {
      const started = performance.now();
      const result = parse(huge);
      expect(performance.now() - started).toBeLessThan(500);
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.message).toMatch(/^too long to be a filing number \(\d+ characters\)$/);
        expect(result.input.length).toBeLessThanOrEqual(65);
      }
    }
  });

  it("trims any amount of surrounding whitespace", () => {
    expect(parsedOk(" ".repeat(4000) + "京ICP备11018762号-1" + "\n".repeat(4000)).canonical).toBe("京ICP备11018762号-1");
  });

  it("answers non-string input from untyped callers without throwing", () => {
    for (const value of [undefined, null, 42, {}, Object.create(null), Symbol("x")]) {
      const result = parseFilingNumber(value as unknown as string);
      expect(result).toMatchObject({ ok: false, input: "" });
    }
  });

  it("checks the serial year against the current year by default", () => {
    const nextYear = new Date().getUTCFullYear() + 1;
    expect(parseFilingNumber(`京ICP备${nextYear}000001号-1`).ok).toBe(true);
    expect(parseFilingNumber(`京ICP备${nextYear + 1}000001号-1`).ok).toBe(false);
  });
});

// ---- generators -------------------------------------------------------------------------------

const digitString = (length: number) =>
  fc.string({ unit: fc.constantFrom(..."0123456789"), minLength: length, maxLength: length });
const serial8 = digitString(8);
const plausibleYear = fc.integer({ min: 2000, max: LATEST_YEAR });
const serial10 = fc.tuple(plausibleYear, digitString(6)).map(([year, rest]) => `${year}${rest}`);
const icpSerial = fc.oneof(serial8, serial10);
const siteIndex = fc.oneof(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 99_999 }));
const abbreviation = fc.constantFrom(...ALL_ABBREVIATIONS);
const suffixOf = (kind: FilingNumberKind): AppSuffix | undefined =>
  kind === "app" ? "A" : kind === "mini-program" ? "X" : undefined;

/** Valid parts for every kind and series, with the kind parseFilingNumber must report. */
const validParts: fc.Arbitrary<{ parts: FilingNumberParts; kind: FilingNumberKind }> = fc.oneof(
  fc
    .tuple(abbreviation, icpSerial, fc.constantFrom<FilingNumberKind>("website", "app", "mini-program"), siteIndex)
    .map(([abbr, serial, kind, site]) => ({
      kind,
      parts: { series: "icp-filing" as const, abbreviation: abbr, serial, siteIndex: site, ...withSuffix(kind) },
    })),
  fc
    .tuple(abbreviation, icpSerial)
    .map(([abbr, serial]) => ({ kind: "entity" as const, parts: { series: "icp-filing" as const, abbreviation: abbr, serial } })),
  fc
    .tuple(abbreviation, digitString(8), fc.constantFrom<FilingNumberKind>("website", "app", "mini-program"), siteIndex)
    .map(([abbr, serial, kind, site]) => ({
      kind,
      parts: { series: "b2-licence" as const, abbreviation: abbr, serial, siteIndex: site, ...withSuffix(kind) },
    })),
  fc
    .tuple(abbreviation, digitString(8))
    .map(([abbr, serial]) => ({
      kind: "value-added-telecom-licence" as const,
      parts: { series: "b2-licence" as const, abbreviation: abbr, serial },
    })),
  fc
    .tuple(abbreviation, digitString(6))
    .map(([abbr, serial]) => ({ kind: "commercial-licence" as const, parts: { series: "icp-licence" as const, abbreviation: abbr, serial } })),
  fc
    .tuple(abbreviation, digitString(14))
    .map(([abbr, serial]) => ({ kind: "public-security" as const, parts: { series: "public-security" as const, abbreviation: abbr, serial } })),
);

function withSuffix(kind: FilingNumberKind): { suffix?: AppSuffix } {
  const suffix = suffixOf(kind);
  return suffix ? { suffix } : {};
}

const validNumber = validParts.map(({ parts, kind }) => ({ parts, kind, text: formatFilingNumber(parts) }));

const websiteNumber = fc
  .tuple(abbreviation, icpSerial, fc.option(siteIndex, { nil: undefined }))
  .map(([abbr, serial, site]) =>
    formatFilingNumber({ series: "icp-filing", abbreviation: abbr, serial, ...(site !== undefined ? { siteIndex: site } : {}) }),
  );

/** Shuffles the letter case and the spacing of a romanised number the way people type it. */
function respell(romanised: string, upper: boolean[], gap: string): string {
  let i = 0;
  return romanised
    .split(" ")
    .join(gap)
    .replace(/[A-Za-z]/g, (ch) => (upper[i++ % upper.length] ? ch.toUpperCase() : ch.toLowerCase()));
}

const FULL_WIDTH = (text: string) =>
  text.replace(/[0-9A-Za-z-]/g, (ch) => (ch === "-" ? "\uFF0D" : String.fromCharCode(ch.charCodeAt(0) + 0xfee0)));

// ---- properties -------------------------------------------------------------------------------

const RUNS = { numRuns: 400 };

describe("properties: valid numbers", () => {
  it("parse → format → parse round-trips for every kind and every abbreviation", () => {
    fc.assert(
      fc.property(validNumber, ({ parts, kind, text }) => {
        const parsed = parsedOk(text);
        const province = provinceByAbbreviation(parts.abbreviation)!;
        expect(parsed).toStrictEqual({
          ok: true,
          kind,
          ...parts,
          province: province.code,
          canonical: text,
          romanised: false,
        });
        expect(formatFilingNumber(parsed)).toBe(text);
        expect(parse(formatFilingNumber(parsed))).toStrictEqual(parsed);
      }),
      RUNS,
    );
  });

  it("covers every abbreviation including the alternatives", () => {
    for (const abbr of ALL_ABBREVIATIONS) {
      expect(parsedOk(`${abbr}ICP备2021003158号-1`).province).toBe(provinceByAbbreviation(abbr)!.code);
    }
  });

  it("romanised numbers parse to the same number, or to candidates when the pinyin is ambiguous", () => {
    fc.assert(
      fc.property(
        validNumber,
        fc.array(fc.boolean(), { minLength: 1, maxLength: 7 }),
        fc.constantFrom(" ", "  ", "\t", " \u3000"),
        ({ parts, kind, text }, upper, gap) => {
          const romanised = respell(formatFilingNumber(parts, true), upper, gap);
          const parsed = parsedOk(romanised);
          expect(parsed.romanised).toBe(true);
          expect(parsed).toMatchObject({ kind, series: parts.series, serial: parts.serial });
          expect(parsed.siteIndex).toBe(parts.siteIndex);
          expect(parsed.suffix).toBe(parts.suffix);
          const pinyin = provinceByAbbreviation(parts.abbreviation)!.abbreviations.find((a) => a.character === parts.abbreviation)!.pinyin;
          const meanings = abbreviationsByPinyin(pinyin);
          if (meanings.length === 1) {
            expect(parsed.province).toBe(provinceByAbbreviation(parts.abbreviation)!.code);
            expect(parsed.provinceCandidates).toBeUndefined();
            expect(parsed.canonical).toBe(text);
          } else {
            expect(parsed.province).toBeUndefined();
            expect(parsed.provinceCandidates).toEqual(meanings.map((m) => m.province.code));
            expect(parsed.provinceCandidates).toContain(provinceByAbbreviation(parts.abbreviation)!.code);
            expect(parsed.canonical).toBe(formatFilingNumber(parts, true));
          }
          // The canonical form reads back as the same number.
          const again = parsedOk(parsed.canonical);
          if (meanings.length === 1) {
            const { pinyin: _pinyin, ...chinese } = parsed;
            expect(again).toStrictEqual({ ...chinese, romanised: false });
          } else {
            expect(again).toStrictEqual(parsed);
          }
        },
      ),
      RUNS,
    );
  });

  it("surrounding whitespace and full-width characters do not change the reading", () => {
    fc.assert(
      fc.property(
        validNumber,
        fc.constantFrom("", " ", "\t", "\u3000", "\n ", "\u00a0"),
        fc.constantFrom("", " ", "\r\n", "\u3000"),
        fc.boolean(),
        ({ text }, before, after, fullWidth) => {
          const decorated = before + (fullWidth ? FULL_WIDTH(text) : text) + after;
          expect(parse(decorated)).toStrictEqual(parse(text));
        },
      ),
      RUNS,
    );
  });
});

describe("properties: near-misses get a specific error", () => {
  it("ICP备 serials of the wrong length", () => {
    fc.assert(
      fc.property(
        abbreviation,
        fc.constantFrom(1, 5, 7, 9, 11, 12),
        fc.option(siteIndex, { nil: undefined }),
        fc.infiniteStream(fc.constantFrom(..."0123456789")),
        (abbr, length, site, digits) => {
          const serial = [...digits.take(length)].join("");
          const text = `${abbr}ICP备${serial}号${site !== undefined ? `-${site}` : ""}`;
          expect(messageFor(text)).toBe(`serial has ${length} digits; expected 8 (older) or 10 (newer)`);
        },
      ),
      RUNS,
    );
  });

  it("10-digit serials with an implausible year", () => {
    const badYear = fc.oneof(fc.integer({ min: 1000, max: 1999 }), fc.integer({ min: LATEST_YEAR + 1, max: 9999 }));
    fc.assert(
      fc.property(abbreviation, badYear, digitString(6), (abbr, year, rest) => {
        expect(messageFor(`${abbr}ICP备${year}${rest}号-1`)).toContain(`starts with ${year}, which is not a plausible filing year`);
      }),
      RUNS,
    );
  });

  it("characters that are not province abbreviations", () => {
    const notAProvince = fc
      .integer({ min: 0x4e00, max: 0x9fff })
      .map((cp) => String.fromCodePoint(cp))
      .filter((ch) => !ALL_ABBREVIATIONS.includes(ch) && !"港澳台臺".includes(ch));
    fc.assert(
      fc.property(notAProvince, websiteNumber, (ch, number) => {
        expect(messageFor(ch + number.slice(1))).toMatch(new RegExp(`^unknown province abbreviation "${ch}"`, "u"));
      }),
      RUNS,
    );
  });

  it("Hong Kong, Macau and Taiwan", () => {
    fc.assert(
      fc.property(fc.constantFrom("港", "澳", "台", "臺"), validNumber, (ch, { text }) => {
        expect(messageFor(ch + text.slice(1))).toMatch(/stands for (Hong Kong|Macau|Taiwan), which has no ICP numbers/);
      }),
      RUNS,
    );
  });

  it("missing 号", () => {
    const withHao = validNumber.filter(({ parts }) => parts.series !== "b2-licence");
    fc.assert(
      fc.property(withHao, ({ text }) => {
        expect(messageFor(text.replace("号", ""))).toMatch(/^missing 号 (after|between) the serial \d+/);
      }),
      RUNS,
    );
  });

  it("a suffix letter other than A or X", () => {
    const wrongLetter = fc.constantFrom(..."BCDEFGHIJKLMNOPQRSTUVWYZbcdefghijklmnopqrstuvwyz");
    const sited = validNumber.filter(({ parts }) => parts.siteIndex !== undefined);
    fc.assert(
      fc.property(sited, wrongLetter, ({ parts }, letter) => {
        const text = formatFilingNumber({ ...parts, suffix: undefined }) + letter;
        expect(messageFor(text)).toBe(
          `unknown suffix "${letter}" after the site index; expected none (website), A (app) or X (mini-program)`,
        );
      }),
      RUNS,
    );
  });

  it("a suffix without a site index", () => {
    fc.assert(
      fc.property(abbreviation, icpSerial, fc.constantFrom<AppSuffix>("A", "X"), (abbr, serial, suffix) => {
        const example = formatFilingNumber({ series: "icp-filing", abbreviation: abbr, serial, siteIndex: 1, suffix });
        const meaning = suffix === "A" ? "an app number ends in A" : "a mini-program number ends in X";
        expect(messageFor(`${abbr}ICP备${serial}号${suffix}`)).toBe(
          `${meaning} after a site index, e.g. ${example}; the site index is missing`,
        );
      }),
      RUNS,
    );
  });
});

describe("properties: any string", () => {
  /** One random edit of a valid number: the inputs most likely to find a parser's edge cases. */
  const mutated = fc
    .tuple(
      validNumber,
      fc.nat(),
      fc.constantFrom("delete", "insert", "replace"),
      fc.constantFrom(..."0123456789-号备证ICPBAXax 港蜀", "\u00a0", "\uFF0D", "Hao", "\uD800", "😀", ""),
    )
    .map(([{ text }, at, edit, piece]) => {
      const i = at % (text.length + 1);
      if (edit === "delete") return text.slice(0, i) + text.slice(i + 1);
      if (edit === "insert") return text.slice(0, i) + piece + text.slice(i);
      return text.slice(0, i) + piece + text.slice(i + 1);
    });

  const anyString = fc.oneof(
    fc.string({ unit: "binary", maxLength: 60 }),
    fc.string({ unit: "grapheme", maxLength: 60 }),
    fc.string({ unit: fc.constantFrom(..."京粤蜀ICP备证号公网安B2-0123456789AXHao "), maxLength: 40 }),
    mutated,
    validNumber.map(({ parts }) => respell(formatFilingNumber(parts, true), [true, false], " ")),
  );

  it("never throws, and every accepted number reads back from its canonical form", () => {
    fc.assert(
      fc.property(anyString, (text) => {
        const result = parse(text);
        if (result.ok) {
          const again = parsedOk(result.canonical);
          expect(again.canonical).toBe(result.canonical);
          expect(again.kind).toBe(result.kind);
          expect(formatFilingNumber(result)).toBe(result.canonical);
        } else {
          expect(result.message.length).toBeGreaterThan(0);
          expect(typeof result.input).toBe("string");
        }
      }),
      { numRuns: 3000 },
    );
  });

  it("isWebsiteFilingNumber is true exactly for website and entity numbers", () => {
    fc.assert(
      fc.property(anyString, (text) => {
        const result = parse(text);
        expect(isWebsiteFilingNumber(text, { currentYear: YEAR })).toBe(
          result.ok && (result.kind === "website" || result.kind === "entity"),
        );
      }),
      { numRuns: 1000 },
    );
    expect(isWebsiteFilingNumber("京ICP备11018762号-11")).toBe(true);
    expect(isWebsiteFilingNumber("京ICP备11018762号")).toBe(true);
    expect(isWebsiteFilingNumber("Jin ICP Bei 12345678 Hao-1")).toBe(true);
    expect(isWebsiteFilingNumber("京ICP备2024096997号-13A")).toBe(false);
    expect(isWebsiteFilingNumber("粤公网安备44030502008569号")).toBe(false);
  });
});

describe("WEBSITE_FILING_NUMBER_PATTERN", () => {
  const forms = [new RegExp(PATTERN, "u"), new RegExp(PATTERN)];

  it("uses only syntax that RE2 (Go regexp) shares with ECMAScript", () => {
    for (const pattern of [PATTERN, WEBSITE_FILING_NUMBER_PATTERN]) {
      for (const banned of ["(?=", "(?!", "(?<", "\\p{", "\\P{", "\\k<", ...Array.from({ length: 9 }, (_, i) => `\\${i + 1}`)]) {
        expect(pattern).not.toContain(banned);
      }
      expect(() => new RegExp(pattern, "u")).not.toThrow();
      expect(() => new RegExp(pattern)).not.toThrow();
      // Anchored: JSON Schema patterns are not implicitly anchored.
      expect(pattern.startsWith("^")).toBe(true);
      expect(pattern.endsWith("$")).toBe(true);
    }
  });

  it("does not change with the calendar (the parser rejects future years instead)", () => {
    expect(WEBSITE_FILING_NUMBER_PATTERN).toBe(websiteFilingNumberPattern(2099));
    expect(new RegExp(WEBSITE_FILING_NUMBER_PATTERN).test("京ICP备2090003158号-1")).toBe(true);
    expect(parseFilingNumber("京ICP备2090003158号-1").ok).toBe(false);
  });

  it.each([
    ["京ICP备11018762号-11", true],
    ["京ICP备11018762号", true],
    ["陇ICP备2021003158号-1", true],
    ["粤B2-20090059-5", true],
    ["京ICP备2024096997号-13A", false],
    ["苏ICP备2026044365号-1X", false],
    ["粤B2-20090059-1626X", false],
    ["粤B2-20090059", false],
    ["京ICP证150476号", false],
    ["粤公网安备44030502008569号", false],
    ["京ICP备110187620号-1", false],
    ["京ICP备1999003158号-1", false],
    ["京ICP备11018762号-0", false],
    ["京ICP备11018762号-01", false],
    [" 京ICP备11018762号-1", false],
    ["京ICP备11018762号-1\n", false],
    ["x京ICP备11018762号-1", false],
    ["港ICP备11018762号-1", false],
    ["Jing ICP Bei 12345678 Hao-1", false],
  ])("%j → %s", (text, accepted) => {
    for (const re of forms) expect(re.test(text)).toBe(accepted);
  });

  it("agrees with parseFilingNumber: it accepts exactly the canonical website and entity numbers", () => {
    const candidates = fc.oneof(
      websiteNumber,
      validNumber.map(({ text }) => text),
      fc
        .tuple(websiteNumber, fc.nat(), fc.constantFrom(..."0123456789-号备ICPAX 港蜀", "\uFF10", "😀"))
        .map(([text, at, piece]) => {
          const i = at % (text.length + 1);
          return at % 2 === 0 ? text.slice(0, i) + piece + text.slice(i) : text.slice(0, i) + text.slice(i + 1);
        }),
      fc
        .tuple(abbreviation, fc.integer({ min: 1990, max: 2040 }), digitString(6), siteIndex)
        .map(([abbr, year, rest, site]) => `${abbr}ICP备${year}${rest}号-${site}`),
      fc.string({ unit: "binary", maxLength: 30 }),
    );
    fc.assert(
      fc.property(candidates, (text) => {
        const result = parse(text);
        const expected = result.ok && (result.kind === "website" || result.kind === "entity") && result.canonical === text;
        for (const re of forms) expect(re.test(text)).toBe(expected);
      }),
      { numRuns: 3000 },
    );
  });

  it("limits 10-digit serials to years 2000..latestYear for any latest year", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2000, max: 2300 }), fc.integer({ min: 1900, max: 2400 }), (latest, year) => {
        const re = new RegExp(websiteFilingNumberPattern(latest), "u");
        expect(re.test(`京ICP备${year}000001号-1`)).toBe(year >= 2000 && year <= latest);
      }),
      { numRuns: 1000 },
    );
    expect(() => websiteFilingNumberPattern(1999)).toThrow(RangeError);
    expect(() => websiteFilingNumberPattern(2026.5)).toThrow(RangeError);
  });
});

describe("module boundaries", () => {
  it("rules/filing-number.ts and rules/provinces.ts import no Pulumi or provider SDK", () => {
    for (const file of ["filing-number.ts", "provinces.ts"]) {
      const source = readFileSync(join(__dirname, "../../rules", file), "utf8");
      expect(source).not.toMatch(/from\s+["']@pulumi\//);
      expect(source).not.toMatch(/require\(\s*["']@pulumi\//);
    }
  });

  it("names every abbreviation, primary and alternative, in the pattern", () => {
    for (const p of ALL_PROVINCES) {
      for (const a of p.abbreviations) expect(PATTERN).toContain(a.character);
    }
  });
});
