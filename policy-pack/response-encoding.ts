// Writes the pack's answers to Analyze and AnalyzeStack (pulumirpc.AnalyzeResponse) itself.
// Why: google-protobuf encodes a string one character at a time into an array of numbers, and a
// diagnostic carries a long message and the policy's description, so encoding was a good part of
// what reporting a finding cost. Here each string is measured and written by Buffer, natively.
// The bytes are the generated serializer's for well-formed text. A lone surrogate (which only a cut
// string could hold) becomes U+FFFD, where google-protobuf writes bytes that are not UTF-8, which
// the Go engine refuses in a proto3 string. A message of any other shape goes to the generated
// serializer, untouched.

/** The fields of pulumirpc.AnalyzeDiagnostic, by number (sdk/proto/pulumi/analyzer.proto). */
interface WireDiagnostic {
  getPolicyname(): unknown; // 1
  getPolicypackname(): unknown; // 2
  getPolicypackversion(): unknown; // 3
  getDescription(): unknown; // 4
  getMessage(): unknown; // 5
  getEnforcementlevel(): unknown; // 7 (6, tags, is no longer sent)
  getUrn(): unknown; // 8
  getSeverity(): unknown; // 9
  toArray(): unknown[];
}

interface WireNotApplicable {
  getPolicyName(): unknown; // 1
  getReason(): unknown; // 2
  toArray(): unknown[];
}

interface WireAnalyzeResponse {
  getDiagnosticsList(): unknown; // 2
  getNotApplicableList(): unknown; // 3
}

const DIAGNOSTICS = 2;
const NOT_APPLICABLE = 3;
const LENGTH_DELIMITED = 2;
const VARINT = 0;

// Where google-protobuf keeps each field in a message's array (field number - 1). A value anywhere
// else is a field this encoder does not know: the message then goes to the generated serializer.
// The response itself is not asked (its toArray() walks its nested messages with a for-in that
// allocates on every call): it is one @pulumi/policy builds from its two lists.
const DIAGNOSTIC_SLOTS = [0, 1, 2, 3, 4, 6, 7, 8];
const NOT_APPLICABLE_SLOTS = [0, 1];

/**
 * The wire bytes of an AnalyzeResponse, or undefined when the message is not one this encoder
 * knows field for field (the caller then uses the generated serializer). Two passes over the
 * getters, measuring then writing, so that nothing but the answer's buffer is allocated.
 */
export function encodeAnalyzeResponse(message: unknown): Buffer | undefined {
  if (typeof message !== "object" || message === null) return undefined;
  const response = message as WireAnalyzeResponse;
  if (typeof response.getDiagnosticsList !== "function" || typeof response.getNotApplicableList !== "function") return undefined;
  const diagnostics = response.getDiagnosticsList();
  const notApplicable = response.getNotApplicableList();
  if (!Array.isArray(diagnostics) || !Array.isArray(notApplicable)) return undefined;

  let total = 0;
  let count = 0;
  for (const diagnostic of diagnostics) {
    const size = hasOnlySlots(diagnostic, DIAGNOSTIC_SLOTS) ? sizeOf(diagnostic as WireDiagnostic, diagnosticFields) : NaN;
    if (Number.isNaN(size)) return undefined;
    sizes[count++] = size;
    total += 1 + varintSize(size) + size;
  }
  for (const item of notApplicable) {
    const size = hasOnlySlots(item, NOT_APPLICABLE_SLOTS) ? sizeOf(item as WireNotApplicable, notApplicableFields) : NaN;
    if (Number.isNaN(size)) return undefined;
    sizes[count++] = size;
    total += 1 + varintSize(size) + size;
  }

  const writer = new Writer(Buffer.allocUnsafe(total));
  count = 0;
  for (const diagnostic of diagnostics as WireDiagnostic[]) writer.message(DIAGNOSTICS, sizes[count++], diagnostic, diagnosticFields);
  for (const item of notApplicable as WireNotApplicable[]) writer.message(NOT_APPLICABLE, sizes[count++], item, notApplicableFields);
  // Never expected (the getters are pure); the generated serializer answers rather than a wrong buffer.
  return writer.offset === total ? writer.bytes : undefined;
}

/** Visits a message's fields in wire order: strings and enums, each with its field number. */
type FieldVisitor<M> = (message: M, field: FieldSink) => void;

interface FieldSink {
  text(number: number, value: unknown): void;
  enumValue(number: number, value: unknown): void;
}

const diagnosticFields: FieldVisitor<WireDiagnostic> = (d, field) => {
  field.text(1, d.getPolicyname());
  field.text(2, d.getPolicypackname());
  field.text(3, d.getPolicypackversion());
  field.text(4, d.getDescription());
  field.text(5, d.getMessage());
  field.enumValue(7, d.getEnforcementlevel());
  field.text(8, d.getUrn());
  field.enumValue(9, d.getSeverity());
};

const notApplicableFields: FieldVisitor<WireNotApplicable> = (n, field) => {
  field.text(1, n.getPolicyName());
  field.text(2, n.getReason());
};

/** Measures a message's fields; NaN when one is not a string or enum value, or a getter is missing. */
class Measure implements FieldSink {
  size = 0;

  text(_number: number, value: unknown): void {
    if (typeof value !== "string") this.size = NaN;
    else if (value.length > 0) this.size += textSize(value);
  }

  enumValue(_number: number, value: unknown): void {
    if (!isEnumValue(value)) this.size = NaN;
    else if (value !== 0) this.size += 1 + varintSize(value);
  }
}

// One of each, reused: encoding is synchronous, and the answer's buffer is then all it allocates.
const measure = new Measure();
const sizes: number[] = [];

function sizeOf<M>(message: M, fields: FieldVisitor<M>): number {
  measure.size = 0;
  try {
    fields(message, measure);
  } catch {
    return NaN; // not such a message after all: a getter is missing
  }
  return measure.size;
}

/** Writes fields already measured (and so known to be of the right types) into a buffer sized for them. */
class Writer implements FieldSink {
  offset = 0;

  constructor(readonly bytes: Buffer) {}

  message<M>(number: number, size: number, message: M, fields: FieldVisitor<M>): void {
    this.bytes[this.offset++] = (number << 3) | LENGTH_DELIMITED;
    this.varint(size);
    fields(message, this);
  }

  text(number: number, value: unknown): void {
    const text = value as string;
    if (text.length === 0) return;
    this.bytes[this.offset++] = (number << 3) | LENGTH_DELIMITED;
    this.varint(Buffer.byteLength(text, "utf8"));
    this.offset += this.bytes.write(text, this.offset, "utf8");
  }

  enumValue(number: number, value: unknown): void {
    if (value === 0) return;
    this.bytes[this.offset++] = (number << 3) | VARINT;
    this.varint(value as number);
  }

  private varint(value: number): void {
    let rest = value;
    while (rest >= 0x80) {
      this.bytes[this.offset++] = (rest % 0x80) | 0x80;
      rest = Math.floor(rest / 0x80);
    }
    this.bytes[this.offset++] = rest;
  }
}

function textSize(text: string): number {
  const length = Buffer.byteLength(text, "utf8");
  return 1 + varintSize(length) + length;
}

/** Enum values the encoder writes as google-protobuf does: small non-negative integers. */
function isEnumValue(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= 0x7fffffff;
}

/** True for a google-protobuf message whose fields all sit in the given slots of its array. */
function hasOnlySlots(message: unknown, slots: readonly number[]): boolean {
  if (typeof message !== "object" || message === null) return false;
  const toArray = (message as { toArray?: unknown }).toArray;
  if (typeof toArray !== "function") return false;
  let array: unknown;
  try {
    array = toArray.call(message);
  } catch {
    return false;
  }
  if (!Array.isArray(array)) return false;
  for (let slot = 0; slot < array.length; slot++) {
    const value = array[slot];
    if (value === undefined || value === null || slots.includes(slot)) continue;
    return false;
  }
  return true;
}

function varintSize(value: number): number {
  let size = 1;
  for (let rest = value; rest >= 0x80; rest = Math.floor(rest / 0x80)) size++;
  return size;
}

type Method = { responseSerialize?: (message: unknown) => Buffer } | undefined;

/**
 * The Analyzer service definition with Analyze and AnalyzeStack answers written by
 * encodeAnalyzeResponse, falling back to the generated serializer for anything else.
 */
export function withOwnResponseEncoding(service: unknown): unknown {
  const methods = service as Record<string, Method> | null;
  if (!methods || typeof methods !== "object") return service;
  const encoded: Record<string, Method> = { ...methods };
  for (const name of ["analyze", "analyzeStack"]) {
    const method = methods[name];
    const generated = method?.responseSerialize;
    if (!method || typeof generated !== "function") continue;
    encoded[name] = { ...method, responseSerialize: (message: unknown) => encodeAnalyzeResponse(message) ?? generated(message) };
  }
  return encoded;
}
