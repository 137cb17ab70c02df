// Server-renders the moderation views: what a co-host sees for flagged, impersonating and muted
// comments, the host banner and the script report, and that strangers' markup stays text.

import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import { bannerFor } from '../banner';
import type { ScriptReport } from '../bindings/ScriptReport';
import type { CommentEvent } from '../feed.svelte';
import { authorFlag, comment, user, visibleText, withBanner, wordFlag } from '../test-fixtures';
import CommentRow from './CommentRow.svelte';
import FlagList from './FlagList.svelte';
import HostBanner from './HostBanner.svelte';
import MutedRow from './MutedRow.svelte';
import ScriptReportView from './ScriptReportView.svelte';

const XSS = '<img src=x onerror=alert(1)>';

function section(html: string, testid: string, closing: string): string {
  const match = html.match(new RegExp(`data-testid="${testid}"[^>]*>([\\s\\S]*?)</${closing}>`));
  if (!match) throw new Error(`no ${testid} in ${html}`);
  return visibleText(match[1]!);
}

const asComment = (event: ReturnType<typeof comment>) => event as CommentEvent;

describe('flagged comment rows', () => {
  it('carry a category badge, a coloured edge and the code word after the text', () => {
    const text = 'beli di shopee aja';
    const event = asComment(
      comment(text, [wordFlag(text, 'shopee', 'competitor', 'aplikasi oren')]),
    );
    const { body } = render(CommentRow, { props: { event, onmute: () => {} } });
    expect(body).toMatch(/class="row[^"]*flagged/);
    expect(body).toContain('data-category="competitor"');
    expect(section(body, 'category-badge', 'span')).toBe('Pesaing');
    expect(section(body, 'suggestion', 'span')).toBe('→ Ganti: aplikasi oren');
    // The suggestion sits beside the text, not in it: the archive check reads comment-text.
    expect(section(body, 'comment-text', 'p')).toBe(text);
    expect(body).toContain('data-testid="mute"');
  });

  it('tell the co-host to answer a provocation calmly', () => {
    const text = 'dasar penipu';
    const event = asComment(
      comment(text, [
        {
          ...wordFlag(text, 'penipu', 'provocation'),
          explain: { read_as: 'penipu', entry: 'penipu', evasions: [] },
        },
      ]),
    );
    const { body } = render(CommentRow, { props: { event } });
    expect(body).toContain('data-category="provocation"');
    expect(section(body, 'category-badge', 'span')).toBe('Provokasi — tanggapi dengan tenang');
    expect(body).toContain('title="Provokasi — tanggapi dengan tenang · dibaca sebagai “penipu”"');
    expect(body).not.toContain('data-testid="suggestion"');
  });

  it('show a custom label as written', () => {
    const text = 'ada obat kuat?';
    const event = asComment(comment(text, [wordFlag(text, 'obat kuat', { custom: 'obat keras' })]));
    const { body } = render(CommentRow, { props: { event } });
    expect(section(body, 'category-badge', 'span')).toBe('obat keras');
    expect(body).not.toContain('data-testid="suggestion"');
  });

  it('call out an impersonator loudly, naming the copied account', () => {
    const event = asComment(
      comment('transfer ke sini ya', [authorFlag('impersonation', '@novilla.official')]),
    );
    const { body } = render(CommentRow, { props: { event } });
    expect(body).toMatch(/class="row[^"]*impersonation/);
    expect(section(body, 'category-badge', 'span')).toBe('Akun palsu meniru @novilla.official');
  });

  it('grey out an author muted from this window', () => {
    const event = asComment(comment('halo'));
    const { body } = render(CommentRow, {
      props: { event, mutedHere: true, onmute: () => {} },
    });
    expect(body).toMatch(/class="row[^"]*dimmed/);
    expect(body).not.toContain('data-testid="mute"');
  });
});

describe('the host banner', () => {
  it('warns about a provocation with the advice to stay calm', () => {
    const text = 'jangan beli di sini, barang kw';
    const event = comment(text, [wordFlag(text, 'barang kw', 'provocation')]);
    const banner = bannerFor(withBanner(event, 'provocation'), 0)!;
    const { body } = render(HostBanner, { props: { banner, ondismiss: () => {} } });
    expect(body).toContain('data-kind="flagged"');
    expect(section(body, 'category-badge', 'span')).toBe('Provokasi — tanggapi dengan tenang');
    expect(section(body, 'host-banner-text', 'p')).toBe(text);
  });
});

describe('muted rows', () => {
  it('say whose comment is hidden and never show its text', () => {
    const event = asComment(
      comment('rahasia <b>jualan</b>', [authorFlag('muted')], user({ unique_id: 'tukang.spam' })),
    );
    const { body } = render(MutedRow, { props: { event } });
    expect(body).toContain('data-testid="muted-row"');
    expect(body).not.toContain('data-testid="comment"');
    expect(body).not.toContain('rahasia');
    expect(visibleText(body)).toContain('Komentar dari @tukang.spam disembunyikan');
  });
});

describe('untrusted text stays text', () => {
  it('in the host banner', () => {
    const text = `cek shopee ${XSS}`;
    const event = comment(
      text,
      [wordFlag(text, 'shopee', 'competitor', 'aplikasi oren')],
      user({
        unique_id: '<script>x</script>',
      }),
    );
    const banner = bannerFor(withBanner(event, 'competitor'), 0)!;
    const { body } = render(HostBanner, { props: { banner, ondismiss: () => {} } });
    expect(body).not.toContain('<img');
    expect(body).not.toContain('<script>');
    expect(section(body, 'host-banner-text', 'p')).toBe(text);
    expect(visibleText(body)).toContain('Jangan dibacakan');
    expect(visibleText(body)).toContain('Ganti: aplikasi oren');
  });

  it('in the impersonation banner', () => {
    const event = comment(
      XSS,
      [authorFlag('impersonation', '@novilla.official')],
      user({
        unique_id: 'novi11a',
      }),
    );
    const { body } = render(HostBanner, {
      props: { banner: bannerFor(withBanner(event, 'impersonation'), 0)!, ondismiss: () => {} },
    });
    expect(body).not.toContain('<img');
    expect(body).toContain('data-kind="impersonation"');
    expect(visibleText(body)).toContain('Awas akun palsu: @novi11a meniru toko');
    expect(section(body, 'host-banner-text', 'p')).toBe(XSS);
  });

  it('in a checked script, with the hits still highlighted', () => {
    const script = `Halo kak!\n${XSS} cek shopee ya`;
    const flag = wordFlag(script, 'shopee', 'competitor', 'aplikasi oren');
    const report: ScriptReport = {
      hits: [{ line: 2, column: 34, ...flag }],
      fixed: script.replace('shopee', 'aplikasi oren'),
      unfixed: 0,
    };
    const { body } = render(ScriptReportView, { props: { script, report } });
    expect(body).not.toContain('<img');
    expect(body).toMatch(/<mark class="flag competitor[^"]*"[^>]*>shopee<\/mark>/);
    expect(section(body, 'script-highlighted', 'pre')).toBe(script.replace(/\s+/g, ' '));
    expect(section(body, 'script-hit', 'li')).toBe('2:34 Pesaing shopee ‘shopee’ → aplikasi oren');
    expect(body).toContain('data-testid="hit-matched" title="Pesaing · ganti: aplikasi oren"');
    expect(body).toContain('data-testid="script-copy"');
  });

  it('in the tooltips of the lexicon tester’s hit list', () => {
    const sentence = `cek ${XSS}`;
    const flags = [
      {
        ...wordFlag(sentence, XSS, 'competitor', 'aplikasi oren'),
        explain: { read_as: XSS, entry: 'shopee', evasions: ['look_alike' as const] },
      },
      authorFlag('spam', 'repeat'),
    ];
    const { body } = render(FlagList, { props: { flags } });
    expect(body).not.toContain('<img');
    const titles = [...body.matchAll(/data-testid="hit-matched"[^>]*title="([^"]*)"/g)].map(
      (match) => visibleText(match[1]!),
    );
    // One per hit in the text; the author flag points at no text and has no "why".
    expect(titles).toEqual([
      `Pesaing · dibaca sebagai “${XSS}” (= shopee) · huruf mirip · ganti: aplikasi oren`,
    ]);
  });

  it('in the lexicon tester’s hit list', () => {
    const sentence = `${XSS} wa aku`;
    const flags = [
      wordFlag(sentence, XSS, { custom: 'lainnya' }),
      wordFlag(sentence, 'wa', 'offplatform'),
    ];
    const { body } = render(FlagList, { props: { flags } });
    expect(body).not.toContain('<img');
    expect(visibleText(body)).toContain(`‘${XSS}’`);
    expect(visibleText(body)).toContain('tanpa pengganti');
  });
});
