// Turns what a program registered under the mock runtime into the resources the Pulumi engine
// would hand a policy pack: engine URNs, explicit providers with the engine-added `version`, and
// the default providers the engine creates for resources that name none.
// Followed: pulumi/pulumi pkg/resource/deploy (Deployment.generateURN, defaultProviders
// .newRegisterDefaultProviderEvent, source_eval.go RegisterResource, stepGenerator
// .AnalyzeResources) and sdk/go/common/resource/plugin/analyzer_plugin.go.
import type { CapturedResource } from "./mock-capture";
import {
    type EngineProvider,
    type EngineResource,
    type ProviderPackage,
    defaultProvider,
    makeUrn,
} from "./requests";

export interface ProgramScope {
    project: string;
    stack: string;
    /** Stack config, `<namespace>:<key>` → value; `<pkg>:*` keys become default-provider inputs. */
    stackConfig: Record<string, string>;
}

export interface ProgramRequests {
    /**
     * What Remediate/Analyze receive, in the engine's order: registration order, with each default
     * provider just before the first resource that needs it. Properties are the inputs.
     */
    resources: EngineResource[];
    /** The same resources for AnalyzeStack, whose properties are the recorded outputs. */
    stackResources: EngineResource[];
    /** URNs of the default providers the engine added (the program did not register them). */
    defaultProviderUrns: string[];
}

const PROVIDER_TYPE_PREFIX = "pulumi:providers:";
const DEFAULT_PROVIDER_PACKAGES: readonly ProviderPackage[] = ["alicloud", "tencentcloud"];

export function isProviderType(type: string): boolean {
    return type.startsWith(PROVIDER_TYPE_PREFIX);
}

/** The package of a resource type token (`alicloud:cdn/domainNew:DomainNew` → `alicloud`). */
export function packageOf(type: string): string {
    return isProviderType(type) ? type.slice(PROVIDER_TYPE_PREFIX.length) : (type.split(":")[0] ?? type);
}

/** Provider config from stack config, as the engine's GetPackageConfig reads it. */
export function packageConfig(pkg: string, stackConfig: Record<string, string>): Record<string, string> {
    const prefix = `${pkg}:`;
    const config: Record<string, string> = {};
    for (const [key, value] of Object.entries(stackConfig)) {
        if (key.startsWith(prefix)) config[key.slice(prefix.length)] = value;
    }
    return config;
}

function isDefaultProviderPackage(pkg: string): pkg is ProviderPackage {
    return (DEFAULT_PROVIDER_PACKAGES as readonly string[]).includes(pkg);
}

export function toEngineRequests(captured: readonly CapturedResource[], scope: ProgramScope): ProgramRequests {
    const engineUrns = new Map<string, string>();
    const providers = new Map<string, EngineProvider>();
    const defaultProviders = new Map<string, EngineProvider>();
    const resources: EngineResource[] = [];
    const stackResources: EngineResource[] = [];

    const engineUrnOf = (mockUrn: string, role: string, owner: CapturedResource): string => {
        const urn = engineUrns.get(mockUrn);
        if (urn === undefined) {
            throw new Error(`${owner.type} "${owner.name}": its ${role} ${mockUrn} was not registered before it`);
        }
        return urn;
    };

    const defaultProviderFor = (resource: CapturedResource): EngineProvider => {
        const pkg = packageOf(resource.type);
        if (!isDefaultProviderPackage(pkg)) {
            throw new Error(`${resource.type} "${resource.name}": default providers are modelled for ${DEFAULT_PROVIDER_PACKAGES.join(", ")} only`);
        }
        if (resource.version === undefined) {
            throw new Error(`${resource.type} "${resource.name}" names no provider version; its SDK must set the version option`);
        }
        const key = `${pkg}@${resource.version}`;
        let provider = defaultProviders.get(key);
        if (!provider) {
            provider = defaultProvider(pkg, resource.version, packageConfig(pkg, scope.stackConfig));
            provider.urn = makeUrn(scope.stack, scope.project, provider.type, provider.name);
            defaultProviders.set(key, provider);
            // The engine registers a default provider as a resource of its own, without a parent.
            resources.push({ type: provider.type, name: provider.name, urn: provider.urn, properties: provider.properties });
            stackResources.push({ type: provider.type, name: provider.name, urn: provider.urn, properties: provider.properties });
        }
        return provider;
    };

    for (const resource of captured) {
        const parent = resource.parentUrn === undefined ? undefined : engineUrnOf(resource.parentUrn, "parent", resource);
        const urn = makeUrn(scope.stack, scope.project, resource.type, resource.name, parent);
        engineUrns.set(resource.mockUrn, urn);

        let inputs = resource.inputs;
        let outputs = resource.outputs;
        let provider: EngineProvider | undefined;
        if (isProviderType(resource.type)) {
            // The engine adds the requested plugin version to a provider's inputs.
            if (resource.version !== undefined) {
                inputs = { ...inputs, version: resource.version };
                outputs = { ...outputs, version: resource.version };
            }
            providers.set(resource.mockUrn, { type: resource.type, name: resource.name, urn, properties: inputs });
        } else if (resource.custom) {
            if (resource.providerUrn !== undefined) {
                const explicit = providers.get(resource.providerUrn);
                if (!explicit) {
                    throw new Error(`${resource.type} "${resource.name}": provider ${resource.providerUrn} was not registered before it`);
                }
                provider = explicit;
            } else {
                provider = defaultProviderFor(resource);
            }
        }

        const dependencies = resource.dependencies.map((dependency) => engineUrnOf(dependency, "dependency", resource));
        const propertyDependencies: Record<string, string[]> = {};
        for (const [property, urns] of Object.entries(resource.propertyDependencies)) {
            propertyDependencies[property] = urns.map((dependency) => engineUrnOf(dependency, "dependency", resource));
        }
        const common: Omit<EngineResource, "properties"> = {
            type: resource.type,
            name: resource.name,
            urn,
            parent,
            provider,
            dependencies,
            propertyDependencies,
            options: {
                protect: resource.options.protect,
                ignoreChanges: resource.options.ignoreChanges,
                deleteBeforeReplace: resource.options.deleteBeforeReplace,
                additionalSecretOutputs: resource.options.additionalSecretOutputs,
            },
        };
        resources.push({ ...common, properties: inputs });
        stackResources.push({ ...common, properties: outputs });
    }
    const defaultProviderUrns = [...defaultProviders.values()].map((provider) => provider.urn as string);
    return { resources, stackResources, defaultProviderUrns };
}
