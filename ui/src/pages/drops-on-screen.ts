// Which drops an overlay or the host view shows, from the `clock` messages: no DOM, so Vitest
// runs it. How much time each has left is the clock store's (ClockStore, as in the window).

import type { FlashSale } from '../lib/bindings/FlashSale';
import { dropStatusKey } from '../lib/drops';
import type { MessageKey } from '../lib/i18n.svelte';

/** How long (ms) a drop stays on screen once closed, saying "time is up", before it goes. */
export const CLOSED_LINGER_MS = 4000;

/** What a drop's countdown counts to: its start (the lead-in), its deadline, or nothing. */
export type DropPhase = 'lead-in' | 'window' | 'closed';

export function phaseOf(sale: FlashSale): DropPhase {
  if (sale.state === 'upcoming') return 'lead-in';
  return sale.state === 'closed' ? 'closed' : 'window';
}

/**
 * What a drop's countdown counts to, in the pages' words: its start, `inWindow` during the
 * payment window (the overlays say "Bayar dalam", the host view "Bayar sebelum"), then how it
 * ended.
 */
export function dropLabelKey(sale: FlashSale, inWindow: MessageKey): MessageKey {
  return dropStatusKey(sale, {
    upcoming: 'dropUpcoming',
    paying: inWindow,
    expired: 'dropTimeUp',
    closedByHand: 'dropClosed',
  });
}

export class DropsOnScreen {
  /** id → the drop as last heard, and when it closed (local time) once it has. */
  #drops = new Map<string, { sale: FlashSale; closedAt: number | null }>();

  /** Takes a clock message's `flash_sales`, received at local time `now` (performance.now()). */
  update(sales: readonly FlashSale[], now: number): void {
    const listed = new Set<string>();
    for (const sale of sales) {
      listed.add(sale.id);
      const known = this.#drops.get(sale.id);
      if (sale.state !== 'closed') {
        this.#drops.set(sale.id, { sale, closedAt: null });
      } else if (known !== undefined && known.closedAt === null) {
        // Only a drop the viewers saw running says "time is up"; one closed before the page
        // opened (the session's history) is never shown.
        this.#drops.set(sale.id, { sale, closedAt: now });
      }
    }
    // A drop no longer listed belongs to an earlier session (the server restarted elsewhere).
    for (const id of this.#drops.keys()) {
      if (!listed.has(id)) this.#drops.delete(id);
    }
  }

  /** The drops to show at `now`, in the server's order (oldest first). */
  read(now: number): FlashSale[] {
    const shown: FlashSale[] = [];
    for (const [id, drop] of this.#drops) {
      if (drop.closedAt !== null && now - drop.closedAt > CLOSED_LINGER_MS) this.#drops.delete(id);
      else shown.push(drop.sale);
    }
    return shown;
  }
}
