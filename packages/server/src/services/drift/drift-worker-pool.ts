import { Worker } from 'node:worker_threads';
import type {
  DatasetDriftColumn,
  DatasetDriftOptions,
  DatasetDriftSkippedColumn,
  DriftDataset,
} from '@modelwatch/core/drift';

/** What a worker sends back for one group of columns: datasetDrift's columns, uncorrected. */
export interface DriftWorkerOutcome {
  readonly columns: readonly DatasetDriftColumn[];
  readonly skipped: readonly DatasetDriftSkippedColumn[];
}

/** One group of columns for a worker; typed arrays on SharedArrayBuffers reach it without a copy. */
export interface DriftWorkerTask {
  readonly reference: DriftDataset;
  readonly current: DriftDataset;
  readonly options: DatasetDriftOptions;
}

// The worker imports the core once at start-up (so a pre-spawned worker is ready by the time the
// data are), then tests every group of columns it is sent, one at a time, with the core's
// datasetDriftColumns (the per-column part of datasetDrift; a group whose columns are all skipped
// is not an error), shaped as datasetDrift's uncorrected columns with unit weights.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const core = import(workerData.coreUrl);
core.catch(() => {});
parentPort.on('message', (task) => {
  core.then((c) => {
    try {
      const r = c.datasetDriftColumns(task.reference, task.current, task.options);
      const columns = r.columns.map(({ column, result }) => ({
        column, weight: 1, ...result, correctedDrifted: result.drifted, correctedSeverity: result.severity,
      }));
      parentPort.postMessage({ ok: true, columns, skipped: r.skippedColumns });
    } catch (e) {
      parentPort.postMessage({ ok: false, message: String(e && e.message) });
    }
  }, (e) => parentPort.postMessage({ ok: false, message: String(e && e.message) }));
});
`;

interface Pending {
  readonly resolve: (outcome: DriftWorkerOutcome) => void;
  readonly reject: (error: Error) => void;
}

/** A worker thread of the pool; tasks sent to it run one after the other, answered in order. */
class PooledWorker {
  private readonly worker: Worker;
  private readonly pending: Pending[] = [];
  broken = false;

  constructor(coreUrl: string, onBroken: (w: PooledWorker) => void) {
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { coreUrl } });
    this.worker.on('message', (m: { ok: boolean; message?: string } & DriftWorkerOutcome) => {
      const p = this.pending.shift();
      if (this.pending.length === 0) this.worker.unref();
      if (p === undefined) return;
      if (m.ok) p.resolve({ columns: m.columns, skipped: m.skipped });
      else p.reject(new Error(m.message));
    });
    const fail = (error: Error) => {
      this.broken = true;
      onBroken(this);
      for (const p of this.pending.splice(0)) p.reject(error);
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`drift worker exited with code ${code}`)));
    // Idle workers never keep the process alive; a worker with a task in flight does. (After the
    // listeners: adding a 'message' listener refers the worker again.)
    this.worker.unref();
  }

  run(task: DriftWorkerTask): Promise<DriftWorkerOutcome> {
    if (this.broken) return Promise.reject(new Error('drift worker is gone'));
    return new Promise<DriftWorkerOutcome>((resolve, reject) => {
      this.pending.push({ resolve, reject });
      this.worker.ref();
      this.worker.postMessage(task);
    });
  }

  terminate(): Promise<number> {
    this.broken = true;
    return this.worker.terminate();
  }
}

/**
 * Worker threads for the column tests, spawned once and kept (unreferenced while idle, so they
 * never hold the process open) for every later comparison: start-up — a thread and the import of
 * the core — is paid once, and {@link prewarmDriftWorkers} can pay it while the files are still
 * being read.
 */
export class DriftWorkerPool {
  private readonly workers: PooledWorker[] = [];

  constructor(private readonly coreUrl: string) {}

  /** Spawns workers until the pool holds `count`, and returns the first `count`. */
  take(count: number): readonly PooledWorker[] {
    while (this.workers.length < count) {
      this.workers.push(
        new PooledWorker(this.coreUrl, (w) => {
          const i = this.workers.indexOf(w);
          if (i >= 0) this.workers.splice(i, 1);
        }),
      );
    }
    return this.workers.slice(0, count);
  }

  /**
   * Runs `tasks` on `count` workers, each worker taking the next task when it finishes one. Every
   * worker holds two tasks (one running, one queued), so it goes on working while this thread is
   * busy with something else.
   */
  async runAll(tasks: readonly DriftWorkerTask[], count: number): Promise<DriftWorkerOutcome[]> {
    const workers = this.take(count);
    const outcomes: DriftWorkerOutcome[] = new Array(tasks.length);
    let next = 0;
    await Promise.all(
      [...workers, ...workers].map(async (w) => {
        while (next < tasks.length) {
          const k = next++;
          outcomes[k] = await w.run(tasks[k] as DriftWorkerTask);
        }
      }),
    );
    return outcomes;
  }

  /** Stops every worker. */
  async close(): Promise<void> {
    const all = this.workers.splice(0);
    await Promise.all(all.map((w) => w.terminate()));
  }
}

let shared: DriftWorkerPool | undefined;

/** The process-wide pool (created on first use). */
export function driftWorkerPool(coreUrl: string): DriftWorkerPool {
  if (shared === undefined) shared = new DriftWorkerPool(coreUrl);
  return shared;
}
