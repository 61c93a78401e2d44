import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Presets, SingleBar } from 'cli-progress';
import { Command, InvalidArgumentError } from 'commander';
import { DatasetCatalog } from '../services/datasets/index.js';
import {
  compareRuns,
  comparisonHtmlReport,
  EndpointSchema,
  type EvalRun,
  type PredictionProgress,
  parseSuite,
  RunArchive,
  runEvaluation,
  runHtmlReport,
} from '../services/eval-runs/index.js';
import { recordRunProject } from '../services/eval-runs/project-runs.js';
import { dataDirOf, type RegistryCommandOptions, withRegistry, withRegistryOptions } from './registry-options.js';

/** What the runs command needs from its surroundings; tests inject their own. */
export interface RunsCommandIo {
  /** Where the progress bar of endpoint calls is drawn (default process.stderr), when it is a TTY. */
  readonly progressStream?: NodeJS.WritableStream & { readonly isTTY?: boolean };
  readonly env?: Readonly<Record<string, string | undefined>>;
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new InvalidArgumentError(`expected a positive integer (got ${JSON.stringify(value)})`);
  return n;
}

function progressBar(stream: RunsCommandIo['progressStream']): ((p: PredictionProgress) => void) & { stop(): void } {
  const tty = stream !== undefined && stream.isTTY === true;
  const bar = tty
    ? new SingleBar(
        {
          stream,
          format: '{phase} |{bar}| {value}/{total} | ETA {eta_formatted} | failed {failed}',
          hideCursor: true,
        },
        Presets.shades_classic,
      )
    : undefined;
  let phase: PredictionProgress['phase'] | 'start' = 'start';
  const label = (p: PredictionProgress) => (p.phase === 'judge' ? 'judging outputs' : 'calling the model');
  const update = (p: PredictionProgress) => {
    if (bar === undefined) return;
    if (phase !== p.phase) {
      // A new phase (the judge after the model) restarts the bar with its own total.
      if (phase !== 'start') bar.stop();
      bar.start(p.total, p.done, { failed: p.failed, phase: label(p) });
      phase = p.phase;
    } else bar.update(p.done, { failed: p.failed, phase: label(p) });
  };
  return Object.assign(update, {
    stop: () => {
      if (phase !== 'start') bar?.stop();
    },
  });
}

/** A run summary line per metric. */
export function runSummary(run: EvalRun): string {
  const lines = [
    `run ${run.runId}: ${run.model.name} ${run.model.version} on ${run.dataset.name}@${run.dataset.version} (${run.task})`,
  ];
  for (const [k, v] of Object.entries(run.metrics)) {
    const ci = v.low === undefined ? '' : `  [${(v.low as number).toFixed(4)}, ${(v.high as number).toFixed(4)}]`;
    lines.push(`  ${k.padEnd(28)} ${Number.isInteger(v.value) ? v.value : v.value.toFixed(4)}${ci}`);
  }
  for (const w of run.warnings) lines.push(`  warning: ${w}`);
  return `${lines.join('\n')}\n`;
}

/** `modelwatch runs create | show | compare`: evaluation runs of registered model versions. */
export function runsCommand(out: (text: string) => void, io: RunsCommandIo = {}): Command {
  const runs = new Command('runs').description('evaluation runs: a suite for a model version on a dataset version');

  withRegistryOptions(
    runs
      .command('create')
      .description('evaluate a registered model version on a dataset version with a suite (YAML)')
      .requiredOption('--suite <file>', 'suite YAML (task, label, slices, metrics, model)')
      .requiredOption('--model <name>', 'registered model')
      .requiredOption('--model-version <version>', 'registered version of the model')
      .requiredOption('--dataset <name[@version]>', 'dataset (default version: the latest)')
      .option('--predictions <file>', 'precomputed predictions (overrides the suite)')
      .option('--endpoint <url>', 'model endpoint, generic JSON POST (overrides the suite)')
      .option('--concurrency <n>', 'endpoint calls in flight', positiveInt)
      .option('--run-id <id>', 'run id (default: generated)')
      .option('--html <file>', 'write the self-contained HTML report')
      .option('--json', 'print the run as JSON'),
  ).action(
    async (
      opts: RegistryCommandOptions & {
        suite: string;
        model: string;
        modelVersion: string;
        dataset: string;
        predictions?: string;
        endpoint?: string;
        concurrency?: number;
        runId?: string;
        html?: string;
        json?: boolean;
      },
    ) => {
      const suite = parseSuite(readFileSync(opts.suite, 'utf8'), opts.suite);
      const dataDir = dataDirOf(opts);
      const via = await withRegistry(opts, async ({ registry, via }) => {
        await registry.getVersion(opts.model, opts.modelVersion);
        return via.kind;
      });
      const catalog = new DatasetCatalog(dataDir);
      const dataset = catalog.resolve(opts.dataset);
      const endpoint =
        opts.endpoint === undefined
          ? undefined
          : EndpointSchema.parse({
              ...(suite.model.endpoint ?? {}),
              url: opts.endpoint,
              ...(opts.concurrency === undefined ? {} : { concurrency: opts.concurrency }),
            });
      const bar = progressBar(io.progressStream ?? process.stderr);
      let result: Awaited<ReturnType<typeof runEvaluation>>;
      try {
        result = await runEvaluation({
          suite,
          dataset,
          rows: catalog.rows(dataset),
          model: { name: opts.model, version: opts.modelVersion },
          ...(opts.predictions === undefined ? {} : { predictions: opts.predictions }),
          ...(endpoint === undefined ? {} : { endpoint }),
          env: io.env ?? process.env,
          onProgress: bar,
          judgeCacheDir: join(dataDir, 'judge-cache'),
          ...(opts.runId === undefined ? {} : { runId: opts.runId }),
        });
      } finally {
        bar.stop();
      }
      const archive = new RunArchive(dataDir);
      const dir = archive.save(result.run, result.examples);
      // The run is the registry's project's (GET /v1/eval-runs); through a server the key's project
      // is not known here, and a gate result attached with that key claims the run instead.
      if (via === 'store') recordRunProject(dataDir, result.run.runId, opts.project);
      const html = runHtmlReport(result.run, result.examples);
      writeFileSync(join(dir, 'report.html'), html, 'utf8');
      if (opts.html !== undefined) writeFileSync(opts.html, html, 'utf8');
      out(opts.json ? `${JSON.stringify(result.run, null, 2)}\n` : `${runSummary(result.run)}saved in ${dir}\n`);
    },
  );

  withRegistryOptions(
    runs
      .command('list')
      .description('list evaluation runs')
      .option('--model <name>', 'runs of one model')
      .option('--json', 'print JSON'),
  ).action((opts: RegistryCommandOptions & { model?: string; json?: boolean }) => {
    const list = new RunArchive(dataDirOf(opts)).list(opts.model === undefined ? {} : { model: opts.model });
    out(
      opts.json
        ? `${JSON.stringify(list, null, 2)}\n`
        : list
            .map(
              (r) =>
                `${r.runId}  ${r.model.name} ${r.model.version}  ${r.dataset.name}@${r.dataset.version}  ${new Date(r.createdAt).toISOString()}\n`,
            )
            .join(''),
    );
  });

  withRegistryOptions(
    runs
      .command('compare')
      .description(
        'compare a candidate run with a baseline run: deltas with paired bootstrap intervals, slices, regressions',
      )
      .argument('<baseline>', 'baseline run id')
      .argument('<candidate>', 'candidate run id')
      .option('--metric <name>', 'metric of the per-slice table (default accuracy, mae or rouge_l by task)')
      .option(
        '--judge-drop <points>',
        'generation: an example regresses when a judge score drops by at least this (default 2)',
        positiveInt,
      )
      .option('--html <file>', 'write the self-contained HTML comparison')
      .option('--json', 'print JSON'),
  ).action(
    (
      baseline: string,
      candidate: string,
      opts: RegistryCommandOptions & { metric?: string; judgeDrop?: number; html?: string; json?: boolean },
    ) => {
      const archive = new RunArchive(dataDirOf(opts));
      const b = archive.get(baseline);
      const c = archive.get(candidate);
      const cmp = compareRuns(b, archive.examples(baseline), c, archive.examples(candidate), {
        resamples: 1000,
        confidenceLevel: c.confidenceLevel,
        seed: 0,
        ...(opts.judgeDrop === undefined ? {} : { judgeDrop: opts.judgeDrop }),
      });
      const metric =
        opts.metric ?? (c.task === 'classification' ? 'accuracy' : c.task === 'regression' ? 'mae' : 'rouge_l');
      if (opts.html !== undefined) writeFileSync(opts.html, comparisonHtmlReport(cmp, metric), 'utf8');
      if (opts.json) {
        out(`${JSON.stringify(cmp, null, 2)}\n`);
        return;
      }
      const lines = [`${c.model.version} vs ${b.model.version} on ${cmp.paired} paired examples`];
      for (const m of cmp.metrics) {
        const ci = m.low === undefined ? '' : ` [${(m.low as number).toFixed(4)}, ${(m.high as number).toFixed(4)}]`;
        lines.push(
          `  ${m.metric.padEnd(20)} ${m.baseline.toFixed(4)} → ${m.candidate.toFixed(4)}  Δ ${m.delta >= 0 ? '+' : ''}${m.delta.toFixed(4)}${ci}`,
        );
      }
      lines.push(`  ${cmp.regressions.length} example regressions, ${cmp.improvements} improvements`);
      for (const r of cmp.regressions.slice(0, 20)) {
        if (r.reasons !== undefined) lines.push(`    ${r.id}: ${r.reasons.join('; ')}`);
      }
      out(`${lines.join('\n')}\n`);
    },
  );

  return runs;
}
