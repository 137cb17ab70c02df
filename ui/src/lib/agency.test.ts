// Pengaturan → Agensi: the host's name and the hub's settings read from the core into the form,
// saved back as typed (the core trims and checks them), and the core's reason shown, with the
// form kept as typed, when it refuses.

import { beforeEach, describe, expect, it, vi } from 'vitest';

const { agencyGet, agencySet } = vi.hoisted(() => ({
  agencyGet: vi.fn(),
  agencySet: vi.fn(),
}));
vi.mock('./api', async (importOriginal) => ({
  ...(await importOriginal<typeof import('./api')>()),
  agencyGet,
  agencySet,
}));

import { AgencyEditor, agencyOf, formOf, type Agency } from './agency.svelte';

const AGENCY: Agency = {
  host: 'Sari',
  hub: { url: 'http://192.168.1.10:47900', token: 's3cret', shop: 'Novilla Official' },
};

const NONE: Agency = { host: '', hub: { url: '', token: '', shop: '' } };

beforeEach(() => {
  agencyGet.mockReset();
  agencySet.mockReset();
});

describe('the form', () => {
  it('reads the host and the hub’s settings, and gives them back as they were', () => {
    expect(formOf(AGENCY)).toEqual({
      host: 'Sari',
      url: 'http://192.168.1.10:47900',
      token: 's3cret',
      shop: 'Novilla Official',
    });
    expect(agencyOf(formOf(AGENCY))).toEqual(AGENCY);
    expect(agencyOf(formOf(NONE))).toEqual(NONE);
  });
});

describe('the agency editor', () => {
  it('loads the core’s settings, and saves what was typed, showing what the core kept', async () => {
    agencyGet.mockResolvedValueOnce(NONE);
    const editor = new AgencyEditor();
    await editor.load();
    expect(editor.form).toEqual({ host: '', url: '', token: '', shop: '' });
    expect(editor.loadError).toBeNull();

    editor.form!.host = ' Sari ';
    editor.form!.url = 'http://192.168.1.10:47900';
    editor.form!.token = 's3cret';
    editor.form!.shop = 'Novilla Official ';
    editor.touched();
    agencySet.mockResolvedValueOnce(AGENCY);
    expect(await editor.save()).toBe(true);
    expect(agencySet).toHaveBeenCalledWith({
      host: ' Sari ',
      hub: { url: 'http://192.168.1.10:47900', token: 's3cret', shop: 'Novilla Official ' },
    });
    expect(editor.form).toEqual(formOf(AGENCY));
    expect(editor.saved).toBe(true);
    expect(editor.saving).toBe(false);
    expect(editor.saveError).toBeNull();
    editor.touched();
    expect(editor.saved).toBe(false);
  });

  it('shows the core’s reason when it refuses, keeping the form as typed', async () => {
    agencyGet.mockResolvedValueOnce(AGENCY);
    const editor = new AgencyEditor();
    await editor.load();
    editor.form!.token = '';
    agencySet.mockRejectedValueOnce({
      code: 'invalid',
      message: "hub.token: the hub's token is needed with its url",
    });
    expect(await editor.save()).toBe(false);
    expect(editor.saveError).toBe(
      "Pengaturan agensi tidak tersimpan: Isian tidak valid: hub.token: the hub's token is needed with its url",
    );
    expect(editor.form).toEqual({ ...formOf(AGENCY), token: '' });
    expect(editor.saved).toBe(false);
    expect(editor.saving).toBe(false);

    // The next try that goes through clears the reason.
    agencySet.mockResolvedValueOnce(NONE);
    editor.form!.url = '';
    expect(await editor.save()).toBe(true);
    expect(editor.saveError).toBeNull();
    expect(editor.form).toEqual(formOf(NONE));
  });

  it('says when the settings could not be read, and saves nothing without a form', async () => {
    agencyGet.mockRejectedValueOnce({ code: 'not_running', message: 'no archive' });
    const editor = new AgencyEditor();
    await editor.load();
    expect(editor.form).toBeNull();
    expect(editor.loadError).toBe(
      'Pengaturan agensi tidak bisa dibaca: Pandu belum berjalan: no archive',
    );
    expect(await editor.save()).toBe(false);
    expect(agencySet).not.toHaveBeenCalled();
  });
});
