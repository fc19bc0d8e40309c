// Reads a one-document Pulumi JSON output: `pulumi preview --json` (`steps`) or `pulumi stack
// export` (`deployment.resources`). Only the fields the policies read are parsed; outputs, old
// states and diffs are passed over.

import { JsonScanner, type ContainerKind, type Interest, type JsonPath } from "./json-scanner";
import { deploysResource, ResourceSet, type ResourceState } from "./resources";

export type DocumentFormat = "preview" | "export";

export interface DocumentReading {
  /** Undefined when the document has neither `steps` nor `deployment.resources`. */
  format: DocumentFormat | undefined;
  resources: ResourceSet;
  /** `config` of a preview: stack config, for default providers only. */
  stackConfig: Record<string, unknown>;
  /** `version` of an export. */
  version?: unknown;
  /** Resources the preview counted as unchanged but did not list (no `--show-sames`). */
  unlistedSames: number;
  /** Resource states that could not be used, with why. */
  skipped: string[];
}

const STATE_FIELDS = new Set(["urn", "type", "inputs", "provider", "parent", "delete", "external", "dependencies", "propertyDependencies"]);
const STEP_FIELDS = new Set(["op", "urn", "provider"]);

type Fields = Record<string, unknown>;

export class DocumentReader {
  readonly reading: DocumentReading;
  private readonly scanner: JsonScanner;
  private step: { fields: Fields; state?: Fields } | undefined;
  private exportResource: Fields | undefined;
  private sameSteps = 0;
  private changeSummary: unknown;

  constructor() {
    this.reading = { format: undefined, resources: new ResourceSet({ maskedSecrets: false }), stackConfig: {}, unlistedSames: 0, skipped: [] };
    this.scanner = new JsonScanner({
      interest: (path) => this.interest(path),
      value: (path, value) => this.value(path, value),
      opened: (path, kind) => {
        // Empty lists are left out (omitempty): a preview with nothing listed has no steps, a
        // stack never deployed has no resources.
        if (isPath(path, "steps") && kind === "array") this.detected("preview");
        if (isPath(path, "deployment") && kind === "object") this.detected("export");
        if (path.length === 2 && path[0] === "steps") this.step = { fields: {} };
        if (path.length === 3 && path[0] === "steps" && path[2] === "newState" && this.step) this.step.state = {};
        if (path.length === 3 && path[0] === "deployment") this.exportResource = {};
      },
      closed: (path, kind) => this.closed(path, kind),
    });
  }

  write(text: string): void {
    this.scanner.write(text);
  }

  private detected(format: DocumentFormat): void {
    if (this.reading.format !== undefined) return;
    this.reading.format = format;
    // Only preview --json writes unreadable secrets as "[secret]"; an export keeps their ciphertext.
    this.reading.resources = new ResourceSet({ maskedSecrets: format === "preview" });
  }


  end(): DocumentReading {
    this.scanner.end();
    const summary = this.changeSummary as Record<string, unknown> | undefined;
    const sames = typeof summary?.same === "number" ? summary.same : 0;
    if (this.reading.format === "preview" && sames > this.sameSteps) this.reading.unlistedSames = sames - this.sameSteps;
    return this.reading;
  }

  private interest(path: JsonPath): Interest {
    const depth = path.length;
    if (depth === 0) return "enter";
    const top = path[0];
    if (top === "steps") {
      if (depth <= 2) return "enter";
      if (depth === 3) return STEP_FIELDS.has(path[2] as string) ? "value" : path[2] === "newState" ? "enter" : "skip";
      return depth === 4 && path[2] === "newState" && STATE_FIELDS.has(path[3] as string) ? "value" : "skip";
    }
    if (top === "deployment") {
      if (depth === 1) return "enter";
      if (path[1] !== "resources") return "skip";
      if (depth <= 3) return "enter";
      return depth === 4 && STATE_FIELDS.has(path[3] as string) ? "value" : "skip";
    }
    if (depth === 1 && (top === "config" || top === "version" || top === "changeSummary")) return "value";
    return "skip";
  }

  private value(path: JsonPath, value: unknown): void {
    if (path.length === 1) {
      if (path[0] === "config" && isRecord(value)) this.reading.stackConfig = value;
      else if (path[0] === "version") this.reading.version = value;
      else if (path[0] === "changeSummary") {
        this.changeSummary = value;
        this.detected("preview");
      }
      return;
    }
    if (path[0] === "steps" && this.step) {
      if (path.length === 3) this.step.fields[path[2] as string] = value;
      else if (this.step.state) this.step.state[path[3] as string] = value;
      return;
    }
    if (path[0] === "deployment" && this.exportResource) this.exportResource[path[3] as string] = value;
  }

  private closed(path: JsonPath, kind: ContainerKind): void {
    if (kind !== "object" || path.length !== (path[0] === "steps" ? 2 : 3)) return;
    if (path[0] === "steps" && this.step) {
      const { fields, state } = this.step;
      this.step = undefined;
      if (fields.op === "same") this.sameSteps++;
      if (!state || !deploysResource(fields.op) || state.delete === true) return;
      this.add({ ...state, urn: (state.urn ?? fields.urn) as string, provider: fields.provider || state.provider } as ResourceState);
      return;
    }
    if (path[0] === "deployment" && path[1] === "resources" && this.exportResource) {
      const resource = this.exportResource;
      this.exportResource = undefined;
      // Pending deletions are on their way out; external resources were only read.
      if (resource.delete === true || resource.external === true) return;
      this.add(resource as unknown as ResourceState);
    }
  }

  private add(state: ResourceState): void {
    const problem = this.reading.resources.add(state);
    if (problem) this.reading.skipped.push(problem);
  }
}

function isPath(path: JsonPath, ...expected: string[]): boolean {
  return path.length === expected.length && expected.every((part, i) => path[i] === part);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
