/**
 * The alert engine on a real DuckDB file (the experiments fixture: store, project `p1`, real
 * experiment registry and rollout controller), an injected clock and real local HTTP receivers.
 * Deliveries retry without waiting (injected sleep); `engine.idle()` waits for them — no timing.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ALERT_DOCUMENTS, type AlertChannelInput, type AlertRuleInput } from '../../domain/alerting.js';
import type { MonitorResult } from '../../domain/monitor.js';
import type { SloInput } from '../../domain/slo.js';
import {
  type ExperimentFixture,
  experimentEvent,
  experimentFixture,
  FIXTURE_PROJECT as P,
  FIXTURE_T0 as T0,
} from '../experiments-server/experiment-fixture.js';
import { TelemetryMetrics } from '../telemetry/index.js';
import { experimentAlertActions } from './alert-actions.js';
import { AlertAdmin } from './alert-admin.js';
import { AlertEngine } from './alert-engine.js';
import type { AlertNotification } from './alert-notification.js';
import { DuckDbSloCounts } from './slo-counts.js';
import { startTestReceiver, type TestReceiver } from './test-receiver.js';

const MIN = 60_000;
const SECRET = 'engine-test-secret-0123456789';

let f: ExperimentFixture;
let receiver: TestReceiver;
let counts: Record<string, number>;

function engine(): AlertEngine {
  return new AlertEngine({
    store: f.store,
    sloCounts: new DuckDbSloCounts(f.store),
    actions: experimentAlertActions({ store: f.store, ...f.services }),
    hooks: {
      recordNotification: (type, outcome) => {
        const key = `${type}:${outcome}`;
        counts[key] = (counts[key] ?? 0) + 1;
      },
    },
    sleep: async () => undefined,
    random: () => 0.5,
    onError: (what, err) => {
      throw new Error(`unexpected engine error in ${what}: ${String(err)}`);
    },
  });
}

const admin = () => new AlertAdmin(f.store, { now: () => f.now });

function result(monitor: string, value: number | null, at: number, extra: Partial<MonitorResult> = {}): MonitorResult {
  return { projectId: P, model: 'ranker', version: 'v1', monitor, at, value, status: 'ok', details: {}, ...extra };
}

const latencyRule: AlertRuleInput = {
  id: 'latency',
  name: 'HighInferenceLatency',
  type: 'threshold',
  monitor: 'sli.latency_p95',
  op: '>',
  threshold: 5000,
  forMs: 5 * MIN,
  severity: 'page',
  annotations: { summary: 'p95 {{value}} ms on {{model}}' },
};

const webhook = (overrides: Partial<AlertChannelInput> = {}): AlertChannelInput =>
  ({ id: 'hook', type: 'webhook', url: `${receiver.url}/hook`, secret: SECRET, ...overrides }) as AlertChannelInput;

/** Notifications the receiver got, decoded. */
const received = (): AlertNotification[] => receiver.requests.map((r) => JSON.parse(r.body) as AlertNotification);

beforeEach(async () => {
  f = await experimentFixture();
  receiver = await startTestReceiver();
  counts = {};
});
afterEach(async () => {
  await receiver.close();
  await f.dispose();
});

describe('lifecycle', () => {
  it('pending → firing after `for` → resolved, each transition audited', async () => {
    await admin().put(P, 'rule', latencyRule);
    const e = engine();
    const states: string[] = [];
    const at = [0, 2, 4, 5, 6, 7].map((m) => T0 + m * MIN);
    const values = [6000, 6100, 6200, 6300, 6400, 900];
    for (let i = 0; i < at.length; i++) {
      await e.evaluate([result('sli.latency_p95', values[i] as number, at[i] as number)], at[i] as number);
      states.push((await e.listAlerts(P))[0]?.state ?? 'none');
    }
    expect(states).toEqual(['pending', 'pending', 'pending', 'firing', 'firing', 'resolved']);
    const alert = (await e.listAlerts(P))[0];
    expect(alert?.labels).toMatchObject({
      alertname: 'HighInferenceLatency',
      model: 'ranker',
      version: 'v1',
      severity: 'page',
    });
    expect(alert?.annotations).toMatchObject({
      summary: 'p95 900 ms on ranker',
      runbook_url: 'docs/runbooks.md#highinferencelatency',
    });
    expect([alert?.activeAt, alert?.firedAt, alert?.resolvedAt]).toEqual([T0, T0 + 5 * MIN, T0 + 7 * MIN]);
    const audit = await f.store.listAudit(P, { kind: 'alert' });
    expect(audit.map((a) => [a.action, a.at])).toEqual([
      ['pending', T0],
      ['firing', T0 + 5 * MIN],
      ['resolved', T0 + 7 * MIN],
    ]);
  });

  it('per-segment rules give one alert per segment; skipped (null) values hold the state', async () => {
    await admin().put(P, 'rule', { ...latencyRule, forMs: 0, segment: 'each' });
    const e = engine();
    await e.evaluate(
      [
        result('sli.latency_p95', 9000, T0, { segment: 'region=eu' }),
        result('sli.latency_p95', 100, T0, { segment: 'region=us' }),
        result('sli.latency_p95', 9000, T0),
      ],
      T0,
    );
    const alerts = await e.listAlerts(P, 'firing');
    expect(alerts.map((a) => a.labels.segment)).toEqual(['region=eu']);
    await e.evaluate(
      [result('sli.latency_p95', null, T0 + MIN, { segment: 'region=eu', status: 'skipped' })],
      T0 + MIN,
    );
    expect((await e.listAlerts(P, 'firing')).length).toBe(1);
  });
});

describe('notifications: grouping, dedupe, retries', () => {
  it('groups alerts of one group after group_wait, does not repeat them, and adds a new one at group_interval', async () => {
    await admin().put(P, 'rule', { ...latencyRule, forMs: 0 });
    await admin().put(P, 'channel', webhook());
    await f.store.putDocument(P, ALERT_DOCUMENTS.routing, 'default', {
      groupBy: ['alertname'],
      groupWaitMs: 30_000,
      groupIntervalMs: 5 * MIN,
    });
    const e = engine();
    const run = async (t: number, versions: string[]) => {
      await e.evaluate(
        versions.map((v) => result('sli.latency_p95', 7000, t, { version: v })),
        t,
      );
      await e.idle();
    };
    await run(T0, ['v1']);
    await run(T0 + 10_000, ['v1', 'v2']);
    expect(receiver.requests).toHaveLength(0);
    await run(T0 + 30_000, ['v1', 'v2']);
    expect(received().map((n) => n.alerts.map((a) => a.labels.version).sort())).toEqual([['v1', 'v2']]);
    for (let t = T0 + MIN; t < T0 + 5 * MIN; t += MIN) await run(t, ['v1', 'v2', 'v3']);
    expect(receiver.requests).toHaveLength(1);
    await run(T0 + 30_000 + 5 * MIN, ['v1', 'v2', 'v3']);
    expect(received().map((n) => n.alerts.length)).toEqual([2, 3]);
    const notifications = await e.listNotifications(P);
    expect(notifications.map((n) => [n.status, n.attempts, n.firing.length])).toEqual([
      ['sent', 1, 3],
      ['sent', 1, 2],
    ]);
    expect(counts['webhook:sent']).toBe(2);
  });

  it('retries with backoff, then records a visible failure (API and metric), and retries the group later', async () => {
    await admin().put(P, 'rule', { ...latencyRule, forMs: 0 });
    await admin().put(P, 'channel', webhook({ maxAttempts: 3, groupWaitMs: 0 }));
    receiver.always(503);
    const e = engine();
    await e.evaluate([result('sli.latency_p95', 7000, T0)], T0);
    await e.idle();
    expect(receiver.requests).toHaveLength(3);
    const failed = await e.listNotifications(P, { status: 'failed' });
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ status: 'failed', attempts: 3, channelId: 'hook', channelType: 'webhook' });
    expect(failed[0]?.error).toContain('answered 503');
    expect(counts).toEqual({ 'webhook:retried': 2, 'webhook:failed': 1 });
    // The group was not marked notified: the next flush (group_interval later) tries again and succeeds.
    receiver.always(undefined);
    receiver.script([500]);
    await e.evaluate([result('sli.latency_p95', 7000, T0 + 5 * MIN)], T0 + 5 * MIN);
    await e.idle();
    const sent = await e.listNotifications(P, { status: 'sent' });
    expect(sent).toHaveLength(1);
    expect(sent[0]?.attempts).toBe(2);
    expect(receiver.requests).toHaveLength(5);
  });

  it('counts outcomes in /metrics as modelwatch_notifications_total{channel,outcome}', async () => {
    await admin().put(P, 'rule', { ...latencyRule, forMs: 0 });
    await admin().put(P, 'channel', webhook({ maxAttempts: 2, groupWaitMs: 0 }));
    receiver.always(500);
    const telemetry = new TelemetryMetrics({ processMetrics: false });
    const e = new AlertEngine({ store: f.store, hooks: telemetry, sleep: async () => undefined });
    await e.evaluate([result('sli.latency_p95', 7000, T0)], T0);
    await e.idle();
    const text = await telemetry.metrics();
    expect(text).toContain('modelwatch_notifications_total{channel="webhook",outcome="failed"} 1');
    expect(text).toContain('modelwatch_notifications_total{channel="webhook",outcome="retried"} 1');
  });

  it('a restart over the same file keeps firing alerts firing and does not notify them again', async () => {
    await admin().put(P, 'rule', { ...latencyRule, forMs: 0 });
    await admin().put(P, 'channel', webhook({ groupWaitMs: 0 }));
    let e = engine();
    await e.evaluate([result('sli.latency_p95', 7000, T0)], T0);
    await e.idle();
    expect(receiver.requests).toHaveLength(1);
    await e.close();
    await f.reopen();
    e = engine();
    expect((await e.listAlerts(P, 'firing')).length).toBe(1);
    for (let t = T0 + MIN; t <= T0 + 30 * MIN; t += MIN) {
      await e.evaluate([result('sli.latency_p95', 7000, t)], t);
      await e.idle();
    }
    expect(receiver.requests).toHaveLength(1);
    const firedAudit = (await f.store.listAudit(P, { kind: 'alert' })).filter((a) => a.action === 'firing');
    expect(firedAudit).toHaveLength(1);
    // Recovery: exactly one resolved notification.
    await e.evaluate([result('sli.latency_p95', 100, T0 + 31 * MIN)], T0 + 31 * MIN);
    await e.idle();
    await e.evaluate([result('sli.latency_p95', 100, T0 + 36 * MIN)], T0 + 36 * MIN);
    await e.idle();
    expect(received().map((n) => n.status)).toEqual(['firing', 'resolved']);
  });
});

describe('inhibition, silences, maintenance', () => {
  it('a firing ModelSilent inhibits the latency alert of the same model, not of another model', async () => {
    await admin().put(P, 'rule', { ...latencyRule, forMs: 0 });
    await admin().put(P, 'rule', {
      id: 'silent',
      name: 'ModelSilent',
      type: 'absence',
      absentForMs: 10 * MIN,
      severity: 'page',
      annotations: { summary: '{{model}} silent' },
    });
    await admin().put(P, 'channel', webhook({ groupWaitMs: 0, groupBy: ['alertname', 'model'] }));
    await f.store.appendEvents(
      P,
      [
        experimentEvent('r1', { model: 'ranker', timestamp: T0 }),
        experimentEvent('r2', { model: 'scorer', timestamp: T0 + 14 * MIN }),
      ],
      T0,
    );
    const e = engine();
    const t = T0 + 15 * MIN;
    await e.evaluate([result('sli.latency_p95', 9000, t), result('sli.latency_p95', 9000, t, { model: 'scorer' })], t);
    await e.idle();
    const sent = received().flatMap((n) => n.alerts.map((a) => `${a.labels.alertname}/${a.labels.model}`));
    expect(sent.sort()).toEqual(['HighInferenceLatency/scorer', 'ModelSilent/ranker']);
    expect((await e.listAlerts(P, 'firing')).length).toBe(3);
  });

  it('a silence mutes matching alerts until it is expired', async () => {
    await admin().put(P, 'rule', { ...latencyRule, forMs: 0 });
    await admin().put(P, 'channel', webhook({ groupWaitMs: 0, groupIntervalMs: MIN }));
    const silence = await admin().createSilence(P, {
      matchers: [{ name: 'model', value: 'rank.*', isRegex: true }],
      endsAt: T0 + 60 * MIN,
      comment: 'deploying',
    });
    const e = engine();
    await e.evaluate([result('sli.latency_p95', 9000, T0)], T0);
    await e.idle();
    expect(receiver.requests).toHaveLength(0);
    f.now = T0 + 2 * MIN;
    const expired = await admin().expireSilence(P, silence.id);
    expect(expired.endsAt).toBe(T0 + 2 * MIN);
    expect((await admin().listSilences(P))[0]?.status).toBe('expired');
    await e.evaluate([result('sli.latency_p95', 9000, T0 + 3 * MIN)], T0 + 3 * MIN);
    await e.idle();
    expect(received().map((n) => n.alerts[0]?.labels.alertname)).toEqual(['HighInferenceLatency']);
  });

  it('a weekly maintenance window mutes notifications and skips actions (audited)', async () => {
    const start = new Date(T0);
    await admin().put(P, 'rule', {
      ...latencyRule,
      forMs: 0,
      actions: [{ type: 'pause_experiment', experimentId: 'exp-x' }],
    });
    await admin().put(P, 'channel', webhook({ groupWaitMs: 0 }));
    await admin().put(P, 'maintenance', {
      id: 'weekly-deploy',
      weekly: { days: [start.getUTCDay()], start: '11:30', durationMinutes: 60 },
    });
    const e = engine();
    await e.evaluate([result('sli.latency_p95', 9000, T0)], T0);
    await e.idle();
    expect(receiver.requests).toHaveLength(0);
    const actions = (await f.store.listAudit(P, { kind: 'alert' })).filter((a) => a.action === 'pause_experiment');
    expect(actions[0]?.details).toMatchObject({ skipped: 'maintenance window weekly-deploy' });
    // 12:30 UTC: the window (11:30–12:30) is over.
    await e.evaluate([result('sli.latency_p95', 9000, T0 + 30 * MIN)], T0 + 30 * MIN);
    await e.idle();
    expect(receiver.requests).toHaveLength(1);
  });
});

describe('digest', () => {
  it('info and ticket alerts wait for the daily digest on digest channels; pages go out at once', async () => {
    await admin().put(P, 'rule', { ...latencyRule, forMs: 0, severity: 'info', id: 'info-latency' });
    await admin().put(P, 'rule', {
      ...latencyRule,
      forMs: 0,
      name: 'PagedLatency',
      id: 'page-latency',
      threshold: 8000,
    });
    await admin().put(P, 'channel', webhook({ groupWaitMs: 0 }));
    const e = engine();
    // T0 is 12:00 UTC; the digest hour 9 UTC has passed today, so the first evaluation sends it.
    await f.store.putDocument(P, ALERT_DOCUMENTS.routing, 'default', { digest: { hourUtc: 13 } });
    await e.evaluate([result('sli.latency_p95', 9000, T0)], T0);
    await e.idle();
    expect(received().map((n) => [n.kind, n.alerts.map((a) => a.labels.alertname)])).toEqual([
      ['group', ['PagedLatency']],
    ]);
    await e.evaluate([result('sli.latency_p95', 9000, T0 + 60 * MIN)], T0 + 60 * MIN);
    await e.idle();
    await e.evaluate([result('sli.latency_p95', 9000, T0 + 70 * MIN)], T0 + 70 * MIN);
    await e.idle();
    const digests = received().filter((n) => n.kind === 'digest');
    expect(digests).toHaveLength(1);
    expect(digests[0]?.alerts.map((a) => a.labels.alertname)).toEqual(['HighInferenceLatency']);
  });
});

describe('actions and SLOs', () => {
  async function startCanary(): Promise<void> {
    await f.services.registry.create(P, {
      id: 'ranker-canary',
      type: 'canary',
      variants: [
        { name: 'production', weight: 100 },
        { name: 'canary', weight: 0 },
      ],
    });
    await f.services.rollouts.start(P, { experimentId: 'ranker-canary', steps: [10, 50, 100] }, 'test');
  }

  it('a firing rule with rollback_canary aborts the active rollout, with an audit record on both sides', async () => {
    await startCanary();
    await admin().put(P, 'rule', { ...latencyRule, forMs: 0, actions: [{ type: 'rollback_canary' }] });
    const e = engine();
    await e.evaluate([result('sli.latency_p95', 9000, T0)], T0);
    expect((await f.services.rollouts.get(P, 'ranker-canary')).status).toBe('rolled-back');
    const mine = (await f.store.listAudit(P, { kind: 'alert' })).find((a) => a.action === 'rollback_canary');
    expect(mine?.details).toMatchObject({ rollouts: ['ranker-canary'] });
    const theirs = await f.services.rollouts.audit(P, 'ranker-canary');
    expect(theirs.at(-1)?.action).toBe('abort');
  });

  it('burn rates from stored events: 2 % errors against 99.9 % = 20× fires ErrorBudgetBurnFast and pauses rollouts', async () => {
    await startCanary();
    const slo: SloInput = {
      id: 'ranker-availability',
      model: 'ranker',
      sli: { kind: 'availability' },
      objective: 0.999,
    };
    await admin().put(P, 'slo', slo);
    // The hour before `now`: 1000 requests, one per 3.6 s, every 50th an error → 2 % (burn 20×).
    const now = T0 + 60 * MIN;
    const events = [];
    for (let i = 0; i < 1000; i++) {
      events.push(
        experimentEvent(`e${i}`, {
          timestamp: T0 + i * 3600,
          ...(i % 50 === 49 ? { status: 'error', errorType: 'timeout' } : {}),
        }),
      );
    }
    await f.store.appendEvents(P, events, now);
    const e = engine();
    const status = await e.sloStatus(P, await admin().get(P, 'slo', slo.id), now);
    // 5 min = 300 000 ms ≈ 83 requests (i from 917 to 999), of which errors at i = 949, 999: 2/83.
    const fast = status.burnRates.find((b) => b.name === 'ErrorBudgetBurnFast');
    expect(fast?.longBurnRate).toBeCloseTo(20, 9);
    expect(fast?.shortBurnRate).toBeCloseTo(2 / 83 / 0.001, 9);
    expect(fast?.firing).toBe(true);
    expect(status.total).toBe(1000);
    // Period (30 d) = these 1000 requests: 20 bad against an allowance of 1 → remaining 1 − 20 = −19.
    expect(status.budgetRemaining).toBeCloseTo(-19, 9);
    await e.tick(now);
    const firing = (await e.listAlerts(P, 'firing')).map((a) => a.labels.alertname).sort();
    // 6 h and 3 d windows hold the same 1000 requests (20×); their short windows 30 min (≈ 2 %) and 6 h too.
    expect(firing).toEqual(['ErrorBudgetBurnFast', 'ErrorBudgetBurnMedium', 'ErrorBudgetBurnSlow']);
    expect((await f.services.rollouts.get(P, 'ranker-canary')).status).toBe('paused');
    const pause = await f.store.listAudit(P, { kind: 'slo' });
    expect(pause.map((a) => a.action)).toEqual(['pause_rollouts']);
    expect(pause[0]?.details).toMatchObject({ paused: ['ranker-canary'] });
    // Once per episode: a second tick does not pause again.
    await e.tick(now + 1000);
    expect(await f.store.listAudit(P, { kind: 'slo' })).toHaveLength(1);
  });

  it('latency and judged-quality SLIs count from the raw events', async () => {
    const events = [100, 200, 300, 400, 900].map((latencyMs, i) =>
      experimentEvent(`q${i}`, { timestamp: T0 + i, latencyMs, output: { label: 'a' } }),
    );
    await f.store.appendEvents(P, events, T0);
    await f.store.appendOutcomes(
      P,
      [
        { requestId: 'q0', timestamp: T0, label: 'a' },
        { requestId: 'q1', timestamp: T0, label: 'b' },
      ],
      T0,
    );
    await f.store.appendScores(
      P,
      [0.9, 0.2, 0.7].map((value, i) => ({
        requestId: `q${i}`,
        timestamp: T0,
        name: 'helpful',
        source: 'judge' as const,
        value,
      })),
      T0,
    );
    const c = new DuckDbSloCounts(f.store);
    const window = [T0, T0 + MIN] as const;
    expect(await c.counts(P, { model: 'ranker', sli: { kind: 'latency', thresholdMs: 300 } }, ...window)).toEqual({
      good: 3,
      total: 5,
    });
    expect(await c.counts(P, { model: 'ranker', sli: { kind: 'quality', source: 'outcome' } }, ...window)).toEqual({
      good: 1,
      total: 2,
    });
    expect(
      await c.counts(
        P,
        { model: 'ranker', sli: { kind: 'quality', source: 'score', scoreName: 'helpful', minScore: 0.5 } },
        ...window,
      ),
    ).toEqual({ good: 2, total: 3 });
    expect(await c.counts(P, { model: 'ranker', sli: { kind: 'availability' } }, ...window)).toEqual({
      good: 5,
      total: 5,
    });
  });
});
