import { describe, expect, it } from 'vitest';
import type { SourceNote } from './bindings/SourceNote';
import type { SourceReason } from './bindings/SourceReason';
import { translate } from './i18n.svelte';
import { describeNote, tiktokHandleOf, tiktokSpec, type Translate } from './sources';

describe('tiktokSpec', () => {
  it('writes what was typed as a tiktok spec, with or without the @', () => {
    expect(tiktokSpec(' @toko.sari ')).toBe('tiktok:@toko.sari');
    expect(tiktokSpec('toko.sari')).toBe('tiktok:@toko.sari');
    expect(tiktokSpec('https://www.tiktok.com/@toko.sari/live')).toBe(
      'tiktok:https://www.tiktok.com/@toko.sari/live',
    );
  });

  it('is empty until something is typed', () => {
    expect(tiktokSpec('   ')).toBe('');
  });
});

describe('tiktokHandleOf', () => {
  it('finds the handle of a running TikTok source and nothing else', () => {
    expect(tiktokHandleOf('tiktok:@toko.sari')).toBe('@toko.sari');
    expect(tiktokHandleOf('demo')).toBeNull();
    expect(tiktokHandleOf('tiktok:@toko + tikfinity')).toBeNull();
  });
});

describe('describeNote', () => {
  const reasons: SourceReason[] = [
    { kind: 'tool_connecting', tool: 'TikFinity', url: 'ws://localhost:21213' },
    { kind: 'tool_connected', tool: 'TikFinity' },
    { kind: 'tool_timed_out', tool: 'TikFinity', url: 'ws://x', seconds: 10 },
    { kind: 'tool_unreachable', tool: 'TikFinity', url: 'ws://x', error: 'refused' },
    { kind: 'tool_closed', tool: 'Social Stream Ninja' },
    { kind: 'tool_failed', tool: 'TikFinity', error: 'reset' },
    { kind: 'tiktok_looking_up', handle: 'toko' },
    { kind: 'tiktok_joining', handle: 'toko', room: '7437' },
    { kind: 'tiktok_connected', handle: 'toko' },
    { kind: 'tiktok_not_found', handle: 'toko' },
    { kind: 'tiktok_not_live', handle: 'toko' },
    { kind: 'tiktok_age_restricted', handle: 'toko', logged_in: false },
    { kind: 'tiktok_age_restricted', handle: 'toko', logged_in: true },
    { kind: 'tiktok_blocked', why: 'http 403' },
    { kind: 'tiktok_rate_limited' },
    { kind: 'tiktok_unreachable', error: 'dns error' },
    { kind: 'tiktok_unexpected', error: 'no statusCode' },
    { kind: 'tiktok_dropped' },
    { kind: 'tiktok_ended', handle: 'toko' },
    { kind: 'tiktok_foreign_room', handle: 'toko', room: '7438', owner: 'toko.lain' },
    { kind: 'tiktok_foreign_room', handle: 'toko', room: '7438', owner: null },
  ];

  it('says every reason in both languages, every placeholder filled', () => {
    for (const lang of ['id', 'en'] as const) {
      const t: Translate = (key, params) => translate(lang, key, params);
      const said = reasons.map((reason) => describeNote({ reason, next: null }, t));
      for (const text of said) expect(text).not.toMatch(/\{\w+\}/);
      expect(new Set(said).size, lang).toBe(reasons.length);
    }
  });

  it('says when the source tries again, in the user’s language', () => {
    const note: SourceNote = {
      reason: { kind: 'tiktok_not_live', handle: 'toko' },
      next: { kind: 'check_again_in', seconds: 8 },
    };
    expect(describeNote(note, (key, params) => translate('id', key, params))).toBe(
      '@toko belum live; cek lagi dalam 8 detik',
    );
    expect(describeNote(note, (key, params) => translate('en', key, params))).toBe(
      '@toko is not live now; checking again in 8 s',
    );
    const retry: SourceNote = {
      reason: { kind: 'tiktok_rate_limited' },
      next: { kind: 'retry_in', seconds: 30 },
    };
    expect(describeNote(retry, (key, params) => translate('id', key, params))).toBe(
      'TikTok membatasi jumlah permintaan dari sambungan ini; coba lagi dalam 30 detik',
    );
  });
});
