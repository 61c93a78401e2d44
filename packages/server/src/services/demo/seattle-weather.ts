import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { DemoError } from './demo-error.js';

/** The five weather labels of the Seattle weather dataset, in a fixed order. */
export const WEATHER_LABELS = ['drizzle', 'rain', 'sun', 'snow', 'fog'] as const;
export type WeatherLabel = (typeof WEATHER_LABELS)[number];

/** One day of Seattle weather (vega-datasets `seattle-weather.csv`, BSD-3-Clause). */
export interface WeatherDay {
  /** YYYY-MM-DD. */
  readonly date: string;
  readonly year: number;
  /** 1–12. */
  readonly month: number;
  /** Millimetres. */
  readonly precipitation: number;
  /** Degrees Celsius. */
  readonly tempMax: number;
  readonly tempMin: number;
  /** Metres per second. */
  readonly wind: number;
  readonly weather: WeatherLabel;
}

const HEADER = 'date,precipitation,temp_max,temp_min,wind,weather';
const DATE = /^(\d{4})-(\d{2})-\d{2}$/;

/** Path of `seattle-weather.csv` inside the installed `vega-datasets` package. */
export function seattleWeatherPath(): string {
  const require = createRequire(import.meta.url);
  // The package exports only its entry point (build/index.js); the data directory is its sibling.
  const entry = require.resolve('vega-datasets');
  return join(dirname(entry), '..', 'data', 'seattle-weather.csv');
}

/**
 * Parses the Seattle weather CSV (header `date,precipitation,temp_max,temp_min,wind,weather`).
 * @throws {DemoError} code 'invalid_data' naming the line and field of a malformed row.
 */
export function parseSeattleWeather(csv: string): WeatherDay[] {
  const lines = csv.split(/\r?\n/);
  if (lines[0]?.trim() !== HEADER) {
    throw new DemoError(
      'invalid_data',
      `parseSeattleWeather: line 1 must be the header ${JSON.stringify(HEADER)} (got ${JSON.stringify(lines[0]?.slice(0, 80))})`,
    );
  }
  const days: WeatherDay[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.trim() === '') continue;
    const cells = line.split(',');
    const where = `parseSeattleWeather: line ${i + 1}`;
    if (cells.length !== 6) {
      throw new DemoError('invalid_data', `${where} must have 6 fields (got ${cells.length}: ${JSON.stringify(line)})`);
    }
    const [date, precipitation, tempMax, tempMin, wind, weather] = cells as [
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    const m = DATE.exec(date);
    if (m === null)
      throw new DemoError('invalid_data', `${where}: date must be YYYY-MM-DD (got ${JSON.stringify(date)})`);
    if (!(WEATHER_LABELS as readonly string[]).includes(weather)) {
      throw new DemoError(
        'invalid_data',
        `${where}: weather must be one of ${WEATHER_LABELS.join(', ')} (got ${JSON.stringify(weather)})`,
      );
    }
    days.push({
      date,
      year: Number(m[1]),
      month: Number(m[2]),
      precipitation: numberField(where, 'precipitation', precipitation),
      tempMax: numberField(where, 'temp_max', tempMax),
      tempMin: numberField(where, 'temp_min', tempMin),
      wind: numberField(where, 'wind', wind),
      weather: weather as WeatherLabel,
    });
  }
  return days;
}

function numberField(where: string, name: string, cell: string): number {
  const x = cell.trim() === '' ? Number.NaN : Number(cell);
  if (!Number.isFinite(x)) {
    throw new DemoError('invalid_data', `${where}: ${name} must be a finite number (got ${JSON.stringify(cell)})`);
  }
  return x;
}

/** The 1 461 days of 2012–2015 from the installed vega-datasets package (or the CSV at `path`). */
export function loadSeattleWeather(path: string = seattleWeatherPath()): WeatherDay[] {
  return parseSeattleWeather(readFileSync(path, 'utf8'));
}
