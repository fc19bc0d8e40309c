// Reading a text file (or stdin, written "-") that a command was given, safely: a size limit
// checked before reading, UTF-8 only, and a plain sentence for every way it can fail.

import { open } from "node:fs/promises";

/** Larger than any real records file or stack export icpguard reads, small enough to parse quickly. */
export const MAX_INPUT_BYTES = 20 * 1024 * 1024;
const READ_CHUNK_BYTES = 1024 * 1024;

export type TextInput = { ok: true; text: string; name: string } | { ok: false; name: string; message: string };

export interface ReadOptions {
  maxBytes?: number;
  /** Where "-" reads from; process.stdin unless a test passes its own. */
  stdin?: AsyncIterable<Buffer | string>;
}

/** Reads `pathOrDash` as UTF-8 text; "-" reads standard input. Never throws. */
export async function readTextInput(pathOrDash: string, options: ReadOptions = {}): Promise<TextInput> {
  const maxBytes = options.maxBytes ?? MAX_INPUT_BYTES;
  const name = pathOrDash === "-" ? "(stdin)" : pathOrDash;
  const fail = (message: string): TextInput => ({ ok: false, name, message });
  let bytes: Buffer;
  try {
    const read = pathOrDash === "-" ? await readStream(options.stdin ?? process.stdin, maxBytes) : await readFile(pathOrDash, maxBytes);
    if ("tooLarge" in read) return fail(tooLargeMessage(read.tooLarge, maxBytes));
    if ("notAFile" in read) return fail(read.notAFile);
    bytes = read.bytes;
  } catch (error) {
    return fail(describeReadError(error));
  }
  const decoded = decodeUtf8(bytes);
  return decoded.ok ? { ok: true, text: decoded.text, name } : fail(decoded.message);
}

type ReadResult = { bytes: Buffer } | { tooLarge: number | undefined } | { notAFile: string };

async function readFile(path: string, maxBytes: number): Promise<ReadResult> {
  const handle = await open(path, "r");
  try {
    const stat = await handle.stat();
    if (stat.isDirectory()) return { notAFile: "is a directory; give the path of a file" };
    // Regular files say their size up front; pipes and devices are read up to the limit.
    if (stat.isFile() && stat.size > maxBytes) return { tooLarge: stat.size };
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.alloc(READ_CHUNK_BYTES);
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > maxBytes) return { tooLarge: undefined };
      chunks.push(chunk.subarray(0, bytesRead));
    }
    return { bytes: Buffer.concat(chunks, total) };
  } finally {
    await handle.close();
  }
}

async function readStream(stream: AsyncIterable<Buffer | string>, maxBytes: number): Promise<ReadResult> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const buffer = typeof chunk === "string" ? Buffer.from(chunk, "utf8") : chunk;
    total += buffer.length;
    if (total > maxBytes) return { tooLarge: undefined };
    chunks.push(buffer);
  }
  return { bytes: Buffer.concat(chunks, total) };
}

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  const [value, unit] = bytes < 1024 * 1024 ? [bytes / 1024, "KB"] : [bytes / (1024 * 1024), "MB"];
  return `${value.toFixed(1).replace(/\.0$/, "")} ${unit}`;
}

function tooLargeMessage(actualBytes: number | undefined, maxBytes: number): string {
  const actual = actualBytes === undefined ? "larger than" : `${size(actualBytes)}, over`;
  return `is too large (${actual} the limit of ${size(maxBytes)})`;
}

function describeReadError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case "ENOENT":
      return "no such file";
    case "EISDIR":
      return "is a directory; give the path of a file";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "ENOTDIR":
      return "a part of the path is not a directory";
    case "ELOOP":
      return "too many symbolic links";
    case "ENAMETOOLONG":
      return "the path is too long";
    default:
      return `cannot be read (${error instanceof Error ? error.message : String(error)})`;
  }
}

type Decoded = { ok: true; text: string } | { ok: false; message: string };

/** Strict UTF-8 (a BOM is dropped); on failure says where and suggests the likely cause. */
export function decodeUtf8(bytes: Uint8Array): Decoded {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    return { ok: false, message: "is UTF-16 text; save it as UTF-8" };
  }
  try {
    return { ok: true, text: new TextDecoder("utf-8", { fatal: true }).decode(bytes) };
  } catch {
    const offset = firstInvalidByte(bytes);
    const line = countLines(bytes, offset);
    const byte = bytes[offset]!.toString(16).toUpperCase().padStart(2, "0");
    return {
      ok: false,
      message:
        `is not UTF-8 text (byte 0x${byte} at offset ${offset}, line ${line}); save it as UTF-8 ` +
        "(Chinese text saved as GBK or GB18030 is the usual cause)",
    };
  }
}

// Binary search on prefixes: a streaming decode of a prefix fails only once it holds a whole
// invalid sequence. Runs only on the error path.
function firstInvalidByte(bytes: Uint8Array): number {
  let valid = 0;
  let invalid = bytes.length;
  while (invalid - valid > 1) {
    const middle = Math.floor((valid + invalid) / 2);
    try {
      new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(0, middle), { stream: true });
      valid = middle;
    } catch {
      invalid = middle;
    }
  }
  // Adding byte k broke the text: either k is bad itself, or it cut short a sequence whose
  // lead byte is among the three before it; report where the bad sequence starts.
  const k = invalid - 1;
  for (let i = k - 1; i >= 0 && i >= k - 3; i--) {
    const byte = bytes[i]!;
    if ((byte & 0xc0) === 0x80) continue;
    const sequenceLength = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return k - i < sequenceLength ? i : k;
  }
  return k;
}

function countLines(bytes: Uint8Array, end: number): number {
  let line = 1;
  for (let i = 0; i < end; i++) if (bytes[i] === 0x0a) line++;
  return line;
}
