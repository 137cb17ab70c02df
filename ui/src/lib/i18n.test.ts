import { describe, expect, it } from 'vitest';
import { loadLang, MESSAGES, translate } from './i18n.svelte';

describe('i18n', () => {
  it('has every key in both languages, none empty', () => {
    expect(Object.keys(MESSAGES.en).sort()).toEqual(Object.keys(MESSAGES.id).sort());
    for (const messages of Object.values(MESSAGES)) {
      for (const value of Object.values(messages)) expect(value.trim()).not.toBe('');
    }
  });

  it('uses the same placeholders in both languages', () => {
    const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const key of Object.keys(MESSAGES.id) as (keyof typeof MESSAGES.id)[]) {
      expect(placeholders(MESSAGES.en[key]), key).toEqual(placeholders(MESSAGES.id[key]));
    }
  });

  it('fills placeholders with grouped numbers per language', () => {
    expect(translate('id', 'newRows', { n: 1234 })).toBe('1.234 baru');
    expect(translate('en', 'newRows', { n: 1234 })).toBe('1,234 new');
    expect(translate('id', 'stateLive')).toBe('Terhubung');
  });

  it('defaults to Indonesian and ignores unknown or unreadable saved values', () => {
    expect(loadLang(undefined)).toBe('id');
    expect(loadLang({ getItem: () => 'en' })).toBe('en');
    expect(loadLang({ getItem: () => 'fr' })).toBe('id');
    expect(
      loadLang({
        getItem: () => {
          throw new Error('blocked');
        },
      }),
    ).toBe('id');
  });
});
