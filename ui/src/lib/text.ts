// Small pure helpers for rendering a row. Everything here returns plain strings or data: what a
// stranger typed is only ever rendered as text by the components, never as markup.

import type { Flag } from './bindings/Flag';

export type Segment = { text: string; flag: Flag | null };

/** A UTF-16 offset that does not fall between the two halves of a surrogate pair. */
function isCharBoundary(text: string, offset: number): boolean {
  const unit = text.charCodeAt(offset);
  return offset === text.length || !(unit >= 0xdc00 && unit <= 0xdfff);
}

/**
 * Splits `text` into plain and flagged runs, by the UTF-16 spans the core sends beside the UTF-8
 * ones (`start_utf16`/`end_utf16`: the core converts, once). Flags that are out of range, cut a
 * character, are empty, or overlap an earlier flag are skipped rather than guessed at: a wrong
 * underline is worse than none.
 */
export function splitFlagged(text: string, flags: readonly Flag[]): Segment[] {
  if (flags.length === 0) return text === '' ? [] : [{ text, flag: null }];

  const usable = flags
    .filter(
      (f) =>
        Number.isInteger(f.start_utf16) &&
        Number.isInteger(f.end_utf16) &&
        f.start_utf16 >= 0 &&
        f.start_utf16 < f.end_utf16 &&
        f.end_utf16 <= text.length &&
        isCharBoundary(text, f.start_utf16) &&
        isCharBoundary(text, f.end_utf16),
    )
    .sort((a, b) => a.start_utf16 - b.start_utf16 || b.end_utf16 - a.end_utf16);

  const segments: Segment[] = [];
  let cursor = 0;
  for (const flag of usable) {
    if (flag.start_utf16 < cursor) continue;
    if (flag.start_utf16 > cursor)
      segments.push({ text: text.slice(cursor, flag.start_utf16), flag: null });
    segments.push({ text: text.slice(flag.start_utf16, flag.end_utf16), flag });
    cursor = flag.end_utf16;
  }
  if (cursor < text.length) segments.push({ text: text.slice(cursor), flag: null });
  return segments;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** HH:MM:SS in local time, the same in every language (co-hosts compare it with the stream). */
export function formatTimeOfDay(unixMs: number): string {
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
