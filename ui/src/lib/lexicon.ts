// Pure helpers for the lexicon editor and the script checker: draft editing, and a script's hits
// in the shape comments' flags have.

import type { Flag } from './bindings/Flag';
import type { ScriptHit } from './bindings/ScriptHit';

/** Appends imported TOML to the draft as its own block, whatever the draft ends with. */
export function appendToDraft(draft: string, addition: string): string {
  const block = addition.trim();
  if (block === '') return draft;
  const head = draft.replace(/\s+$/, '');
  return head === '' ? `${block}\n` : `${head}\n\n${block}\n`;
}

/** A script hit in the shape FlaggedText underlines, so scripts and comments share one renderer. */
export function hitAsFlag(hit: ScriptHit): Flag {
  return {
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
