import { describe, expect, it } from 'vitest';
import { describeErrorAt, errorText, isAppError, isErrorAt } from './api';
import { translate, type MessageKey, type Params } from './i18n.svelte';

describe('command errors', () => {
  it('shows the message of the AppError every command rejects with', () => {
    const error = { code: 'archive', message: 'pandu.db: disk full' };
    expect(isAppError(error)).toBe(true);
    expect(errorText(error)).toBe('pandu.db: disk full');
    const id = (key: MessageKey, params?: Params) => translate('id', key, params);
    expect(errorText(error, id)).toBe('Arsip bermasalah: pandu.db: disk full');
  });

  it('says the agency hub could not be used, in both languages', () => {
    const error = { code: 'hub', message: 'no hub set' };
    const id = (key: MessageKey, params?: Params) => translate('id', key, params);
    const en = (key: MessageKey, params?: Params) => translate('en', key, params);
    expect(errorText(error, id)).toBe('Hub agensi tidak dapat dipakai: no hub set');
    expect(errorText(error, en)).toBe('The agency hub could not be used: no hub set');
  });

  it('turns anything else into text too', () => {
    expect(isAppError('boom')).toBe(false);
    expect(errorText('boom')).toBe('boom');
    expect(errorText(new Error('kaput'))).toBe('kaput');
    expect(errorText({ other: 1 })).toBe('{"other":1}');
  });
});

describe('errors that say where', () => {
  const id = (key: MessageKey, params?: Params) => translate('id', key, params);
  // As the core sends them: a lexicon entry, a run sheet's CSV row.
  const lexicon = { code: 'lexicon', line: 12, column: 5, message: 'unknown key `sugest`' };
  const csv = { code: 'run_sheet', line: 3, column: 2, message: 'price: empty' };

  it('say the line and column', () => {
    expect(isErrorAt(lexicon)).toBe(true);
    expect(describeErrorAt(lexicon, id, 'x')).toBe('baris 12, kolom 5: unknown key `sugest`');
    expect(describeErrorAt(csv, id, 'x')).toBe('baris 3, kolom 2: price: empty');
  });

  it('give the bare message when the core knows no position', () => {
    const io = { ...lexicon, line: 0, column: 0, message: 'could not save: denied' };
    expect(describeErrorAt(io, id, 'x')).toBe('could not save: denied');
  });

  it('fall back for anything without a place', () => {
    expect(isErrorAt('boom')).toBe(false);
    expect(isErrorAt(null)).toBe(false);
    expect(isErrorAt({ code: 'archive', message: 'disk full' })).toBe(false);
    expect(describeErrorAt('boom', id, 'boom')).toBe('boom');
  });
});
