// Which drops to show and how many seconds each has left, from the `clock` messages: no DOM, so
// the overlay and the host view share it and node:test can run it.

import { NO_TIMER, synced, reading } from "./countdown-model.js";

/** How long (ms) a drop stays on screen once closed, saying "time is up", before it goes. */
export const CLOSED_LINGER_MS = 4000;

/** Below this many seconds the card pulses harder: the host's last call. */
export const FINAL_SECONDS = 30;

/** What a drop's `remaining_ms` counts down to: its start (the lead-in) or its deadline. */
function phaseOf(sale) {
  if (sale.state === "upcoming") return "lead-in";
  return sale.state === "closed" ? "closed" : "window";
}

export class DropTimers {
  /** id → { sale, phase, timer, closedAt } for the drops on screen. */
  #drops = new Map();

  /** Takes a clock message's `flash_sales` (received at local time `now`, performance.now()). */
  update(sales, now) {
    const listed = new Set();
    for (const sale of sales) {
      listed.add(sale.id);
      const known = this.#drops.get(sale.id);
      const phase = phaseOf(sale);
      if (phase === "closed") {
        // Only a drop the viewers saw running says "time is up"; one closed before the page
        // opened (the session's history) is never shown.
        if (known && known.phase !== "closed") {
          this.#drops.set(sale.id, { ...known, sale, phase, closedAt: now });
        }
        continue;
      }
      // A new phase counts towards another instant: start a fresh timer.
      const timer = known && known.phase === phase ? known.timer : NO_TIMER;
      this.#drops.set(sale.id, {
        sale,
        phase,
        timer: synced(timer, now, sale.remaining_ms),
        closedAt: null,
      });
    }
    // A drop no longer listed belongs to an earlier session (the server restarted elsewhere).
    for (const id of this.#drops.keys()) {
      if (!listed.has(id)) this.#drops.delete(id);
    }
  }

  /** The drops to show at `now`, in the server's order: `{ sale, phase, seconds }`. */
  read(now) {
    const shown = [];
    for (const [id, drop] of this.#drops) {
      if (drop.phase === "closed") {
        if (now - drop.closedAt > CLOSED_LINGER_MS) this.#drops.delete(id);
        else shown.push({ sale: drop.sale, phase: "closed", seconds: 0 });
        continue;
      }
      const { seconds, timer } = reading(drop.timer, now);
      drop.timer = timer;
      shown.push({ sale: drop.sale, phase: drop.phase, seconds });
    }
    return shown;
  }
}

/**
 * How hard a shown drop (from `read`) presses: "final" in its last seconds, "ending" once the
 * core says its window is ending, "calm" otherwise (and always before the window or after it).
 */
export function urgencyOf({ sale, phase, seconds }) {
  if (phase !== "window") return "calm";
  if (seconds <= FINAL_SECONDS) return "final";
  return sale.state === "ending" ? "ending" : "calm";
}
