import { describe, expect, it } from 'vitest';
import { formatCount, formatDelta, formatMs, formatNumber, formatPercent, formatTime, formatUsd } from './format.js';

describe('formatting', () => {
  it('shows missing statistics as a dash', () => {
    for (const f of [formatCount, formatPercent, formatMs, formatUsd, formatNumber, formatDelta]) {
      expect(f(null)).toBe('—');
      expect(f(undefined)).toBe('—');
      expect(f(Number.NaN)).toBe('—');
    }
  });

  it('counts', () => {
    expect(formatCount(0)).toBe('0');
    expect(formatCount(999)).toBe('999');
    expect(formatCount(1234)).toBe('1.23k');
    expect(formatCount(4_500_000)).toBe('4.5M');
    expect(formatCount(12_000_000_000)).toBe('12G');
    expect(formatCount(-2500)).toBe('-2.5k');
  });

  it('percentages, durations, money and numbers', () => {
    expect(formatPercent(0.0123)).toBe('1.23 %');
    expect(formatPercent(0)).toBe('0 %');
    expect(formatPercent(1)).toBe('100 %');
    expect(formatMs(12.345)).toBe('12.3 ms');
    expect(formatMs(2500)).toBe('2.5 s');
    expect(formatUsd(0.00123)).toBe('$0.00123');
    expect(formatUsd(12.5)).toBe('$12.50');
    expect(formatUsd(12_345)).toBe('$12.3k');
    expect(formatNumber(0.91234)).toBe('0.912');
    expect(formatNumber(0.0000123)).toBe('1.23e-5');
  });

  it('signed deltas, in percentage points for shares', () => {
    expect(formatDelta(0.023, true)).toBe('+2.3 pp');
    expect(formatDelta(-0.5)).toBe('−0.5');
    expect(formatDelta(0)).toBe('±0');
  });

  it('times: hours and minutes within a day, with the date otherwise', () => {
    const t = new Date(2026, 2, 3, 14, 5).getTime();
    expect(formatTime(t, t + 3_600_000)).toBe('14:05');
    expect(formatTime(t, t + 3 * 86_400_000)).toBe('Mar 3 14:05');
    expect(formatTime(t + 9000, t, true)).toBe('14:05:09');
  });
});
