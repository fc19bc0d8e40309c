// The resource view: a resource's inputs as the rules read them, with values that are unknown
// during preview and secrets marked instead of hidden, whatever the source (engine request,
// @pulumi/policy props, a Pulumi JSON file read by the command-line tool).

/** A value the engine does not know yet (preview). */
export class Unknown {
  constructor(readonly valueType: string) {}
}

/** A value the user marked secret. It is read like any other and never printed. */
export class Secret {
  constructor(readonly value: ViewValue) {}
}

export type ViewValue =
  | null
  | boolean
  | number
  | string
  | Unknown
  | Secret
  | ViewValue[]
  | { [key: string]: ViewValue };

export type ViewObject = { [key: string]: ViewValue };

export interface ProviderView {
  type: string;
  name: string;
  urn: string;
  props: ViewObject;
}

export interface ResourceView {
  urn: string;
  name: string;
  type: string;
  props: ViewObject;
  provider?: ProviderView;
  /** Property name → URNs of the resources its value came from (AnalyzeStack, and Analyze where sent). */
  propertyDependencies?: Record<string, string[]>;
  dependencies?: string[];
  parent?: string;
  /**
   * Values the rules derive from this view (its hostnames, its location), kept with it because a
   * view never changes. Without one they are derived on every request. A WeakMap keyed by view
   * did the same at a far higher price: V8 pays for weak entries of short-lived keys at every GC.
   */
  memo?: ViewMemo;
}

/**
 * A view's derived values, by a key path of up to three objects. A view holds a handful, so a flat
 * list searched in order costs less than nested Maps: one array per view instead of a Map per level.
 */
export class ViewMemo {
  // Four slots per value: up to three keys (NO_KEY pads a shorter path), then the value.
  private readonly slots: unknown[] = [];

  derive<T>(keys: readonly [object, ...object[]], compute: () => T): T {
    if (keys.length > 3) throw new RangeError("a memo key path has at most three keys");
    const a = keys[0];
    const b = keys.length > 1 ? keys[1] : NO_KEY;
    const c = keys.length > 2 ? keys[2] : NO_KEY;
    const slots = this.slots;
    for (let i = 0; i < slots.length; i += 4) {
      if (slots[i] === a && slots[i + 1] === b && slots[i + 2] === c) return slots[i + 3] as T;
    }
    const value = compute();
    slots.push(a, b, c, value);
    return value;
  }
}

const NO_KEY = {};

/**
 * What `derive()` gives, computed once per view that carries a memo. `keys` name the value: the
 * kind of value first, then what else it depends on (a catalogue entry, an environment).
 */
export function memoised<T>(view: ResourceView, keys: readonly [object, ...object[]], derive: () => T): T {
  const memo = view.memo;
  return memo ? memo.derive(keys, derive) : derive();
}

// Wire signatures of the Pulumi property format (sdk/nodejs/runtime/rpc.ts).
const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
const OUTPUT_SIG = "d0e6a833031e9bbcd3f4e8bde6ca49a4";
const RESOURCE_REFERENCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";

/** A wire value wrapped as a secret: it converts to a Secret, and is never printed. */
export function asWireSecret(value: unknown): unknown {
  return { [SIG_KEY]: SECRET_SIG, value };
}

/** Sentinel strings the engine sends for unknown values, by the type they stand for. */
export const UNKNOWN_SENTINELS: Readonly<Record<string, string>> = {
  "04da6b54-80e4-46f7-96ec-b56ff0331ba9": "string",
  "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7": "boolean",
  "3eeb2bf0-c639-47a8-9e75-3b44932eb421": "number",
  "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2": "array",
  "030794c1-ac77-496b-92df-f27374a8bd58": "asset",
  "e48ece36-62e2-4504-bad9-02848725956a": "archive",
  "dd056dcd-154b-4c76-9bd3-c8f88648b5ff": "object",
};

/** Every sentinel is a UUID of this length (a test checks it). */
export const SENTINEL_LENGTH = 36;

/** Deeper values are not read: a hostile request must not exhaust the stack. */
const MAX_DEPTH = 64;

/**
 * Converts a property value in Pulumi's wire form (a protobuf Struct as plain JS, or the
 * `inputs` of a Pulumi JSON file) into a view value. Never throws.
 */
export function fromWireValue(value: unknown, depth = 0): ViewValue {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case "string":
      // Every sentinel is a 36-character UUID: most strings are told apart by their length.
      return value.length === SENTINEL_LENGTH && Object.prototype.hasOwnProperty.call(UNKNOWN_SENTINELS, value)
        ? new Unknown(UNKNOWN_SENTINELS[value])
        : value;
    case "boolean":
      return value;
    case "number":
      return Number.isFinite(value) ? value : null;
    case "object":
      break;
    default:
      return null;
  }
  if (depth >= MAX_DEPTH) return new Unknown("nested too deeply to read");
  if (value instanceof Unknown || value instanceof Secret) return value;
  if (Array.isArray(value)) {
    const items: ViewValue[] = [];
    for (let i = 0; i < value.length; i++) items.push(fromWireValue(value[i], depth + 1));
    return items;
  }
  const record = value as Record<string, unknown>;
  const signature = ownValue(record, SIG_KEY);
  if (signature === SECRET_SIG) {
    // A stack export keeps only the ciphertext: the value exists but cannot be read here.
    const readable = Object.prototype.hasOwnProperty.call(record, "value");
    return new Secret(readable ? fromWireValue(record.value, depth + 1) : new Unknown("encrypted secret"));
  }
  if (signature === OUTPUT_SIG) {
    const inner = Object.prototype.hasOwnProperty.call(record, "value")
      ? fromWireValue(record.value, depth + 1)
      : new Unknown("output");
    return ownValue(record, "secret") === true ? new Secret(inner) : inner;
  }
  if (signature === RESOURCE_REFERENCE_SIG) {
    return {
      urn: fromWireValue(ownValue(record, "urn"), depth + 1),
      id: fromWireValue(ownValue(record, "id"), depth + 1),
    };
  }
  const result: ViewObject = {};
  for (const key of Object.keys(record)) {
    if (key === "__proto__") continue;
    result[key] = fromWireValue(record[key], depth + 1);
  }
  return result;
}

/**
 * fromWireObject for a source read one property at a time: each top-level property is converted
 * when first read, then kept. Policies read a few properties of a resource (hostnames, region,
 * coverage), and converting all of them was much of what a view cost the pack. `keys()` lists the
 * source's properties, called once at the first read; `read(key)` gives the wire value of one of
 * them. The result reads exactly as fromWireObject's would, and is never to be modified.
 */
export function lazyFromWireObject(
  keys: () => readonly string[],
  read: (key: string) => unknown,
  /** Whether the source has this own property: saves listing the keys for a source that can tell. */
  has?: (key: string) => boolean,
): ViewObject {
  // One Proxy and one handler per view: a getter per property cost a defineProperty each.
  const target: ViewObject = {};
  return new Proxy(target, new LazyWireHandler(target, keys, read, has));
}

// Reading this key of a lazy view object gives its handler: walk() then reads an own property in
// one call, where hasOwnProperty and a get would cost two traps and a descriptor.
const LAZY_HANDLER = Symbol("icpguard: lazy view handler");

/** An own property of a view object, undefined when it has none. */
function ownChild(value: ViewObject, key: string): ViewValue | undefined {
  const lazy = (value as { [LAZY_HANDLER]?: LazyWireHandler })[LAZY_HANDLER];
  if (lazy) return lazy.own(key);
  return Object.prototype.hasOwnProperty.call(value, key) ? value[key] : undefined;
}

/** The Proxy handler of lazyFromWireObject; its methods live on the prototype, not per view. */
class LazyWireHandler implements ProxyHandler<ViewObject> {
  private sourceKeys: Set<string> | undefined;
  private signatureChecked = false;

  constructor(
    private readonly target: ViewObject,
    private readonly keys: () => readonly string[],
    private readonly read: (key: string) => unknown,
    // Not `has`: that is the Proxy trap below.
    private readonly sourceHas: ((key: string) => boolean) | undefined,
  ) {}

  /** Whether the object has this property (before any change to it: changes list the keys). */
  private isKnown(key: string): boolean {
    if (this.sourceKeys || !this.sourceHas) return this.known().has(key);
    if (!this.signatureChecked) {
      this.signatureChecked = true;
      if (this.sourceHas(SIG_KEY)) return this.known().has(key);
    }
    return key !== "__proto__" && this.sourceHas(key);
  }

  private known(): Set<string> {
    if (this.sourceKeys) return this.sourceKeys;
    const listed = this.keys();
    let known = new Set(listed.filter((key) => key !== "__proto__"));
    // A signature at the top makes the whole value something other than an object: convert it all.
    if (known.has(SIG_KEY)) {
      Object.assign(this.target, fromWireObject(Object.fromEntries(listed.map((key) => [key, this.read(key)]))));
      known = new Set(Object.keys(this.target));
    }
    this.sourceKeys = known;
    return known;
  }

  private materialise(key: string | symbol): void {
    if (typeof key !== "string" || Object.prototype.hasOwnProperty.call(this.target, key) || !this.isKnown(key)) return;
    this.target[key] = fromWireValue(this.read(key), 1);
  }

  own(key: string): ViewValue | undefined {
    this.materialise(key);
    return Object.prototype.hasOwnProperty.call(this.target, key) ? this.target[key] : undefined;
  }

  get(object: ViewObject, key: string | symbol): unknown {
    if (key === LAZY_HANDLER) return this;
    this.materialise(key);
    return Reflect.get(object, key);
  }

  has(object: ViewObject, key: string | symbol): boolean {
    this.materialise(key);
    return Reflect.has(object, key);
  }

  getOwnPropertyDescriptor(object: ViewObject, key: string | symbol): PropertyDescriptor | undefined {
    this.materialise(key);
    return Reflect.getOwnPropertyDescriptor(object, key);
  }

  ownKeys(): string[] {
    // In the order a plain object would list them (integer-like keys first).
    return Object.keys(Object.fromEntries([...this.known()].map((key) => [key, true])));
  }

  set(object: ViewObject, key: string | symbol, value: unknown): boolean {
    this.materialise(key);
    const done = Reflect.set(object, key, value);
    if (done && typeof key === "string") this.known().add(key);
    return done;
  }

  defineProperty(object: ViewObject, key: string | symbol, descriptor: PropertyDescriptor): boolean {
    this.materialise(key);
    const done = Reflect.defineProperty(object, key, descriptor);
    if (done && typeof key === "string") this.known().add(key);
    return done;
  }

  deleteProperty(object: ViewObject, key: string | symbol): boolean {
    this.materialise(key);
    if (typeof key === "string") this.known().delete(key);
    return Reflect.deleteProperty(object, key);
  }
}

export function fromWireObject(value: unknown): ViewObject {
  const converted = fromWireValue(value);
  return isViewObject(converted) ? converted : {};
}

function ownValue(record: Record<string, unknown>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

export function isViewObject(value: ViewValue | undefined): value is ViewObject {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof Unknown) &&
    !(value instanceof Secret)
  );
}

/** A value found at a concrete path, with what was learned on the way to it. */
export interface Leaf {
  /** Concrete path, e.g. `ruleConditions[1].hostConfig.values[0]`. */
  path: string;
  value: ViewValue | undefined;
  unknown: boolean;
  secret: boolean;
}

/**
 * Reads every value at a path pattern. Segments: `name`, `name[]` (each element),
 * `name[field=value]` (elements whose `field` equals `value`, compared case-insensitively) and
 * `name[field!=value]` (elements whose `field` is anything else, including absent).
 * An unknown met on the way yields one unknown leaf at the path reached so far.
 */
export function readPath(root: ViewObject, pattern: string): Leaf[] {
  const segments = parsePattern(pattern);
  const leaves: Leaf[] = [];
  walk(root, segments, 0, "", false, leaves);
  return leaves;
}

/** Reads a single top-level or nested value (no iteration). */
export function readOne(root: ViewObject, pattern: string): Leaf {
  const segments = parsePattern(pattern);
  // Most reads are of one plain property: read it without a walk.
  if (segments.length === 1 && !segments[0].each && isViewObject(root)) return readProperty(root, pattern);
  const leaves: Leaf[] = [];
  walk(root, segments, 0, "", false, leaves);
  return leaves[0] ?? { path: pattern, value: undefined, unknown: false, secret: false };
}

/** readOne for a pattern that names one property: what walk() would find there. */
function readProperty(root: ViewObject, name: string): Leaf {
  let value = ownChild(root, name);
  let secret = false;
  while (value instanceof Secret) {
    secret = true;
    value = value.value;
  }
  return { path: name, value, unknown: value instanceof Unknown, secret };
}

interface Segment {
  name: string;
  each: boolean;
  filter?: { field: string; equals: string; negated: boolean };
}

const patternCache = new Map<string, Segment[]>();

function parsePattern(pattern: string): Segment[] {
  const cached = patternCache.get(pattern);
  if (cached) return cached;
  const segments = pattern.split(".").map((part): Segment => {
    const match = /^([^[\]]+)(?:\[(?:([^=!\]]+)(!?=)([^\]]*))?\])?$/.exec(part);
    if (!match) throw new Error(`bad property path pattern: ${pattern}`);
    const each = part.endsWith("]");
    return match[2] !== undefined
      ? { name: match[1], each, filter: { field: match[2], equals: match[4].toLowerCase(), negated: match[3] === "!=" } }
      : { name: match[1], each };
  });
  patternCache.set(pattern, segments);
  return segments;
}

function walk(
  value: ViewValue | undefined,
  segments: Segment[],
  index: number,
  path: string,
  secret: boolean,
  out: Leaf[],
): void {
  while (value instanceof Secret) {
    secret = true;
    value = value.value;
  }
  if (value instanceof Unknown) {
    out.push({ path, value, unknown: true, secret });
    return;
  }
  if (index === segments.length) {
    out.push({ path, value, unknown: false, secret });
    return;
  }
  if (!isViewObject(value)) return;
  const segment = segments[index];
  const childPath = path === "" ? segment.name : `${path}.${segment.name}`;
  const child = ownChild(value, segment.name);
  if (!segment.each) {
    if (index === segments.length - 1 && child === undefined) return;
    walk(child, segments, index + 1, childPath, secret, out);
    return;
  }
  let list: ViewValue | undefined = child;
  let listSecret = secret;
  while (list instanceof Secret) {
    listSecret = true;
    list = list.value;
  }
  if (list instanceof Unknown) {
    out.push({ path: childPath, value: list, unknown: true, secret: listSecret });
    return;
  }
  if (!Array.isArray(list)) {
    // A single value where a list is expected: read it as a one-element list.
    if (list !== undefined && list !== null) {
      walkElement(list, segments, index, `${childPath}[0]`, listSecret, out);
    }
    return;
  }
  for (let i = 0; i < list.length; i++) {
    walkElement(list[i], segments, index, `${childPath}[${i}]`, listSecret, out);
  }
}

function walkElement(
  element: ViewValue,
  segments: Segment[],
  index: number,
  path: string,
  secret: boolean,
  out: Leaf[],
): void {
  const { filter } = segments[index];
  if (filter) {
    let item = element;
    let itemSecret = secret;
    while (item instanceof Secret) {
      itemSecret = true;
      item = item.value;
    }
    if (item instanceof Unknown) {
      out.push({ path, value: item, unknown: true, secret: itemSecret });
      return;
    }
    if (!isViewObject(item)) return;
    const probe = readOne(item, filter.field);
    if (probe.unknown) {
      out.push({ path: `${path}.${filter.field}`, value: probe.value, unknown: true, secret: itemSecret || probe.secret });
      return;
    }
    const equal = typeof probe.value === "string" && probe.value.toLowerCase() === filter.equals;
    if (equal === filter.negated) return;
    walk(item, segments, index + 1, path, itemSecret, out);
    return;
  }
  walk(element, segments, index + 1, path, secret, out);
}

/** A test on one property that decides whether a catalogue source applies. Values compare as lower-case text. */
export type Condition =
  | { property: string; oneOf: readonly string[]; ifOmitted: boolean }
  | { property: string; noneOf: readonly string[]; ifOmitted: boolean }
  /** Holds only while the property is absent (an unknown value is a value that will be set). */
  | { property: string; omitted: true };

export type ConditionResult = { holds: boolean } | { unknownPath: string };

export function testCondition(root: ViewObject, condition: Condition): ConditionResult {
  const leaf = readOne(root, condition.property);
  const omitted = !leaf.unknown && (leaf.value === undefined || leaf.value === null || leaf.value === "");
  if ("omitted" in condition) return { holds: omitted };
  if (leaf.unknown) return { unknownPath: leaf.path };
  if (omitted) return { holds: condition.ifOmitted };
  const value = leaf.value;
  const text = typeof value === "string" || typeof value === "number" || typeof value === "boolean" ? String(value).toLowerCase() : undefined;
  const listed = (values: readonly string[]) => text !== undefined && values.some((candidate) => candidate.toLowerCase() === text);
  return "oneOf" in condition ? { holds: listed(condition.oneOf) } : { holds: !listed(condition.noneOf) };
}

/** How a condition reads in documents and messages. */
export function describeCondition(condition: Condition): string {
  if ("omitted" in condition) return `\`${condition.property}\` is not set`;
  const values = ("oneOf" in condition ? condition.oneOf : condition.noneOf).map((value) => `\`${value}\``).join(" or ");
  const test = "oneOf" in condition ? `is ${values}` : `is not ${values}`;
  return `\`${condition.property}\` ${test}${condition.ifOmitted ? " (or is not set)" : ""}`;
}
