// A shop front on Alibaba Cloud CDN with static files served straight from an OSS bucket in the
// stack's default region. The filing for acme-shop.com is still under review, so icpguard blocks
// both custom domains: the CDN domain because global coverage includes mainland nodes, the bucket
// domain because cn-hangzhou is a mainland region.
import * as alicloud from "@pulumi/alicloud";
import * as pulumi from "@pulumi/pulumi";

const config = new pulumi.Config();
const domain = config.require("domain");

const assets = new alicloud.oss.Bucket("assets", {
    bucket: "acme-shop-assets",
});

export const www = new alicloud.cdn.DomainNew("www", {
    domainName: `www.${domain}`,
    cdnType: "web",
    scope: "global",
    sources: [
        {
            type: "oss",
            // Only known once the bucket exists: unknown during preview, and irrelevant to ICP.
            content: pulumi.interpolate`${assets.bucket}.${assets.extranetEndpoint}`,
            port: 443,
            priority: 20,
            weight: 10,
        },
    ],
}).cname;

export const staticFiles = new alicloud.oss.BucketCname("static", {
    bucket: assets.bucket,
    domain: `static.${domain}`,
}).domain;
