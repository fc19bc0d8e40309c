// Hostile Analyzer requests against the real pack process: hand-built protobuf with odd Value
// kinds (NaN and infinite numbers, deep lists, megabyte strings, thousands of keys, unknown
// signatures, __proto__ keys, invalid UTF-8, garbage bytes), odd resources and providers, and
// requests around and far above gRPC's 4 MB default. Every one must be answered or fail with a
// clean gRPC status, and the process must stay up and keep answering normal requests correctly.

import * as path from "node:path";
import type * as grpcTypes from "@grpc/grpc-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EngineResource, type PackSession, SECRET_SIG, SECRET_SIG_KEY, startPackLikeEngine, toAnalyzeRequest } from "../../harness";
import { analyzerPb, grpc } from "../../harness/protos";

const REPO = path.resolve(__dirname, "../..");
const POLICY = "icp-filing-required";
const FOUR_MB = 4 * 1024 * 1024;
const MANDATORY = analyzerPb.EnforcementLevel.MANDATORY;
const SIG = { [SECRET_SIG_KEY]: SECRET_SIG };
const CDN = "alicloud:cdn/domainNew:DomainNew";
const BUCKET = "alicloud:oss/bucketCname:BucketCname";

// ---------- A small protobuf writer, so that any bytes can be sent ----------

function varint(value: number): Buffer {
  const bytes: number[] = [];
  let v = value;
  while (v > 0x7f) {
    bytes.push((v & 0x7f) | 0x80);
    v = Math.floor(v / 128);
  }
  bytes.push(v);
  return Buffer.from(bytes);
}
const tag = (field: number, wire: number) => varint(field * 8 + wire);
const bytesField = (field: number, payload: Buffer) => Buffer.concat([tag(field, 2), varint(payload.length), payload]);
const text = (s: string | Buffer) => (typeof s === "string" ? Buffer.from(s, "utf8") : s);

/** google.protobuf.Value: null 1, number 2, string 3, bool 4, struct 5, list 6. */
const pb = {
  null: () => Buffer.concat([tag(1, 0), varint(0)]),
  number: (n: number) => {
    const double = Buffer.alloc(8);
    double.writeDoubleLE(n);
    return Buffer.concat([tag(2, 1), double]);
  },
  string: (s: string | Buffer) => bytesField(3, text(s)),
  bool: (b: boolean) => Buffer.concat([tag(4, 0), varint(b ? 1 : 0)]),
  struct: (fields: [string | Buffer, Buffer][]) => bytesField(5, structBytes(fields)),
  list: (values: Buffer[]) => bytesField(6, Buffer.concat(values.map((value) => bytesField(1, value)))),
};

/** google.protobuf.Struct: repeated map entries {1: key, 2: Value}. */
function structBytes(fields: [string | Buffer, Buffer][]): Buffer {
  return Buffer.concat(fields.map(([key, value]) => bytesField(1, Buffer.concat([bytesField(1, text(key)), bytesField(2, value)]))));
}

/** A Value that is `depth` lists deep, built without recursion: sizes inside out, headers outside in. */
function deepList(depth: number, core: Buffer): Buffer {
  const levels: [Buffer, Buffer][] = [];
  let size = core.length;
  for (let level = 0; level < depth; level++) {
    // Value { 6: ListValue { 1: inner Value } }
    const listHeader = Buffer.concat([tag(1, 2), varint(size)]);
    const valueHeader = Buffer.concat([tag(6, 2), varint(listHeader.length + size)]);
    levels.push([valueHeader, listHeader]);
    size += valueHeader.length + listHeader.length;
  }
  return Buffer.concat([...levels.reverse().flat(), core]);
}

/** A wire secret as the engine marshals it: {sig: secretSig, value}. */
const secretValue = (inner: Buffer) => pb.struct([[SECRET_SIG_KEY, pb.string(SIG[SECRET_SIG_KEY])], ["value", inner]]);

interface RawResource {
  type: string;
  name: string;
  properties?: [string | Buffer, Buffer][];
  provider?: { type: string; name: string; urn?: string; properties: [string | Buffer, Buffer][] } | null;
}

/** AnalyzeRequest bytes: the harness builds the engine-shaped parts, then the hostile Structs go on the end. */
function requestBytes(session: PackSession, resource: RawResource): Buffer {
  const base = toAnalyzeRequest({ type: resource.type, name: resource.name, properties: {} }, session.urnScope);
  const parts = [Buffer.from(base.serializeBinary())];
  if (resource.properties) parts.push(bytesField(2, structBytes(resource.properties)));
  if (resource.provider) {
    const provider = resource.provider;
    const urn = provider.urn ?? `urn:pulumi:dev::icpguard-test::pulumi:providers:alicloud::${provider.name}`;
    parts.push(
      bytesField(6, Buffer.concat([bytesField(1, text(provider.type)), bytesField(2, structBytes(provider.properties)), bytesField(3, text(urn)), bytesField(4, text(provider.name))])),
    );
  }
  return Buffer.concat(parts);
}

interface Answer {
  diagnostics?: { policy: string; level: number; message: string }[];
  error?: { code: number; codeName: string; details: string };
}

let client: grpcTypes.Client;

function send(method: "Analyze" | "AnalyzeStack", bytes: Buffer, timeoutMs = 60_000): Promise<Answer> {
  return new Promise((resolve) => {
    client.makeUnaryRequest(
      `/pulumirpc.Analyzer/${method}`,
      (request: Buffer) => request,
      (response: Buffer) => analyzerPb.AnalyzeResponse.deserializeBinary(new Uint8Array(response)),
      bytes,
      new grpc.Metadata(),
      { deadline: new Date(Date.now() + timeoutMs) },
      (error: grpcTypes.ServiceError | null, response?: InstanceType<typeof analyzerPb.AnalyzeResponse>) => {
        if (error) {
          const codeName = Object.entries(grpc.status).find(([, v]) => v === error.code)?.[0] ?? String(error.code);
          resolve({ error: { code: error.code, codeName, details: error.details } });
          return;
        }
        resolve({
          diagnostics: response!.getDiagnosticsList().map((d: InstanceType<typeof analyzerPb.AnalyzeDiagnostic>) => ({ policy: d.getPolicyname(), level: d.getEnforcementlevel(), message: d.getMessage() })),
        });
      },
    );
  });
}

const analyze = (session: PackSession, resource: RawResource) => send("Analyze", requestBytes(session, resource));
const blocking = (answer: Answer) => (answer.diagnostics ?? []).filter((d) => d.policy === POLICY && d.level === MANDATORY);

/** Answered, or failed with a gRPC status the engine reports (never a dropped connection). */
function answeredOrCleanFailure(answer: Answer): void {
  if (answer.diagnostics) return;
  expect(["UNKNOWN", "INTERNAL", "INVALID_ARGUMENT", "RESOURCE_EXHAUSTED"], JSON.stringify(answer.error)).toContain(answer.error!.codeName);
}

const DOMAIN: [string, Buffer] = ["domainName", pb.string("www.shop.cn")];
const NORMAL: EngineResource = { type: CDN, name: "normal", properties: { domainName: "www.unfiled-check.cn", scope: "global" } };

describe("hostile Analyzer requests", () => {
  let session: PackSession;
  beforeAll(async () => {
    ({ session } = await startPackLikeEngine(REPO, { policyConfig: { [POLICY]: { filings: [{ domain: "example.com", number: "浙ICP备2021003158号-1" }] } } }));
    client = new grpc.Client(`127.0.0.1:${session.port}`, grpc.credentials.createInsecure(), {
      "grpc.max_send_message_length": 400 * 1024 * 1024,
      "grpc.max_receive_message_length": 400 * 1024 * 1024,
    });
  });
  afterAll(async () => {
    client?.close();
    await session?.close();
  });

  /** After every hostile request: the process is up and a normal request gets its normal verdict. */
  async function stillServing(): Promise<void> {
    expect(session.exit, session.stderr.slice(-2_000)).toBeUndefined();
    const diagnostics = await session.analyze(NORMAL);
    expect(diagnostics.filter((d) => d.policyName === POLICY).map((d) => d.enforcementLevel)).toEqual(["mandatory"]);
  }

  it("reads NaN and infinite numbers as no value, failing closed", async () => {
    for (const odd of [NaN, Infinity, -Infinity]) {
      // An unreadable scope falls back to the documented default (mainland): still blocked.
      expect(blocking(await analyze(session, { type: CDN, name: "scope", properties: [DOMAIN, ["scope", pb.number(odd)]] })), String(odd)).toHaveLength(1);
      answeredOrCleanFailure(await analyze(session, { type: CDN, name: "domain", properties: [["domainName", pb.number(odd)], ["noise", pb.list([pb.number(odd)])]] }));
      const provider = { type: "pulumi:providers:alicloud", name: "odd", properties: [["region", pb.number(odd)]] as [string, Buffer][] };
      expect(blocking(await analyze(session, { type: BUCKET, name: "bucket", properties: [["domain", pb.string("img.shop.cn")]], provider }))).toHaveLength(1);
    }
    await stillServing();
  });

  it("survives deeply nested lists, even deeper than its decoder can follow", async () => {
    for (const depth of [100, 1_000, 100_000]) {
      const deep = deepList(depth, pb.string("www.shop.cn"));
      answeredOrCleanFailure(await analyze(session, { type: CDN, name: "deep-noise", properties: [DOMAIN, ["noise", deep]] }));
      answeredOrCleanFailure(await analyze(session, { type: CDN, name: "deep-domain", properties: [["domainName", deep]] }));
    }
    // Shallow enough to decode: the unfiled domain next to it is still blocked.
    expect(blocking(await analyze(session, { type: CDN, name: "deep", properties: [DOMAIN, ["noise", deepList(500, pb.null())]] }))).toHaveLength(1);
    await stillServing();
  });

  it("answers a 5 MB hostname with a short advisory", async () => {
    const answer = await analyze(session, { type: CDN, name: "huge", properties: [["domainName", pb.string(`${"a".repeat(5_000_000)}.shop.cn`)]] });
    expect(answer.diagnostics?.map((d) => d.level)).toEqual([analyzerPb.EnforcementLevel.ADVISORY]);
    expect(answer.diagnostics![0].message.length).toBeLessThan(2_000);
    await stillServing();
  });

  it("answers 5 MB strings in the coverage and in the provider's region", async () => {
    const huge = pb.string("x".repeat(5_000_000));
    expect(blocking(await analyze(session, { type: CDN, name: "scope", properties: [DOMAIN, ["scope", huge]] }))).toHaveLength(1);
    const provider = { type: "pulumi:providers:alicloud", name: "huge", properties: [["region", huge]] as [string, Buffer][] };
    answeredOrCleanFailure(await analyze(session, { type: BUCKET, name: "bucket", properties: [["domain", pb.string("img.shop.cn")]], provider }));
    await stillServing();
  });

  it("answers 10,000 keys", async () => {
    const keys: [string, Buffer][] = Array.from({ length: 10_000 }, (_, i) => [`k${i}`, pb.number(i)]);
    expect(blocking(await analyze(session, { type: CDN, name: "keys", properties: [...keys, DOMAIN] }))).toHaveLength(1);
    await stillServing();
  });

  it("ignores an empty or unknown type, and fails closed without a provider or with a garbage one", async () => {
    expect((await analyze(session, { type: "", name: "", properties: [DOMAIN] })).diagnostics).toEqual([]);
    expect((await analyze(session, { type: "alicloud:cdn/domainNew:DomainNewer", name: "x", properties: [DOMAIN] })).diagnostics).toEqual([]);
    const bucket = (provider: RawResource["provider"]) => analyze(session, { type: BUCKET, name: "bucket", properties: [["domain", pb.string("img.shop.cn")]], provider });
    // No provider: the provider's documented default region (mainland).
    expect(blocking(await bucket(null))).toHaveLength(1);
    const garbage: [string, Buffer][][] = [
      [["region", pb.struct([["nested", pb.string("cn-hongkong")]])]],
      [["region", pb.list([pb.string("cn-hongkong")])]],
      [["region", pb.bool(true)]],
      [["region", pb.null()]],
      [["region", secretValue(pb.string("04da6b54-80e4-46f7-96ec-b56ff0331ba9"))]],
      [["__proto__", pb.struct([["region", pb.string("cn-hongkong")]])]],
    ];
    for (const properties of garbage) {
      const answer = await bucket({ type: "", name: "", urn: "not a urn", properties });
      answeredOrCleanFailure(answer);
      // Whatever the garbage, never a silent pass: blocked, or an advisory that says what is unknown.
      expect(answer.diagnostics?.filter((d) => d.policy === POLICY).length ?? 1, JSON.stringify(answer)).toBeGreaterThan(0);
    }
    await stillServing();
  });

  it("fails cleanly on values @pulumi/policy cannot unmarshal (unknown signature, secret without value, empty asset)", async () => {
    const odd: [string, Buffer][] = [
      ["unknownSig", pb.struct([[SECRET_SIG_KEY, pb.string("0123456789abcdef0123456789abcdef")]])],
      ["secretWithoutValue", pb.struct([[SECRET_SIG_KEY, pb.string(SIG[SECRET_SIG_KEY])]])],
      ["emptyAsset", pb.struct([[SECRET_SIG_KEY, pb.string("c44067f5952c0a294b673a41bacd8c17")]])],
      ["outputValue", pb.struct([[SECRET_SIG_KEY, pb.string("d0e6a833031e9bbcd3f4e8bde6ca49a4")], ["value", pb.string("www.shop.cn")]])],
    ];
    for (const field of odd) answeredOrCleanFailure(await analyze(session, { type: CDN, name: field[0], properties: [DOMAIN, field] }));
    // A file asset is only named, never opened.
    const asset = pb.struct([[SECRET_SIG_KEY, pb.string("c44067f5952c0a294b673a41bacd8c17")], ["path", pb.string("/etc/shadow")]]);
    answeredOrCleanFailure(await analyze(session, { type: CDN, name: "asset", properties: [DOMAIN, ["asset", asset]] }));
    await stillServing();
  });

  it("keeps __proto__ keys, invalid UTF-8 and odd keys as data", async () => {
    const proto = pb.struct([["domainName", pb.string("www.example.com")], ["scope", pb.string("overseas")]]);
    expect(blocking(await analyze(session, { type: CDN, name: "proto", properties: [["__proto__", proto], DOMAIN] }))).toHaveLength(1);
    expect(blocking(await analyze(session, { type: CDN, name: "constructor", properties: [["constructor", proto], ["hasOwnProperty", pb.number(1)], DOMAIN] }))).toHaveLength(1);
    const invalidUtf8 = Buffer.concat([Buffer.from("www.sh"), Buffer.from([0xff, 0xfe, 0xc0]), Buffer.from("op.cn")]);
    answeredOrCleanFailure(await analyze(session, { type: CDN, name: "utf8", properties: [["domainName", pb.string(invalidUtf8)]] }));
    answeredOrCleanFailure(await analyze(session, { type: CDN, name: "keys", properties: [[Buffer.from([0xff]), pb.null()], ["", pb.null()], ["\u0000", pb.null()], DOMAIN] }));
    await stillServing();
  });

  it("fails cleanly on bytes that are no AnalyzeRequest", async () => {
    for (const bytes of [Buffer.from([0xff, 0xff, 0xff, 0xff, 0x0f]), Buffer.from("not protobuf at all"), bytesField(2, Buffer.from([0x0a, 0xff]))]) {
      answeredOrCleanFailure(await send("Analyze", bytes));
      answeredOrCleanFailure(await send("AnalyzeStack", bytes));
    }
    await stillServing();
  });

  it("answers requests just under and over gRPC's 4 MB default, and far over it", async () => {
    for (const size of [FOUR_MB - 4_096, FOUR_MB + 4_096, 64 * 1024 * 1024]) {
      const filler = pb.string("z".repeat(size));
      const bytes = requestBytes(session, { type: CDN, name: `size-${size}`, properties: [DOMAIN, ["description", filler]] });
      expect(Math.abs(bytes.length - size)).toBeLessThan(2_048);
      const answer = await send("Analyze", bytes);
      answeredOrCleanFailure(answer);
      if (answer.diagnostics) expect(blocking(answer), `size ${size}`).toHaveLength(1);
    }
    await stillServing();
  });

  it("answers or fails cleanly on a whole stack of hostile resources", async () => {
    const resources = [
      { type: CDN, name: "a", properties: [DOMAIN, ["scope", pb.number(NaN)]] },
      { type: CDN, name: "b", properties: [["domainName", deepList(200, pb.string("x"))]] },
      { type: BUCKET, name: "c", properties: [["domain", pb.string("img.shop.cn")]], provider: { type: "", name: "", properties: [["region", pb.list([])]] } },
      { type: "", name: "", properties: [] },
    ] as RawResource[];
    // AnalyzeStackRequest { repeated AnalyzerResource resources = 1 }: AnalyzerResource shares the
    // first fields of AnalyzeRequest (type 1, properties 2, urn 3, name 4, options 5, provider 6).
    const stack = Buffer.concat(resources.map((resource) => bytesField(1, requestBytes(session, resource))));
    answeredOrCleanFailure(await send("AnalyzeStack", stack));
    await stillServing();
  });
});

describe("hostile policy-pack config", () => {
  it("reads no records through a __proto__ key in Configure", async () => {
    const { session } = await startPackLikeEngine(REPO, { policyConfig: {} });
    try {
      await session.configure({
        [POLICY]: { enforcementLevel: "mandatory", properties: JSON.parse('{"__proto__": {"filings": [{"domain": "shop.cn", "number": "浙ICP备2021003158号-1"}]}}') },
      });
      const diagnostics = await session.analyze({ type: CDN, name: "proto", properties: { domainName: "www.shop.cn" } });
      expect(diagnostics.filter((d) => d.policyName === POLICY && d.enforcementLevel === "mandatory")).toHaveLength(1);
    } finally {
      await session.close();
    }
  });
});
