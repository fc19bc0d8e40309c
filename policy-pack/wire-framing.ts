// Reads a protobuf message's top-level framing (tags and lengths) without decoding its fields:
// the pack finds each resource's bytes of an AnalyzeStack request this way, and the bench counts
// the diagnostics of a response without paying for a JavaScript decode the Go engine never does.

/**
 * Byte ranges of the top-level entries of the length-delimited field `field`, in order, or
 * undefined if the bytes cannot be read as a message (a group, a truncated length, a bad varint).
 */
export function fieldRanges(bytes: Uint8Array, field: number): [number, number][] | undefined {
  const ranges: [number, number][] = [];
  let position = 0;
  const varint = (): number | undefined => {
    let value = 0;
    for (let shift = 0; shift < 49; shift += 7) {
      if (position >= bytes.length) return undefined;
      const byte = bytes[position++];
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return value;
    }
    return undefined;
  };
  while (position < bytes.length) {
    const tag = varint();
    if (tag === undefined) return undefined;
    switch (tag % 8) {
      case 0:
        if (varint() === undefined) return undefined;
        break;
      case 1:
        position += 8;
        break;
      case 5:
        position += 4;
        break;
      case 2: {
        const length = varint();
        if (length === undefined || position + length > bytes.length) return undefined;
        if (Math.floor(tag / 8) === field) ranges.push([position, position + length]);
        position += length;
        break;
      }
      default:
        return undefined;
    }
  }
  return position === bytes.length ? ranges : undefined;
}
