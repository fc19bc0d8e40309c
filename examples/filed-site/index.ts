// A tea shop whose domains are filed. Nothing here is blocked:
// - www and static are under lanting-tea.com.cn, which has an approved filing (the record names the
//   registered domain; every subdomain is covered);
// - the IDN shop front uses the punycode form of 兰亭茶.中国, filed under its Unicode name;
// - the international site uses overseas-only CDN coverage, and its Hong Kong bucket is outside
//   the mainland, so lanting-tea.com needs no filing;
// - the staging route matches the load balancer's own aliyuncs.com name, which is Alibaba's to file.
import * as alicloud from "@pulumi/alicloud";
import * as pulumi from "@pulumi/pulumi";
import { domainToASCII } from "node:url";

const config = new pulumi.Config();
const domain = config.require("domain");
const idnDomain = config.require("idnDomain");
const overseasDomain = config.require("overseasDomain");

const assets = new alicloud.oss.Bucket("assets", { bucket: "lanting-tea-assets" });
const assetsOrigin = pulumi.interpolate`${assets.bucket}.${assets.extranetEndpoint}`;

function cdnDomain(name: string, domainName: string, scope: string, origin: pulumi.Input<string>) {
    return new alicloud.cdn.DomainNew(name, {
        domainName,
        cdnType: "web",
        scope,
        sources: [{ type: "oss", content: origin, port: 443, priority: 20, weight: 10 }],
    });
}

cdnDomain("www", `www.${domain}`, "domestic", assetsOrigin);

new alicloud.oss.BucketCname("static", { bucket: assets.bucket, domain: `static.${domain}` });

// Cloud APIs take IDNs in punycode.
cdnDomain("idn-www", `www.${domainToASCII(idnDomain)}`, "domestic", assetsOrigin);

cdnDomain("intl-www", `www.${overseasDomain}`, "overseas", assetsOrigin);

const hongKong = new alicloud.Provider("hong-kong", { region: "cn-hongkong" });
const hkAssets = new alicloud.oss.Bucket("hk-assets", { bucket: "lanting-tea-hk-assets" }, { provider: hongKong });
new alicloud.oss.BucketCname("hk-static", { bucket: hkAssets.bucket, domain: `static.${overseasDomain}` }, { provider: hongKong });

new alicloud.alb.Rule("staging-route", {
    listenerId: config.require("albListenerId"),
    ruleName: "staging-by-alb-hostname",
    priority: 10,
    ruleConditions: [{ type: "Host", hostConfig: { values: [config.require("albDnsName")] } }],
    ruleActions: [
        {
            order: 1,
            type: "ForwardGroup",
            forwardGroupConfig: { serverGroupTuples: [{ serverGroupId: config.require("albServerGroupId") }] },
        },
    ],
});
