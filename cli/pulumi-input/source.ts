// Opens the file (or standard input) a Pulumi JSON output is read from, as a stream of text
// pieces, so that nothing needs the whole input in memory at once.

import { createReadStream, promises as fs } from "node:fs";
import type { Readable } from "node:stream";

/** An input icpguard cannot use: a missing file, a terminal, an unknown or broken format. */
export class PulumiInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PulumiInputError";
  }
}

export interface InputSource {
  /** How messages name it: the path, or "standard input". */
  name: string;
  /** Size in bytes when known (files), for progress. */
  size?: number;
  /** Bytes read so far. */
  bytesRead(): number;
  pieces(): AsyncIterable<string>;
}

const PIECE_BYTES = 1 << 20;

export async function openInput(path: string | undefined, stdin: NodeJS.ReadStream = process.stdin): Promise<InputSource> {
  if (path === undefined || path === "-") {
    if (stdin.isTTY) {
      throw new PulumiInputError(
        "no input: give a file, or pipe the output of `pulumi preview --json` or `pulumi stack export` into icpguard check",
      );
    }
    return streamSource("standard input", stdin, undefined);
  }
  let size: number;
  try {
    const stat = await fs.stat(path);
    if (stat.isDirectory()) throw new PulumiInputError(`cannot read ${path}: it is a directory, not a file`);
    size = stat.size;
  } catch (error) {
    if (error instanceof PulumiInputError) throw error;
    throw new PulumiInputError(`cannot read ${path}: ${describeFsError(error)}`);
  }
  return streamSource(path, createReadStream(path, { highWaterMark: PIECE_BYTES }), size);
}

function streamSource(name: string, stream: Readable, size: number | undefined): InputSource {
  let bytes = 0;
  return {
    name,
    size,
    bytesRead: () => bytes,
    async *pieces() {
      const decoder = new TextDecoder("utf-8", { fatal: false });
      let first = true;
      try {
        for await (const chunk of stream) {
          const buffer = typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer);
          bytes += buffer.length;
          let text = decoder.decode(buffer, { stream: true });
          if (first && text.length > 0) {
            // A byte-order mark from an editor on Windows is not part of the JSON.
            if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
            first = false;
          }
          if (text.length > 0) yield text;
        }
      } catch (error) {
        throw new PulumiInputError(`cannot read ${name}: ${describeFsError(error)}`);
      }
      const rest = decoder.decode();
      if (rest.length > 0) yield rest;
    },
  };
}

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  switch (code) {
    case "ENOENT":
      return "no such file";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "EISDIR":
      return "it is a directory, not a file";
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
