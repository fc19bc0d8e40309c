// Hanmo Books (翰墨书店), an online bookshop with a WeChat mini-program, in one of two layouts:
// - `layout: mainland` serves from Shanghai: Alibaba cn-shanghai and Tencent ap-shanghai, CDN
//   scope "domestic". Mainland visitors get local latency, but the new shop domain needs its ICP
//   filing, the commercial licence and the mini-program's own number before it can go live.
// - `layout: hongkong` serves from Hong Kong: cn-hongkong and ap-hongkong, CDN scope "overseas".
//   Nothing needs filing; mainland visitors cross the border, and the brand domain, filed years
//   ago, would no longer resolve to a mainland server of its access provider.
// The layout is the only switch: every resource takes its region and coverage from it.
import * as alicloud from "@pulumi/alicloud";
import * as pulumi from "@pulumi/pulumi";
import * as tencentcloud from "../tencentcloud-types";

const LAYOUTS = {
    mainland: { alicloudRegion: "cn-shanghai", tencentRegion: "ap-shanghai", cdnScope: "domestic" },
    hongkong: { alicloudRegion: "cn-hongkong", tencentRegion: "ap-hongkong", cdnScope: "overseas" },
} as const;

type LayoutName = keyof typeof LAYOUTS;

const config = new pulumi.Config();
const layoutName = config.require("layout");
if (!(layoutName in LAYOUTS)) throw new Error(`layout must be one of ${Object.keys(LAYOUTS).join(", ")}, not "${layoutName}"`);
const layout = LAYOUTS[layoutName as LayoutName];
const shopDomain = config.require("shopDomain");
const brandDomain = config.require("brandDomain");

const alibaba = new alicloud.Provider("alibaba", { region: layout.alicloudRegion });
const tencent = new tencentcloud.Provider("tencent", { region: layout.tencentRegion });

// Book covers and the shop's static files, in a bucket of the layout's region.
const assets = new alicloud.oss.Bucket("assets", { bucket: `hanmo-books-assets-${layoutName}` }, { provider: alibaba });
new alicloud.oss.BucketCname("static", { bucket: assets.bucket, domain: `static.${shopDomain}` }, { provider: alibaba });
const origin = pulumi.interpolate`${assets.bucket}.${assets.extranetEndpoint}`;

function cdnDomain(name: string, domainName: string) {
    return new alicloud.cdn.DomainNew(name, {
        domainName,
        cdnType: "web",
        scope: layout.cdnScope,
        sources: [{ type: "oss", content: origin, port: 443, priority: 20, weight: 10 }],
    });
}

// The shop front, and the brand site filed in 2019.
cdnDomain("www", `www.${shopDomain}`);
cdnDomain("brand", `www.${brandDomain}`);

// The API the website and the mini-program call (the records list it as the mini-program's backend).
new alicloud.fc.V3CustomDomain(
    "api",
    {
        customDomainName: `api.${shopDomain}`,
        protocol: "HTTP,HTTPS",
        routeConfig: { routes: [{ functionName: "hanmo-api", path: "/*", qualifier: "LATEST" }] },
    },
    { provider: alibaba },
);

// Order notifications from WeChat Pay, on Tencent's serverless functions.
new tencentcloud.Scf.CustomDomain(
    "notify",
    {
        domain: `notify.${shopDomain}`,
        protocol: "HTTP",
        endpointsConfigs: [{ namespace: "default", functionName: "hanmo-notify", qualifier: "$DEFAULT", pathMatch: "/*" }],
    },
    { provider: tencent },
);
