// Countdowns that run on a front end's own clock, for the window and the pages alike. The core
// says how much time is left in each `clock` message (once a second while something counts);
// between messages the front end counts down from a local deadline, so the display moves
// smoothly and does not jump at every message.

/** A message off the local deadline by more than this moves it; less is transit jitter. */
export const REANCHOR_TOLERANCE_MS = 250;

/**
 * A move of the deadline beyond this is a real change (an extension, a resumed slot) and shows
 * at once, even upwards; a smaller one is a drift correction, and the whole second on screen
 * holds still until the clock catches up rather than counting back up.
 */
export const JUMP_MS = 1500;

type Deadline = {
  /** The local instant the count reaches zero. */
  at: number;
  /** After a small correction: the most that may be read until the count is below it. */
  cap: number;
};

/** `ms` rounded up to a whole second, as countdowns show it. */
const wholeSecondsUp = (ms: number) => Math.ceil(ms / 1000) * 1000;

/**
 * Local deadlines (`performance.now()` instants) by key: a drop's phase, the current slot.
 * Plain data, no timers: the caller passes `now`.
 */
export class Countdowns {
  private deadlines = new Map<string, Deadline>();

  /**
   * Takes the core's time left for every counting key at local instant `now`. A key's deadline
   * is set on first sight and moved only when the core's figure is off by more than the
   * tolerance (an extension, a pause, a clock that drifted); keys not given are forgotten.
   */
  update(remaining: Iterable<readonly [string, number]>, now: number): void {
    const next = new Map<string, Deadline>();
    for (const [key, ms] of remaining) {
      const fresh = now + ms;
      const known = this.deadlines.get(key);
      if (known === undefined || Math.abs(known.at - fresh) > JUMP_MS) {
        next.set(key, { at: fresh, cap: Infinity });
      } else if (Math.abs(known.at - fresh) > REANCHOR_TOLERANCE_MS) {
        const shown = wholeSecondsUp(Math.min(known.at - now, known.cap));
        next.set(key, { at: fresh, cap: shown });
      } else {
        next.set(key, known);
      }
    }
    this.deadlines = next;
  }

  /**
   * Milliseconds left for `key` at `now` (negative once past), or null for an unknown key. Read
   * in whole seconds rounded up, it never goes up between two reads unless the deadline jumped.
   */
  remaining(key: string, now: number): number | null {
    const deadline = this.deadlines.get(key);
    return deadline === undefined ? null : Math.min(deadline.at - now, deadline.cap);
  }
}
