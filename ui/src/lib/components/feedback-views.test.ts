// Server-renders the feedback views: the tag chip and suggestion on a row, the "Belum dijawab"
// lane, the tag editor and search results. Nicknames, comments, products and notes come from
// strangers (or are typed over them): they must reach the page as text.

import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import type { SearchHit } from '../bindings/SearchHit';
import type { CommentEvent } from '../feed.svelte';
import { FeedbackStore } from '../feedback.svelte';
import { Tagging } from '../tagging.svelte';
import { comment, feedbackEntry, textOf } from '../test-fixtures';
import CommentRow from './CommentRow.svelte';
import QuestionLane from './QuestionLane.svelte';
import SearchResults from './SearchResults.svelte';
import TagEditor from './TagEditor.svelte';

const XSS = '<img src=x onerror=alert(1)>';

function laneWith(store: FeedbackStore): string {
  return render(QuestionLane, { props: { feedback: store, tagging: new Tagging(store) } }).body;
}

function commentEvent(overrides: Partial<CommentEvent> = {}): CommentEvent {
  return { ...(comment('ready kak?') as CommentEvent), ...overrides };
}

describe('a comment’s tag', () => {
  it('shows as a chip with its kind and product, as text', () => {
    const event = commentEvent();
    const tag = feedbackEntry({ comment_id: event.id, kind: 'complaint', product: XSS, note: XSS });
    const { body } = render(CommentRow, {
      props: { event, tag, ontag: () => {}, onedittag: () => {} },
    });
    expect(body).not.toContain('<img src=x');
    expect(body).toContain('data-kind="complaint"');
    expect(textOf(body, 'tag-chip', 'button')).toBe(`Keluhan · ${XSS} ✎`);
    expect(body).not.toContain('data-testid="tag-suggested"');
  });

  it('is suggested faintly while untagged, and the row offers the tag keys', () => {
    const event = commentEvent({ suggested: 'question' });
    const { body } = render(CommentRow, { props: { event, ontag: () => {} } });
    expect(textOf(body, 'tag-suggested', 'span')).toBe('saran: pertanyaan');
    for (const [kind, key] of [
      ['complaint', 'K'],
      ['question', 'T'],
      ['request', 'R'],
      ['praise', 'J'],
    ]) {
      expect(textOf(body, `tag-${kind}`, 'button')).toBe(key);
    }
    expect(body).toContain('title="Tandai sebagai keluhan (tombol K)"');
  });

  it('offers no tag keys where tagging is not wired', () => {
    const { body } = render(CommentRow, { props: { event: commentEvent() } });
    expect(body).not.toContain('data-testid="tag-complaint"');
  });
});

describe('the Belum dijawab lane', () => {
  it('lists open questions oldest first, the next one highlighted, all as text', () => {
    const store = new FeedbackStore();
    store.setState({
      session: 7,
      entries: [
        feedbackEntry({
          id: 2,
          comment_ts: 200,
          nickname: XSS,
          text: XSS,
          product: XSS,
          note: XSS,
        }),
        feedbackEntry({ id: 1, comment_ts: 100, nickname: 'Budi', text: 'ada warna lain?' }),
        feedbackEntry({ id: 3, comment_ts: 50, answered_at: 10 }),
        feedbackEntry({ id: 4, kind: 'praise' }),
      ],
    });
    store.apply({
      type: 'question',
      question: {
        feedback_id: 1,
        comment_id: 'm1',
        ts: 100,
        nickname: 'Budi',
        text: 'ada warna lain?',
        product: null,
        waiting: 1,
      },
      card: null,
    });
    const body = laneWith(store);
    expect(body).not.toContain('<img src=x');
    const items = body.split('data-testid="lane-question"').slice(1);
    expect(items).toHaveLength(2);
    expect(items[0]).toContain('data-next="true"');
    expect(items[0]).toContain('ada warna lain?');
    expect(items[1]).toContain('data-next="false"');
    expect(textOf(`<li data-testid="x"${items[1]}`, 'lane-text', 'p')).toBe(XSS);
    expect(textOf(`<li data-testid="x"${items[1]}`, 'lane-nickname', 'strong')).toBe(XSS);
    expect(textOf(`<li data-testid="x"${items[1]}`, 'lane-product', 'span')).toBe(XSS);
    expect(textOf(`<li data-testid="x"${items[1]}`, 'lane-note', 'span')).toBe(XSS);
    expect(textOf(body, 'lane-count', 'span')).toBe('2');
    // Each count is its own item (spaced by the layout).
    expect(textOf(body, 'feedback-counts', 'p')).toBe('Keluhan 0Pertanyaan 3Permintaan 0Pujian 1');
    expect(body.match(/data-testid="mark-answered"/g)).toHaveLength(2);
    expect(textOf(body, 'answer-next', 'button')).toBe('Berikutnya sudah dijawab A');
  });

  it('gives the global hotkey in the answer button’s hint, when one is set', () => {
    const store = new FeedbackStore();
    store.setState({ session: 7, entries: [] });
    const tagging = new Tagging(store);
    const withKey = render(QuestionLane, {
      props: { feedback: store, tagging, hotkey: 'CmdOrCtrl+Shift+J' },
    }).body;
    expect(withKey).toContain(
      'title="Tandai pertanyaan berikutnya sudah dijawab (tombol A) · Pintasan global: Ctrl+Shift+J"',
    );
    const without = render(QuestionLane, {
      props: { feedback: store, tagging, hotkey: null },
    }).body;
    expect(without).toContain('title="Tandai pertanyaan berikutnya sudah dijawab (tombol A)"');
  });

  it('shows the rules’ pick while nothing is tagged, as text', () => {
    const store = new FeedbackStore();
    store.setState({ session: 7, entries: [] });
    store.apply({
      type: 'question',
      question: {
        feedback_id: null,
        comment_id: 'm9',
        ts: 1,
        nickname: XSS,
        text: XSS,
        product: null,
        waiting: 0,
      },
      card: null,
    });
    const body = laneWith(store);
    expect(body).not.toContain('<img src=x');
    expect(textOf(body, 'lane-suggested-next', 'div')).toContain(XSS);
    expect(body).not.toContain('Belum ada pertanyaan');
  });

  it('says when no question waits, and shows the keys', () => {
    const store = new FeedbackStore();
    store.setState({ session: 7, entries: [] });
    store.apply({ type: 'question', question: null, card: null });
    const body = laneWith(store);
    expect(body).toContain('Belum ada pertanyaan yang menunggu.');
    expect(body).toMatch(/data-testid="answer-next"[^>]*disabled/);
    const legend = textOf(body, 'tag-legend', 'footer');
    for (const part of [
      'K keluhan',
      'T pertanyaan',
      'R permintaan',
      'J pujian',
      'Enter terima saran',
      'A pertanyaan berikutnya sudah dijawab',
    ]) {
      expect(legend).toContain(part);
    }
  });
});

describe('the tag editor', () => {
  it('prefills the product and note and shows the comment as text', () => {
    const store = new FeedbackStore();
    const entry = feedbackEntry({ nickname: XSS, text: XSS, product: 'Serum "30"', note: 'cek' });
    const { body } = render(TagEditor, {
      props: { entry, tagging: new Tagging(store), onclose: () => {} },
    });
    expect(body).not.toContain('<img src=x');
    expect(textOf(body, 'tag-editor-nickname', 'strong')).toBe(XSS);
    expect(textOf(body, 'tag-editor-text', 'span')).toBe(XSS);
    expect(body).toMatch(/data-testid="tag-product-input"[^>]*value="Serum &quot;30&quot;"/);
    expect(body).toMatch(/data-testid="tag-note-input"[^>]*maxlength="500"/);
    expect(body).toContain('data-testid="tag-remove"');
  });
});

describe('search results', () => {
  it('show when, who, what and the tag, all as text', () => {
    const hits: SearchHit[] = [
      {
        session: 3,
        comment_id: 'm1',
        ts: Date.UTC(2026, 0, 5, 12, 0),
        unique_id: 'x<y',
        nickname: XSS,
        text: XSS,
        feedback_id: 4,
        kind: 'request',
        note: XSS,
      },
      {
        session: 3,
        comment_id: 'm2',
        ts: Date.UTC(2026, 0, 5, 12, 1),
        unique_id: 'budi',
        nickname: 'Budi',
        text: 'serum ready?',
        feedback_id: null,
        kind: null,
        note: null,
      },
    ];
    const { body } = render(SearchResults, { props: { hits, timeZone: 'Asia/Jakarta' } });
    expect(body).not.toContain('<img src=x');
    expect(body.match(/data-testid="search-hit"/g)).toHaveLength(2);
    expect(textOf(body, 'hit-nickname', 'strong')).toBe(XSS);
    expect(textOf(body, 'hit-text', 'p')).toBe(XSS);
    expect(textOf(body, 'hit-note', 'p')).toBe(XSS);
    expect(textOf(body, 'hit-kind', 'span')).toBe('Permintaan');
    expect(body).toContain('19.00');
    expect(body.match(/data-testid="hit-kind"/g)).toHaveLength(1);
  });
});
