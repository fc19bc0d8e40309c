// Reads whichever Pulumi JSON output it is given: it tells the format from how the input starts,
// then reads it piece by piece into resource views (or the pack's own policy events).

import type { ResourceView } from "../../rules/view";
import { DocumentReader, type DocumentReading } from "./document";
import { EventsReader, type EventsReading, type PackPolicyEvent } from "./engine-events";
import { JsonSyntaxError } from "./json-scanner";
import { PulumiInputError, type InputSource } from "./source";

export type InputFormat = "preview" | "export" | "events";

export const INPUT_FORMAT_NAMES: Record<InputFormat, string> = {
  preview: "`pulumi preview --json` output",
  export: "`pulumi stack export` output",
  events: "streaming engine events",
};

const EXPECTED_FORMATS =
  'Expected the output of `pulumi preview --json` (an object with "steps"), of `pulumi stack export` ' +
  '(an object with "deployment"), or streaming engine events, one JSON object per line ' +
  "(`pulumi up --json`, or `pulumi preview --json` with PULUMI_ENABLE_STREAMING_JSON_PREVIEW=true).";

/** Export schema versions written by `pulumi stack export` (4 when state uses newer features). */
const EXPORT_VERSIONS = new Set([3, 4]);

export interface PulumiInput {
  format: InputFormat;
  views: ResourceView[];
  /** icpguard's own policy events, when the pack ran in the deployment the events come from. */
  packEvents?: PackPolicyEvent[];
  /** true for a preview, false for an update, undefined when the input does not say. */
  preview?: boolean;
  /** Things the user should know about the input (stderr). */
  notes: string[];
}

/** How much of the start is looked at to tell the format. */
const HEAD_LIMIT = 64 * 1024;

export async function readPulumiInput(source: InputSource, onProgress?: (resources: number) => void): Promise<PulumiInput> {
  const pieces = source.pieces()[Symbol.asyncIterator]();
  let head = "";
  let format: InputFormat | "document" | undefined;
  while (format === undefined) {
    const next = await pieces.next();
    if (next.done) break;
    head += next.value;
    format = formatFromHead(source.name, head, head.length >= HEAD_LIMIT);
  }
  if (format === undefined) {
    if (head.trim() === "") throw new PulumiInputError(`${source.name} is empty. ${EXPECTED_FORMATS}`);
    format = formatFromHead(source.name, head, true);
  }

  const reader = format === "events" ? new EventsReader(source.name) : new DocumentReader();
  try {
    reader.write(head);
    head = "";
    for (;;) {
      const next = await pieces.next();
      if (next.done) break;
      reader.write(next.value);
      onProgress?.(reader.reading.resources.size);
    }
    return reader instanceof EventsReader ? fromEvents(reader.end()) : fromDocument(source.name, reader.end());
  } catch (error) {
    if (error instanceof JsonSyntaxError) {
      const detected = reader instanceof DocumentReader ? reader.reading.format : undefined;
      const what = detected ? INPUT_FORMAT_NAMES[detected] : "JSON";
      throw new PulumiInputError(`${source.name} is not valid ${what}: ${error.message}`);
    }
    throw error;
  }
}

/**
 * Streaming events start with `{"sequence": …` (Go writes the fields in order); a document is an
 * object whose first field is something else. Undefined while the head is too short to tell.
 */
function formatFromHead(name: string, head: string, complete: boolean): "events" | "document" | undefined {
  const start = head.search(/\S/);
  if (start < 0) return undefined;
  if (head[start] !== "{") {
    throw new PulumiInputError(`${name} is not a Pulumi output icpguard can read (it starts with ${JSON.stringify(head.slice(start, start + 20).trimEnd())}). ${EXPECTED_FORMATS}`);
  }
  const match = /^\s*\{\s*(?:"((?:[^"\\]|\\.)*)"|(\}))/.exec(head.slice(start));
  if (!match) return complete ? "document" : undefined;
  const firstKey = match[1];
  if (firstKey === "sequence" || firstKey === "timestamp" || (firstKey !== undefined && /Event$/.test(firstKey))) return "events";
  return "document";
}

function fromDocument(name: string, reading: DocumentReading): PulumiInput {
  if (reading.format === undefined) {
    throw new PulumiInputError(`${name} is JSON, but not a Pulumi output icpguard can read. ${EXPECTED_FORMATS}`);
  }
  const notes = [...reading.skipped.map((problem) => `skipped ${problem}`)];
  if (reading.format === "export" && !EXPORT_VERSIONS.has(reading.version as number)) {
    throw new PulumiInputError(
      `${name} is a stack export of version ${JSON.stringify(reading.version)}; icpguard reads versions 3 and 4, as written by current \`pulumi stack export\``,
    );
  }
  if (reading.unlistedSames > 0) {
    notes.push(
      `${reading.unlistedSames} unchanged resource(s) are not listed in this preview and were not checked; ` +
        "run `pulumi preview --json --show-sames` to check every resource, as the pack does",
    );
  }
  const { views, missingProviders } = reading.resources.views(reading.format === "preview" ? reading.stackConfig : {});
  notes.push(...missingProvidersNote(missingProviders));
  return { format: reading.format, views, preview: reading.format === "preview" ? true : undefined, notes };
}

function fromEvents(reading: EventsReading): PulumiInput {
  const notes = reading.skipped.map((problem) => `skipped ${problem}`);
  const { views, missingProviders } = reading.resources.views(reading.stackConfig);
  notes.push(...missingProvidersNote(missingProviders));
  return {
    format: "events",
    views,
    packEvents: reading.packRan ? reading.policyEvents : undefined,
    preview: reading.preview,
    notes,
  };
}

function missingProvidersNote(urns: string[]): string[] {
  if (urns.length === 0) return [];
  return [
    `the input does not list provider(s) ${urns.join(", ")}; the region of their resources is read as unknown` +
      " (for a preview, `pulumi preview --json --show-sames` lists them)",
  ];
}
