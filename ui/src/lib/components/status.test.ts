// Server-renders the status bar: what each source state says, the backup warning and the agency
// hub's line.

import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import type { HubStatus } from '../bindings/HubStatus';
import { FeedStore } from '../feed.svelte';
import { formatTime } from '../report';
import { appInfo, textOf } from '../test-fixtures';
import SourceStateItem from './SourceStateItem.svelte';
import StatusBar from './StatusBar.svelte';

describe('SourceStateItem', () => {
  it('says the source’s note in the UI’s language', () => {
    const { body } = render(SourceStateItem, {
      props: {
        state: 'error',
        note: {
          reason: {
            kind: 'tool_unreachable',
            tool: 'TikFinity',
            url: 'ws://localhost:21213',
            error: 'refused',
          },
          next: { kind: 'retry_in', seconds: 4 },
        },
        detail:
          'cannot connect to TikFinity at ws://localhost:21213 (refused); is it running?; retrying in 4 s',
      },
    });
    expect(body).toContain(
      'tidak bisa tersambung ke TikFinity di ws://localhost:21213 (refused); apakah TikFinity sudah dibuka?; coba lagi dalam 4 detik',
    );
  });

  it('says what a source is doing while it is not live, as text', () => {
    const { body } = render(SourceStateItem, {
      props: {
        state: 'offline',
        note: null,
        detail: '@toko <b>x</b> is not live now; checking again in 8 s',
        source: 'tiktok:@toko',
      },
    });
    expect(body).toContain('data-state="offline"');
    expect(body).toContain('data-testid="source-detail"');
    expect(body).toContain('@toko &lt;b>x&lt;/b> is not live now; checking again in 8 s');
    expect(body).not.toContain('<b>');
    expect(body).not.toContain('class="name"');
  });

  it('keeps quiet about details while live', () => {
    const { body } = render(SourceStateItem, {
      props: {
        state: 'live',
        note: { reason: { kind: 'tiktok_connected', handle: 'toko' }, next: null },
        detail: "connected to @toko's live",
      },
    });
    expect(body).not.toContain('source-detail');
  });

  it('names the source when the session has several, and gives the end reason', () => {
    const { body } = render(SourceStateItem, {
      props: {
        state: 'ended',
        note: { reason: { kind: 'tiktok_ended', handle: 'toko' }, next: null },
        detail: "@toko's live ended; watching for the next one",
        source: 'tiktok:@toko',
        named: true,
        endReason: 'the host ended the live',
        testid: 'source-state-0',
      },
    });
    expect(body).toContain('data-testid="source-state-0"');
    expect(body).toContain('>tiktok:@toko</span>');
    expect(body).toMatch(/source-detail[^>]*>· \S+.*the host ended the live/);
  });
});

describe('the status bar', () => {
  it('warns, as text, while the daily backup keeps failing', () => {
    const problem = 'D:\\Cadangan <img src=x onerror=alert(1)>: disk full';
    const { body } = render(StatusBar, {
      props: {
        feed: new FeedStore(),
        info: appInfo({ backup_problem: { code: 'io', message: problem } }),
        infoError: null,
      },
    });
    expect(body).not.toContain('<img src=x');
    expect(textOf(body, 'backup-problem', 'span')).toBe(
      `Cadangan harian gagal: Berkas tidak bisa dibaca atau ditulis: ${problem}`,
    );
  });

  it('says nothing about backups while they work', () => {
    const { body } = render(StatusBar, {
      props: { feed: new FeedStore(), info: appInfo(), infoError: null },
    });
    expect(body).not.toContain('data-testid="backup-problem"');
  });

  /** The status bar with the core's latest word on the hub. */
  function withHub(hub: HubStatus): string {
    const feed = new FeedStore();
    feed.apply({ type: 'hub', hub });
    return render(StatusBar, { props: { feed, info: appInfo(), infoError: null } }).body;
  }

  /** The hub item's opening tag. */
  function tagOf(body: string): string {
    // Up to the first `>` outside quotes: the core's reason in the title may hold one.
    const tag = body.match(/<span\b(?:[^>"]|"[^"]*")*?data-testid="hub-status"(?:[^>"]|"[^"]*")*>/);
    if (!tag) throw new Error(`no hub-status in ${body}`);
    return tag[0];
  }

  it('warns, as text, while the hub is out of reach: since when, what waits, why on hover', () => {
    const since = 1_796_634_000_000;
    const problem = 'http://192.168.1.10:47900 <img src=x onerror=alert(1)>: Connection refused';
    const body = withHub({
      state: 'unreachable',
      shop: 'Novilla <b>Official</b>',
      behind: 1840,
      problem,
      since,
      lexicon_version: null,
      lexicon_problem: null,
    });
    expect(body).not.toContain('<img src=x');
    expect(body).not.toContain('<b>');
    expect(textOf(body, 'hub-status', 'span')).toBe(
      `Hub tak terjangkau sejak ${formatTime(since, 'id')} — 1.840 peristiwa menunggu, tidak ada yang hilang`,
    );
    expect(tagOf(body)).toMatch(/class="item\b[^"]*\bwarn\b[^"]*" role="status"/);
    expect(tagOf(body)).toContain('data-state="unreachable"');
    expect(body).toContain(
      'title="http://192.168.1.10:47900 &lt;img src=x onerror=alert(1)>: Connection refused"',
    );
  });

  it('says the hub refused as an error, and how it is going otherwise', () => {
    const refused = withHub({
      state: 'refused',
      shop: 'Novilla Official',
      behind: 3,
      problem: 'wrong token',
      since: 1_796_634_000_000,
      lexicon_version: null,
      lexicon_problem: null,
    });
    expect(textOf(refused, 'hub-status', 'span')).toBe(
      'Hub menolak: wrong token — 3 peristiwa menunggu, tidak ada yang hilang',
    );
    expect(tagOf(refused)).toMatch(/class="item\b[^"]*\berror\b[^"]*" role="alert"/);
    expect(tagOf(refused)).toContain('data-state="refused"');
    const hub: HubStatus = {
      state: 'connected',
      shop: 'Novilla Official',
      behind: 0,
      problem: null,
      since: null,
      lexicon_version: null,
      lexicon_problem: null,
    };
    expect(textOf(withHub(hub), 'hub-status', 'span')).toBe('Hub: terhubung');
    expect(textOf(withHub({ ...hub, behind: 25 }), 'hub-status', 'span')).toBe(
      'Hub: mengirim, 25 tertunda',
    );
    expect(textOf(withHub({ ...hub, state: 'connecting' }), 'hub-status', 'span')).toBe(
      'Menghubungkan ke hub…',
    );
  });

  it('warns, as text, that the agency’s newest lexicon was refused, the core’s reason on hover', () => {
    const hub: HubStatus = {
      state: 'connected',
      shop: 'Novilla Official',
      behind: 0,
      problem: null,
      since: null,
      lexicon_version: 1,
      lexicon_problem: "v2: the agency's lexicon v2:1:8: <img src=x onerror=alert(1)>",
    };
    const body = withHub(hub);
    expect(body).not.toContain('<img src=x');
    expect(textOf(body, 'hub-lexicon-problem', 'span')).toBe(
      'Leksikon agensi terbaru ditolak; yang lama tetap dipakai',
    );
    expect(body).toMatch(
      /<span class="item warn problem\b[^"]*" role="status" data-testid="hub-lexicon-problem"/,
    );
    expect(body).toContain(
      `title="v2: the agency's lexicon v2:1:8: &lt;img src=x onerror=alert(1)>"`,
    );
    expect(textOf(body, 'hub-status', 'span')).toBe('Hub: terhubung');
    expect(withHub({ ...hub, lexicon_problem: null })).not.toContain(
      'data-testid="hub-lexicon-problem"',
    );
  });

  it('says nothing about a hub while none is set', () => {
    const body = withHub({
      state: 'off',
      shop: '',
      behind: 0,
      problem: null,
      since: null,
      lexicon_version: null,
      lexicon_problem: null,
    });
    expect(body).not.toContain('data-testid="hub-status"');
    expect(body).not.toContain('data-testid="hub-lexicon-problem"');
    const { body: before } = render(StatusBar, {
      props: { feed: new FeedStore(), info: appInfo(), infoError: null },
    });
    expect(before).not.toContain('data-testid="hub-status"');
  });
});
