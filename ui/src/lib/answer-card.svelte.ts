// The answer card beside the host's next question, as the console edits it: the co-host's own
// answer (the host view follows), and a missing fact added on the spot to the run sheet's slot.
// What a card says is decided in the core (src/answers/); after either call the core sends the
// `question` message again with the new card, so this only asks and says when it could not.

import { answerEdit, errorText, runSheetUse } from './api';
import type { AnswerCard } from './bindings/AnswerCard';
import type { Fact } from './bindings/Fact';
import type { ProductFacts } from './bindings/ProductFacts';
import type { RunSheet } from './bindings/RunSheet';
import type { RunSheetState } from './bindings/RunSheetState';
import type { ClockStore } from './clock.svelte';
import { MAX_NOTE_CHARS, type FeedbackStore } from './feedback.svelte';
import { locale, type MessageKey, type Params } from './i18n.svelte';

/** The core caps an edited answer as it caps a note. */
export const MAX_ANSWER_CHARS = MAX_NOTE_CHARS;
/** The core caps each product fact (src/answers/facts.rs). */
export const MAX_FACT_CHARS = 1_000;

/**
 * The slot whose facts the card read: the one of the product it names (the one on air when that
 * has the same name), else the one on air. Null when no sheet is loaded or nothing is on air.
 */
export function cardSlot(sheet: RunSheetState | null, card: AnswerCard): number | null {
  if (sheet === null || sheet.slots.length === 0) return null;
  const onAir = sheet.slot !== null && sheet.slot < sheet.slots.length ? sheet.slot : null;
  if (card.product === null) return onAir;
  if (onAir !== null && sheet.slots[onAir].product === card.product) return onAir;
  const named = sheet.slots.findIndex((slot) => slot.product === card.product);
  return named >= 0 ? named : onAir;
}

/** The value a fact is saved with: COD is yes or no; every other fact is text, trimmed. */
export type FactValue = string | boolean;

/**
 * The run sheet in force with `fact` set on slot `index`: the sheet the core is asked to save
 * and use (it stays on the slot on air). Null when the value is empty or the slot is gone.
 */
export function sheetWithFact(
  sheet: RunSheetState,
  index: number,
  fact: Fact,
  value: FactValue,
): RunSheet | null {
  const slot = sheet.slots[index];
  if (slot === undefined) return null;
  let facts: ProductFacts;
  if (fact === 'cod') {
    if (typeof value !== 'boolean') return null;
    facts = { ...slot.facts, cod: value };
  } else {
    const text = typeof value === 'string' ? value.trim() : '';
    if (text === '') return null;
    facts = { ...slot.facts, [fact]: text };
  }
  const slots = sheet.slots.map((each, at) => (at === index ? { ...each, facts } : each));
  return { name: sheet.name, slots };
}

export class AnswerDesk {
  /** A call under way; the card's buttons wait while one is. */
  busy = $state(false);
  error = $state<string | null>(null);

  constructor(
    readonly feedback: FeedbackStore,
    readonly clock: ClockStore | null,
  ) {}

  private async run(failed: MessageKey, task: () => Promise<void>): Promise<boolean> {
    if (this.busy) return false;
    this.busy = true;
    this.error = null;
    try {
      await task();
      return true;
    } catch (failure) {
      const params: Params = { error: errorText(failure, locale.t) };
      this.error = locale.t(failed, params);
      return false;
    } finally {
      this.busy = false;
    }
  }

  /** The slot a missing fact of `card` is added to, or null when there is none to add to. */
  slotFor(card: AnswerCard): number | null {
    return cardSlot(this.clock?.runSheet ?? null, card);
  }

  /**
   * The co-host's own answer to the question `commentId` (the host view shows it instead of the
   * facts' sentence); an empty one goes back to the facts. True once the core has it.
   */
  saveAnswer(commentId: string, answer: string): Promise<boolean> {
    const text = Array.from(answer.trim()).slice(0, MAX_ANSWER_CHARS).join('');
    return this.run('answerCardFailed', async () => {
      this.feedback.setCard(commentId, await answerEdit(commentId, text));
    });
  }

  /**
   * Sets a fact `card` lacks on its slot and saves the run sheet (saved by name and in force);
   * the core sends the card again with it. True once saved.
   */
  addFact(card: AnswerCard, fact: Fact, value: FactValue): Promise<boolean> {
    const sheet = this.clock?.runSheet ?? null;
    const index = cardSlot(sheet, card);
    const next = sheet === null || index === null ? null : sheetWithFact(sheet, index, fact, value);
    if (next === null) return Promise.resolve(false);
    return this.run('answerCardFactFailed', async () => {
      await runSheetUse(next);
    });
  }
}
