import { piiSpans } from '@modelwatch/core/metrics';
import { ksTwoSample, mean, quantile } from '@modelwatch/core/stats';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { FeedbackSchema } from '../../domain/feedback.js';
import { type InferenceEventInput, InferenceEventSchema } from '../../domain/inference-event.js';
import { OutcomeSchema } from '../../domain/outcome.js';
import { DEFAULT_PRICE_TABLE } from '../../domain/pricing.js';
import { ScoreSchema } from '../../domain/score.js';
import { costUsd } from '../tokens/cost-usd.js';
import { countTokens } from '../tokens/count-tokens.js';
import type { DemoBatch } from './demo-batch.js';
import { createDemoSimulator, type DemoSimulator } from './demo-simulator.js';
import { DRIFT_REGION, QUALITY_DROP_REGION } from './incident-effects.js';
import type { IncidentKind } from './incident-schedule.js';
import { loadSeattleWeather, type WeatherDay } from './seattle-weather.js';
import { SENSOR_DROPOUT_SHARE } from './weather-traffic.js';

const days = loadSeattleWeather();
const START = Date.UTC(2026, 0, 1);
const MINUTE = 60_000;

function collect(sim: DemoSimulator, fromMs: number, toMs: number, stepMs: number): DemoBatch {
  const all: DemoBatch = { events: [], outcomes: [], feedback: [], scores: [] };
  for (let t = fromMs + stepMs; t <= toMs; t += stepMs) {
    const b = sim.next(t);
    all.events.push(...b.events);
    all.outcomes.push(...b.outcomes);
    all.feedback.push(...b.feedback);
    all.scores.push(...b.scores);
  }
  return all;
}

describe('createDemoSimulator: determinism', () => {
  it('gives equal records for equal options, different ones for another seed', () => {
    // speed 4: the first outcomes arrive after 7.5 s.
    const options = { days, startMs: START, speed: 4 };
    const a = collect(createDemoSimulator({ ...options, seed: 11 }), START, START + 60_000, 1000);
    const b = collect(createDemoSimulator({ ...options, seed: 11 }), START, START + 60_000, 1000);
    const c = collect(createDemoSimulator({ ...options, seed: 12 }), START, START + 60_000, 1000);
    expect(a.events.length).toBeGreaterThan(2000);
    expect(a.outcomes.length).toBeGreaterThan(0);
    expect(b).toEqual(a);
    expect(c.events.map((e) => e.inputs)).not.toEqual(a.events.map((e) => e.inputs));
  });

  it('does not depend on how time is split into calls', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 119_999 }), { maxLength: 8 }), (cuts) => {
        const options = { days, startMs: START, seed: 5, speed: 8, ratePerSecond: 20 };
        const whole = createDemoSimulator(options).next(START + 120_000);
        const sim = createDemoSimulator(options);
        const parts: DemoBatch = { events: [], outcomes: [], feedback: [], scores: [] };
        for (const t of [...cuts.sort((x, y) => x - y), 120_000]) {
          const b = sim.next(START + t);
          parts.events.push(...b.events);
          parts.outcomes.push(...b.outcomes);
          parts.feedback.push(...b.feedback);
          parts.scores.push(...b.scores);
        }
        expect(parts).toEqual(whole);
      }),
      { numRuns: 10 },
    );
  });

  it('returns nothing for a time at or before the previous call', () => {
    const sim = createDemoSimulator({ days, startMs: START });
    expect(sim.next(START + 5000).events.length).toBeGreaterThan(0);
    expect(sim.next(START + 5000)).toEqual({ events: [], outcomes: [], feedback: [], scores: [] });
    expect(sim.next(START + 1000).events).toEqual([]);
  });

  it('skips ahead without generating the requests in between', () => {
    const sim = createDemoSimulator({ days, startMs: START });
    sim.next(START + 1000);
    sim.skipTo(START + 3_600_000);
    const b = sim.next(START + 3_601_000);
    expect(b.events.length).toBeLessThan(200);
    expect(b.events.every((e) => Number(e.timestamp) > START + 3_600_000)).toBe(true);
  });

  it('rejects bad options naming them', () => {
    expect(() => createDemoSimulator({ days, startMs: START, seed: -1 })).toThrow(
      'createDemoSimulator: options.seed must be an integer in [0, 4294967295] (got -1)',
    );
    expect(() => createDemoSimulator({ days, startMs: START, ratePerSecond: 0 })).toThrow('options.ratePerSecond');
    expect(() => createDemoSimulator({ days, startMs: 1.5 })).toThrow(
      'options.startMs must be integer epoch milliseconds',
    );
    expect(() => createDemoSimulator({ days: [], startMs: START })).toThrow('options.days must be a non-empty array');
    expect(() => createDemoSimulator({ days, startMs: START, weatherShare: 2 })).toThrow(
      'options.weatherShare must be a share in [0, 1] (got 2)',
    );
    expect(() => createDemoSimulator({ days, startMs: START, canary: 'meh' as 'bad' })).toThrow(
      "options.canary must be 'bad' or 'good'",
    );
  });
});

describe('createDemoSimulator: one incident cycle', () => {
  let sim: DemoSimulator;
  let all: DemoBatch;
  let events: InferenceEventInput[];
  const kindOf = new Map<string, IncidentKind | 'calm'>();
  // One ten-minute cycle, plus six minutes for the last outcomes (delays of up to five minutes).
  beforeAll(() => {
    sim = createDemoSimulator({ days, startMs: START, seed: 2026 });
    all = collect(sim, START, START + 16 * MINUTE, 1000);
    events = all.events.filter((e) => Number(e.timestamp) < START + 10 * MINUTE);
    for (const e of all.events) kindOf.set(e.requestId, sim.incidentAt(Number(e.timestamp))[0]?.kind ?? 'calm');
  });
  const during = (kind: IncidentKind | 'calm', model: string) =>
    events.filter((e) => e.model === model && kindOf.get(e.requestId) === kind);
  const feature = (e: InferenceEventInput, name: string) => e.inputs?.features?.[name] as number;

  it('produces every record kind, all valid under the domain schemas', () => {
    expect(events.length).toBeGreaterThan(25_000); // ~50/s for 600 s
    for (const e of all.events) {
      const parsed = InferenceEventSchema.safeParse(e);
      if (!parsed.success) throw new Error(`${e.requestId}: ${parsed.error.message}`);
    }
    for (const o of all.outcomes) expect(OutcomeSchema.safeParse(o).success).toBe(true);
    for (const f of all.feedback) expect(FeedbackSchema.safeParse(f).success).toBe(true);
    for (const s of all.scores) expect(ScoreSchema.safeParse(s).success).toBe(true);
    expect(all.outcomes.length).toBeGreaterThan(10_000);
    expect(all.scores.length).toBeGreaterThan(1000);
    expect(new Set(all.feedback.map((f) => f.kind))).toEqual(new Set(['thumbs', 'correction', 'escalation']));
    expect(new Set(all.events.map((e) => e.requestId)).size).toBe(all.events.length);
  });

  it('secondary sensors drop readings (null) in about SENSOR_DROPOUT_SHARE of requests; primary ones never', () => {
    const weather = events.filter((e) => e.model === 'weather-classifier');
    const nullShare = (name: string) =>
      weather.filter((e) => e.inputs?.features?.[name] === null).length / weather.length;
    for (const name of ['precipitation_radar', 'wind_gust']) {
      expect(nullShare(name)).toBeGreaterThan(SENSOR_DROPOUT_SHARE * 0.7);
      expect(nullShare(name)).toBeLessThan(SENSOR_DROPOUT_SHARE * 1.3);
    }
    for (const name of ['precipitation', 'temp_max', 'temp_min', 'wind', 'month']) expect(nullShare(name)).toBe(0);
  });

  it('sends outcomes only for earlier weather events, with the day’s true label', () => {
    const byId = new Map(all.events.map((e) => [e.requestId, e]));
    const index = new Map(days.map((d, i) => [d.date, i]));
    for (const o of all.outcomes) {
      const e = byId.get(o.requestId);
      expect(e?.model).toBe('weather-classifier');
      expect(e?.status ?? 'ok').toBe('ok');
      const t = Number(e?.timestamp);
      expect(Number(o.timestamp)).toBeGreaterThanOrEqual(t + 30_000);
      expect(Number(o.timestamp)).toBeLessThanOrEqual(t + 300_001);
      // The label is the weather of a dataset day within ±7 days of the simulated date.
      const today = index.get(sim.simulatedDay(t).date) as number;
      const labels = new Set<string>();
      for (let k = -7; k <= 7; k++) labels.add((days[(today + k + days.length) % days.length] as WeatherDay).weather);
      expect(labels.has(String(o.label))).toBe(true);
    }
    for (const r of [...all.feedback, ...all.scores]) {
      expect(Number(r.timestamp)).toBeGreaterThan(Number(byId.get(r.requestId)?.timestamp));
    }
    const ok = events.filter((e) => e.model === 'weather-classifier' && e.status !== 'error');
    const labelledIds = new Set(all.outcomes.map((o) => o.requestId));
    const labelled = ok.filter((e) => labelledIds.has(e.requestId)).length / ok.length;
    expect(labelled).toBeGreaterThan(0.75);
    expect(labelled).toBeLessThan(0.85);
  });

  it('input drift: region eu-west reports temp_max in °F while the other regions do not move', () => {
    const temp = (kind: IncidentKind | 'calm', inRegion: boolean) =>
      during(kind, 'weather-classifier')
        .filter((e) => (e.segment?.region === DRIFT_REGION) === inRegion)
        .map((e) => feature(e, 'temp_max'));
    const drifted = ksTwoSample(temp('input_drift', true), temp('latency_regression', true));
    const control = ksTwoSample(temp('input_drift', false), temp('latency_regression', false));
    expect(drifted.statistic).toBeGreaterThan(0.9);
    expect(drifted.pValue).toBeLessThan(1e-10);
    expect(control.statistic).toBeLessThan(0.25);
    // °F = 1.8 °C + 32, within 5 % (the same season, other regions as the °C reference).
    const celsius = mean(temp('input_drift', false));
    expect(Math.abs(mean(temp('input_drift', true)) - (1.8 * celsius + 32)) / (1.8 * celsius + 32)).toBeLessThan(0.05);
  });

  it('latency regression: p95 about ×3', () => {
    for (const model of ['weather-classifier', 'support-assistant']) {
      const p95 = (kind: IncidentKind | 'calm') =>
        quantile(
          during(kind, model)
            .filter((e) => e.status !== 'error')
            .map((e) => e.latencyMs),
          0.95,
        );
      const ratio = p95('latency_regression') / p95('calm');
      expect(ratio).toBeGreaterThan(2.5);
      expect(ratio).toBeLessThan(3.5);
    }
  });

  it('error burst: the error rate jumps', () => {
    const rate = (kind: IncidentKind | 'calm', model: string) => {
      const es = during(kind, model);
      return es.filter((e) => e.status === 'error').length / es.length;
    };
    expect(rate('error_burst', 'support-assistant')).toBeGreaterThan(0.18);
    expect(rate('calm', 'support-assistant')).toBeLessThan(0.03);
    expect(rate('error_burst', 'weather-classifier')).toBeGreaterThan(0.05);
    expect(rate('calm', 'weather-classifier')).toBeLessThan(0.01);
    const types = new Set(during('error_burst', 'support-assistant').map((e) => e.errorType));
    expect(types).toContain('timeout');
    expect(types).toContain('upstream');
  });

  it('quality drop: accuracy falls in region ap-south once outcomes arrive', () => {
    const truth = new Map(all.outcomes.map((o) => [o.requestId, String(o.label)]));
    const accuracy = (kind: IncidentKind | 'calm', inRegion: boolean) => {
      const es = during(kind, 'weather-classifier').filter(
        (e) => truth.has(e.requestId) && (e.segment?.region === QUALITY_DROP_REGION) === inRegion,
      );
      return es.filter((e) => e.output?.label === truth.get(e.requestId)).length / es.length;
    };
    // The other regions at the same time, and the same region in the windows before and after.
    // (Winter days are hard for v1: accuracy is 0.5–0.65 in this part of January, 0.8 over 2014–2015.)
    const others = accuracy('quality_drop', false);
    const dropped = accuracy('quality_drop', true);
    expect(others).toBeGreaterThan(0.5);
    expect(dropped).toBeLessThan(others / 2);
    expect(dropped).toBeLessThan(accuracy('error_burst', true) / 2);
    expect(dropped).toBeLessThan(accuracy('canary', true) / 2);
    // Inputs do not move, so input drift monitors stay quiet: only outcomes reveal it.
    const precip = (kind: IncidentKind | 'calm') =>
      during(kind, 'weather-classifier')
        .filter((e) => e.segment?.region === QUALITY_DROP_REGION)
        .map((e) => feature(e, 'temp_min'));
    expect(ksTwoSample(precip('quality_drop'), precip('canary')).statistic).toBeLessThan(0.5);
    const helpful = (kind: IncidentKind | 'calm') => {
      const ids = new Set(
        during(kind, 'support-assistant')
          .filter((e) => e.segment?.region === QUALITY_DROP_REGION)
          .map((e) => e.requestId),
      );
      return mean(all.scores.filter((s) => s.name === 'faithfulness' && ids.has(s.requestId)).map((s) => s.value));
    };
    expect(helpful('quality_drop')).toBeLessThan(helpful('calm') - 0.2);
  });

  it('canary: v2 takes 5 → 25 → 50 % of weather traffic and is less accurate (bad canary)', () => {
    const canary = during('canary', 'weather-classifier');
    const shareAt = (fromMin: number, toMin: number) => {
      const es = canary.filter(
        (e) => Number(e.timestamp) >= START + fromMin * MINUTE && Number(e.timestamp) < START + toMin * MINUTE,
      );
      return es.filter((e) => e.version === 'v2').length / es.length;
    };
    expect(shareAt(7, 8)).toBeGreaterThan(0.01);
    expect(shareAt(7, 8)).toBeLessThan(0.15);
    expect(shareAt(8, 9)).toBeGreaterThan(0.12);
    expect(shareAt(8, 9)).toBeLessThan(0.4);
    expect(shareAt(9, 10)).toBeGreaterThan(0.35);
    expect(shareAt(9, 10)).toBeLessThan(0.65);
    expect(canary.every((e) => e.experiment === 'weather-v2-canary')).toBe(true);
    expect(canary.filter((e) => e.version === 'v2').every((e) => e.variant === 'canary')).toBe(true);
    expect(during('calm', 'weather-classifier').some((e) => e.version === 'v2')).toBe(false);
    const truth = new Map(all.outcomes.map((o) => [o.requestId, String(o.label)]));
    const accuracy = (version: string) => {
      const es = canary.filter((e) => e.version === version && truth.has(e.requestId));
      return es.filter((e) => e.output?.label === truth.get(e.requestId)).length / es.length;
    };
    expect(accuracy('v2')).toBeLessThan(accuracy('v1') - 0.05);
    expect(sim.incidentAt(START + 9.5 * MINUTE)).toMatchObject([{ kind: 'canary', canaryShare: 0.5 }]);
  });

  it('support-assistant: A/B arms, tokens, cost, latency ∝ output tokens, PII, judge scores', () => {
    const llm = events.filter((e) => e.model === 'support-assistant');
    const ok = llm.filter((e) => e.status !== 'error');
    const units = new Map<string, string>();
    for (const e of llm) {
      expect(e.experiment).toBe('prompt-v2');
      const arm = `${e.variant}/${e.version}`;
      expect(units.get(e.unitId as string) ?? arm).toBe(arm); // sticky assignment
      units.set(e.unitId as string, arm);
    }
    const treatmentShare = llm.filter((e) => e.variant === 'treatment').length / llm.length;
    expect(Math.abs(treatmentShare - 0.5)).toBeLessThan(0.05);
    // Token counts are per-sentence sums: equal to counting the whole text, within 2 %.
    const promptTokens = ok.slice(0, 300).map((e) => countTokens(e.inputs?.text ?? '', 'gpt-4o-mini').tokens);
    const responseTokens = ok.slice(0, 300).map((e) => countTokens(e.output?.text ?? '', 'gpt-4o-mini').tokens);
    const reported = ok.slice(0, 300).map((e) => e.tokens?.output as number);
    expect(Math.abs(mean(reported) - mean(responseTokens)) / mean(responseTokens)).toBeLessThan(0.02);
    expect(promptTokens.every((n) => n > 5)).toBe(true);
    for (const e of ok.slice(0, 500)) {
      const usage = { inputTokens: e.tokens?.input as number, outputTokens: e.tokens?.output as number };
      expect(e.costUsd).toBe(costUsd(usage, 'gpt-4o-mini', DEFAULT_PRICE_TABLE));
    }
    // Latency grows with output tokens: Pearson correlation over calm traffic.
    const calm = ok.filter((e) => kindOf.get(e.requestId) === 'calm');
    const x = calm.map((e) => e.tokens?.output as number);
    const y = calm.map((e) => e.latencyMs);
    const mx = mean(x);
    const my = mean(y);
    let sxy = 0;
    let sxx = 0;
    let syy = 0;
    x.forEach((xi, i) => {
      sxy += (xi - mx) * ((y[i] as number) - my);
      sxx += (xi - mx) ** 2;
      syy += ((y[i] as number) - my) ** 2;
    });
    expect(sxy / Math.sqrt(sxx * syy)).toBeGreaterThan(0.5);
    // prompt-v2 answers are longer.
    const outTokens = (variant: string) =>
      mean(ok.filter((e) => e.variant === variant).map((e) => e.tokens?.output as number));
    expect(outTokens('treatment')).toBeGreaterThan(outTokens('control') * 1.1);
    const withPii = llm.filter((e) => piiSpans(e.inputs?.text ?? '').length > 0).length / llm.length;
    expect(withPii).toBeGreaterThan(0.15);
    expect(withPii).toBeLessThan(0.35);
    const types = new Set(llm.flatMap((e) => piiSpans(e.inputs?.text ?? '').map((s) => s.type)));
    expect(types).toEqual(new Set(['email', 'phone', 'credit_card']));
    // Judge scores in [0, 1]; the treatment is more helpful, and thumbs agree.
    const variantOf = new Map(llm.map((e) => [e.requestId, e.variant]));
    const helpfulness = (variant: string) =>
      mean(
        all.scores
          .filter((s) => s.name === 'helpfulness' && variantOf.get(s.requestId) === variant)
          .map((s) => s.value),
      );
    expect(all.scores.every((s) => s.value >= 0 && s.value <= 1 && s.source === 'judge')).toBe(true);
    expect(helpfulness('treatment')).toBeGreaterThan(helpfulness('control') + 0.02);
    const upRate = (variant: string) => {
      const thumbs = all.feedback.filter((f) => f.kind === 'thumbs' && variantOf.get(f.requestId) === variant);
      return thumbs.filter((f) => f.kind === 'thumbs' && f.value === 'up').length / thumbs.length;
    };
    expect(upRate('treatment')).toBeGreaterThan(upRate('control'));
  });
});
