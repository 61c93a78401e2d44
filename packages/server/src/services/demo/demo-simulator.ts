import { LIMITS } from '../../domain/limits.js';
import { type ActiveIncident, activeIncidents } from './active-incidents.js';
import { DelayedQueue } from './delayed-queue.js';
import { type DemoBatch, emptyDemoBatch } from './demo-batch.js';
import { DemoError } from './demo-error.js';
import { incidentEffects } from './incident-effects.js';
import { DEFAULT_INCIDENT_SCHEDULE, type IncidentSchedule, incidentSchedule } from './incident-schedule.js';
import type { WeatherDay } from './seattle-weather.js';
import { SeededRandom } from './seeded-random.js';
import { SupportTraffic } from './support-traffic.js';
import { WeatherClassifier } from './weather-classifier.js';
import { WeatherTraffic } from './weather-traffic.js';

export interface DemoSimulatorOptions {
  /** The Seattle weather days (`loadSeattleWeather()`); passed in so the simulator does no I/O. */
  readonly days: readonly WeatherDay[];
  /** Epoch ms at which the simulation starts: simulated day 0 and the start of incident cycle 0. */
  readonly startMs: number;
  /** PRNG seed, an integer in [0, 2³² − 1] (default 1). Equal options give equal records. */
  readonly seed?: number;
  /**
   * Time compression (default 1): the simulated day, the incident cycle and every delay
   * (outcomes, feedback, scores) are divided by it. The request rate is not.
   */
  readonly speed?: number;
  /** Mean requests per second of wall time over both services, Poisson arrivals (default 50). */
  readonly ratePerSecond?: number;
  /** Share of requests that go to weather-classifier; the rest go to support-assistant (default 0.6). */
  readonly weatherShare?: number;
  /** Wall-clock milliseconds per simulated day at speed 1 (default 10 000: a year in about an hour). */
  readonly msPerDay?: number;
  /** A weather request reports a day within ±dayWindow days of the simulated date (default 7). */
  readonly dayWindow?: number;
  /** Share of weather requests whose ground truth arrives (default 0.8). */
  readonly labelledShare?: number;
  /** Incident cycle at speed 1 (default `DEFAULT_INCIDENT_SCHEDULE`, ten minutes). */
  readonly schedule?: IncidentSchedule;
  /** 'bad' (default): canary v2 lost its precipitation input; 'good': v2 retrained on 2012–2014. */
  readonly canary?: 'bad' | 'good';
  /** Probability a support-assistant prompt carries synthetic PII (default 0.25). */
  readonly piiShare?: number;
}

/** A seeded, deterministic generator of demo traffic. It does no I/O and reads no clock. */
export interface DemoSimulator {
  readonly seed: number;
  readonly startMs: number;
  /** The schedule in effect (already compressed by `speed`). */
  readonly schedule: IncidentSchedule;
  /** The classifiers the weather service serves. */
  readonly models: { readonly v1: WeatherClassifier; readonly v2: WeatherClassifier };
  /**
   * Every record of the interval (previous call, untilMs]: events arriving in it, and outcomes,
   * feedback and scores whose delivery time falls in it (of events from this or earlier calls).
   * Records are in time order within each list. How time is split into calls does not matter:
   * next(a) then next(b) concatenated equals next(b) alone (for a ≤ b, without `skipTo`).
   * An `untilMs` at or before the previous one returns an empty batch.
   */
  next(untilMs: number): DemoBatch;
  /** The same as `next(nowMs)`, named for a runner's clock tick. */
  tick(nowMs: number): DemoBatch;
  /**
   * Jumps to `ms` without generating the requests in between (a runner that fell behind);
   * delayed records already scheduled are still delivered. No-op when `ms` is not ahead.
   */
  skipTo(ms: number): void;
  /** The incidents active at epoch time `t`. */
  incidentAt(t: number): readonly ActiveIncident[];
  /** The dataset day the weather service is at, at epoch time `t`. */
  simulatedDay(t: number): WeatherDay;
  /** Delayed records scheduled and not yet delivered. */
  pendingCount(): number;
}

const FN = 'createDemoSimulator';

/**
 * Creates the demo traffic simulator: a `weather-classifier` (Gaussian naive Bayes trained at
 * creation on the 2012–2013 Seattle days, serving 2012–2015 in a loop) and an LLM
 * `support-assistant` in an A/B test, with a repeating cycle of incidents. See docs/DEMO.md.
 * @throws {DemoError} 'invalid_option' naming the option, the expectation and the value.
 */
export function createDemoSimulator(options: DemoSimulatorOptions): DemoSimulator {
  const o = checkedOptions(options);
  const schedule = incidentSchedule(o.schedule, o.speed);
  const days = options.days;
  const v1 = WeatherClassifier.train(days, { trainYears: [2012, 2013] });
  const v2 =
    o.canary === 'bad'
      ? WeatherClassifier.train(days, { trainYears: [2012, 2013], featureSet: 'no_precipitation' })
      : WeatherClassifier.train(days, { trainYears: [2012, 2013, 2014] });
  const delayScale = 1 / o.speed;
  const weather = new WeatherTraffic({
    days,
    v1,
    v2,
    originMs: o.startMs,
    msPerDay: o.msPerDay / o.speed,
    dayWindow: o.dayWindow,
    labelledShare: o.labelledShare,
    delayScale,
    seed: o.seed,
  });
  const support = new SupportTraffic({ seed: o.seed, delayScale, piiShare: o.piiShare });
  const rng = new SeededRandom(o.seed);
  const queue = new DelayedQueue();
  const prefix = `demo-${o.seed.toString(36)}-${o.startMs.toString(36)}`;
  const meanGapMs = 1000 / o.ratePerSecond;
  let cursor = o.startMs;
  let nextArrival = o.startMs + rng.exponential(meanGapMs);
  let weatherCount = 0;
  let supportCount = 0;

  const incidentAt = (t: number): readonly ActiveIncident[] => activeIncidents(schedule, o.startMs, t);

  const next = (untilMs: number): DemoBatch => {
    if (!Number.isFinite(untilMs)) {
      throw new DemoError('invalid_option', `DemoSimulator.next: untilMs must be a finite number (got ${untilMs})`);
    }
    const batch = emptyDemoBatch();
    if (untilMs <= cursor) return batch;
    while (nextArrival <= untilMs) {
      const t = nextArrival;
      const effects = incidentEffects(incidentAt(t));
      const generated = rng.chance(o.weatherShare)
        ? weather.request(rng, `${prefix}-wx-${weatherCount++}`, t, effects)
        : support.request(rng, `${prefix}-sa-${supportCount++}`, t, effects);
      batch.events.push(generated.event);
      for (const record of generated.later) queue.push(record);
      nextArrival += rng.exponential(meanGapMs);
    }
    for (const delayed of queue.popDue(untilMs)) {
      if (delayed.kind === 'outcome') batch.outcomes.push(delayed.record);
      else if (delayed.kind === 'feedback') batch.feedback.push(delayed.record);
      else batch.scores.push(delayed.record);
    }
    cursor = untilMs;
    return batch;
  };

  return {
    seed: o.seed,
    startMs: o.startMs,
    schedule,
    models: { v1, v2 },
    next,
    tick: next,
    skipTo(ms: number): void {
      if (!(Number.isFinite(ms) && ms > cursor)) return;
      cursor = ms;
      if (nextArrival <= ms) nextArrival = ms + rng.exponential(meanGapMs);
    },
    incidentAt,
    simulatedDay: (t) => weather.currentDay(t),
    pendingCount: () => queue.size,
  };
}

type CheckedOptions = Required<Omit<DemoSimulatorOptions, 'days'>>;

function checkedOptions(options: DemoSimulatorOptions): CheckedOptions {
  const days = options.days as unknown;
  if (!Array.isArray(days) || days.length === 0) {
    throw new DemoError(
      'invalid_option',
      `${FN}: options.days must be a non-empty array of Seattle weather days (got ${Array.isArray(days) ? 'an empty array' : typeof days})`,
    );
  }
  const number = (name: string, value: unknown, fallback: number, ok: (x: number) => boolean, expected: string) => {
    const x = value ?? fallback;
    if (typeof x !== 'number' || !ok(x)) {
      throw new DemoError('invalid_option', `${FN}: options.${name} must be ${expected} (got ${JSON.stringify(x)})`);
    }
    return x;
  };
  const positive = (x: number) => Number.isFinite(x) && x > 0;
  const share = (x: number) => x >= 0 && x <= 1;
  const canary = options.canary ?? 'bad';
  if (canary !== 'bad' && canary !== 'good') {
    throw new DemoError(
      'invalid_option',
      `${FN}: options.canary must be 'bad' or 'good' (got ${JSON.stringify(canary)})`,
    );
  }
  return {
    startMs: number(
      'startMs',
      options.startMs,
      Number.NaN,
      (x) => Number.isSafeInteger(x) && x >= LIMITS.earliestTimestampMs,
      'integer epoch milliseconds on or after 2000-01-01',
    ),
    seed: number(
      'seed',
      options.seed,
      1,
      (x) => Number.isInteger(x) && x >= 0 && x <= 4294967295,
      'an integer in [0, 4294967295]',
    ),
    speed: number('speed', options.speed, 1, (x) => positive(x) && x <= 10_000, 'a number in (0, 10000]'),
    ratePerSecond: number(
      'ratePerSecond',
      options.ratePerSecond,
      50,
      (x) => positive(x) && x <= 100_000,
      'a number in (0, 100000]',
    ),
    weatherShare: number('weatherShare', options.weatherShare, 0.6, share, 'a share in [0, 1]'),
    msPerDay: number('msPerDay', options.msPerDay, 10_000, positive, 'a finite number > 0'),
    dayWindow: number(
      'dayWindow',
      options.dayWindow,
      7,
      (x) => Number.isInteger(x) && x >= 0 && x <= 180,
      'an integer in [0, 180]',
    ),
    labelledShare: number('labelledShare', options.labelledShare, 0.8, share, 'a share in [0, 1]'),
    piiShare: number('piiShare', options.piiShare, 0.25, share, 'a share in [0, 1]'),
    schedule: options.schedule ?? DEFAULT_INCIDENT_SCHEDULE,
    canary,
  };
}
