// Which drops the pages show, and for how long (overlays/pages/drop-timers.js), without a browser.

import { test } from "node:test";
import assert from "node:assert/strict";

import {
  CLOSED_LINGER_MS,
  DropTimers,
  FINAL_SECONDS,
  urgencyOf,
} from "../../overlays/pages/drop-timers.js";

const sale = (id, state, remaining_ms, extra = {}) => ({
  id,
  product: "Kaos Polos",
  price: "Rp49.000",
  stock: 20,
  state,
  remaining_ms,
  end_reason: null,
  ...extra,
});

const shown = (timers, now) =>
  timers.read(now).map((d) => [d.sale.id, d.phase, d.seconds]);

test("a lead-in counts to the start, then the payment window counts afresh", () => {
  const timers = new DropTimers();
  timers.update([sale("fs-1", "upcoming", 90_000)], 0);
  assert.deepEqual(shown(timers, 500), [["fs-1", "lead-in", 90]]);
  timers.update([sale("fs-1", "running", 300_000)], 90_000);
  assert.deepEqual(shown(timers, 90_000), [["fs-1", "window", 300]]);
  timers.update([sale("fs-1", "ending", 59_000)], 331_000);
  assert.deepEqual(shown(timers, 331_000), [["fs-1", "window", 59]]);
});

test('a drop seen running says "time is up" for a moment when it closes, then goes', () => {
  const timers = new DropTimers();
  timers.update([sale("fs-1", "running", 5_000)], 0);
  timers.update([sale("fs-1", "closed", 0, { end_reason: "expired" })], 5_000);
  assert.deepEqual(shown(timers, 5_100), [["fs-1", "closed", 0]]);
  assert.deepEqual(shown(timers, 5_000 + CLOSED_LINGER_MS + 1), []);
  // Later clock messages still list it (the session's history): it stays gone.
  timers.update([sale("fs-1", "closed", 0)], 20_000);
  assert.deepEqual(shown(timers, 20_000), []);
});

test("drops closed before the page opened are never shown", () => {
  const timers = new DropTimers();
  timers.update(
    [sale("fs-old", "closed", 0), sale("fs-new", "running", 60_000)],
    0,
  );
  assert.deepEqual(shown(timers, 0), [["fs-new", "window", 60]]);
});

test("several drops keep the server order; one no longer listed leaves at once", () => {
  const timers = new DropTimers();
  timers.update(
    [sale("fs-a", "running", 200_000), sale("fs-b", "upcoming", 30_000)],
    0,
  );
  assert.deepEqual(shown(timers, 0), [
    ["fs-a", "window", 200],
    ["fs-b", "lead-in", 30],
  ]);
  timers.update([sale("fs-b", "upcoming", 29_000)], 1_000);
  assert.deepEqual(shown(timers, 1_000), [["fs-b", "lead-in", 29]]);
});

test("a drop presses harder in its window's last minute, and hardest at the last call", () => {
  const urgency = (state, phase, seconds) =>
    urgencyOf({ sale: sale("fs-1", state, seconds * 1000), phase, seconds });
  assert.equal(urgency("running", "window", 200), "calm");
  assert.equal(urgency("ending", "window", 59), "ending");
  assert.equal(urgency("ending", "window", FINAL_SECONDS), "final");
  assert.equal(urgency("upcoming", "lead-in", 10), "calm");
  assert.equal(urgency("closed", "closed", 0), "calm");
});
