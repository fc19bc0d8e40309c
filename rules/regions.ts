// Region catalogue for both clouds: is a region in mainland China, and in which province.
// Sources (see ../shared/reference/provider-catalogue.md, "Regions"):
//   Alibaba: aliyun/terraform-provider-alicloud alicloud/connectivity/regions.go ValidRegions (Aug 2026),
//            Alibaba regions page doc-detail/188196 for the cities.
//   Tencent: union of tencentcloud-sdk-go common/regions/regions.go, terraform-provider-tencentcloud
//            common.go ShortRegionNameParse and services/tcr/extension_tcr.go.
// Provinces are inferred from the city in the region ID; entries marked unconfirmed had no source.

import type { ProvinceCode } from "./provinces";

export type Cloud = "alicloud" | "tencentcloud";

interface RegionFact {
  mainland: boolean;
  province?: ProvinceCode;
  unconfirmed?: boolean;
}

const mainland = (province: ProvinceCode, unconfirmed = false): RegionFact =>
  unconfirmed ? { mainland: true, province, unconfirmed } : { mainland: true, province };
const outside: RegionFact = { mainland: false };

const ALIBABA_REGIONS: Record<string, RegionFact> = {
  "cn-qingdao": mainland("CN-SD"),
  "cn-beijing": mainland("CN-BJ"),
  "cn-beijing-finance-1": mainland("CN-BJ"),
  "cn-beijing-finance-1-pub": mainland("CN-BJ"),
  "cn-north-2-gov-1": mainland("CN-BJ", true),
  "cn-zhangjiakou": mainland("CN-HE"),
  "cn-huhehaote": mainland("CN-NM"),
  "cn-wulanchabu": mainland("CN-NM"),
  "cn-hangzhou": mainland("CN-ZJ"),
  "cn-hangzhou-finance": mainland("CN-ZJ"),
  "cn-hzfinance": mainland("CN-ZJ"),
  "cn-hzjbp": mainland("CN-ZJ"),
  "cn-shanghai": mainland("CN-SH"),
  "cn-shanghai-finance-1": mainland("CN-SH"),
  "cn-shanghai-finance-1-pub": mainland("CN-SH"),
  "cn-nanjing": mainland("CN-JS"),
  "cn-fuzhou": mainland("CN-FJ"),
  "cn-shenzhen": mainland("CN-GD"),
  "cn-heyuan": mainland("CN-GD"),
  "cn-guangzhou": mainland("CN-GD"),
  "cn-shenzhen-finance-1": mainland("CN-GD"),
  "cn-szfinance": mainland("CN-GD"),
  "cn-shenzhen-finance": mainland("CN-GD"),
  "cn-chengdu": mainland("CN-SC"),
  "cn-zhongwei": mainland("CN-NX"),
  "cn-wuhan-lr": mainland("CN-HB", true),
  "cn-zhengzhou-jva": mainland("CN-HA", true),
  "cn-hongkong": outside,
  "ap-southeast-1": outside,
  "ap-southeast-2": outside,
  "ap-southeast-3": outside,
  "ap-southeast-5": outside,
  "ap-southeast-6": outside,
  "ap-southeast-7": outside,
  "ap-southeast-8": outside,
  "ap-northeast-1": outside,
  "ap-northeast-2": outside,
  "ap-south-1": outside,
  "us-west-1": outside,
  "us-east-1": outside,
  "us-southeast-1": outside,
  "na-south-1": outside,
  "me-east-1": outside,
  "me-central-1": outside,
  "eu-central-1": outside,
  "eu-west-1": outside,
  "rus-west-1": outside,
};

const TENCENT_REGIONS: Record<string, RegionFact> = {
  "ap-guangzhou": mainland("CN-GD"),
  "ap-guangzhou-open": mainland("CN-GD"),
  "ap-shenzhen": mainland("CN-GD"),
  "ap-shenzhen-fsi": mainland("CN-GD"),
  "ap-shenzhen-sycft": mainland("CN-GD"),
  "ap-qingyuan": mainland("CN-GD"),
  "ap-qingyuan-xinan": mainland("CN-GD", true),
  "ap-shanghai": mainland("CN-SH"),
  "ap-shanghai-fsi": mainland("CN-SH"),
  "ap-shanghai-adc": mainland("CN-SH"),
  "ap-shanghai-ysx": mainland("CN-SH", true),
  "ap-beijing": mainland("CN-BJ"),
  "ap-beijing-fsi": mainland("CN-BJ"),
  "ap-tianjin": mainland("CN-TJ"),
  "ap-nanjing": mainland("CN-JS"),
  "ap-chengdu": mainland("CN-SC"),
  "ap-chongqing": mainland("CN-CQ"),
  "ap-guiyang": mainland("CN-GZ"),
  "ap-jinan-ec": mainland("CN-SD"),
  "ap-hangzhou-ec": mainland("CN-ZJ"),
  "ap-fuzhou-ec": mainland("CN-FJ"),
  "ap-hefei-ec": mainland("CN-AH"),
  "ap-shijiazhuang-ec": mainland("CN-HE"),
  "ap-wuhan-ec": mainland("CN-HB"),
  "ap-changsha-ec": mainland("CN-HN"),
  "ap-zhengzhou-ec": mainland("CN-HA"),
  "ap-xian-ec": mainland("CN-SN"),
  "ap-shenyang-ec": mainland("CN-LN"),
  // "north-west" edge zone: mainland, province not documented.
  "ap-xibei-ec": { mainland: true, unconfirmed: true },
  "ap-hongkong": outside,
  "ap-taipei": outside,
  "ap-singapore": outside,
  "ap-bangkok": outside,
  "ap-jakarta": outside,
  "ap-mumbai": outside,
  "ap-seoul": outside,
  "ap-tokyo": outside,
  "na-siliconvalley": outside,
  "na-ashburn": outside,
  "na-toronto": outside,
  "eu-frankfurt": outside,
  "eu-moscow": outside,
  "sa-saopaulo": outside,
};

const REGIONS: Record<Cloud, Record<string, RegionFact>> = {
  alicloud: ALIBABA_REGIONS,
  tencentcloud: TENCENT_REGIONS,
};

/** Region each provider falls back to when nothing sets one (both mainland). */
export const PROVIDER_DEFAULT_REGION: Record<Cloud, string> = {
  alicloud: "cn-beijing", // alicloud/common.go DEFAULT_REGION
  tencentcloud: "ap-guangzhou", // tencentcloud/provider.go DEFAULT_REGION
};

/** Environment variables each provider reads for its region, in order (provider.js / provider.go). */
export const PROVIDER_REGION_ENV: Record<Cloud, readonly string[]> = {
  alicloud: ["ALICLOUD_REGION", "ALIBABA_CLOUD_REGION"],
  tencentcloud: ["TENCENTCLOUD_REGION"],
};

// Chinese cities seen in Tencent region IDs, for IDs the catalogue does not list yet.
const TENCENT_MAINLAND_CITY_PREFIXES = [
  "guangzhou", "shenzhen", "qingyuan", "shanghai", "beijing", "tianjin", "nanjing", "chengdu",
  "chongqing", "guiyang", "jinan", "hangzhou", "fuzhou", "hefei", "shijiazhuang", "wuhan",
  "changsha", "zhengzhou", "xian", "shenyang", "xibei", "harbin", "changchun", "taiyuan",
  "huhehaote", "nanning", "haikou", "kunming", "lanzhou", "xining", "yinchuan", "urumqi",
  "lasa", "nanchang", "dalian", "qingdao", "xiamen", "suzhou",
];

export interface RegionVerdict {
  region: string;
  cloud: Cloud;
  mainland: boolean;
  province?: ProvinceCode;
  /** false when the catalogue does not list this ID and the verdict is a guess from its shape. */
  known: boolean;
  unconfirmed: boolean;
}

// Short region codes some Tencent inputs take instead of IDs (`Waf/clbDomain.region`,
// `loadBalancerSets[].region`, `Waf/saasInstance.realRegion`). Source: T-TF v1.82.42
// tencentcloud/common/common.go ShortRegionNameParse.
const TENCENT_SHORT_REGION_CODES: Readonly<Record<string, string>> = {
  gz: "ap-guangzhou",
  szjr: "ap-shenzhen-fsi",
  gzopen: "ap-guangzhou-open",
  szx: "ap-shenzhen",
  qy: "ap-qingyuan",
  szsycft: "ap-shenzhen-sycft",
  sh: "ap-shanghai",
  shjr: "ap-shanghai-fsi",
  jnec: "ap-jinan-ec",
  hzec: "ap-hangzhou-ec",
  nj: "ap-nanjing",
  fzec: "ap-fuzhou-ec",
  hfeec: "ap-hefei-ec",
  bj: "ap-beijing",
  tsn: "ap-tianjin",
  bjjr: "ap-beijing-fsi",
  sjwec: "ap-shijiazhuang-ec",
  whec: "ap-wuhan-ec",
  csec: "ap-changsha-ec",
  cgoec: "ap-zhengzhou-ec",
  cd: "ap-chengdu",
  cq: "ap-chongqing",
  xiyec: "ap-xian-ec",
  sheec: "ap-shenyang-ec",
  hk: "ap-hongkong",
  tpe: "ap-taipei",
  kr: "ap-seoul",
  jp: "ap-tokyo",
  sg: "ap-singapore",
  th: "ap-bangkok",
  jkt: "ap-jakarta",
  usw: "na-siliconvalley",
  de: "eu-frankfurt",
  ru: "eu-moscow",
  in: "ap-mumbai",
  use: "na-ashburn",
  sao: "sa-saopaulo",
  ca: "na-toronto",
};

/** Region ID formats a resource input can use. */
export type RegionFormat = "id" | "tencent-short-code";

/** Every Tencent short code, for documentation and tests. */
export function tencentShortRegionCodes(): Readonly<Record<string, string>> {
  return TENCENT_SHORT_REGION_CODES;
}

/**
 * Classifies a region written in the given format. A short code is mapped to its ID first; an
 * input that already holds a listed ID is read as that ID. An unknown short code has no shape to
 * read, so it counts as mainland (fail closed) and unlisted.
 */
export function classifyRegionInput(cloud: Cloud, raw: string, format: RegionFormat = "id"): RegionVerdict {
  if (format === "id") return classifyRegion(cloud, raw);
  const code = raw.trim().toLowerCase();
  const mapped = Object.prototype.hasOwnProperty.call(TENCENT_SHORT_REGION_CODES, code) ? TENCENT_SHORT_REGION_CODES[code] : undefined;
  if (mapped) return classifyRegion(cloud, mapped);
  // A full ID where a code was expected is read as an ID, by its shape when unlisted.
  if (code.includes("-")) return classifyRegion(cloud, code);
  return { region: code, cloud, mainland: true, known: false, unconfirmed: true };
}

/** Classifies a region ID. Unlisted IDs that look mainland are treated as mainland (fail closed). */
export function classifyRegion(cloud: Cloud, rawRegion: string): RegionVerdict {
  const region = rawRegion.trim().toLowerCase();
  const fact = Object.prototype.hasOwnProperty.call(REGIONS[cloud], region)
    ? REGIONS[cloud][region]
    : undefined;
  if (fact) {
    return {
      region,
      cloud,
      mainland: fact.mainland,
      province: fact.province,
      known: true,
      unconfirmed: fact.unconfirmed ?? false,
    };
  }
  return { region, cloud, mainland: looksMainland(cloud, region), known: false, unconfirmed: true };
}

function looksMainland(cloud: Cloud, region: string): boolean {
  if (cloud === "alicloud") {
    return region.startsWith("cn-") && !region.startsWith("cn-hongkong");
  }
  if (!region.startsWith("ap-")) return false;
  const city = region.slice(3);
  return TENCENT_MAINLAND_CITY_PREFIXES.some((prefix) => city.startsWith(prefix));
}

/** Every region the catalogue lists, for documentation and tests. */
export function listedRegions(cloud: Cloud): RegionVerdict[] {
  return Object.keys(REGIONS[cloud]).map((id) => classifyRegion(cloud, id));
}

export function cloudOfType(typeToken: string): Cloud | undefined {
  if (typeToken.startsWith("alicloud:") || typeToken === "pulumi:providers:alicloud") return "alicloud";
  if (typeToken.startsWith("tencentcloud:") || typeToken === "pulumi:providers:tencentcloud") {
    return "tencentcloud";
  }
  return undefined;
}
