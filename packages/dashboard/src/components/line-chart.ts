import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { el } from './dom.js';

/** Line colours: distinguishable with the common colour-vision deficiencies, ≥ 3:1 on white. */
export const SERIES_COLORS = ['#0b5cad', '#b35900', '#7a3db8', '#1a7f37', '#cf222e', '#4d5a66'] as const;

export interface LineSeries {
  readonly label: string;
  readonly values: readonly (number | null)[];
  readonly color?: string;
  /** Dashed (a reference: baseline, target, diagonal). */
  readonly dashed?: boolean;
  /** Draw points only (no line). */
  readonly pointsOnly?: boolean;
}

export interface LineChartSpec {
  /** What the chart shows, for screen readers (role="img"). */
  readonly label: string;
  /** x values: epoch milliseconds when `time` (default), else plain numbers. */
  readonly x: readonly number[];
  readonly series: readonly LineSeries[];
  readonly time?: boolean;
  /** Formats a y value in the legend and axis. */
  readonly format?: (y: number) => string;
  readonly height?: number;
  /** Fixed y range (e.g. [0, 1] for a probability). */
  readonly yRange?: readonly [number, number];
  readonly xRange?: readonly [number, number];
}

/**
 * A uPlot line chart. Returns its container; the plot is drawn once the container is in the
 * document (it needs a width) and follows the container's width afterwards.
 */
export function lineChart(spec: LineChartSpec): HTMLElement {
  const box = el('div', { class: 'chart', role: 'img', 'aria-label': spec.label });
  const time = spec.time ?? true;
  const format = spec.format ?? ((y: number) => String(Number(y.toPrecision(3))));
  const data: uPlot.AlignedData = [
    spec.x.map((t) => (time ? t / 1000 : t)),
    ...spec.series.map((s) => s.values.map((v) => (v === null || Number.isNaN(v) ? null : v))),
  ];
  let plot: uPlot | undefined;
  const draw = () => {
    const width = Math.max(240, box.clientWidth);
    if (plot !== undefined) {
      plot.setSize({ width, height: spec.height ?? 200 });
      return;
    }
    plot = new uPlot(
      {
        width,
        height: spec.height ?? 200,
        scales: {
          x: { time, ...(spec.xRange === undefined ? {} : { range: [spec.xRange[0], spec.xRange[1]] }) },
          y: spec.yRange === undefined ? {} : { range: [spec.yRange[0], spec.yRange[1]] },
        },
        axes: [
          { stroke: '#3d4752', grid: { stroke: '#e3e7eb' } },
          { stroke: '#3d4752', grid: { stroke: '#e3e7eb' }, values: (_u, ticks) => ticks.map(format), size: 60 },
        ],
        series: [
          { value: time ? '{YYYY}-{MM}-{DD} {HH}:{mm}' : (_u, v) => (v === null ? '—' : format(v)) },
          ...spec.series.map((s, i) => ({
            label: s.label,
            stroke: s.color ?? (SERIES_COLORS[i % SERIES_COLORS.length] as string),
            width: 2,
            ...(s.dashed ? { dash: [6, 4] } : {}),
            ...(s.pointsOnly ? { paths: () => null, points: { show: true, size: 7 } } : {}),
            value: (_u: uPlot, v: number | null) => (v === null ? '—' : format(v)),
            spanGaps: false,
          })),
        ],
        legend: { live: true },
        cursor: { drag: { x: false, y: false } },
      },
      data,
      box,
    );
  };
  const observer = new ResizeObserver(() => {
    if (box.isConnected && box.clientWidth > 0) draw();
  });
  observer.observe(box);
  return box;
}
