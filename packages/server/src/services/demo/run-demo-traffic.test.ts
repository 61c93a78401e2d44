import { describe, expect, it } from 'vitest';
import type { InferenceEventInput } from '../../domain/inference-event.js';
import { DemoError } from './demo-error.js';
import { type DemoLogger, type DemoSink, runDemoTraffic } from './run-demo-traffic.js';
import { loadSeattleWeather } from './seattle-weather.js';

const days = loadSeattleWeather();
const T0 = Date.UTC(2026, 0, 1);

/** A clock that advances one second per reading, so each tick covers a second of traffic however fast it runs. */
function steppingClock(stepMs = 1000): () => number {
  let t = T0;
  return () => {
    const now = t;
    t += stepMs;
    return now;
  };
}

function recordingLogger(): DemoLogger & { warnings: string[] } {
  const warnings: string[] = [];
  return { warnings, info: () => {}, warn: (_details, message) => warnings.push(message) };
}

describe('runDemoTraffic', () => {
  it('delivers batches to the sink until aborted', async () => {
    const controller = new AbortController();
    const received = { events: [] as InferenceEventInput[], outcomes: 0, feedback: 0, scores: 0 };
    const sink: DemoSink = {
      events: async (records) => {
        received.events.push(...records);
        if (received.events.length >= 3000) controller.abort();
      },
      outcomes: async (records) => {
        received.outcomes += records.length;
      },
      feedback: async (records) => {
        received.feedback += records.length;
      },
      scores: async (records) => {
        received.scores += records.length;
      },
    };
    const run = runDemoTraffic({
      sink,
      days,
      signal: controller.signal,
      tickMs: 10,
      now: steppingClock(),
      speed: 10,
      seed: 3,
    });
    const stats = await run.done;
    expect(received.events.length).toBeGreaterThanOrEqual(3000);
    expect(stats.delivered).toEqual({
      events: received.events.length,
      outcomes: received.outcomes,
      feedback: received.feedback,
      scores: received.scores,
    });
    expect(received.outcomes).toBeGreaterThan(0); // speed 10: outcomes after 3–30 s of simulated wall time
    expect(stats.failedCalls).toBe(0);
    // Stopped: no more ticks after done.
    const ticks = stats.ticks;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(run.stats().ticks).toBe(ticks);
    // The same seed and clock give the same records as the bare simulator.
    expect(received.events[0]?.requestId).toBe(`demo-3-${T0.toString(36)}-wx-0`);
  });

  it('counts and logs sink failures without throwing, and keeps going', async () => {
    const controller = new AbortController();
    const logger = recordingLogger();
    let calls = 0;
    const sink: DemoSink = {
      events: async () => {
        calls++;
        if (calls >= 5) controller.abort();
        throw new Error('store unavailable');
      },
      outcomes: async () => {},
      feedback: async () => {},
      scores: async () => {},
    };
    const run = runDemoTraffic({ sink, days, signal: controller.signal, tickMs: 10, now: steppingClock(), logger });
    const stats = await run.done;
    expect(stats.failedCalls).toBe(5);
    expect(stats.failedRecords).toBeGreaterThan(100);
    expect(stats.delivered.events).toBe(0);
    // One warning, the rest suppressed for 10 s of clock time (the clock moves 1 s per reading).
    expect(logger.warnings[0]).toMatch(/^demo traffic: the sink rejected \d+ events$/);
    expect(logger.warnings.length).toBeLessThan(5);
  });

  it('skips ahead when it falls far behind the clock', async () => {
    const controller = new AbortController();
    let t = T0;
    const sizes: number[] = [];
    const sink: DemoSink = {
      events: async (records) => {
        sizes.push(records.length);
        if (sizes.length >= 3) controller.abort();
      },
      outcomes: async () => {},
      feedback: async () => {},
      scores: async () => {},
    };
    const logger = recordingLogger();
    const now = () => {
      t += 3_600_000; // an hour per reading
      return t;
    };
    const run = runDemoTraffic({ sink, days, signal: controller.signal, tickMs: 10, now, logger, startMs: T0 });
    const stats = await run.done;
    expect(stats.skippedMs).toBeGreaterThan(3 * 3_000_000);
    expect(Math.max(...sizes)).toBeLessThan(1000); // a tick's worth, not an hour's (180 000)
    expect(logger.warnings[0]).toContain('fell behind');
  });

  it('stops at once when the signal is already aborted', async () => {
    const sink: DemoSink = {
      events: async () => {},
      outcomes: async () => {},
      feedback: async () => {},
      scores: async () => {},
    };
    const run = runDemoTraffic({ sink, days, signal: AbortSignal.abort(), now: steppingClock() });
    expect((await run.done).ticks).toBe(0);
  });

  it('rejects bad options before running', () => {
    const sink = { events: async () => {}, outcomes: async () => {}, feedback: async () => {} } as unknown as DemoSink;
    expect(() => runDemoTraffic({ sink, days })).toThrow(
      'runDemoTraffic: options.sink.scores must be a function (got undefined)',
    );
    const ok: DemoSink = { ...sink, scores: async () => {} };
    expect(() => runDemoTraffic({ sink: ok, days, tickMs: 0 })).toThrow(DemoError);
    expect(() => runDemoTraffic({ sink: ok, days, seed: 1.5 })).toThrow('options.seed');
  });
});
