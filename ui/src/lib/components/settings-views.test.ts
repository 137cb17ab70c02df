// Server-renders the settings form: every global hotkey has its field, filled from the settings;
// the rule packs, each with its checkbox and what it holds; the TikTok login, the settings'
// export and import, and the agency (who hosts here, the hub and where this desktop stands).

import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import { AgencyEditor } from '../agency.svelte';
import { preferences as shippedPreferences, rulePack, textOf, visibleText } from '../test-fixtures';
import AgencySection from './AgencySection.svelte';
import PreferencesForm from './PreferencesForm.svelte';
import RulePacks from './RulePacks.svelte';
import SettingsTransferSection from './SettingsTransferSection.svelte';
import TiktokLogin from './TiktokLogin.svelte';
import type { HubStatus } from '../bindings/HubStatus';
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

describe('the agency section', () => {
  const XSS = '<img src=x onerror=alert(1)>';

  function loaded(): AgencyEditor {
    const editor = new AgencyEditor();
    editor.form = {
      host: `Sari ${XSS}`,
      url: 'http://192.168.1.10:47900',
      token: 's3cret',
      shop: `Novilla ${XSS}`,
    };
    return editor;
  }

  it('shows the host and the hub’s settings in their fields, as text, the token hidden', () => {
    const { body } = render(AgencySection, { props: { editor: loaded() } });
    expect(body).not.toContain('<img src=x');
    expect(body).toMatch(
      /data-testid="agency-host"[^>]*value="Sari &lt;img src=x onerror=alert\(1\)>"/,
    );
    expect(body).toMatch(/data-testid="agency-url"[^>]*value="http:\/\/192\.168\.1\.10:47900"/);
    expect(body).toMatch(/data-testid="agency-token" type="password"/);
    expect(body).toMatch(/data-testid="agency-shop"[^>]*value="Novilla &lt;img/);
    expect(body).toContain('placeholder="http://192.168.1.10:47900"');
    const text = visibleText(body);
    for (const label of ['Agensi', 'Nama host', 'Alamat hub', 'Token hub', 'Nama toko']) {
      expect(text).toContain(label);
    }
    expect(text).toContain('Kosongkan alamat hub');
    expect(textOf(body, 'agency-save', 'button')).toBe('Simpan agensi');
    expect(body).not.toContain('data-testid="agency-hub-status"');
    expect(body).not.toContain('data-testid="agency-lexicon-version"');
    expect(body).not.toContain('data-testid="agency-lexicon-problem"');
  });

  it('shows the core’s reason when a save was refused, and the hub’s line below', () => {
    const editor = loaded();
    editor.saveError = `Pengaturan agensi tidak tersimpan: Isian tidak valid: hub.url: '${XSS}'`;
    const problem = `wrong token ${XSS}`;
    const { body } = render(AgencySection, {
      props: {
        editor,
        hub: {
          state: 'refused',
          shop: 'Novilla',
          behind: 7,
          problem,
          since: 1_796_634_000_000,
          lexicon_version: null,
          lexicon_problem: null,
        },
      },
    });
    expect(body).not.toContain('<img src=x');
    expect(textOf(body, 'agency-error', 'span')).toBe(editor.saveError);
    expect(textOf(body, 'agency-hub-status', 'p')).toBe(
      `Hub menolak: ${problem} — 7 peristiwa menunggu, tidak ada yang hilang`,
    );
    expect(body).toContain('data-state="refused"');
  });

  it('says which agency lexicon is in force under the hub’s line, and why its newest was refused', () => {
    const problem = `v2: the agency's lexicon v2:1:8: ${XSS}`;
    const hub: HubStatus = {
      state: 'connected',
      shop: 'Novilla',
      behind: 0,
      problem: null,
      since: null,
      lexicon_version: 1,
      lexicon_problem: problem,
    };
    const { body } = render(AgencySection, { props: { editor: loaded(), hub } });
    expect(body).not.toContain('<img src=x');
    expect(textOf(body, 'agency-hub-status', 'p')).toBe('Hub: terhubung');
    expect(textOf(body, 'agency-lexicon-version', 'p')).toBe('Leksikon agensi: versi 1');
    expect(textOf(body, 'agency-lexicon-problem', 'p')).toBe(
      'Leksikon agensi terbaru ditolak; yang lama tetap dipakai',
    );
    expect(body).toContain(
      `title="v2: the agency's lexicon v2:1:8: &lt;img src=x onerror=alert(1)>"`,
    );
    // Under the hub's line, in that order.
    const at = (testid: string) => body.indexOf(`data-testid="${testid}"`);
    expect(at('agency-hub-status')).toBeLessThan(at('agency-lexicon-version'));
    expect(at('agency-lexicon-version')).toBeLessThan(at('agency-lexicon-problem'));

    const taken = render(AgencySection, {
      props: { editor: loaded(), hub: { ...hub, lexicon_version: 2, lexicon_problem: null } },
    }).body;
    expect(textOf(taken, 'agency-lexicon-version', 'p')).toBe('Leksikon agensi: versi 2');
    expect(taken).not.toContain('data-testid="agency-lexicon-problem"');

    const none = render(AgencySection, {
      props: { editor: loaded(), hub: { ...hub, lexicon_version: null, lexicon_problem: null } },
    }).body;
    expect(none).not.toContain('data-testid="agency-lexicon-version"');
    expect(none).not.toContain('data-testid="agency-lexicon-problem"');
  });

  it('says why when the settings could not be read', () => {
    const editor = new AgencyEditor();
    editor.loadError = 'Pengaturan agensi tidak bisa dibaca: Pandu belum berjalan: no archive';
    const { body } = render(AgencySection, { props: { editor } });
    expect(textOf(body, 'agency-load-error', 'p')).toBe(editor.loadError);
    expect(body).not.toContain('data-testid="agency-save"');
  });
});
