// Chart.js, with only what the report draws registered (so the rest is tree-shaken), and the
// timeline's marker lines as a small plugin of ours. Everything is drawn on a canvas: product
// names in marker labels are painted as pixels, never parsed as markup, and nothing here adds a
// <style> element or a style attribute (Chart.js sizes the canvas through CSSOM).

import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartConfiguration,
  type Plugin,
} from 'chart.js';
import type { KindCount } from './bindings/KindCount';
import type { LiveReport } from './bindings/LiveReport';
import type { Marker } from './bindings/Marker';
import type { ShopRow } from './bindings/ShopRow';
import { kindLabel } from './feedback.svelte';
import type { Lang, MessageKey, Params } from './i18n.svelte';
import { formatTime, KIND_COLOURS, placeMarkers } from './report';

Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
);

// The app's dark palette (app.css); a canvas cannot read CSS variables.
Chart.defaults.color = '#9a9fa8';
Chart.defaults.borderColor = '#2a2e35';
Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

export { Chart };

export const MARKER_COLOURS: Readonly<Record<Marker['kind'], string>> = {
  flash_sale: '#f4511e',
  slot: '#9a9fa8',
};

/** A label cut to `max` characters (whole characters, not UTF-16 halves), with an ellipsis. */
export function shortLabel(text: string, max = 24): string {
  const chars = Array.from(text.replace(/\s+/g, ' ').trim());
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`;
}

/**
 * Vertical lines with a label at each marker (a drop opening, a slot starting), drawn over the
 * datasets. Labels step down in three rows so neighbours overlap less.
 */
export function markerPlugin(markers: readonly Marker[]): Plugin<'line'> {
  return {
    id: 'panduMarkers',
    afterDatasetsDraw(chart) {
      const x = chart.scales.x;
      const area = chart.chartArea;
      if (!x || !area) return;
      const placed = placeMarkers(markers, {
        min: x.min,
        max: x.max,
        left: x.left,
        right: x.right,
      });
      const ctx = chart.ctx;
      ctx.save();
      ctx.font = '11px system-ui, sans-serif';
      ctx.textBaseline = 'top';
      placed.forEach((marker, index) => {
        const colour = MARKER_COLOURS[marker.kind] ?? MARKER_COLOURS.slot;
        ctx.strokeStyle = colour;
        ctx.fillStyle = colour;
        ctx.lineWidth = 1;
        ctx.setLineDash(marker.kind === 'slot' ? [4, 3] : []);
        ctx.beginPath();
        ctx.moveTo(marker.x + 0.5, area.top);
        ctx.lineTo(marker.x + 0.5, area.bottom);
        ctx.stroke();
        const label = shortLabel(marker.label);
        const width = ctx.measureText(label).width;
        // Near the right edge the label goes on the line's left.
        const left = marker.x + 4 + width > area.right ? marker.x - 4 - width : marker.x + 4;
        ctx.fillText(label, left, area.top + 2 + (index % 3) * 13);
      });
      ctx.restore();
    },
  };
}

/** A live's comments per minute as a line over clock time (in the report's zone), with markers. */
export function timelineConfig(
  live: LiveReport,
  lang: Lang,
  timeZone: string,
  t: (key: MessageKey, params?: Params) => string,
): ChartConfiguration {
  const config: ChartConfiguration<'line'> = {
    type: 'line',
    data: {
      datasets: [
        {
          label: t('reportTimeline'),
          data: live.timeline.map((each) => ({ x: each.minute, y: each.comments })),
          borderColor: KIND_COLOURS.question,
          backgroundColor: KIND_COLOURS.question,
          borderWidth: 1.5,
          // A line needs two minutes; a live of one minute shows its one point.
          pointRadius: live.timeline.length === 1 ? 4 : 0,
          pointHitRadius: 6,
          tension: 0.2,
        },
      ],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      parsing: false,
      normalized: true,
      interaction: { mode: 'nearest', axis: 'x', intersect: false },
      layout: { padding: { top: 4 } },
      scales: {
        x: {
          type: 'linear',
          min: live.axis?.from,
          max: live.axis?.to,
          // Labelled where the core says (whole minutes, each read once), never at Chart.js's
          // round numbers of milliseconds ("15.00, 15.00, 15.01" on a short live).
          afterBuildTicks: (scale) => {
            scale.ticks = (live.axis?.ticks ?? []).map((value) => ({ value }));
          },
          ticks: {
            autoSkip: false,
            callback: (value) => formatTime(Number(value), lang, timeZone),
          },
          grid: { display: false },
        },
        y: { beginAtZero: true, ticks: { precision: 0 } },
      },
      plugins: {
        tooltip: {
          callbacks: {
            title: (items) => (items[0] ? formatTime(items[0].parsed.x ?? 0, lang, timeZone) : ''),
          },
        },
      },
    },
    plugins: [markerPlugin(live.markers)],
  };
  return config as unknown as ChartConfiguration;
}

/**
 * Counts as horizontal bars, one a row with its label on the axis and whole numbers from zero
 * along it: the layout every bar chart of the reports shares.
 */
function horizontalBars(bars: {
  title: string;
  labels: string[];
  counts: number[];
  /** One colour for every bar, or one a bar. */
  colour: string | string[];
}): ChartConfiguration {
  const config: ChartConfiguration<'bar'> = {
    type: 'bar',
    data: {
      labels: bars.labels,
      datasets: [
        {
          label: bars.title,
          data: bars.counts,
          backgroundColor: bars.colour,
          borderRadius: 4,
        },
      ],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      indexAxis: 'y',
      scales: {
        x: { beginAtZero: true, ticks: { precision: 0 } },
        y: { grid: { display: false } },
      },
    },
  };
  return config as unknown as ChartConfiguration;
}

/** Tags by kind as bars, each in its kind's colour. */
export function kindConfig(
  counts: readonly KindCount[],
  t: (key: MessageKey, params?: Params) => string,
): ChartConfiguration {
  return horizontalBars({
    title: t('reportByKind'),
    labels: counts.map((each) => t(kindLabel(each.kind))),
    counts: counts.map((each) => each.count),
    colour: counts.map((each) => KIND_COLOURS[each.kind] ?? '#9a9fa8'),
  });
}

/** The agency's comments per shop, as horizontal bars (the names painted on the canvas, cut short). */
export function shopConfig(
  shops: readonly ShopRow[],
  t: (key: MessageKey, params?: Params) => string,
): ChartConfiguration {
  return horizontalBars({
    title: t('agencyCommentsByShop'),
    labels: shops.map((each) => shortLabel(each.shop)),
    counts: shops.map((each) => each.comments),
    colour: KIND_COLOURS.question,
  });
}
