// Server-renders the moderation views: what a co-host sees for flagged, impersonating and muted
// comments, the host banner and the script report, and that strangers' markup stays text.

import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import { bannerFor } from '../banner';
import type { ScriptReport } from '../bindings/ScriptReport';
import type { CommentEvent } from '../feed.svelte';
import type { Flag } from '../bindings/Flag';
import {
  authorFlag,
  comment,
  textOf,
  user,
  visibleText,
  why,
  withBanner,
  wordFlag,
} from '../test-fixtures';
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
      hits: [{ line: 2, column: 34, ...flag, why: null, cue: null }],
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

describe('the rule behind a flag', () => {
  const text = 'beli di tokped aja kak';
  const rival: Flag = {
    ...wordFlag(text, 'tokped', 'competitor', 'aplikasi hijau'),
    explain: {
      read_as: 'tokped',
      entry: 'tokped',
      evasions: [],
      cue: { cue: 'beli', matched: 'beli' },
    },
    why: why({ points: '2–24 poin' }),
  };

  it('is in the word’s tooltip and the badge’s, with the cue that made it fire', () => {
    const event = asComment(comment(text, [rival]));
    const { body } = render(CommentRow, { props: { event } });
    const tooltip = [
      'Pesaing · dibaca sebagai “tokped” · Pemicu: “beli” (konteks) · ganti: aplikasi hijau',
      'Aturan: Jangan arahkan pembeli ke toko atau aplikasi lain.',
      'Sumber: TikTok Shop Seller University: LIVE Rules (dibaca 2026-12-07)',
      'Poin pelanggaran: 2–24 poin',
    ].join('\n');
    expect(body).toContain(`title="${tooltip}"`);
    expect(body.match(/data-testid="category-badge"[^>]*title="([^"]*)"/)?.[1]).toBe(tooltip);
    expect(section(body, 'category-badge', 'span')).toBe('Pesaing');
  });

  it('shows an information-only flag as a quiet chip, never coloured as a finding', () => {
    const quiet = 'checkout di tokopedia kok kak';
    const info: Flag = {
      ...wordFlag(quiet, 'tokopedia', 'competitor', 'aplikasi hijau'),
      severity: 'none',
      info: true,
      why: why(),
    };
    const event = asComment(comment(quiet, [info]));
    expect(event.finding).toBeUndefined();
    const { body } = render(CommentRow, { props: { event } });
    expect(body).not.toMatch(/class="row[^"]*flagged/);
    expect(body).not.toContain('data-testid="category-badge"');
    expect(body).not.toContain('data-testid="suggestion"');
    expect(body).not.toContain('--flag-colour');
    expect(body).not.toContain('--cat');
    expect(textOf(body, 'info-chip', 'span')).toBe('info · Pesaing');
    expect(body).toMatch(
      /<mark class="flag info[^"]*" data-info="true" title="Info saja, bukan temuan/,
    );
    expect(section(body, 'comment-text', 'p')).toBe(quiet);
  });

  it('keeps a finding’s colour beside an information-only flag in the same comment', () => {
    const both = 'cek tokopedia, wa aku';
    const info: Flag = {
      ...wordFlag(both, 'tokopedia', 'competitor'),
      severity: 'none',
      info: true,
    };
    const contact: Flag = { ...wordFlag(both, 'wa', 'offplatform', 'chat di sini'), why: why() };
    const event = asComment(comment(both, [info, contact]));
    const { body } = render(CommentRow, { props: { event } });
    expect(body).toContain('data-category="offplatform"');
    expect(body).not.toContain('data-testid="info-chip"');
    expect(section(body, 'suggestion', 'span')).toBe('→ Ganti: chat di sini');
    expect(body).toMatch(/<mark class="flag info/);
  });

  it('is under the host banner, in one line with its points', () => {
    const banner = bannerFor(withBanner(comment(text, [rival]), 'competitor', rival.why), 0)!;
    const { body } = render(HostBanner, { props: { banner, ondismiss: () => {} } });
    expect(section(body, 'host-banner-why', 'p')).toBe(
      'Aturan: Jangan arahkan pembeli ke toko atau aplikasi lain. · Poin pelanggaran: 2–24 poin',
    );
    const plain = 'cek pasarku';
    const own = bannerFor(
      withBanner(comment(plain, [wordFlag(plain, 'pasarku', 'competitor')]), 'competitor'),
      0,
    )!;
    const { body: none } = render(HostBanner, { props: { banner: own, ondismiss: () => {} } });
    expect(none).not.toContain('host-banner-why');
  });

  it('is under each hit of a checked script, with the cue', () => {
    const script = 'Halo kak!\nkrim ini ampuh, beli di tokped ya';
    const ampuh = wordFlag(script, 'ampuh', 'claim');
    const tokped = wordFlag(script, 'tokped', 'competitor', 'aplikasi hijau');
    const claim = why({
      pack: 'klaim-kosmetik',
      policy: 'bpom-claims',
      rule: {
        id: 'Kosmetik tidak boleh diklaim mengobati.',
        en: 'Cosmetics may not claim to cure.',
      },
      source: 'Peraturan BPOM No. 18 Tahun 2024',
      read: '2026-12-01',
    });
    const report: ScriptReport = {
      hits: [
        { line: 2, column: 10, ...ampuh, why: claim, cue: null },
        { line: 2, column: 27, ...tokped, why: why(), cue: { cue: 'beli', matched: 'beli' } },
      ],
      fixed: script,
      unfixed: 1,
    };
    const { body } = render(ScriptReportView, { props: { script, report } });
    const hits = [...body.matchAll(/data-testid="script-hit"[^>]*>([\s\S]*?)<\/li>/g)].map(
      (match) => visibleText(match[1]!),
    );
    expect(hits).toEqual([
      '2:10 Klaim terlarang ampuh ‘ampuh’ → tanpa pengganti ' +
        'Aturan: Kosmetik tidak boleh diklaim mengobati. ' +
        'Sumber: Peraturan BPOM No. 18 Tahun 2024 (dibaca 2026-12-01)',
      '2:27 Pesaing tokped ‘tokped’ → aplikasi hijau ' +
        'Pemicu: “beli” (konteks) ' +
        'Aturan: Jangan arahkan pembeli ke toko atau aplikasi lain. ' +
        'Sumber: TikTok Shop Seller University: LIVE Rules (dibaca 2026-12-07)',
    ]);
  });

  it('is under the lexicon tester’s hits, and none where the hit names no rule', () => {
    const sentence = 'beli di tokped, ada pasarku';
    const { body } = render(FlagList, {
      props: { flags: [rival, wordFlag(sentence, 'pasarku', 'competitor')] },
    });
    expect([...body.matchAll(/data-testid="why"/g)]).toHaveLength(1);
    expect(textOf(body, 'why-cue', 'span')).toBe('Pemicu: “beli” (konteks)');
    expect(textOf(body, 'why-points', 'span')).toBe('Poin pelanggaran: 2–24 poin');
  });

  it('stays text when a shop’s own rule holds markup', () => {
    const odd: Flag = {
      ...rival,
      why: why({ rule: { id: XSS, en: XSS }, source: `<b>${XSS}</b>` }),
    };
    const banner = bannerFor(withBanner(comment(text, [odd]), 'competitor', odd.why), 0)!;
    const { body } = render(HostBanner, { props: { banner, ondismiss: () => {} } });
    expect(body).not.toContain('<img');
    expect(section(body, 'host-banner-why', 'p')).toBe(`Aturan: ${XSS}`);
    const { body: list } = render(FlagList, { props: { flags: [odd] } });
    expect(list).not.toContain('<img');
    expect(list).not.toContain('<b>');
    expect(textOf(list, 'why-source', 'span')).toBe(`Sumber: <b>${XSS}</b> (dibaca 2026-12-07)`);
  });
});
