import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EvalRun, RunExample } from './eval-run.js';
import { EvalRunError } from './eval-run-error.js';

/** Where runs are kept under the data directory. */
export const RUNS_DIR = 'runs';

function isRun(value: unknown): value is EvalRun {
  const v = value as Partial<EvalRun> | null;
  return (
    v !== null &&
    typeof v === 'object' &&
    typeof v.runId === 'string' &&
    typeof v.task === 'string' &&
    typeof v.model?.name === 'string' &&
    typeof v.model.version === 'string' &&
    typeof v.dataset?.version === 'string' &&
    v.metrics !== null &&
    typeof v.metrics === 'object'
  );
}

/**
 * Persisted evaluation runs: `<dataDir>/runs/<runId>/run.json` (metrics, slices, calibration, …)
 * and `examples.jsonl` (one line per example: label, prediction, score, latency, error). Runs are
 * immutable files, like dataset versions, written under a temporary name and renamed into place.
 */
export class RunArchive {
  readonly root: string;

  constructor(dataDir: string) {
    this.root = join(dataDir, RUNS_DIR);
  }

  save(run: EvalRun, examples: readonly RunExample[]): string {
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(run.runId)) {
      throw new EvalRunError(
        'invalid',
        `runId: expected letters, digits and . _ - (got ${JSON.stringify(run.runId)})`,
        'runId',
      );
    }
    const dir = join(this.root, run.runId);
    const tmp = `${dir}.tmp-${process.pid}`;
    mkdirSync(tmp, { recursive: true });
    writeFileSync(join(tmp, 'run.json'), `${JSON.stringify(run, null, 2)}\n`, 'utf8');
    writeFileSync(join(tmp, 'examples.jsonl'), examples.map((e) => `${JSON.stringify(e)}\n`).join(''), 'utf8');
    renameSync(tmp, dir);
    return dir;
  }

  /** @throws {EvalRunError} `not_found`. */
  get(runId: string): EvalRun {
    const path = join(this.root, runId, 'run.json');
    if (runId.includes('/') || runId.includes('..') || !existsSync(path)) {
      throw new EvalRunError('not_found', `run: no run ${JSON.stringify(runId)} in ${this.root}`, 'run');
    }
    const run: unknown = JSON.parse(readFileSync(path, 'utf8'));
    if (!isRun(run)) throw new EvalRunError('invalid', `run: ${path} is not an evaluation run`, 'run');
    return run;
  }

  examples(runId: string): RunExample[] {
    this.get(runId);
    const text = readFileSync(join(this.root, runId, 'examples.jsonl'), 'utf8');
    return text === ''
      ? []
      : text
          .trimEnd()
          .split('\n')
          .map((l) => JSON.parse(l) as RunExample);
  }

  /** Every run, oldest first (optionally of one model, version and dataset version). */
  list(filter: { model?: string; version?: string; datasetVersion?: string } = {}): EvalRun[] {
    if (!existsSync(this.root)) return [];
    return readdirSync(this.root)
      .filter((d) => !d.includes('.tmp-') && existsSync(join(this.root, d, 'run.json')))
      .map((d) => this.get(d))
      .filter(
        (r) =>
          (filter.model === undefined || r.model.name === filter.model) &&
          (filter.version === undefined || r.model.version === filter.version) &&
          (filter.datasetVersion === undefined || r.dataset.version === filter.datasetVersion),
      )
      .sort((a, b) => a.createdAt - b.createdAt || (a.runId < b.runId ? -1 : 1));
  }
}
