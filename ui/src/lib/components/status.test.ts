// Server-renders the status bar: what each source state says, and the backup warning.

import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import { FeedStore } from '../feed.svelte';
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
});
