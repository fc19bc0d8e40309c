// Runs one example the way `pulumi preview|up --policy-pack <repo> --policy-pack-config icp.json`
// would, without the CLI: the program runs under the mock runtime, and the real pack process gets
// the engine's calls over the Analyzer protocol (ConfigureStack, GetAnalyzerInfo, config
// reconcile, Configure, then Remediate + Analyze per resource, then AnalyzeStack).
import { performance } from "node:perf_hooks";
import { type Diagnostic, type Remediation, launchPack } from "../harness";
import { captureProgram } from "../harness/mock-capture";
import { toEngineRequests } from "../harness/program-requests";
import type { Example, ExpectedCounts, ExpectedFinding, ExpectedRun, RunMode } from "./examples";

export type Verdict = "blocked" | "advisory" | "passed";

export interface ResourceResult {
    urn: string;
    type: string;
    name: string;
    /** false for the stack resource and the default providers, which the program does not declare. */
    declared: boolean;
    diagnostics: Diagnostic[];
    remediations: Remediation[];
    verdict: Verdict;
}

export interface RunResult {
    example: Example;
    mode: RunMode;
    resources: ResourceResult[];
    counts: ExpectedCounts;
    timings: { captureMs: number; packStartMs: number; analyzeMs: number; totalMs: number };
    /** Analyzer calls made after Configure: Remediate and Analyze per resource, one AnalyzeStack. */
    analyzerCalls: number;
}

const STACK_TYPE = "pulumi:pulumi:Stack";

function verdictOf(diagnostics: readonly Diagnostic[]): Verdict {
    if (diagnostics.some((d) => d.enforcementLevel === "mandatory")) return "blocked";
    return diagnostics.some((d) => d.enforcementLevel === "advisory") ? "advisory" : "passed";
}

export async function runExample(example: Example, mode: RunMode, packDir: string): Promise<RunResult> {
    const startedAt = performance.now();
    const preview = mode === "preview";
    // The program and the pack start in parallel; both take about a second.
    const capturing = captureProgram(example.programModule, {
        project: example.project,
        stack: example.stack,
        stackConfig: example.stackConfig,
        preview,
        cloudOutputsModule: example.cloudOutputsModule,
        cwd: example.dir,
    }).then((captured) => ({ captured, captureMs: performance.now() - startedAt }));
    const launching = launchPack(packDir, {
        dryRun: preview,
        project: example.project,
        stack: example.stack,
        stackConfig: example.stackConfig,
    });
    const [capture, session] = await Promise.allSettled([capturing, launching]);
    if (session.status === "rejected") throw session.reason;
    try {
        if (capture.status === "rejected") throw capture.reason;
        const { resources, stackResources, defaultProviderUrns } = toEngineRequests(capture.value.captured, {
            project: example.project,
            stack: example.stack,
            stackConfig: example.stackConfig,
        });
        const pack = session.value;
        await pack.handshake();
        await pack.configureStack();
        await pack.configureLikeEngine(example.policyConfig);

        const analyzeStartedAt = performance.now();
        const results = new Map<string, ResourceResult>();
        for (const resource of resources) {
            const urn = resource.urn as string;
            const remediations = await pack.remediate(resource);
            // Like the engine, later policies (and Analyze) see remediated properties.
            let analyzed = resource;
            for (const remediation of remediations) {
                if (remediation.properties) analyzed = { ...analyzed, properties: remediation.properties };
            }
            const diagnostics = await pack.analyze(analyzed);
            results.set(urn, {
                urn,
                type: resource.type,
                name: resource.name,
                declared: resource.type !== STACK_TYPE && !defaultProviderUrns.includes(urn),
                diagnostics,
                remediations,
                verdict: "passed",
            });
        }
        // The engine files a stack diagnostic under the resource it names, else under the stack.
        const stackUrn = resources.find((resource) => resource.type === STACK_TYPE)?.urn;
        for (const diagnostic of await pack.analyzeStack(stackResources)) {
            const owner = results.get(diagnostic.urn) ?? (stackUrn ? results.get(stackUrn) : undefined);
            if (!owner) throw new Error(`AnalyzeStack reported on ${diagnostic.urn || "no resource"} and the program has no stack resource`);
            owner.diagnostics.push(diagnostic);
        }
        const analyzeMs = performance.now() - analyzeStartedAt;

        const resourceResults = [...results.values()];
        for (const result of resourceResults) result.verdict = verdictOf(result.diagnostics);
        const counts: ExpectedCounts = { blocked: 0, advisory: 0, passed: 0 };
        for (const result of resourceResults) if (result.declared || result.verdict !== "passed") counts[result.verdict] += 1;
        return {
            example,
            mode,
            resources: resourceResults,
            counts,
            timings: {
                captureMs: capture.value.captureMs,
                packStartMs: pack.startupMs,
                analyzeMs,
                totalMs: performance.now() - startedAt,
            },
            analyzerCalls: resources.length * 2 + 1,
        };
    } finally {
        await session.value.close();
    }
}

function describeFinding(finding: { urn: string; policy: string; enforcementLevel: string }): string {
    return `${finding.enforcementLevel} ${finding.policy} on ${finding.urn}`;
}

/**
 * Differences between a run and its expectation, as sentences; empty when the run is exactly as
 * expected (same diagnostics per resource, each message containing its key words, same counts).
 */
export function compareWithExpected(result: RunResult, expected: ExpectedRun): string[] {
    const problems: string[] = [];
    const unmatched: ExpectedFinding[] = [...expected.findings];
    const sameSlot = (finding: ExpectedFinding, urn: string, diagnostic: Diagnostic) =>
        finding.urn === urn && finding.policy === diagnostic.policyName && finding.enforcementLevel === diagnostic.enforcementLevel;
    const leftOver: { urn: string; diagnostic: Diagnostic }[] = [];

    for (const resource of result.resources) {
        for (const diagnostic of resource.diagnostics) {
            const index = unmatched.findIndex(
                (finding) =>
                    sameSlot(finding, resource.urn, diagnostic) &&
                    finding.keywords.every((keyword) => diagnostic.message.includes(keyword)),
            );
            if (index >= 0) unmatched.splice(index, 1);
            else leftOver.push({ urn: resource.urn, diagnostic });
        }
    }
    for (const { urn, diagnostic } of leftOver) {
        const near = unmatched.findIndex((finding) => sameSlot(finding, urn, diagnostic));
        const what = describeFinding({ urn, policy: diagnostic.policyName, enforcementLevel: diagnostic.enforcementLevel });
        if (near >= 0) {
            const [finding] = unmatched.splice(near, 1) as [ExpectedFinding];
            const missing = finding.keywords.filter((keyword) => !diagnostic.message.includes(keyword));
            problems.push(`${what}: the message lacks ${missing.map((k) => JSON.stringify(k)).join(", ")}`);
        } else {
            problems.push(`unexpected ${what}`);
        }
    }
    for (const finding of unmatched) problems.push(`missing ${describeFinding(finding)} (${finding.keywords.join(", ")})`);

    for (const key of ["blocked", "advisory", "passed"] as const) {
        if (result.counts[key] !== expected.counts[key]) {
            problems.push(`${key}: expected ${expected.counts[key]}, got ${result.counts[key]}`);
        }
    }
    return problems;
}
