// The run-sheet editor's model: slots as the co-host types them (times as M:SS) and the list
// operations behind add, duplicate, delete and reorder. Pure functions over arrays: the
// component keeps the array in state and replaces it on each edit.

import type { ProductFacts } from './bindings/ProductFacts';
import type { QaPair } from './bindings/QaPair';
import type { RunSheet } from './bindings/RunSheet';
import type { RunSheetState } from './bindings/RunSheetState';
import type { Slot } from './bindings/Slot';
import type { MessageKey, Params } from './i18n.svelte';
import { formatClock, formatSeconds, parseClock } from './time';

/** The slot the live is on, or null before the start (or with no sheet). */
export function currentSlot(sheet: RunSheetState | null): Slot | null {
  return sheet?.slot == null ? null : (sheet.slots[sheet.slot] ?? null);
}

/** Time left in a slot, "4:12", or how far over time it is, "+1:05 lewat". */
export function slotTimeText(ms: number, t: (key: MessageKey, params?: Params) => string): string {
  return ms < 0 ? t('slotOverTime', { time: formatClock(ms) }) : formatClock(ms);
}

/** One slot in the editor. `key` is ours, for the list's identity while rows move. */
export type SlotRow = {
  key: number;
  product: string;
  price: string;
  duration: string;
  talkingPoints: string;
  dropPrice: string;
  dropWindow: string;
  dropStock: string;
  /** The frame this slot puts on air (a template's id); empty: the frame on air stays. */
  template: string;
  /** The product's id in the TikTok shop (digits); empty: linked when the host first pins it. */
  tiktokProductId: string;
  /** What the answer cards read (material, sizes, shipping, …); empty text is no fact. */
  facts: ProductFacts;
};

export type SlotField = Exclude<keyof SlotRow, 'key'>;

/** A row that cannot be saved as typed: which one, which field, and why. */
export type RowProblem = { row: number; field: SlotField; message: MessageKey };

/** A new slot's length until the co-host changes it. */
export const NEW_SLOT_SECONDS = 10 * 60;

let lastKey = 0;
const nextKey = (): number => ++lastKey;

export function emptyRow(): SlotRow {
  return {
    key: nextKey(),
    product: '',
    price: '',
    duration: formatSeconds(NEW_SLOT_SECONDS),
    talkingPoints: '',
    dropPrice: '',
    dropWindow: '',
    dropStock: '',
    template: '',
    tiktokProductId: '',
    facts: emptyFacts(),
  };
}

/** The facts typed as text: every one but COD (a yes or no) and the questions. */
export const TEXT_FACTS = [
  'material',
  'sizes',
  'colours',
  'stock',
  'price',
  'promo_price',
  'shipping',
  'warranty',
  'returns',
] as const satisfies readonly (keyof ProductFacts)[];

export type TextFact = (typeof TEXT_FACTS)[number];

/** A fact (or one side of a question) is a line or two; the core takes no more. */
export const MAX_FACT_CHARS = 1000;
/** Questions and answers per product, as many as the core takes. */
export const MAX_QA_PAIRS = 50;

/** A fact's box as typed: null when nothing is in it, the text as is otherwise. */
export function factText(text: string): string | null {
  return text.trim() === '' ? null : text;
}

/** A deep copy of `facts`; the editor's rows are Svelte state (proxies), which `structuredClone`
 * refuses. */
export function copyFacts(facts: ProductFacts): ProductFacts {
  return { ...facts, qa: facts.qa.map((pair) => ({ ...pair })) };
}

/** How many facts are filled: text with something in it, COD when set, each question. */
export function filledFacts(facts: ProductFacts): number {
  const texts = TEXT_FACTS.filter((key) => (facts[key] ?? '').trim() !== '').length;
  const questions = facts.qa.filter(
    (pair) => pair.question.trim() !== '' || pair.answer.trim() !== '',
  ).length;
  return texts + (facts.cod === null ? 0 : 1) + questions;
}

/** Why a question and its answer cannot be saved, or null (both empty is fine: it is dropped). */
export function qaProblem(pair: QaPair): MessageKey | null {
  const question = pair.question.trim();
  const answer = pair.answer.trim();
  if (question === '' && answer === '') return null;
  if (question === '' || answer === '') return 'factsQaHalf';
  // One pair is one spreadsheet cell, `question | answer`, in the run sheet's CSV.
  if (question.includes('|')) return 'factsQaBar';
  return null;
}

/** The facts to save: text trimmed (empty: null), empty questions dropped; or why not. */
export function factsFromRow(
  facts: ProductFacts,
): { facts: ProductFacts } | { message: MessageKey } {
  const qa: QaPair[] = [];
  for (const pair of facts.qa) {
    const problem = qaProblem(pair);
    if (problem !== null) return { message: problem };
    const question = pair.question.trim();
    const answer = pair.answer.trim();
    if (question !== '') qa.push({ question, answer });
  }
  if (qa.length > MAX_QA_PAIRS) return { message: 'factsQaTooMany' };
  const saved: ProductFacts = { ...emptyFacts(), cod: facts.cod, qa };
  for (const key of TEXT_FACTS) {
    const text = facts[key]?.trim() ?? '';
    saved[key] = text === '' ? null : text;
  }
  return { facts: saved };
}

/** A product no one has typed facts for. */
export function emptyFacts(): ProductFacts {
  return {
    material: null,
    sizes: null,
    colours: null,
    stock: null,
    price: null,
    promo_price: null,
    shipping: null,
    cod: null,
    warranty: null,
    returns: null,
    qa: [],
  };
}

export function rowFromSlot(slot: Slot): SlotRow {
  return {
    key: nextKey(),
    product: slot.product,
    price: slot.price,
    duration: formatSeconds(slot.seconds),
    talkingPoints: slot.talking_points,
    dropPrice: slot.drop?.price ?? '',
    dropWindow: slot.drop?.seconds == null ? '' : formatSeconds(slot.drop.seconds),
    dropStock: slot.drop?.stock?.toString() ?? '',
    template: slot.template ?? '',
    tiktokProductId: slot.tiktok_product_id ?? '',
    facts: copyFacts(slot.facts),
  };
}

export function rowsFromSheet(sheet: { slots: readonly Slot[] }): SlotRow[] {
  return sheet.slots.map(rowFromSlot);
}

/** A count typed or left empty: the number, null when empty, undefined when not a count. */
export function optionalCount(text: string): number | null | undefined {
  if (text.trim() === '') return null;
  const value = Number(text.trim());
  return Number.isInteger(value) && value >= 0 ? value : undefined;
}

/** The slot `row` stands for, or the first field that cannot be read (`row` is 0 here). */
export function slotFromRow(row: SlotRow): { slot: Slot } | { problem: RowProblem } {
  const fail = (field: SlotField, message: MessageKey) => ({
    problem: { row: 0, field, message },
  });
  const product = row.product.trim();
  if (product === '') return fail('product', 'slotProductMissing');
  const seconds = parseClock(row.duration);
  if (seconds === null) return fail('duration', 'timeInvalid');
  let drop: Slot['drop'] = null;
  if (row.dropPrice.trim() !== '') {
    const window = row.dropWindow.trim() === '' ? null : parseClock(row.dropWindow);
    if (window === null && row.dropWindow.trim() !== '') return fail('dropWindow', 'timeInvalid');
    const stock = optionalCount(row.dropStock);
    if (stock === undefined) return fail('dropStock', 'stockInvalid');
    drop = { price: row.dropPrice.trim(), seconds: window, stock };
  }
  const facts = factsFromRow(row.facts);
  if ('message' in facts) return fail('facts', facts.message);
  const tiktokProductId = row.tiktokProductId.trim();
  if (tiktokProductId !== '' && !/^\d{1,20}$/.test(tiktokProductId))
    return fail('tiktokProductId', 'tiktokProductIdInvalid');
  return {
    slot: {
      product,
      price: row.price.trim(),
      seconds,
      talking_points: row.talkingPoints.trim(),
      drop,
      template: row.template.trim() === '' ? null : row.template.trim(),
      facts: facts.facts,
      tiktok_product_id: tiktokProductId === '' ? null : tiktokProductId,
    },
  };
}

/** The sheet to save, or the first row that cannot be read (0-based). */
export function sheetFromRows(
  name: string,
  rows: readonly SlotRow[],
): { sheet: RunSheet } | { problem: RowProblem | { row: null; message: MessageKey } } {
  if (name.trim() === '') return { problem: { row: null, message: 'runSheetNameMissing' } };
  const slots: Slot[] = [];
  for (const [index, row] of rows.entries()) {
    const read = slotFromRow(row);
    if ('problem' in read) return { problem: { ...read.problem, row: index } };
    slots.push(read.slot);
  }
  return { sheet: { name: name.trim(), slots } };
}

/** `items` with the one at `from` moved to `to` (both clamped to the list). */
export function moveItem<T>(items: readonly T[], from: number, to: number): T[] {
  const next = [...items];
  if (from < 0 || from >= items.length) return next;
  const target = Math.min(Math.max(to, 0), items.length - 1);
  const [moved] = next.splice(from, 1);
  next.splice(target, 0, moved!);
  return next;
}

export function removeItem<T>(items: readonly T[], index: number): T[] {
  return items.filter((_, at) => at !== index);
}

/** `rows` with a copy of the row at `index` (under a key of its own) right after it. */
export function duplicateRow(rows: readonly SlotRow[], index: number): SlotRow[] {
  const original = rows[index];
  if (original === undefined) return [...rows];
  const next = [...rows];
  next.splice(index + 1, 0, {
    ...original,
    key: nextKey(),
    facts: copyFacts(original.facts),
  });
  return next;
}

/** `rows` with an empty slot after `index` (or at the end). */
export function insertRow(rows: readonly SlotRow[], index: number = rows.length - 1): SlotRow[] {
  const next = [...rows];
  next.splice(index + 1, 0, emptyRow());
  return next;
}
