import { writeFile } from 'node:fs/promises';
import { Presets, SingleBar } from 'cli-progress';
import { Command, InvalidArgumentError, Option, type OutputConfiguration } from 'commander';
import {
  DRIFT_CORRECTIONS,
  DriftInputError,
  type DriftProgress,
  DriftUsageError,
  driftHtmlReport,
  driftJson,
  driftTextReport,
  profileFile,
  runDrift,
} from '../services/drift/index.js';
import { evalExitCode } from './eval-exit-code.js';

/** What the drift command needs from its surroundings; tests inject their own. */
export interface DriftCommandIo {
  /** Where the progress bar is drawn (default process.stderr); drawn only when it is a TTY. */
  readonly progressStream?: NodeJS.WritableStream & { readonly isTTY?: boolean };
  /** Rows from which a phase gets a progress bar (default 200 000). */
  readonly progressMinRows?: number;
}

interface DriftCliOptions {
  columns?: string[];
  test: string[];
  threshold?: number;
  correction: (typeof DRIFT_CORRECTIONS)[number];
  json?: string;
  html?: string;
  failOnDrift?: boolean;
  progress: boolean;
}

function list(value: string): string[] {
  const items = value.split(',').map((s) => s.trim());
  if (items.some((s) => s === '')) {
    throw new InvalidArgumentError(
      `expected a comma-separated list without empty items (got ${JSON.stringify(value)})`,
    );
  }
  return items;
}

function share(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !(n > 0 && n <= 1)) {
    throw new InvalidArgumentError(`expected a share of columns in (0, 1] (got ${JSON.stringify(value)})`);
  }
  return n;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/**
 * `--test column=test[:threshold]` (repeatable) as per-column tests and thresholds. The column
 * name is everything before the last '=', so names may contain '='.
 * @throws {DriftUsageError} for a malformed entry.
 */
export function parseTests(entries: readonly string[]): {
  tests: Record<string, string>;
  thresholds: Record<string, number>;
} {
  const tests: Record<string, string> = {};
  const thresholds: Record<string, number> = {};
  for (const entry of entries) {
    const eq = entry.lastIndexOf('=');
    const column = entry.slice(0, eq);
    const spec = entry.slice(eq + 1);
    const [test = '', threshold, ...rest] = spec.split(':');
    if (eq <= 0 || test === '' || rest.length > 0) {
      throw new DriftUsageError(`--test expects column=test or column=test:threshold (got ${JSON.stringify(entry)})`);
    }
    tests[column] = test;
    if (threshold !== undefined) {
      const t = Number(threshold);
      if (threshold.trim() === '' || !(t > 0 && Number.isFinite(t))) {
        throw new DriftUsageError(
          `--test ${entry}: the threshold must be a number > 0 (got ${JSON.stringify(threshold)})`,
        );
      }
      thresholds[column] = t;
    }
  }
  return { tests, thresholds };
}

/** A progress bar per long phase (reading or profiling a file), or undefined when not wanted. */
function progressBar(
  stream: NodeJS.WritableStream & { readonly isTTY?: boolean },
  enabled: boolean,
  minRows: number,
): { update(p: DriftProgress): void; stop(): void } | undefined {
  if (!enabled || stream.isTTY !== true) return undefined;
  let bar: SingleBar | undefined;
  let phase = '';
  return {
    update(p) {
      if (p.total < minRows) return;
      if (p.phase !== phase) {
        bar?.stop();
        phase = p.phase;
        bar = new SingleBar(
          {
            stream,
            format: `${phase} |{bar}| {value}/{total} rows | ETA {eta_formatted}`,
            etaBuffer: 20,
            hideCursor: true,
            clearOnComplete: false,
          },
          Presets.shades_classic,
        );
        bar.start(p.total, p.done);
      } else {
        bar?.update(p.done);
      }
    },
    stop() {
      bar?.stop();
      bar = undefined;
    },
  };
}

async function writeOutput(path: string, text: string, flag: string): Promise<void> {
  try {
    await writeFile(path, text, 'utf8');
  } catch (err) {
    throw new DriftInputError(`cannot write ${flag} ${path}: ${(err as Error).message}`);
  }
}

function fail(command: Command, err: unknown): never {
  if (err instanceof DriftUsageError) command.error(err.message, { exitCode: 2, code: 'modelwatch.usage' });
  if (err instanceof DriftInputError) command.error(err.message, { exitCode: 1, code: 'modelwatch.input' });
  throw err;
}

function stderrOf(command: Command): (text: string) => void {
  return (command.configureOutput() as OutputConfiguration).writeErr ?? ((t: string) => process.stderr.write(t));
}

function profileCommand(io: DriftCommandIo): Command {
  const command = new Command('profile');
  command
    .description('stream a data file in chunks into a baseline profile (sketches, a few KB per column)')
    .argument('<file>', 'data file: .csv, .tsv, .parquet, .jsonl, .ndjson or .json')
    .requiredOption('--out <path>', 'where to write the profile (JSON)')
    .option('--columns <columns>', 'columns to profile, comma separated (default: all)', list)
    .option('--no-progress', 'no progress bar on stderr')
    .exitOverride((err) => {
      process.exit(evalExitCode(err));
    })
    .action(async function (this: Command, file: string, opts: { out: string; columns?: string[]; progress: boolean }) {
      const stderr = stderrOf(this);
      const bar = progressBar(io.progressStream ?? process.stderr, opts.progress, io.progressMinRows ?? 200_000);
      try {
        const profile = await profileFile(file, {
          ...(opts.columns === undefined ? {} : { columns: opts.columns }),
          onRows: (done, total) => bar?.update({ phase: 'profiling', done, total }),
        });
        bar?.stop();
        await writeOutput(opts.out, `${JSON.stringify(profile.toState())}\n`, '--out');
        stderr(`wrote ${opts.out} (${profile.rowCount} rows, ${profile.columnNames.length} columns)\n`);
      } catch (err) {
        fail(this, err);
      } finally {
        bar?.stop();
      }
    });
  return command;
}

/**
 * `modelwatch drift <reference> <current>`: per-column drift of a current data set against a
 * reference (CSV, TSV, Parquet or JSON-lines files, or a baseline profile saved by
 * `modelwatch drift profile`), printed as a table, optionally written as JSON and as a
 * self-contained HTML report. Exit codes: 0 ok, 1 bad input or (with --fail-on-drift) dataset
 * drift, 2 usage error.
 */
export function driftCommand(out: (text: string) => void, io: DriftCommandIo = {}): Command {
  const command = new Command('drift');
  command
    .description('compare a current data set with a reference: per-column drift tests, data quality, reports')
    .argument('<reference>', 'reference data file (.csv, .tsv, .parquet, .jsonl, .ndjson, .json) or baseline profile')
    .argument('<current>', 'current data file or baseline profile')
    .option('--columns <columns>', 'columns to compare, comma separated (default: all shared columns)', list)
    .option(
      '--test <column=test[:threshold]>',
      'test of a column, optionally with its threshold (repeatable), e.g. --test age=ks:0.01',
      collect,
      [],
    )
    .option('--threshold <share>', 'dataset drift when the share of drifted columns is >= this (default 0.5)', share)
    .addOption(
      new Option('--correction <method>', 'multiple-testing correction of the p-values')
        .choices(DRIFT_CORRECTIONS)
        .default('none'),
    )
    .option('--json <path>', 'write the full report as JSON ("-": print it instead of the table)')
    .option('--html <path>', 'write a self-contained HTML report')
    .option('--fail-on-drift', 'exit with code 1 when dataset drift is detected (for CI)')
    .option('--no-progress', 'no progress bar on stderr')
    .exitOverride((err) => {
      process.exit(evalExitCode(err));
    })
    .action(async function (this: Command, reference: string, current: string, opts: DriftCliOptions) {
      const stderr = stderrOf(this);
      const bar = progressBar(io.progressStream ?? process.stderr, opts.progress, io.progressMinRows ?? 200_000);
      let drifted = false;
      try {
        const { tests, thresholds } = parseTests(opts.test);
        const report = await runDrift(
          reference,
          current,
          {
            columns: opts.columns,
            tests,
            thresholds,
            shareThreshold: opts.threshold,
            correction: opts.correction,
          },
          bar === undefined ? {} : { onProgress: (p) => bar.update(p) },
        );
        bar?.stop();
        const json = driftJson(report);
        out(opts.json === '-' ? json : driftTextReport(report));
        if (opts.json !== undefined && opts.json !== '-') {
          await writeOutput(opts.json, json, '--json');
          stderr(`wrote ${opts.json}\n`);
        }
        if (opts.html !== undefined) {
          await writeOutput(opts.html, driftHtmlReport(report), '--html');
          stderr(`wrote ${opts.html}\n`);
        }
        drifted = report.datasetDrifted;
      } catch (err) {
        fail(this, err);
      } finally {
        bar?.stop();
      }
      if (drifted && opts.failOnDrift === true) {
        this.error('dataset drift detected (--fail-on-drift)', { exitCode: 1, code: 'modelwatch.drift' });
      }
    });
  command.addCommand(profileCommand(io));
  return command;
}
