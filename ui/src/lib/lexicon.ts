// Pure helpers for the lexicon editor and the script checker: draft editing, a script's hits in
// the shape comments' flags have, and the list for TikTok LIVE's own keyword filter.

import type { Flag } from './bindings/Flag';
import type { ScriptHit } from './bindings/ScriptHit';
import type { TiktokFilter } from './bindings/TiktokFilter';

/** Appends imported TOML to the draft as its own block, whatever the draft ends with. */
export function appendToDraft(draft: string, addition: string): string {
  const block = addition.trim();
  if (block === '') return draft;
  const head = draft.replace(/\s+$/, '');
  return head === '' ? `${block}\n` : `${head}\n\n${block}\n`;
}

/**
 * A script hit in the shape FlaggedText underlines, so scripts and comments share one renderer;
 * the rule it protects goes with it. (A script has no information-only hits: the core leaves
 * them out.)
 */
export function hitAsFlag(hit: ScriptHit): Flag {
  return {
    ...(hit.why === null ? {} : { why: hit.why }),
    term: hit.term,
    category: hit.category,
    severity: hit.severity,
    target: 'text',
    start: hit.start,
    end: hit.end,
    start_utf16: hit.start_utf16,
    end_utf16: hit.end_utf16,
    matched: hit.matched,
    suggest: hit.suggest,
  };
}

/** TikTok LIVE's own comment keyword filter takes at most this many keywords. */
export const TIKTOK_FILTER_MAX = 200;

/** The files the TikTok filter export saves: the list to paste, and the reasoning beside it. */
export const TIKTOK_FILTER_FILES = {
  lines: 'pandu-tiktok-filter.txt',
  notes: 'pandu-tiktok-filter-notes.txt',
} as const;

/**
 * The lines to paste into TikTok's filter, at most `TIKTOK_FILTER_MAX` (the core ranks them and
 * sends no more; a longer list would not fit, so the rest is never pasted) and none blank.
 */
export function tiktokFilterLines(filter: TiktokFilter): string[] {
  return filter.lines.filter((line) => line.trim() !== '').slice(0, TIKTOK_FILTER_MAX);
}

/** The list as a text file's content: a line each, ending with a newline. */
export function linesText(lines: readonly string[]): string {
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}
