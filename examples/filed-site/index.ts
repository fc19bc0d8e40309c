// A tea shop whose domains are filed. Nothing here is blocked:
// - www and static are under lanting-tea.com.cn, which has an approved filing (the record names the
//   registered domain; every subdomain is covered);
// - the IDN shop front uses the punycode form of 兰亭茶.中国, filed under its Unicode name;
// - the international site uses overseas-only CDN coverage and a Hong Kong bucket, so
//   lanting-tea.com needs no filing;
// - the staging route matches the load balancer's own aliyuncs.com name, which is Alibaba's to file.
// The components give the engine nested URNs (InternationalSite$StaticBucket$…) and a provider
// inherited from a component.
import * as alicloud from "@pulumi/alicloud";
import * as pulumi from "@pulumi/pulumi";
import { domainToASCII } from "node:url";

const config = new pulumi.Config();
const domain = config.require("domain");
const idnDomain = config.require("idnDomain");
const overseasDomain = config.require("overseasDomain");

/** An OSS bucket serving files under a custom domain. */
class StaticBucket extends pulumi.ComponentResource {
    /** Origin host for a CDN in front of the bucket. */
    readonly origin: pulumi.Output<string>;

    constructor(name: string, args: { bucket: string; domain: string }, opts?: pulumi.ComponentResourceOptions) {
        super("filed-site:index:StaticBucket", name, {}, opts);
        const bucket = new alicloud.oss.Bucket(`${name}-bucket`, { bucket: args.bucket }, { parent: this });
        new alicloud.oss.BucketCname(`${name}-domain`, { bucket: bucket.bucket, domain: args.domain }, { parent: this });
        this.origin = pulumi.interpolate`${bucket.bucket}.${bucket.extranetEndpoint}`;
        this.registerOutputs({ origin: this.origin });
    }
}

function cdnDomain(name: string, domainName: string, scope: string, origin: pulumi.Input<string>, opts?: pulumi.CustomResourceOptions) {
    return new alicloud.cdn.DomainNew(
        name,
        {
            domainName,
            cdnType: "web",
            scope,
            sources: [{ type: "oss", content: origin, port: 443, priority: 20, weight: 10 }],
        },
        opts,
    );
}

/** The site for visitors outside the mainland: Hong Kong storage, overseas CDN nodes. */
class InternationalSite extends pulumi.ComponentResource {
    constructor(name: string, args: { domain: string }, opts?: pulumi.ComponentResourceOptions) {
        super("filed-site:index:InternationalSite", name, {}, opts);
        const hongKong = new alicloud.Provider(`${name}-hong-kong`, { region: "cn-hongkong" }, { parent: this });
        const files = new StaticBucket(
            `${name}-static`,
            { bucket: "lanting-tea-hk-assets", domain: `static.${args.domain}` },
            { parent: this, provider: hongKong },
        );
        cdnDomain(`${name}-www`, `www.${args.domain}`, "overseas", files.origin, { parent: this });
        this.registerOutputs({});
    }
}

const mainlandFiles = new StaticBucket("static", { bucket: "lanting-tea-assets", domain: `static.${domain}` });

cdnDomain("www", `www.${domain}`, "domestic", mainlandFiles.origin);

// Cloud APIs take IDNs in punycode.
cdnDomain("idn-www", `www.${domainToASCII(idnDomain)}`, "domestic", mainlandFiles.origin);

new InternationalSite("intl", { domain: overseasDomain });

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
