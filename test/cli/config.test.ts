// icpguard config: one records file becomes the whole --policy-pack-config file, and the pack
// accepts exactly what it writes: each policy's own zod schema, the JSON Schema the engine checks
// first, and the real pack over the engine protocol.

import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import {
  type AnalyzerInfo,
  type Diagnostic,
  type EngineResource,
  type PackSession,
  defaultProvider,
  launchPack,
  reconcilePolicyConfig,
} from "../../harness";
import { parseConfig, policyConfigSchema } from "../../rules/config";
import { formatFilingNumber } from "../../rules/filing-number";
import { registeredDomainOf } from "../../rules/hostname";
import type { PolicyDefinition } from "../../rules/policy-definition";
import { POLICIES } from "../../rules/policies";
import { PROVINCE_CODES, provinceByCode } from "../../rules/provinces";
import { RecordsFileSchema, type RecordsFile } from "../../rules/records-file";
import { configJsonChunks } from "../../cli/commands/config";
import { ENFORCEMENT_LEVELS, MissingMappingError, policyPackConfig, RECORDS_TO_POLICY_PROPERTIES } from "../../rules/records-to-config";

const REPO = path.resolve(__dirname, "../..");
const CLI = path.join(REPO, "dist/cli/main.js");
const FIXTURES = path.join(REPO, "test/fixtures/records");
const EXAMPLE = path.join(REPO, "examples/records/icp-records.yaml");
const TODAY = "2026-11-23";
const FILING_REQUIRED = "icp-filing-required";

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function icpguard(args: string[], cwd = FIXTURES): Run {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: "utf8", timeout: 120_000, maxBuffer: 256 * 1024 * 1024 });
  if (result.error) throw result.error;
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const config = (file: string, ...args: string[]) => icpguard(["config", file, "--today", TODAY, ...args]);

function readRecords(file: string): RecordsFile {
  return RecordsFileSchema.parse(parseYaml(readFileSync(file, "utf8")));
}

const policyNames = POLICIES.map((policy) => policy.metadata.name);

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build before these tests`);
});

describe("records → policy config mapping", () => {
  it("has a mapping for every policy of the pack", () => {
    expect(policyNames.filter((name) => !(name in RECORDS_TO_POLICY_PROPERTIES))).toEqual([]);
  });

  it("fails loudly, naming the policy, when a policy has no mapping", () => {
    const unmapped: PolicyDefinition = { ...POLICIES[0]!, metadata: { ...POLICIES[0]!.metadata, name: "icp-new-policy" } };
    const records = readRecords(EXAMPLE);
    expect(() => policyPackConfig(records, {}, [...POLICIES, unmapped])).toThrow(MissingMappingError);
    expect(() => policyPackConfig(records, {}, [...POLICIES, unmapped])).toThrow(/no records mapping for "icp-new-policy"/);
  });

  it("writes every policy in pack order at its default level, overridden by all and then by level", () => {
    const records = readRecords(EXAMPLE);
    const levels = (written: Record<string, { enforcementLevel: string }>) => Object.entries(written).map(([name, entry]) => [name, entry.enforcementLevel]);
    expect(levels(policyPackConfig(records))).toEqual(POLICIES.map((policy) => [policy.metadata.name, policy.metadata.defaultLevel]));
    expect(levels(policyPackConfig(records, { all: "advisory" }))).toEqual(policyNames.map((name) => [name, "advisory"]));
    const mixed = policyPackConfig(records, { all: "disabled", levels: { [FILING_REQUIRED]: "mandatory" } });
    expect(levels(mixed)).toEqual(policyNames.map((name) => [name, name === FILING_REQUIRED ? "mandatory" : "disabled"]));
    expect(() => policyPackConfig(records, { levels: { "icp-nope": "advisory" } })).toThrow(/not a policy of the pack: icp-nope/);
  });

  it("gives icp-filing-required the filings, waivers and language, numbers in their Chinese form", () => {
    const records = readRecords(path.join(FIXTURES, "romanised.yaml"));
    expect(policyPackConfig(records)[FILING_REQUIRED]).toEqual({
      enforcementLevel: "mandatory",
      filings: [
        {
          domain: "example.com",
          number: "津ICP备12345678号-1",
          status: "approved",
          psb: "津公网安备12010102000123号",
          licence: "津B2-20210315",
        },
        { domain: "Example.NET.", number: "津ICP备12345678号-2", status: "approved" },
      ],
      waivers: [],
      language: "en",
    });
    expect(policyPackConfig(records, { language: "zh" })[FILING_REQUIRED]!.language).toBe("zh");
  });
});

// The engine validates each policy's properties against its published schema, with the
// enforcementLevel property it injects, before the pack sees them.
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
const engineValidators = new Map(
  POLICIES.map((policy) => {
    const { properties, required } = policyConfigSchema(policy.configSchema);
    const schema = { type: "object", properties: { ...properties, enforcementLevel: { type: "string", enum: [...ENFORCEMENT_LEVELS] } }, required };
    return [policy.metadata.name, ajv.compile(schema)] as const;
  }),
);

/** Problems any policy has with the config written for these records; [] when all accept it. */
function refusals(records: RecordsFile): string[] {
  const written = JSON.parse(JSON.stringify(policyPackConfig(records))) as Record<string, Record<string, unknown>>;
  const problems: string[] = [];
  for (const policy of POLICIES) {
    const name = policy.metadata.name;
    const { enforcementLevel: _level, ...properties } = written[name]!;
    const parsed = parseConfig(policy.configSchema, properties);
    if (!parsed.ok) problems.push(...parsed.problems.map((problem) => `${name} (zod): ${problem}`));
    const prepared = policy.prepare(properties, TODAY);
    if (!prepared.ok) problems.push(...prepared.problems.map((problem) => `${name} (prepare): ${problem}`));
    const validate = engineValidators.get(name)!;
    if (!validate(written[name])) problems.push(...(validate.errors ?? []).map((error) => `${name} (JSON Schema): ${error.instancePath} ${error.message}`));
  }
  return problems;
}

describe("the pack accepts exactly what config writes", () => {
  it("for the example and every records fixture without problems (config writes nothing for the others)", () => {
    for (const file of [EXAMPLE, ...["minimal.yaml", "romanised.yaml", "warnings-only.yaml"].map((name) => path.join(FIXTURES, name))]) {
      expect(refusals(readRecords(file)), file).toEqual([]);
    }
    // What validate calls a problem is what a policy would refuse: a psb that is not one, two apps of one name.
    expect(refusals(readRecords(path.join(FIXTURES, "cross-checks.yaml")))).not.toEqual([]);
  });

  it("for generated records: any province, Chinese or romanised numbers, IDN, apps, licences and waivers", () => {
    const province = fc.constantFrom(...PROVINCE_CODES).map((code) => provinceByCode(code)!);
    const label = fc.stringMatching(/^[a-z][a-z0-9-]{0,10}[a-z0-9]$/);
    const suffix = fc.constantFrom("com", "cn", "com.cn", "net", "org.cn", "bj.cn", "中国", "公司", "网络");
    const serial = fc.oneof(fc.stringMatching(/^[0-9]{8}$/), fc.integer({ min: 2000, max: 2026 }).map((year) => `${year}000123`));
    const records = fc
      .record({
        province,
        // A label may itself make a public suffix (nx.cn, com.cn): only registrable domains are filed.
        domains: fc.uniqueArray(
          fc
            .tuple(label, suffix)
            .map(([name, tld]) => `${name}.${tld}`)
            .filter((domain) => registeredDomainOf(domain) !== undefined),
          { minLength: 1, maxLength: 6 },
        ),
        serial,
        romanised: fc.boolean(),
        pending: fc.boolean(),
        language: fc.constantFrom("en", "zh"),
        sector: fc.constantFrom("news", "publishing", "education", "medical", "finance", "games", "none"),
        app: fc.boolean(),
      })
      .map(({ province: p, domains, serial: digits, romanised, pending, language, sector, app }) => {
        const abbreviation = p.abbreviations[0]!;
        const number = (siteIndex: number, suffix?: "A" | "X") =>
          formatFilingNumber({ series: "icp-filing", abbreviation: abbreviation.character, pinyin: abbreviation.pinyin, serial: digits, siteIndex, ...(suffix ? { suffix } : {}) }, romanised);
        return RecordsFileSchema.parse({
          entity: { name: "示例", province: p.code, type: "company", commercial: true },
          filings: domains.map((domain, i) => ({
            domain: i === 0 ? `www.${domain}` : domain,
            number: number(i + 1),
            status: pending && i === 0 ? "pending" : "approved",
            sector,
            liveSince: "2024-05-01",
            psb: formatFilingNumber({ series: "public-security", abbreviation: abbreviation.character, pinyin: abbreviation.pinyin, serial: "12345678901234" }, romanised),
          })),
          apps: app ? [{ name: "a", kind: "mini-program", platform: "wechat", appId: "wx1", number: number(90, "X"), backends: [`api.${domains[0]}`] }] : [],
          licences: [{ number: formatFilingNumber({ series: "b2-licence", abbreviation: abbreviation.character, pinyin: abbreviation.pinyin, serial: "20210315" }, romanised) }],
          waivers: [{ domain: `legacy.${domains[0]}`, reason: "moving", expires: "2027-01-31" }],
          language,
        });
      });
    fc.assert(
      fc.property(records, (input) => {
        expect(refusals(input)).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });
});

describe("icpguard config", () => {
  let scratch: string;
  beforeAll(() => {
    scratch = mkdtempSync(path.join(tmpdir(), "icpguard-config-"));
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it("prints the whole config file for the records, and nothing else", () => {
    const run = config(EXAMPLE);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    // Written a policy at a time, yet exactly what JSON.stringify would write at once.
    expect(run.stdout).toBe(`${JSON.stringify(policyPackConfig(readRecords(EXAMPLE)), null, 2)}\n`);
    expect(Object.keys(JSON.parse(run.stdout))).toEqual(policyNames);
  });

  it("writes JSON chunks that join to JSON.stringify's text, for any config", () => {
    const json = fc.jsonValue();
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.dictionary(fc.string(), json)), (value) => {
        expect([...configJsonChunks(value)].join("")).toBe(`${JSON.stringify(value, null, 2)}\n`);
      }),
    );
  });

  it("sets levels with --all and --level, and the language with --language", () => {
    const run = config(EXAMPLE, "--all", "advisory", "--level", `${FILING_REQUIRED}=mandatory`, "--level", "icp-app-filing=disabled", "--language", "en");
    expect(run.code).toBe(0);
    const written = JSON.parse(run.stdout) as Record<string, { enforcementLevel: string; language: string }>;
    for (const name of policyNames) {
      const expected = name === FILING_REQUIRED ? "mandatory" : name === "icp-app-filing" ? "disabled" : "advisory";
      expect(written[name]!.enforcementLevel, name).toBe(expected);
      expect(written[name]!.language, name).toBe("en");
    }
  });

  it("refuses unknown policies, levels and malformed --level values (exit 2)", () => {
    const cases: [string[], RegExp][] = [
      [["--level", "icp-nope=advisory"], /"icp-nope" is not a policy of the pack; policies: icp-filing-required, /],
      [["--level", `${FILING_REQUIRED}=warn`], /"warn" is not a level; levels: advisory, mandatory, disabled/],
      [["--level", FILING_REQUIRED], /expected <policy>=<level>/],
      [["--all", "remediate"], /Allowed choices are advisory, mandatory, disabled/],
      [["--language", "fr"], /Allowed choices are en, zh/],
    ];
    for (const [args, message] of cases) {
      const run = config(EXAMPLE, ...args);
      expect(run.code, args.join(" ")).toBe(2);
      expect(run.stdout).toBe("");
      expect(run.stderr).toMatch(message);
    }
  });

  it("writes --output in one step and leaves no temporary file behind", () => {
    const output = path.join(scratch, "icp.json");
    const run = config(EXAMPLE, "--output", output);
    expect(run).toEqual({ code: 0, stdout: "", stderr: "" });
    expect(readFileSync(output, "utf8")).toBe(config(EXAMPLE).stdout);
    expect(readdirSync(scratch)).toEqual(["icp.json"]);
  });

  it("writes nothing when the records have problems (exit 1), and says why on stderr", () => {
    const output = path.join(scratch, "kept.json");
    writeFileSync(output, "{}\n");
    const run = config("cross-checks.yaml", "--output", output);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("cross-checks.yaml:11:13: problem: filings[1].domain: example.com is already filed in filings[0]");
    expect(run.stderr.trimEnd().split("\n").at(-1)).toBe("icpguard config: no config written; fix the problems above (icpguard validate cross-checks.yaml)");
    expect(readFileSync(output, "utf8")).toBe("{}\n");
    const schema = config("schema-problems.yaml");
    expect(schema.code).toBe(1);
    expect(schema.stdout).toBe("");
  });

  it("writes the config with warnings shown on stderr (exit 0)", () => {
    const run = config("warnings-only.yaml");
    expect(run.code).toBe(0);
    expect(run.stderr).toContain("warnings-only.yaml:12:14: warning: waivers[0].expires: expires in 8 days");
    expect(JSON.parse(run.stdout)[FILING_REQUIRED].waivers).toHaveLength(1);
  });

  it("exits 2 on unreadable records, writing nothing", () => {
    for (const file of ["duplicate-keys.yaml", "no-such-file.yaml", "."]) {
      const run = config(file);
      expect(run.code, file).toBe(2);
      expect(run.stdout).toBe("");
      expect(run.stderr).toMatch(/error: /);
    }
  });
});

describe("icpguard config through the engine protocol", () => {
  let session: PackSession;
  let info: AnalyzerInfo;
  let written: string;
  const provider = defaultProvider("alicloud", "3.108.0", { region: "cn-hangzhou" });
  const cdn = (name: string, domainName: string): EngineResource => ({
    type: "alicloud:cdn/domainNew:DomainNew",
    name,
    properties: { cdnType: "web", domainName, scope: "domestic", sources: [{ content: "origin.example.com", type: "domain" }] },
    provider,
  });
  const blocking = (diagnostics: Diagnostic[]) =>
    diagnostics.filter((d) => d.policyName === FILING_REQUIRED).map((d) => ({ level: d.enforcementLevel, message: d.message }));

  beforeAll(async () => {
    const run = config(EXAMPLE, "--language", "en");
    expect(run.code).toBe(0);
    written = run.stdout;
    session = await launchPack(REPO, { dryRun: true });
    await session.handshake();
    await session.configureStack();
    info = await session.getAnalyzerInfo();
    const { config: reconciled, errors } = reconcilePolicyConfig(info, written);
    expect(errors).toEqual([]);
    await session.configure(reconciled);
  });
  afterAll(() => session?.close());

  it("covers every policy the pack declares, and the engine finds nothing to reject", () => {
    expect(Object.keys(JSON.parse(written)).sort()).toEqual(info.policies.map((policy) => policy.name).sort());
    const all = reconcilePolicyConfig(info, config(EXAMPLE, "--all", "advisory").stdout);
    expect(all.errors).toEqual([]);
    for (const entry of Object.values(all.config)) expect(entry.enforcementLevel).toBe("advisory");
  });

  it("lets through a resource the records' filing covers", async () => {
    expect(blocking(await session.analyze(cdn("shop", "shop.example.com")))).toEqual([]);
    expect(blocking(await session.analyze(cdn("idn", "www.xn--fsqu00a.xn--fiqs8s")))).toEqual([]);
    expect(blocking(await session.analyze(cdn("waived", "www.legacy.example.org")))).toEqual([]);
  });

  it("blocks a resource the records do not cover, and one whose filing is still pending", async () => {
    const unfiled = blocking(await session.analyze(cdn("unfiled", "www.unfiled-example.org")));
    expect(unfiled).toEqual([{ level: "mandatory", message: expect.stringContaining("www.unfiled-example.org") }]);
    const pending = blocking(await session.analyze(cdn("pending", "learn.example.net")));
    expect(pending).toEqual([{ level: "mandatory", message: expect.stringContaining("pending") }]);
  });
});
