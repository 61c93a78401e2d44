import { GaussianNaiveBayes } from './gaussian-naive-bayes.js';
import type { WeatherDay } from './seattle-weather.js';

/** The raw weather measurements a request carries (the classifier's inputs before encoding). */
export interface WeatherMeasurements {
  readonly precipitation: number;
  readonly tempMax: number;
  readonly tempMin: number;
  readonly wind: number;
  /** 1–12. */
  readonly month: number;
}

/**
 * Which inputs a model version uses. `all`: log1p(precipitation), temp_max, temp_min, wind and
 * the month on the unit circle (sin, cos). `no_precipitation`: the same without precipitation —
 * the broken feature pipeline of the bad canary.
 */
export type WeatherFeatureSet = 'all' | 'no_precipitation';

export interface WeatherClassifierOptions {
  /** Years of the training rows (default 2012 and 2013). */
  readonly trainYears?: readonly number[];
  /** Default 'all'. */
  readonly featureSet?: WeatherFeatureSet;
}

/** The encoded feature vector of one request for a feature set. */
export function weatherFeatureVector(m: WeatherMeasurements, featureSet: WeatherFeatureSet): Float64Array {
  const angle = (2 * Math.PI * (m.month - 1)) / 12;
  const rest = [m.tempMax, m.tempMin, m.wind, Math.sin(angle), Math.cos(angle)];
  // log1p of a negative reading (a broken sensor) is clamped at 0 so the vector stays finite.
  return Float64Array.from(featureSet === 'all' ? [Math.log1p(Math.max(0, m.precipitation)), ...rest] : rest);
}

/**
 * A weather classifier (Gaussian naive Bayes) trained on the Seattle days of `trainYears`: what the
 * demo's `weather-classifier` serves. Probabilities are aligned with `model.classes`.
 */
export class WeatherClassifier {
  private constructor(
    readonly model: GaussianNaiveBayes,
    readonly featureSet: WeatherFeatureSet,
    readonly trainYears: readonly number[],
    readonly trainingRows: number,
  ) {}

  static train(days: readonly WeatherDay[], options: WeatherClassifierOptions = {}): WeatherClassifier {
    const years = options.trainYears ?? [2012, 2013];
    const featureSet = options.featureSet ?? 'all';
    const rows = days.filter((d) => years.includes(d.year));
    const model = GaussianNaiveBayes.fit(
      rows.map((d) => weatherFeatureVector(d, featureSet)),
      rows.map((d) => d.weather),
    );
    return new WeatherClassifier(model, featureSet, years, rows.length);
  }

  /** Class probabilities of one request, keyed by label. */
  probabilities(m: WeatherMeasurements): Record<string, number> {
    const p = this.model.predictProba(weatherFeatureVector(m, this.featureSet));
    const out: Record<string, number> = {};
    this.model.classes.forEach((c, i) => {
      out[c] = p[i] as number;
    });
    return out;
  }

  /** Share of `days` whose label the classifier predicts correctly. */
  accuracy(days: readonly WeatherDay[]): number {
    let hits = 0;
    for (const d of days) if (this.model.predict(weatherFeatureVector(d, this.featureSet)) === d.weather) hits++;
    return hits / days.length;
  }
}
