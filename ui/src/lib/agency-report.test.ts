// The "Agensi" scope's logic: when it is offered, the request its inputs make, and the report's
// tables as rows of text.

import { describe, expect, it } from 'vitest';
import {
  AGENCY_EXPORT_FORMATS,
  agencyProblem,
  agencyRequest,
  agencyTables,
  emptyInputs,
  filterLine,
  hubSet,
  withPeriod,
  type AgencyInputs,
  type Writer,
} from './agency-report';
import type { HubStatus } from './bindings/HubStatus';
import { formatNumber, translate, type Lang, type MessageKey, type Params } from './i18n.svelte';
import { agencyReport, hubStatus, XSS, ZERO_TOTALS } from './test-fixtures';

const HUB: HubStatus = hubStatus();

function writer(lang: Lang): Writer {
  return {
    t: (key: MessageKey, params?: Params) => translate(lang, key, params),
    n: (value: number) => formatNumber(lang, value),
    lang,
  };
}

describe('the Agensi scope', () => {
  it('is offered once a hub is set, in any state but off', () => {
    expect(hubSet(null)).toBe(false);
    expect(hubSet(undefined)).toBe(false);
    expect(hubSet({ ...HUB, state: 'off' })).toBe(false);
    for (const state of ['connecting', 'connected', 'unreachable', 'refused'] as const) {
      expect(hubSet({ ...HUB, state })).toBe(true);
    }
  });

  it('asks for this week, unfiltered, with nothing typed', () => {
    expect(agencyRequest(emptyInputs())).toEqual({
      week: null,
      from: null,
      to: null,
      shop: null,
      host: null,
      product: null,
    });
    expect(agencyProblem(emptyInputs())).toBeNull();
  });

  it('asks for the week or the dates picked, and the filters trimmed', () => {
    const inputs: AgencyInputs = {
      ...emptyInputs(),
      week: ' 2026-W05 ',
      from: '2026-01-01',
      to: '2026-01-31',
      shop: '  Novilla Official ',
      host: '   ',
      product: 'Serum',
    };
    expect(agencyRequest({ ...inputs, period: 'week' })).toEqual({
      week: '2026-W05',
      from: null,
      to: null,
      shop: 'Novilla Official',
      host: null,
      product: 'Serum',
    });
    expect(agencyRequest({ ...inputs, period: 'dates' })).toEqual({
      week: null,
      from: '2026-01-01',
      to: '2026-01-31',
      shop: 'Novilla Official',
      host: null,
      product: 'Serum',
    });
    // The period on screen decides: a week typed earlier is not sent with "this week".
    expect(agencyRequest({ ...inputs, period: 'this_week' }).week).toBeNull();
  });

  it('checks the period as the other scopes do', () => {
    expect(agencyProblem({ ...emptyInputs(), period: 'week', week: '2026-5' })).toBe('weekInvalid');
    expect(
      agencyProblem({ ...emptyInputs(), period: 'dates', from: '2026-02-01', to: '2026-01-01' }),
    ).toBe('datesInvalid');
    expect(agencyProblem({ ...emptyInputs(), period: 'dates', from: '', to: '' })).toBe(
      'datesInvalid',
    );
  });

  it('starts a period somewhere useful, keeping what was typed', () => {
    // Monday 5 Jan 2026, 02:00 in Jakarta; still Sunday 4 Jan in UTC.
    const now = Date.UTC(2026, 0, 4, 19);
    const shown = { label: '2026-W10', time_zone: 'Asia/Jakarta' };
    // The week on screen, else this week where the report's times are.
    expect(withPeriod(emptyInputs(), 'week', now, shown).week).toBe('2026-W10');
    expect(withPeriod(emptyInputs(), 'week', now, { ...shown, label: '2026-01-05' }).week).toBe(
      '2026-W02',
    );
    expect(
      withPeriod(emptyInputs(), 'week', now, { label: '2026-01-05', time_zone: 'UTC' }).week,
    ).toBe('2026-W01');
    const dates = withPeriod(emptyInputs(), 'dates', now, shown);
    expect([dates.period, dates.from, dates.to]).toEqual(['dates', '2025-12-30', '2026-01-05']);
    const typed = { ...emptyInputs(), week: '2025-W40', from: '2025-10-01', to: '2025-10-02' };
    expect(withPeriod(typed, 'week', now, shown)).toEqual({ ...typed, period: 'week' });
    expect(withPeriod(typed, 'dates', now, shown)).toEqual({ ...typed, period: 'dates' });
  });

  it('exports as the local report does, and as JSON', () => {
    expect(AGENCY_EXPORT_FORMATS.map((each) => each.format)).toEqual(['md', 'csv', 'html', 'json']);
  });
});

describe('the agency report’s tables', () => {
  const text = (lang: Lang, report = agencyReport()) =>
    Object.fromEntries(
      agencyTables(report, writer(lang)).map((table) => [
        table.testid,
        {
          columns: table.columns.map((key) => translate(lang, key)),
          rows: table.rows.map((row) => row.map((cell) => cell.text)),
        },
      ]),
    );

  it('writes the totals with the language’s grouping', () => {
    const totals = text('id')['agency-totals']!;
    expect(totals.rows).toEqual([
      ['Jumlah live', '12'],
      ['Menit live', '1.440'],
      ['Komentar', '23.456'],
      ['Komentar ditandai moderasi', '321'],
      ['Hadiah', '45'],
      ['Pertanyaan', '210'],
      ['Keluhan', '12'],
      ['Permintaan', '30'],
      ['Pujian', '60'],
      ['Flash sale', '9'],
      ['Flash sale habis waktu', '2'],
    ]);
    expect(text('en')['agency-totals']!.rows[2]).toEqual(['Comments', '23,456']);
  });

  it('lists shops, hosts and products with their figures, names as given', () => {
    const tables = text('id');
    expect(tables['agency-shops']!.columns).toEqual([
      'Toko',
      'Live',
      'Menit',
      'Komentar',
      'Ditandai',
      'Pertanyaan',
      'Keluhan',
      'Flash sale',
      'Habis waktu',
    ]);
    expect(tables['agency-shops']!.rows[0]).toEqual([
      XSS,
      '8',
      '960',
      '20.000',
      '300',
      '200',
      '10',
      '7',
      '2',
    ]);
    expect(tables['agency-hosts']!.rows.map((row) => row[0])).toEqual(['Sari', '(belum diisi)']);
    expect(text('en')['agency-hosts']!.rows[1]![0]).toBe('(not set)');
    expect(tables['agency-products']!.columns).toEqual([
      'Produk',
      'Pertanyaan',
      'Keluhan',
      'Permintaan',
      'Pujian',
      'Flash sale',
      'Habis waktu',
    ]);
    expect(tables['agency-products']!.rows).toEqual([
      ['Serum Novilla 30 ml', '150', '8', '20', '40', '5', '1'],
    ]);
  });

  it('marks an unset host faint', () => {
    const hosts = agencyTables(agencyReport(), writer('id')).find(
      (table) => table.testid === 'agency-hosts',
    )!;
    expect(hosts.rows.map((row) => row[0]!.faint ?? false)).toEqual([false, true]);
  });

  it('names the categories it knows, and shows the others as they came', () => {
    expect(text('id')['agency-flagged']!.rows).toEqual([
      ['Pesaing', '200'],
      ['Provokasi — tanggapi dengan tenang', '100'],
      [XSS, '21'],
    ]);
  });

  it('says when to go live as an hour range and comments per hour to one decimal', () => {
    expect(text('id')['agency-best-hours']!.rows).toEqual([[XSS, '19.00–20.00', '1.234,6', '12']]);
    expect(text('en')['agency-best-hours']!.rows).toEqual([[XSS, '19:00–20:00', '1,234.6', '12']]);
  });

  it('has empty tables for an empty period', () => {
    const empty = agencyReport({
      totals: ZERO_TOTALS,
      shops: [],
      hosts: [],
      products: [],
      flagged: [],
      best_hours: [],
    });
    const tables = agencyTables(empty, writer('id'));
    expect(tables[0]!.rows).toHaveLength(11);
    expect(tables.slice(1).every((table) => table.rows.length === 0)).toBe(true);
  });

  it('says which filters the report was made with', () => {
    const t = writer('id').t;
    expect(filterLine(agencyReport(), t)).toEqual([]);
    const scope = { ...agencyReport().scope, shop: XSS, product: 'Serum' };
    expect(filterLine(agencyReport({ scope }), t)).toEqual([`Toko: ${XSS}`, 'Produk: Serum']);
  });
});
