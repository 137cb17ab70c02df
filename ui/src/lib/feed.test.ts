import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_ROWS, FeedStore, toRowKind, type FeedRow } from './feed.svelte';
import {
  comment,
  follow,
  gift,
  join,
  like,
  session,
  share,
  streamEnd,
  viewers,
} from './test-fixtures';

const texts = (rows: FeedRow[]) =>
  rows.map((row) => (row.event.type === 'comment' ? row.event.text : row.event.type));

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

  it('lists comments, gifts, follows and shares; counts joins and likes', () => {
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
    expect(feed.rows.map((row) => [row.kind, row.event.type])).toEqual([
      ['comment', 'comment'],
      ['activity', 'gift'],
      ['activity', 'follow'],
      ['activity', 'share'],
    ]);
    expect(feed.totals).toEqual({ joins: 2, likes: 17, gifts: 3, diamonds: 15 });
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
    feed.apply({ events: [comment('a')], state: session({ comments: 1 }) });
    feed.apply({ events: [comment('b')], state: session({ comments: 2, archived: 1 }) });
    expect(feed.state).toMatchObject({ comments: 2, archived: 1 });
    expect(texts(feed.rows)).toEqual(['a', 'b']);
  });

  it('starts counters afresh on a new session but keeps the rows on screen', () => {
    const feed = new FeedStore();
    feed.apply({ events: [comment('old'), join(), like(4), streamEnd(null)], state: session() });
    feed.apply({ events: [join()], state: session({ session_id: 2 }) });
    expect(feed.totals.joins).toBe(1);
    expect(feed.totals.likes).toBe(0);
    expect(feed.streamEnded).toBeNull();
    expect(texts(feed.rows)).toEqual(['old']);
  });
});
