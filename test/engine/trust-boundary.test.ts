// The trust boundary, through the real pack process:
// - records and waivers come only from the policy-pack config, never from stack config
//   (PULUMI_CONFIG, ConfigureStack) or environment variables an app team controls;
// - the pack connects to nothing (it binds its loopback gRPC port), reads no files outside its
//   directory except what Node and the Pulumi runner need, and writes none.

import { spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { realpathSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Diagnostic, type EngineResource, type PackSession, defaultProvider, secret, startPackLikeEngine, unknown } from "../../harness";
import { CATALOGUE_CASES, FIXTURE_CONFIG } from "../fixtures/catalogue-cases";
import { engineResourceOf } from "./engine-helpers";

const REPO = realpathSync(path.resolve(__dirname, "../.."));
/** Node's own files: the directory of the running node binary. */
const NODE_HOME = path.dirname(realpathSync(process.execPath));
const SUPPORT = path.join(REPO, "test/support");
const POLICY = "icp-filing-required";
const NUMBER = "浙ICP备2021003158号-1";

const cdn = (name: string, domainName: unknown, extra: Record<string, unknown> = {}): EngineResource => ({
  type: "alicloud:cdn/domainNew:DomainNew",
  name,
  properties: { cdnType: "web", domainName, ...extra },
});

interface EnvEvent {
  kind: "given" | "read";
  stackConfigKeys?: string[];
  variables?: string[];
  name?: string;
  by?: string;
}
const envEvents = (stderr: string) => events<EnvEvent>(stderr, "icpguard-test-env ");

const mandatory = (diagnostics: Diagnostic[]) => diagnostics.filter((d) => d.policyName === POLICY && d.enforcementLevel === "mandatory");

describe("records and waivers never come from stack config or the environment", () => {
  const smuggledFilings = [
    { domain: "smuggled.cn", number: NUMBER },
    { domain: "shop.cn", number: NUMBER },
  ];
  const smuggledWaivers = [{ domain: "legacy.example.net", reason: "app team says so", expires: "2099-12-31" }];
  const smuggledConfig = { filings: smuggledFilings, waivers: smuggledWaivers };
  let session: PackSession;

  beforeAll(async () => {
    ({ session } = await startPackLikeEngine(REPO, {
      dryRun: false,
      // Only this record is real: it proves the pack does read records, from the right place.
      policyConfig: { [POLICY]: { filings: [{ domain: "control.cn", number: NUMBER }] } },
      stackConfig: {
        "icpguard:filings": smuggledFilings,
        "icpguard:waivers": smuggledWaivers,
        "icpguard:config": smuggledConfig,
        "icp-filing-required:filings": smuggledFilings,
        "icp-filing-required:waivers": smuggledWaivers,
        [`${POLICY}:config`]: smuggledConfig,
        "alicloud:region": "cn-hongkong",
      },
      env: {
        ICPGUARD_FILINGS: JSON.stringify(smuggledFilings),
        ICPGUARD_WAIVERS: JSON.stringify(smuggledWaivers),
        ICPGUARD_CONFIG: JSON.stringify(smuggledConfig),
        ICP_FILING_REQUIRED_FILINGS: JSON.stringify(smuggledFilings),
        ICP_FILING_REQUIRED_WAIVERS: JSON.stringify(smuggledWaivers),
        PULUMI_POLICY_PACK_CONFIG: JSON.stringify({ [POLICY]: smuggledConfig }),
        NODE_OPTIONS: `--require ${JSON.stringify(path.join(SUPPORT, "env-reporter.cjs"))}`,
      },
    }));
  });
  afterAll(() => session?.close());

  it("reaches the pack the way an app team would set it", () => {
    const given = envEvents(session.stderr).find((e) => e.kind === "given");
    expect(given?.stackConfigKeys).toEqual(expect.arrayContaining(["icpguard:filings", "icp-filing-required:waivers", "alicloud:region"]));
    expect(given?.variables).toEqual(expect.arrayContaining(["PULUMI_CONFIG", "ICPGUARD_FILINGS", "ICP_FILING_REQUIRED_WAIVERS"]));
  });

  it("blocks a domain filed only in stack config and environment variables", async () => {
    for (const domain of ["www.smuggled.cn", "img.shop.cn"]) {
      const diagnostics = await session.analyze(cdn(domain.split(".")[0], domain));
      expect(mandatory(diagnostics), domain).toHaveLength(1);
      expect(mandatory(diagnostics)[0].message).toContain("No approved ICP filing record");
    }
  });

  it("honours no waiver from stack config or environment variables", async () => {
    const diagnostics = await session.analyze(cdn("legacy", "www.legacy.example.net"));
    expect(mandatory(diagnostics)).toHaveLength(1);
    expect(mandatory(diagnostics)[0].message).not.toMatch(/waiver|豁免/i);
  });

  it("still reads the policy-pack config's own records", async () => {
    expect(mandatory(await session.analyze(cdn("control", "www.control.cn")))).toEqual([]);
  });

  it("never even reads those variables: only the Pulumi SDK it loads looks at PULUMI_CONFIG", async () => {
    await session.analyzeStack([cdn("stack", "www.smuggled.cn")]);
    const reads = envEvents(session.stderr).filter((e) => e.kind === "read");
    const byPack = reads.filter((e) => under(REPO, e.by ?? "") && !e.by!.includes(`${path.sep}node_modules${path.sep}`));
    expect(byPack).toEqual([]);
  });

  it("takes the region from the request's provider, not from the stack config in PULUMI_CONFIG", async () => {
    const bucket: EngineResource = {
      type: "alicloud:oss/bucketCname:BucketCname",
      name: "bucket",
      properties: { bucket: "b", domain: "img.smuggled.cn" },
      provider: defaultProvider("alicloud", "3.108.0", { region: "cn-shanghai" }),
    };
    expect(mandatory(await session.analyze(bucket))).toHaveLength(1);
  });
});

// ---------- No network, no stray files, no writes ----------

interface NetEvent {
  kind: "connect" | "dns" | "udp" | "process" | "listen";
  target?: string;
  host?: string;
  address?: string;
  allowed?: boolean;
}
interface FsEvent {
  op: string;
  path: string;
  write: boolean;
  by: string;
}

function events<T>(stderr: string, prefix: string): T[] {
  return stderr
    .split("\n")
    .filter((line) => line.startsWith(prefix))
    .map((line) => JSON.parse(line.slice(prefix.length)) as T);
}

const GUARDS = `--require ${JSON.stringify(path.join(SUPPORT, "network-guard.cjs"))} --require ${JSON.stringify(path.join(SUPPORT, "fs-recorder.cjs"))}`;

/** Files outside the pack that the Pulumi runner's own code opens, not the pack's. */
function runnerNeeds(event: FsEvent): boolean {
  // @pulumi/pulumi (run-policy-pack and the SDK @pulumi/policy loads) pulls in @npmcli/git, which reads the user's git config at import.
  if (!event.write && event.by.includes("/node_modules/@npmcli/git/") && /(^|\/)(\.gitconfig|gitconfig|config)$/.test(event.path)) return true;
  // run-policy-pack registers ts-node, which makes its (empty) cache directory under the temp dir.
  if (event.op === "mkdirSync" && event.by.includes("/ts-node") && event.path.startsWith(path.join(realpathSync(tmpdir()), "ts-node-"))) return true;
  return false;
}

function under(directory: string, file: string): boolean {
  return file === directory || file.startsWith(`${directory}${path.sep}`);
}

/** Verdicts on a spread of resources: every catalogue fixture, unknowns, secrets, a bad value. */
const RESOURCES: EngineResource[] = [
  ...CATALOGUE_CASES.map((testCase) => engineResourceOf(testCase.resource)),
  cdn("unknown-domain", unknown()),
  cdn("secret-domain", secret("hidden.shop.cn")),
  cdn("bad-scope", "www.shop.cn", { scope: "everywhere" }),
  cdn("dcdn-like", "a.shop.cn,b.shop.cn"),
];

async function verdicts(session: PackSession) {
  const out: { policy: string; level: string; urn: string; message: string }[][] = [];
  for (const resource of RESOURCES) {
    const diagnostics = await session.analyze(resource);
    out.push(diagnostics.map((d) => ({ policy: d.policyName, level: d.enforcementLevel, urn: d.urn, message: d.message })));
  }
  out.push((await session.analyzeStack(RESOURCES)).map((d) => ({ policy: d.policyName, level: d.enforcementLevel, urn: d.urn, message: d.message })));
  return out;
}

describe("no network, no files outside the pack, no writes", () => {
  let plain: PackSession;
  let guarded: PackSession;
  beforeAll(async () => {
    [{ session: plain }, { session: guarded }] = await Promise.all([
      startPackLikeEngine(REPO, { policyConfig: FIXTURE_CONFIG }),
      startPackLikeEngine(REPO, { policyConfig: FIXTURE_CONFIG, env: { NODE_OPTIONS: GUARDS } }),
    ]);
  });
  afterAll(async () => {
    await plain?.close();
    await guarded?.close();
  });

  it("gives the same verdicts with every outbound connection refused and every file access recorded", async () => {
    const expected = await verdicts(plain);
    expect(expected.flat().some((d) => d.level === "mandatory")).toBe(true);
    expect(await verdicts(guarded)).toEqual(expected);
    expect(guarded.exit).toBeUndefined();
  });

  it("binds its loopback gRPC port and connects nowhere", () => {
    const net = events<NetEvent>(guarded.stderr, "icpguard-test-net ");
    expect(net.filter((e) => e.kind === "listen").map((e) => e.address?.replace(/:\d+$/, ""))).toEqual(["127.0.0.1"]);
    expect(net.filter((e) => e.kind === "listen")[0].address).toBe(`127.0.0.1:${guarded.port}`);
    // gRPC resolves the literal 127.0.0.1 it binds; that lookup answers locally.
    expect(net.filter((e) => e.kind === "dns" && !(e.allowed && e.host === "127.0.0.1"))).toEqual([]);
    expect(net.filter((e) => ["connect", "udp", "process"].includes(e.kind))).toEqual([]);
    expect(guarded.engineConnections).toBe(0);
  });

  it("reads only files of the pack and of Node, besides what the Pulumi runner needs", () => {
    const files = events<FsEvent>(guarded.stderr, "icpguard-test-fs ");
    expect(files.length).toBeGreaterThan(100); // module loading is seen, so the recorder works
    expect(files.some((e) => e.path.startsWith(path.join(REPO, "dist", "pack")))).toBe(true);
    const stray = files.filter((e) => !e.path.startsWith("fd:") && !under(REPO, e.path) && !under(NODE_HOME, e.path) && !runnerNeeds(e));
    expect(stray).toEqual([]);
  });

  it("writes nothing", () => {
    const files = events<FsEvent>(guarded.stderr, "icpguard-test-fs ");
    expect(files.filter((e) => e.write && !runnerNeeds(e))).toEqual([]);
    // Nothing the pack's own code asks for writes, the runner's temp directory included.
    expect(files.filter((e) => e.write && /\/(dist|rules|policy-pack)\//.test(e.by) && !e.by.includes("node_modules"))).toEqual([]);
  });
});

describe("the guards themselves", () => {
  it("refuse and report connections, lookups and processes, and report reads and writes", () => {
    const scratch = path.join(realpathSync(tmpdir()), `icpguard-guard-check-${process.pid}.txt`);
    const script = `
      require("net").connect(80, "example.com").on("error", (e) => console.log("net", e.code));
      require("dns").lookup("example.com", (e) => console.log("dns", e.code));
      fetch("http://example.com").catch((e) => console.log("fetch", e.cause && e.cause.code));
      try { require("child_process").execSync("true"); } catch (e) { console.log("process", e.code); }
      require("fs").writeFileSync(${JSON.stringify(scratch)}, "x");
      require("fs").readFileSync(${JSON.stringify(scratch)});
      require("fs").unlinkSync(${JSON.stringify(scratch)});`;
    const run = spawnSync(process.execPath, ["-e", script], { env: { ...process.env, NODE_OPTIONS: GUARDS }, encoding: "utf8", timeout: 20_000 });
    expect(run.stdout).toContain("net ECONNREFUSED");
    expect(run.stdout).toContain("dns ENOTFOUND");
    expect(run.stdout).toContain("fetch ECONNREFUSED");
    expect(run.stdout).toContain("process ECONNREFUSED");
    const net = events<NetEvent>(run.stderr, "icpguard-test-net ");
    expect(net.map((e) => e.kind)).toEqual(expect.arrayContaining(["connect", "dns", "process"]));
    const files = events<FsEvent>(run.stderr, "icpguard-test-fs ").filter((e) => e.path === scratch);
    expect(files.map((e) => [e.op, e.write])).toEqual(expect.arrayContaining([["writeFileSync", true], ["readFileSync", false], ["unlinkSync", true]]));
  });

  it("report a read of a records variable, with the file that read it", () => {
    const run = spawnSync(process.execPath, ["-e", "void process.env.ICPGUARD_FILINGS; void process.env.HOME;"], {
      env: { ...process.env, ICPGUARD_FILINGS: "[]", NODE_OPTIONS: `--require ${JSON.stringify(path.join(SUPPORT, "env-reporter.cjs"))}` },
      encoding: "utf8",
      timeout: 20_000,
    });
    const reads = envEvents(run.stderr).filter((e) => e.kind === "read");
    expect(reads.map((e) => e.name)).toEqual(["ICPGUARD_FILINGS"]);
  });
});
