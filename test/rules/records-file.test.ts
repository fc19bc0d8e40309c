// The records file: its schema, YAML reading with positions, the cross-checks, and the JSON
// Schema for editors generated from it.

import { readFileSync } from "node:fs";
import * as path from "node:path";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { RECORDS_SCHEMA_FILE, renderRecordsJsonSchema } from "../../cli/generate-schemas";
import { formatFilingNumber } from "../../rules/filing-number";
import { PROVINCE_CODES, provinceByCode } from "../../rules/provinces";
import { checkRecords, validateRecordsText, WAIVER_WARNING_DAYS } from "../../rules/records-checks";
import { readRecordsYaml, RecordsFileSchema, type RecordsFile } from "../../rules/records-file";

const REPO = path.resolve(__dirname, "../..");
const FIXTURES = path.join(REPO, "test/fixtures/records");
const EXAMPLE = path.join(REPO, "examples/records/icp-records.yaml");
const TODAY = "2026-11-23";

const fixture = (name: string) => readFileSync(path.join(FIXTURES, name), "utf8");

const BASE = {
  entity: { name: "杭州示例网络科技有限公司", province: "CN-ZJ", type: "company" },
  filings: [{ domain: "example.com", number: "浙ICP备2021003158号-1" }],
};

function records(overrides: Record<string, unknown> = {}): RecordsFile {
  return RecordsFileSchema.parse({ ...BASE, ...overrides });
}

/** code and path of each cross-check issue. */
function checks(input: RecordsFile, today = TODAY) {
  return checkRecords(input, { today }).map((issue) => `${issue.severity} ${issue.code} ${issue.path.join(".")}`);
}

function schemaProblems(input: unknown): string[] {
  const text = typeof input === "string" ? input : stringify(input);
  const reading = readRecordsYaml(text);
  if (reading.status !== "parsed") throw new Error(`not YAML: ${JSON.stringify(reading.errors)}`);
  return reading.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
}

describe("records schema", () => {
  it("reads the example with defaults filled in and the province as its ISO code", () => {
    const reading = readRecordsYaml(readFileSync(EXAMPLE, "utf8"));
    expect(reading.status === "parsed" && reading.issues).toEqual([]);
    const parsed = reading.status === "parsed" ? reading.records! : undefined;
    expect(parsed?.entity).toMatchObject({ province: "CN-ZJ", type: "company", commercial: true, foreignInvested: false });
    expect(parsed?.filings).toHaveLength(4);
    expect(parsed?.filings[1]).toMatchObject({ domain: "example.cn", status: "approved" });
    expect(parsed?.apps.map((app) => app.kind)).toEqual(["app", "mini-program"]);
    expect(parsed?.language).toBe("zh");
  });

  it("fills in what a minimal file leaves out", () => {
    const parsed = records();
    expect(parsed).toMatchObject({ version: 1, apps: [], licences: [], waivers: [], language: "en" });
    expect(parsed.entity).toMatchObject({ commercial: false, foreignInvested: false });
    expect(parsed.filings[0]!.status).toBe("approved");
  });

  it("takes the province as an ISO 3166-2:CN code or any abbreviation, including the alternatives", () => {
    for (const code of PROVINCE_CODES) {
      for (const written of [code, ...provinceByCode(code)!.abbreviations.map((a) => a.character)]) {
        expect(records({ entity: { ...BASE.entity, province: written } }).entity.province).toBe(code);
      }
    }
  });

  it("says what to write for a province written another way", () => {
    const problem = (province: unknown) => schemaProblems({ ...BASE, entity: { ...BASE.entity, province } });
    expect(problem("CN-HK")).toEqual(["entity.province: Hong Kong has no ICP filings: only sites served from mainland China need one"]);
    expect(problem("台")[0]).toContain("Taiwan has no ICP filings");
    expect(problem("cn-gd")).toEqual(["entity.province: write the code in upper case: CN-GD"]);
    expect(problem("Guangdong")).toEqual(["entity.province: write CN-GD or 粤 for Guangdong, not its name"]);
    expect(problem("广东")).toEqual(["entity.province: write CN-GD or 粤 for Guangdong, not its name"]);
    expect(problem("Atlantis")[0]).toMatch(/"Atlantis" is not a mainland province: expected an ISO 3166-2:CN code/);
    expect(problem(44)[0]).toMatch(/expected an ISO 3166-2:CN code such as CN-GD/);
  });

  it("reuses the pack's filing record, so the same number and domain errors appear", () => {
    const problems = schemaProblems({
      ...BASE,
      filings: [
        { domain: "example.com", number: "浙ICP备202100315号-1" },
        { domain: "com.cn", number: "浙ICP备2021003158号-2" },
        { domain: "203.0.113.7", number: "浙ICP备2021003158号-3" },
        { domain: "shop.oss-cn-hangzhou.aliyuncs.com", number: "浙ICP备2021003158号-4" },
        { domain: "example.net", number: "浙ICP备2021003158号-5A" },
        { domain: "example.org", number: "浙ICP备2021003158号-6", sector: "gambling", liveSince: "2026-02-30" },
      ],
    });
    expect(problems).toEqual([
      "filings.0.number: serial has 9 digits; expected 8 (older) or 10 (newer)",
      'filings.1.domain: "com.cn" is not a registrable domain (a public suffix, or no ICANN suffix)',
      'filings.2.domain: "203.0.113.7" is an IP address; filings are for domains',
      'filings.3.domain: "shop.oss-cn-hangzhou.aliyuncs.com" is the cloud\'s own domain, not yours to file',
      expect.stringMatching(/^filings\.4\.number: "浙ICP备2021003158号-5A" is an app number/),
      'filings.5.liveSince: expected a date as YYYY-MM-DD, found the text "2026-02-30"',
      'filings.5.sector: expected one of news, publishing, education, medical, finance, games, none; found the text "gambling"',
    ]);
  });

  it("checks app, licence and waiver fields", () => {
    const problems = schemaProblems({
      ...BASE,
      apps: [
        { name: "a", kind: "app", platform: "android", number: "浙ICP证210315号", packageName: "shop" },
        { name: "b", kind: "mini-program", platform: "wechat", appId: "wx1", signingKeySha256: "AB:CD" },
        { name: "c", kind: "app", platform: "ios" },
      ],
      licences: [{ number: "浙ICP备2021003158号-1" }, { number: "浙ICP证210315号", expires: "soon" }],
      waivers: [{ domain: "a.example.com", resource: "cdn", reason: "both", expires: "2027-01-01" }],
    });
    expect(problems).toEqual([
      expect.stringMatching(/^apps\.0\.packageName: expected a package name or bundle identifier/),
      expect.stringMatching(/^apps\.0\.number: "浙ICP证210315号" is a commercial ICP licence number; expected one like .*-4A \(app\)/),
      expect.stringMatching(/^apps\.1\.signingKeySha256: expected a SHA-256 fingerprint/),
      "apps.2.packageName: give packageName (apps, quick apps) or appId (mini-programs): the filing identifies it by one of them",
      expect.stringMatching(/^licences\.0\.number: "浙ICP备2021003158号-1" is a website filing number; expected one like 浙ICP证210315号/),
      'licences.1.expires: expected a date as YYYY-MM-DD, found the text "soon"',
      "waivers.0: give exactly one of domain or resource",
    ]);
  });

  it("accepts signing keys bare or in colon pairs, in either case", () => {
    const hex = "3b7a9c1255e04f816d2ab9c4071ef368a5903cd7428b1fe65d09c8732eb461af";
    const pairs = hex.toUpperCase().match(/../g)!.join(":");
    for (const key of [hex, hex.toUpperCase(), pairs]) {
      const app = { name: "a", kind: "app", platform: "android", packageName: "com.example.a", signingKeySha256: key };
      expect(schemaProblems({ ...BASE, apps: [app] })).toEqual([]);
    }
  });

  it("names unknown fields, missing ones and wrong types the way YAML users write them", () => {
    expect(schemaProblems("entity:\n  name: x\n  province: CN-BJ\n  type: company\n  commercial: yes\ncolour: red\n")).toEqual([
      'entity.commercial: expected true or false, found the text "yes" (write true or false, without quotes)',
      'colour: unknown field "colour"',
    ]);
    expect(schemaProblems("entity:\n  name: x\n  province: CN-BJ\n  type: company\nfilings:\n  - domain: example.com\n    number: 12345678\n")).toEqual([
      "filings.0.number: expected text, found the number 12345678 (put it in quotes to keep it as text)",
    ]);
    expect(schemaProblems("filings: []\n")).toEqual(["entity: required, but missing"]);
    expect(schemaProblems("- a\n- b\n")).toEqual([": expected a mapping, found a list"]);
    expect(schemaProblems("version: 2\nentity: {name: x, province: CN-BJ, type: company}\n")).toEqual([
      "version: this icpguard reads records files of version 1",
    ]);
  });

  it("calls an empty file, or one with only comments, empty", () => {
    for (const text of ["", "\n\n", "# only a comment\n", "---\n"]) {
      const reading = readRecordsYaml(text);
      expect(reading.status === "parsed" && reading.issues.map((issue) => issue.code)).toEqual(["empty"]);
    }
  });
});

describe("reading YAML", () => {
  it("places each problem at its line and column", () => {
    const text = fixture("schema-problems.yaml");
    const validation = validateRecordsText(text, { today: TODAY });
    expect(validation.status).toBe("checked");
    const issues = validation.status === "checked" ? validation.issues : [];
    const at = (pathText: string) => issues.find((issue) => issue.path.join(".") === pathText)?.position;
    // Values are pointed at; a missing field at its parent; an unknown field at its value.
    expect(at("filings.3.number")).toEqual({ line: 15, column: 13 });
    expect(at("filings.5.domain")).toEqual({ line: 19, column: 5 });
    expect(at("filings.4.colour")).toEqual({ line: 18, column: 13 });
    expect(at("entity.province")).toEqual({ line: 4, column: 13 });
    // In file order.
    const lines = issues.map((issue) => issue.position!.line);
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
  });

  it("rejects duplicate keys, at the repeated key", () => {
    const reading = readRecordsYaml(fixture("duplicate-keys.yaml"));
    expect(reading).toEqual({
      status: "unreadable",
      errors: [{ message: 'duplicate key "domain": each key may appear once in a mapping', position: { line: 8, column: 5 } }],
    });
  });

  it("rejects several documents, syntax errors and alias bombs without throwing", () => {
    const several = readRecordsYaml("entity: {name: a}\n---\nentity: {name: b}\n");
    expect(several.status === "unreadable" && several.errors[0]!.message).toMatch(/several YAML documents/);
    const broken = readRecordsYaml("entity:\n  name: [unclosed\n");
    expect(broken.status).toBe("unreadable");
    expect(broken.status === "unreadable" && broken.errors[0]!.position?.line).toBeGreaterThan(0);
    const laughs = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i <= 8; i++) laughs.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${String.fromCharCode(96 + i)}`).join(", ")}]`);
    const bomb = readRecordsYaml(laughs.join("\n"));
    expect(bomb.status === "unreadable" && bomb.errors[0]!.message).toMatch(/alias/i);
  });

  it("never throws, whatever the text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 300 }), (text) => {
        const validation = validateRecordsText(text, { today: TODAY });
        expect(["unreadable", "checked"]).toContain(validation.status);
      }),
      { numRuns: 300 },
    );
  });

  it("never throws on the example with a line dropped or repeated", () => {
    const lines = readFileSync(EXAMPLE, "utf8").split("\n");
    fc.assert(
      fc.property(fc.nat(lines.length - 1), fc.boolean(), (index, repeat) => {
        const changed = repeat ? [...lines.slice(0, index + 1), ...lines.slice(index)] : [...lines.slice(0, index), ...lines.slice(index + 1)];
        const validation = validateRecordsText(changed.join("\n"), { today: TODAY });
        expect(["unreadable", "checked"]).toContain(validation.status);
      }),
    );
  });
});

describe("cross-checks", () => {
  it("accepts the example and the minimal file as they are", () => {
    for (const text of [readFileSync(EXAMPLE, "utf8"), fixture("minimal.yaml"), fixture("romanised.yaml")]) {
      const validation = validateRecordsText(text, { today: TODAY });
      expect(validation.status === "checked" && validation.issues).toEqual([]);
    }
  });

  it("fires every check of the cross-checks fixture once", () => {
    const validation = validateRecordsText(fixture("cross-checks.yaml"), { today: TODAY });
    const found = validation.status === "checked" ? validation.issues.map((issue) => `${issue.severity} ${issue.code} ${issue.path.join(".")}`) : [];
    expect(found).toEqual([
      "warning psb-overdue filings.0.liveSince",
      "problem duplicate-domain filings.1.domain",
      "problem province-mismatch filings.2.number",
      "warning serial-mismatch filings.2.number",
      "warning live-while-pending filings.3.liveSince",
      "warning pre-approval-missing filings.4.sector",
      "problem psb-number filings.5.psb",
      "warning licence-missing filings.5.commercial",
      "problem app-suffix apps.0.number",
      "warning unfiled-backend apps.0.backends.0",
      "problem mini-program-suffix apps.1.number",
      "problem duplicate-app apps.2.name",
      "warning app-unfiled apps.3",
      "warning waiver-expiring waivers.0.expires",
      "problem waiver-expired waivers.1.expires",
      "warning waiver-redundant waivers.2.domain",
    ]);
  });

  it("finds the same registered domain however it is written", () => {
    const filings = [
      { domain: "例子.中国", number: "浙ICP备2021003158号-1" },
      { domain: "https://WWW.xn--fsqu00a.xn--fiqs8s./path", number: "浙ICP备2021003158号-2" },
      { domain: "*.shop.example.com.cn", number: "浙ICP备2021003158号-3" },
      { domain: "example.com.cn", number: "浙ICP备2021003158号-4" },
      { domain: "example.bj.cn", number: "浙ICP备2021003158号-5" },
    ];
    expect(checks(records({ filings }))).toEqual(["problem duplicate-domain filings.1.domain", "problem duplicate-domain filings.3.domain"]);
    const [first] = checkRecords(records({ filings }), { today: TODAY });
    expect(first!.message).toBe(
      "xn--fsqu00a.xn--fiqs8s is already filed in filings[0] (https://WWW.xn--fsqu00a.xn--fiqs8s./path is under xn--fsqu00a.xn--fiqs8s): " +
        "a registered domain has one filing, which covers all its subdomains",
    );
  });

  it("matches a number's province with the entity's, alternatives and romanised forms included", () => {
    const sichuan = { entity: { ...BASE.entity, province: "川" } };
    const sichuanFilings = [
      { domain: "a.com", number: "川ICP备2021003158号-1" },
      { domain: "b.com", number: "蜀ICP备2021003158号-2" },
      { domain: "c.com", number: "Shu ICP Bei 2021003158 Hao-3" },
    ];
    expect(checks(records({ ...sichuan, filings: sichuanFilings }))).toEqual([]);
    // Jin is Tianjin or Shanxi: either entity accepts it, another does not.
    const jin = [{ domain: "a.com", number: "Jin ICP Bei 12345678 Hao-1" }];
    expect(checks(records({ entity: { ...BASE.entity, province: "CN-TJ" }, filings: jin }))).toEqual([]);
    expect(checks(records({ entity: { ...BASE.entity, province: "CN-SX" }, filings: jin }))).toEqual([]);
    const elsewhere = checkRecords(records({ filings: jin }), { today: TODAY });
    expect(elsewhere.map((issue) => issue.message)).toEqual([
      "Jin ICP Bei 12345678 Hao-1 was issued in Tianjin (CN-TJ) or Shanxi (CN-SX), but the entity is in Zhejiang (CN-ZJ): an entity's numbers all come from the province where it files",
    ]);
  });

  it("checks the province of every number: apps, licences, psb and a filing's licence", () => {
    const input = records({
      filings: [{ domain: "example.com", number: "浙ICP备2021003158号-1", psb: "粤公网安备44030502008569号", licence: "京ICP证150476号" }],
      apps: [{ name: "a", kind: "app", platform: "ios", packageName: "com.example.a", number: "苏ICP备2021003158号-2A" }],
      licences: [{ number: "粤B2-20090059" }],
    });
    expect(checks(input).filter((line) => line.includes("province-mismatch"))).toEqual([
      "problem province-mismatch filings.0.psb",
      "problem province-mismatch filings.0.licence",
      "problem province-mismatch apps.0.number",
      "problem province-mismatch licences.0.number",
    ]);
  });

  it("wants A on an app's number and X on a mini-program's, and takes any site number for a quick app", () => {
    const apps = [
      ["app", "浙ICP备2021003158号-2A"],
      ["app", "浙ICP备2021003158号-3X"],
      ["mini-program", "浙ICP备2021003158号-4X"],
      ["mini-program", "浙ICP备2021003158号-5"],
      ["quick-app", "浙ICP备2021003158号-6"],
      ["quick-app", "浙ICP备2021003158号-7A"],
      ["mini-program", "浙B2-20210315-1626X"],
    ].map(([kind, number], i) => ({ name: `app ${i}`, kind, platform: "android", packageName: `com.example.app${i}`, number }));
    const input = records({ apps, licences: [{ number: "浙B2-20210315" }] });
    expect(checks(input)).toEqual(["problem app-suffix apps.1.number", "problem mini-program-suffix apps.3.number"]);
    expect(checkRecords(input, { today: TODAY })[0]!.message).toBe(
      "浙ICP备2021003158号-3X has no A at the end; an app's filing number does, e.g. 浙ICP备2021003158号-3A",
    );
  });

  it("knows an individual cannot hold a licence or run commercial sites", () => {
    const individual = { entity: { ...BASE.entity, type: "individual", commercial: true } };
    expect(
      checks(records({ ...individual, filings: [{ ...BASE.filings[0], commercial: true }], licences: [{ number: "浙ICP证210315号" }] })),
    ).toEqual(["problem individual-licence licences.0.number", "problem individual-commercial entity.commercial", "problem individual-commercial filings.0.commercial"]);
  });

  it("warns once about commercial sites without a licence, and not when a licence is listed", () => {
    const commercial = { entity: { ...BASE.entity, commercial: true } };
    expect(checks(records(commercial))).toEqual(["warning licence-missing entity.commercial"]);
    expect(checks(records({ ...commercial, licences: [{ number: "浙ICP证210315号" }] }))).toEqual([]);
    const sites = [1, 2, 3].map((i) => ({ domain: `s${i}.com`, number: `浙ICP备2021003158号-${i}`, commercial: true }));
    const [warning] = checkRecords(records({ filings: sites }), { today: TODAY });
    expect(warning).toMatchObject({ code: "licence-missing", path: ["filings", 0, "commercial"] });
    expect(warning!.message).toMatch(/^3 commercial sites but no licence is listed/);
  });

  it("counts waiver days to the end: a problem after it, a warning in the last 30 days", () => {
    const waiver = (expires: string) => records({ waivers: [{ domain: "legacy.example.net", reason: "moving", expires }] });
    expect(checks(waiver("2026-11-22"))).toEqual(["problem waiver-expired waivers.0.expires"]);
    expect(checks(waiver("2026-11-23"))).toEqual(["warning waiver-expiring waivers.0.expires"]);
    expect(checkRecords(waiver("2026-11-23"), { today: TODAY })[0]!.message).toMatch(/^expires today/);
    expect(checkRecords(waiver("2026-11-24"), { today: TODAY })[0]!.message).toMatch(/^expires tomorrow/);
    expect(WAIVER_WARNING_DAYS).toBe(30);
    expect(checks(waiver("2026-12-23"))).toEqual(["warning waiver-expiring waivers.0.expires"]);
    expect(checks(waiver("2026-12-24"))).toEqual([]);
    // Across a leap day and a year end.
    expect(checks(waiver("2028-03-01"), "2028-01-31")).toEqual(["warning waiver-expiring waivers.0.expires"]);
    expect(checks(waiver("2028-03-02"), "2028-01-31")).toEqual([]);
    expect(checks(waiver("2027-01-23"), "2026-12-24")).toEqual(["warning waiver-expiring waivers.0.expires"]);
    expect(checks(waiver("2027-01-24"), "2026-12-24")).toEqual([]);
  });

  it("warns 90 days before a licence expires and objects after", () => {
    const licence = (expires: string) => records({ licences: [{ number: "浙ICP证210315号", expires }] });
    expect(checks(licence("2026-11-22"))).toEqual(["problem licence-expired licences.0.expires"]);
    expect(checks(licence("2027-02-21"))).toEqual(["warning licence-expiring licences.0.expires"]);
    expect(checks(licence("2027-02-22"))).toEqual([]);
  });

  it("checks public-security filings against go-live dates", () => {
    const live = (liveSince: string, extra: Record<string, unknown> = {}) =>
      records({ filings: [{ ...BASE.filings[0], liveSince, ...extra }] });
    expect(checks(live("2026-10-24"))).toEqual([]);
    expect(checks(live("2026-10-23"))).toEqual(["warning psb-overdue filings.0.liveSince"]);
    expect(checks(live("2026-01-01", { psb: "浙公网安备33010602011771号" }))).toEqual([]);
    expect(checks(live("2027-01-01", { status: "pending" }))).toEqual([]);
    expect(checks(live("2026-11-23", { status: "pending" }))).toEqual(["warning live-while-pending filings.0.liveSince"]);
    expect(checks(live("2026-01-01", { psb: "not a number" }))).toEqual(["problem psb-number filings.0.psb"]);
  });

  it("asks for pre-approval in regulated sectors only", () => {
    const sector = (value: string, preApproval?: string) => records({ filings: [{ ...BASE.filings[0], sector: value, ...(preApproval ? { preApproval } : {}) }] });
    for (const value of ["news", "publishing", "education", "medical", "finance", "games"]) {
      expect(checks(sector(value))).toEqual(["warning pre-approval-missing filings.0.sector"]);
      expect(checks(sector(value, "ref-1"))).toEqual([]);
    }
    expect(checks(sector("none"))).toEqual([]);
  });

  it("checks app backends against approved website filings", () => {
    const input = records({
      filings: [BASE.filings[0], { domain: "pending.cn", number: "浙ICP备2021003158号-2", status: "pending" }],
      apps: [
        {
          name: "a",
          kind: "app",
          platform: "android",
          packageName: "com.example.a",
          number: "浙ICP备2021003158号-3A",
          backends: ["api.example.com", "api.pending.cn", "gw.aliyuncs.com", "203.0.113.7"],
        },
      ],
    });
    expect(checks(input)).toEqual(["warning unfiled-backend apps.0.backends.1"]);
  });

  it("are pure functions of the records and the day, whatever the order of filings", () => {
    const filings = [1, 2, 3, 4, 5, 6].map((i) => ({ domain: `site${i % 4}.com`, number: `浙ICP备2021003158号-${i}` }));
    fc.assert(
      fc.property(fc.shuffledSubarray(filings, { minLength: 1 }), (subset) => {
        const found = checks(records({ filings: subset }));
        const duplicates = subset.length - new Set(subset.map((filing) => filing.domain)).size;
        expect(found.filter((line) => line.includes("duplicate-domain"))).toHaveLength(duplicates);
        expect(checks(records({ filings: subset }))).toEqual(found);
      }),
    );
  });
});

describe("records file JSON Schema", () => {
  const schemaPath = path.join(REPO, RECORDS_SCHEMA_FILE);

  it("is what npm run schemas writes (regenerate it after changing the zod schema)", () => {
    expect(readFileSync(schemaPath, "utf8")).toBe(renderRecordsJsonSchema());
  });

  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, "utf8")));
  const { parse } = require("yaml") as typeof import("yaml");

  it("accepts the example and the fixtures that the zod schema accepts", () => {
    for (const text of [readFileSync(EXAMPLE, "utf8"), fixture("minimal.yaml"), fixture("cross-checks.yaml"), fixture("warnings-only.yaml")]) {
      expect(validate(parse(text)) ? [] : validate.errors).toEqual([]);
    }
  });

  it("flags in the editor what validate calls a schema problem", () => {
    expect(validate(parse(fixture("schema-problems.yaml")))).toBe(false);
    const paths = new Set((validate.errors ?? []).map((error) => error.instancePath));
    for (const where of ["/entity/province", "/entity/commercial", "/filings/3/number", "/filings/4/number", "/filings/4", "/apps/0/kind", "/waivers/0/expires"]) {
      expect(paths, where).toContain(where);
    }
  });

  it("does not go stale at new year: numbers of any serial year to 2099 match", () => {
    for (const year of [2000, new Date().getUTCFullYear() + 5, 2099]) {
      const records = { ...BASE, filings: [{ domain: "example.com", number: `浙ICP备${year}003158号-1` }] };
      expect(validate(records), String(year)).toBe(true);
    }
  });

  it("agrees with the zod schema on generated website filings", () => {
    const abbreviations = PROVINCE_CODES.map((code) => provinceByCode(code)!.abbreviations[0]!.character);
    const number = fc
      .record({
        abbreviation: fc.constantFrom(...abbreviations),
        serial: fc.oneof(fc.stringMatching(/^[0-9]{8}$/), fc.integer({ min: 2000, max: 2026 }).chain((year) => fc.stringMatching(/^[0-9]{6}$/).map((rest) => `${year}${rest}`))),
        siteIndex: fc.option(fc.integer({ min: 1, max: 99999 }), { nil: undefined }),
      })
      .map((parts) => formatFilingNumber({ series: "icp-filing", ...parts }));
    fc.assert(
      fc.property(number, (value) => {
        const input = { ...BASE, filings: [{ domain: "example.com", number: value }] };
        expect(validate(input)).toBe(RecordsFileSchema.safeParse(input).success);
      }),
    );
  });
});
