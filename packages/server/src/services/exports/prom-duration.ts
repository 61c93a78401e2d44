/**
 * A Prometheus duration for `seconds` in one unit (`3d`, `6h`, `15m`, `90s`, `250ms`): the
 * largest unit that divides it, so the text stays readable. Sub-millisecond parts are rounded to
 * the millisecond; 0 is `0s`.
 * @example promDuration(5400) // '90m'
 */
export function promDuration(seconds: number): string {
  const ms = Math.round(seconds * 1000);
  if (ms === 0) return '0s';
  const units: readonly [string, number][] = [
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1000],
  ];
  for (const [unit, size] of units) if (ms % size === 0) return `${ms / size}${unit}`;
  return `${ms}ms`;
}
