import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { grafanaDashboard, prometheusRulesYaml } from '../services/exports/index.js';
import { exportCommand, sloOption } from './export-command.js';

async function run(args: string[]): Promise<string> {
  let out = '';
  const command = exportCommand((t) => {
    out += t;
  });
  for (const c of [command, ...command.commands]) {
    c.exitOverride();
    c.configureOutput({ writeOut: (t) => (out += t), writeErr: (t) => (out += t) });
  }
  await command.parseAsync(['node', 'export', ...args]);
  return out;
}

describe('modelwatch export', () => {
  it('prints the Prometheus rules for the options given', async () => {
    const yaml = await run([
      'prometheus-rules',
      '--slo',
      'availability=0.99',
      '--slo',
      'latency=0.95',
      '--latency-threshold-ms',
      '500',
      '--for-scale',
      '0.5',
      '--runbook-url',
      'https://example.org/runbooks.md',
    ]);
    expect(yaml).toBe(
      prometheusRulesYaml({
        slo: { availability: 0.99, latency: 0.95 },
        latencyThresholdMs: 500,
        forScale: 0.5,
        runbookUrl: 'https://example.org/runbooks.md',
      }),
    );
    expect(yaml).toContain('(14.4 * (1 - 0.99))');
  });

  it('writes --out files: the default rules and the dashboard', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mw-export-'));
    try {
      expect(await run(['prometheus-rules', '--out', join(dir, 'rules.yaml')])).toBe('');
      expect(await readFile(join(dir, 'rules.yaml'), 'utf8')).toBe(prometheusRulesYaml());
      await run(['grafana-dashboard', '--out', join(dir, 'dashboard.json'), '--slo', 'availability=0.995']);
      const dashboard = JSON.parse(await readFile(join(dir, 'dashboard.json'), 'utf8'));
      expect(dashboard).toEqual(JSON.parse(JSON.stringify(grafanaDashboard({ slo: { availability: 0.995 } }))));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses a bad --slo or threshold, naming what it expected and what it got', async () => {
    expect(() => sloOption('avail=0.9')).toThrow(/one of availability, latency \(got "avail=0\.9"\)/);
    expect(() => sloOption('latency=1.2')).toThrow(/objective in \(0, 1\) for latency \(got "1\.2"\)/);
    expect(sloOption('latency=0.9', { availability: 0.99 })).toEqual({ availability: 0.99, latency: 0.9 });
    await expect(run(['prometheus-rules', '--slo', 'availability=2'])).rejects.toThrow(/got "2"/);
    await expect(run(['prometheus-rules', '--latency-threshold-ms', '300'])).rejects.toThrow(
      /latencyThresholdMs: expected a bucket bound .*\(got 300\)/,
    );
  });
});
