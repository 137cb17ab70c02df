import { describe, expect, it } from 'vitest';
import { formatClock, formatSeconds, parseClock } from './time';

describe('formatClock', () => {
  it('shows M:SS, rounding a countdown up to the next whole second', () => {
    expect(formatClock(252_000)).toBe('4:12');
    expect(formatClock(251_001)).toBe('4:12');
    expect(formatClock(251_000)).toBe('4:11');
    expect(formatClock(999)).toBe('0:01');
    expect(formatClock(0)).toBe('0:00');
    expect(formatClock(75 * 60_000)).toBe('75:00');
  });

  it('shows how far over time a negative figure is, counting up from 0:00', () => {
    expect(formatClock(-500)).toBe('0:00');
    expect(formatClock(-65_000)).toBe('1:05');
    expect(formatClock(-65_900)).toBe('1:05');
  });
});

describe('formatSeconds', () => {
  it('pads seconds and never goes negative', () => {
    expect(formatSeconds(300)).toBe('5:00');
    expect(formatSeconds(9)).toBe('0:09');
    expect(formatSeconds(-3)).toBe('0:00');
  });
});

describe('parseClock', () => {
  it('reads M:SS, H:MM:SS and whole minutes, as the run sheet CSV does', () => {
    expect(parseClock('1:02:03')).toBe(3723);
    expect(parseClock('4:12')).toBe(252);
    expect(parseClock(' 0:30 ')).toBe(30);
    expect(parseClock('5')).toBe(300);
    expect(parseClock('90:00')).toBe(5400);
  });

  it('refuses anything else, and zero', () => {
    for (const text of ['', '0', '0:00', '4:60', '4:5', '-1', '1.5', 'abc', '1:2:03', '25:00:00']) {
      expect(parseClock(text), text).toBeNull();
    }
  });
});
