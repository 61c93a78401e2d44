import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_BURN_RATE_WINDOWS } from '../../domain/slo.js';
import { budgetConsumedAtAlert, burnRate, burnRateAlerts, errorBudgetRemaining } from './burn-rate.js';

const rel = (actual: number, expected: number, tol = 1e-12) =>
  expect(Math.abs(actual - expected) / Math.abs(expected)).toBeLessThan(tol);

describe('burnRate (hand-derived)', () => {
  it('1 % errors against a 99.9 % SLO burns at 10×', () => {
    // bad share 10 / 1000 = 0.01; budget 1 − 0.999 = 0.001; 0.01 / 0.001 = 10.
    rel(burnRate({ good: 990, total: 1000 }, 0.999), 10);
  });
  it('0.1 % errors against 99.9 % burns exactly the budget (1×); 1.44 % burns 14.4×', () => {
    rel(burnRate({ good: 9990, total: 10_000 }, 0.999), 1);
    rel(burnRate({ good: 9856, total: 10_000 }, 0.999), 14.4);
  });
  it('5 % errors against a 99 % SLO burns 5×; no errors burn 0; no requests burn 0', () => {
    rel(burnRate({ good: 95, total: 100 }, 0.99), 5);
    expect(burnRate({ good: 100, total: 100 }, 0.99)).toBe(0);
    expect(burnRate({ good: 0, total: 0 }, 0.99)).toBe(0);
  });
  it('rejects impossible counts and objectives, naming the field and the value', () => {
    expect(() => burnRate({ good: 11, total: 10 }, 0.99)).toThrow(
      /good must be an integer in \[0, total = 10\] \(got 11\)/,
    );
    expect(() => burnRate({ good: 1, total: -1 }, 0.99)).toThrow(/total must be an integer ≥ 0 \(got -1\)/);
    expect(() => burnRate({ good: 1, total: 1 }, 1)).toThrow(/objective must be in \(0, 1\) \(got 1\)/);
  });
});

describe('errorBudgetRemaining (hand-derived)', () => {
  it('half the budget spent leaves 0.5; all spent 0; twice spent −1; nothing served 1', () => {
    // 99.9 % over 10 000 requests allows 10 bad ones.
    rel(errorBudgetRemaining({ good: 9995, total: 10_000 }, 0.999), 0.5);
    expect(Math.abs(errorBudgetRemaining({ good: 9990, total: 10_000 }, 0.999))).toBeLessThan(1e-9);
    rel(errorBudgetRemaining({ good: 9980, total: 10_000 }, 0.999), -1);
    expect(errorBudgetRemaining({ good: 0, total: 0 }, 0.999)).toBe(1);
  });
});

describe('burnRateAlerts: the SRE workbook windows', () => {
  const HOUR = 3_600_000;
  it('the default windows spend 2 %, 5 % and 10 % of a 30-day budget before firing', () => {
    const period = 30 * 24 * HOUR;
    const [fast, medium, slow] = DEFAULT_BURN_RATE_WINDOWS;
    rel(budgetConsumedAtAlert(fast as never, period), 0.02);
    rel(budgetConsumedAtAlert(medium as never, period), 0.05);
    rel(budgetConsumedAtAlert(slow as never, period), 0.1);
  });
  it('fires only when both windows exceed the factor', () => {
    // 99.9 % objective. 1 h: 2 % errors = 20×; 5 min: 1.5 % = 15× → fast fires (both > 14.4).
    // 6 h: 0.5 % = 5×, below 6 → medium does not fire although 30 min (1.5 % = 15×) is above.
    // 3 d: 0.2 % = 2×, 6 h: 5× → slow (1×) fires.
    const counts: Record<number, { good: number; total: number }> = {
      [HOUR]: { good: 980, total: 1000 },
      [5 * 60_000]: { good: 985, total: 1000 },
      [6 * HOUR]: { good: 995, total: 1000 },
      [30 * 60_000]: { good: 985, total: 1000 },
      [72 * HOUR]: { good: 998, total: 1000 },
    };
    const results = burnRateAlerts(
      DEFAULT_BURN_RATE_WINDOWS,
      0.999,
      (w) => counts[w] as { good: number; total: number },
    );
    expect(results.map((r) => [r.name, r.firing])).toEqual([
      ['ErrorBudgetBurnFast', true],
      ['ErrorBudgetBurnMedium', false],
      ['ErrorBudgetBurnSlow', true],
    ]);
    rel(results[0]?.longBurnRate as number, 20);
    rel(results[0]?.shortBurnRate as number, 15);
    rel(results[1]?.longBurnRate as number, 5);
    rel(results[2]?.longBurnRate as number, 2);
  });
  it('a short-window recovery resets the alert although the long window is still high', () => {
    const results = burnRateAlerts(DEFAULT_BURN_RATE_WINDOWS.slice(0, 1), 0.999, (w) =>
      w === HOUR ? { good: 900, total: 1000 } : { good: 1000, total: 1000 },
    );
    expect(results[0]?.firing).toBe(false);
    rel(results[0]?.longBurnRate as number, 100);
  });
});

describe('burnRate properties', () => {
  it('is the bad share over the budget, in [0, 1 / budget], and monotone in bad requests', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.double({ min: 0.5, max: 0.9999, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (total, objective, share) => {
          const bad = Math.floor(share * total);
          const b = burnRate({ good: total - bad, total }, objective);
          expect(b).toBeGreaterThanOrEqual(0);
          expect(b).toBeLessThanOrEqual(1 / (1 - objective) + 1e-9);
          if (bad < total) expect(burnRate({ good: total - bad - 1, total }, objective)).toBeGreaterThan(b);
        },
      ),
    );
  });
});
