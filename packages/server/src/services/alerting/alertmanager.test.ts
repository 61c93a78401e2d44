/**
 * End to end against a real Alertmanager (Debian's `prometheus-alertmanager`, started on a free
 * 127.0.0.1 port with a temporary config and storage directory, stopped by PID): the notifier's
 * alerts are listed by its API with modelwatch's fingerprint; the engine's firing and resolved
 * alerts reach it; and the committed example configuration passes `amtool check-config`.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { describe, expect } from 'vitest';
import {
  ALERTMANAGER_BINARY,
  ALERTMANAGER_MISSING,
  listAlertmanagerAlerts,
  MINIMAL_ALERTMANAGER_CONFIG as MINIMAL_CONFIG,
  startAlertmanager,
} from '../../../test/alertmanager-server.js';
import { pollUntil } from '../../../test/prometheus-server.js';
import { commandPath, itWithSystem } from '../../../test/system.js';
import { ALERT_DOCUMENTS } from '../../domain/alerting.js';
import type { MonitorResult } from '../../domain/monitor.js';
import { experimentFixture, FIXTURE_PROJECT as P } from '../experiments-server/experiment-fixture.js';
import { AlertAdmin } from './alert-admin.js';
import { AlertEngine } from './alert-engine.js';
import { alertFingerprint } from './alert-fingerprint.js';
import { EXAMPLE_ALERTMANAGER_CONFIG_OPTIONS, exampleAlertmanagerConfig } from './alertmanager-config.js';
import { AlertmanagerNotifier } from './alertmanager-notifier.js';
import { sampleNotification } from './test-receiver.js';

const AMTOOL_BINARY = commandPath('amtool');
const MISSING = ALERTMANAGER_MISSING;
const listAlerts = listAlertmanagerAlerts;

describe('Alertmanager (real binary)', () => {
  itWithSystem(
    "receives the notifier's alerts and lists them with the same labels and fingerprint",
    ALERTMANAGER_BINARY !== undefined,
    MISSING,
    async () => {
      const am = await startAlertmanager(ALERTMANAGER_BINARY as string, MINIMAL_CONFIG);
      try {
        const n = sampleNotification({ alerts: sampleNotification().alerts.slice(0, 1) });
        await new AlertmanagerNotifier({ url: am.url, timeoutMs: 5000 }).send(n);
        const listed = await pollUntil(
          async () => {
            const alerts = await listAlerts(am.url);
            return alerts.length > 0 ? alerts : undefined;
          },
          30_000,
          () => `no alert listed; log:\n${am.log()}`,
        );
        const sent = n.alerts[0];
        expect(listed).toHaveLength(1);
        expect(listed[0]?.labels).toEqual(sent?.labels);
        expect(listed[0]?.annotations).toEqual(sent?.annotations);
        expect(listed[0]?.generatorURL).toBe(sent?.generatorURL);
        expect(listed[0]?.status.state).toBe('active');
        // Alertmanager's fingerprint of the label set is ours (FNV-1a 64 over sorted labels).
        expect(listed[0]?.fingerprint).toBe(alertFingerprint(sent?.labels ?? {}));
      } finally {
        await am.stop();
      }
    },
    60_000,
  );

  itWithSystem(
    "the engine's firing alert arrives at Alertmanager and leaves its active list once resolved",
    ALERTMANAGER_BINARY !== undefined,
    MISSING,
    async () => {
      const am = await startAlertmanager(ALERTMANAGER_BINARY as string, MINIMAL_CONFIG);
      const f = await experimentFixture();
      try {
        const admin = new AlertAdmin(f.store);
        await admin.put(P, 'rule', {
          id: 'latency',
          name: 'HighInferenceLatency',
          type: 'threshold',
          monitor: 'sli.latency_p95',
          op: '>',
          threshold: 5000,
          severity: 'page',
          annotations: { summary: 'p95 {{value}} ms' },
        });
        await admin.put(P, 'channel', { id: 'am', type: 'alertmanager', url: am.url });
        await f.store.putDocument(P, ALERT_DOCUMENTS.routing, 'default', { externalUrl: 'http://modelwatch.test' });
        const engine = new AlertEngine({ store: f.store, sleep: async () => undefined });
        // Real time here: Alertmanager resolves by endsAt against its own clock.
        const t = Date.now();
        const result = (value: number, at: number): MonitorResult => ({
          projectId: P,
          model: 'ranker',
          version: 'v1',
          monitor: 'sli.latency_p95',
          at,
          value,
          status: 'ok',
          details: {},
        });
        await engine.evaluate([result(7000, t)], t);
        await engine.idle();
        const firing = await pollUntil(
          async () => {
            const alerts = (await listAlerts(am.url)).filter((a) => a.labels.alertname === 'HighInferenceLatency');
            return alerts.length > 0 ? alerts : undefined;
          },
          30_000,
          () => `no alert listed; log:\n${am.log()}`,
        );
        expect(firing[0]?.labels).toMatchObject({ model: 'ranker', version: 'v1', severity: 'page', project: P });
        expect(firing[0]?.annotations.summary).toBe('p95 7000 ms');
        expect(firing[0]?.generatorURL).toMatch(/^http:\/\/modelwatch\.test\/#\/alerts\/[0-9a-f]{16}$/);
        const notified = await engine.listNotifications(P);
        expect(notified[0]).toMatchObject({ status: 'sent', channelType: 'alertmanager' });
        // Resolved now: Alertmanager honours an explicit endsAt only once it is not in its future.
        const resolvedAt = Math.max(Date.now(), t + 1);
        await engine.evaluate([result(100, resolvedAt)], resolvedAt);
        await engine.idle();
        await pollUntil(
          async () =>
            (await listAlerts(am.url)).some(
              (a) => a.status.state === 'active' && a.labels.alertname === 'HighInferenceLatency',
            )
              ? undefined
              : true,
          30_000,
          () => `the alert is still active; log:\n${am.log()}`,
        );
        expect((await engine.listNotifications(P)).map((n) => [n.firing.length, n.resolved.length])).toEqual([
          [0, 1],
          [1, 0],
        ]);
      } finally {
        await am.stop();
        await f.dispose();
      }
    },
    60_000,
  );
});

describe('deploy/alertmanager/alertmanager.yml', () => {
  const committed = fileURLToPath(new URL('../../../../../deploy/alertmanager/alertmanager.yml', import.meta.url));

  itWithSystem(
    'is the generated example and passes amtool check-config',
    AMTOOL_BINARY !== undefined,
    'amtool not found on PATH (Debian package `prometheus-alertmanager`)',
    async () => {
      const text = await readFile(committed, 'utf8');
      expect(text).toBe(exampleAlertmanagerConfig(EXAMPLE_ALERTMANAGER_CONFIG_OPTIONS));
      const { stdout } = await promisify(execFile)(AMTOOL_BINARY as string, ['check-config', committed]);
      expect(stdout).toContain('SUCCESS');
      expect(stdout).toMatch(/2 receivers/);
      expect(stdout).toMatch(/1 inhibit rules/);
    },
  );
});
