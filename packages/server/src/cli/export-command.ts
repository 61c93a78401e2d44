import { writeFile } from 'node:fs/promises';
import { Command, InvalidArgumentError } from 'commander';
import {
  DEFAULT_SLO_OBJECTIVES,
  grafanaDashboard,
  prometheusRulesYaml,
  type SloObjectives,
} from '../services/exports/index.js';

const SLO_NAMES = Object.keys(DEFAULT_SLO_OBJECTIVES) as (keyof SloObjectives)[];

/** `--slo name=objective` (repeatable) collected into SLO objectives. */
export function sloOption(value: string, previous: Partial<SloObjectives> = {}): Partial<SloObjectives> {
  const eq = value.indexOf('=');
  const name = value.slice(0, eq);
  const raw = value.slice(eq + 1);
  if (eq <= 0 || !(SLO_NAMES as string[]).includes(name)) {
    throw new InvalidArgumentError(
      `expected <slo>=<objective> with <slo> one of ${SLO_NAMES.join(', ')} (got ${JSON.stringify(value)})`,
    );
  }
  const objective = Number(raw);
  if (raw.trim() === '' || !(objective > 0 && objective < 1)) {
    throw new InvalidArgumentError(`expected an objective in (0, 1) for ${name} (got ${JSON.stringify(raw)})`);
  }
  return { ...previous, [name]: objective };
}

function positiveNumber(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !(Number.isFinite(n) && n > 0)) {
    throw new InvalidArgumentError(`expected a number > 0 (got ${JSON.stringify(value)})`);
  }
  return n;
}

async function emit(out: (text: string) => void, text: string, file: string | undefined): Promise<void> {
  if (file === undefined) out(text);
  else await writeFile(file, text, 'utf8');
}

interface RulesCliOptions {
  out?: string;
  slo?: Partial<SloObjectives>;
  latencyThresholdMs?: number;
  forScale?: number;
  runbookUrl?: string;
  ingestQueueSize?: number;
  evaluatorIntervalSeconds?: number;
}

/**
 * `modelwatch export prometheus-rules|grafana-dashboard`: Prometheus rules equivalent to
 * modelwatch's own alerts (docs/runbooks.md) and a Grafana dashboard, over its `/metrics`.
 */
export function exportCommand(out: (text: string) => void): Command {
  const command = new Command('export').description(
    'export Prometheus rules or a Grafana dashboard over modelwatch /metrics',
  );
  command
    .command('prometheus-rules')
    .description('recording and alerting rules (seed alerts, burn rates, health) for Prometheus')
    .option('--out <file>', 'write the YAML here instead of stdout')
    .option('--slo <name=objective>', `SLO objective, repeatable (${SLO_NAMES.join(', ')})`, sloOption)
    .option('--latency-threshold-ms <ms>', 'latency threshold, a histogram bucket bound (default 5000)', positiveNumber)
    .option('--for-scale <factor>', 'multiply every `for` duration (tests)', positiveNumber)
    .option('--runbook-url <url>', 'address of docs/runbooks.md in alert annotations')
    .option('--ingest-queue-size <records>', 'the server’s ingest.queueSize (default 50000)', positiveNumber)
    .option('--evaluator-interval-seconds <s>', 'the server’s evaluator.intervalSeconds (default 60)', positiveNumber)
    .action(async (opts: RulesCliOptions) => {
      const yaml = prometheusRulesYaml({
        ...(opts.slo === undefined ? {} : { slo: opts.slo }),
        ...(opts.latencyThresholdMs === undefined ? {} : { latencyThresholdMs: opts.latencyThresholdMs }),
        ...(opts.forScale === undefined ? {} : { forScale: opts.forScale }),
        ...(opts.runbookUrl === undefined ? {} : { runbookUrl: opts.runbookUrl }),
        ...(opts.ingestQueueSize === undefined ? {} : { ingestQueueSize: opts.ingestQueueSize }),
        ...(opts.evaluatorIntervalSeconds === undefined
          ? {}
          : { evaluatorIntervalSeconds: opts.evaluatorIntervalSeconds }),
      });
      await emit(out, yaml, opts.out);
    });
  command
    .command('grafana-dashboard')
    .description('a Grafana dashboard (executive, on-call and debug rows)')
    .option('--out <file>', 'write the JSON here instead of stdout')
    .option('--slo <name=objective>', `SLO objective, repeatable (${SLO_NAMES.join(', ')})`, sloOption)
    .option(
      '--latency-threshold-ms <ms>',
      'latency SLO threshold, a histogram bucket bound (default 5000)',
      positiveNumber,
    )
    .action(async (opts: Pick<RulesCliOptions, 'out' | 'slo' | 'latencyThresholdMs'>) => {
      const dashboard = grafanaDashboard({
        ...(opts.slo === undefined ? {} : { slo: opts.slo }),
        ...(opts.latencyThresholdMs === undefined ? {} : { latencyThresholdMs: opts.latencyThresholdMs }),
      });
      await emit(out, `${JSON.stringify(dashboard, null, 2)}\n`, opts.out);
    });
  return command;
}
