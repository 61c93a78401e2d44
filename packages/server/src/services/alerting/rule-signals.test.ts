import { describe, expect, it } from 'vitest';
import { alertFingerprint } from './alert-fingerprint.js';
import { maintenanceActive } from './alert-suppression.js';
import { labelMatches } from './label-matchers.js';
import { deviation, deviationHolds, monitorMatch } from './rule-signals.js';

describe('deviation (hand-derived)', () => {
  it('relative: (v − baseline) / |baseline|, else against the previous value', () => {
    expect(deviation(120, 'relative', { baseline: 100, history: [] })).toBeCloseTo(0.2, 12);
    expect(deviation(80, 'relative', { history: [90, 100] })).toBeCloseTo(-0.2, 12);
    expect(deviation(5, 'relative', { baseline: 0, history: [] })).toBeNaN();
  });
  it('sd: history 1..5 has mean 3 and sample sd √2.5, so 6 is 3/√2.5 = 1.8974 sd above', () => {
    expect(deviation(6, 'sd', { history: [1, 2, 3, 4, 5] })).toBeCloseTo(3 / Math.sqrt(2.5), 12);
    expect(deviation(6, 'sd', { baseline: 4, baselineSd: 0.5, history: [] })).toBeCloseTo(4, 12);
    expect(deviation(6, 'sd', { history: [1, 2] })).toBeNaN();
    expect(deviation(6, 'sd', { history: [2, 2, 2] })).toBeNaN();
  });
  it('direction decides which side counts; NaN never holds', () => {
    expect(deviationHolds(-0.3, 0.2, 'up')).toBe(false);
    expect(deviationHolds(-0.3, 0.2, 'down')).toBe(true);
    expect(deviationHolds(-0.3, 0.2, 'both')).toBe(true);
    expect(deviationHolds(Number.NaN, 0.2, 'both')).toBe(false);
  });
});

describe('monitor patterns, matchers, fingerprints, maintenance windows', () => {
  it('a trailing * matches a prefix and yields the suffix', () => {
    expect(monitorMatch('drift.feature.*', 'drift.feature.temp_max')).toBe('temp_max');
    expect(monitorMatch('drift.feature.*', 'drift.share')).toBeUndefined();
    expect(monitorMatch('sli.error_rate', 'sli.error_rate')).toBe('');
  });
  it('matchers follow Alertmanager: anchored regex, negation, a missing label reads as ""', () => {
    expect(labelMatches({ model: 'ranker' }, { name: 'model', value: 'rank', isRegex: true, isEqual: true })).toBe(
      false,
    );
    expect(labelMatches({ model: 'ranker' }, { name: 'model', value: 'rank.*', isRegex: true, isEqual: true })).toBe(
      true,
    );
    expect(labelMatches({ model: 'ranker' }, { name: 'model', value: 'ranker', isRegex: false, isEqual: false })).toBe(
      false,
    );
    expect(labelMatches({}, { name: 'team', value: '', isRegex: false, isEqual: true })).toBe(true);
  });
  it('the fingerprint of the empty label set is the FNV-1a 64 offset basis; order does not matter', () => {
    expect(alertFingerprint({})).toBe('cbf29ce484222325');
    expect(alertFingerprint({ a: '1', b: '2' })).toBe(alertFingerprint({ b: '2', a: '1' }));
    expect(alertFingerprint({ a: '1', b: '2' })).not.toBe(alertFingerprint({ a: '12' }));
  });
  it('a weekly window that starts Sunday 23:00 UTC for 2 h covers Monday 00:30, not Monday 01:00', () => {
    const w = { id: 'w', matchers: [], comment: '', weekly: { days: [0], start: '23:00', durationMinutes: 120 } };
    // 2026-01-04 is a Sunday.
    expect(maintenanceActive(w, Date.UTC(2026, 0, 4, 22, 59))).toBe(false);
    expect(maintenanceActive(w, Date.UTC(2026, 0, 4, 23, 0))).toBe(true);
    expect(maintenanceActive(w, Date.UTC(2026, 0, 5, 0, 30))).toBe(true);
    expect(maintenanceActive(w, Date.UTC(2026, 0, 5, 1, 0))).toBe(false);
    expect(maintenanceActive(w, Date.UTC(2026, 0, 11, 23, 30))).toBe(true);
  });
});
