import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyPatch,
  type DashboardState,
  DEFAULT_STATE,
  filterParams,
  formatDashboardHash,
  parseDashboardHash,
  RANGES,
  REFRESH_PERIODS,
  VIEWS,
} from './url-state.js';

const name = fc.string({ minLength: 1, maxLength: 20 });
const segmentKey = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,10}$/);
const state: fc.Arbitrary<DashboardState> = fc
  .record(
    {
      view: fc.constantFrom(...VIEWS),
      range: fc.oneof(
        fc.constantFrom(...RANGES),
        fc
          .tuple(fc.integer({ min: 0, max: 2 ** 45 }), fc.integer({ min: 1, max: 2 ** 40 }))
          .map(([from, span]) => ({ from, to: from + span })),
      ),
      model: name,
      version: name,
      variant: fc.constantFrom('production', 'canary', 'control', 'treatment', 'shadow'),
      segment: fc.dictionary(segmentKey, name, { maxKeys: 3 }),
      refresh: fc.constantFrom(...REFRESH_PERIODS),
      experiment: name,
      event: name,
    },
    { requiredKeys: ['view', 'range', 'segment', 'refresh'] },
  )
  .map((s) => s as DashboardState);

describe('URL state', () => {
  it('round-trips every state through the fragment', () => {
    fc.assert(
      fc.property(state, (s) => {
        expect(parseDashboardHash(formatDashboardHash(s))).toEqual(s);
      }),
    );
  });

  it('writes defaults as the bare view', () => {
    expect(formatDashboardHash(DEFAULT_STATE)).toBe('#/executive');
    expect(parseDashboardHash('')).toEqual(DEFAULT_STATE);
    expect(parseDashboardHash('#/')).toEqual(DEFAULT_STATE);
  });

  it('reads a hand-written link', () => {
    expect(parseDashboardHash('#/oncall?range=6h&model=weather&segment.region=eu-west&refresh=0')).toEqual({
      view: 'oncall',
      range: '6h',
      model: 'weather',
      segment: { region: 'eu-west' },
      refresh: 0,
    });
    expect(formatDashboardHash(parseDashboardHash('#/debug?from=1000&to=2000'))).toBe('#/debug?from=1000&to=2000');
  });

  it('falls back to the defaults for unknown or bad values', () => {
    expect(parseDashboardHash('#/nope?range=2y&refresh=7&segment.bad-key=x&segment.ok=&from=5&to=4&model=')).toEqual(
      DEFAULT_STATE,
    );
  });

  it('keeps values with URL syntax in them', () => {
    const s: DashboardState = { ...DEFAULT_STATE, model: 'a&b=c#d?e', segment: { tier: 'pro plus/&' } };
    expect(parseDashboardHash(formatDashboardHash(s))).toEqual(s);
  });

  it('a patch with undefined removes a filter', () => {
    const s = parseDashboardHash('#/debug?model=m&event=r1');
    expect(applyPatch(s, { event: undefined, view: 'oncall' })).toEqual({
      ...DEFAULT_STATE,
      view: 'oncall',
      model: 'm',
    });
  });

  it('turns filters into the query API parameters', () => {
    const s = parseDashboardHash(
      '#/debug?model=m&version=v1&variant=canary&segment.region=eu&segment.tier=pro&event=x',
    );
    expect(filterParams(s)).toEqual({
      model: 'm',
      version: 'v1',
      variant: 'canary',
      'segment.region': 'eu',
      'segment.tier': 'pro',
    });
  });
});
