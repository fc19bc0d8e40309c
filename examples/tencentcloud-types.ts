// The Tencent Cloud resources the examples use, declared with the type tokens, input names and
// shapes of @tencentcloud_iac/pulumi v0.2.3 (tencentcloudstack/pulumi-tencentcloud, sdk/nodejs).
// That package is not on the npm registry this project installs from, so the examples declare the
// few resources they need; the engine and the policy pack receive what the real SDK would send.
// Differences: only the inputs used here are typed, the provider does not fall back to
// TENCENTCLOUD_* environment variables, and no pluginDownloadURL is set (the real SDK's URL would
// be appended to the default provider's name).
import * as pulumi from "@pulumi/pulumi";

/** The pulumi-tencentcloud plugin these declarations follow; default providers are named after it. */
export const TENCENTCLOUD_PLUGIN_VERSION = "0.2.3";

// Like the real SDK's utilities.resourceOptsDefaults(): every resource asks for its plugin version.
function withPluginVersion<T extends pulumi.CustomResourceOptions>(opts: T | undefined): T {
    return pulumi.mergeOptions({ version: TENCENTCLOUD_PLUGIN_VERSION }, opts) as T;
}

export interface ProviderArgs {
    /** Region of the resources this provider manages, e.g. `ap-guangzhou`. */
    region?: pulumi.Input<string>;
}

/** An explicit `pulumi:providers:tencentcloud` provider. */
export class Provider extends pulumi.ProviderResource {
    constructor(name: string, args: ProviderArgs = {}, opts?: pulumi.ResourceOptions) {
        super("tencentcloud", name, { region: args.region }, withPluginVersion(opts));
    }
}

export namespace Cdn {
    export interface DomainOrigin {
        /** `domain`, `cos`, `ip`, `ipv6`, … */
        originType: pulumi.Input<string>;
        originLists: pulumi.Input<pulumi.Input<string>[]>;
        serverName?: pulumi.Input<string>;
        originPullProtocol?: pulumi.Input<string>;
    }

    export interface DomainArgs {
        /** The acceleration domain. */
        domain: pulumi.Input<string>;
        /** `web`, `download`, `media`, … */
        serviceType: pulumi.Input<string>;
        /** `mainland`, `overseas` or `global`. */
        area?: pulumi.Input<string>;
        origin: pulumi.Input<DomainOrigin>;
        projectId?: pulumi.Input<number>;
        fullUrlCache?: pulumi.Input<boolean>;
    }

    /** `tencentcloud:Cdn/domain:Domain` */
    export class Domain extends pulumi.CustomResource {
        static readonly __pulumiType = "tencentcloud:Cdn/domain:Domain";
        /** The CNAME Tencent assigns (`*.cdn.dnsv1.com`). */
        declare readonly cname: pulumi.Output<string>;

        constructor(name: string, args: DomainArgs, opts?: pulumi.CustomResourceOptions) {
            super(Domain.__pulumiType, name, { ...args, cname: undefined }, withPluginVersion(opts));
        }
    }
}

export namespace Clb {
    export interface InstanceArgs {
        clbName: pulumi.Input<string>;
        /** `OPEN` (public) or `INTERNAL`. */
        networkType: pulumi.Input<string>;
        projectId?: pulumi.Input<number>;
        vpcId?: pulumi.Input<string>;
        tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
    }

    /** `tencentcloud:Clb/instance:Instance` */
    export class Instance extends pulumi.CustomResource {
        static readonly __pulumiType = "tencentcloud:Clb/instance:Instance";
        /** The domain Tencent assigns to a public CLB (`*.clb.myqcloud.com`). */
        declare readonly domain: pulumi.Output<string>;

        constructor(name: string, args: InstanceArgs, opts?: pulumi.CustomResourceOptions) {
            super(Instance.__pulumiType, name, { ...args, domain: undefined }, withPluginVersion(opts));
        }
    }

    export interface ListenerArgs {
        clbId: pulumi.Input<string>;
        listenerName: pulumi.Input<string>;
        /** `TCP`, `UDP`, `TCP_SSL`, `HTTP`, `HTTPS`, … */
        protocol: pulumi.Input<string>;
        port?: pulumi.Input<number>;
    }

    /** `tencentcloud:Clb/listener:Listener` */
    export class Listener extends pulumi.CustomResource {
        static readonly __pulumiType = "tencentcloud:Clb/listener:Listener";
        declare readonly listenerId: pulumi.Output<string>;

        constructor(name: string, args: ListenerArgs, opts?: pulumi.CustomResourceOptions) {
            super(Listener.__pulumiType, name, { ...args, listenerId: undefined }, withPluginVersion(opts));
        }
    }

    export interface ListenerRuleArgs {
        clbId: pulumi.Input<string>;
        listenerId: pulumi.Input<string>;
        /** Either `domain` or `domains`. */
        domain?: pulumi.Input<string>;
        domains?: pulumi.Input<pulumi.Input<string>[]>;
        url: pulumi.Input<string>;
        /** `WRR`, `IP HASH` or `LEAST_CONN`. */
        scheduler?: pulumi.Input<string>;
        healthCheckSwitch?: pulumi.Input<boolean>;
    }

    /** `tencentcloud:Clb/listenerRule:ListenerRule` */
    export class ListenerRule extends pulumi.CustomResource {
        static readonly __pulumiType = "tencentcloud:Clb/listenerRule:ListenerRule";
        declare readonly ruleId: pulumi.Output<string>;

        constructor(name: string, args: ListenerRuleArgs, opts?: pulumi.CustomResourceOptions) {
            super(ListenerRule.__pulumiType, name, { ...args, ruleId: undefined }, withPluginVersion(opts));
        }
    }
}

export namespace Scf {
    export interface CustomDomainEndpointsConfig {
        namespace: pulumi.Input<string>;
        functionName: pulumi.Input<string>;
        /** Function alias or version, e.g. `$DEFAULT`. */
        qualifier: pulumi.Input<string>;
        /** `/`, `/*`, `/xxx`, `/xxx/*`. */
        pathMatch: pulumi.Input<string>;
    }

    export interface CustomDomainArgs {
        /** No wildcards. */
        domain: pulumi.Input<string>;
        /** `HTTP`, `HTTPS` or `HTTP&HTTPS`. */
        protocol: pulumi.Input<string>;
        endpointsConfigs: pulumi.Input<pulumi.Input<CustomDomainEndpointsConfig>[]>;
        certConfig?: pulumi.Input<{ certificateId?: pulumi.Input<string> }>;
    }

    /** `tencentcloud:Scf/customDomain:CustomDomain` */
    export class CustomDomain extends pulumi.CustomResource {
        static readonly __pulumiType = "tencentcloud:Scf/customDomain:CustomDomain";

        constructor(name: string, args: CustomDomainArgs, opts?: pulumi.CustomResourceOptions) {
            super(CustomDomain.__pulumiType, name, { ...args }, withPluginVersion(opts));
        }
    }
}
