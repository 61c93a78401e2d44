import type { BurnRateWindow } from '../../domain/slo.js';
import { AlertingError } from './alerting-error.js';

/** Good and total requests of an SLI over a window. */
export interface SloWindowCounts {
  readonly good: number;
  readonly total: number;
}

function checkCounts(counts: SloWindowCounts, what: string): void {
  const { good, total } = counts;
  if (!(Number.isInteger(total) && total >= 0)) {
    throw new AlertingError('invalid', `${what}: total must be an integer ≥ 0 (got ${total})`, 'total');
  }
  if (!(Number.isInteger(good) && good >= 0 && good <= total)) {
    throw new AlertingError(
      'invalid',
      `${what}: good must be an integer in [0, total = ${total}] (got ${good})`,
      'good',
    );
  }
}

function checkObjective(objective: number, what: string): void {
  if (!(objective > 0 && objective < 1)) {
    throw new AlertingError('invalid', `${what}: objective must be in (0, 1) (got ${objective})`, 'objective');
  }
}

/**
 * The error-budget burn rate of a window: its bad share (total − good) / total divided by the
 * budget 1 − objective (SRE workbook ch. 5). 1 spends the budget exactly over the SLO period; a
 * 1 % error rate against a 99.9 % objective burns at 10×. A window without requests burns nothing
 * (0): there is no error to charge to the budget.
 * @example burnRate({ good: 990, total: 1000 }, 0.999) // 10 (within rounding)
 */
export function burnRate(counts: SloWindowCounts, objective: number): number {
  checkCounts(counts, 'burnRate');
  checkObjective(objective, 'burnRate');
  if (counts.total === 0) return 0;
  return (counts.total - counts.good) / counts.total / (1 - objective);
}

/**
 * The share of the period's error budget still unspent: 1 − bad / ((1 − objective) · total), i.e.
 * 1 − the period's burn rate. 1 when nothing failed (or nothing was served), 0 when the budget is
 * spent, negative when overspent (−1: twice the budget).
 * @example errorBudgetRemaining({ good: 9995, total: 10000 }, 0.999) // 0.5
 */
export function errorBudgetRemaining(period: SloWindowCounts, objective: number): number {
  return 1 - burnRate(period, objective);
}

/** One multi-window burn-rate alert evaluated: both burn rates and whether both exceed the factor. */
export interface BurnRateAlertResult {
  readonly name: string;
  readonly severity: BurnRateWindow['severity'];
  readonly factor: number;
  readonly longWindowMs: number;
  readonly shortWindowMs: number;
  readonly longBurnRate: number;
  readonly shortBurnRate: number;
  /** longBurnRate > factor AND shortBurnRate > factor. */
  readonly firing: boolean;
}

/**
 * Evaluates multi-window, multi-burn-rate alerts (SRE workbook ch. 5, "Multiwindow, Multi-Burn-Rate
 * Alerts"): each fires while the burn rate exceeds its factor over the long window (enough budget
 * is being spent to matter) and over the short one (it is still happening, so the alert resets
 * quickly after recovery). `countsOf(windowMs)` gives the counts of the window ending now.
 */
export function burnRateAlerts(
  windows: readonly BurnRateWindow[],
  objective: number,
  countsOf: (windowMs: number) => SloWindowCounts,
): readonly BurnRateAlertResult[] {
  return windows.map((w) => {
    const longBurnRate = burnRate(countsOf(w.longWindowMs), objective);
    const shortBurnRate = burnRate(countsOf(w.shortWindowMs), objective);
    return {
      name: w.name,
      severity: w.severity,
      factor: w.factor,
      longWindowMs: w.longWindowMs,
      shortWindowMs: w.shortWindowMs,
      longBurnRate,
      shortBurnRate,
      firing: longBurnRate > w.factor && shortBurnRate > w.factor,
    };
  });
}

/**
 * The share of the period's budget a burn-rate alert lets go before it fires:
 * factor × longWindow / period (14.4 × 1 h / 30 d = 2 %, 6 × 6 h / 30 d = 5 %, 1 × 3 d / 30 d = 10 %).
 */
export function budgetConsumedAtAlert(
  window: Pick<BurnRateWindow, 'factor' | 'longWindowMs'>,
  periodMs: number,
): number {
  return (window.factor * window.longWindowMs) / periodMs;
}
