// The shop's CDN domain is built from the punycode name Alibaba Cloud DNS reports for the zone,
// which only exists once the zone is created. During preview icpguard cannot check it and says so
// with an advisory on that resource alone; the other resources are checked as usual (one filed,
// one not). During `pulumi up` the name is known before the CDN domain is created, and checked.
import * as alicloud from "@pulumi/alicloud";
import * as pulumi from "@pulumi/pulumi";

const config = new pulumi.Config();

const zone = new alicloud.dns.AlidnsDomain("zone", { domainName: config.require("zone") });

const assets = new alicloud.oss.Bucket("assets", { bucket: "teahouse-assets" });

export const shopDomain = new alicloud.cdn.DomainNew("shop", {
    domainName: pulumi.interpolate`shop.${zone.punyCode}`,
    cdnType: "web",
    scope: "domestic",
    sources: [{ type: "oss", content: pulumi.interpolate`${assets.bucket}.${assets.extranetEndpoint}`, port: 443 }],
}).domainName;

new alicloud.oss.BucketCname("static", { bucket: assets.bucket, domain: `static.${config.require("filedDomain")}` });

new alicloud.oss.BucketCname("events", { bucket: assets.bucket, domain: `events.${config.require("unfiledDomain")}` });
