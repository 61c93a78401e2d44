/** Display formatting of the dashboard's numbers. `null`, `undefined` and NaN show as an em dash. */

const DASH = '—';

function missing(x: number | null | undefined): x is null | undefined {
  return x === null || x === undefined || Number.isNaN(x);
}

/** 1234 → "1.23k", 4 500 000 → "4.5M"; integers below 1 000 as they are. */
export function formatCount(x: number | null | undefined): string {
  if (missing(x)) return DASH;
  const abs = Math.abs(x);
  if (abs < 1000) return Number.isInteger(x) ? String(x) : x.toPrecision(3);
  const units: readonly [number, string][] = [
    [1e9, 'G'],
    [1e6, 'M'],
    [1e3, 'k'],
  ];
  for (const [size, unit] of units) {
    if (abs >= size) return `${Number((x / size).toPrecision(3))}${unit}`;
  }
  return String(x);
}

/** A share in [0, 1] as a percentage: 0.0123 → "1.23 %", 0 → "0 %". */
export function formatPercent(x: number | null | undefined, digits = 3): string {
  if (missing(x)) return DASH;
  if (x === 0) return '0 %';
  return `${Number((x * 100).toPrecision(digits))} %`;
}

/** Milliseconds: 12.345 → "12.3 ms", 2500 → "2.5 s". */
export function formatMs(x: number | null | undefined): string {
  if (missing(x)) return DASH;
  if (Math.abs(x) >= 1000) return `${Number((x / 1000).toPrecision(3))} s`;
  return `${Number(x.toPrecision(3))} ms`;
}

/** US dollars: 0.00123 → "$0.00123", 12.5 → "$12.50", 12 345 → "$12.3k". */
export function formatUsd(x: number | null | undefined): string {
  if (missing(x)) return DASH;
  const abs = Math.abs(x);
  if (abs >= 10_000) return `$${formatCount(x)}`;
  if (abs >= 1 || x === 0) return `$${x.toFixed(2)}`;
  return `$${Number(x.toPrecision(3))}`;
}

/** Three significant digits ("0.912", "1.23e-5" for tiny values). */
export function formatNumber(x: number | null | undefined, digits = 3): string {
  if (missing(x)) return DASH;
  if (x !== 0 && Math.abs(x) < 1e-3) return x.toExponential(digits - 1);
  return String(Number(x.toPrecision(digits)));
}

/** A signed difference, e.g. "+1.2 %" for a share delta (percentage points) when `percent`. */
export function formatDelta(x: number | null | undefined, percent = false): string {
  if (missing(x)) return DASH;
  const sign = x > 0 ? '+' : x < 0 ? '−' : '±';
  const body = percent ? `${Number((Math.abs(x) * 100).toPrecision(3))} pp` : formatNumber(Math.abs(x));
  return `${sign}${body}`;
}

/**
 * Local time of an epoch-ms instant: "14:05" within a day of `now`, else "Mar 3 14:05";
 * "14:05:09" with `seconds`.
 */
export function formatTime(ms: number, now = Date.now(), seconds = false): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  const hm = `${pad(d.getHours())}:${pad(d.getMinutes())}${seconds ? `:${pad(d.getSeconds())}` : ''}`;
  if (Math.abs(now - ms) < 86_400_000) return hm;
  const month = d.toLocaleString('en', { month: 'short' });
  return `${month} ${d.getDate()} ${hm}`;
}
