// Flash-sale drops in the console: the start form's fields (prefilled with the drop the run
// sheet's current slot plans), the request they make, and how each drop's state is said.

import type { FlashSale } from './bindings/FlashSale';
import type { FlashSaleRequest } from './bindings/FlashSaleRequest';
import type { MessageKey } from './i18n.svelte';
import { optionalCount } from './runsheet';
import { formatSeconds, parseClock } from './time';

/** The payment window when the preferences are not loaded yet: TikTok's 5 minutes. */
export const DEFAULT_WINDOW_SECONDS = 300;

/** Extensions offered on each running drop, in seconds. */
export const EXTENSIONS = [30, 60] as const;

/** The start form as typed: times as M:SS, stock and lead-in optional (empty). */
export type DropDraft = {
  product: string;
  price: string;
  window: string;
  stock: string;
  leadIn: string;
};

/**
 * The form for the drop the current slot plans, as the core worked it out
 * (`RunSheetState.drop_request`: the slot's product, its promo price or else its price, its
 * window and planned stock), with `defaultSeconds` where the slot names no window. No slot: an
 * empty form.
 */
export function draftFromRequest(
  request: FlashSaleRequest | null,
  defaultSeconds: number,
): DropDraft {
  return {
    product: request?.product ?? '',
    price: request?.price ?? '',
    window: formatSeconds(request?.seconds ?? defaultSeconds),
    stock: request?.stock?.toString() ?? '',
    leadIn: '',
  };
}

export type DraftField = 'product' | 'window' | 'stock' | 'leadIn';

/** What is wrong with a draft: the field to point at and the message to say. */
export type DraftProblem = { field: DraftField; message: MessageKey };

/** The request for `draft`, or the first field that cannot be sent as typed. */
export function requestFromDraft(
  draft: DropDraft,
): { request: FlashSaleRequest } | { problem: DraftProblem } {
  const product = draft.product.trim();
  if (product === '') return { problem: { field: 'product', message: 'dropProductMissing' } };
  const seconds = parseClock(draft.window);
  if (seconds === null) return { problem: { field: 'window', message: 'timeInvalid' } };
  const stock = optionalCount(draft.stock);
  if (stock === undefined) return { problem: { field: 'stock', message: 'stockInvalid' } };
  let startsIn: number | null = null;
  if (draft.leadIn.trim() !== '') {
    startsIn = parseClock(draft.leadIn);
    if (startsIn === null) return { problem: { field: 'leadIn', message: 'timeInvalid' } };
  }
  // Unsaid fields are left out: the core takes its defaults for them.
  const request: FlashSaleRequest = { product, price: draft.price.trim(), seconds };
  if (stock !== null) request.stock = stock;
  if (startsIn !== null) request.starts_in = startsIn;
  return { request };
}

/** Drops still open first (the soonest to close on top), then closed ones, newest first. */
export function orderDrops(drops: readonly FlashSale[]): FlashSale[] {
  const open = drops.filter((drop) => drop.state !== 'closed');
  const closed = drops.filter((drop) => drop.state === 'closed');
  open.sort((a, b) => Date.parse(a.deadline) - Date.parse(b.deadline));
  return [...open, ...closed.reverse()];
}

/** What a drop's countdown says at each stage; the console's words and the pages' differ. */
export type DropWords = Record<'upcoming' | 'paying' | 'expired' | 'closedByHand', MessageKey>;

/** The console's words. */
const CONSOLE_WORDS: DropWords = {
  upcoming: 'dropUpcoming',
  paying: 'dropPayBefore',
  expired: 'dropExpired',
  closedByHand: 'dropClosedByHand',
};

/** The countdown's wording for a drop in `state`, with `{time}` to fill. */
export function dropStatusKey(drop: FlashSale, words: DropWords = CONSOLE_WORDS): MessageKey {
  switch (drop.state) {
    case 'upcoming':
      return words.upcoming;
    case 'running':
    case 'ending':
      return words.paying;
    case 'closed':
      return drop.end_reason === 'closed' ? words.closedByHand : words.expired;
  }
}
