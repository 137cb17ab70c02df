// The Laporan tab's logic, kept pure for tests: which scope a report covers, ISO weeks, the
// words for a flash sale's end, times in the report's own time zone, and where timeline
// markers fall on a chart.

import type { FeedbackKind } from './bindings/FeedbackKind';
import type { FlashSaleEnd } from './bindings/FlashSaleEnd';
import type { Marker } from './bindings/Marker';
import type { ReportFormat } from './bindings/ReportFormat';
import type { ReportRequest } from './bindings/ReportRequest';
import type { Lang, MessageKey } from './i18n.svelte';

/** What the user picked: this week (the default), a week, one live, or dates. */
export type ScopeChoice =
  | { kind: 'this_week' }
  | { kind: 'week'; week: string }
  | { kind: 'session'; session: number }
  | { kind: 'dates'; from: string; to: string };

export type ScopeKind = ScopeChoice['kind'];

const WEEK = /^(\d{4})-W(\d{2})$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The number of ISO weeks in `year`: 53 when 1 January or 31 December is a Thursday. */
export function weeksInYear(year: number): number {
  const thursday = (day: Date) => day.getUTCDay() === 4;
  return thursday(new Date(Date.UTC(year, 0, 1))) || thursday(new Date(Date.UTC(year, 11, 31)))
    ? 53
    : 52;
}

/** `YYYY-Www` read as year and week, or null when it is not a real ISO week. */
export function parseWeek(text: string): { year: number; week: number } | null {
  const match = WEEK.exec(text.trim());
  if (!match) return null;
  const year = Number(match[1]);
  const week = Number(match[2]);
  if (week < 1 || week > weeksInYear(year)) return null;
  return { year, week };
}

export function formatWeek(year: number, week: number): string {
  return `${String(year).padStart(4, '0')}-W${String(week).padStart(2, '0')}`;
}

/** The ISO week a calendar day (`year`, `month` 1–12, `day`) falls in. */
export function isoWeekOfDay(year: number, month: number, day: number): string {
  const date = new Date(Date.UTC(year, month - 1, day));
  const weekday = date.getUTCDay() || 7;
  // The week belongs to the year its Thursday is in.
  date.setUTCDate(date.getUTCDate() + 4 - weekday);
  const weekYear = date.getUTCFullYear();
  const firstDay = Date.UTC(weekYear, 0, 1);
  const week = Math.ceil(((date.getTime() - firstDay) / 86_400_000 + 1) / 7);
  return formatWeek(weekYear, week);
}

/** The calendar day `unixMs` is in `timeZone` (an IANA name; undefined: this computer's). */
export function dayIn(
  unixMs: number,
  timeZone?: string,
): { year: number; month: number; day: number } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
  }).formatToParts(new Date(unixMs));
  const part = (type: string) => Number(parts.find((each) => each.type === type)?.value);
  return { year: part('year'), month: part('month'), day: part('day') };
}

/** The calendar day `unixMs` is in `timeZone`, as a date input writes it: `2026-01-31`. */
export function isoDay(unixMs: number, timeZone?: string): string {
  const { year, month, day } = dayIn(unixMs, timeZone);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The ISO week `unixMs` falls in, in `timeZone`. */
export function weekOf(unixMs: number, timeZone?: string): string {
  const { year, month, day } = dayIn(unixMs, timeZone);
  return isoWeekOfDay(year, month, day);
}

/** `week` moved by `by` weeks, across year ends; null when `week` is not a week. */
export function stepWeek(week: string, by: number): string | null {
  const parsed = parseWeek(week);
  if (!parsed) return null;
  // Monday of ISO week 1 is the Monday on or before 4 January.
  const jan4 = new Date(Date.UTC(parsed.year, 0, 4));
  const monday = Date.UTC(parsed.year, 0, 4 - ((jan4.getUTCDay() || 7) - 1));
  const target = new Date(monday + ((parsed.week - 1 + by) * 7 + 3) * 86_400_000);
  return isoWeekOfDay(target.getUTCFullYear(), target.getUTCMonth() + 1, target.getUTCDate());
}

/** Why a choice cannot be asked for yet, or null when it can. */
export function scopeProblem(choice: ScopeChoice): MessageKey | null {
  switch (choice.kind) {
    case 'week':
      return parseWeek(choice.week) ? null : 'weekInvalid';
    case 'dates':
      return DATE.test(choice.from) && DATE.test(choice.to) && choice.from <= choice.to
        ? null
        : 'datesInvalid';
    default:
      return null;
  }
}

/** The command's request for a choice; all null asks for this week. */
export function requestFor(choice: ScopeChoice): ReportRequest {
  const request: ReportRequest = { session: null, week: null, from: null, to: null };
  switch (choice.kind) {
    case 'week':
      return { ...request, week: choice.week.trim() };
    case 'session':
      return { ...request, session: choice.session };
    case 'dates':
      return { ...request, from: choice.from, to: choice.to };
    default:
      return request;
  }
}

/** How a flash sale ended, in words (`null`: still open). */
export function endReasonKey(reason: FlashSaleEnd | null): MessageKey {
  switch (reason) {
    case null:
      return 'endRunning';
    case 'expired':
      return 'endExpired';
    case 'closed':
      return 'endClosed';
  }
}

/** ISO weekday (1 Monday … 7 Sunday) as its name's key; anything else is clamped into range. */
export function weekdayKey(weekday: number): MessageKey {
  const n = Math.min(7, Math.max(1, Math.trunc(weekday) || 1));
  return `weekday${n}` as MessageKey;
}

/** An hour as "19.00–20.00" (Indonesian) or "19:00–20:00". */
export function hourRange(hour: number, lang: Lang): string {
  const sep = lang === 'id' ? '.' : ':';
  const h = (n: number) => `${String(n % 24).padStart(2, '0')}${sep}00`;
  return `${h(hour)}–${h(hour + 1)}`;
}

const LOCALES: Record<Lang, string> = { id: 'id-ID', en: 'en-GB' };

/** A time formatter in the report's time zone; an unknown zone falls back to this computer's. */
export function zonedFormat(
  lang: Lang,
  timeZone: string | undefined,
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  try {
    return new Intl.DateTimeFormat(LOCALES[lang], { ...options, timeZone });
  } catch {
    return new Intl.DateTimeFormat(LOCALES[lang], options);
  }
}

/** "Sen, 3 Nov 2025 19.05" in `timeZone`. */
export function formatDateTime(unixMs: number, lang: Lang, timeZone?: string): string {
  return zonedFormat(lang, timeZone, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(unixMs);
}

/** "19.05" in `timeZone`. */
export function formatTime(unixMs: number, lang: Lang, timeZone?: string): string {
  return zonedFormat(lang, timeZone, { hour: '2-digit', minute: '2-digit' }).format(unixMs);
}

export const EXPORT_FORMATS: readonly { format: ReportFormat; label: MessageKey; type: string }[] =
  [
    { format: 'md', label: 'exportMarkdown', type: 'text/markdown;charset=utf-8' },
    // The core starts CSV with a BOM, so Excel reads it as UTF-8.
    { format: 'csv', label: 'exportCsvExcel', type: 'text/csv;charset=utf-8' },
    { format: 'html', label: 'exportHtml', type: 'text/html;charset=utf-8' },
  ];

/** Where a marker sits on the chart: the x pixel, and what it says. */
export type PlacedMarker = { x: number; kind: Marker['kind']; label: string };

/**
 * Markers placed on a linear time axis that shows `min`..`max` between pixels `left`..`right`;
 * those outside the axis are left out rather than piled up on its edges.
 */
export function placeMarkers(
  markers: readonly Marker[],
  axis: { min: number; max: number; left: number; right: number },
): PlacedMarker[] {
  const span = axis.max - axis.min;
  return markers
    .filter((marker) => marker.at >= axis.min && marker.at <= axis.max)
    .map((marker) => ({
      x:
        span > 0
          ? axis.left + ((marker.at - axis.min) / span) * (axis.right - axis.left)
          : axis.left,
      kind: marker.kind,
      label: marker.label,
    }));
}

/** The colour each kind is drawn in, for the chart (the canvas cannot read CSS variables). */
export const KIND_COLOURS: Readonly<Record<FeedbackKind, string>> = {
  complaint: '#ff6b5b',
  question: '#5aa9ff',
  request: '#f2b134',
  praise: '#3ecf6e',
};

/**
 * Calls `run` once input has been quiet for `ms`: each `call` restarts the wait, `cancel` drops
 * the pending one.
 */
export function debounce<A extends unknown[]>(
  run: (...args: A) => void,
  ms: number,
): { call: (...args: A) => void; cancel: () => void } {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const cancel = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };
  return {
    call: (...args: A) => {
      cancel();
      timer = setTimeout(() => {
        timer = null;
        run(...args);
      }, ms);
    },
    cancel,
  };
}
