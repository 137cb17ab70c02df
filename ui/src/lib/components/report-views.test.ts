// Server-renders the Laporan tab and the status bar's archive warning; checks the charts'
// configuration and the marker plugin against a stand-in canvas.

import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import type { Chart } from 'chart.js';
import type { Report } from '../bindings/Report';
import type { SessionState } from '../bindings/SessionState';
import { kindConfig, markerPlugin, shortLabel, timelineConfig } from '../charts';
import { FeedStore } from '../feed.svelte';
import { formatTime } from '../report';
import { translate, type MessageKey, type Params } from '../i18n.svelte';
import { feedbackEntry, session, textOf, visibleText } from '../test-fixtures';
import ReportPanel from './ReportPanel.svelte';
import ReportView from './ReportView.svelte';
import StatusBar from './StatusBar.svelte';

const XSS = '<img src=x onerror=alert(1)>';
const START = Date.UTC(2026, 0, 5, 12, 0); // 19:00 in Jakarta

function report(overrides: Partial<Report> = {}): Report {
  return {
    scope: {
      kind: 'week',
      session: null,
      label: '2026-W02',
      from: START,
      to: START + 7 * 86_400_000,
      time_zone: 'Asia/Jakarta',
    },
    generated_at: START + 3_600_000,
    totals: {
      lives: 1,
      minutes: 62,
      comments: 1234,
      commenters: 321,
      peak_per_minute: { minute: START + 600_000, comments: 88 },
      viewers_peak: 540,
      viewers_average: 312.4,
      flagged: 17,
      muted: 2,
      flash_sales: 3,
      feedback: 9,
      gaps: { count: 1, total_ms: 42_000, share: 0.0113 },
    },
    lives: [
      {
        session: 12,
        source: 'tiktok:@toko',
        started_at: START,
        ended_at: START + 62 * 60_000,
        minutes: 62,
        comments: 1234,
        commenters: 321,
        peak_per_minute: null,
        viewers_peak: null,
        viewers_average: null,
        feedback: 9,
        timeline: [
          { minute: START, comments: 4 },
          { minute: START + 60_000, comments: 9 },
        ],
        markers: [{ at: START + 60_000, kind: 'flash_sale', label: XSS }],
        axis: { from: START, to: START + 120_000, ticks: [START, START + 60_000, START + 120_000] },
        gaps: [
          {
            session: 12,
            source: XSS,
            start: START + 30_000,
            end: START + 72_000,
            duration_ms: 42_000,
            reason: { kind: 'tiktok_dropped' },
          },
        ],
        gap_total: { count: 1, total_ms: 42_000, share: 0.0113 },
      },
    ],
    flagged: [{ category: 'competitor', comments: 12 }],
    muted: [],
    flash_sales: [
      {
        product: XSS,
        price: 'Rp99.000',
        stock: 20,
        starts_at: START,
        window_seconds: 300,
        ended_at: START + 300_000,
        end_reason: 'expired',
      },
      {
        product: 'Toner',
        price: 'Rp50.000',
        stock: null,
        starts_at: START,
        window_seconds: 120,
        ended_at: START + 60_000,
        end_reason: 'closed',
      },
      {
        product: 'Sabun',
        price: 'Rp10.000',
        stock: null,
        starts_at: START,
        window_seconds: 120,
        ended_at: null,
        end_reason: null,
      },
    ],
    feedback_by_kind: [
      { kind: 'complaint', count: 2 },
      { kind: 'question', count: 5 },
      { kind: 'request', count: 0 },
      { kind: 'praise', count: 2 },
    ],
    feedback_by_product: [
      { product: XSS, complaint: 1, question: 2, request: 0, praise: 1, total: 4 },
      { product: null, complaint: 1, question: 3, request: 0, praise: 1, total: 5 },
    ],
    complaints: [feedbackEntry({ id: 5, kind: 'complaint', nickname: XSS, text: XSS, note: XSS })],
    open_questions: [],
    asked: [
      { product: 'Gamis', kind: 'size', questions: 4, example: XSS },
      { product: null, kind: null, questions: 1, example: 'kapan live lagi?' },
    ],
    missing_facts: [{ product: 'Gamis', fact: 'sizes', questions: 3 }],
    best_times: [
      {
        weekday: 1,
        hour: 19,
        lives: 3,
        comments_per_minute: 21.46,
        viewers_average: null,
        feedback_per_live: 2,
      },
    ],
    ...overrides,
  };
}

describe('the report', () => {
  it('shows totals, tables and lists, with strangers’ words as text', () => {
    const { body } = render(ReportView, { props: { report: report() } });
    expect(body).not.toContain('<img src=x');
    expect(textOf(body, 'report-label', 'h2')).toBe('2026-W02');
    expect(textOf(body, 'total-totalComments', 'li')).toBe('Komentar 1.234');
    expect(textOf(body, 'total-totalPeak', 'li')).toContain('88');
    expect(textOf(body, 'total-totalPeak', 'li')).toContain('19.10');
    expect(textOf(body, 'total-totalViewersAverage', 'li')).toBe('Rata-rata penonton 312');
    // Where no source delivered: how much of the live, then each gap with its sources as text.
    expect(textOf(body, 'total-totalGaps', 'li')).toBe(
      'Sumber terputus 1 total 0:42 · 1% dari waktu live',
    );
    const gaps = textOf(body, 'report-gaps', 'ul');
    expect(gaps).toContain(
      '1 kali terputus, total 0:42 (1% dari live); komentar selama itu mungkin tidak masuk',
    );
    expect(gaps).toContain('Terputus 0:42 — komentar selama itu mungkin tidak masuk');
    expect(gaps).toContain(XSS);
    const ends = [...body.matchAll(/data-testid="flash-sale-end"[^>]*>([\s\S]*?)<\/td>/g)].map(
      (match) => visibleText(match[1]!),
    );
    expect(ends).toEqual(['habis waktu · 19.05', 'ditutup · 19.01', 'berjalan']);
    expect(textOf(body, 'report-by-product', 'table')).toContain(XSS);
    expect(textOf(body, 'report-by-product', 'table')).toContain('(tanpa produk)');
    expect(textOf(body, 'report-flagged', 'table')).toContain('Pesaing');
    expect(textOf(body, 'report-complaints', 'table')).toContain(XSS);
    // What was asked most, by the kinds' names, and the facts to fill in before the next live.
    const asked = textOf(body, 'report-asked', 'table');
    expect(asked).toContain(`Gamis ukuran 4 ${XSS}`);
    expect(asked).toContain('(tanpa produk) lainnya 1 kapan live lagi?');
    expect(textOf(body, 'report-missing-facts', 'table')).toContain('Gamis ukuran 3');
    const bestTimes = body.slice(body.indexOf('data-testid="report-best-times"'));
    const cells = [...bestTimes.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((match) =>
      visibleText(match[1]!),
    );
    expect(cells.slice(0, 4)).toEqual(['Senin', '19.00–20.00', '3', '21,5']);
    // Charts are canvases filled in the browser; the markers are listed as text under them.
    expect(body).toContain('data-testid="timeline-chart"');
    expect(body).toContain('data-testid="kind-chart"');
    expect(body).not.toContain('style=');
  });

  it('says when a scope has no lives and nothing tagged', () => {
    const empty = report({ lives: [], feedback_by_kind: [], complaints: [] });
    const { body } = render(ReportView, { props: { report: empty } });
    expect(body).toContain('Tidak ada live dalam cakupan ini.');
    expect(body).not.toContain('data-testid="timeline-chart"');
    expect(body).not.toContain('data-testid="kind-chart"');
  });

  it('starts on this week with the export buttons', () => {
    const { body } = render(ReportPanel, {});
    expect(body).toMatch(
      /data-testid="scope-this_week"[^>]*aria-checked="true"|aria-checked="true"[^>]*data-testid="scope-this_week"/,
    );
    for (const format of ['md', 'csv', 'html']) {
      expect(body).toContain(`data-testid="export-${format}"`);
    }
    expect(textOf(body, 'export-csv', 'button')).toBe('CSV (Excel)');
    expect(body).toContain('data-testid="search-input"');
  });
});

describe('the charts', () => {
  const t = (key: MessageKey, params?: Params) => translate('id', key, params);

  it('draw a live’s minutes over the time axis, widened to its markers', () => {
    const config = timelineConfig(report().lives[0]!, 'id', 'Asia/Jakarta', t);
    expect(config.type).toBe('line');
    expect(config.data.datasets[0]!.data).toEqual([
      { x: START, y: 4 },
      { x: START + 60_000, y: 9 },
    ]);
    expect(config.plugins).toHaveLength(1);
    const dataset = config.data.datasets[0] as { pointRadius?: number };
    expect(dataset.pointRadius).toBe(0);
  });

  it('label the time axis at the core’s ticks only, each minute once', () => {
    const live = report().lives[0]!;
    const x = timelineConfig(live, 'id', 'Asia/Jakarta', t).options?.scales?.x as {
      afterBuildTicks: (scale: { ticks: { value: number }[] }) => void;
      ticks: { autoSkip: boolean; callback: (value: number) => string };
    };
    // What Chart.js would put on a two-minute axis by itself: round numbers of milliseconds.
    const scale = {
      ticks: [0, 20, 40, 60, 80, 100, 120].map((s) => ({ value: START + s * 1000 })),
    };
    x.afterBuildTicks(scale);
    const labels = scale.ticks.map((tick) => x.ticks.callback(tick.value));
    expect(labels).toEqual(
      [START, START + 60_000, START + 120_000].map((at) => formatTime(at, 'id', 'Asia/Jakarta')),
    );
    expect(new Set(labels).size).toBe(labels.length);
    expect(x.ticks.autoSkip).toBe(false);
  });

  it('show a one-minute live as its one point', () => {
    const live = report().lives[0]!;
    const short = { ...live, timeline: live.timeline.slice(0, 1) };
    const dataset = timelineConfig(short, 'id', 'Asia/Jakarta', t).data.datasets[0] as {
      pointRadius?: number;
    };
    expect(dataset.pointRadius).toBeGreaterThan(0);
  });

  it('draw tags by kind in the kinds’ names', () => {
    const config = kindConfig(report().feedback_by_kind, t);
    expect(config.data.labels).toEqual(['Keluhan', 'Pertanyaan', 'Permintaan', 'Pujian']);
    expect(config.data.datasets[0]!.data).toEqual([2, 5, 0, 2]);
  });

  it('mark drops and slots with lines and canvas text at their times', () => {
    const calls: string[] = [];
    const ctx = {
      save: () => calls.push('save'),
      restore: () => calls.push('restore'),
      beginPath: () => {},
      stroke: () => {},
      setLineDash: () => {},
      moveTo: (x: number, y: number) => calls.push(`move ${x},${y}`),
      lineTo: (x: number, y: number) => calls.push(`line ${x},${y}`),
      measureText: (text: string) => ({ width: text.length * 5 }),
      fillText: (text: string, x: number) => calls.push(`text ${text} @${x}`),
    };
    const chart = {
      ctx,
      chartArea: { top: 10, bottom: 110, left: 0, right: 400 },
      scales: { x: { min: 0, max: 100, left: 0, right: 400 } },
    } as unknown as Chart<'line'>;
    const plugin = markerPlugin([
      { at: 25, kind: 'slot', label: 'Serum' },
      { at: 100, kind: 'flash_sale', label: XSS },
    ]);
    plugin.afterDatasetsDraw!(chart, {}, {}, false);
    expect(calls).toEqual([
      'save',
      'move 100.5,10',
      'line 100.5,110',
      'text Serum @104',
      'move 400.5,10',
      'line 400.5,110',
      `text ${shortLabel(XSS)} @${400 - 4 - shortLabel(XSS).length * 5}`,
      'restore',
    ]);
    expect(shortLabel('a'.repeat(30))).toBe(`${'a'.repeat(23)}…`);
  });
});

describe('the status bar', () => {
  function bar(state: SessionState): string {
    const feed = new FeedStore();
    feed.setState(state);
    return render(StatusBar, { props: { feed, info: null, infoError: null } }).body;
  }

  it('warns in plain words when the archive cannot be written', () => {
    const body = bar({
      ...session({ archive_error: 'No space left on device (os error 28)' }),
      archive_problem: 'disk_full',
      archive_waiting: 42,
      archive_dropped: 3,
    } as SessionState);
    expect(body).toContain('data-problem="disk_full"');
    expect(textOf(body, 'archive-warning', 'span')).toBe(
      'Arsip tidak bisa ditulis: disk penuh. Komentar disimpan sementara di memori (42 menunggu); Pandu mencoba lagi sendiri. 3 komentar tidak tersimpan karena antrean penuh.',
    );
    expect(body).toContain('No space left on device');
  });

  it('says when a new live of the host started this session', () => {
    const body = bar(
      session({
        switch: {
          previous_session: 11,
          source: 'tiktok:@toko',
          from_room: '7437',
          to_room: '7438',
        },
      }),
    );
    expect(textOf(body, 'live-switch', 'span')).toBe(
      'Live baru: tiktok:@toko pindah ke room 7438; sesi #11 ditutup dan sesi ini dimulai agar dua live tidak tercampur',
    );
    expect(bar(session())).not.toContain('live-switch');
  });

  it('keeps quiet while the archive is fine', () => {
    expect(bar(session())).not.toContain('archive-warning');
  });
});
