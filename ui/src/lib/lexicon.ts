// Pure helpers for the lexicon editor and the script checker: error wording, draft editing,
// and the "only the newest answer counts" debounce the live tester needs.

import type { AppError } from './bindings/AppError';
import type { Flag } from './bindings/Flag';
import type { ScriptHit } from './bindings/ScriptHit';
import type { MessageKey, Params } from './i18n.svelte';

type Translate = (key: MessageKey, params?: Params) => string;

/** A lexicon error from the core: an `AppError` of code `lexicon`, with where it is. */
export type LexiconError = AppError & { code: 'lexicon'; line: number; column: number };

export function isLexiconError(error: unknown): error is LexiconError {
  if (typeof error !== 'object' || error === null) return false;
  const candidate = error as Record<string, unknown>;
  return (
    candidate.code === 'lexicon' &&
    typeof candidate.message === 'string' &&
    typeof candidate.line === 'number' &&
    typeof candidate.column === 'number'
  );
}

/** "baris 12, kolom 5: …" when the core knows where; line 0 means it does not (e.g. disk errors). */
export function describeLexiconError(error: unknown, t: Translate, fallback: string): string {
  if (!isLexiconError(error)) return fallback;
  if (error.line <= 0) return error.message;
  return t('lexiconErrorAt', { line: error.line, column: error.column, message: error.message });
}

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
