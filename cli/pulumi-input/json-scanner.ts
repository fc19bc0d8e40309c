// Reads one JSON document piece by piece and hands over only the values asked for, so a large
// stack export is never held whole in memory nor parsed into objects nobody reads.
// The caller says, for each value about to start at a path, whether to parse it ("value"), walk
// into it ("enter", objects and arrays) or pass over it ("skip").

export type JsonPath = readonly (string | number)[];
export type Interest = "value" | "enter" | "skip";
export type ContainerKind = "object" | "array";

export interface JsonScannerHandlers {
  interest(path: JsonPath): Interest;
  value(path: JsonPath, value: unknown): void;
  opened?(path: JsonPath, kind: ContainerKind): void;
  closed?(path: JsonPath, kind: ContainerKind): void;
}

export class JsonSyntaxError extends Error {
  constructor(
    readonly reason: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(`line ${line}, column ${column}: ${reason}`);
    this.name = "JsonSyntaxError";
  }
}

interface Frame {
  kind: ContainerKind;
  path: (string | number)[];
  /** Next array index, or the key just read. */
  index: number;
  key: string;
  /** What the frame waits for next. */
  expect: "first-key-or-end" | "key" | "colon" | "value" | "first-value-or-end" | "comma-or-end";
}

/** How a raw (parsed or skipped) value is being read. */
type RawMode = "nested" | "string" | "literal";

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;
const NEWLINE = 0x0a;

const LITERAL = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)$/;

function isWhitespace(code: number): boolean {
  return code === 0x20 || code === NEWLINE || code === 0x0d || code === 0x09;
}

function isLiteralEnd(code: number): boolean {
  return code === COMMA || code === CLOSE_BRACE || code === CLOSE_BRACKET || isWhitespace(code);
}

export class JsonScanner {
  private readonly frames: Frame[] = [];
  private rootDone = false;
  private rootStarted = false;

  // Raw value being read (parsed or skipped).
  private raw: { mode: RawMode; path: (string | number)[]; keep: boolean; depth: number; inString: boolean; escaped: boolean } | undefined;
  private rawParts: string[] = [];

  // Key being read.
  private keyParts: string[] | undefined;
  private keyEscaped = false;

  // Position, for error messages.
  private line = 1;
  private lineStart = 0;

  constructor(private readonly handlers: JsonScannerHandlers) {}

  write(text: string): void {
    let i = 0;
    const n = text.length;
    let rawStart = 0;
    while (i < n) {
      const raw = this.raw;
      if (raw) {
        const end = this.scanRaw(text, i, raw);
        // Literals are short and always kept, to be checked.
        const keep = raw.keep || raw.mode === "literal";
        if (end < 0) {
          if (keep) this.rawParts.push(text.slice(rawStart, n));
          i = n;
          break;
        }
        if (keep) this.rawParts.push(text.slice(rawStart, end));
        this.finishRaw(end);
        i = end;
        continue;
      }
      if (this.keyParts) {
        const end = this.scanKey(text, i);
        if (end < 0) {
          i = n;
          break;
        }
        i = end;
        continue;
      }
      const code = text.charCodeAt(i);
      if (isWhitespace(code)) {
        if (code === NEWLINE) this.newline(i);
        i++;
        continue;
      }
      if (this.structural(text, i, code)) {
        rawStart = i;
      } else {
        i++;
      }
    }
    // Columns are counted from the start of the current piece.
    this.lineStart -= n;
  }

  /** Call after the last piece: throws when the document is incomplete. */
  end(): void {
    if (this.raw?.mode === "literal") {
      this.finishRaw();
    }
    if (!this.rootStarted) throw this.error("the input is empty");
    if (!this.rootDone || this.raw || this.keyParts) throw this.error("the input ends before the JSON document does");
  }

  private newline(at: number): void {
    this.line++;
    this.lineStart = at + 1;
  }

  private error(reason: string, at?: number): JsonSyntaxError {
    const column = at === undefined ? 1 : at - this.lineStart + 1;
    return new JsonSyntaxError(reason, this.line, Math.max(column, 1));
  }

  /** Handles one structural character; returns true when a value starts at `i`. */
  private structural(text: string, i: number, code: number): boolean {
    const frame = this.frames[this.frames.length - 1];
    if (!frame) {
      if (this.rootDone) throw this.error(`unexpected ${describe(text, i)} after the end of the document`, i);
      this.rootStarted = true;
      return this.beginValue([], code, text, i);
    }
    switch (frame.expect) {
      case "first-key-or-end":
      case "key":
        if (code === CLOSE_BRACE && frame.expect === "first-key-or-end") return this.closeFrame();
        if (code !== QUOTE) throw this.error(`expected a property name in double quotes, found ${describe(text, i)}`, i);
        this.keyParts = [];
        this.keyEscaped = false;
        frame.expect = "colon";
        return false;
      case "colon":
        if (code !== COLON) throw this.error(`expected ":" after property "${frame.key}", found ${describe(text, i)}`, i);
        frame.expect = "value";
        return false;
      case "value":
      case "first-value-or-end": {
        if (code === CLOSE_BRACKET && frame.expect === "first-value-or-end") return this.closeFrame();
        const childPath = frame.kind === "array" ? [...frame.path, frame.index] : [...frame.path, frame.key];
        frame.expect = "comma-or-end";
        return this.beginValue(childPath, code, text, i);
      }
      case "comma-or-end":
        if (code === COMMA) {
          if (frame.kind === "array") {
            frame.index++;
            frame.expect = "value";
          } else {
            frame.expect = "key";
          }
          return false;
        }
        if ((frame.kind === "object" && code === CLOSE_BRACE) || (frame.kind === "array" && code === CLOSE_BRACKET)) {
          return this.closeFrame();
        }
        throw this.error(`expected "," or "${frame.kind === "object" ? "}" : "]"}", found ${describe(text, i)}`, i);
    }
  }

  private closeFrame(): boolean {
    const frame = this.frames.pop() as Frame;
    this.handlers.closed?.(frame.path, frame.kind);
    if (this.frames.length === 0) this.rootDone = true;
    return false;
  }

  /** Decides what to do with a value starting at `i`; returns true when it is read raw. */
  private beginValue(path: (string | number)[], code: number, text: string, i: number): boolean {
    const interest = this.handlers.interest(path);
    const container = code === OPEN_BRACE || code === OPEN_BRACKET;
    if (interest === "enter" && container) {
      const kind: ContainerKind = code === OPEN_BRACE ? "object" : "array";
      this.frames.push({ kind, path, index: 0, key: "", expect: kind === "object" ? "first-key-or-end" : "first-value-or-end" });
      this.handlers.opened?.(path, kind);
      return false;
    }
    if (!container && code !== QUOTE && !/[-0-9tfn]/.test(text[i])) {
      throw this.error(`expected a value, found ${describe(text, i)}`, i);
    }
    const mode: RawMode = container ? "nested" : code === QUOTE ? "string" : "literal";
    this.raw = { mode, path, keep: interest === "value", depth: 0, inString: false, escaped: false };
    this.rawParts = [];
    return true;
  }

  /**
   * Advances through a raw value from `i`; returns the index just past its end, or -1 when
   * the piece ends first.
   */
  private scanRaw(text: string, i: number, raw: NonNullable<JsonScanner["raw"]>): number {
    const n = text.length;
    if (raw.mode === "literal") {
      while (i < n && !isLiteralEnd(text.charCodeAt(i))) i++;
      return i < n ? i : -1;
    }
    if (raw.mode === "string") {
      // The first character is the opening quote.
      if (raw.depth === 0) {
        raw.depth = 1;
        i++;
      }
      return this.skipString(text, i, raw);
    }
    while (i < n) {
      if (raw.inString) {
        const end = this.skipString(text, i, raw);
        if (end < 0) return -1;
        raw.inString = false;
        i = end;
        continue;
      }
      const code = text.charCodeAt(i);
      if (code === QUOTE) {
        raw.inString = true;
      } else if (code === OPEN_BRACE || code === OPEN_BRACKET) {
        raw.depth++;
      } else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
        raw.depth--;
        if (raw.depth === 0) return i + 1;
      } else if (code === NEWLINE) {
        this.newline(i);
      }
      i++;
    }
    return -1;
  }

  /**
   * Moves past the rest of a string (its opening quote already read): returns the index after the
   * closing quote, or -1 when the piece ends first. Jumps from quote to quote, since string
   * contents are most of a stack export.
   */
  private skipString(text: string, i: number, raw: { escaped: boolean }): number {
    if (raw.escaped) {
      raw.escaped = false;
      i++;
    }
    for (;;) {
      const quote = text.indexOf('"', i);
      const end = quote < 0 ? text.length : quote;
      let backslashes = 0;
      while (end - backslashes - 1 >= i && text.charCodeAt(end - backslashes - 1) === BACKSLASH) backslashes++;
      if (quote < 0) {
        // An odd run of backslashes at the end of the piece escapes the next piece's first character.
        raw.escaped = backslashes % 2 === 1;
        return -1;
      }
      if (backslashes % 2 === 0) return quote + 1;
      i = quote + 1;
    }
  }

  private finishRaw(at?: number): void {
    const raw = this.raw as NonNullable<JsonScanner["raw"]>;
    this.raw = undefined;
    const parts = this.rawParts;
    this.rawParts = [];
    if (raw.mode === "literal") {
      const literal = parts.join("");
      if (!LITERAL.test(literal)) {
        throw this.error(`expected a value, found ${literal === "" ? "nothing" : JSON.stringify(literal.slice(0, 40))}`, at);
      }
    }
    if (this.frames.length === 0) this.rootDone = true;
    if (!raw.keep) return;
    let value: unknown;
    try {
      value = JSON.parse(parts.length === 1 ? parts[0] : parts.join(""));
    } catch (error) {
      throw this.error(`invalid JSON in the value at ${formatPath(raw.path)}: ${(error as Error).message}`);
    }
    this.handlers.value(raw.path, value);
  }

  /** Reads a property name; returns the index after its closing quote, or -1. */
  private scanKey(text: string, i: number): number {
    const parts = this.keyParts as string[];
    const start = i;
    const n = text.length;
    while (i < n) {
      const code = text.charCodeAt(i);
      if (this.keyEscaped) this.keyEscaped = false;
      else if (code === BACKSLASH) this.keyEscaped = true;
      else if (code === QUOTE) {
        parts.push(text.slice(start, i));
        const rawKey = parts.join("");
        this.keyParts = undefined;
        const frame = this.frames[this.frames.length - 1];
        frame.key = rawKey.includes("\\") ? (JSON.parse(`"${rawKey}"`) as string) : rawKey;
        return i + 1;
      } else if (code === NEWLINE) throw this.error("a line break inside a property name", i);
      i++;
    }
    parts.push(text.slice(start, n));
    return -1;
  }
}

function describe(text: string, i: number): string {
  const char = text[i];
  return char === undefined ? "the end of the input" : JSON.stringify(char);
}

export function formatPath(path: JsonPath): string {
  let out = "";
  for (const part of path) out += typeof part === "number" ? `[${part}]` : out === "" ? part : `.${part}`;
  return out === "" ? "(the document)" : out;
}
