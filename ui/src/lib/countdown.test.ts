import { describe, expect, it } from 'vitest';
import { Countdowns, REANCHOR_TOLERANCE_MS } from './countdown';

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
