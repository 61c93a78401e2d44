import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.js';

/** A Prometheus server started for a test; `stop()` ends it by PID and removes its files. */
export interface PrometheusServer {
  /** Base URL of its HTTP API, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  readonly pid: number;
  /** Everything it logged so far (for failure messages). */
  log(): string;
  stop(): Promise<void>;
}

/** One scrape job of the test configuration. */
export interface ScrapeJob {
  readonly jobName: string;
  /** `host:port` targets. */
  readonly targets: readonly string[];
  readonly metricsPath?: string;
  /** Sent as `Authorization: Bearer <token>` (from a credentials file, so it never appears in argv). */
  readonly bearerToken?: string;
  /** Default `1s`, so a test sees samples quickly. */
  readonly scrapeInterval?: string;
}

/**
 * Calls `probe` until it returns a value other than undefined, at most until `timeoutMs` has
 * passed (then throws, with `describe()` in the message). The pause between probes only spaces
 * them out; no result depends on it.
 */
export async function pollUntil<T>(
  probe: () => Promise<T | undefined>,
  timeoutMs: number,
  describe: () => string,
  intervalMs = 200,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`pollUntil: gave up after ${timeoutMs} ms: ${describe()}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/**
 * Starts `binary` (Debian's `prometheus`) on a free 127.0.0.1 port with `jobs` (and the rule files
 * `ruleFiles`, evaluated every second), and waits until it is ready.
 */
export async function startPrometheus(
  binary: string,
  jobs: readonly ScrapeJob[],
  readyTimeoutMs = 30_000,
  ruleFiles: readonly string[] = [],
): Promise<PrometheusServer> {
  const dir = await mkdtemp(join(tmpdir(), 'mw-prometheus-'));
  const lines = ['global:', '  scrape_interval: 1s', '  evaluation_interval: 1s'];
  if (ruleFiles.length > 0) lines.push(`rule_files: ${JSON.stringify(ruleFiles)}`);
  lines.push('scrape_configs:');
  for (const [i, job] of jobs.entries()) {
    lines.push(`  - job_name: ${JSON.stringify(job.jobName)}`);
    lines.push(`    scrape_interval: ${JSON.stringify(job.scrapeInterval ?? '1s')}`);
    lines.push(`    metrics_path: ${JSON.stringify(job.metricsPath ?? '/metrics')}`);
    if (job.bearerToken !== undefined) {
      const file = join(dir, `token-${i}`);
      await writeFile(file, job.bearerToken, { mode: 0o600 });
      lines.push('    authorization:', '      type: Bearer', `      credentials_file: ${JSON.stringify(file)}`);
    }
    lines.push('    static_configs:', `      - targets: ${JSON.stringify(job.targets)}`);
  }
  const config = join(dir, 'prometheus.yml');
  await writeFile(config, `${lines.join('\n')}\n`);
  const port = await freePort();
  const child: ChildProcess = spawn(
    binary,
    [
      `--config.file=${config}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let log = '';
  child.stdout?.on('data', (d: Buffer) => {
    log += d.toString('utf8');
  });
  child.stderr?.on('data', (d: Buffer) => {
    log += d.toString('utf8');
  });
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      resolve();
    }),
  );
  const pid = child.pid;
  if (pid === undefined) throw new Error(`startPrometheus: could not start ${binary}`);
  const url = `http://127.0.0.1:${port}`;
  const stop = async (): Promise<void> => {
    if (!exited) {
      process.kill(pid, 'SIGTERM');
      const timer = setTimeout(() => {
        if (!exited) process.kill(pid, 'SIGKILL');
      }, 10_000);
      await exit;
      clearTimeout(timer);
    }
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await pollUntil(
      async () => {
        if (exited) throw new Error(`prometheus exited during start-up:\n${log}`);
        try {
          return (await fetch(`${url}/-/ready`)).ok ? true : undefined;
        } catch {
          return undefined;
        }
      },
      readyTimeoutMs,
      () => `prometheus at ${url} not ready; log:\n${log}`,
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, pid, log: () => log, stop };
}
