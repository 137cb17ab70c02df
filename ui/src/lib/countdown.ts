// Countdowns that run on the window's own clock. The core says how much time is left in each
// `clock` message (once a second while something counts); between messages the window counts
// down from a local deadline, so the display moves smoothly and does not jump at every message.

/** A message off the local deadline by more than this moves it; less is transit jitter. */
export const REANCHOR_TOLERANCE_MS = 250;

/**
 * Local deadlines (`performance.now()` instants) by key: a drop's phase, the current slot.
 * Plain data, no timers: the caller passes `now`.
 */
export class Countdowns {
  private deadlines = new Map<string, number>();

  /**
   * Takes the core's time left for every counting key at local instant `now`. A key's deadline
   * is set on first sight and moved only when the core's figure is off by more than the
   * tolerance (an extension, a pause, a clock that drifted); keys not given are forgotten.
   */
  update(remaining: Iterable<readonly [string, number]>, now: number): void {
    const next = new Map<string, number>();
    for (const [key, ms] of remaining) {
      const fresh = now + ms;
      const known = this.deadlines.get(key);
      next.set(
        key,
        known !== undefined && Math.abs(known - fresh) <= REANCHOR_TOLERANCE_MS ? known : fresh,
      );
    }
    this.deadlines = next;
  }

  /** Milliseconds left for `key` at `now` (negative once past), or null for an unknown key. */
  remaining(key: string, now: number): number | null {
    const deadline = this.deadlines.get(key);
    return deadline === undefined ? null : deadline - now;
  }
}
