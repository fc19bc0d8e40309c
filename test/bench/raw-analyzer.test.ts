// The bench's client counts an answer's diagnostics from its framing, never decoding them: the
// count must be what a decode finds, whatever else the answer holds.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { diagnosticCount } from "../../bench/raw-analyzer";
import { analyzerPb } from "../../harness/protos";

function response(diagnostics: { message: string; level: number }[], notApplicable: string[]): Buffer {
  const answer = new analyzerPb.AnalyzeResponse();
  for (const { message, level } of diagnostics) {
    const diagnostic = new analyzerPb.AnalyzeDiagnostic();
    diagnostic.setPolicyname("icp-filing-required");
    diagnostic.setMessage(message);
    diagnostic.setEnforcementlevel(level);
    answer.addDiagnostics(diagnostic);
  }
  for (const name of notApplicable) {
    const entry = new analyzerPb.PolicyNotApplicable();
    entry.setPolicyName(name);
    entry.setReason("not this type");
    answer.addNotApplicable(entry);
  }
  return Buffer.from(answer.serializeBinary());
}

describe("diagnosticCount", () => {
  it("counts what a decode finds, not the policies reported as not applicable", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ message: fc.string(), level: fc.integer({ min: 0, max: 2 }) }), { maxLength: 6 }),
        fc.array(fc.string({ minLength: 1 }), { maxLength: 4 }),
        (diagnostics, notApplicable) => {
          const bytes = response(diagnostics, notApplicable);
          expect(diagnosticCount(bytes)).toBe(analyzerPb.AnalyzeResponse.deserializeBinary(bytes).getDiagnosticsList().length);
        },
      ),
    );
  });

  it("refuses an answer it cannot read instead of counting it as clean", () => {
    const bytes = response([{ message: "a finding", level: 1 }], []);
    expect(() => diagnosticCount(bytes.subarray(0, bytes.length - 2))).toThrow(/not a readable AnalyzeResponse/);
  });
});
