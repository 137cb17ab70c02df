// The answer card as the console edits it: the card kept from the `question` message, the
// co-host's answer sent to the core with the question's comment id, and a missing fact added
// to the slot the card read and the run sheet saved.

import { beforeEach, describe, expect, it, vi } from 'vitest';

const { answerEdit, runSheetUse } = vi.hoisted(() => ({
  answerEdit: vi.fn(),
  runSheetUse: vi.fn(),
}));
vi.mock('./api', async (importOriginal) => ({
  ...(await importOriginal<typeof import('./api')>()),
  answerEdit,
  runSheetUse,
}));

import { AnswerDesk, cardSlot, sheetWithFact } from './answer-card.svelte';
import type { AnswerCard } from './bindings/AnswerCard';
import type { NextQuestion } from './bindings/NextQuestion';
import { ClockStore } from './clock.svelte';
import { FeedbackStore } from './feedback.svelte';
import { clockState, runSheetState, slot } from './test-fixtures';

function question(overrides: Partial<NextQuestion> = {}): NextQuestion {
  return {
    feedback_id: 1,
    comment_id: 'm1',
    ts: 100,
    nickname: 'Budi',
    text: 'ukurannya apa aja kak?',
    product: null,
    waiting: 0,
    ...overrides,
  };
}

function card(overrides: Partial<AnswerCard> = {}): AnswerCard {
  return {
    comment_id: 'm1',
    kind: 'size',
    product: 'Serum Novilla 30 ml',
    answer: null,
    missing: ['sizes'],
    edited: false,
    ...overrides,
  };
}

/** A feedback store showing `next` with `shown`, and a clock with slot 0 of two on air. */
function desk(shown: AnswerCard | null = card(), onAir: number | null = 0) {
  const feedback = new FeedbackStore();
  feedback.apply({ type: 'question', question: question(), card: shown });
  const clock = new ClockStore();
  clock.set(clockState({ run_sheet: runSheetState({ slot: onAir }) }), 0);
  return { feedback, clock, desk: new AnswerDesk(feedback, clock) };
}

beforeEach(() => {
  answerEdit.mockReset();
  runSheetUse.mockReset();
});

describe('the feedback store', () => {
  it('keeps the card from the same question message, and only for that question', () => {
    const feedback = new FeedbackStore();
    feedback.apply({ type: 'question', question: question(), card: card() });
    expect(feedback.next?.comment_id).toBe('m1');
    expect(feedback.nextCard).toEqual(card());
    feedback.apply({ type: 'question', question: question({ comment_id: 'm2' }), card: null });
    expect(feedback.card).toBeNull();
    expect(feedback.nextCard).toBeNull();
    feedback.card = card();
    expect(feedback.nextCard).toBeNull();
  });

  it('takes a command’s card only while its question is still the next', () => {
    const feedback = new FeedbackStore();
    feedback.apply({ type: 'question', question: question(), card: card() });
    const edited = card({ answer: 'S sampai XL', missing: [], edited: true });
    feedback.setCard('m9', edited);
    expect(feedback.card).toEqual(card());
    feedback.setCard('m1', edited);
    expect(feedback.card).toEqual(edited);
  });
});

describe('the slot a card’s facts are added to', () => {
  const sheet = runSheetState({
    slot: 1,
    slots: [slot({ product: 'Daster' }), slot({ product: 'Serum' }), slot({ product: 'Daster' })],
  });

  it('is the one on air for a card about it or about no product', () => {
    expect(cardSlot(sheet, card({ product: 'Serum' }))).toBe(1);
    expect(cardSlot(sheet, card({ product: null }))).toBe(1);
  });

  it('is the product’s own slot when the question named another product', () => {
    expect(cardSlot(sheet, card({ product: 'Daster' }))).toBe(0);
    expect(cardSlot({ ...sheet, slot: 2 }, card({ product: 'Daster' }))).toBe(2);
  });

  it('is none without a sheet or a slot on air', () => {
    expect(cardSlot(null, card())).toBeNull();
    expect(cardSlot({ ...sheet, slot: null }, card({ product: 'Gone' }))).toBeNull();
    expect(cardSlot(runSheetState({ name: '', slots: [], slot: null }), card())).toBeNull();
  });
});

describe('a fact set on a slot', () => {
  const sheet = runSheetState({ slot: 0 });

  it('changes that slot’s facts only, trimmed, and keeps the sheet’s name', () => {
    const next = sheetWithFact(sheet, 0, 'sizes', '  S, M, L  ');
    expect(next?.name).toBe('Payday');
    expect(next?.slots[0].facts.sizes).toBe('S, M, L');
    expect(next?.slots[0].facts.material).toBeNull();
    expect(next?.slots[1]).toEqual(sheet.slots[1]);
    expect(sheet.slots[0].facts.sizes).toBeNull();
  });

  it('sets COD as yes or no', () => {
    expect(sheetWithFact(sheet, 0, 'cod', false)?.slots[0].facts.cod).toBe(false);
    expect(sheetWithFact(sheet, 0, 'cod', 'ya')).toBeNull();
  });

  it('is nothing for an empty value or a slot that is gone', () => {
    expect(sheetWithFact(sheet, 0, 'sizes', '   ')).toBeNull();
    expect(sheetWithFact(sheet, 5, 'sizes', 'S')).toBeNull();
  });
});

describe('the co-host’s answer', () => {
  it('is sent with the question’s comment id and shown from the core’s card', async () => {
    const { feedback, desk: answers } = desk();
    const saved = card({ answer: 'Ada S sampai XL kak', missing: [], edited: true });
    answerEdit.mockResolvedValueOnce(saved);
    expect(await answers.saveAnswer('m1', '  Ada S sampai XL kak ')).toBe(true);
    expect(answerEdit).toHaveBeenCalledWith('m1', 'Ada S sampai XL kak');
    expect(feedback.nextCard).toEqual(saved);
    expect(answers.error).toBeNull();
  });

  it('cleared goes back to the facts’ sentence', async () => {
    const { feedback, desk: answers } = desk(
      card({ answer: 'punyaku', missing: [], edited: true }),
    );
    answerEdit.mockResolvedValueOnce(card());
    await answers.saveAnswer('m1', '   ');
    expect(answerEdit).toHaveBeenCalledWith('m1', '');
    expect(feedback.nextCard?.edited).toBe(false);
  });

  it('says why when the core refuses it, keeping the card', async () => {
    const { feedback, desk: answers } = desk();
    answerEdit.mockRejectedValueOnce({
      code: 'invalid',
      message: 'answer: at most 500 characters',
    });
    expect(await answers.saveAnswer('m1', 'x')).toBe(false);
    expect(answers.error).toBe(
      'Jawaban tidak tersimpan: Isian tidak valid: answer: at most 500 characters',
    );
    expect(feedback.nextCard).toEqual(card());
    expect(answers.busy).toBe(false);
  });
});

describe('a missing fact added on the spot', () => {
  it('is set on the slot on air and the run sheet saved', async () => {
    const { clock, desk: answers } = desk();
    runSheetUse.mockResolvedValueOnce(clock.runSheet);
    expect(await answers.addFact(card(), 'sizes', 'S, M, L, XL')).toBe(true);
    expect(runSheetUse).toHaveBeenCalledTimes(1);
    const saved = runSheetUse.mock.calls[0][0];
    expect(saved.name).toBe('Payday');
    expect(saved.slots[0].facts.sizes).toBe('S, M, L, XL');
    expect(saved.slots[1].facts.sizes).toBeNull();
  });

  it('sets COD from its yes or no', async () => {
    const { desk: answers } = desk(card({ kind: 'cod', missing: ['cod'] }));
    runSheetUse.mockResolvedValueOnce(null);
    await answers.addFact(card({ kind: 'cod', missing: ['cod'] }), 'cod', true);
    expect(runSheetUse.mock.calls[0][0].slots[0].facts.cod).toBe(true);
  });

  it('asks nothing with no slot on air, or nothing typed', async () => {
    const { desk: answers } = desk(card({ product: null }), null);
    expect(answers.slotFor(card({ product: null }))).toBeNull();
    expect(await answers.addFact(card({ product: null }), 'sizes', 'S')).toBe(false);
    const { desk: onAir } = desk();
    expect(await onAir.addFact(card(), 'sizes', ' ')).toBe(false);
    expect(runSheetUse).not.toHaveBeenCalled();
  });

  it('says why when the run sheet could not be saved', async () => {
    const { desk: answers } = desk();
    runSheetUse.mockRejectedValueOnce({
      code: 'invalid',
      message: 'slots[0].facts.sizes: too long',
    });
    expect(await answers.addFact(card(), 'sizes', 'S')).toBe(false);
    expect(answers.error).toBe(
      'Fakta tidak tersimpan: Isian tidak valid: slots[0].facts.sizes: too long',
    );
  });
});
