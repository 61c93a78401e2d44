import { describe, expect, it } from 'vitest';
import { loadSeattleWeather } from './seattle-weather.js';
import { WeatherClassifier, weatherFeatureVector } from './weather-classifier.js';

const days = loadSeattleWeather();
const heldOut = days.filter((d) => d.year >= 2014);

function majorityBaseline(): number {
  const counts = new Map<string, number>();
  for (const d of heldOut) counts.set(d.weather, (counts.get(d.weather) ?? 0) + 1);
  return Math.max(...counts.values()) / heldOut.length;
}

describe('WeatherClassifier', () => {
  it('beats the majority class on the held-out years 2014–2015', () => {
    const v1 = WeatherClassifier.train(days);
    expect(v1.trainingRows).toBe(731); // 2012 (leap year) + 2013
    const accuracy = v1.accuracy(heldOut);
    const baseline = majorityBaseline(); // 'sun': 349 of 730 days
    console.log(
      `weather-classifier v1: held-out accuracy ${accuracy.toFixed(3)}, majority baseline ${baseline.toFixed(3)}`,
    );
    expect(baseline).toBeCloseTo(349 / 730, 12);
    expect(accuracy).toBeGreaterThan(baseline + 0.2);
  });

  it('loses accuracy without its precipitation input (the bad canary)', () => {
    const v1 = WeatherClassifier.train(days);
    const bad = WeatherClassifier.train(days, { featureSet: 'no_precipitation' });
    expect(bad.accuracy(heldOut)).toBeLessThan(v1.accuracy(heldOut) - 0.1);
  });

  it('returns a probability per label that sums to 1', () => {
    const v1 = WeatherClassifier.train(days);
    const p = v1.probabilities({ precipitation: 12, tempMax: 9, tempMin: 4, wind: 5, month: 11 });
    expect(Object.keys(p).sort()).toEqual(['drizzle', 'fog', 'rain', 'snow', 'sun']);
    expect(Math.abs(Object.values(p).reduce((s, x) => s + x, 0) - 1)).toBeLessThan(1e-12);
    expect(p.rain).toBeGreaterThan(0.5);
  });

  it('encodes the month on the unit circle so December and January are neighbours', () => {
    const m = { precipitation: 0, tempMax: 0, tempMin: 0, wind: 0 };
    const dec = weatherFeatureVector({ ...m, month: 12 }, 'all');
    const jan = weatherFeatureVector({ ...m, month: 1 }, 'all');
    const jul = weatherFeatureVector({ ...m, month: 7 }, 'all');
    const dist = (a: Float64Array, b: Float64Array) => Math.hypot(...a.map((x, i) => x - (b[i] as number)));
    expect(dist(dec, jan)).toBeLessThan(dist(jan, jul));
    expect(weatherFeatureVector({ ...m, month: 1 }, 'no_precipitation')).toHaveLength(5);
  });
});
