// The countdown's own clock (overlays/pages/countdown-model.js), without a browser: five minutes
// of clock messages with network jitter, simulated in a few milliseconds.
//
// Run: node --test tests/pages/

import { test } from "node:test";
import assert from "node:assert/strict";

import {
  NO_TIMER,
  RESYNC_MS,
  nextAnchor,
  reading,
  synced,
} from "../../overlays/pages/countdown-model.js";

/** A small seeded random generator (mulberry32), so a failure replays the same way. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A 5-minute window counted by the page while the server reports it once a second. Each message
 * takes 250 ± 200 ms to arrive and the server's own tick wanders by up to 50 ms. The page draws
 * every 16 ms. Returns what the page showed and the truth at each draw.
 */
function simulate(seed, windowMs = 300_000) {
  const rand = random(seed);
  const messages = [];
  for (let sent = 0; sent < windowMs; sent += 1000) {
    const at = sent + rand() * 50;
    messages.push({
      arrives: at + 250 + (rand() * 2 - 1) * 200,
      remaining: windowMs - at,
    });
  }
  messages.sort((a, b) => a.arrives - b.arrives);
  let timer = NO_TIMER;
  let next = 0;
  const frames = [];
  for (let now = messages[0].arrives; now < windowMs + 2000; now += 16) {
    while (next < messages.length && messages[next].arrives <= now) {
      timer = synced(timer, messages[next].arrives, messages[next].remaining);
      next += 1;
    }
    const read = reading(timer, now);
    timer = read.timer;
    frames.push({
      now,
      shown: read.seconds,
      truth: Math.max(0, (windowMs - now) / 1000),
    });
  }
  return frames;
}

for (const seed of [1, 2, 3, 42, 2024]) {
  test(`five jittery minutes never count up and stay within a second of the truth (seed ${seed})`, () => {
    const frames = simulate(seed);
    let last = Infinity;
    for (const { now, shown, truth } of frames) {
      assert.ok(
        shown <= last,
        `at ${now.toFixed(0)} ms the display went up: ${last} → ${shown}`,
      );
      // Whole seconds, as shown: the truth rounded up the same way.
      assert.ok(
        Math.abs(shown - Math.ceil(truth)) <= 1,
        `at ${now.toFixed(0)} ms shows ${shown} s, truth ${truth.toFixed(2)} s`,
      );
      last = shown;
    }
    assert.equal(frames.at(-1).shown, 0, "ends at 0:00");
  });
}

test("every second is shown, none skipped, over the whole window", () => {
  const shown = new Set(simulate(7).map((frame) => frame.shown));
  for (let s = 0; s <= 299; s++) assert.ok(shown.has(s), `${s} s never shown`);
});

test("a message within the jitter allowance keeps the anchor; a bigger one moves it", () => {
  assert.equal(nextAnchor(null, 1000, 5000), 6000);
  assert.equal(nextAnchor(6000, 2000, 4000 + RESYNC_MS), 6000);
  assert.equal(nextAnchor(6000, 2000, 4000 - RESYNC_MS), 6000);
  assert.equal(
    nextAnchor(6000, 2000, 4000 + RESYNC_MS + 1),
    6000 + RESYNC_MS + 1,
  );
});

test("without messages the page keeps counting on its own clock", () => {
  const timer = synced(NO_TIMER, 0, 90_000);
  assert.equal(reading(timer, 0).seconds, 90);
  assert.equal(reading(timer, 30_500).seconds, 60);
  assert.equal(reading(timer, 89_999).seconds, 1);
  assert.equal(reading(timer, 95_000).seconds, 0);
});

test("an extend shows the added time at once", () => {
  let timer = synced(NO_TIMER, 0, 30_000);
  timer = reading(timer, 10_000).timer;
  assert.equal(timer.shown, 20);
  timer = synced(timer, 10_100, 79_900);
  assert.equal(reading(timer, 10_100).seconds, 80);
});

test("a small correction upwards holds the display instead of counting back up", () => {
  let timer = synced(NO_TIMER, 0, 10_000);
  timer = reading(timer, 1_100).timer;
  assert.equal(timer.shown, 9);
  // The server says 600 ms more than the page thought: real drift, but no jump back to 10.
  timer = synced(timer, 1_100, 9_500);
  assert.equal(reading(timer, 1_100).seconds, 9);
  assert.equal(reading(timer, 1_700).seconds, 9);
  assert.equal(reading(timer, 2_700).seconds, 8);
});

test("a slot over time counts on below zero when no floor is given", () => {
  const timer = synced(NO_TIMER, 0, 2_000);
  assert.equal(reading(timer, 1_500, -Infinity).seconds, 1);
  assert.equal(reading(timer, 2_500, -Infinity).seconds, 0);
  assert.equal(reading(timer, 3_100, -Infinity).seconds, -1);
  assert.equal(reading(timer, 67_000, -Infinity).seconds, -65);
});
