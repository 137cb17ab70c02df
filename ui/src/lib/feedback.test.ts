import { describe, expect, it } from 'vitest';
import {
  ANSWER_NEXT_KEY,
  confirmableKind,
  countByKind,
  editPatch,
  FEEDBACK_KINDS,
  FeedbackStore,
  kindForKey,
  MAX_NOTE_CHARS,
  openQuestions,
  patch,
  TAG_KEYS,
  tagCall,
} from './feedback.svelte';
import { feedbackEntry as entry } from './test-fixtures';

describe('tag keys', () => {
  it('map one letter to each kind, either case, and nothing else', () => {
    expect(kindForKey('k')).toBe('complaint');
    expect(kindForKey('K')).toBe('complaint');
    expect(kindForKey('t')).toBe('question');
    expect(kindForKey('r')).toBe('request');
    expect(kindForKey('j')).toBe('praise');
    expect(kindForKey('x')).toBeNull();
    expect(kindForKey('Enter')).toBeNull();
  });

  it('clash with none of the console’s other keys', () => {
    const letters = FEEDBACK_KINDS.map((kind) => TAG_KEYS[kind]);
    expect(new Set(letters).size).toBe(letters.length);
    // M mutes, P pins (the feed), F opens a drop (the console), A answers the next question.
    for (const taken of ['M', 'P', 'F', ANSWER_NEXT_KEY]) expect(letters).not.toContain(taken);
  });
});

describe('open questions', () => {
  it('are the unanswered questions, asked first on top', () => {
    const entries = [
      entry({ id: 1, comment_ts: 300 }),
      entry({ id: 2, comment_ts: 100, kind: 'complaint' }),
      entry({ id: 3, comment_ts: 200 }),
      entry({ id: 4, comment_ts: 50, answered_at: 999 }),
      entry({ id: 5, comment_ts: 200 }),
    ];
    expect(openQuestions(entries).map((each) => each.id)).toEqual([3, 5, 1]);
  });

  it('are counted with the other kinds', () => {
    const entries = [
      entry({ kind: 'question' }),
      entry({ kind: 'question', answered_at: 1 }),
      entry({ kind: 'praise' }),
    ];
    expect(countByKind(entries)).toEqual({ complaint: 0, question: 2, request: 0, praise: 1 });
  });
});

describe('tagging', () => {
  it('tags an untagged comment, changes a tag’s kind, and leaves the same kind alone', () => {
    expect(tagCall(null, 'praise')).toEqual({ call: 'tag', kind: 'praise' });
    expect(tagCall(entry({ id: 9, kind: 'question' }), 'complaint')).toEqual({
      call: 'update',
      id: 9,
      patch: {
        kind: 'complaint',
        note: null,
        product: null,
        answered: null,
        answer: null,
        missing: null,
      },
    });
    expect(tagCall(entry({ kind: 'question' }), 'question')).toBeNull();
  });

  it('confirms a suggestion only on an untagged comment', () => {
    expect(confirmableKind('question', null)).toBe('question');
    expect(confirmableKind(undefined, null)).toBeNull();
    expect(confirmableKind('question', entry())).toBeNull();
  });

  it('sends only what an edit changed, a cleared product as empty and the note capped', () => {
    const tagged = entry({ kind: 'question', product: 'Serum', note: 'cek stok' });
    expect(
      editPatch(tagged, { kind: 'question', product: ' Serum ', note: 'cek stok' }),
    ).toBeNull();
    expect(editPatch(tagged, { kind: 'request', product: '', note: 'cek stok' })).toEqual(
      patch({ kind: 'request', product: '' }),
    );
    const long = 'é'.repeat(MAX_NOTE_CHARS + 20);
    expect(editPatch(tagged, { kind: 'question', product: 'Serum', note: long })?.note).toBe(
      'é'.repeat(MAX_NOTE_CHARS),
    );
  });
});

describe('FeedbackStore', () => {
  it('follows the feedback and question messages', () => {
    const store = new FeedbackStore();
    store.apply({ type: 'feedback', feedback: { session: 7, entries: [entry()] } });
    expect(store.tagOf('m1')?.id).toBe(1);
    expect(store.open).toHaveLength(1);
    store.apply({ type: 'question', question: null, card: null });
    expect(store.next).toBeNull();
    const next = {
      feedback_id: 1,
      comment_id: 'm1',
      ts: 1,
      nickname: 'Sari',
      text: 'ready kak?',
      product: null,
      waiting: 0,
    };
    store.apply({ type: 'question', question: next, card: null });
    expect(store.next).toEqual(next);
  });

  it('shows a command’s answer at once, but not one from another live', () => {
    const store = new FeedbackStore();
    store.setState({ session: 7, entries: [entry({ id: 1, comment_ts: 100 })] });
    store.upsert(entry({ id: 2, comment_id: 'm0', comment_ts: 50, kind: 'praise' }));
    expect(store.state?.entries.map((each) => each.id)).toEqual([2, 1]);
    store.upsert(entry({ id: 1, comment_ts: 100, answered_at: 5 }));
    expect(store.open).toHaveLength(0);
    store.upsert(entry({ id: 3, session: 6, comment_id: 'old' }));
    expect(store.tagOf('old')).toBeNull();
    store.editing = 2;
    expect(store.edited?.id).toBe(2);
    store.remove(2);
    expect(store.tagOf('m0')).toBeNull();
    expect(store.editing).toBeNull();
  });
});
