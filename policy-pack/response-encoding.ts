// Writes the pack's answers to Analyze and AnalyzeStack (pulumirpc.AnalyzeResponse) itself.
// Why: google-protobuf encodes a string one character at a time into an array of numbers, and a
// diagnostic carries a long message and the policy's description, so encoding was a large share of
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
  toArray(): unknown[];
}

const DIAGNOSTICS = 2;
const NOT_APPLICABLE = 3;
const LENGTH_DELIMITED = 2;
const VARINT = 0;

// Where google-protobuf keeps each field in a message's array (field number - 1). A value anywhere
// else is a field this encoder does not know: the message then goes to the generated serializer.
const RESPONSE_SLOTS = [DIAGNOSTICS - 1, NOT_APPLICABLE - 1];
const DIAGNOSTIC_SLOTS = [0, 1, 2, 3, 4, 6, 7, 8];
const NOT_APPLICABLE_SLOTS = [0, 1];

/** A diagnostic's fields in wire order; numbers are enum values. */
type Field = { number: number; text: string } | { number: number; value: number };

interface Entry {
  field: number;
  fields: Field[];
  size: number;
}

/**
 * The wire bytes of an AnalyzeResponse, or undefined when the message is not one this encoder
 * knows field for field (the caller then uses the generated serializer).
 */
export function encodeAnalyzeResponse(message: unknown): Buffer | undefined {
  if (!hasOnlySlots(message, RESPONSE_SLOTS)) return undefined;
  const response = message as WireAnalyzeResponse;
  if (typeof response.getDiagnosticsList !== "function" || typeof response.getNotApplicableList !== "function") return undefined;
  const diagnostics = response.getDiagnosticsList();
  const notApplicable = response.getNotApplicableList();
  if (!Array.isArray(diagnostics) || !Array.isArray(notApplicable)) return undefined;

  const entries: Entry[] = [];
  for (const diagnostic of diagnostics) {
    const fields = diagnosticFields(diagnostic);
    if (!fields) return undefined;
    entries.push(entry(DIAGNOSTICS, fields));
  }
  for (const item of notApplicable) {
    const fields = notApplicableFields(item);
    if (!fields) return undefined;
    entries.push(entry(NOT_APPLICABLE, fields));
  }

  let total = 0;
  for (const { size } of entries) total += 1 + varintSize(size) + size;
  const bytes = Buffer.allocUnsafe(total);
  let offset = 0;
  for (const { field, fields, size } of entries) {
    bytes[offset++] = (field << 3) | LENGTH_DELIMITED;
    offset = writeVarint(bytes, offset, size);
    offset = writeFields(bytes, offset, fields);
  }
  if (offset !== total) throw new Error(`AnalyzeResponse encoding wrote ${offset} of ${total} bytes`);
  return bytes;
}

function diagnosticFields(value: unknown): Field[] | undefined {
  if (!hasOnlySlots(value, DIAGNOSTIC_SLOTS)) return undefined;
  const d = value as WireDiagnostic;
  try {
    return collect([
      [1, d.getPolicyname()],
      [2, d.getPolicypackname()],
      [3, d.getPolicypackversion()],
      [4, d.getDescription()],
      [5, d.getMessage()],
      [7, d.getEnforcementlevel()],
      [8, d.getUrn()],
      [9, d.getSeverity()],
    ]);
  } catch {
    return undefined; // not a diagnostic after all: no such getter
  }
}

function notApplicableFields(value: unknown): Field[] | undefined {
  if (!hasOnlySlots(value, NOT_APPLICABLE_SLOTS)) return undefined;
  const n = value as WireNotApplicable;
  try {
    return collect([
      [1, n.getPolicyName()],
      [2, n.getReason()],
    ]);
  } catch {
    return undefined;
  }
}

/** Fields with their values, defaults left out as proto3 does; undefined for a value of another type. */
function collect(values: [number, unknown][]): Field[] | undefined {
  const fields: Field[] = [];
  for (const [number, value] of values) {
    if (typeof value === "string") {
      if (value.length > 0) fields.push({ number, text: value });
    } else if (typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= 0x7fffffff) {
      if (value !== 0) fields.push({ number, value });
    } else {
      return undefined;
    }
  }
  return fields;
}

function entry(field: number, fields: Field[]): Entry {
  let size = 0;
  for (const item of fields) {
    if ("text" in item) {
      const length = Buffer.byteLength(item.text, "utf8");
      size += 1 + varintSize(length) + length;
    } else {
      size += 1 + varintSize(item.value);
    }
  }
  return { field, fields, size };
}

function writeFields(bytes: Buffer, start: number, fields: Field[]): number {
  let offset = start;
  for (const item of fields) {
    if ("text" in item) {
      bytes[offset++] = (item.number << 3) | LENGTH_DELIMITED;
      const length = Buffer.byteLength(item.text, "utf8");
      offset = writeVarint(bytes, offset, length);
      offset += bytes.write(item.text, offset, "utf8");
    } else {
      bytes[offset++] = (item.number << 3) | VARINT;
      offset = writeVarint(bytes, offset, item.value);
    }
  }
  return offset;
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

function writeVarint(bytes: Buffer, start: number, value: number): number {
  let offset = start;
  let rest = value;
  while (rest >= 0x80) {
    bytes[offset++] = (rest % 0x80) | 0x80;
    rest = Math.floor(rest / 0x80);
  }
  bytes[offset++] = rest;
  return offset;
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
