import { describe, expect, it } from 'vitest';
import type { Surface } from './bindings/Surface';
import { translate, type MessageKey, type Params } from './i18n.svelte';
import { enabledPacks, packEntries, packMeta, packsChanged, surfacesText, withPack } from './packs';
import { rulePack } from './test-fixtures';

const id = (key: MessageKey, params?: Params) => translate('id', key, params);
const en = (key: MessageKey, params?: Params) => translate('en', key, params);

const list = [
  rulePack(),
  rulePack({ id: 'klaim-kosmetik', enabled: false, on_by_default: false, applies_to: ['script'] }),
  rulePack({ id: 'judi-online' }),
  rulePack({ id: 'provokasi', applies_to: ['comments'] }),
];

describe('a rule pack in words', () => {
  it('says where its flags appear', () => {
    expect(surfacesText(['comments', 'script'], id)).toBe('komentar penonton dan naskah host');
    expect(surfacesText(['comments', 'script'], en)).toBe(
      'viewers’ comments and the host’s script',
    );
    expect(surfacesText(['script'], id)).toBe('naskah host');
    expect(surfacesText(['comments'], en)).toBe('viewers’ comments');
    // One the UI does not know yet shows as the core names it.
    expect(surfacesText(['overlay' as Surface], en)).toBe('overlay');
  });

  it('counts its entries with the language’s grouping', () => {
    expect(packEntries(rulePack({ terms: 1204, patterns: 3 }), id)).toBe('1.204 istilah, 3 pola');
    expect(packEntries(rulePack({ terms: 1204, patterns: 3 }), en)).toBe('1,204 terms, 3 patterns');
    expect(packMeta(list[1]!, en)).toBe('Applies to the host’s script · 42 terms, 5 patterns');
  });
});

describe('switching packs', () => {
  it('starts from the packs the settings switch on', () => {
    expect(enabledPacks(list)).toEqual(['tiktok-shop', 'judi-online', 'provokasi']);
    expect(packsChanged(list, enabledPacks(list))).toBe(false);
  });

  it('switches one on or off, in the order the core lists them', () => {
    const on = withPack(list, enabledPacks(list), 'klaim-kosmetik', true);
    expect(on).toEqual(['tiktok-shop', 'klaim-kosmetik', 'judi-online', 'provokasi']);
    expect(packsChanged(list, on)).toBe(true);
    const off = withPack(list, on, 'tiktok-shop', false);
    expect(off).toEqual(['klaim-kosmetik', 'judi-online', 'provokasi']);
    expect(withPack(list, off, 'klaim-kosmetik', false)).toEqual(['judi-online', 'provokasi']);
    expect(withPack(list, [], 'nope', true)).toEqual([]);
  });

  it('tells a changed choice from the saved one, whatever the order', () => {
    expect(packsChanged(list, ['provokasi', 'judi-online', 'tiktok-shop'])).toBe(false);
    expect(packsChanged(list, ['tiktok-shop', 'judi-online'])).toBe(true);
    expect(packsChanged(list, [])).toBe(true);
  });
});
