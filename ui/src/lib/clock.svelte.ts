// The live's clock as the window shows it: the latest `clock` message from the core (drops,
// run sheet) plus local countdowns that tick between messages (see countdown.ts).

import type { ClockState } from './bindings/ClockState';
import type { FlashSale } from './bindings/FlashSale';
import type { Outbound } from './bindings/Outbound';
import type { RunSheetState } from './bindings/RunSheetState';
import { Countdowns } from './countdown';

/** Redraw rate while something counts: well under a second, so no second is skipped. */
const TICK_MS = 200;

const SLOT_KEY = 'slot';

/** A drop counts to `starts_at` during its lead-in, then to its deadline: two countdowns. */
function dropKey(drop: FlashSale): string {
  return `${drop.id}:${drop.state === 'upcoming' ? 'lead-in' : 'payment'}`;
}

function slotCounts(sheet: RunSheetState): boolean {
  return sheet.slot !== null && !sheet.paused && sheet.slot_remaining_ms !== null;
}

/** What counts down in `clock`, keyed as `Countdowns` keeps it, with the core's time left. */
function counting(clock: ClockState): [string, number][] {
  const entries: [string, number][] = clock.flash_sales
    .filter((drop) => drop.state !== 'closed')
    .map((drop) => [dropKey(drop), drop.remaining_ms]);
  const sheet = clock.run_sheet;
  if (slotCounts(sheet)) entries.push([`${SLOT_KEY}:${sheet.slot}`, sheet.slot_remaining_ms!]);
  return entries;
}

export class ClockStore {
  /** The latest clock from the core; null until the first one arrives. */
  state = $state.raw<ClockState | null>(null);
  /** The local instant (`performance.now()`) countdowns are read at; ticks while one runs. */
  now = $state(0);

  private countdowns = new Countdowns();
  private timer: ReturnType<typeof setInterval> | undefined;

  /** One message of the core's outbound stream; only `clock` concerns this store. */
  apply(message: Outbound): void {
    if (message.type === 'clock') this.set(message.clock);
  }

  set(clock: ClockState, now: number = performance.now()): void {
    const entries = counting(clock);
    this.countdowns.update(entries, now);
    this.state = clock;
    this.now = now;
    this.setTicking(entries.length > 0);
  }

  /** Every drop of the session (closed ones included), in the core's order: newest last. */
  get drops(): FlashSale[] {
    return this.state?.flash_sales ?? [];
  }

  get runSheet(): RunSheetState | null {
    return this.state?.run_sheet ?? null;
  }

  /** Time left now: to the drop's start during its lead-in, else to its deadline; 0 once closed. */
  dropRemaining(drop: FlashSale): number {
    if (drop.state === 'closed') return 0;
    const local = this.countdowns.remaining(dropKey(drop), this.now) ?? drop.remaining_ms;
    return Math.max(0, local);
  }

  /** Time left in the current slot now (negative when over time), or null before the start. */
  slotRemaining(): number | null {
    const sheet = this.runSheet;
    if (sheet === null || sheet.slot === null) return null;
    if (!slotCounts(sheet)) return sheet.slot_remaining_ms;
    return this.countdowns.remaining(`${SLOT_KEY}:${sheet.slot}`, this.now);
  }

  private setTicking(on: boolean): void {
    if (on && this.timer === undefined) {
      this.timer = setInterval(() => (this.now = performance.now()), TICK_MS);
    } else if (!on && this.timer !== undefined) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }
}
