// A countdown's urgency and a slot's phase between two clock messages. The core decides both
// (`FlashSale.urgency`, `RunSheetState.phase`, from the user's `[clock]` settings) and sends the
// marks it decided them by; the front ends count down on their own clock for up to a second
// between messages, and re-apply those marks to the time they show so a colour never lags the
// number on screen. This is the only place that does it (the golden table checks it against the
// core), and it decides nothing the marks do not say.

import type { FlashSale } from './bindings/FlashSale';
import type { RunSheetState } from './bindings/RunSheetState';
import type { SlotPhase } from './bindings/SlotPhase';
import type { Urgency } from './bindings/Urgency';

/** How hard `sale` presses with `remainingMs` of its window left, as counted on screen. */
export function urgencyAt(sale: FlashSale, remainingMs: number): Urgency {
  if (sale.state === 'upcoming' || sale.state === 'closed') return 'normal';
  if (sale.final_ms > 0 && remainingMs <= sale.final_ms) return 'final';
  return remainingMs <= sale.ending_ms ? 'ending' : 'normal';
}

/** The current slot's phase with `remainingMs` left, as counted on screen; null with no slot. */
export function slotPhaseAt(sheet: RunSheetState, remainingMs: number | null): SlotPhase | null {
  if (sheet.phase === null || remainingMs === null) return null;
  if (remainingMs <= 0) return 'over';
  return remainingMs <= sheet.heads_up_ms ? 'heads_up' : 'on_time';
}
