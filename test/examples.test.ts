// The example programs, run the way `npm run demo` runs them (mock runtime, then the compiled pack
// over the Analyzer protocol), must give exactly the findings their expected.json lists. Needs
// `npm run build` first (the `test` script does it): the programs and the pack run compiled.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { UNKNOWN_STRING } from "../harness";
import { captureProgram } from "../harness/mock-capture";
import { toEngineRequests } from "../harness/program-requests";
import { type Example, type ExpectedRun, loadExamples, repoRoot } from "../demo/examples";
import { compareWithExpected, runExample } from "../demo/run-example";

const REPO = repoRoot();
const EXAMPLES = loadExamples(REPO);

function example(name: string): Example {
    const found = EXAMPLES.find((candidate) => candidate.name === name);
    if (!found) throw new Error(`example ${name} is missing`);
    return found;
}

function byKey<T extends { urn: string; policy: string; enforcementLevel: string }>(a: T, b: T): number {
    return `${a.urn} ${a.policy} ${a.enforcementLevel}`.localeCompare(`${b.urn} ${b.policy} ${b.enforcementLevel}`);
}

function capture(name: string, preview: boolean) {
    const { programModule, project, stack, stackConfig, cloudOutputsModule } = example(name);
    return captureProgram(programModule, { project, stack, stackConfig, preview, cloudOutputsModule }).then((captured) =>
        toEngineRequests(captured, { project, stack, stackConfig }),
    );
}

describe("examples/", () => {
    it("has the four examples the README promises, each with expectations", () => {
        expect(EXAMPLES.map((e) => e.name)).toEqual(
            expect.arrayContaining(["alicloud-cdn-site", "filed-site", "preview-unknowns", "tencent-site"]),
        );
        for (const e of EXAMPLES) expect(e.runs.length, e.name).toBeGreaterThan(0);
    });

    const runs = EXAMPLES.flatMap((e) => e.runs.map((run): [string, Example, ExpectedRun] => [`${e.name} (${run.mode})`, e, run]));

    it.for(runs)("%s gives exactly the findings in expected.json", async ([, e, expected], { expect }) => {
        const result = await runExample(e, expected.mode, REPO);
        const diagnostics = result.resources.flatMap((resource) =>
            resource.diagnostics.map((diagnostic) => ({ resource, diagnostic })),
        );

        const actual = diagnostics.map(({ resource, diagnostic }) => ({
            urn: resource.urn,
            policy: diagnostic.policyName,
            enforcementLevel: diagnostic.enforcementLevel,
        }));
        const wanted = expected.findings.map(({ urn, policy, enforcementLevel }) => ({ urn, policy, enforcementLevel }));
        expect(actual.sort(byKey)).toEqual(wanted.sort(byKey));

        for (const finding of expected.findings) {
            const match = diagnostics.find(
                ({ resource, diagnostic }) =>
                    resource.urn === finding.urn &&
                    diagnostic.policyName === finding.policy &&
                    diagnostic.enforcementLevel === finding.enforcementLevel,
            );
            for (const keyword of finding.keywords) expect(match?.diagnostic.message, finding.urn).toContain(keyword);
        }
        // The pack names the resource each diagnostic is about, and it is the one analysed.
        for (const { resource, diagnostic } of diagnostics) expect(diagnostic.urn).toBe(resource.urn);
        for (const { diagnostic } of diagnostics) expect(diagnostic.policyPackName).toBe("icpguard");

        expect(result.counts).toEqual(expected.counts);
        expect(compareWithExpected(result, expected)).toEqual([]);
    });

    it("reports a run that differs from its expectation", async () => {
        const e = example("alicloud-cdn-site");
        const expected = e.runs[0] as ExpectedRun;
        const result = await runExample(e, expected.mode, REPO);
        const [dropped, ...rest] = expected.findings;
        const problems = compareWithExpected(result, {
            ...expected,
            findings: [...rest, { ...(dropped as ExpectedRun["findings"][number]), keywords: ["no such words"] }],
            counts: { ...expected.counts, passed: expected.counts.passed + 1 },
        });
        expect(problems).toEqual([
            expect.stringContaining(`mandatory icp-filing-required on ${dropped?.urn}: the message lacks "no such words"`),
            `passed: expected ${expected.counts.passed + 1}, got ${expected.counts.passed}`,
        ]);
    });
});

describe("program capture and engine requests", () => {
    it("sends an output that is unknown during preview as the engine's sentinel, and its value during an update", async () => {
        const shopUrn = "urn:pulumi:dev::preview-unknowns::alicloud:cdn/domainNew:DomainNew::shop";
        const preview = await capture("preview-unknowns", true);
        const update = await capture("preview-unknowns", false);
        expect(preview.resources.find((r) => r.urn === shopUrn)?.properties.domainName).toBe(UNKNOWN_STRING);
        expect(update.resources.find((r) => r.urn === shopUrn)?.properties.domainName).toBe("shop.xn--cl1ay07b.xn--fiqs8s");
        // The zone's punycode name is computed by the cloud: unknown in the preview's recorded outputs.
        const zoneUrn = "urn:pulumi:dev::preview-unknowns::alicloud:dns/alidnsDomain:AlidnsDomain::zone";
        expect(preview.stackResources.find((r) => r.urn === zoneUrn)?.properties.punyCode).toBeUndefined();
        expect(update.stackResources.find((r) => r.urn === zoneUrn)?.properties.punyCode).toBe("xn--cl1ay07b.xn--fiqs8s");
        expect(preview.resources.find((r) => r.urn === shopUrn)?.propertyDependencies?.domainName).toEqual([zoneUrn]);
    });

    it("gives resources the stack's default provider, or the explicit provider they were given", async () => {
        const { resources } = await capture("tencent-site", true);
        const byName = (name: string) => resources.find((r) => r.name === name);
        expect(resources[0]).toMatchObject({ type: "pulumi:pulumi:Stack", urn: "urn:pulumi:dev::tencent-site::pulumi:pulumi:Stack::tencent-site-dev" });
        expect(byName("api-rule")?.provider).toEqual({
            type: "pulumi:providers:tencentcloud",
            name: "default_0_2_3",
            urn: "urn:pulumi:dev::tencent-site::pulumi:providers:tencentcloud::default_0_2_3",
            properties: { region: "ap-guangzhou", version: "0.2.3" },
        });
        expect(byName("fn-domain")?.provider).toEqual({
            type: "pulumi:providers:tencentcloud",
            name: "shanghai",
            urn: "urn:pulumi:dev::tencent-site::pulumi:providers:tencentcloud::shanghai",
            properties: { region: "ap-shanghai", version: "0.2.3" },
        });
        // The default provider is registered once, before its first user, without a parent.
        const defaults = resources.filter((r) => r.name === "default_0_2_3");
        expect(defaults).toHaveLength(1);
        expect(defaults[0]?.parent).toBeUndefined();
        expect(resources.indexOf(defaults[0] as (typeof resources)[number])).toBeLessThan(
            resources.findIndex((r) => r.provider?.name === "default_0_2_3"),
        );
    });

    it("qualifies nested children with their parents' whole type chain, as the engine does", async () => {
        const { resources } = await capture("filed-site", true);
        const hkDomain = resources.find((r) => r.name === "intl-static-domain");
        expect(hkDomain?.urn).toBe(
            "urn:pulumi:prod::filed-site::filed-site:index:InternationalSite$filed-site:index:StaticBucket$alicloud:oss/bucketCname:BucketCname::intl-static-domain",
        );
        expect(hkDomain?.parent).toBe(
            "urn:pulumi:prod::filed-site::filed-site:index:InternationalSite$filed-site:index:StaticBucket::intl-static",
        );
        // A provider given to a component reaches the resources inside it.
        expect(hkDomain?.provider?.urn).toBe(
            "urn:pulumi:prod::filed-site::filed-site:index:InternationalSite$pulumi:providers:alicloud::intl-hong-kong",
        );
        expect(hkDomain?.provider?.properties).toEqual({ region: "cn-hongkong", version: "3.108.0" });
    });

    it("passes stack config to the program through pulumi.Config", async () => {
        const { resources } = await capture("alicloud-cdn-site", true);
        expect(resources.find((r) => r.name === "static")?.properties.domain).toBe("static.acme-shop.com");
    });

    it("fails with the program's error when the program throws", async () => {
        const e = example("alicloud-cdn-site");
        // Without its stack config, config.require("domain") throws.
        await expect(captureProgram(e.programModule, { project: e.project, stack: e.stack })).rejects.toThrow(/domain/);
    });

    describe("programs that fail late", () => {
        const dir = mkdtempSync(path.join(tmpdir(), "icpguard-capture-"));
        afterAll(() => rmSync(dir, { recursive: true, force: true }));
        const program = (name: string, body: string): string => {
            const file = path.join(dir, `${name}.js`);
            const sdk = (pkg: string) => JSON.stringify(require.resolve(pkg, { paths: [REPO] }));
            writeFileSync(file, `const pulumi = require(${sdk("@pulumi/pulumi")});\nconst alicloud = require(${sdk("@pulumi/alicloud")});\n${body}\n`);
            return file;
        };

        it("reports an error thrown inside an apply callback", async () => {
            const file = program("apply-throws", `new alicloud.oss.Bucket("b", { bucket: "b" }).bucket.apply(() => { throw new Error("boom in apply"); });`);
            await expect(captureProgram(file, { project: "p", stack: "s" })).rejects.toThrow(/boom in apply/);
        });

        it("refuses function invokes instead of inventing their results", async () => {
            const file = program("invokes", `module.exports = async () => ({ regions: await alicloud.getRegions({ current: true }) });`);
            await expect(captureProgram(file, { project: "p", stack: "s" })).rejects.toThrow(
                /alicloud:index\/getRegions:getRegions; function invokes have no data/,
            );
        });
    });
});
