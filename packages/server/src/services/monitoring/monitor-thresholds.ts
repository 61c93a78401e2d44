import type { MonitorStatus } from '../../domain/monitor.js';
import { MonitoringError } from './monitoring-error.js';

/**
 * When a monitor's value is a warning or an alert: `above` (the default) when value ≥ the
 * threshold, `below` when value ≤ it. Either threshold may be left out.
 */
export interface MonitorThreshold {
  readonly direction?: 'above' | 'below';
  readonly warn?: number;
  readonly alert?: number;
}

/**
 * Thresholds by monitor name, applied to the whole model and to each slice. The evaluator's
 * defaults: error rate warns at 2 % and alerts at 5 %. Every other monitor is `ok` unless given a
 * threshold here, except the drift monitors, whose status is the drift test's decision.
 */
export const DEFAULT_MONITOR_THRESHOLDS: Readonly<Record<string, MonitorThreshold>> = {
  'sli.error_rate': { direction: 'above', warn: 0.02, alert: 0.05 },
};

/** Checks thresholds given as options. @throws {MonitoringError} 'invalid' naming the monitor. */
export function checkThresholds(thresholds: Readonly<Record<string, MonitorThreshold>>): void {
  for (const [name, t] of Object.entries(thresholds)) {
    if (t.direction !== undefined && t.direction !== 'above' && t.direction !== 'below') {
      throw new MonitoringError(
        'invalid',
        `thresholds.${name}.direction: expected 'above' or 'below' (got ${JSON.stringify(t.direction)})`,
        `thresholds.${name}.direction`,
      );
    }
    for (const k of ['warn', 'alert'] as const) {
      const v = t[k];
      if (v !== undefined && !Number.isFinite(v)) {
        throw new MonitoringError(
          'invalid',
          `thresholds.${name}.${k}: expected a finite number (got ${String(v)})`,
          `thresholds.${name}.${k}`,
        );
      }
    }
  }
}

/** The status of `value` under `threshold` (`ok` without one). */
export function monitorStatus(
  value: number,
  threshold: MonitorThreshold | undefined,
): Exclude<MonitorStatus, 'skipped'> {
  if (threshold === undefined) return 'ok';
  const past = (limit: number | undefined): boolean =>
    limit !== undefined && (threshold.direction === 'below' ? value <= limit : value >= limit);
  if (past(threshold.alert)) return 'alert';
  if (past(threshold.warn)) return 'warn';
  return 'ok';
}
