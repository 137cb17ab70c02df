// The teleprompter's script cut into plain and flagged pieces: pure, no DOM, for node:test.
//
// The core reports each hit as UTF-8 *byte* offsets (Rust strings); JavaScript strings index
// UTF-16 units. An emoji or an accented letter before a hit would shift it, so offsets are
// mapped through the text's own encoding, code point by code point.

/** A function from a UTF-8 byte offset into `text` to its UTF-16 index (clamped to the end). */
export function byteToIndex(text) {
  const starts = new Map([[0, 0]]);
  let byte = 0;
  let index = 0;
  for (const char of text) {
    const codePoint = char.codePointAt(0);
    byte +=
      codePoint < 0x80
        ? 1
        : codePoint < 0x800
          ? 2
          : codePoint < 0x10000
            ? 3
            : 4;
    index += char.length;
    starts.set(byte, index);
  }
  // An offset inside a character (never sent by the core) snaps back to the character's start.
  return (offset) => {
    for (let b = Math.min(offset, byte); b >= 0; b--) {
      if (starts.has(b)) return starts.get(b);
    }
    return 0;
  };
}

/**
 * `text` as consecutive pieces `{text, hit}` (`hit` null for plain text), in order. Hits that
 * overlap an earlier one, are empty or fall outside the text are left out.
 */
export function scriptSegments(text, hits) {
  const toIndex = byteToIndex(text);
  const spans = hits
    .map((hit) => ({ hit, start: toIndex(hit.start), end: toIndex(hit.end) }))
    .filter((span) => span.end > span.start)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const pieces = [];
  let at = 0;
  for (const span of spans) {
    if (span.start < at) continue;
    if (span.start > at)
      pieces.push({ text: text.slice(at, span.start), hit: null });
    pieces.push({ text: text.slice(span.start, span.end), hit: span.hit });
    at = span.end;
  }
  if (at < text.length) pieces.push({ text: text.slice(at), hit: null });
  return pieces;
}
