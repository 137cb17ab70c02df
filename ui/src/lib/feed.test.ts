import { describe, expect, it } from 'vitest';
import type { Gap } from './bindings/Gap';
import type { HubStatus } from './bindings/HubStatus';
import type { LiveEvent } from './bindings/LiveEvent';
import type { SessionState } from './bindings/SessionState';
import { DEFAULT_MAX_ROWS, FeedStore, gapLine, toRowKind, type FeedRow } from './feed.svelte';
import { translate } from './i18n.svelte';
import {
  authorFlag,
  comment,
  follow,
  gift,
  join,
  like,
  session,
  share,
  streamEnd,
  user,
  viewers,
  wordFlag,
} from './test-fixtures';

/** What the core sends for one tick: the state (it may start a new session), then the batch. */
function receive(feed: FeedStore, events: LiveEvent[], state: SessionState): void {
  feed.apply({ type: 'session', state });
  feed.apply({ type: 'events', events });
}

const texts = (rows: FeedRow[]) =>
  rows.map((row) =>
    row.kind === 'gap' ? 'gap' : row.event.type === 'comment' ? row.event.text : row.event.type,
  );

const comments = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => comment(`c${from + i}`));

describe('batching', () => {
  it('keeps arrival order across several batches', () => {
    const feed = new FeedStore();
    feed.push([comment('a'), comment('b')]);
    feed.push([]);
    feed.push([comment('c')]);
    feed.push([comment('d'), comment('e'), comment('f')]);
    expect(texts(feed.rows)).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
  });

  it('keeps only the newest 2,000 of one batch of 5,000, in order', () => {
    const feed = new FeedStore();
    feed.push(comments(0, 5000));
    expect(feed.rows).toHaveLength(DEFAULT_MAX_ROWS);
    expect(DEFAULT_MAX_ROWS).toBe(2000);
    expect(texts(feed.rows)[0]).toBe('c3000');
    expect(texts(feed.rows).at(-1)).toBe('c4999');
    expect(texts(feed.rows)).toEqual(Array.from({ length: 2000 }, (_, i) => `c${3000 + i}`));
    expect(feed.dropped).toBe(3000);
  });

  it('gives every row a unique, increasing key even when source ids repeat', () => {
    const feed = new FeedStore();
    const repeated = comment('same id');
    feed.push([repeated, repeated, repeated]);
    const seqs = feed.rows.map((row) => row.seq);
    expect(new Set(seqs).size).toBe(3);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
  });

  it('replaces the rows array on each batch so views see the change', () => {
    const feed = new FeedStore();
    feed.push([comment('a')]);
    const before = feed.rows;
    feed.push([comment('b')]);
    expect(feed.rows).not.toBe(before);
    expect(texts(before)).toEqual(['a']);
  });
});

describe('bounded window', () => {
  it('drops the oldest rows across batches once full', () => {
    const feed = new FeedStore(3);
    feed.push([comment('1'), comment('2')]);
    feed.push([comment('3'), comment('4')]);
    expect(texts(feed.rows)).toEqual(['2', '3', '4']);
    feed.push([comment('5')]);
    expect(texts(feed.rows)).toEqual(['3', '4', '5']);
    expect(feed.dropped).toBe(2);
  });

  it('does not drop anything below the limit', () => {
    const feed = new FeedStore(10);
    feed.push(comments(0, 10));
    expect(feed.rows).toHaveLength(10);
    expect(feed.dropped).toBe(0);
  });

  it('rejects a window that cannot hold a row', () => {
    expect(() => new FeedStore(0)).toThrow(RangeError);
    expect(() => new FeedStore(1.5)).toThrow(RangeError);
  });
});

describe('auto-scroll pause', () => {
  it('follows by default and counts nothing while following', () => {
    const feed = new FeedStore();
    feed.push(comments(0, 5));
    expect(feed.following).toBe(true);
    expect(feed.newCount).toBe(0);
  });

  it('pauses when the user leaves the bottom and counts rows that arrive since', () => {
    const feed = new FeedStore();
    feed.push(comments(0, 5));
    feed.setAtBottom(false);
    expect(feed.following).toBe(false);
    expect(feed.newCount).toBe(0);
    feed.push(comments(5, 3));
    feed.push([comment('x'), gift(), join(), like(10), viewers(50)]);
    // 3 comments + 1 comment + 1 gift row; the join, like and viewer count are not rows.
    expect(feed.newCount).toBe(5);
  });

  it('jumpToBottom resets the count and follows again', () => {
    const feed = new FeedStore();
    feed.setAtBottom(false);
    feed.push(comments(0, 4));
    expect(feed.newCount).toBe(4);
    feed.jumpToBottom();
    expect(feed.following).toBe(true);
    expect(feed.newCount).toBe(0);
    feed.push(comments(4, 2));
    expect(feed.newCount).toBe(0);
  });

  it('scrolling back to the bottom by hand resumes too', () => {
    const feed = new FeedStore();
    feed.setAtBottom(false);
    feed.push(comments(0, 2));
    feed.setAtBottom(false); // more scrolling while paused keeps the count
    expect(feed.newCount).toBe(2);
    feed.setAtBottom(true);
    expect(feed.following).toBe(true);
    expect(feed.newCount).toBe(0);
  });

  it('counts every new row even when the window drops older ones', () => {
    const feed = new FeedStore(10);
    feed.setAtBottom(false);
    feed.push(comments(0, 25));
    expect(feed.newCount).toBe(25);
    expect(feed.rows).toHaveLength(10);
  });
});

describe('rows versus counters', () => {
  it('classifies every event kind', () => {
    expect(toRowKind(comment('hi'))).toBe('comment');
    expect(toRowKind(gift())).toBe('activity');
    expect(toRowKind(follow())).toBe('activity');
    expect(toRowKind(share())).toBe('activity');
    expect(toRowKind(join())).toBeNull();
    expect(toRowKind(like(1))).toBeNull();
    expect(toRowKind(viewers(1))).toBeNull();
    expect(toRowKind(streamEnd(null))).toBeNull();
  });

  it('lists comments, gifts, follows and shares, not joins and likes', () => {
    const feed = new FeedStore();
    feed.push([
      comment('halo'),
      join(),
      like(15),
      gift(3, 5),
      follow(),
      like(2),
      share(),
      join(),
      viewers(321),
    ]);
    expect(feed.rows.map((row) => [row.kind, row.kind === 'gap' ? 'gap' : row.event.type])).toEqual(
      [
        ['comment', 'comment'],
        ['activity', 'gift'],
        ['activity', 'follow'],
        ['activity', 'share'],
      ],
    );
  });

  it('takes the viewer count from events until the snapshot has one', () => {
    const feed = new FeedStore();
    feed.push([viewers(120), viewers(140)]);
    expect(feed.rows).toHaveLength(0);
    expect(feed.viewerCount).toBe(140);
    feed.setState(session({ viewer_count: 150 }));
    expect(feed.viewerCount).toBe(150);
  });

  it('records a stream end without adding a row', () => {
    const feed = new FeedStore();
    feed.push([comment('bye'), streamEnd('host ended the live')]);
    expect(feed.rows).toHaveLength(1);
    expect(feed.streamEnded).toEqual({ reason: 'host ended the live' });
  });
});

describe('session state', () => {
  it('keeps the latest snapshot from each update', () => {
    const feed = new FeedStore();
    expect(feed.state).toBeNull();
    receive(feed, [comment('a')], session({ comments: 1 }));
    receive(feed, [comment('b')], session({ comments: 2, archived: 1 }));
    expect(feed.state).toMatchObject({ comments: 2, archived: 1 });
    expect(texts(feed.rows)).toEqual(['a', 'b']);
  });

  it('forgets the ended stream on a new session but keeps the rows on screen', () => {
    const feed = new FeedStore();
    receive(feed, [comment('old'), join(), like(4), streamEnd(null)], session());
    receive(feed, [join()], session({ session_id: 2 }));
    expect(feed.streamEnded).toBeNull();
    expect(texts(feed.rows)).toEqual(['old']);
  });
});

/** A comment the lexicon flagged (competitor), so the flagged-only filter keeps it. */
const hit = (text: string) => comment(text, [wordFlag(text, text, 'competitor', 'aplikasi oren')]);
const mutedComment = (text: string) => comment(text, [authorFlag('muted')]);

describe('flagged-only filter', () => {
  it('shows only rows with a finding besides muted, and all rows again when off', () => {
    const feed = new FeedStore();
    feed.push([
      comment('clean'),
      hit('shopee'),
      gift(),
      mutedComment('hidden'),
      comment('caps', [authorFlag('spam', 'caps')]),
      comment('both', [authorFlag('muted'), authorFlag('spam', 'flood')]),
    ]);
    expect(texts(feed.shownRows)).toEqual(['clean', 'shopee', 'gift', 'hidden', 'caps', 'both']);
    feed.setFlaggedOnly(true);
    expect(texts(feed.shownRows)).toEqual(['shopee', 'caps', 'both']);
    feed.setFlaggedOnly(false);
    expect(texts(feed.shownRows)).toHaveLength(6);
  });

  it('filters within the bounded window: flagged rows leave with their neighbours', () => {
    const feed = new FeedStore(4);
    feed.setFlaggedOnly(true);
    feed.push([hit('a'), comment('1'), hit('b'), comment('2')]);
    expect(texts(feed.shownRows)).toEqual(['a', 'b']);
    feed.push([comment('3'), hit('c')]);
    // The window now holds b, 2, 3, c: `a` and `1` left it.
    expect(texts(feed.rows)).toEqual(['b', '2', '3', 'c']);
    expect(texts(feed.shownRows)).toEqual(['b', 'c']);
    feed.setFlaggedOnly(false);
    expect(texts(feed.shownRows)).toEqual(['b', '2', '3', 'c']);
  });

  it('counts only shown rows as dropped, so a paused reader is moved by what they saw', () => {
    const feed = new FeedStore(3);
    feed.setFlaggedOnly(true);
    feed.push([hit('a'), comment('1'), comment('2')]);
    feed.push([comment('3')]); // `a` leaves: it was on screen
    expect(feed.dropped).toBe(1);
    feed.push([comment('4'), comment('5')]); // `1` and `2` leave: they never were
    expect(feed.dropped).toBe(1);
  });

  it('counts only rows that pass the filter in the new-rows pill', () => {
    const feed = new FeedStore(5);
    feed.setFlaggedOnly(true);
    feed.setAtBottom(false);
    feed.push([comment('1'), hit('a'), comment('2'), mutedComment('m'), hit('b')]);
    expect(feed.newCount).toBe(2);
    // Even when the window overflows and drops some of them again.
    feed.push([hit('c'), hit('d'), hit('e'), hit('f'), comment('3')]);
    expect(feed.newCount).toBe(6);
    expect(texts(feed.shownRows)).toEqual(['c', 'd', 'e', 'f']);
  });

  it('counts every row in the pill when the filter is off', () => {
    const feed = new FeedStore();
    feed.setAtBottom(false);
    feed.push([comment('1'), hit('a')]);
    expect(feed.newCount).toBe(2);
  });

  it('follows the newest rows again when the filter is switched', () => {
    const feed = new FeedStore();
    feed.push([hit('a')]);
    feed.setAtBottom(false);
    feed.push([hit('b'), comment('1')]);
    expect(feed.newCount).toBe(2);
    feed.setFlaggedOnly(true);
    expect(feed.following).toBe(true);
    expect(feed.newCount).toBe(0);
    feed.push([comment('2')]);
    expect(feed.newCount).toBe(0);
  });
});

describe('muted authors', () => {
  it('marks muted comments and counts them for the session', () => {
    const feed = new FeedStore();
    receive(
      feed,
      [mutedComment('x'), comment('ok'), mutedComment('y')],
      session({ session_id: 1 }),
    );
    expect(feed.hiddenCount).toBe(2);
    expect(feed.rows.map((row) => row.kind === 'comment' && row.muted)).toEqual([
      true,
      false,
      true,
    ]);
  });

  it('counts hidden comments that the window already dropped, and restarts per session', () => {
    const feed = new FeedStore(2);
    receive(feed, [mutedComment('a'), mutedComment('b'), mutedComment('c')], session());
    expect(feed.rows).toHaveLength(2);
    expect(feed.hiddenCount).toBe(3);
    receive(feed, [mutedComment('d')], session({ session_id: 2 }));
    expect(feed.hiddenCount).toBe(1);
  });

  it('remembers authors muted from this window by their lower-case handle', () => {
    const feed = new FeedStore();
    feed.push([comment('hi', [], user({ unique_id: 'Spam.Bot' }))]);
    feed.markMuted('@Spam.Bot');
    expect(feed.mutedHere.has('spam.bot')).toBe(true);
    const before = feed.mutedHere;
    feed.markUnmuted('spam.bot');
    expect(feed.mutedHere.has('spam.bot')).toBe(false);
    expect(feed.mutedHere).not.toBe(before);
  });
});

describe('gaps', () => {
  const dropped = { kind: 'tool_closed' as const, tool: 'TikFinity' };
  const gap = (start: number, end: number | null): Gap => ({
    session: 1,
    source: 'tikfinity',
    start,
    end,
    duration_ms: end === null ? null : end - start,
    reason: dropped,
  });
  const at = (id: string, ts: number) => ({ ...comment(id), ts });
  const lines = (feed: FeedStore) =>
    feed.rows.map((row) =>
      row.kind === 'gap'
        ? gapLine(row.gap, (key, params) => translate('id', key, params))
        : row.event.type === 'comment'
          ? row.event.text
          : row.event.type,
    );

  it('shows a gap where it happened, open while the source is down, with its length once back', () => {
    const feed = new FeedStore();
    receive(feed, [at('sebelum', 1_000)], session());
    receive(feed, [], session({ gaps: [gap(2_000, null)] }));
    expect(feed.rows.map((row) => row.kind)).toEqual(['comment', 'gap']);
    const [, open] = feed.rows;
    expect(open?.kind === 'gap' && open.gap.end).toBe(null);
    expect(lines(feed)[1]).toMatch(
      /^Terputus sejak \d\d:\d\d:\d\d — komentar selama ini mungkin tidak masuk$/,
    );

    receive(feed, [at('sesudah', 45_000)], session({ gaps: [gap(2_000, 44_000)] }));
    expect(lines(feed)).toEqual([
      'sebelum',
      'Terputus 0:42 — komentar selama itu mungkin tidak masuk',
      'sesudah',
    ]);
    // The same row, updated in place: its key does not change under the reader.
    expect(feed.rows[1]!.seq).toBe(open!.seq);
    // The state keeps saying it: no second row.
    receive(feed, [], session({ gaps: [gap(2_000, 44_000)] }));
    expect(feed.rows.filter((row) => row.kind === 'gap')).toHaveLength(1);
  });

  it('puts a gap a late window learns of at its time, and keeps it in the flagged-only view', () => {
    const feed = new FeedStore();
    feed.push([at('a', 1_000), at('b', 5_000), at('c', 9_000)]);
    receive(feed, [], session({ gaps: [gap(4_000, 4_500)] }));
    expect(lines(feed).map((line) => line.split(' ')[0])).toEqual(['a', 'Terputus', 'b', 'c']);
    feed.setFlaggedOnly(true);
    expect(feed.shownRows.map((row) => row.kind)).toEqual(['gap']);
  });

  it('says the gap in English too, and counts it as new while the reader is scrolled up', () => {
    const feed = new FeedStore();
    feed.setAtBottom(false);
    receive(feed, [], session({ gaps: [gap(0, 72_000)] }));
    expect(feed.newCount).toBe(1);
    const row = feed.rows[0]!;
    expect(row.kind).toBe('gap');
    if (row.kind === 'gap') {
      expect(gapLine(row.gap, (key, params) => translate('en', key, params))).toBe(
        'Disconnected 1:12 — comments during that time may be missing',
      );
    }
  });
});

describe('the agency hub', () => {
  it('keeps the core’s latest word on the hub, and leaves the rows and counters alone', () => {
    const feed = new FeedStore();
    expect(feed.hub).toBeNull();
    feed.push([comment('a')]);
    const rows = feed.rows;
    const unreachable: HubStatus = {
      state: 'unreachable',
      shop: 'Novilla Official',
      behind: 1840,
      problem: 'Connection refused',
      since: 1_796_634_000_000,
      lexicon_version: null,
      lexicon_problem: null,
    };
    feed.apply({ type: 'hub', hub: unreachable });
    expect(feed.hub).toEqual(unreachable);
    const connected: HubStatus = { ...unreachable, state: 'connected', problem: null, since: null };
    feed.apply({ type: 'hub', hub: connected });
    expect(feed.hub).toEqual(connected);
    expect(feed.rows).toBe(rows);
    expect(feed.newCount).toBe(0);
    // A new live does not forget it: the hub is the desktop's, not the session's.
    receive(feed, [], session());
    expect(feed.hub).toEqual(connected);
  });
});
