// The Laporan tab's "Agensi" scope, kept pure for tests: whether it is offered (a hub is set),
// the request its inputs make (a period, as the other scopes pick it, and the filters), and the
// report's tables as rows of text. Every shop, host, product and category name in the report came
// from the agency's desktops and is shown as text.

import type { AgencyReport } from './bindings/AgencyReport';
import type { AgencyRequest } from './bindings/AgencyRequest';
import type { AgencyTotals } from './bindings/AgencyTotals';
import type { HubStatus } from './bindings/HubStatus';
import type { ReportFormat } from './bindings/ReportFormat';
import type { Lang, MessageKey, Params } from './i18n.svelte';
import { categoryLabel, categoryOf } from './moderation';
import {
  EXPORT_FORMATS,
  hourRange,
  isoDay,
  parseWeek,
  requestFor,
  scopeProblem,
  weekOf,
  type ScopeChoice,
} from './report';

/** The periods the agency's report covers: the other scopes' less one live (the hub has none). */
export type AgencyPeriod = 'this_week' | 'week' | 'dates';

export const AGENCY_PERIODS: readonly { kind: AgencyPeriod; label: MessageKey }[] = [
  { kind: 'this_week', label: 'scopeThisWeek' },
  { kind: 'week', label: 'scopeWeek' },
  { kind: 'dates', label: 'scopeDates' },
];

export type AgencyFilter = 'shop' | 'host' | 'product';

export const AGENCY_FILTERS: readonly { filter: AgencyFilter; label: MessageKey }[] = [
  { filter: 'shop', label: 'agencyFilterShop' },
  { filter: 'host', label: 'agencyFilterHost' },
  { filter: 'product', label: 'agencyFilterProduct' },
];

/** What the user typed and picked for the agency's report. */
export type AgencyInputs = {
  period: AgencyPeriod;
  week: string;
  from: string;
  to: string;
} & Record<AgencyFilter, string>;

export function emptyInputs(): AgencyInputs {
  return { period: 'this_week', week: '', from: '', to: '', shop: '', host: '', product: '' };
}

/** The "Agensi" scope is offered once a hub is set: the core says so, and not as `off`. */
export function hubSet(hub: HubStatus | null | undefined): boolean {
  return hub !== null && hub !== undefined && hub.state !== 'off';
}

/** The period as the other scopes' choice, so it is checked and asked for as they are. */
export function periodChoice(inputs: AgencyInputs): ScopeChoice {
  switch (inputs.period) {
    case 'week':
      return { kind: 'week', week: inputs.week };
    case 'dates':
      return { kind: 'dates', from: inputs.from, to: inputs.to };
    default:
      return { kind: 'this_week' };
  }
}

/** Why the inputs cannot be asked for yet, or null when they can. */
export function agencyProblem(inputs: AgencyInputs): MessageKey | null {
  return scopeProblem(periodChoice(inputs));
}

/** A filter as sent: trimmed, and null when empty (no filter). */
function filterOf(text: string): string | null {
  const trimmed = text.trim();
  return trimmed === '' ? null : trimmed;
}

/** The command's request: the period (all null: this week) and the filters (null: all). */
export function agencyRequest(inputs: AgencyInputs): AgencyRequest {
  const { week, from, to } = requestFor(periodChoice(inputs));
  return {
    week,
    from,
    to,
    shop: filterOf(inputs.shop),
    host: filterOf(inputs.host),
    product: filterOf(inputs.product),
  };
}

/**
 * The inputs with `period` picked; a period without a usable value starts somewhere useful: the
 * week on screen (else this week, in `timeZone`), or the last seven days up to today.
 */
export function withPeriod(
  inputs: AgencyInputs,
  period: AgencyPeriod,
  now: number,
  shown?: { label: string; time_zone: string } | null,
): AgencyInputs {
  const next = { ...inputs, period };
  const zone = shown?.time_zone;
  if (period === 'week' && parseWeek(inputs.week) === null) {
    next.week = shown && parseWeek(shown.label) ? shown.label : weekOf(now, zone);
  } else if (period === 'dates' && (inputs.from === '' || inputs.to === '')) {
    next.to = isoDay(now, zone);
    next.from = isoDay(now - 6 * 86_400_000, zone);
  }
  return next;
}

/** The formats the hub writes its report in: the local report's, and JSON. */
export const AGENCY_EXPORT_FORMATS: readonly {
  format: ReportFormat;
  label: MessageKey;
  type: string;
}[] = [
  ...EXPORT_FORMATS,
  { format: 'json', label: 'exportJson', type: 'application/json;charset=utf-8' },
];

/** One cell of a table: its text, faint when it stands for a missing name. */
export type Cell = { text: string; faint?: boolean };

export type AgencyTable = {
  title: MessageKey;
  hint?: MessageKey;
  testid: string;
  columns: readonly MessageKey[];
  rows: Cell[][];
};

/** How numbers and words are written: the window's language. */
export type Writer = {
  t: (key: MessageKey, params?: Params) => string;
  n: (value: number) => string;
  lang: Lang;
};

const TOTALS: readonly { key: keyof AgencyTotals; label: MessageKey }[] = [
  { key: 'lives', label: 'agencyTotalLives' },
  { key: 'minutes', label: 'totalMinutes' },
  { key: 'comments', label: 'totalComments' },
  { key: 'flagged', label: 'agencyTotalFlagged' },
  { key: 'gifts', label: 'agencyTotalGifts' },
  { key: 'questions', label: 'agencyTotalQuestions' },
  { key: 'complaints', label: 'agencyTotalComplaints' },
  { key: 'requests', label: 'agencyTotalRequests' },
  { key: 'praise', label: 'agencyTotalPraise' },
  { key: 'flash_sales', label: 'totalFlashSales' },
  { key: 'lapsed', label: 'agencyTotalLapsed' },
];

/** The figures a shop's and a host's rows show, after the name. */
const PER_LIVE: readonly { key: keyof AgencyTotals; label: MessageKey }[] = [
  { key: 'lives', label: 'columnLives' },
  { key: 'minutes', label: 'agencyColumnMinutes' },
  { key: 'comments', label: 'columnComments' },
  { key: 'flagged', label: 'agencyColumnFlagged' },
  { key: 'questions', label: 'columnQuestions' },
  { key: 'complaints', label: 'agencyColumnComplaints' },
  { key: 'flash_sales', label: 'agencyColumnFlashSales' },
  { key: 'lapsed', label: 'agencyColumnLapsed' },
];

/** The figures a product's row shows: what viewers tagged about it, and its flash sales. */
const PER_PRODUCT: readonly { key: keyof AgencyTotals; label: MessageKey }[] = [
  { key: 'questions', label: 'columnQuestions' },
  { key: 'complaints', label: 'agencyColumnComplaints' },
  { key: 'requests', label: 'agencyColumnRequests' },
  { key: 'praise', label: 'agencyColumnPraise' },
  { key: 'flash_sales', label: 'agencyColumnFlashSales' },
  { key: 'lapsed', label: 'agencyColumnLapsed' },
];

function figures(
  totals: AgencyTotals,
  columns: readonly { key: keyof AgencyTotals }[],
  n: Writer['n'],
): Cell[] {
  return columns.map(({ key }) => ({ text: n(totals[key]) }));
}

/** Comments per hour to one decimal, as the local report writes its rates. */
export function perHour(value: number, n: Writer['n']): string {
  return n(Math.round(value * 10) / 10);
}

/** The report's tables, in the order shown, each row's cells as text. */
export function agencyTables(report: AgencyReport, { t, n, lang }: Writer): AgencyTable[] {
  return [
    {
      title: 'agencyTotals',
      testid: 'agency-totals',
      columns: ['agencyColumnFigure', 'columnTotal'],
      rows: TOTALS.map(({ key, label }) => [{ text: t(label) }, { text: n(report.totals[key]) }]),
    },
    {
      title: 'agencyByShop',
      testid: 'agency-shops',
      columns: ['agencyColumnShop', ...PER_LIVE.map((each) => each.label)],
      rows: report.shops.map((row) => [{ text: row.shop }, ...figures(row, PER_LIVE, n)]),
    },
    {
      title: 'agencyByHost',
      testid: 'agency-hosts',
      columns: ['agencyColumnHost', ...PER_LIVE.map((each) => each.label)],
      rows: report.hosts.map((row) => [
        row.name.trim() === '' ? { text: t('agencyNoHost'), faint: true } : { text: row.name },
        ...figures(row, PER_LIVE, n),
      ]),
    },
    {
      title: 'agencyByProduct',
      testid: 'agency-products',
      columns: ['columnProduct', ...PER_PRODUCT.map((each) => each.label)],
      rows: report.products.map((row) => [{ text: row.name }, ...figures(row, PER_PRODUCT, n)]),
    },
    {
      title: 'agencyFlagged',
      testid: 'agency-flagged',
      columns: ['columnCategory', 'columnComments'],
      rows: report.flagged.map((row) => [
        { text: categoryLabel(categoryOf(row.category), t) },
        { text: n(row.comments) },
      ]),
    },
    {
      title: 'agencyBestHours',
      hint: 'agencyBestHoursHint',
      testid: 'agency-best-hours',
      columns: ['agencyColumnShop', 'columnHour', 'agencyColumnPerHour', 'agencyColumnHours'],
      rows: report.best_hours.map((row) => [
        { text: row.shop },
        { text: hourRange(row.hour, lang) },
        { text: perHour(row.comments_per_hour, n) },
        { text: n(row.hours) },
      ]),
    },
  ];
}

/** The filters the report was made with, as "Toko: Novilla Official"; none when it covers all. */
export function filterLine(report: AgencyReport, t: Writer['t']): string[] {
  const { scope } = report;
  return AGENCY_FILTERS.flatMap(({ filter, label }) => {
    const value = scope[filter];
    return value === null || value === ''
      ? []
      : [t('agencyFilteredBy', { filter: t(label), value })];
  });
}
