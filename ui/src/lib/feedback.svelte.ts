// The feedback log as the console sees it: the current live's tags (`feedback` messages), the
// question the host should answer next (`question` messages), and the one-key tagging in the
// feed. The core decides everything (suggestions, the queue's order); this only shows it.

import type { AnswerCard } from './bindings/AnswerCard';
import type { FeedbackEntry } from './bindings/FeedbackEntry';
import type { FeedbackKind } from './bindings/FeedbackKind';
import type { FeedbackPatch } from './bindings/FeedbackPatch';
import type { FeedbackState } from './bindings/FeedbackState';
import type { NextQuestion } from './bindings/NextQuestion';
import type { Outbound } from './bindings/Outbound';
import type { MessageKey } from './i18n.svelte';

export type { AnswerCard, FeedbackEntry, FeedbackKind, NextQuestion };

export const FEEDBACK_KINDS: readonly FeedbackKind[] = [
  'complaint',
  'question',
  'request',
  'praise',
];

/**
 * One key per kind, on the feed's selected comment. M is taken (mute) and P (pin), so a request
 * is R (Indonesian "permintaan" would have been M).
 */
export const TAG_KEYS: Readonly<Record<FeedbackKind, string>> = {
  complaint: 'K',
  question: 'T',
  request: 'R',
  praise: 'J',
};

/** Confirms the rules' suggestion on the selected comment. */
export const CONFIRM_SUGGESTION_KEY = 'Enter';
/** Marks the next question answered, anywhere in the console. */
export const ANSWER_NEXT_KEY = 'A';

/** A note is a short reminder, not an essay; the core caps it too. */
export const MAX_NOTE_CHARS = 500;

/** The kind a plain key press tags with, or null for any other key. */
export function kindForKey(key: string): FeedbackKind | null {
  const upper = key.toUpperCase();
  for (const kind of FEEDBACK_KINDS) if (TAG_KEYS[kind] === upper) return kind;
  return null;
}

const KIND_LABELS: Record<FeedbackKind, MessageKey> = {
  complaint: 'feedbackComplaint',
  question: 'feedbackQuestion',
  request: 'feedbackRequest',
  praise: 'feedbackPraise',
};

/** The kind's name, e.g. "Keluhan". */
export function kindLabel(kind: FeedbackKind): MessageKey {
  return KIND_LABELS[kind];
}

export function isFeedbackKind(value: unknown): value is FeedbackKind {
  return typeof value === 'string' && (FEEDBACK_KINDS as readonly string[]).includes(value);
}

/** Questions not yet marked answered, the one asked first at the top. */
export function openQuestions(entries: readonly FeedbackEntry[]): FeedbackEntry[] {
  return entries
    .filter((entry) => entry.kind === 'question' && entry.answered_at === null)
    .sort((a, b) => a.comment_ts - b.comment_ts || a.id - b.id);
}

/** How many tags of each kind, every kind present (0 when none). */
export function countByKind(entries: readonly FeedbackEntry[]): Record<FeedbackKind, number> {
  const counts: Record<FeedbackKind, number> = { complaint: 0, question: 0, request: 0, praise: 0 };
  for (const entry of entries) if (isFeedbackKind(entry.kind)) counts[entry.kind] += 1;
  return counts;
}

/** A patch that changes only what is given; everything else stays as it is. */
export function patch(fields: Partial<FeedbackPatch>): FeedbackPatch {
  return {
    kind: null,
    note: null,
    product: null,
    answered: null,
    answer: null,
    missing: null,
    ...fields,
  };
}

/**
 * The patch an edit form's values make against `entry`: only what changed. A cleared product is
 * sent as "" (the core clears it); the note is trimmed and cut to the cap. Null when nothing
 * changed.
 */
export function editPatch(
  entry: FeedbackEntry,
  form: { kind: FeedbackKind; product: string; note: string },
): FeedbackPatch | null {
  const product = form.product.trim();
  const note = Array.from(form.note.trim()).slice(0, MAX_NOTE_CHARS).join('');
  const changes: Partial<FeedbackPatch> = {};
  if (form.kind !== entry.kind) changes.kind = form.kind;
  if (product !== (entry.product ?? '')) changes.product = product;
  if (note !== entry.note) changes.note = note;
  return Object.keys(changes).length === 0 ? null : patch(changes);
}

/**
 * What one tag key does to a comment: tag it, change its tag's kind, or nothing (it already has
 * that kind: a second press must not undo the first).
 */
export type TagCall =
  { call: 'tag'; kind: FeedbackKind } | { call: 'update'; id: number; patch: FeedbackPatch } | null;

export function tagCall(existing: FeedbackEntry | null, kind: FeedbackKind): TagCall {
  if (existing === null) return { call: 'tag', kind };
  if (existing.kind === kind) return null;
  return { call: 'update', id: existing.id, patch: patch({ kind }) };
}

/** The kind Enter confirms on a comment: the rules' suggestion, while it has no tag yet. */
export function confirmableKind(
  suggested: FeedbackKind | undefined,
  existing: FeedbackEntry | null,
): FeedbackKind | null {
  return existing === null && isFeedbackKind(suggested) ? suggested : null;
}

export class FeedbackStore {
  /** The current live's tags; null until the first `feedback` message (the snapshot's). */
  state = $state.raw<FeedbackState | null>(null);
  /** The question the host should answer next; null when there is none. */
  next = $state.raw<NextQuestion | null>(null);
  /** The answer card beside `next` (the same `question` message); null when there is none. */
  card = $state.raw<AnswerCard | null>(null);
  /** The tag whose editor is open in the console, by id. */
  editing = $state<number | null>(null);

  /** Tags by the comment they are on. */
  byComment = $derived(
    new Map((this.state?.entries ?? []).map((entry) => [entry.comment_id, entry] as const)),
  );
  open = $derived(openQuestions(this.state?.entries ?? []));
  counts = $derived(countByKind(this.state?.entries ?? []));
  /** The entry being edited, while it still exists. */
  edited = $derived(
    this.editing === null
      ? null
      : ((this.state?.entries ?? []).find((entry) => entry.id === this.editing) ?? null),
  );

  /** One message of the core's outbound stream; only `feedback` and `question` concern this. */
  apply(message: Outbound): void {
    if (message.type === 'feedback') this.setState(message.feedback);
    else if (message.type === 'question') {
      this.next = message.question;
      this.card = message.card;
    }
  }

  /** The card of the question shown next, or null (none, or one left from another question). */
  get nextCard(): AnswerCard | null {
    const card = this.card;
    return card !== null && card.comment_id === this.next?.comment_id ? card : null;
  }

  /**
   * A command's answer for the card of `commentId`, shown at once while that question is still
   * the next; the `question` message that follows says the same.
   */
  setCard(commentId: string, card: AnswerCard | null): void {
    if (this.next?.comment_id === commentId) this.card = card;
  }

  setState(next: FeedbackState): void {
    this.state = next;
  }

  tagOf(commentId: string): FeedbackEntry | null {
    return this.byComment.get(commentId) ?? null;
  }

  /**
   * A command's answer, shown at once; the `feedback` message that follows says the same. An
   * entry of another live (a row from before a restart) is not this live's, so it is left out.
   */
  upsert(entry: FeedbackEntry): void {
    const state = this.state;
    if (state === null || (state.session !== null && entry.session !== state.session)) return;
    const entries = state.entries.some((each) => each.id === entry.id)
      ? state.entries.map((each) => (each.id === entry.id ? entry : each))
      : [...state.entries, entry].sort((a, b) => a.comment_ts - b.comment_ts || a.id - b.id);
    this.state = { ...state, entries };
  }

  remove(id: number): void {
    const state = this.state;
    if (state === null) return;
    this.state = { ...state, entries: state.entries.filter((entry) => entry.id !== id) };
    if (this.editing === id) this.editing = null;
  }
}
