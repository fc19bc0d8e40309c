import { describe, expect, it } from "vitest";
import {
  ALL_ABBREVIATIONS,
  ALL_PROVINCES,
  PROVINCE_CODES,
  abbreviationsByPinyin,
  isProvinceCode,
  provinceByAbbreviation,
  provinceByCode,
  type ProvinceCode,
} from "../../rules/provinces";

// code → [abbreviation, pinyin] pairs, primary first, as the brief lists them.
const EXPECTED_ABBREVIATIONS: Record<ProvinceCode, [string, string][]> = {
  "CN-BJ": [["京", "Jing"]],
  "CN-TJ": [["津", "Jin"]],
  "CN-HE": [["冀", "Ji"]],
  "CN-SX": [["晋", "Jin"]],
  "CN-NM": [["蒙", "Meng"]],
  "CN-LN": [["辽", "Liao"]],
  "CN-JL": [["吉", "Ji"]],
  "CN-HL": [["黑", "Hei"]],
  "CN-SH": [["沪", "Hu"]],
  "CN-JS": [["苏", "Su"]],
  "CN-ZJ": [["浙", "Zhe"]],
  "CN-AH": [["皖", "Wan"]],
  "CN-FJ": [["闽", "Min"]],
  "CN-JX": [["赣", "Gan"]],
  "CN-SD": [["鲁", "Lu"]],
  "CN-HA": [["豫", "Yu"]],
  "CN-HB": [["鄂", "E"]],
  "CN-HN": [["湘", "Xiang"]],
  "CN-GD": [["粤", "Yue"]],
  "CN-GX": [["桂", "Gui"]],
  "CN-HI": [["琼", "Qiong"]],
  "CN-CQ": [["渝", "Yu"]],
  "CN-SC": [["川", "Chuan"], ["蜀", "Shu"]],
  "CN-GZ": [["贵", "Gui"], ["黔", "Qian"]],
  "CN-YN": [["云", "Yun"], ["滇", "Dian"]],
  "CN-XZ": [["藏", "Zang"]],
  "CN-SN": [["陕", "Shan"]],
  "CN-GS": [["甘", "Gan"], ["陇", "Long"]],
  "CN-QH": [["青", "Qing"]],
  "CN-NX": [["宁", "Ning"]],
  "CN-XJ": [["新", "Xin"]],
};

describe("province table", () => {
  it("has the 31 mainland provincial-level divisions, each code once", () => {
    expect(ALL_PROVINCES).toHaveLength(31);
    expect(ALL_PROVINCES.map((p) => p.code)).toEqual([...PROVINCE_CODES]);
    expect(new Set(PROVINCE_CODES).size).toBe(31);
    expect(Object.keys(EXPECTED_ABBREVIATIONS).sort()).toEqual([...PROVINCE_CODES].sort());
  });

  it.each(Object.entries(EXPECTED_ABBREVIATIONS))("%s has abbreviations %j", (code, expected) => {
    const province = provinceByCode(code)!;
    expect(province.abbreviations.map((a) => [a.character, a.pinyin])).toEqual(expected);
  });

  it("has 35 distinct abbreviation characters: 31 primary plus 蜀 黔 滇 陇", () => {
    expect(ALL_ABBREVIATIONS).toHaveLength(35);
    expect(new Set(ALL_ABBREVIATIONS).size).toBe(35);
    const alternatives = ALL_PROVINCES.flatMap((p) => p.abbreviations.slice(1).map((a) => a.character));
    expect(alternatives.sort()).toEqual(["蜀", "黔", "滇", "陇"].sort());
  });

  it("keeps Hong Kong, Macau and Taiwan out", () => {
    for (const ch of ["港", "澳", "台", "臺"]) expect(provinceByAbbreviation(ch)).toBeUndefined();
    for (const code of ["CN-HK", "CN-MO", "CN-TW"]) expect(provinceByCode(code)).toBeUndefined();
  });

  it("names provinces in English and Chinese", () => {
    const names = Object.fromEntries(ALL_PROVINCES.map((p) => [p.code, [p.englishName, p.chineseName]]));
    expect(names["CN-BJ"]).toEqual(["Beijing", "北京市"]);
    expect(names["CN-SX"]).toEqual(["Shanxi", "山西省"]);
    expect(names["CN-SN"]).toEqual(["Shaanxi", "陕西省"]);
    expect(names["CN-NM"]).toEqual(["Inner Mongolia", "内蒙古自治区"]);
    expect(names["CN-HA"]).toEqual(["Henan", "河南省"]);
    expect(names["CN-HI"]).toEqual(["Hainan", "海南省"]);
    expect(names["CN-XZ"]).toEqual(["Tibet", "西藏自治区"]);
    expect(names["CN-XJ"]).toEqual(["Xinjiang", "新疆维吾尔自治区"]);
    for (const p of ALL_PROVINCES) {
      expect(p.englishName).toMatch(/^[A-Z][a-z]+(?: [A-Z][a-z]+)?$/);
      expect(p.chineseName).toMatch(/^\p{Script=Han}{2,}$/u);
    }
  });
});

describe("authority review times", () => {
  const provinceSpecific: Partial<Record<ProvinceCode, [number, number]>> = {
    "CN-SH": [3, 5],
    "CN-ZJ": [5, 8],
    "CN-GD": [5, 10],
    "CN-BJ": [10, 15],
    "CN-SC": [10, 15],
    "CN-XJ": [15, 20],
    "CN-XZ": [15, 20],
  };

  it.each(ALL_PROVINCES.map((p) => [p.code, p] as const))("%s", (code, province) => {
    const specific = provinceSpecific[code];
    expect(province.authorityReview).toEqual(
      specific
        ? { minBusinessDays: specific[0], maxBusinessDays: specific[1], basis: "province" }
        : { minBusinessDays: 10, maxBusinessDays: 20, basis: "general" },
    );
  });
});

describe("lookups", () => {
  it("finds a province by code, case-sensitively as ISO writes it", () => {
    expect(provinceByCode("CN-GD")?.englishName).toBe("Guangdong");
    expect(provinceByCode("cn-gd")).toBeUndefined();
    expect(provinceByCode("")).toBeUndefined();
    expect(provinceByCode("GD")).toBeUndefined();
  });

  it("finds a province by primary or alternative abbreviation", () => {
    for (const [code, pairs] of Object.entries(EXPECTED_ABBREVIATIONS)) {
      for (const [character] of pairs) expect(provinceByAbbreviation(character)?.code).toBe(code);
    }
    expect(provinceByAbbreviation("粤粤")).toBeUndefined();
    expect(provinceByAbbreviation("")).toBeUndefined();
    expect(provinceByAbbreviation("A")).toBeUndefined();
  });

  it("narrows strings to province codes", () => {
    expect(isProvinceCode("CN-XJ")).toBe(true);
    expect(isProvinceCode("CN-HK")).toBe(false);
    expect(isProvinceCode(42)).toBe(false);
    expect(isProvinceCode(undefined)).toBe(false);
  });

  it("returns every province for a colliding pinyin and nothing for an unknown one", () => {
    const codes = (pinyin: string) => abbreviationsByPinyin(pinyin).map((m) => m.province.code);
    expect(codes("Jin")).toEqual(["CN-TJ", "CN-SX"]);
    expect(codes("gui")).toEqual(["CN-GX", "CN-GZ"]);
    expect(codes("JI")).toEqual(["CN-HE", "CN-JL"]);
    expect(codes("Yu")).toEqual(["CN-HA", "CN-CQ"]);
    expect(codes("Gan")).toEqual(["CN-JX", "CN-GS"]);
    expect(codes("Shu")).toEqual(["CN-SC"]);
    expect(codes("Long")).toEqual(["CN-GS"]);
    expect(codes("Gang")).toEqual([]);
    expect(codes("")).toEqual([]);
  });

  it("has exactly five colliding syllables", () => {
    const counts = new Map<string, number>();
    for (const p of ALL_PROVINCES) {
      for (const a of p.abbreviations) counts.set(a.pinyin, (counts.get(a.pinyin) ?? 0) + 1);
    }
    const colliding = [...counts].filter(([, n]) => n > 1).map(([pinyin]) => pinyin).sort();
    expect(colliding).toEqual(["Gan", "Gui", "Ji", "Jin", "Yu"]);
  });

  it("is frozen so callers cannot corrupt the shared table", () => {
    expect(Object.isFrozen(ALL_PROVINCES)).toBe(true);
    expect(Object.isFrozen(ALL_PROVINCES[0])).toBe(true);
    expect(Object.isFrozen(ALL_PROVINCES[0]!.abbreviations)).toBe(true);
  });
});
