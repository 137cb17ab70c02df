// Pengaturan's shop facts: read from the core into the form, saved back with an empty field as
// not set (null), and the core's reason shown when it refuses.

import { beforeEach, describe, expect, it, vi } from 'vitest';

const { shopFactsGet, shopFactsSet } = vi.hoisted(() => ({
  shopFactsGet: vi.fn(),
  shopFactsSet: vi.fn(),
}));
vi.mock('./api', async (importOriginal) => ({
  ...(await importOriginal<typeof import('./api')>()),
  shopFactsGet,
  shopFactsSet,
}));

import { factsOf, formOf, ShopFactsEditor, type ShopFacts } from './shop-facts.svelte';

const FACTS: ShopFacts = {
  shipping: 'JNE & J&T, dikirim H+1',
  cod: true,
  warranty: null,
  returns: 'tukar ukuran 3 hari',
  service_hours: null,
};

beforeEach(() => {
  shopFactsGet.mockReset();
  shopFactsSet.mockReset();
});

describe('the form', () => {
  it('reads the facts, a missing one as empty and COD as its choice', () => {
    expect(formOf(FACTS)).toEqual({
      shipping: 'JNE & J&T, dikirim H+1',
      cod: 'yes',
      warranty: '',
      returns: 'tukar ukuran 3 hari',
      service_hours: '',
    });
    expect(formOf({ ...FACTS, cod: false }).cod).toBe('no');
    expect(formOf({ ...FACTS, cod: null }).cod).toBe('unset');
  });

  it('gives back null for an empty field and for COD not set', () => {
    expect(
      factsOf({
        shipping: '  ',
        cod: 'unset',
        warranty: ' 7 hari ',
        returns: '',
        service_hours: '',
      }),
    ).toEqual({
      shipping: null,
      cod: null,
      warranty: '7 hari',
      returns: null,
      service_hours: null,
    });
    expect(factsOf(formOf(FACTS))).toEqual(FACTS);
  });
});

describe('the shop facts editor', () => {
  it('loads the core’s facts and saves the form with null for what was emptied', async () => {
    shopFactsGet.mockResolvedValueOnce(FACTS);
    const editor = new ShopFactsEditor();
    await editor.load();
    expect(editor.form?.shipping).toBe('JNE & J&T, dikirim H+1');
    editor.form!.shipping = '';
    editor.form!.cod = 'no';
    editor.form!.service_hours = 'Senin–Sabtu 08.00–17.00';
    const expected: ShopFacts = {
      shipping: null,
      cod: false,
      warranty: null,
      returns: 'tukar ukuran 3 hari',
      service_hours: 'Senin–Sabtu 08.00–17.00',
    };
    shopFactsSet.mockResolvedValueOnce(expected);
    expect(await editor.save()).toBe(true);
    expect(shopFactsSet).toHaveBeenCalledWith(expected);
    expect(editor.saved).toBe(true);
    expect(editor.saveError).toBeNull();
    editor.touched();
    expect(editor.saved).toBe(false);
  });

  it('shows the core’s reason when it refuses, keeping what was typed', async () => {
    shopFactsGet.mockResolvedValueOnce(FACTS);
    const editor = new ShopFactsEditor();
    await editor.load();
    editor.form!.warranty = 'x'.repeat(1_001);
    shopFactsSet.mockRejectedValueOnce({
      code: 'invalid',
      message: 'warranty: at most 1000 characters',
    });
    expect(await editor.save()).toBe(false);
    expect(editor.saveError).toBe(
      'Fakta toko tidak tersimpan: Isian tidak valid: warranty: at most 1000 characters',
    );
    expect(editor.form?.warranty).toHaveLength(1_001);
    expect(editor.saved).toBe(false);
  });

  it('says when the facts could not be read', async () => {
    shopFactsGet.mockRejectedValueOnce({ code: 'not_running', message: 'no archive' });
    const editor = new ShopFactsEditor();
    await editor.load();
    expect(editor.form).toBeNull();
    expect(editor.loadError).toBe('Fakta toko tidak bisa dibaca: Pandu belum berjalan: no archive');
  });
});
