// What the frame overlay decides without a DOM, so Vitest checks it: a template's colours made
// safe for CSS, which drop the countdown slot shows, whether the current product is on a flash
// sale right now, and a viewer's initials for an avatar that did not load.

import type { FlashSale } from '../lib/bindings/FlashSale';
import type { FrameSlotStyle } from '../lib/bindings/FrameSlotStyle';
import type { RunSheetState } from '../lib/bindings/RunSheetState';
import type { Slot } from '../lib/bindings/Slot';
import { currentSlot } from '../lib/runsheet';
import { contrast, cssColour, readableOn } from './colour';
import { phaseOf } from './drops-on-screen';

/**
 * Below this contrast with the slot's background, the accent is used for shapes only and text
 * that would be in the accent takes the slot's text colour (a brass price on cream is unreadable).
 */
export const ACCENT_TEXT_CONTRAST = 2.5;

export type SlotColours = {
  background: string;
  color: string;
  accent: string;
  onAccent: string;
  accentText: string;
};

/** The colours a slot is drawn with, from its template style, every one valid CSS. */
export function slotColours(style: Partial<FrameSlotStyle> = {}): SlotColours {
  const background = cssColour(style.background, '#000000B3');
  const color = cssColour(style.color, '#FFFFFF');
  const accent = cssColour(style.accent, '#F4511E');
  return {
    background,
    color,
    accent,
    onAccent: readableOn(accent),
    accentText: contrast(accent, background) >= ACCENT_TEXT_CONTRAST ? accent : color,
  };
}

/** A template's font family as a CSS string (quotes and backslashes dropped), or null. */
export function fontFamily(font: unknown): string | null {
  if (typeof font !== 'string') return null;
  const clean = font.replace(/["\\\n\r]/g, '').trim();
  return clean ? `"${clean}"` : null;
}

/**
 * The drop the countdown slot shows, of those on screen, with `remainingOf(sale)` ms left each,
 * and how many others are open: the payment window closing soonest first, then the lead-in
 * starting soonest, and a drop that just closed (saying "time is up") only when nothing else is.
 */
export function pickDrop(
  shown: readonly FlashSale[],
  remainingOf: (sale: FlashSale) => number,
): { drop: FlashSale | null; others: number } {
  const open = shown.filter((sale) => phaseOf(sale) !== 'closed');
  const rank = (sale: FlashSale) => (phaseOf(sale) === 'window' ? 0 : 1);
  open.sort((a, b) => rank(a) - rank(b) || remainingOf(a) - remainingOf(b));
  const first = open[0];
  if (first !== undefined) return { drop: first, others: open.length - 1 };
  return { drop: shown.find((sale) => phaseOf(sale) === 'closed') ?? null, others: 0 };
}

/** A product name as two names are compared: case, spacing and accents aside. */
function sameProduct(a: string, b: string): boolean {
  const norm = (text: string) =>
    text.normalize('NFKC').toLocaleLowerCase('id').replace(/\s+/g, ' ').trim();
  return norm(a) === norm(b);
}

/**
 * The run sheet's current slot and the flash sale running for its product, if any; `slot` null
 * before the start or without a sheet.
 */
export function currentProduct(
  runSheet: RunSheetState | null,
  sales: readonly FlashSale[] = [],
): { slot: Slot | null; sale: FlashSale | null } {
  const slot = currentSlot(runSheet);
  if (slot === null) return { slot: null, sale: null };
  const sale =
    sales.find(
      (candidate) =>
        phaseOf(candidate) === 'window' && sameProduct(candidate.product, slot.product),
    ) ?? null;
  return { slot, sale };
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Up to two initials of a name ("Sari Dewi" → "SD", "🌸 bunga" → "🌸B"), "?" for none. */
export function initials(name: string): string {
  const words = name
    .replace(/[@_.\-]+/g, ' ')
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  // Whole graphemes, so an emoji or an accented letter is never cut in half.
  const first = (word: string) =>
    graphemes.segment(word)[Symbol.iterator]().next().value?.segment ?? '';
  const letters = words.slice(0, 2).map((word) => first(word).toLocaleUpperCase('id'));
  return letters.join('') || '?';
}
