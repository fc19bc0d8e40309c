// Cutting text that ends up in messages and reports to a length.

/**
 * The first `max` UTF-16 units of `text` (all of it when shorter), one fewer when the cut would
 * fall inside a surrogate pair: half a pair is not text, and it reaches users as U+FFFD.
 */
export function textPrefix(text: string, max: number): string {
  if (text.length <= max) return text;
  const code = text.charCodeAt(max - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}
