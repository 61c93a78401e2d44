import { describe, expect, it } from 'vitest';
import { DemoError } from './demo-error.js';
import { loadSeattleWeather, parseSeattleWeather, WEATHER_LABELS } from './seattle-weather.js';

describe('loadSeattleWeather', () => {
  it('reads the 1 461 days of 2012–2015 from vega-datasets', () => {
    const days = loadSeattleWeather();
    expect(days).toHaveLength(1461);
    // First row of node_modules/vega-datasets/data/seattle-weather.csv.
    expect(days[0]).toEqual({
      date: '2012-01-01',
      year: 2012,
      month: 1,
      precipitation: 0,
      tempMax: 12.8,
      tempMin: 5,
      wind: 4.7,
      weather: 'drizzle',
    });
    expect(days.at(-1)?.date).toBe('2015-12-31');
    expect(new Set(days.map((d) => d.weather))).toEqual(new Set(WEATHER_LABELS));
    const dates = days.map((d) => d.date);
    expect([...dates].sort()).toEqual(dates);
  });
});

describe('parseSeattleWeather', () => {
  const header = 'date,precipitation,temp_max,temp_min,wind,weather';
  it('names the line and field of a malformed row', () => {
    expect(() => parseSeattleWeather('a,b\n')).toThrow(DemoError);
    expect(() => parseSeattleWeather(`${header}\n2012-01-01,x,1,1,1,sun\n`)).toThrow(
      'parseSeattleWeather: line 2: precipitation must be a finite number (got "x")',
    );
    expect(() => parseSeattleWeather(`${header}\n2012-01-01,0,1,1,1,hail\n`)).toThrow(
      'line 2: weather must be one of drizzle, rain, sun, snow, fog (got "hail")',
    );
    expect(() => parseSeattleWeather(`${header}\n2012-01-01,0,1\n`)).toThrow('line 2 must have 6 fields (got 3');
    expect(() => parseSeattleWeather(`${header}\n12/01/2012,0,1,1,1,sun\n`)).toThrow('date must be YYYY-MM-DD');
  });
  it('accepts CRLF line ends and a trailing blank line', () => {
    expect(parseSeattleWeather(`${header}\r\n2013-05-02,1.5,20,10,3,rain\r\n\r\n`)).toEqual([
      {
        date: '2013-05-02',
        year: 2013,
        month: 5,
        precipitation: 1.5,
        tempMax: 20,
        tempMin: 10,
        wind: 3,
        weather: 'rain',
      },
    ]);
  });
});
