// Pure helpers for the lexicon editor and the script checker: draft editing,
// and the "only the newest answer counts" debounce the live tester needs.

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
    matched: hit.matched,
    suggest: hit.suggest,
  };
}

export type Outcome<R> = { ok: true; value: R } | { ok: false; error: unknown };

/**
 * Calls `task` once `delayMs` have passed without another `call`, and hands `deliver` only the
 * outcome of the newest call: a slow answer for an older draft must not overwrite a newer one.
 */
export function debouncedLatest<A extends unknown[], R>(
  task: (...args: A) => Promise<R>,
  delayMs: number,
  deliver: (outcome: Outcome<R>) => void,
): { call: (...args: A) => void; cancel: () => void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let generation = 0;
  return {
    call(...args: A) {
      clearTimeout(timer);
      const mine = ++generation;
      timer = setTimeout(() => {
        task(...args).then(
          (value) => mine === generation && deliver({ ok: true, value }),
          (error: unknown) => mine === generation && deliver({ ok: false, error }),
        );
      }, delayMs);
    },
    cancel() {
      clearTimeout(timer);
      generation++;
    },
  };
}
