import { assignmentBucket } from '@modelwatch/core/experiments';
import type { InferenceEventInput } from '../../domain/inference-event.js';
import type { DelayedRecord, GeneratedRequest } from './demo-batch.js';
import { type DemoSegment, demoSegment } from './demo-segments.js';
import { affectsRegion, type IncidentEffects } from './incident-effects.js';
import type { WeatherDay } from './seattle-weather.js';
import { SeededRandom } from './seeded-random.js';
import type { WeatherClassifier, WeatherMeasurements } from './weather-classifier.js';

export const WEATHER_MODEL = 'weather-classifier';
export const WEATHER_CANARY_EXPERIMENT = 'weather-v2-canary';

export interface WeatherTrafficOptions {
  /** The dataset, in date order; the simulation walks through it and loops. */
  readonly days: readonly WeatherDay[];
  readonly v1: WeatherClassifier;
  readonly v2: WeatherClassifier;
  /** Epoch ms of simulated day 0. */
  readonly originMs: number;
  /** Wall-clock milliseconds per simulated day. */
  readonly msPerDay: number;
  /** A request reports a day drawn uniformly from ±dayWindow days around the current simulated day. */
  readonly dayWindow: number;
  /** Share of requests whose ground truth arrives. */
  readonly labelledShare: number;
  /** Multiplier of every delay (1 / speed). */
  readonly delayScale: number;
  /** Seeds the station population and the canary hash. */
  readonly seed: number;
  /** Number of weather stations (units of the canary). Default 400. */
  readonly stations?: number;
}

interface Station {
  readonly unitId: string;
  readonly segment: DemoSegment;
}

const round = (x: number, digits: number): number => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};
const fahrenheit = (celsius: number): number => celsius * 1.8 + 32;

/**
 * Share of requests in which each secondary sensor (radar precipitation, wind gust) reports
 * nothing (null): real stations drop readings, and the missing-rate monitors need some to measure.
 */
export const SENSOR_DROPOUT_SHARE = 0.02;

/**
 * The `weather-classifier` service: each request is one station's observation of a day near the
 * current simulated date, classified by v1 (or v2 during a canary). Ground truth (the day's real
 * weather) and some user feedback follow later.
 */
export class WeatherTraffic {
  private readonly stations: readonly Station[];
  private readonly canarySeed: string;
  /** Draws the sensor dropouts apart from the main stream, so every other generated value stays as it was. */
  private readonly dropouts: SeededRandom;

  constructor(private readonly options: WeatherTrafficOptions) {
    this.dropouts = new SeededRandom(options.seed ^ 0xd209);
    const rng = new SeededRandom(options.seed ^ 0x5eed1);
    this.stations = Array.from({ length: options.stations ?? 400 }, (_, i) => ({
      unitId: `station-${i}`,
      segment: demoSegment(rng),
    }));
    this.canarySeed = `${WEATHER_CANARY_EXPERIMENT}:${options.seed}`;
  }

  /** The dataset day that is "today" at epoch time `t`. */
  currentDay(t: number): WeatherDay {
    const { days, originMs, msPerDay } = this.options;
    const i = Math.floor(Math.max(0, t - originMs) / msPerDay) % days.length;
    return days[i] as WeatherDay;
  }

  request(rng: SeededRandom, requestId: string, t: number, effects: IncidentEffects): GeneratedRequest {
    const { days, originMs, msPerDay, dayWindow, delayScale } = this.options;
    const station = rng.pick(this.stations);
    const today = Math.floor(Math.max(0, t - originMs) / msPerDay);
    const offset = rng.index(2 * dayWindow + 1) - dayWindow;
    const day = days[(((today + offset) % days.length) + days.length) % days.length] as WeatherDay;

    // What the station measured: the day's values with sensor noise.
    const precipitation = day.precipitation > 0 ? round(day.precipitation * Math.exp(rng.normal(0, 0.1)), 1) : 0;
    let tempMax = round(day.tempMax + rng.normal(0, 0.4), 1);
    let tempMin = round(Math.min(tempMax, day.tempMin + rng.normal(0, 0.4)), 1);
    const wind = round(Math.max(0, day.wind + rng.normal(0, 0.3)), 1);
    let tempMaxB = round(tempMax + rng.normal(0, 0.8), 1);
    let tempMinB = round(tempMin + rng.normal(0, 0.8), 1);
    const precipitationRadar = round(precipitation * Math.exp(rng.normal(0, 0.25)), 1);
    const windGust = round(wind * rng.between(1.3, 1.7), 1);
    if (affectsRegion(effects.fahrenheitRegion, station.segment.region)) {
      [tempMax, tempMin, tempMaxB, tempMinB] = [tempMax, tempMin, tempMaxB, tempMinB].map((c) =>
        round(fahrenheit(c), 1),
      ) as [number, number, number, number];
    }
    const measured: WeatherMeasurements = { precipitation, tempMax, tempMin, wind, month: day.month };

    const canary = effects.canaryShare > 0 && assignmentBucket(this.canarySeed, station.unitId) < effects.canaryShare;
    const model = canary ? this.options.v2 : this.options.v1;
    let latencyMs = rng.logNormal(canary ? 9 : 8, 0.3) * effects.latencyFactor;
    if (rng.chance(0.01)) latencyMs *= rng.between(3, 6); // the occasional GC pause or cold cache

    const event: InferenceEventInput = {
      requestId,
      timestamp: Math.floor(t),
      model: WEATHER_MODEL,
      version: canary ? 'v2' : 'v1',
      variant: canary ? 'canary' : 'production',
      ...(effects.canaryShare > 0 ? { experiment: WEATHER_CANARY_EXPERIMENT } : {}),
      unitId: station.unitId,
      segment: { ...station.segment },
      inputs: {
        features: {
          precipitation,
          temp_max: tempMax,
          temp_min: tempMin,
          wind,
          month: day.month,
          temp_max_b: tempMaxB,
          temp_min_b: tempMinB,
          precipitation_radar: this.dropouts.chance(SENSOR_DROPOUT_SHARE) ? null : precipitationRadar,
          wind_gust: this.dropouts.chance(SENSOR_DROPOUT_SHARE) ? null : windGust,
        },
      },
      latencyMs: round(latencyMs, 2),
    };

    const failure = effects.errorBurst ? effects.errorBurstShares.weather : 0.002;
    if (rng.chance(failure)) {
      const timeout = effects.errorBurst || rng.chance(0.5);
      return {
        event: {
          ...event,
          status: 'error',
          errorType: timeout ? 'timeout' : 'internal',
          latencyMs: timeout ? 1000 : event.latencyMs,
        },
        later: [],
      };
    }

    let probabilities = model.probabilities(measured);
    if (affectsRegion(effects.qualityDropRegion, station.segment.region)) probabilities = rotated(probabilities);
    const label = argmax(probabilities);
    event.output = {
      label,
      probabilities: Object.fromEntries(Object.entries(probabilities).map(([k, p]) => [k, round(p, 4)])),
      score: round(probabilities[label] as number, 4),
    };

    const later: DelayedRecord[] = [];
    const correct = label === day.weather;
    if (rng.chance(this.options.labelledShare)) {
      const due = Math.floor(t + rng.between(30_000, 300_000) * delayScale) + 1;
      later.push({ kind: 'outcome', record: { requestId, timestamp: due, label: day.weather } });
    }
    if (rng.chance(0.03)) {
      const up = correct ? rng.chance(0.9) : rng.chance(0.2);
      const due = Math.floor(t + rng.between(5_000, 60_000) * delayScale) + 1;
      later.push({
        kind: 'feedback',
        record: { kind: 'thumbs', requestId, timestamp: due, value: up ? 'up' : 'down' },
      });
    }
    if (!correct && rng.chance(0.05)) {
      const due = Math.floor(t + rng.between(60_000, 600_000) * delayScale) + 1;
      later.push({
        kind: 'feedback',
        record: {
          kind: 'correction',
          requestId,
          timestamp: due,
          correction: day.weather,
          comment: `It was ${day.weather} at ${station.unitId}, not ${label}.`,
        },
      });
    }
    return { event, later };
  }
}

function argmax(p: Record<string, number>): string {
  let best = '';
  let bestP = Number.NEGATIVE_INFINITY;
  for (const [k, v] of Object.entries(p)) {
    if (v > bestP) {
      best = k;
      bestP = v;
    }
  }
  return best;
}

/** The label-mapping bug: each class gets the probability of the next one (in key order). */
function rotated(p: Record<string, number>): Record<string, number> {
  const keys = Object.keys(p);
  const out: Record<string, number> = {};
  keys.forEach((k, i) => {
    out[k] = p[keys[(i + 1) % keys.length] as string] as number;
  });
  return out;
}
