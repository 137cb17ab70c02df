import { describe, expect, it } from 'vitest';
import { Countdowns, JUMP_MS, REANCHOR_TOLERANCE_MS } from './countdown';

describe('Countdowns', () => {
  it('counts down on the local clock between messages', () => {
    const countdowns = new Countdowns();
    countdowns.update([['drop', 252_000]], 1_000);
    expect(countdowns.remaining('drop', 1_000)).toBe(252_000);
    expect(countdowns.remaining('drop', 1_400)).toBe(251_600);
    expect(countdowns.remaining('drop', 253_500)).toBe(-500);
  });

  it('keeps its deadline through message jitter, so the display never jumps back', () => {
    const countdowns = new Countdowns();
    countdowns.update([['drop', 10_000]], 0);
    // One second later the core says 9.2 s (the message came late): 200 ms is within tolerance.
    countdowns.update([['drop', 9_200]], 1_000);
    expect(countdowns.remaining('drop', 1_000)).toBe(9_000);
    countdowns.update([['drop', 8_000 + REANCHOR_TOLERANCE_MS]], 2_000);
    expect(countdowns.remaining('drop', 2_000)).toBe(8_000);
  });

  it('moves the deadline when the core is off by more than the tolerance (an extension)', () => {
    const countdowns = new Countdowns();
    countdowns.update([['drop', 10_000]], 0);
    // +60 s: the core now says 69 s left, a minute more than the local deadline gives.
    countdowns.update([['drop', 69_000]], 1_000);
    expect(countdowns.remaining('drop', 1_000)).toBe(69_000);
    // Just past the tolerance is a correction too (e.g. the machine slept).
    countdowns.update([['drop', 60_000 - REANCHOR_TOLERANCE_MS - 1]], 10_000);
    expect(countdowns.remaining('drop', 10_000)).toBe(60_000 - REANCHOR_TOLERANCE_MS - 1);
  });

  it('neither drifts nor jumps over five minutes of late-arriving messages', () => {
    const countdowns = new Countdowns();
    countdowns.update([['drop', 300_000]], 0);
    for (let second = 1; second <= 300; second++) {
      // The core's figure is exact when sent; it arrives 0–199 ms later on the local clock.
      const late = (second * 37) % 200;
      const now = second * 1000 + late;
      countdowns.update([['drop', 300_000 - second * 1000]], now);
      expect(countdowns.remaining('drop', now)).toBe(300_000 - now);
    }
  });

  it('forgets keys the core no longer counts', () => {
    const countdowns = new Countdowns();
    countdowns.update(
      [
        ['a', 1_000],
        ['b', 2_000],
      ],
      0,
    );
    countdowns.update([['b', 1_500]], 500);
    expect(countdowns.remaining('a', 500)).toBeNull();
    expect(countdowns.remaining('b', 500)).toBe(1_500);
  });
});

/** A small seeded random generator (mulberry32), so a failure replays the same way. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Whole seconds as a countdown shows them: rounded up, never below zero. */
const shownSeconds = (ms: number) => Math.max(0, Math.ceil(ms / 1000));

/**
 * A 5-minute window counted locally while the core reports it once a second. Each message takes
 * 250 ± 200 ms to arrive and the core's own tick wanders by up to 50 ms. The display redraws
 * every 16 ms. Returns what it showed and the truth at each draw.
 */
function simulate(seed: number, windowMs = 300_000) {
  const rand = random(seed);
  const messages: { arrives: number; remaining: number }[] = [];
  for (let sent = 0; sent < windowMs; sent += 1000) {
    const at = sent + rand() * 50;
    messages.push({ arrives: at + 250 + (rand() * 2 - 1) * 200, remaining: windowMs - at });
  }
  messages.sort((a, b) => a.arrives - b.arrives);
  const countdowns = new Countdowns();
  let next = 0;
  const frames: { now: number; shown: number; truth: number }[] = [];
  for (let now = messages[0]!.arrives; now < windowMs + 2000; now += 16) {
    while (next < messages.length && messages[next]!.arrives <= now) {
      countdowns.update([['drop', messages[next]!.remaining]], messages[next]!.arrives);
      next += 1;
    }
    frames.push({
      now,
      shown: shownSeconds(countdowns.remaining('drop', now)!),
      truth: Math.max(0, (windowMs - now) / 1000),
    });
  }
  return frames;
}

describe('Countdowns as a display reads them, in whole seconds', () => {
  for (const seed of [1, 2, 3, 42, 2024]) {
    it(`never counts up over five jittery minutes and stays within a second of the truth (seed ${seed})`, () => {
      const frames = simulate(seed);
      let last = Infinity;
      for (const { now, shown, truth } of frames) {
        expect(shown, `at ${now.toFixed(0)} ms the display went up`).toBeLessThanOrEqual(last);
        expect(Math.abs(shown - Math.ceil(truth)), `at ${now.toFixed(0)} ms`).toBeLessThanOrEqual(
          1,
        );
        last = shown;
      }
      expect(frames.at(-1)!.shown).toBe(0);
    });
  }

  it('shows every second, none skipped, over the whole window', () => {
    const shown = new Set(simulate(7).map((frame) => frame.shown));
    for (let s = 0; s <= 299; s++) expect(shown.has(s), `${s} s never shown`).toBe(true);
  });

  it('holds the second on screen after a small correction upwards instead of counting back up', () => {
    const countdowns = new Countdowns();
    countdowns.update([['drop', 10_000]], 0);
    expect(shownSeconds(countdowns.remaining('drop', 1_100)!)).toBe(9);
    // The core says 600 ms more than the local deadline gives: real drift, but no jump back to 10.
    countdowns.update([['drop', 9_500]], 1_100);
    expect(shownSeconds(countdowns.remaining('drop', 1_100)!)).toBe(9);
    expect(shownSeconds(countdowns.remaining('drop', 1_700)!)).toBe(9);
    expect(shownSeconds(countdowns.remaining('drop', 2_700)!)).toBe(8);
  });

  it('shows a jump beyond JUMP_MS at once, upwards too', () => {
    const countdowns = new Countdowns();
    countdowns.update([['drop', 30_000]], 0);
    countdowns.update([['drop', 20_000 + JUMP_MS + 1]], 10_000);
    expect(countdowns.remaining('drop', 10_000)).toBe(20_000 + JUMP_MS + 1);
  });

  it('counts on below zero, for a slot over time', () => {
    const countdowns = new Countdowns();
    countdowns.update([['slot', 2_000]], 0);
    expect(countdowns.remaining('slot', 3_100)).toBe(-1_100);
    expect(countdowns.remaining('slot', 67_000)).toBe(-65_000);
  });
});
