// Server-renders the Laporan tab's "Agensi" scope: offered only with a hub set, the agency's
// report as tables of text (shop, host, product and category names came from the agency's
// desktops), and the hub's refusal.

import { render } from 'svelte/server';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const { agencyReportGet } = vi.hoisted(() => ({ agencyReportGet: vi.fn() }));
vi.mock('../api', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../api')>()),
  agencyReportGet,
}));

import { AgencyReportStore } from '../agency-report-store.svelte';
import { agencyReport, hubStatus, textOf, visibleText, XSS } from '../test-fixtures';
import AgencyReportPanel from './AgencyReportPanel.svelte';
import AgencyReportView from './AgencyReportView.svelte';
import ReportPanel from './ReportPanel.svelte';

beforeEach(() => agencyReportGet.mockReset());

/** The cells of the table marked `testid`, row by row. */
function cells(body: string, testid: string): string[][] {
  const table = body.slice(body.indexOf(`data-testid="${testid}"`));
  const tbody = table.slice(table.indexOf('<tbody'), table.indexOf('</tbody>'));
  return [...tbody.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...row[1]!.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((cell) => visibleText(cell[1]!)),
  );
}

describe('the Agensi scope', () => {
  it('is offered only while a hub is set', () => {
    const scope = 'data-testid="scope-agency"';
    expect(render(ReportPanel, {}).body).not.toContain(scope);
    expect(render(ReportPanel, { props: { hub: null } }).body).not.toContain(scope);
    const off = hubStatus({ state: 'off' });
    expect(render(ReportPanel, { props: { hub: off } }).body).not.toContain(scope);
    for (const state of ['connecting', 'connected', 'unreachable', 'refused'] as const) {
      const { body } = render(ReportPanel, { props: { hub: hubStatus({ state }) } });
      expect(textOf(body, 'scope-agency', 'button')).toBe('Agensi');
    }
  });

  it('offers the period, the filters, “Tampilkan” and every export', () => {
    const { body } = render(AgencyReportPanel, { props: { store: new AgencyReportStore() } });
    expect(body).toMatch(/aria-checked="true"[^>]*data-testid="agency-period-this_week"/);
    for (const filter of ['shop', 'host', 'product']) {
      expect(body).toContain(`data-testid="agency-filter-${filter}"`);
    }
    expect(textOf(body, 'agency-show', 'button')).toBe('Tampilkan');
    for (const format of ['md', 'csv', 'html', 'json']) {
      expect(body).toContain(`data-testid="agency-export-${format}"`);
    }
    expect(textOf(body, 'agency-export-json', 'button')).toBe('JSON');
    expect(body).toContain('data-testid="agency-report-hint"');
    expect(body).not.toContain('data-testid="agency-report"');
  });

  it('renders the hub’s report, every name as text', async () => {
    const store = new AgencyReportStore();
    store.pick('week');
    store.inputs.week = '2026-W02';
    store.inputs.shop = XSS;
    agencyReportGet.mockResolvedValueOnce(
      agencyReport({ scope: { ...agencyReport().scope, shop: XSS } }),
    );
    await store.load();
    const { body } = render(AgencyReportPanel, { props: { store } });
    expect(body).not.toContain('<img src=x');
    expect(body).toContain('value="2026-W02"');
    expect(textOf(body, 'agency-report-label', 'h2')).toBe('2026-W02');
    expect(textOf(body, 'agency-report-filters', 'p')).toBe(`Toko: ${XSS}`);
    expect(cells(body, 'agency-totals')[2]).toEqual(['Komentar', '23.456']);
    expect(cells(body, 'agency-totals')[10]).toEqual(['Flash sale habis waktu', '2']);
    expect(cells(body, 'agency-shops')[0]).toEqual([
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
    expect(cells(body, 'agency-hosts').map((row) => row[0])).toEqual(['Sari', '(belum diisi)']);
    expect(cells(body, 'agency-products')).toEqual([
      ['Serum Novilla 30 ml', '150', '8', '20', '40', '5', '1'],
    ]);
    expect(cells(body, 'agency-flagged').map((row) => row[0])).toEqual([
      'Pesaing',
      'Provokasi — tanggapi dengan tenang',
      XSS,
    ]);
    expect(cells(body, 'agency-best-hours')).toEqual([[XSS, '19.00–20.00', '1.234,6', '12']]);
    for (const title of [
      'Per toko',
      'Per host',
      'Per produk',
      'Komentar yang ditandai moderasi',
      'Kapan sebaiknya live',
    ]) {
      expect(body).toContain(`>${title}</h3>`);
    }
    expect(body).toContain('data-testid="agency-shop-chart"');
    expect(body).not.toContain('style=');
  });

  it('says an empty period has nothing, without a chart', () => {
    const empty = agencyReport({ shops: [], hosts: [], products: [], flagged: [], best_hours: [] });
    const { body } = render(AgencyReportView, { props: { report: empty } });
    expect(body).not.toContain('data-testid="agency-shop-chart"');
    expect(body).not.toContain('data-testid="agency-shops"');
    expect(body).toContain('Tidak ada.');
  });

  it('shows why the hub did not give the report', async () => {
    const store = new AgencyReportStore();
    agencyReportGet.mockRejectedValueOnce({ code: 'hub', message: `refused: ${XSS}` });
    await store.load();
    const { body } = render(AgencyReportPanel, { props: { store } });
    expect(body).not.toContain('<img src=x');
    expect(textOf(body, 'agency-report-error', 'p')).toBe(
      `Laporan agensi tidak bisa diambil: Hub agensi tidak dapat dipakai: refused: ${XSS}`,
    );
  });

  it('flags a week that is not one before asking', () => {
    const store = new AgencyReportStore();
    store.pick('week');
    store.inputs.week = '2026-5';
    const { body } = render(AgencyReportPanel, { props: { store } });
    expect(body).toContain('Tulis minggu sebagai YYYY-Www');
    expect(body).toMatch(
      /data-testid="agency-show"[^>]*disabled|disabled[^>]*data-testid="agency-show"/,
    );
  });
});
