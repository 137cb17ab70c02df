// The countdown's own clock: pure functions, no DOM, so node:test can check them.
//
// The server sends each drop's `remaining_ms` about once a second. Setting the display straight
// from each message would jitter (a message late by 300 ms shows 300 ms too much), so the page
// keeps an anchor: the local instant (performance.now()) at which the count reaches zero, and
// counts down from it on its own. A message moves the anchor only when it disagrees by more than
// RESYNC_MS (real drift, a restart, an extend); within that, it is network noise.

/** Disagreement (ms) below which a message is taken as network jitter and ignored. */
export const RESYNC_MS = 250;

/**
 * A move of the anchor beyond this (ms) is a real change (an extend, a lead-in becoming the
 * payment window) and may make the display go up; a smaller one is a drift correction, and the
 * display holds still until the clock catches up rather than counting back up.
 */
export const JUMP_MS = 1500;

/** A timer before its first message. */
export const NO_TIMER = Object.freeze({ anchor: null, shown: null });

/** The anchor after a message saying `remainingMs` are left, received at `nowMs`. */
export function nextAnchor(prevAnchor, nowMs, remainingMs) {
  const estimate = nowMs + remainingMs;
  if (prevAnchor === null || Math.abs(estimate - prevAnchor) > RESYNC_MS)
    return estimate;
  return prevAnchor;
}

/** The timer after a message: a new anchor, and whether the display may go up. */
export function synced(timer, nowMs, remainingMs) {
  const anchor = nextAnchor(timer.anchor, nowMs, remainingMs);
  if (anchor === timer.anchor) return timer;
  const jumped =
    timer.anchor === null || Math.abs(anchor - timer.anchor) > JUMP_MS;
  return { anchor, shown: jumped ? null : timer.shown };
}

/**
 * The whole seconds to show at `nowMs` (rounded up: "0:01" until the very end), and the timer to
 * keep. Never more than the last shown value unless the anchor jumped. `floor` is the lowest
 * value shown: 0 for a payment window, -Infinity for a slot that runs over time.
 */
export function reading(timer, nowMs, floor = 0) {
  // `|| 0` turns the -0 that ceil gives just past zero into a plain 0.
  const exact = Math.max(floor, Math.ceil((timer.anchor - nowMs) / 1000)) || 0;
  const seconds = timer.shown === null ? exact : Math.min(timer.shown, exact);
  return {
    seconds,
    timer: seconds === timer.shown ? timer : { ...timer, shown: seconds },
  };
}
