// icpguard validate, run as users run it (the compiled CLI in a child process), and the safe
// input reading underneath it.

import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { Readable } from "node:stream";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeUtf8, MAX_INPUT_BYTES, readTextInput } from "../../cli/input";
import { MAX_MESSAGE_LENGTH, MAX_YAML_ERRORS } from "../../cli/commands/validate";

const REPO = path.resolve(__dirname, "../..");
const CLI = path.join(REPO, "dist/cli/main.js");
const FIXTURES = path.join(REPO, "test/fixtures/records");
const EXAMPLE = path.join(REPO, "examples/records/icp-records.yaml");
const TODAY = "2026-11-23";

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function icpguard(args: string[], options: { input?: string | Buffer; cwd?: string } = {}): Run {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? FIXTURES,
    input: options.input,
    encoding: "utf8",
    timeout: 120_000,
    maxBuffer: 256 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const validate = (file: string, ...args: string[]) => icpguard(["validate", file, "--today", TODAY, ...args]);

let scratch: string;
beforeAll(() => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build before these tests`);
  scratch = mkdtempSync(path.join(tmpdir(), "icpguard-validate-"));
});
afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

function scratchFile(name: string, content: string | Buffer): string {
  const file = path.join(scratch, name);
  writeFileSync(file, content);
  return file;
}

describe("icpguard validate: records", () => {
  it("passes the example, saying what it holds", () => {
    const run = validate(EXAMPLE);
    expect(run).toEqual({ code: 0, stdout: `${EXAMPLE}: no problems (4 filings, 2 apps, 1 licence, 1 waiver)\n`, stderr: "" });
  });

  it("prints every schema problem at its place, and exits 1", () => {
    const run = validate("schema-problems.yaml");
    expect(run.code).toBe(1);
    expect(run.stderr).toBe("");
    const lines = run.stdout.trimEnd().split("\n");
    expect(lines).toContain("schema-problems.yaml:15:13: problem: filings[3].number: serial has 9 digits; expected 8 (older) or 10 (newer)");
    expect(lines).toContain("schema-problems.yaml:19:5: problem: filings[5].domain: required, but missing");
    expect(lines).toContain('schema-problems.yaml:18:13: problem: filings[4].colour: unknown field "colour"');
    expect(lines.at(-1)).toBe("schema-problems.yaml: 14 problems; the cross-checks run once the file matches the schema");
    expect(lines).toHaveLength(15);
  });

  it("prints the cross-check problems and warnings in file order", () => {
    const run = validate("cross-checks.yaml");
    expect(run.code).toBe(1);
    const lines = run.stdout.trimEnd().split("\n");
    expect(lines[0]).toBe(
      "cross-checks.yaml:10:16: warning: filings[0].liveSince: live since 2026-01-10 with no public-security filing (psb): it was due within 30 days, by 2026-02-09",
    );
    expect(lines).toContain(
      "cross-checks.yaml:11:13: problem: filings[1].domain: example.com is already filed in filings[0] (www.example.com is under example.com): a registered domain has one filing, which covers all its subdomains",
    );
    expect(lines).toContain(
      "cross-checks.yaml:14:13: problem: filings[2].number: 京ICP备11018762号-1 was issued in Beijing (CN-BJ), but the entity is in Zhejiang (CN-ZJ): an entity's numbers all come from the province where it files",
    );
    expect(lines).toContain(
      "cross-checks.yaml:31:13: problem: apps[0].number: 浙ICP备2021003158号-7 has no A at the end; an app's filing number does, e.g. 浙ICP备2021003158号-7A",
    );
    expect(lines).toContain(
      "cross-checks.yaml:37:13: problem: apps[1].number: 浙ICP备2021003158号-8A has no X at the end; a mini-program's filing number does, e.g. 浙ICP备2021003158号-8X",
    );
    expect(lines).toContain("cross-checks.yaml:50:14: warning: waivers[0].expires: expires in 17 days (2026-12-10); after that the pack blocks again");
    expect(lines.at(-1)).toBe("cross-checks.yaml: 7 problems, 9 warnings (6 filings, 4 apps, 0 licences, 3 waivers)");
  });

  it("exits 0 with warnings only, and 1 once a waiver has expired (--today)", () => {
    const run = validate("warnings-only.yaml");
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      "warnings-only.yaml:12:14: warning: waivers[0].expires: expires in 8 days (2026-12-01); after that the pack blocks again\n" +
        "warnings-only.yaml: 0 problems, 1 warning (1 filing, 0 apps, 0 licences, 1 waiver)\n",
    );
    const later = icpguard(["validate", "warnings-only.yaml", "--today", "2026-12-02"]);
    expect(later.code).toBe(1);
    expect(later.stdout).toContain("waivers[0].expires: expired on 2026-12-01");
  });

  it("writes one JSON document for machines, with codes, paths and positions", () => {
    const run = validate("cross-checks.yaml", "--format", "json");
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({
      file: "cross-checks.yaml",
      status: "problems",
      today: TODAY,
      summary: { errors: 0, problems: 7, warnings: 9, filings: 6, apps: 4, licences: 0, waivers: 3 },
    });
    expect(report.issues[1]).toEqual({
      severity: "problem",
      code: "duplicate-domain",
      path: "filings[1].domain",
      line: 11,
      column: 13,
      message: expect.stringContaining("example.com is already filed in filings[0]"),
    });
    for (const issue of report.issues) expect(Object.keys(issue)).toEqual(["severity", "code", "path", "line", "column", "message"]);

    const clean = JSON.parse(validate(EXAMPLE, "--format", "json").stdout);
    expect(clean).toMatchObject({ status: "ok", summary: { errors: 0, problems: 0, warnings: 0, filings: 4 }, issues: [] });
  });

  it("reads standard input for -", () => {
    const run = icpguard(["validate", "-", "--today", TODAY], { input: readFileSync(path.join(FIXTURES, "minimal.yaml")) });
    expect(run).toEqual({ code: 0, stdout: "(stdin): no problems (1 filing, 0 apps, 0 licences, 0 waivers)\n", stderr: "" });
  });
});

describe("icpguard validate: bad input never crashes", () => {
  const noStack = (run: Run) => expect(run.stderr + run.stdout).not.toMatch(/\n\s+at |TypeError|RangeError/);

  it("an empty file is a problem (exit 1)", () => {
    const run = validate("empty.yaml");
    expect(run).toEqual({
      code: 1,
      stdout: "empty.yaml: problem: empty: a records file needs at least an entity (see examples/records/icp-records.yaml)\nempty.yaml: 1 problem\n",
      stderr: "",
    });
  });

  it("values of the wrong type are problems (exit 1)", () => {
    const run = validate("wrong-types.yaml");
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('wrong-types.yaml:2:9: problem: entity: expected a mapping, found the text "示例科技有限公司"');
    expect(run.stdout).toContain("wrong-types.yaml:3:1: problem: filings: expected a list, found a mapping");
    noStack(run);
  });

  it("duplicate keys make the file unreadable (exit 2), on stderr, or in JSON on stdout", () => {
    const run = validate("duplicate-keys.yaml");
    expect(run).toEqual({
      code: 2,
      stdout: "",
      stderr: 'duplicate-keys.yaml:8:5: error: duplicate key "domain": each key may appear once in a mapping\n',
    });
    const json = validate("duplicate-keys.yaml", "--format", "json");
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout)).toMatchObject({
      status: "unreadable",
      summary: { errors: 1, problems: 0, warnings: 0 },
      issues: [{ severity: "error", code: "yaml", line: 8, column: 5 }],
    });
  });

  it("a missing file, a directory, UTF-16 and GBK text are unreadable (exit 2)", () => {
    const gbk = scratchFile("gbk.yaml", Buffer.concat([Buffer.from("entity:\n  name: "), Buffer.from([0xd5, 0xe3, 0xbd, 0xad]), Buffer.from("\n")]));
    const utf16 = scratchFile("utf16.yaml", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("entity: {}\n", "utf16le")]));
    mkdirSync(path.join(scratch, "records.yaml"), { recursive: true });
    const cases: [string, string][] = [
      [path.join(scratch, "nothing-here.yaml"), "no such file"],
      [path.join(scratch, "records.yaml"), "is a directory; give the path of a file"],
      [utf16, "is UTF-16 text; save it as UTF-8"],
      [gbk, "is not UTF-8 text (byte 0xD5 at offset 16, line 2); save it as UTF-8 (Chinese text saved as GBK or GB18030 is the usual cause)"],
    ];
    for (const [file, message] of cases) {
      const run = validate(file);
      expect(run, file).toEqual({ code: 2, stdout: "", stderr: `${file}: error: ${message}\n` });
      expect(JSON.parse(validate(file, "--format", "json").stdout)).toMatchObject({ status: "unreadable", issues: [{ code: "input", message }] });
    }
  });

  it("a UTF-8 byte-order mark is fine", () => {
    const file = scratchFile("bom.yaml", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), readFileSync(path.join(FIXTURES, "minimal.yaml"))]));
    expect(validate(file).code).toBe(0);
  });

  it("a 10 MB value is reported in short (exit 1)", () => {
    const file = scratchFile("huge-value.yaml", `entity: {name: x, province: CN-BJ, type: company}\nfilings:\n  - domain: "${"a".repeat(10 * 1024 * 1024)}.com"\n    number: 京ICP备11018762号-1\n`);
    const run = validate(file);
    expect(run.code).toBe(1);
    const lines = run.stdout.trimEnd().split("\n");
    expect(lines.length).toBeLessThanOrEqual(3);
    for (const line of lines) expect(line.length).toBeLessThan(file.length + MAX_MESSAGE_LENGTH + 80);
    expect(lines[0]).toMatch(/:3:13: problem: filings\[0\]\.domain: /);
    noStack(run);
  });

  it("10 MB of brackets nested ever deeper is refused at the limit (exit 2)", () => {
    const file = scratchFile("huge-nested.yaml", `filings: [${"{a: [".repeat(2 * 1024 * 1024)}\n`);
    const run = validate(file);
    expect(run).toEqual({
      code: 2,
      stdout: "",
      stderr: `${file}:1:${"filings: [".length + 5 * 31 + 5}: error: nested more than 64 levels deep in [ ] and { }; a records file needs a few\n`,
    });
  });

  it("YAML with an error on every line gives the first errors and a count (exit 2)", () => {
    const file = scratchFile("broken.yaml", "key: nested: mapping\n".repeat(2000));
    const run = validate(file);
    expect(run.code).toBe(2);
    const lines = run.stderr.trimEnd().split("\n");
    expect(lines).toHaveLength(MAX_YAML_ERRORS + 1);
    expect(lines[0]).toBe(`${file}:1:6: error: YAML: Nested mappings are not allowed in compact mappings`);
    expect(lines.at(-1)).toMatch(/^… and \d+ more errors$/);
  });

  it("block nesting deeper than the parser can follow is an error, not a crash (exit 2)", () => {
    const file = scratchFile("deep-block.yaml", Array.from({ length: 3000 }, (_, depth) => `${" ".repeat(depth)}k${depth}:`).join("\n"));
    const run = validate(file);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/: error: nested too deeply to read; a records file needs a few levels\n$/);
  });

  it("a mapping with 50,000 unknown keys is reported in linear time (exit 1)", () => {
    const file = scratchFile("many-keys.yaml", Array.from({ length: 50_000 }, (_, i) => `key${i}: ${i}`).join("\n"));
    const run = validate(file);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`${file}:50000:11: problem: key49999: unknown field "key49999"`);
  });

  it("a file over the size limit is refused before it is read (exit 2)", () => {
    const file = scratchFile("too-large.yaml", Buffer.alloc(MAX_INPUT_BYTES + 1024 * 1024, 0x20));
    expect(validate(file)).toEqual({ code: 2, stdout: "", stderr: `${file}: error: is too large (21 MB, over the limit of 20 MB)\n` });
    const piped = icpguard(["validate", "-"], { input: Buffer.alloc(MAX_INPUT_BYTES + 1, 0x20) });
    expect(piped).toEqual({ code: 2, stdout: "", stderr: "(stdin): error: is too large (larger than the limit of 20 MB)\n" });
  });

  it("bad options are usage errors (exit 2)", () => {
    const badDay = icpguard(["validate", "minimal.yaml", "--today", "2026-02-30"]);
    expect(badDay.code).toBe(2);
    expect(badDay.stderr).toContain("expected a date as YYYY-MM-DD");
    expect(icpguard(["validate", "minimal.yaml", "--format", "xml"]).code).toBe(2);
    expect(icpguard(["validate"]).code).toBe(2);
  });
});

describe("readTextInput", () => {
  it("reads a file, and refuses one over the limit it is given", async () => {
    const file = scratchFile("small.yaml", "entity: 示例\n");
    expect(await readTextInput(file)).toEqual({ ok: true, text: "entity: 示例\n", name: file });
    expect(await readTextInput(file, { maxBytes: 8 })).toEqual({ ok: false, name: file, message: "is too large (15 bytes, over the limit of 8 bytes)" });
    expect(await readTextInput(file, { maxBytes: 15 })).toMatchObject({ ok: true });
  });

  it("reads standard input up to the limit, in chunks of any size", async () => {
    const text = "entity:\n  name: 示例科技\n";
    const bytes = Buffer.from(text);
    // Split inside a multi-byte character on purpose.
    const chunks = [bytes.subarray(0, 17), bytes.subarray(17)];
    expect(await readTextInput("-", { stdin: Readable.from(chunks) })).toEqual({ ok: true, text, name: "(stdin)" });
    expect(await readTextInput("-", { stdin: Readable.from(chunks), maxBytes: 10 })).toMatchObject({ ok: false, message: expect.stringMatching(/^is too large/) });
  });
});

describe("decodeUtf8", () => {
  const badSequences: number[][] = [[0x80], [0xbf], [0xc0, 0xaf], [0xc1, 0x81], [0xf5, 0x80, 0x80, 0x80], [0xff], [0xfe], [0xe0, 0x80, 0x80], [0xed, 0xa0, 0x80], [0xc3, 0x28], [0xe4, 0xb8, 0x41]];

  it("says where the first bad byte sequence starts, and on which line", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 40 }), fc.constantFrom(...badSequences), fc.string({ unit: "grapheme", maxLength: 40 }), (before, bad, after) => {
        const prefix = Buffer.from(before, "utf8");
        const decoded = decodeUtf8(Buffer.concat([prefix, Buffer.from(bad), Buffer.from(after, "utf8")]));
        expect(decoded.ok).toBe(false);
        const line = before.split("\n").length;
        const byte = bad[0]!.toString(16).toUpperCase().padStart(2, "0");
        expect(decoded.ok ? "" : decoded.message).toMatch(new RegExp(`^is not UTF-8 text \\(byte 0x${byte} at offset ${prefix.length}, line ${line}\\)`));
      }),
    );
  });

  it("finds a multi-byte character cut off at the end", () => {
    const bytes = Buffer.concat([Buffer.from("a\nb"), Buffer.from("中").subarray(0, 2)]);
    const decoded = decodeUtf8(bytes);
    expect(decoded.ok ? "" : decoded.message).toMatch(/^is not UTF-8 text \(byte 0xE4 at offset 3, line 2\)/);
  });

  it("decodes any valid text unchanged", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), (text) => {
        expect(decodeUtf8(Buffer.from(text, "utf8"))).toEqual({ ok: true, text });
      }),
    );
  });
});
