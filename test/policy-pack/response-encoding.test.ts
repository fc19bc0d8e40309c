// The pack writes its Analyze and AnalyzeStack answers itself: the bytes must be the generated
// serializer's for any well-formed answer, valid UTF-8 whatever the text, and anything the encoder
// does not know field for field must go to the generated serializer unchanged.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { analyzerGrpc, analyzerPb } from "../../harness/protos";
import { encodeAnalyzeResponse, withOwnResponseEncoding } from "../../policy-pack/response-encoding";

interface DiagnosticInput {
  policyName: string;
  packName: string;
  packVersion: string;
  description: string;
  message: string;
  urn: string;
  level: number;
  severity: number;
}

function answer(diagnostics: DiagnosticInput[], notApplicable: { name: string; reason: string }[]): InstanceType<typeof analyzerPb.AnalyzeResponse> {
  const response = new analyzerPb.AnalyzeResponse();
  for (const d of diagnostics) {
    const diagnostic = new analyzerPb.AnalyzeDiagnostic();
    diagnostic.setPolicyname(d.policyName);
    diagnostic.setPolicypackname(d.packName);
    diagnostic.setPolicypackversion(d.packVersion);
    diagnostic.setDescription(d.description);
    diagnostic.setMessage(d.message);
    diagnostic.setUrn(d.urn);
    diagnostic.setEnforcementlevel(d.level as never);
    diagnostic.setSeverity(d.severity as never);
    response.addDiagnostics(diagnostic);
  }
  for (const n of notApplicable) {
    const entry = new analyzerPb.PolicyNotApplicable();
    entry.setPolicyName(n.name);
    entry.setReason(n.reason);
    response.addNotApplicable(entry);
  }
  return response;
}

const generated = (response: InstanceType<typeof analyzerPb.AnalyzeResponse>) => Buffer.from(response.serializeBinary());

// Any code point, so surrogate pairs (emoji) and CJK text are in, lone surrogates out.
const text = fc.oneof(fc.string({ unit: "binary", maxLength: 40 }), fc.constantFrom("", "京ICP备2021003158号-1", "例子.中国", "😀 a\u0000b", "x".repeat(300)));
const diagnosticArb: fc.Arbitrary<DiagnosticInput> = fc.record({
  policyName: text,
  packName: text,
  packVersion: text,
  description: text,
  message: text,
  urn: text,
  level: fc.integer({ min: 0, max: 3 }),
  severity: fc.integer({ min: 0, max: 4 }),
});
const notApplicableArb = fc.record({ name: text, reason: text });

describe("encodeAnalyzeResponse", () => {
  it("writes the generated serializer's bytes for any well-formed answer", () => {
    fc.assert(
      fc.property(fc.array(diagnosticArb, { maxLength: 5 }), fc.array(notApplicableArb, { maxLength: 3 }), (diagnostics, notApplicable) => {
        const response = answer(diagnostics, notApplicable);
        expect(encodeAnalyzeResponse(response)).toEqual(generated(response));
      }),
      { numRuns: 300 },
    );
  });

  it("writes valid UTF-8 where a string holds a lone surrogate, reading back as U+FFFD", () => {
    const cut = "😀".slice(0, 1); // half a surrogate pair, as a string cut at a length would leave it
    const texts = [`${cut}`, `a${cut}`, `\udc00b`, `x\udc00y`, `${cut}${cut}😀`];
    for (const message of texts) {
      const response = answer([{ policyName: "icp-filing-required", packName: "icpguard", packVersion: "0.1.0", description: "", message, urn: "", level: 1, severity: 0 }], []);
      const bytes = encodeAnalyzeResponse(response)!;
      const decoded = analyzerPb.AnalyzeResponse.deserializeBinary(bytes).getDiagnosticsList()[0];
      expect(decoded.getMessage()).toBe(Buffer.from(message, "utf8").toString("utf8")); // lone surrogates as U+FFFD
      expect(decoded.getMessage()).toContain("\uFFFD");
      expect(() => new TextDecoder("utf-8", { fatal: true }).decode(bytes)).not.toThrow();
    }
    // What the generated serializer writes for the same text is not UTF-8 at all.
    const lone = answer([{ policyName: "p", packName: "", packVersion: "", description: "", message: "x\udc00y", urn: "", level: 0, severity: 0 }], []);
    expect(() => new TextDecoder("utf-8", { fatal: true }).decode(generated(lone))).toThrow();
  });

  it("declines what it does not know field for field", () => {
    const diagnosticWithExtra = answer([{ policyName: "p", packName: "", packVersion: "", description: "", message: "m", urn: "", level: 1, severity: 0 }], []);
    diagnosticWithExtra.getDiagnosticsList()[0].toArray()[5] = ["a tag"];
    const negativeLevel = answer([{ policyName: "p", packName: "", packVersion: "", description: "", message: "m", urn: "", level: -1, severity: 0 }], []);
    const notApplicableWithExtra = answer([], [{ name: "icp-app-filing", reason: "r" }]);
    notApplicableWithExtra.getNotApplicableList()[0].toArray()[4] = "unknown";
    for (const declined of [diagnosticWithExtra, notApplicableWithExtra, negativeLevel, {}, null, "bytes", { toArray: () => [] }]) {
      expect(encodeAnalyzeResponse(declined)).toBeUndefined();
    }
  });
});

describe("withOwnResponseEncoding", () => {
  const service = withOwnResponseEncoding(analyzerGrpc.AnalyzerService) as typeof analyzerGrpc.AnalyzerService;

  it("answers Analyze and AnalyzeStack with the pack's encoder and leaves every other method as it was", () => {
    const response = answer([{ policyName: "icp-filing-required", packName: "icpguard", packVersion: "0.1.0", description: "d", message: "m", urn: "u", level: 1, severity: 4 }], []);
    for (const method of ["analyze", "analyzeStack"] as const) {
      expect(service[method].responseSerialize).not.toBe(analyzerGrpc.AnalyzerService[method].responseSerialize);
      expect(service[method].responseSerialize(response)).toEqual(generated(response));
      expect(service[method].requestDeserialize).toBe(analyzerGrpc.AnalyzerService[method].requestDeserialize);
    }
    for (const method of ["getAnalyzerInfo", "configure", "remediate"] as const) expect(service[method]).toBe(analyzerGrpc.AnalyzerService[method]);
  });

  it("hands what it declines to the generated serializer, which keeps its own checks", () => {
    const withUnknownField = answer([{ policyName: "p", packName: "", packVersion: "", description: "", message: "m", urn: "", level: 1, severity: 0 }], []);
    withUnknownField.getDiagnosticsList()[0].toArray()[11] = "unknown";
    expect(service.analyze.responseSerialize(withUnknownField)).toEqual(generated(withUnknownField));
    expect(() => service.analyze.responseSerialize({} as never)).toThrow(/Expected argument of type pulumirpc.AnalyzeResponse/);
  });
});
