// Serialises the engine's Configure request. Policies that take the same records repeat them in
// their config (docs: "Their config may repeat filings"); google-protobuf would encode every copy
// again, which with 100,000 records takes the bench longer than the pack's own work. So each
// distinct property value is encoded once by google-protobuf and the messages around it are
// assembled from its bytes.

import { enforcementLevelToProto, type PolicyConfigEntry } from "../harness";
import { structPb } from "../harness/protos";

const LENGTH_DELIMITED = 2;
const VARINT = 0;

function varint(value: number): Buffer {
  const bytes: number[] = [];
  let rest = value;
  while (rest >= 0x80) {
    bytes.push((rest % 0x80) | 0x80);
    rest = Math.floor(rest / 0x80);
  }
  bytes.push(rest);
  return Buffer.from(bytes);
}

function tag(field: number, wireType: number): Buffer {
  return varint(field * 8 + wireType);
}

function messageField(field: number, payload: Buffer): Buffer {
  return Buffer.concat([tag(field, LENGTH_DELIMITED), varint(payload.length), payload]);
}

function stringField(field: number, text: string): Buffer {
  return messageField(field, Buffer.from(text, "utf8"));
}

/** `map<K, V>` entries are messages with the key in field 1 and the value in field 2. */
function mapEntry(field: number, key: string, value: Buffer): Buffer {
  return messageField(field, Buffer.concat([stringField(1, key), messageField(2, value)]));
}

/**
 * `pulumirpc.ConfigureAnalyzerRequest { map<string, PolicyConfig> policyConfig = 1 }` with
 * `PolicyConfig { EnforcementLevel enforcementLevel = 1; google.protobuf.Struct properties = 2 }`
 * and `Struct { map<string, Value> fields = 1 }`.
 */
export function serializeConfigureRequest(config: Readonly<Record<string, PolicyConfigEntry>>): Buffer {
  const encodedValues = new Map<string, Buffer>();
  const encodeValue = (value: unknown): Buffer => {
    // As the harness does: JSON drops undefined, which Struct cannot hold.
    const json = JSON.stringify(value ?? null);
    let encoded = encodedValues.get(json);
    if (!encoded) {
      encoded = Buffer.from(structPb.Value.fromJavaScript(JSON.parse(json)).serializeBinary());
      encodedValues.set(json, encoded);
    }
    return encoded;
  };
  const policies = Object.entries(config).map(([name, entry]) => {
    const struct = Buffer.concat(
      Object.entries(entry.properties)
        .filter(([, value]) => value !== undefined)
        .map(([key, value]) => mapEntry(1, key, encodeValue(value))),
    );
    const level = enforcementLevelToProto(entry.enforcementLevel);
    // proto3 leaves a zero enum out, as google-protobuf does.
    const policyConfig = Buffer.concat([...(level !== 0 ? [tag(1, VARINT), varint(level)] : []), messageField(2, struct)]);
    return mapEntry(1, name, policyConfig);
  });
  return Buffer.concat(policies);
}
