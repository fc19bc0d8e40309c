// A game portal on Tencent Cloud. pandaplay.cn has no ICP filing yet, so every mainland entry
// point is blocked: the CDN domain (area "mainland"), the CLB rule (default region ap-guangzhou)
// and the serverless API domain (explicit ap-shanghai provider, whose waiver has run out). The
// international CDN domain serves overseas only and needs no filing.
import * as pulumi from "@pulumi/pulumi";
import * as tencentcloud from "../tencentcloud-types";

const config = new pulumi.Config();
const domain = config.require("domain");
const overseasDomain = config.require("overseasDomain");

export const cdnCname = new tencentcloud.Cdn.Domain("cdn", {
    domain: `cdn.${domain}`,
    serviceType: "web",
    area: "mainland",
    origin: {
        originType: "cos",
        originLists: ["pandaplay-assets-1250000000.cos.ap-guangzhou.myqcloud.com"],
    },
}).cname;

export const overseasCdnCname = new tencentcloud.Cdn.Domain("cdn-overseas", {
    domain: `cdn.${overseasDomain}`,
    serviceType: "web",
    area: "overseas",
    origin: {
        originType: "cos",
        originLists: ["pandaplay-assets-1250000000.cos.ap-guangzhou.myqcloud.com"],
    },
}).cname;

const loadBalancer = new tencentcloud.Clb.Instance("web-lb", {
    clbName: "pandaplay-web",
    networkType: "OPEN",
});

const http = new tencentcloud.Clb.Listener("http", {
    clbId: loadBalancer.id,
    listenerName: "http",
    protocol: "HTTP",
    port: 80,
});

new tencentcloud.Clb.ListenerRule("api-rule", {
    clbId: loadBalancer.id,
    listenerId: http.listenerId,
    domain: `api.${domain}`,
    url: "/",
    scheduler: "WRR",
});

// The functions run in Shanghai, closer to most players.
const shanghai = new tencentcloud.Provider("shanghai", { region: "ap-shanghai" });

new tencentcloud.Scf.CustomDomain(
    "fn-domain",
    {
        domain: `fn.${domain}`,
        protocol: "HTTP",
        endpointsConfigs: [
            { namespace: "default", functionName: "pandaplay-api", qualifier: "$DEFAULT", pathMatch: "/*" },
        ],
    },
    { provider: shanghai },
);
