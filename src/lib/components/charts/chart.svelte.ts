/**
 * `{@attach chart(() => spec)}` on a `<canvas>`: one Chart.js chart for the canvas's whole life.
 * When the spec's reactive inputs change, the chart's data is mutated in place and redrawn
 * with `update('none')` (no animation, no re-creation), at most once per animation frame.
 * Chart.js only ever sees plain snapshots, never Svelte `$state` proxies (it writes metadata
 * into the arrays it is given). `data-chart-creations` / `data-chart-updates` on the canvas
 * count creations and redraws (browser tests assert a chart is never re-created).
 */
import { untrack } from 'svelte';
import type { Attachment } from 'svelte/attachments';
import { ArcElement, BarController, BarElement, CategoryScale, Chart, DoughnutController, Filler, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip, type ChartConfiguration } from 'chart.js';

Chart.register(BarController, BarElement, LineController, LineElement, PointElement, DoughnutController, ArcElement, CategoryScale, LinearScale, Tooltip, Legend, Filler);

export interface ChartSeries {
  label: string;
  data: number[];
  color: string | string[];
}

export interface ChartSpec {
  type: 'bar' | 'line' | 'doughnut';
  labels: string[];
  datasets: ChartSeries[];
  /** Extra tooltip lines for a point (the formula and the count behind it). */
  footer?: (datasetIndex: number, index: number) => string[];
  /** A click on a bar, point or slice (drill-down). */
  onPick?: (datasetIndex: number, index: number) => void;
  /** Bars side by side for the same label are stacked. */
  stacked?: boolean;
  /** Text size in px (axes, legend, tooltips); Chart.js's default (12) when absent. A wall screen sets it from its width. */
  fontSize?: number;
}

type Plain = Pick<ChartSpec, 'labels' | 'datasets'>;

function plain(spec: ChartSpec): Plain {
  return $state.snapshot({ labels: spec.labels, datasets: spec.datasets }) as Plain;
}

function toConfig(spec: ChartSpec, data: Plain, current: () => ChartSpec): ChartConfiguration {
  const font = spec.fontSize ? { size: spec.fontSize } : undefined;
  const axes = spec.type === 'doughnut' ? {} : { scales: { x: { stacked: spec.stacked ?? false, ticks: { font } }, y: { stacked: spec.stacked ?? false, beginAtZero: true, ticks: { precision: 0, font } } } };
  return {
    type: spec.type,
    data: { labels: data.labels, datasets: data.datasets.map((d) => ({ label: d.label, data: d.data, backgroundColor: d.color, borderColor: d.color, fill: false, tension: 0.2 })) },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      ...axes,
      plugins: {
        legend: { display: data.datasets.length > 1 || spec.type === 'doughnut', position: 'bottom', labels: { font } },
        tooltip: { bodyFont: font, footerFont: font, callbacks: { footer: (items) => (items[0] ? (current().footer?.(items[0].datasetIndex, items[0].dataIndex) ?? []) : []) } }
      },
      onClick: (_event, elements) => {
        const hit = elements[0];
        if (hit) current().onPick?.(hit.datasetIndex, hit.index);
      }
    }
  } as ChartConfiguration;
}

/** Copies `next` into the live chart's data, keeping its arrays (Chart.js tracks them). */
function mutate(chart: Chart, next: Plain): void {
  const data = chart.data;
  (data.labels ??= []).splice(0, data.labels.length, ...next.labels);
  next.datasets.forEach((d, i) => {
    const existing = data.datasets[i];
    if (!existing) {
      data.datasets.push({ label: d.label, data: [...d.data], backgroundColor: d.color, borderColor: d.color });
      return;
    }
    existing.label = d.label;
    existing.data.splice(0, existing.data.length, ...d.data);
    existing.backgroundColor = d.color;
    existing.borderColor = d.color;
  });
  data.datasets.splice(next.datasets.length);
}

export function chart(spec: () => ChartSpec): Attachment<HTMLCanvasElement> {
  return (canvas) => {
    // The spec as it is now, for callbacks: read untracked so the attachment itself never re-runs.
    const current = () => untrack(spec);
    const first = current();
    const instance = untrack(() => new Chart(canvas, toConfig(first, plain(first), current)));
    canvas.dataset.chartCreations = String(Number(canvas.dataset.chartCreations ?? 0) + 1);
    canvas.dataset.chartUpdates ??= '0';
    let latest: Plain | null = null;
    let frame = 0;
    const redraw = () => {
      frame = 0;
      if (!latest) return;
      mutate(instance, latest);
      latest = null;
      instance.update('none');
      canvas.dataset.chartUpdates = String(Number(canvas.dataset.chartUpdates ?? 0) + 1);
    };
    let initial = true;
    $effect(() => {
      const next = plain(spec());
      if (initial) {
        initial = false;
        return;
      }
      latest = next;
      frame ||= requestAnimationFrame(redraw);
    });
    return () => {
      if (frame) cancelAnimationFrame(frame);
      instance.destroy();
    };
  };
}
