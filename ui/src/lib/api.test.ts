import { describe, expect, it } from 'vitest';
import { errorText, isAppError } from './api';
import { translate, type MessageKey, type Params } from './i18n.svelte';

describe('command errors', () => {
  it('shows the message of the AppError every command rejects with', () => {
    const error = { code: 'archive', message: 'pandu.db: disk full' };
    expect(isAppError(error)).toBe(true);
    expect(errorText(error)).toBe('pandu.db: disk full');
    const id = (key: MessageKey, params?: Params) => translate('id', key, params);
    expect(errorText(error, id)).toBe('Arsip bermasalah: pandu.db: disk full');
  });

  it('turns anything else into text too', () => {
    expect(isAppError('boom')).toBe(false);
    expect(errorText('boom')).toBe('boom');
    expect(errorText(new Error('kaput'))).toBe('kaput');
    expect(errorText({ other: 1 })).toBe('{"other":1}');
  });
});
