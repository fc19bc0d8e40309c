// Sends Analyzer requests serialized before timing starts, and counts the answers' diagnostics
// without decoding them, so timings hold the pack's work and the transport, as when the engine
// (fast Go protobuf) calls it, not google-protobuf's work in the bench process.

import { toAnalyzeRequest, toAnalyzeStackRequest, type EngineResource, type UrnScope } from "../harness";
import { analyzerGrpc, analyzerPb, grpc } from "../harness/protos";
import { fieldRanges } from "../policy-pack/wire-framing";

/** A request's wire bytes. */
export type WireRequest = Buffer;

export function serializeAnalyzeRequests(resources: readonly EngineResource[], scope: UrnScope): WireRequest[] {
  return resources.map((resource) => Buffer.from(toAnalyzeRequest(resource, scope).serializeBinary()));
}

export function serializeAnalyzeStackRequest(resources: EngineResource[], scope: UrnScope): WireRequest {
  return Buffer.from(toAnalyzeStackRequest(resources, scope).serializeBinary());
}

const asIs = (bytes: WireRequest): Buffer => bytes;

/** A diagnostic as a pack reported it, enough to report it again. */
export interface ReportedDiagnostic {
  policyName: string;
  urn: string;
  message: string;
  /** 0 advisory, 1 mandatory (pulumirpc.EnforcementLevel). */
  enforcementLevel: number;
}

const decodeDiagnostics = (bytes: Buffer): ReportedDiagnostic[] =>
  analyzerPb.AnalyzeResponse.deserializeBinary(bytes)
    .getDiagnosticsList()
    .map((d) => ({ policyName: d.getPolicyname(), urn: d.getUrn(), message: d.getMessage(), enforcementLevel: d.getEnforcementlevel() }));

const DIAGNOSTICS_FIELD = 2;

/**
 * The diagnostics of an AnalyzeResponse (`repeated AnalyzeDiagnostic diagnostics = 2`), counted
 * from its framing: a google-protobuf decode of every message would charge the pack for work the
 * bench's client does and the engine (Go) does in a fraction of the time.
 */
export function diagnosticCount(bytes: Uint8Array): number {
  const ranges = fieldRanges(bytes, DIAGNOSTICS_FIELD);
  if (!ranges) throw new Error("the pack's answer is not a readable AnalyzeResponse");
  return ranges.length;
}

/** A bare gRPC client on a pack's port. Answers are counted, not converted. */
export class RawAnalyzer {
  private readonly client: InstanceType<typeof grpc.Client>;

  constructor(port: number) {
    this.client = new grpc.Client(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), {
      // The engine's ceiling, for 10,000-resource AnalyzeStack calls.
      "grpc.max_receive_message_length": 400 * 1024 * 1024,
      "grpc.max_send_message_length": 400 * 1024 * 1024,
    });
  }

  /** Resolves to the number of diagnostics. */
  analyze(request: WireRequest): Promise<number> {
    return this.call(analyzerGrpc.AnalyzerService.analyze.path, request, diagnosticCount);
  }

  /** The diagnostics themselves, decoded (not for timed calls). */
  analyzeDiagnostics(request: WireRequest): Promise<ReportedDiagnostic[]> {
    return this.call(analyzerGrpc.AnalyzerService.analyze.path, request, decodeDiagnostics);
  }

  analyzeStack(request: WireRequest): Promise<number> {
    return this.call(analyzerGrpc.AnalyzerService.analyzeStack.path, request, diagnosticCount);
  }

  /** Sends a serialized ConfigureAnalyzerRequest (see configure-request.ts). */
  async configure(request: WireRequest): Promise<void> {
    await this.call(analyzerGrpc.AnalyzerService.configure.path, request, () => 0);
  }

  close(): void {
    this.client.close();
  }

  private call<T>(method: string, request: WireRequest, decode: (response: Buffer) => T): Promise<T> {
    return new Promise((resolve, reject) => {
      this.client.makeUnaryRequest(method, asIs, decode, request, (error, decoded) => (error ? reject(error) : resolve(decoded as T)));
    });
  }
}
