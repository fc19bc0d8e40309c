// Speaks the engine's side of the pulumirpc.Analyzer protocol to a running policy pack and turns
// the protobuf answers into plain objects.
import type * as grpcTypes from "@grpc/grpc-js";
import type * as analyzerPbTypes from "@pulumi/pulumi/proto/analyzer_pb";
import type * as analyzerGrpcTypes from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import { analyzerGrpc, analyzerPb, emptyPb, grpc, structPb } from "./protos";
import {
    type EngineResource,
    type UrnScope,
    toAnalyzeRequest,
    toAnalyzeStackRequest,
} from "./requests";

export const ENFORCEMENT_LEVELS = ["advisory", "mandatory", "remediate", "disabled"] as const;
export type EnforcementLevel = (typeof ENFORCEMENT_LEVELS)[number];

export type PolicySeverity = "unspecified" | "low" | "medium" | "high" | "critical";
export type PolicyType = "unknown" | "resource" | "stack";

export function isEnforcementLevel(value: unknown): value is EnforcementLevel {
    return typeof value === "string" && (ENFORCEMENT_LEVELS as readonly string[]).includes(value);
}

// Enum values are looked up by NAME: the wire numbers (ADVISORY=0, MANDATORY=1, DISABLED=2,
// REMEDIATE=3) do not follow the order in which the levels are usually listed.
export function enforcementLevelToProto(level: EnforcementLevel): analyzerPbTypes.EnforcementLevel {
    if (!isEnforcementLevel(level)) {
        throw new Error(`invalid enforcement level "${String(level)}"`);
    }
    const key = level.toUpperCase() as keyof typeof analyzerPb.EnforcementLevel;
    return analyzerPb.EnforcementLevel[key];
}

export function enforcementLevelFromProto(value: number): EnforcementLevel {
    const word = enumName(analyzerPb.EnforcementLevel, value)?.toLowerCase();
    if (!isEnforcementLevel(word)) {
        throw new Error(`invalid enforcement level ${value} on the wire`);
    }
    return word;
}

function severityFromProto(value: number): PolicySeverity {
    const name = enumName(analyzerPb.PolicySeverity, value);
    const word = name?.replace(/^POLICY_SEVERITY_/, "").toLowerCase();
    if (word !== "unspecified" && word !== "low" && word !== "medium" && word !== "high" && word !== "critical") {
        throw new Error(`invalid policy severity ${value} on the wire`);
    }
    return word;
}

function policyTypeFromProto(value: number): PolicyType {
    const word = enumName(analyzerPb.PolicyType, value)?.replace(/^POLICY_TYPE_/, "").toLowerCase();
    if (word !== "unknown" && word !== "resource" && word !== "stack") {
        throw new Error(`invalid policy type ${value} on the wire`);
    }
    return word;
}

// The generated JS enums are plain name → number objects.
function enumName(enumObject: object, value: number): string | undefined {
    return Object.entries(enumObject).find(([, v]) => v === value)?.[0];
}

export interface PolicyConfigSchema {
    properties: Record<string, Record<string, unknown>>;
    required: string[];
}

export interface PolicyInfo {
    name: string;
    displayName: string;
    description: string;
    enforcementLevel: EnforcementLevel;
    severity: PolicySeverity;
    policyType: PolicyType;
    remediationSteps?: string;
    url?: string;
    configSchema?: PolicyConfigSchema;
}

export interface PolicyConfigEntry {
    enforcementLevel: EnforcementLevel;
    properties: Record<string, unknown>;
}

export interface AnalyzerInfo {
    name: string;
    displayName: string;
    version: string;
    supportsConfig: boolean;
    policies: PolicyInfo[];
    /**
     * As the engine reads it: an entry the pack declared without a level arrives as "advisory"
     * (proto3 default 0), and the engine applies it.
     */
    initialConfig: Record<string, PolicyConfigEntry>;
}

export interface Diagnostic {
    policyName: string;
    policyPackName: string;
    policyPackVersion: string;
    description: string;
    message: string;
    enforcementLevel: EnforcementLevel;
    /** As the pack sent it; empty when the policy did not name a resource. */
    urn: string;
    severity: PolicySeverity;
}

export interface Remediation {
    policyName: string;
    policyPackName: string;
    policyPackVersion: string;
    description: string;
    properties?: Record<string, unknown>;
    diagnostic?: string;
}

export interface StackConfigureArgs {
    stack?: string;
    project?: string;
    organization?: string;
    dryRun?: boolean;
    tags?: Record<string, string>;
    /** Stack config as the engine sends it: `<namespace>:<key>` → string value. */
    config?: Record<string, string>;
    configSecretKeys?: string[];
}

export interface HandshakeResult {
    /** False when the pack answered UNIMPLEMENTED, which the engine tolerates. */
    supported: boolean;
}

/** A failed RPC, with the gRPC status and what is known about the pack process. */
export class PackCallError extends Error {
    constructor(
        readonly method: string,
        readonly code: number,
        readonly codeName: string,
        readonly details: string,
        processContext: string | undefined,
    ) {
        super(`${method} failed (${codeName}): ${details}${processContext ? `\n${processContext}` : ""}`);
        this.name = "PackCallError";
    }
}

export interface AnalyzerClientOptions {
    address: string;
    packDir: string;
    /** Engine address passed in the handshake. */
    engineAddress: string;
    stackDefaults: Required<Omit<StackConfigureArgs, "tags" | "configSecretKeys">> & { tags: Record<string, string> };
    /** Per-call deadline so that a hung pack fails a test instead of stalling it. */
    callTimeoutMs: number;
    /** Extra text for errors, e.g. that the process exited and what it printed. */
    describeProcess: () => string | undefined;
}

type Unary<Req, Res> = (
    request: Req,
    metadata: grpcTypes.Metadata,
    options: Partial<grpcTypes.CallOptions>,
    callback: (error: grpcTypes.ServiceError | null, response: Res) => void,
) => grpcTypes.ClientUnaryCall;

export class AnalyzerClient {
    protected readonly client: analyzerGrpcTypes.AnalyzerClient;
    private closed = false;

    constructor(protected readonly clientOptions: AnalyzerClientOptions) {
        this.client = new analyzerGrpc.AnalyzerClient(clientOptions.address, grpc.credentials.createInsecure(), {
            // Same ceiling as the engine and @pulumi/policy (400 MB), for large AnalyzeStack calls.
            "grpc.max_receive_message_length": 400 * 1024 * 1024,
            "grpc.max_send_message_length": 400 * 1024 * 1024,
        });
    }

    get urnScope(): UrnScope {
        return { stack: this.clientOptions.stackDefaults.stack, project: this.clientOptions.stackDefaults.project };
    }

    async handshake(): Promise<HandshakeResult> {
        const request = new analyzerPb.AnalyzerHandshakeRequest();
        request.setEngineAddress(this.clientOptions.engineAddress);
        request.setRootDirectory(this.clientOptions.packDir);
        request.setProgramDirectory(this.clientOptions.packDir);
        try {
            await this.call("Handshake", this.client.handshake, request);
            return { supported: true };
        } catch (error) {
            if (error instanceof PackCallError && error.code === grpc.status.UNIMPLEMENTED) {
                return { supported: false };
            }
            throw error;
        }
    }

    async configureStack(args: StackConfigureArgs = {}): Promise<void> {
        const defaults = this.clientOptions.stackDefaults;
        const request = new analyzerPb.AnalyzerStackConfigureRequest();
        request.setStack(args.stack ?? defaults.stack);
        request.setProject(args.project ?? defaults.project);
        request.setOrganization(args.organization ?? defaults.organization);
        request.setDryRun(args.dryRun ?? defaults.dryRun);
        for (const [key, value] of Object.entries(args.config ?? defaults.config)) {
            request.getConfigMap().set(key, value);
        }
        request.setConfigSecretKeysList(args.configSecretKeys ?? []);
        for (const [key, value] of Object.entries(args.tags ?? defaults.tags)) {
            request.getTagsMap().set(key, value);
        }
        await this.call("ConfigureStack", this.client.configureStack, request);
    }

    async getAnalyzerInfo(): Promise<AnalyzerInfo> {
        const info = await this.call("GetAnalyzerInfo", this.client.getAnalyzerInfo, new emptyPb.Empty());
        const initialConfig: Record<string, PolicyConfigEntry> = {};
        info.getInitialconfigMap().forEach((entry, name) => {
            initialConfig[name] = {
                enforcementLevel: enforcementLevelFromProto(entry.getEnforcementlevel()),
                properties: entry.getProperties()?.toJavaScript() ?? {},
            };
        });
        return {
            name: info.getName(),
            displayName: info.getDisplayname(),
            version: info.getVersion(),
            supportsConfig: info.getSupportsconfig(),
            policies: info.getPoliciesList().map(toPolicyInfo),
            initialConfig,
        };
    }

    async getPluginInfo(): Promise<{ version: string }> {
        const info = await this.call("GetPluginInfo", this.client.getPluginInfo, new emptyPb.Empty());
        return { version: info.getVersion() };
    }

    /** Sends one entry per policy. Like the engine, sends nothing when the config is empty. */
    async configure(config: Record<string, PolicyConfigEntry>): Promise<void> {
        const entries = Object.entries(config);
        if (entries.length === 0) {
            return;
        }
        const request = new analyzerPb.ConfigureAnalyzerRequest();
        for (const [name, entry] of entries) {
            const policyConfig = new analyzerPb.PolicyConfig();
            policyConfig.setEnforcementlevel(enforcementLevelToProto(entry.enforcementLevel));
            policyConfig.setProperties(structPb.Struct.fromJavaScript(toStructObject(entry.properties)));
            request.getPolicyconfigMap().set(name, policyConfig);
        }
        await this.call("Configure", this.client.configure, request);
    }

    async remediate(resource: EngineResource): Promise<Remediation[]> {
        const request = toAnalyzeRequest(resource, this.urnScope, "remediate");
        const response = await this.call("Remediate", this.client.remediate, request);
        return response.getRemediationsList().map((remediation) => {
            const result: Remediation = {
                policyName: remediation.getPolicyname(),
                policyPackName: remediation.getPolicypackname(),
                policyPackVersion: remediation.getPolicypackversion(),
                description: remediation.getDescription(),
            };
            const properties = remediation.getProperties();
            if (properties) {
                result.properties = properties.toJavaScript();
            }
            if (remediation.getDiagnostic()) {
                result.diagnostic = remediation.getDiagnostic();
            }
            return result;
        });
    }

    async analyze(resource: EngineResource): Promise<Diagnostic[]> {
        const response = await this.call("Analyze", this.client.analyze, toAnalyzeRequest(resource, this.urnScope));
        return response.getDiagnosticsList().map(toDiagnostic);
    }

    async analyzeStack(resources: EngineResource[]): Promise<Diagnostic[]> {
        const request = toAnalyzeStackRequest(resources, this.urnScope);
        const response = await this.call("AnalyzeStack", this.client.analyzeStack, request);
        return response.getDiagnosticsList().map(toDiagnostic);
    }

    /** Closes the gRPC channel; idempotent. */
    closeChannel(): void {
        if (!this.closed) {
            this.closed = true;
            this.client.close();
        }
    }

    get channelClosed(): boolean {
        return this.closed;
    }

    private call<Req, Res>(method: string, fn: Unary<Req, Res>, request: Req): Promise<Res> {
        if (this.closed) {
            return Promise.reject(new Error(`${method}: the pack session is closed`));
        }
        const deadline = new Date(Date.now() + this.clientOptions.callTimeoutMs);
        return new Promise<Res>((resolve, reject) => {
            fn.call(this.client, request, new grpc.Metadata(), { deadline }, (error, response) => {
                if (error) {
                    const codeName = enumName(grpc.status, error.code) ?? "UNKNOWN";
                    reject(
                        new PackCallError(method, error.code, codeName, error.details, this.clientOptions.describeProcess()),
                    );
                } else {
                    resolve(response);
                }
            });
        });
    }
}

function toPolicyInfo(policy: analyzerPbTypes.PolicyInfo): PolicyInfo {
    const result: PolicyInfo = {
        name: policy.getName(),
        displayName: policy.getDisplayname(),
        description: policy.getDescription(),
        enforcementLevel: enforcementLevelFromProto(policy.getEnforcementlevel()),
        severity: severityFromProto(policy.getSeverity()),
        policyType: policyTypeFromProto(policy.getPolicyType()),
    };
    if (policy.getRemediationSteps()) {
        result.remediationSteps = policy.getRemediationSteps();
    }
    if (policy.getUrl()) {
        result.url = policy.getUrl();
    }
    const schema = policy.getConfigschema();
    if (schema) {
        result.configSchema = {
            properties: (schema.getProperties()?.toJavaScript() ?? {}) as Record<string, Record<string, unknown>>,
            required: schema.getRequiredList(),
        };
    }
    return result;
}

function toDiagnostic(diagnostic: analyzerPbTypes.AnalyzeDiagnostic): Diagnostic {
    return {
        policyName: diagnostic.getPolicyname(),
        policyPackName: diagnostic.getPolicypackname(),
        policyPackVersion: diagnostic.getPolicypackversion(),
        description: diagnostic.getDescription(),
        message: diagnostic.getMessage(),
        enforcementLevel: enforcementLevelFromProto(diagnostic.getEnforcementlevel()),
        urn: diagnostic.getUrn(),
        severity: severityFromProto(diagnostic.getSeverity()),
    };
}

// Struct.fromJavaScript rejects undefined; the engine's config maps never contain it.
function toStructObject(properties: Record<string, unknown>): Parameters<typeof structPb.Struct.fromJavaScript>[0] {
    return JSON.parse(JSON.stringify(properties ?? {}));
}
