// The 31 mainland provincial-level divisions that issue ICP numbers.
//
// Sources:
// - Codes: ISO 3166-2:CN, used as ASCII keys because pinyin abbreviations collide
//   (津/晋 Jin, 桂/贵 Gui, 冀/吉 Ji, 豫/渝 Yu, 赣/甘 Gan).
// - Abbreviations and the alternatives seen on real numbers (蜀, 黔, 滇, 陇):
//   /work/shared/reference/icp-facts.md, section "Numbers".
// - Authority review times: same reference, section "Timelines". Provinces without their own
//   row get the reference's general range for "other provinces" (10–20 business days).
// Hong Kong, Macau and Taiwan are deliberately absent: they have no ICP numbers.

export const PROVINCE_CODES = [
  "CN-BJ", "CN-TJ", "CN-HE", "CN-SX", "CN-NM", "CN-LN", "CN-JL", "CN-HL",
  "CN-SH", "CN-JS", "CN-ZJ", "CN-AH", "CN-FJ", "CN-JX", "CN-SD", "CN-HA",
  "CN-HB", "CN-HN", "CN-GD", "CN-GX", "CN-HI", "CN-CQ", "CN-SC", "CN-GZ",
  "CN-YN", "CN-XZ", "CN-SN", "CN-GS", "CN-QH", "CN-NX", "CN-XJ",
] as const;

export type ProvinceCode = (typeof PROVINCE_CODES)[number];

export interface ProvinceAbbreviation {
  /** One Chinese character as it appears at the start of an ICP number, e.g. 粤. */
  readonly character: string;
  /** Its pinyin as written in romanised numbers, e.g. "Yue" in "Yue ICP Bei …". */
  readonly pinyin: string;
}

export interface AuthorityReviewTime {
  readonly minBusinessDays: number;
  readonly maxBusinessDays: number;
  /** "province" when the reference names this province; "general" for its catch-all range. */
  readonly basis: "province" | "general";
}

export interface Province {
  readonly code: ProvinceCode;
  readonly englishName: string;
  readonly chineseName: string;
  /** Primary abbreviation first, then alternatives found on real numbers. */
  readonly abbreviations: readonly ProvinceAbbreviation[];
  readonly authorityReview: AuthorityReviewTime;
}

const GENERAL_REVIEW: AuthorityReviewTime = { minBusinessDays: 10, maxBusinessDays: 20, basis: "general" };

function review(minBusinessDays: number, maxBusinessDays: number): AuthorityReviewTime {
  return { minBusinessDays, maxBusinessDays, basis: "province" };
}

function province(
  code: ProvinceCode,
  englishName: string,
  chineseName: string,
  abbreviations: ReadonlyArray<readonly [character: string, pinyin: string]>,
  authorityReview: AuthorityReviewTime = GENERAL_REVIEW,
): Province {
  return Object.freeze({
    code,
    englishName,
    chineseName,
    abbreviations: Object.freeze(abbreviations.map(([character, pinyin]) => Object.freeze({ character, pinyin }))),
    authorityReview: Object.freeze(authorityReview),
  });
}

export const ALL_PROVINCES: readonly Province[] = Object.freeze([
  province("CN-BJ", "Beijing", "北京市", [["京", "Jing"]], review(10, 15)),
  province("CN-TJ", "Tianjin", "天津市", [["津", "Jin"]]),
  province("CN-HE", "Hebei", "河北省", [["冀", "Ji"]]),
  province("CN-SX", "Shanxi", "山西省", [["晋", "Jin"]]),
  province("CN-NM", "Inner Mongolia", "内蒙古自治区", [["蒙", "Meng"]]),
  province("CN-LN", "Liaoning", "辽宁省", [["辽", "Liao"]]),
  province("CN-JL", "Jilin", "吉林省", [["吉", "Ji"]]),
  province("CN-HL", "Heilongjiang", "黑龙江省", [["黑", "Hei"]]),
  province("CN-SH", "Shanghai", "上海市", [["沪", "Hu"]], review(3, 5)),
  province("CN-JS", "Jiangsu", "江苏省", [["苏", "Su"]]),
  province("CN-ZJ", "Zhejiang", "浙江省", [["浙", "Zhe"]], review(5, 8)),
  province("CN-AH", "Anhui", "安徽省", [["皖", "Wan"]]),
  province("CN-FJ", "Fujian", "福建省", [["闽", "Min"]]),
  province("CN-JX", "Jiangxi", "江西省", [["赣", "Gan"]]),
  province("CN-SD", "Shandong", "山东省", [["鲁", "Lu"]]),
  province("CN-HA", "Henan", "河南省", [["豫", "Yu"]]),
  province("CN-HB", "Hubei", "湖北省", [["鄂", "E"]]),
  province("CN-HN", "Hunan", "湖南省", [["湘", "Xiang"]]),
  province("CN-GD", "Guangdong", "广东省", [["粤", "Yue"]], review(5, 10)),
  province("CN-GX", "Guangxi", "广西壮族自治区", [["桂", "Gui"]]),
  province("CN-HI", "Hainan", "海南省", [["琼", "Qiong"]]),
  province("CN-CQ", "Chongqing", "重庆市", [["渝", "Yu"]]),
  province("CN-SC", "Sichuan", "四川省", [["川", "Chuan"], ["蜀", "Shu"]], review(10, 15)),
  province("CN-GZ", "Guizhou", "贵州省", [["贵", "Gui"], ["黔", "Qian"]]),
  province("CN-YN", "Yunnan", "云南省", [["云", "Yun"], ["滇", "Dian"]]),
  province("CN-XZ", "Tibet", "西藏自治区", [["藏", "Zang"]], review(15, 20)),
  province("CN-SN", "Shaanxi", "陕西省", [["陕", "Shan"]]),
  province("CN-GS", "Gansu", "甘肃省", [["甘", "Gan"], ["陇", "Long"]]),
  province("CN-QH", "Qinghai", "青海省", [["青", "Qing"]]),
  province("CN-NX", "Ningxia", "宁夏回族自治区", [["宁", "Ning"]]),
  province("CN-XJ", "Xinjiang", "新疆维吾尔自治区", [["新", "Xin"]], review(15, 20)),
]);

const byCode = new Map<string, Province>(ALL_PROVINCES.map((p) => [p.code, p]));

const byAbbreviation = new Map<string, Province>(
  ALL_PROVINCES.flatMap((p) => p.abbreviations.map((a) => [a.character, p] as const)),
);

// Keyed by lower-case pinyin; several provinces share some syllables.
const byPinyin = new Map<string, { province: Province; abbreviation: ProvinceAbbreviation }[]>();
for (const p of ALL_PROVINCES) {
  for (const a of p.abbreviations) {
    const key = a.pinyin.toLowerCase();
    const entries = byPinyin.get(key) ?? [];
    entries.push({ province: p, abbreviation: a });
    byPinyin.set(key, entries);
  }
}

/** Every abbreviation character, primary and alternative, in table order. */
export const ALL_ABBREVIATIONS: readonly string[] = Object.freeze([...byAbbreviation.keys()]);

export function isProvinceCode(value: unknown): value is ProvinceCode {
  return typeof value === "string" && byCode.has(value);
}

/** Looks up an ISO 3166-2:CN code such as "CN-GD" (upper case, as ISO writes it). */
export function provinceByCode(code: string): Province | undefined {
  return byCode.get(code);
}

/** Looks up the one-character abbreviation that starts an ICP number, e.g. "粤" or "蜀". */
export function provinceByAbbreviation(character: string): Province | undefined {
  return byAbbreviation.get(character);
}

/**
 * Everything a romanised abbreviation can mean, case-insensitively: one entry for most
 * syllables, two for the colliding ones (e.g. "Jin" → 津 Tianjin and 晋 Shanxi), none if unknown.
 */
export function abbreviationsByPinyin(
  pinyin: string,
): readonly { province: Province; abbreviation: ProvinceAbbreviation }[] {
  return byPinyin.get(pinyin.toLowerCase()) ?? [];
}
