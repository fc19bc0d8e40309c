// Reads streaming engine events (`pulumi up --json`, `pulumi preview --json` with
// PULUMI_ENABLE_STREAMING_JSON_PREVIEW=true, an automation event log): one JSON event per line.
// Keeps icpguard's own policy events, the resource states of the steps and the stack config.

import { deploysResource, ResourceSet, type ResourceState } from "./resources";
import { PulumiInputError } from "./source";

/** The name the icpguard pack registers with the engine. */
export const PACK_NAME = "icpguard";

export interface PackPolicyEvent {
  urn: string;
  policy: string;
  /** As the engine wrote it: advisory, mandatory, remediate. */
  enforcementLevel: string;
  /** Without the engine's colour markup. */
  message: string;
}

export interface EventsReading {
  resources: ResourceSet;
  stackConfig: Record<string, unknown>;
  /** The icpguard pack ran in the deployment the events come from. */
  packRan: boolean;
  policyEvents: PackPolicyEvent[];
  /** true for a preview, false for an update; undefined when no summary event said. */
  preview?: boolean;
  /** Resource states that could not be used, with why. */
  skipped: string[];
}

type EventRecord = Record<string, unknown>;

// Pulumi's colour directives (`<{%fg 12%}>`, `<{%reset%}>`) and terminal escapes.
const COLOUR_MARKUP = /<\{%[^%]*%\}>|\u001b\[[0-9;]*m/g;

export function withoutColour(message: string): string {
  return message.replace(COLOUR_MARKUP, "").trim();
}

export class EventsReader {
  readonly reading: EventsReading = {
    resources: new ResourceSet({ maskedSecrets: true }),
    stackConfig: {},
    packRan: false,
    policyEvents: [],
    skipped: [],
  };
  private partial: string[] = [];
  private line = 0;

  /** `sourceName` names the input in error messages. */
  constructor(private readonly sourceName: string) {}

  write(text: string): void {
    let start = 0;
    for (;;) {
      const newline = text.indexOf("\n", start);
      if (newline < 0) {
        if (start < text.length) this.partial.push(text.slice(start));
        return;
      }
      const piece = text.slice(start, newline);
      const line = this.partial.length > 0 ? this.partial.join("") + piece : piece;
      this.partial = [];
      this.readLine(line);
      start = newline + 1;
    }
  }

  end(): EventsReading {
    if (this.partial.length > 0) this.readLine(this.partial.join(""));
    this.partial = [];
    return this.reading;
  }

  private readLine(line: string): void {
    this.line++;
    const text = line.trim();
    if (text === "") return;
    let event: unknown;
    try {
      event = JSON.parse(text);
    } catch (error) {
      throw new PulumiInputError(`${this.sourceName}: line ${this.line} is not a JSON engine event: ${(error as Error).message}`);
    }
    if (typeof event !== "object" || event === null || Array.isArray(event)) {
      throw new PulumiInputError(`${this.sourceName}: line ${this.line} is not a JSON engine event: expected an object`);
    }
    this.readEvent(event as EventRecord);
  }

  private readEvent(event: EventRecord): void {
    const policy = record(event.policyEvent);
    if (policy) {
      if (policy.policyPackName === PACK_NAME) {
        this.reading.packRan = true;
        this.reading.policyEvents.push({
          urn: typeof policy.resourceUrn === "string" ? policy.resourceUrn : "",
          policy: String(policy.policyName ?? ""),
          enforcementLevel: String(policy.enforcementLevel ?? ""),
          message: withoutColour(String(policy.message ?? "")),
        });
      }
      return;
    }
    for (const key of ["policyAnalyzeSummaryEvent", "policyAnalyzeStackSummaryEvent", "policyRemediateSummaryEvent"]) {
      if (record(event[key])?.policyPackName === PACK_NAME) this.reading.packRan = true;
    }
    const step = record(event.resourcePreEvent) ?? record(event.resOutputsEvent);
    if (step) {
      this.readStep(record(step.metadata));
      return;
    }
    const prelude = record(event.preludeEvent);
    if (prelude) {
      this.reading.stackConfig = record(prelude.config) ?? {};
      return;
    }
    const summary = record(event.summaryEvent);
    if (summary) {
      if (typeof summary.isPreview === "boolean") this.reading.preview = summary.isPreview;
      // The engine writes PolicyPacks (name → version) without a JSON tag, hence the capital.
      if (record(summary.PolicyPacks) && Object.prototype.hasOwnProperty.call(summary.PolicyPacks, PACK_NAME)) {
        this.reading.packRan = true;
      }
    }
  }

  private readStep(metadata: EventRecord | undefined): void {
    const state = record(metadata?.new);
    if (!metadata || !state || !deploysResource(metadata.op) || state.delete === true) return;
    const problem = this.reading.resources.add({
      ...state,
      urn: (state.urn ?? metadata.urn) as string,
      type: (state.type ?? metadata.type) as string,
      provider: state.provider || metadata.provider,
    } as ResourceState);
    if (problem) this.reading.skipped.push(`line ${this.line}: ${problem}`);
  }
}

function record(value: unknown): EventRecord | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as EventRecord) : undefined;
}
