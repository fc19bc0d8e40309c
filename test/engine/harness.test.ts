// Tests of the engine-protocol harness against a minimal real policy pack (test/fixtures/noop-pack).
import { mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as net from "node:net";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
    type AnalyzerInfo,
    type EngineResource,
    ENFORCEMENT_LEVELS,
    PackCallError,
    type PackSession,
    SECRET_SIG,
    SECRET_SIG_KEY,
    UNKNOWN_SENTINELS,
    UNKNOWN_STRING,
    defaultProvider,
    enforcementLevelFromProto,
    enforcementLevelToProto,
    launchPack,
    makeUrn,
    reconcilePolicyConfig,
    secret,
    startPackLikeEngine,
    toAnalyzeRequest,
    toAnalyzeStackRequest,
    unknown,
} from "../../harness";
import { analyzerPb } from "../../harness/protos";

const NOOP_PACK = path.resolve(__dirname, "../fixtures/noop-pack");
const SCOPE = { stack: "dev", project: "icpguard-test" };
const PACK_PREFIX = "validating policy config: noop-pack 0.0.1  ";

function flag(name: string, properties: Record<string, unknown>): EngineResource {
    return { type: "test:index:Flag", name, properties };
}

describe("requests", () => {
    it("builds engine-style URNs, with the parent type chain except under the stack", () => {
        const stackUrn = makeUrn("dev", "shop", "pulumi:pulumi:Stack", "shop-dev");
        const component = makeUrn("dev", "shop", "my:index:Site", "site", stackUrn);
        expect(component).toBe("urn:pulumi:dev::shop::my:index:Site::site");
        expect(makeUrn("dev", "shop", "alicloud:cdn/domainNew:DomainNew", "cdn", component)).toBe(
            "urn:pulumi:dev::shop::my:index:Site$alicloud:cdn/domainNew:DomainNew::cdn",
        );
    });

    it("names default providers default_<major>_<minor>_<patch> and adds the version", () => {
        expect(defaultProvider("alicloud", "3.108.0", { region: "cn-hangzhou" })).toEqual({
            type: "pulumi:providers:alicloud",
            name: "default_3_108_0",
            properties: { region: "cn-hangzhou", version: "3.108.0" },
        });
        expect(() => defaultProvider("tencentcloud", "latest")).toThrow(/semantic version/);
    });

    it("uses the sentinels and secret signature of the Pulumi SDKs", () => {
        const proxy = require("@pulumi/policy/proxy");
        const rpc = require("@pulumi/pulumi/runtime/rpc");
        expect(UNKNOWN_SENTINELS).toEqual({
            string: proxy.unknownStringValue,
            boolean: proxy.unknownBooleanValue,
            number: proxy.unknownNumberValue,
            array: proxy.unknownArrayValue,
            asset: proxy.unknownAssetValue,
            archive: proxy.unknownArchiveValue,
            object: proxy.unknownObjectValue,
        });
        expect(unknown()).toBe(UNKNOWN_STRING);
        expect(UNKNOWN_STRING).toBe("04da6b54-80e4-46f7-96ec-b56ff0331ba9");
        expect(SECRET_SIG_KEY).toBe(rpc.specialSigKey);
        expect(SECRET_SIG).toBe(rpc.specialSecretSig);
        expect(secret("s3cret")).toEqual({ [rpc.specialSigKey]: rpc.specialSecretSig, value: "s3cret" });
    });

    it("marshals an AnalyzeRequest like the engine", () => {
        const parent = makeUrn("dev", "icpguard-test", "my:index:Site", "site");
        const request = toAnalyzeRequest(
            {
                type: "alicloud:cdn/domainNew:DomainNew",
                name: "cdn",
                parent,
                properties: {
                    domainName: "shop.example.com",
                    scope: unknown(),
                    certificate: secret({ key: "pem" }),
                    __defaults: ["domainName"],
                    nested: { __internal: 1, keep: [1, undefined] },
                    absent: undefined,
                },
                provider: defaultProvider("alicloud", "3.108.0", { region: "cn-hangzhou" }),
            },
            SCOPE,
        );
        expect(request.getUrn()).toBe("urn:pulumi:dev::icpguard-test::my:index:Site$alicloud:cdn/domainNew:DomainNew::cdn");
        expect(request.getProperties()?.toJavaScript()).toEqual({
            domainName: "shop.example.com",
            scope: UNKNOWN_STRING,
            certificate: { [SECRET_SIG_KEY]: SECRET_SIG, value: { key: "pem" } },
            nested: { keep: [1, null] },
        });
        const provider = request.getProvider();
        expect(provider?.getUrn()).toBe("urn:pulumi:dev::icpguard-test::pulumi:providers:alicloud::default_3_108_0");
        expect(provider?.getProperties()?.toJavaScript()).toEqual({ region: "cn-hangzhou", version: "3.108.0" });
        const options = request.getOptions();
        expect(options?.getParent()).toBe(parent);
        expect(options?.getDeletebeforereplacedefined()).toBe(false);
        expect(options?.getCustomtimeouts()?.toObject()).toEqual({ create: 0, update: 0, pb_delete: 0, read: 0 });

        const remediate = toAnalyzeRequest({ type: "t:index:T", name: "n", properties: { __defaults: [] } }, SCOPE, "remediate");
        expect(remediate.getProperties()?.toJavaScript()).toEqual({ __defaults: [] });
        expect(remediate.hasProvider()).toBe(false);
    });

    it("marshals AnalyzeStack resources with parent, dependencies and non-empty property dependencies", () => {
        const dep = makeUrn("dev", "icpguard-test", "test:index:Dep", "dep");
        const request = toAnalyzeStackRequest(
            [
                {
                    ...flag("f", { flag: true }),
                    parent: "urn:pulumi:dev::icpguard-test::pulumi:pulumi:Stack::icpguard-test-dev",
                    dependencies: [dep],
                    propertyDependencies: { flag: [dep], other: [] },
                    options: { deleteBeforeReplace: true, protect: true },
                },
            ],
            SCOPE,
        );
        // Read back what actually goes on the wire.
        const wire = analyzerPb.AnalyzeStackRequest.deserializeBinary(request.serializeBinary());
        const [resource] = wire.getResourcesList();
        expect(resource?.getParent()).toBe("urn:pulumi:dev::icpguard-test::pulumi:pulumi:Stack::icpguard-test-dev");
        expect(resource?.getUrn()).toBe("urn:pulumi:dev::icpguard-test::test:index:Flag::f");
        expect(resource?.getDependenciesList()).toEqual([dep]);
        const propertyDependencies = resource?.getPropertydependenciesMap();
        expect(propertyDependencies?.getLength()).toBe(1);
        expect(propertyDependencies?.get("flag")?.getUrnsList()).toEqual([dep]);
        expect(resource?.getOptions()?.getDeletebeforereplacedefined()).toBe(true);
        expect(resource?.getOptions()?.getProtect()).toBe(true);
    });

    it("refuses values that have no wire form", () => {
        expect(() => toAnalyzeRequest(flag("f", { when: new Date(0) }), SCOPE)).toThrow(/when is a Date/);
        expect(() => toAnalyzeRequest(flag("f", { n: Number.NaN }), SCOPE)).toThrow(/finite/);
    });
});

describe("enforcement levels", () => {
    it("map by name to pulumirpc.EnforcementLevel and back", () => {
        expect(enforcementLevelToProto("advisory")).toBe(analyzerPb.EnforcementLevel.ADVISORY);
        expect(enforcementLevelToProto("mandatory")).toBe(analyzerPb.EnforcementLevel.MANDATORY);
        expect(enforcementLevelToProto("disabled")).toBe(2);
        expect(enforcementLevelToProto("remediate")).toBe(3);
        for (const level of ENFORCEMENT_LEVELS) {
            expect(enforcementLevelFromProto(enforcementLevelToProto(level))).toBe(level);
        }
        expect(() => enforcementLevelFromProto(7)).toThrow(/invalid enforcement level 7/);
        expect(() => enforcementLevelToProto("blocking" as never)).toThrow(/invalid enforcement level/);
    });
});

describe("config reconcile (synthetic pack info)", () => {
    const info: AnalyzerInfo = {
        name: "pack",
        version: "1.2.3",
        displayName: "",
        supportsConfig: true,
        policies: [
            {
                name: "records",
                displayName: "",
                description: "",
                enforcementLevel: "mandatory",
                severity: "high",
                policyType: "resource",
                configSchema: {
                    properties: {
                        expires: { type: "string", format: "date" },
                        mode: { type: "string", enum: ["strict", "lenient"], default: "strict" },
                        count: { type: "integer", default: 1 },
                    },
                    required: ["expires"],
                },
            },
            {
                name: "advice",
                displayName: "",
                description: "",
                enforcementLevel: "advisory",
                severity: "low",
                policyType: "stack",
            },
        ],
        initialConfig: {},
    };

    it("fills schema defaults, then the user's values, and validates", () => {
        const { config, errors } = reconcilePolicyConfig(info, { records: { expires: "2027-01-31", count: 2 } });
        expect(errors).toEqual([]);
        expect(config).toEqual({
            records: { enforcementLevel: "mandatory", properties: { mode: "strict", count: 2, expires: "2027-01-31" } },
            advice: { enforcementLevel: "advisory", properties: {} },
        });
    });

    it("lets `all` set every level but no properties, and a policy's own entry win over it", () => {
        const { config } = reconcilePolicyConfig(info, {
            all: "disabled",
            advice: "mandatory",
            records: { expires: "2027-01-31" },
        });
        expect(config["records"]).toEqual({
            enforcementLevel: "disabled",
            properties: { mode: "strict", count: 1, expires: "2027-01-31" },
        });
        expect(config["advice"]?.enforcementLevel).toBe("mandatory");
        // The engine passes the "all" entry on to the pack as well.
        expect(config["all"]).toEqual({ enforcementLevel: "disabled", properties: {} });
    });

    it("reports schema errors in the engine's words, sorted", () => {
        const { errors } = reconcilePolicyConfig(
            info,
            JSON.stringify({ records: { expires: "2027-02-30", mode: "loose", count: 1.5, extra: true } }),
        );
        expect(errors).toEqual([
            `validating policy config: pack 1.2.3  records: count: Invalid type. Expected: integer, given: number`,
            `validating policy config: pack 1.2.3  records: expires: Does not match format 'date'`,
            `validating policy config: pack 1.2.3  records: mode: mode must be one of the following: "strict", "lenient"`,
        ]);
        expect(reconcilePolicyConfig(info, {}).errors).toEqual([
            "validating policy config: pack 1.2.3  records: expires is required",
        ]);
    });

    it("rejects malformed files and levels like the engine's parser", () => {
        expect(reconcilePolicyConfig(info, { records: "blocking" }).errors).toEqual([
            `parsing enforcement level for "records": "blocking" is not a valid enforcement level`,
        ]);
        expect(reconcilePolicyConfig(info, { records: 3 }).errors).toEqual([
            `parsing "records": 3 is not a valid value; must be a string or object`,
        ]);
        expect(reconcilePolicyConfig(info, "{not json").errors[0]).toMatch(/^invalid policy pack config JSON/);
        expect(reconcilePolicyConfig(info, "  ").errors).toContain(
            "validating policy config: pack 1.2.3  records: expires is required",
        );
    });

    it("flags properties for a policy name the pack does not have (Configure would reject it)", () => {
        const { errors } = reconcilePolicyConfig(info, { records: { expires: "2027-01-31" }, recrods: { x: 1 } });
        expect(errors).toEqual([`configuring policy pack "pack": invalid enforcement level "" for "recrods"`]);
    });

    it("applies an initialConfig entry without a level as advisory (the trap)", () => {
        const withInitial: AnalyzerInfo = {
            ...info,
            initialConfig: { records: { properties: { mode: "lenient" } } as never },
        };
        const { config } = reconcilePolicyConfig(withInitial, { records: { expires: "2027-01-31" } });
        expect(config["records"]?.enforcementLevel).toBe("advisory");
        expect(config["records"]?.properties["mode"]).toBe("lenient");
    });

    it("rejects patterns that Go's RE2 cannot compile", () => {
        const lookahead: AnalyzerInfo = {
            ...info,
            policies: [
                {
                    ...info.policies[1]!,
                    configSchema: { properties: { number: { type: "string", pattern: "^(?!x)\\d+$" } }, required: [] },
                },
            ],
        };
        const { errors } = reconcilePolicyConfig(lookahead, {});
        expect(errors).toHaveLength(1);
        expect(errors[0]).toMatch(/^reconciling policy config for "pack": pattern must be a valid regex/);
    });
});

describe("noop pack over the Analyzer protocol", () => {
    let session: PackSession;

    beforeAll(async () => {
        session = await launchPack(NOOP_PACK, {
            stackConfig: { "alicloud:region": "cn-hangzhou", "icpguard-test:tiers": ["web", "api"] },
            env: { ICPGUARD_TEST_MARKER: "from-launch-options" },
        });
    });

    afterAll(async () => {
        await session?.close();
    });

    it("launches and reads the port from the first stdout line", () => {
        expect(session.port).toBeGreaterThan(0);
        expect(session.pid).toBeGreaterThan(0);
        expect(session.startupMs).toBeGreaterThan(0);
        expect(session.exit).toBeUndefined();
        console.log(`noop pack start (launch → port): ${session.startupMs.toFixed(0)} ms`);
    });

    it.skipIf(process.platform !== "linux")("runs in the pack directory with the CLI's arguments and environment", () => {
        const environ = readFileSync(`/proc/${session.pid}/environ`, "utf8").split("\0");
        const env = Object.fromEntries(environ.filter(Boolean).map((entry) => entry.split(/=(.*)/s, 2)));
        expect(env).toMatchObject({
            PULUMI_CONFIG: JSON.stringify({ "alicloud:region": "cn-hangzhou", "icpguard-test:tiers": '["web","api"]' }),
            PULUMI_NODEJS_ORGANIZATION: "organization",
            PULUMI_NODEJS_PROJECT: "icpguard-test",
            PULUMI_NODEJS_STACK: "dev",
            PULUMI_NODEJS_DRY_RUN: "true",
            PULUMI_ORGANIZATION: "organization",
            PULUMI_PROJECT: "icpguard-test",
            PULUMI_STACK: "dev",
            PULUMI_DRY_RUN: "true",
            ICPGUARD_TEST_MARKER: "from-launch-options",
        });
        expect(readlinkSync(`/proc/${session.pid}/cwd`)).toBe(NOOP_PACK);
        const argv = readFileSync(`/proc/${session.pid}/cmdline`, "utf8").split("\0").filter(Boolean);
        expect(argv.slice(1)).toEqual([
            require.resolve("@pulumi/pulumi/cmd/run-policy-pack"),
            session.engineAddress,
            NOOP_PACK,
        ]);
    });

    it("tolerates an unimplemented Handshake and accepts ConfigureStack", async () => {
        expect(await session.handshake()).toEqual({ supported: false });
        await session.configureStack({ tags: { team: "web" } });
    });

    it("reads GetAnalyzerInfo with levels as words and the initialConfig trap", async () => {
        const info = await session.getAnalyzerInfo();
        expect(info).toMatchObject({ name: "noop-pack", version: "0.0.1", supportsConfig: true });
        expect(info.policies).toEqual([
            {
                name: "flag-resource",
                displayName: "",
                description: "Reports test:index:Flag resources whose flag is true.",
                enforcementLevel: "advisory",
                severity: "low",
                policyType: "resource",
                remediationSteps: "Set flag to false.",
                url: "https://example.com/noop-pack/flag-resource",
                configSchema: {
                    properties: { label: { type: "string", default: "noop", maxLength: 20 } },
                    required: [],
                },
            },
            {
                name: "flag-stack",
                displayName: "",
                description: "Reports every test:index:Flag resource in the stack whose flag is true.",
                enforcementLevel: "mandatory",
                severity: "unspecified",
                policyType: "stack",
            },
        ]);
        // Declared without a level, so it reaches the engine as advisory.
        expect(info.initialConfig).toEqual({
            "flag-stack": { enforcementLevel: "advisory", properties: { note: "shipped without an enforcement level" } },
        });
    });

    it("reconciles the live pack's config like the engine", async () => {
        const info = await session.getAnalyzerInfo();
        const defaults = reconcilePolicyConfig(info);
        expect(defaults.errors).toEqual([]);
        expect(defaults.config).toEqual({
            "flag-resource": { enforcementLevel: "advisory", properties: { label: "noop" } },
            "flag-stack": { enforcementLevel: "advisory", properties: { note: "shipped without an enforcement level" } },
        });
        const all = reconcilePolicyConfig(info, { all: "mandatory" });
        expect(all.config["flag-resource"]).toEqual({ enforcementLevel: "mandatory", properties: { label: "noop" } });
        expect(all.config["flag-stack"]?.enforcementLevel).toBe("mandatory");
        expect(reconcilePolicyConfig(info, { "flag-resource": { label: 5 } }).errors).toEqual([
            `${PACK_PREFIX}flag-resource: label: Invalid type. Expected: string, given: integer`,
        ]);
        expect(reconcilePolicyConfig(info, { "flag-resource": { label: "x".repeat(21) } }).errors).toEqual([
            `${PACK_PREFIX}flag-resource: label: String length must be less than or equal to 20`,
        ]);
    });

    it("configures the pack and reports a violation with the configured property", async () => {
        await session.configure({
            "flag-resource": { enforcementLevel: "advisory", properties: { label: "from-config" } },
            "flag-stack": { enforcementLevel: "mandatory", properties: {} },
        });
        const diagnostics = await session.analyze(flag("on", { flag: true }));
        expect(diagnostics).toEqual([
            {
                policyName: "flag-resource",
                policyPackName: "noop-pack",
                policyPackVersion: "0.0.1",
                description: "Reports test:index:Flag resources whose flag is true.",
                message: "Reports test:index:Flag resources whose flag is true.\nflag is true on on (label: from-config)",
                enforcementLevel: "advisory",
                urn: "",
                severity: "low",
            },
        ]);
    });

    it("reports nothing for a compliant resource or another type", async () => {
        expect(await session.analyze(flag("off", { flag: false }))).toEqual([]);
        expect(await session.analyze({ type: "test:index:Other", name: "o", properties: { flag: true } })).toEqual([]);
    });

    it("sees a secret flag as its plain value", async () => {
        const diagnostics = await session.analyze(flag("secret-on", { flag: secret(true) }));
        expect(diagnostics.map((d) => d.policyName)).toEqual(["flag-resource"]);
    });

    it("gets @pulumi/policy's own advisory for an unknown value", async () => {
        await session.configure({ "flag-resource": { enforcementLevel: "mandatory", properties: { label: "x" } } });
        const diagnostics = await session.analyze(flag("later", { flag: unknown("boolean") }));
        expect(diagnostics).toHaveLength(1);
        expect(diagnostics[0]).toMatchObject({
            policyName: "flag-resource",
            enforcementLevel: "advisory",
            message:
                "can't run policy 'flag-resource' from policy pack 'noop-pack@v0.0.1' during preview: boolean value at .flag can't be known during preview",
        });
    });

    it("round-trips every enforcement level on the response path", async () => {
        await session.configure({ "flag-resource": { enforcementLevel: "advisory", properties: { label: "x" } } });
        for (const level of ENFORCEMENT_LEVELS) {
            const diagnostics = await session.analyze(flag(`report-${level}`, { flag: true, reportLevel: level }));
            expect(diagnostics.map((d) => d.enforcementLevel)).toEqual([level]);
        }
    });

    it("sends every configured level by name (disabled is not remediate)", async () => {
        const seen: Record<string, string[]> = {};
        for (const level of ENFORCEMENT_LEVELS) {
            await session.configure({ "flag-resource": { enforcementLevel: level, properties: { label: "x" } } });
            seen[level] = (await session.analyze(flag("level", { flag: true }))).map((d) => d.enforcementLevel);
        }
        // @pulumi/policy reports a violation of a remediate policy as mandatory.
        expect(seen).toEqual({
            advisory: ["advisory"],
            mandatory: ["mandatory"],
            remediate: ["mandatory"],
            disabled: [],
        });
    });

    it("runs Remediate only for policies at level remediate", async () => {
        await session.configure({ "flag-resource": { enforcementLevel: "remediate", properties: { label: "x" } } });
        expect(await session.remediate(flag("fix-me", { flag: true, size: 3 }))).toEqual([
            {
                policyName: "flag-resource",
                policyPackName: "noop-pack",
                policyPackVersion: "0.0.1",
                description: "Reports test:index:Flag resources whose flag is true.",
                properties: { flag: false, size: 3 },
            },
        ]);
        await session.configure({ "flag-resource": { enforcementLevel: "advisory", properties: { label: "x" } } });
        expect(await session.remediate(flag("fix-me", { flag: true }))).toEqual([]);
    });

    it("surfaces a policy that throws as gRPC UNKNOWN with the pack's message", async () => {
        await session.configure({ "flag-resource": { enforcementLevel: "advisory", properties: { label: "x" } } });
        const failure = await session.analyze(flag("boom", { explode: true })).catch((error: unknown) => error);
        expect(failure).toBeInstanceOf(PackCallError);
        expect((failure as PackCallError).codeName).toBe("UNKNOWN");
        expect((failure as PackCallError).message).toMatch(
            /^Analyze failed \(UNKNOWN\): .*Error validating resource with policy 'flag-resource'.*\n.*exploded on purpose/s,
        );
        // The pack survives it.
        expect(await session.analyze(flag("off", { flag: false }))).toEqual([]);
    });

    it("runs stack policies over AnalyzeStack", async () => {
        await session.configure({ "flag-stack": { enforcementLevel: "mandatory", properties: {} } });
        const flagged = flag("stack-on", { flag: true });
        const diagnostics = await session.analyzeStack([
            flagged,
            flag("stack-off", { flag: false }),
            { type: "test:index:Other", name: "other", properties: { flag: true } },
        ]);
        expect(diagnostics).toEqual([
            {
                policyName: "flag-stack",
                policyPackName: "noop-pack",
                policyPackVersion: "0.0.1",
                description: "Reports every test:index:Flag resource in the stack whose flag is true.",
                message: "Reports every test:index:Flag resource in the stack whose flag is true.\nstack has flag set on stack-on",
                enforcementLevel: "mandatory",
                urn: makeUrn(SCOPE.stack, SCOPE.project, "test:index:Flag", "stack-on"),
                severity: "unspecified",
            },
        ]);
        const unknownStack = await session.analyzeStack([flag("later", { flag: unknown() }), flagged]);
        expect(unknownStack.map((d) => [d.policyName, d.enforcementLevel])).toEqual([["flag-stack", "advisory"]]);
        expect(unknownStack[0]?.message).toMatch(/^can't run policy 'flag-stack' .* during preview: string value at \.flag/);
    });

    it("answers sequential Analyze calls quickly", async () => {
        const timings: number[] = [];
        for (let i = 0; i < 200; i += 1) {
            const started = performance.now();
            await session.analyze(flag(`perf-${i}`, { flag: i % 2 === 0 }));
            timings.push(performance.now() - started);
        }
        timings.sort((a, b) => a - b);
        const median = timings[100] as number;
        const p99 = timings[197] as number;
        console.log(`noop pack Analyze round trip: median ${median.toFixed(2)} ms, p99 ${p99.toFixed(2)} ms`);
        expect(median).toBeLessThan(50);
    });

    it("never connects back to the engine address", async () => {
        expect(session.engineConnections).toBe(0);
        expect(session.stdout).toBe("");
        // The stand-in does count connections, so the zero above means something.
        const [host, port] = session.engineAddress.split(":");
        await new Promise<void>((resolve, reject) => {
            const socket = net.connect(Number(port), host as string);
            socket.once("close", () => resolve());
            socket.once("error", reject);
        });
        expect(session.engineConnections).toBe(1);
    });
});

describe("engine start-up sequence", () => {
    it("starts, reconciles and configures the pack with a user config file's contents", async () => {
        const { session, config } = await startPackLikeEngine(NOOP_PACK, {
            policyConfig: JSON.stringify({ all: "mandatory", "flag-resource": { label: "from-file" } }),
        });
        try {
            expect(config["flag-resource"]).toEqual({ enforcementLevel: "mandatory", properties: { label: "from-file" } });
            const [diagnostic] = await session.analyze(flag("on", { flag: true }));
            expect(diagnostic?.enforcementLevel).toBe("mandatory");
            expect(diagnostic?.message).toContain("(label: from-file)");
        } finally {
            await session.close();
        }
    });

    it("fails with the engine's message on an invalid config and stops the pack", async () => {
        const failure = await startPackLikeEngine(NOOP_PACK, { policyConfig: { "flag-resource": { label: 7 } } }).catch(
            (error: unknown) => error as Error,
        );
        expect((failure as Error).message).toBe(
            `${PACK_PREFIX}flag-resource: label: Invalid type. Expected: string, given: integer`,
        );
    });
});

describe("pack failures", () => {
    const scratch = mkdtempSync(path.join(tmpdir(), "icpguard-harness-"));

    function writePack(name: string, indexJs: string): string {
        const dir = path.join(scratch, name);
        rmSync(dir, { recursive: true, force: true });
        mkdirSync(dir);
        writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name, version: "0.0.1", main: "index.js" }));
        writeFileSync(path.join(dir, "index.js"), indexJs);
        return dir;
    }

    afterAll(() => {
        rmSync(scratch, { recursive: true, force: true });
    });

    it("reports a pack that crashes before printing its port, with its stderr", async () => {
        const dir = writePack("crash", `throw new Error("boom at start");\n`);
        await expect(launchPack(dir)).rejects.toThrow(/exited with code \d+ before printing its port[\s\S]*boom at start/);
    });

    it("reports a pack that never prints its port within the timeout", async () => {
        const dir = writePack("silent", `setInterval(() => {}, 1000);\nconsole.error("still loading");\n`);
        await expect(launchPack(dir, { timeoutMs: 3_000 })).rejects.toThrow(
            /did not print its port within 3000 ms[\s\S]*still loading/,
        );
    });

    it("reports a pack that prints something before its port", async () => {
        const dir = writePack("chatty", `console.log("hello from the pack");\nsetInterval(() => {}, 1000);\n`);
        await expect(launchPack(dir)).rejects.toThrow(/printed "hello from the pack" instead of its port/);
    });

    it("reports a missing pack directory", async () => {
        await expect(launchPack(path.join(scratch, "nowhere"))).rejects.toThrow(/policy pack directory not found/);
    });

    it("explains a call to a pack that died, and closes idempotently", async () => {
        const session = await launchPack(NOOP_PACK);
        try {
            process.kill(session.pid, "SIGKILL");
            await expect.poll(() => session.exit).toBeDefined();
            const failure = await session.analyze(flag("f", { flag: true })).catch((error: unknown) => error as Error);
            expect(failure).toBeInstanceOf(PackCallError);
            expect((failure as PackCallError).message).toMatch(/^Analyze failed \(UNAVAILABLE\)[\s\S]*was killed by SIGKILL/);
        } finally {
            await session.close();
            await session.close();
        }
        await expect(session.analyze(flag("f", {}))).rejects.toThrow(/session is closed/);
    });
});
