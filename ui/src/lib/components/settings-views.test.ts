// Server-renders the settings form: every global hotkey has its field, filled from the settings;
// the rule packs, each with its checkbox and what it holds; the TikTok login and the settings'
// export and import.

import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import { preferences as shippedPreferences, rulePack, textOf, visibleText } from '../test-fixtures';
import PreferencesForm from './PreferencesForm.svelte';
import RulePacks from './RulePacks.svelte';
import SettingsTransferSection from './SettingsTransferSection.svelte';
import TiktokLogin from './TiktokLogin.svelte';
import type { SessionIdStatus } from '../bindings/SessionIdStatus';

const preferences = shippedPreferences();

describe('the preferences form', () => {
  it('has a field for each global hotkey, the new “answered” one included', () => {
    const { body } = render(PreferencesForm, { props: { preferences, onsaved: () => {} } });
    for (const [testid, value] of [
      ['pref-hotkey-drop', 'CmdOrCtrl+Shift+D'],
      ['pref-hotkey-next', 'CmdOrCtrl+Shift+N'],
      ['pref-hotkey-pause', 'CmdOrCtrl+Shift+P'],
      ['pref-hotkey-answered', 'CmdOrCtrl+Shift+J'],
    ]) {
      expect(body).toMatch(
        new RegExp(`data-testid="${testid}"[^>]*value="${value.replace(/\+/g, '\\+')}"`),
      );
    }
    expect(body).toContain('Pertanyaan berikutnya sudah dijawab');
  });
});

describe('the rule packs', () => {
  const list = [
    rulePack({ terms: 1204 }),
    rulePack({
      id: 'klaim-kosmetik',
      version: '2026.12.01',
      name: { id: 'Klaim kosmetik (BPOM)', en: 'Cosmetic claims (BPOM)' },
      about: { id: 'Kata klaim yang dilarang BPOM.', en: 'Claim words BPOM forbids.' },
      on_by_default: false,
      enabled: false,
      applies_to: ['script'],
      terms: 30,
      patterns: 0,
      sources: [
        {
          id: 'bpom',
          title: 'Peraturan BPOM No. 18 Tahun 2024',
          url: null,
          read: '2026-12-01',
        },
      ],
    }),
  ];

  it('lists each pack with its checkbox, what it is about, where it applies, its size and sources', () => {
    const { body } = render(RulePacks, { props: { list } });
    // Each pack's text, up to the next pack (the last one up to the save button).
    const packs = body
      .split('<li class="pack')
      .slice(1)
      .map((part) => visibleText(`<li class="pack${part.split('<div class="actions')[0]}`));
    expect(packs).toHaveLength(2);
    expect(packs[0]).toBe(
      'Aturan TikTok Shop versi 2026.12.07 aktif bawaan ' +
        'Mengarahkan pembeli ke luar TikTok, kontak dan pembayaran di luar platform. ' +
        'Berlaku untuk komentar penonton dan naskah host · 1.204 istilah, 5 pola ' +
        'TikTok Shop Seller University: LIVE Rules (dibaca 2026-12-07)',
    );
    expect(packs[1]).toBe(
      'Klaim kosmetik (BPOM) versi 2026.12.01 Kata klaim yang dilarang BPOM. ' +
        'Berlaku untuk naskah host · 30 istilah, 0 pola ' +
        'Peraturan BPOM No. 18 Tahun 2024 (dibaca 2026-12-01)',
    );
    // The settings' choice, ticked; nothing to save until it changes.
    expect(body).toMatch(/data-testid="rule-pack-tiktok-shop"[^>]*checked/);
    expect(body).not.toMatch(/data-testid="rule-pack-klaim-kosmetik"[^>]*checked/);
    expect(body).toMatch(/data-testid="rule-packs-save"[^>]*disabled/);
    expect(body).not.toContain('data-testid="rule-packs-none"');
  });

  it('says when no pack is on', () => {
    const off = list.map((pack) => ({ ...pack, enabled: false }));
    const { body } = render(RulePacks, { props: { list: off } });
    expect(textOf(body, 'rule-packs-none', 'p')).toBe(
      'Tidak ada paket yang aktif: hanya leksikon Anda yang dipakai.',
    );
  });
});

describe('the TikTok login', () => {
  const status = (over: Partial<SessionIdStatus>): SessionIdStatus => ({
    store: null,
    plain_text: false,
    ends_with: null,
    problem: null,
    new_goes_to: 'windows-credential-manager',
    no_store: null,
    ...over,
  });

  it('says which store keeps the sessionid and its last characters, never a field filled with it', () => {
    const { body } = render(TiktokLogin, {
      props: { initial: status({ store: 'windows-credential-manager', ends_with: '9f3a' }) },
    });
    expect(visibleText(body)).toContain(
      'sessionid tersimpan di Windows Credential Manager. Berakhiran …9f3a.',
    );
    expect(body).toMatch(
      /data-testid="sessionid-input"[^>]*type="password"|type="password"[^>]*data-testid="sessionid-input"/,
    );
    expect(body).toContain('data-testid="sessionid-clear"');
  });

  it('warns about a plain-text sessionid and offers no field where there is no store', () => {
    const { body } = render(TiktokLogin, {
      props: {
        initial: status({
          plain_text: true,
          new_goes_to: null,
          no_store: 'no credential store is available: …',
          problem: 'config.toml: plain text',
        }),
      },
    });
    const text = visibleText(body);
    expect(text).toContain('masih tertulis polos di config.toml');
    expect(text).toContain('tidak punya brankas kata sandi');
    expect(body).not.toContain('data-testid="sessionid-input"');
    expect(body).toContain('data-testid="sessionid-clear"');
  });
});

describe('settings export and import', () => {
  it('has the Ekspor and Impor buttons, and says the export holds no token or sessionid', () => {
    const { body } = render(SettingsTransferSection, {});
    expect(body).toContain('data-testid="settings-export"');
    expect(body).toMatch(/data-testid="settings-import"/);
    const text = visibleText(body);
    expect(text).toContain('Ekspor');
    expect(text).toContain('Impor…');
    expect(text).toContain('tidak berisi token maupun sessionid');
  });
});
