// Builds Analyzer requests from plain data, shaped the way the Pulumi engine marshals them
// (sdk/go/common/resource/plugin/analyzer_plugin.go: Analyze, AnalyzeStack, Remediate,
// marshalResourceOptions, marshalProvider).
import type * as analyzerPbTypes from "@pulumi/pulumi/proto/analyzer_pb";
import type { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { analyzerPb, structPb, type StructValue } from "./protos";

// Sentinels the engine sends for values that are unknown during preview (one per value kind).
export const UNKNOWN_STRING = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
export const UNKNOWN_BOOLEAN = "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7";
export const UNKNOWN_NUMBER = "3eeb2bf0-c639-47a8-9e75-3b44932eb421";
export const UNKNOWN_ARRAY = "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2";
export const UNKNOWN_ASSET = "030794c1-ac77-496b-92df-f27374a8bd58";
export const UNKNOWN_ARCHIVE = "e48ece36-62e2-4504-bad9-02848725956a";
export const UNKNOWN_OBJECT = "dd056dcd-154b-4c76-9bd3-c8f88648b5ff";

export const UNKNOWN_SENTINELS = {
    string: UNKNOWN_STRING,
    boolean: UNKNOWN_BOOLEAN,
    number: UNKNOWN_NUMBER,
    array: UNKNOWN_ARRAY,
    asset: UNKNOWN_ASSET,
    archive: UNKNOWN_ARCHIVE,
    object: UNKNOWN_OBJECT,
} as const;

export type UnknownKind = keyof typeof UNKNOWN_SENTINELS;

/** The wire value of an unknown of the given kind (the engine falls back to the string sentinel). */
export function unknown(kind: UnknownKind = "string"): string {
    return UNKNOWN_SENTINELS[kind];
}

export function isUnknown(value: unknown): boolean {
    return typeof value === "string" && (Object.values(UNKNOWN_SENTINELS) as string[]).includes(value);
}

// Signature key and value that mark a secret on the wire.
export const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

export interface WireSecret<T> {
    [SECRET_SIG_KEY]: typeof SECRET_SIG;
    value: T;
}

export function secret<T>(value: T): WireSecret<T> {
    return { [SECRET_SIG_KEY]: SECRET_SIG, value };
}

export interface EngineProvider {
    type: string;
    name: string;
    urn?: string;
    properties: Record<string, unknown>;
}

export interface EngineResourceOptions {
    protect?: boolean;
    ignoreChanges?: string[];
    /** Left undefined, the engine reports deleteBeforeReplaceDefined = false. */
    deleteBeforeReplace?: boolean;
    additionalSecretOutputs?: string[];
    aliases?: string[];
    /** Seconds, as the engine sends them. */
    customTimeouts?: { create?: number; update?: number; delete?: number };
    /** Defaults to the resource's parent, like the engine. */
    parent?: string;
}

export interface EngineResource {
    type: string;
    name: string;
    /** Defaults to the engine-style URN built from the session's stack, project and parent. */
    urn?: string;
    properties: Record<string, unknown>;
    provider?: EngineProvider;
    parent?: string;
    dependencies?: string[];
    propertyDependencies?: Record<string, string[]>;
    options?: EngineResourceOptions;
}

/** Stack and project that engine-style URNs are built from. */
export interface UrnScope {
    stack: string;
    project: string;
}

const ROOT_STACK_TYPE = "pulumi:pulumi:Stack";

/** The qualified type of a URN (`parent$child` chain), i.e. its third `::` segment. */
export function urnQualifiedType(urn: string): string {
    const segments = urn.split("::");
    if (!urn.startsWith("urn:pulumi:") || segments.length < 4) {
        throw new Error(`not a Pulumi URN: ${urn}`);
    }
    return segments[2] as string;
}

/**
 * Engine-style URN. Children of a resource other than the root stack carry their parent's
 * qualified type as a `$` prefix, like the engine's resource.NewURN.
 */
export function makeUrn(stack: string, project: string, type: string, name: string, parentUrn?: string): string {
    let qualifiedType = type;
    if (parentUrn) {
        const parentType = urnQualifiedType(parentUrn);
        if (parentType !== ROOT_STACK_TYPE) {
            qualifiedType = `${parentType}$${type}`;
        }
    }
    return `urn:pulumi:${stack}::${project}::${qualifiedType}::${name}`;
}

export type ProviderPackage = "alicloud" | "tencentcloud";

/**
 * The provider the engine creates when a program names none: `default_<major>_<minor>_<patch>`,
 * its inputs are the `<pkg>:*` stack config plus the plugin `version`.
 */
export function defaultProvider(
    pkg: ProviderPackage,
    version: string,
    props: Record<string, unknown> = {},
): EngineProvider {
    if (!/^\d+\.\d+\.\d+([-+][0-9A-Za-z.+-]*)?$/.test(version)) {
        throw new Error(`provider version must be a semantic version, got "${version}"`);
    }
    return {
        type: `pulumi:providers:${pkg}`,
        name: `default_${version.replace(/[.+-]/g, "_")}`,
        properties: { ...props, version },
    };
}

export function resourceUrn(resource: EngineResource, scope: UrnScope): string {
    return resource.urn ?? makeUrn(scope.stack, scope.project, resource.type, resource.name, resource.parent);
}

export function providerUrn(provider: EngineProvider, scope: UrnScope): string {
    return provider.urn ?? makeUrn(scope.stack, scope.project, provider.type, provider.name);
}

interface MarshalOptions {
    /** The engine drops `__`-prefixed keys for Analyze/AnalyzeStack, keeps them for Remediate. */
    skipInternalKeys: boolean;
}

function marshalValue(value: unknown, path: string, opts: MarshalOptions): StructValue {
    if (value === null || typeof value === "string" || typeof value === "boolean") {
        return value;
    }
    if (typeof value === "number") {
        if (!Number.isFinite(value)) {
            throw new TypeError(`property ${path} is ${value}; the engine only sends finite numbers`);
        }
        return value;
    }
    if (Array.isArray(value)) {
        // Like JSON, an undefined array element travels as null.
        return value.map((element, i) =>
            element === undefined ? null : marshalValue(element, `${path}[${i}]`, opts),
        );
    }
    if (typeof value === "object" && isPlainObject(value)) {
        return marshalObject(value as Record<string, unknown>, path, opts);
    }
    throw new TypeError(`property ${path} is a ${describeType(value)}, which has no engine wire form`);
}

function marshalObject(
    object: Record<string, unknown>,
    path: string,
    opts: MarshalOptions,
): { [key: string]: StructValue } {
    const result: { [key: string]: StructValue } = {};
    for (const [key, value] of Object.entries(object)) {
        // An undefined property is an absent property, as in the engine's property maps.
        if (value === undefined || (opts.skipInternalKeys && key.startsWith("__"))) {
            continue;
        }
        result[key] = marshalValue(value, path ? `${path}.${key}` : key, opts);
    }
    return result;
}

function isPlainObject(value: object): boolean {
    const proto = Object.getPrototypeOf(value);
    return proto === Object.prototype || proto === null;
}

function describeType(value: unknown): string {
    if (typeof value === "object" && value !== null) {
        return value.constructor?.name ?? "object";
    }
    return typeof value;
}

/** Properties as the `google.protobuf.Struct` the engine sends. */
export function toWireStruct(
    properties: Record<string, unknown>,
    opts: MarshalOptions = { skipInternalKeys: true },
): Struct {
    return structPb.Struct.fromJavaScript(marshalObject(properties, "", opts));
}

function toResourceOptions(
    options: EngineResourceOptions | undefined,
    parent: string | undefined,
): analyzerPbTypes.AnalyzerResourceOptions {
    const opts = options ?? {};
    const result = new analyzerPb.AnalyzerResourceOptions();
    result.setProtect(opts.protect ?? false);
    result.setIgnorechangesList(opts.ignoreChanges ?? []);
    result.setDeletebeforereplace(opts.deleteBeforeReplace ?? false);
    result.setDeletebeforereplacedefined(opts.deleteBeforeReplace !== undefined);
    result.setAdditionalsecretoutputsList(opts.additionalSecretOutputs ?? []);
    result.setAliasesList(opts.aliases ?? []);
    // The engine always sends custom timeouts, zero when unset.
    const timeouts = new analyzerPb.AnalyzerResourceOptions.CustomTimeouts();
    timeouts.setCreate(opts.customTimeouts?.create ?? 0);
    timeouts.setUpdate(opts.customTimeouts?.update ?? 0);
    timeouts.setDelete(opts.customTimeouts?.delete ?? 0);
    result.setCustomtimeouts(timeouts);
    result.setParent(opts.parent ?? parent ?? "");
    return result;
}

function toProviderResource(
    provider: EngineProvider,
    scope: UrnScope,
): analyzerPbTypes.AnalyzerProviderResource {
    const result = new analyzerPb.AnalyzerProviderResource();
    result.setType(provider.type);
    result.setName(provider.name);
    result.setUrn(providerUrn(provider, scope));
    result.setProperties(toWireStruct(provider.properties, { skipInternalKeys: true }));
    return result;
}

/**
 * `AnalyzeRequest` for one resource. `purpose: "remediate"` keeps internal (`__`) keys, as the
 * engine does for Remediate.
 */
export function toAnalyzeRequest(
    resource: EngineResource,
    scope: UrnScope,
    purpose: "analyze" | "remediate" = "analyze",
): analyzerPbTypes.AnalyzeRequest {
    const request = new analyzerPb.AnalyzeRequest();
    request.setType(resource.type);
    request.setName(resource.name);
    request.setUrn(resourceUrn(resource, scope));
    request.setProperties(toWireStruct(resource.properties, { skipInternalKeys: purpose === "analyze" }));
    request.setOptions(toResourceOptions(resource.options, resource.parent));
    if (resource.provider) {
        request.setProvider(toProviderResource(resource.provider, scope));
    }
    return request;
}

/** One entry of an `AnalyzeStackRequest`. */
export function toAnalyzerResource(resource: EngineResource, scope: UrnScope): analyzerPbTypes.AnalyzerResource {
    const result = new analyzerPb.AnalyzerResource();
    result.setType(resource.type);
    result.setName(resource.name);
    result.setUrn(resourceUrn(resource, scope));
    result.setProperties(toWireStruct(resource.properties, { skipInternalKeys: true }));
    result.setOptions(toResourceOptions(resource.options, resource.parent));
    if (resource.provider) {
        result.setProvider(toProviderResource(resource.provider, scope));
    }
    result.setParent(resource.parent ?? "");
    result.setDependenciesList(resource.dependencies ?? []);
    const propertyDependencies = result.getPropertydependenciesMap();
    for (const [property, urns] of Object.entries(resource.propertyDependencies ?? {})) {
        // The engine leaves out properties without dependencies.
        if (urns.length === 0) {
            continue;
        }
        const dependencies = new analyzerPb.AnalyzerPropertyDependencies();
        dependencies.setUrnsList(urns);
        propertyDependencies.set(property, dependencies);
    }
    return result;
}

export function toAnalyzeStackRequest(
    resources: EngineResource[],
    scope: UrnScope,
): analyzerPbTypes.AnalyzeStackRequest {
    const request = new analyzerPb.AnalyzeStackRequest();
    request.setResourcesList(resources.map((resource) => toAnalyzerResource(resource, scope)));
    return request;
}
