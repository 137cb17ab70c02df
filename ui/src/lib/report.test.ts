import type { FlashSaleEnd } from './bindings/FlashSaleEnd';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  debounce,
  endReasonKey,
  formatTime,
  hourRange,
  isoWeekOfDay,
  parseWeek,
  placeMarkers,
  requestFor,
  scopeProblem,
  stepWeek,
  weekdayKey,
  weekOf,
} from './report';
import { translate } from './i18n.svelte';

describe('ISO weeks', () => {
  it('reads only real weeks', () => {
    expect(parseWeek('2026-W05')).toEqual({ year: 2026, week: 5 });
    expect(parseWeek(' 2020-W53 ')).toEqual({ year: 2020, week: 53 });
    expect(parseWeek('2021-W53')).toBeNull(); // 2021 has 52
    expect(parseWeek('2026-W00')).toBeNull();
    expect(parseWeek('2026-5')).toBeNull();
  });

  it('puts days in the week their Thursday is in', () => {
    expect(isoWeekOfDay(2021, 1, 3)).toBe('2020-W53');
    expect(isoWeekOfDay(2025, 12, 29)).toBe('2026-W01');
    expect(isoWeekOfDay(2026, 6, 15)).toBe('2026-W25');
  });

  it('steps across year ends, both ways', () => {
    expect(stepWeek('2026-W05', 1)).toBe('2026-W06');
    expect(stepWeek('2026-W01', -1)).toBe('2025-W52');
    expect(stepWeek('2020-W53', 1)).toBe('2021-W01');
    expect(stepWeek('2021-W01', -1)).toBe('2020-W53');
    expect(stepWeek('2025-W52', 1)).toBe('2026-W01');
    expect(stepWeek('nope', 1)).toBeNull();
  });

  it('counts the week in the report’s time zone', () => {
    // Sunday 28 Dec 2025 20:00 UTC is already Monday 29 Dec in Jakarta (UTC+7).
    const instant = Date.UTC(2025, 11, 28, 20, 0);
    expect(weekOf(instant, 'UTC')).toBe('2025-W52');
    expect(weekOf(instant, 'Asia/Jakarta')).toBe('2026-W01');
  });
});

describe('report scope', () => {
  it('asks for this week with nothing set, else the one thing picked', () => {
    const none = { session: null, week: null, from: null, to: null };
    expect(requestFor({ kind: 'this_week' })).toEqual(none);
    expect(requestFor({ kind: 'week', week: ' 2026-W05' })).toEqual({ ...none, week: '2026-W05' });
    expect(requestFor({ kind: 'session', session: 12 })).toEqual({ ...none, session: 12 });
    expect(requestFor({ kind: 'dates', from: '2026-01-01', to: '2026-01-31' })).toEqual({
      ...none,
      from: '2026-01-01',
      to: '2026-01-31',
    });
  });

  it('waits for a week or dates that read as such', () => {
    expect(scopeProblem({ kind: 'this_week' })).toBeNull();
    expect(scopeProblem({ kind: 'week', week: '2026-W5' })).toBe('weekInvalid');
    expect(scopeProblem({ kind: 'dates', from: '2026-02-01', to: '2026-01-01' })).toBe(
      'datesInvalid',
    );
    expect(scopeProblem({ kind: 'dates', from: '', to: '2026-01-01' })).toBe('datesInvalid');
    expect(scopeProblem({ kind: 'dates', from: '2026-01-01', to: '2026-01-01' })).toBeNull();
  });
});

describe('report words', () => {
  it('say how a flash sale ended', () => {
    const id = (reason: FlashSaleEnd | null) => translate('id', endReasonKey(reason));
    expect(id('expired')).toBe('habis waktu');
    expect(id('closed')).toBe('ditutup');
    expect(id(null)).toBe('berjalan');
    expect(translate('en', endReasonKey('expired'))).toBe('time ran out');
  });

  it('name weekdays Senin to Minggu and hours in each language’s way', () => {
    expect(translate('id', weekdayKey(1))).toBe('Senin');
    expect(translate('id', weekdayKey(7))).toBe('Minggu');
    expect(translate('en', weekdayKey(5))).toBe('Friday');
    expect(translate('id', weekdayKey(0))).toBe('Senin');
    expect(hourRange(19, 'id')).toBe('19.00–20.00');
    expect(hourRange(23, 'en')).toBe('23:00–00:00');
  });

  it('shows times in the report’s zone', () => {
    const noonUtc = Date.UTC(2026, 0, 5, 12, 0);
    expect(formatTime(noonUtc, 'en', 'UTC')).toBe('12:00');
    expect(formatTime(noonUtc, 'en', 'Asia/Jakarta')).toBe('19:00');
    // An unknown zone falls back to this computer's rather than failing the whole report.
    expect(() => formatTime(noonUtc, 'en', 'Mars/Olympus')).not.toThrow();
  });
});

describe('timeline markers', () => {
  const axis = { min: 1_000, max: 2_000, left: 50, right: 450 };

  it('sit where their time falls on the axis, and not off it', () => {
    const placed = placeMarkers(
      [
        { at: 1_000, kind: 'slot', label: 'Serum' },
        { at: 1_500, kind: 'flash_sale', label: '<b>Toner</b>' },
        { at: 2_000, kind: 'slot', label: 'end' },
        { at: 2_500, kind: 'slot', label: 'later' },
        { at: 500, kind: 'slot', label: 'earlier' },
      ],
      axis,
    );
    expect(placed).toEqual([
      { x: 50, kind: 'slot', label: 'Serum' },
      { x: 250, kind: 'flash_sale', label: '<b>Toner</b>' },
      { x: 450, kind: 'slot', label: 'end' },
    ]);
  });

  it('survive an axis with no width', () => {
    expect(
      placeMarkers([{ at: 5, kind: 'slot', label: 'x' }], { min: 5, max: 5, left: 10, right: 90 }),
    ).toEqual([{ x: 10, kind: 'slot', label: 'x' }]);
  });
});

describe('debounce', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs once typing has paused, with the last input', () => {
    vi.useFakeTimers();
    const seen: string[] = [];
    const later = debounce((text: string) => seen.push(text), 250);
    later.call('s');
    vi.advanceTimersByTime(200);
    later.call('se');
    vi.advanceTimersByTime(200);
    later.call('serum');
    expect(seen).toEqual([]);
    vi.advanceTimersByTime(250);
    expect(seen).toEqual(['serum']);
  });

  it('drops the pending run when cancelled', () => {
    vi.useFakeTimers();
    const seen: string[] = [];
    const later = debounce((text: string) => seen.push(text), 250);
    later.call('x');
    later.cancel();
    vi.advanceTimersByTime(1_000);
    expect(seen).toEqual([]);
  });
});
