// What Alibaba Cloud returns when this example's resources are created (used for `pulumi up`
// runs under the mock runtime; a preview never sees these values).
import type { MockResourceArgs } from "@pulumi/pulumi/runtime/mocks";
import { domainToASCII } from "node:url";

export function cloudOutputs(args: MockResourceArgs): Record<string, unknown> | undefined {
    switch (args.type) {
        case "alicloud:dns/alidnsDomain:AlidnsDomain": {
            const domainName = String(args.inputs.domainName);
            const ascii = domainToASCII(domainName);
            // The DNS API reports punycode for Chinese domain names only.
            return { domainId: `${args.name}-domain-id`, punyCode: ascii === domainName ? "" : ascii };
        }
        case "alicloud:oss/bucket:Bucket":
            return { extranetEndpoint: "oss-cn-beijing.aliyuncs.com", intranetEndpoint: "oss-cn-beijing-internal.aliyuncs.com" };
        case "alicloud:cdn/domainNew:DomainNew":
            return { cname: `${String(args.inputs.domainName)}.w.kunlunsl.com` };
        default:
            return undefined;
    }
}
