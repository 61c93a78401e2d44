/**
 * A real Alertmanager for tests (Debian's `prometheus-alertmanager`, or `alertmanager` on PATH):
 * started on a free 127.0.0.1 port with a temporary config and storage directory, without
 * clustering, and stopped by its PID. `listAlerts` reads `GET /api/v2/alerts` (which leaves out
 * resolved alerts: those whose endsAt is past).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.js';
import { pollUntil } from './prometheus-server.js';
import { commandPath } from './system.js';

/** The Alertmanager binary: `alertmanager`, or Debian's `prometheus-alertmanager`. */
export const ALERTMANAGER_BINARY = commandPath('alertmanager') ?? commandPath('prometheus-alertmanager');
export const ALERTMANAGER_MISSING = 'alertmanager not found on PATH (Debian package `prometheus-alertmanager`)';
/** A configuration that accepts every alert and notifies nobody. */
export const MINIMAL_ALERTMANAGER_CONFIG = `route:\n  receiver: blackhole\n  group_by: [alertname]\nreceivers:\n  - name: blackhole\n`;

export interface AlertmanagerServer {
  readonly url: string;
  readonly pid: number;
  log(): string;
  stop(): Promise<void>;
}

/** An alert as `GET /api/v2/alerts` lists it. */
export interface ListedAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  fingerprint: string;
  startsAt: string;
  endsAt: string;
  generatorURL: string;
  status: { state: string };
}

export async function startAlertmanager(
  binary: string,
  config: string = MINIMAL_ALERTMANAGER_CONFIG,
  readyTimeoutMs = 30_000,
): Promise<AlertmanagerServer> {
  const dir = await mkdtemp(join(tmpdir(), 'mw-alertmanager-'));
  const file = join(dir, 'alertmanager.yml');
  await writeFile(file, config);
  const port = await freePort();
  const child: ChildProcess = spawn(
    binary,
    [
      `--config.file=${file}`,
      `--storage.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--cluster.listen-address=',
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.pid !== undefined) {
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      process.kill(child.pid, 'SIGTERM');
      await exited;
    }
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await pollUntil(
      async () => {
        if (child.exitCode !== null) throw new Error(`alertmanager exited with ${child.exitCode}: ${output}`);
        const ok = await fetch(`${url}/-/ready`).then(
          (r) => r.ok,
          () => false,
        );
        return ok ? true : undefined;
      },
      readyTimeoutMs,
      () => `alertmanager not ready; log:\n${output}`,
    );
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, pid: child.pid as number, log: () => output, stop };
}

/** Alertmanager's current (not resolved) alerts. */
export async function listAlertmanagerAlerts(url: string): Promise<ListedAlert[]> {
  const res = await fetch(`${url}/api/v2/alerts`);
  if (!res.ok) throw new Error(`GET ${url}/api/v2/alerts: HTTP ${res.status}`);
  return (await res.json()) as ListedAlert[];
}
