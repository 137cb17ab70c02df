// Small pure helpers for rendering a row. Everything here returns plain strings or data: what a
// stranger typed is only ever rendered as text by the components, never as markup.

import type { Flag } from './bindings/Flag';

export type Segment = { text: string; flag: Flag | null };

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** UTF-8 continuation bytes look like 0b10xx_xxxx; an offset there cuts a character in half. */
function isCharBoundary(bytes: Uint8Array, offset: number): boolean {
  return offset === bytes.length || (bytes[offset]! & 0xc0) !== 0x80;
}

/**
 * Splits `text` into plain and flagged runs. Flag offsets are UTF-8 byte offsets (the core is
 * Rust); JavaScript strings index UTF-16 units, so each offset is converted by decoding the bytes
 * before it. Flags that are out of range, cut a character, are empty, or overlap an earlier flag
 * are skipped rather than guessed at: a wrong underline is worse than none.
 */
export function splitFlagged(text: string, flags: readonly Flag[]): Segment[] {
  if (flags.length === 0) return text === '' ? [] : [{ text, flag: null }];

  const bytes = encoder.encode(text);
  const toIndex = (byteOffset: number) => decoder.decode(bytes.subarray(0, byteOffset)).length;

  const usable = flags
    .filter(
      (f) =>
        Number.isInteger(f.start) &&
        Number.isInteger(f.end) &&
        f.start >= 0 &&
        f.start < f.end &&
        f.end <= bytes.length &&
        isCharBoundary(bytes, f.start) &&
        isCharBoundary(bytes, f.end),
    )
    .sort((a, b) => a.start - b.start || b.end - a.end);

  const segments: Segment[] = [];
  let cursorByte = 0;
  let cursorIndex = 0;
  for (const flag of usable) {
    if (flag.start < cursorByte) continue;
    const start = toIndex(flag.start);
    const end = toIndex(flag.end);
    if (start > cursorIndex) segments.push({ text: text.slice(cursorIndex, start), flag: null });
    segments.push({ text: text.slice(start, end), flag });
    cursorByte = flag.end;
    cursorIndex = end;
  }
  if (cursorIndex < text.length) segments.push({ text: text.slice(cursorIndex), flag: null });
  return segments;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** HH:MM:SS in local time, the same in every language (co-hosts compare it with the stream). */
export function formatClock(unixMs: number): string {
  const d = new Date(unixMs);
  return `${pad2(d.getHours())}:${pad2(d.getMinutes())}:${pad2(d.getSeconds())}`;
}

/** Only https images load: no http (mixed content), no data:/blob: smuggled in by a source. */
export function isSafeAvatarUrl(url: string | null | undefined): url is string {
  return typeof url === 'string' && url.startsWith('https://');
}

/** The first visible character of a name (a whole emoji or letter), upper-cased, for the badge. */
export function initialOf(name: string): string {
  const first = Array.from(name.trim())[0];
  return first === undefined ? '?' : first.toLocaleUpperCase();
}

export const AVATAR_COLOURS = 8;

/** A stable colour slot per user so the same viewer keeps the same circle all session. */
export function avatarColour(key: string): number {
  let hash = 0;
  for (let i = 0; i < key.length; i++) hash = (hash * 31 + key.charCodeAt(i)) | 0;
  return Math.abs(hash) % AVATAR_COLOURS;
}
