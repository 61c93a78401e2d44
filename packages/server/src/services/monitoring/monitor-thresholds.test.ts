import { describe, expect, it } from 'vitest';
import { checkThresholds, DEFAULT_MONITOR_THRESHOLDS, monitorStatus } from './monitor-thresholds.js';

describe('monitorStatus', () => {
  it('is ok without a threshold and compares at or past each limit in its direction', () => {
    expect(monitorStatus(1e9, undefined)).toBe('ok');
    const errorRate = DEFAULT_MONITOR_THRESHOLDS['sli.error_rate'];
    expect([0.0199, 0.02, 0.0499, 0.05, 0.5].map((v) => monitorStatus(v, errorRate))).toEqual([
      'ok',
      'warn',
      'warn',
      'alert',
      'alert',
    ]);
    const accuracy = { direction: 'below', warn: 0.9, alert: 0.8 } as const;
    expect([0.95, 0.9, 0.85, 0.8, 0.1].map((v) => monitorStatus(v, accuracy))).toEqual([
      'ok',
      'warn',
      'warn',
      'alert',
      'alert',
    ]);
    expect(monitorStatus(3, { alert: 2 })).toBe('alert');
  });

  it('rejects a bad threshold naming it', () => {
    expect(() => checkThresholds({ 'sli.latency_p95': { warn: Number.NaN } })).toThrow(
      'thresholds.sli.latency_p95.warn: expected a finite number (got NaN)',
    );
    expect(() => checkThresholds({ x: { direction: 'up' as never } })).toThrow(
      `thresholds.x.direction: expected 'above' or 'below' (got "up")`,
    );
  });
});
