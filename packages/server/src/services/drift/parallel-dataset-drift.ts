import { availableParallelism } from 'node:os';
import {
  COLUMN_DRIFT_TESTS,
  type DatasetDriftColumn,
  type DatasetDriftOptions,
  type DatasetDriftResult,
  type DatasetDriftSkippedColumn,
  type DriftDataset,
  datasetDrift,
  datasetDriftColumns,
} from '@modelwatch/core/drift';
import { adjustPValues } from '@modelwatch/core/stats';
import { type DriftWorkerTask, driftWorkerPool } from './drift-worker-pool.js';

/** Values (reference + current, all columns) below which the columns are tested in this thread. */
export const PARALLEL_MIN_VALUES = 4_000_000;

export interface ParallelDriftSettings {
  /** Worker threads (default: the available parallelism, at most 4); 1 runs in this thread. */
  readonly workers?: number;
  /** See {@link PARALLEL_MIN_VALUES}. */
  readonly minValues?: number;
  /** Told whether the columns ran in worker threads or in this thread (for tests and benchmarks). */
  readonly onMode?: (mode: 'workers' | 'thread') => void;
}

function coreUrl(): string | undefined {
  try {
    return import.meta.resolve('@modelwatch/core/drift');
  } catch {
    return undefined;
  }
}

function shared(values: DriftDataset[string]): DriftDataset[string] {
  if (!ArrayBuffer.isView(values) || values.buffer instanceof SharedArrayBuffer) return values;
  if (values instanceof Float32Array) {
    const out = new Float32Array(new SharedArrayBuffer(values.byteLength));
    out.set(values);
    return out;
  }
  if (values instanceof Float64Array) {
    const out = new Float64Array(new SharedArrayBuffer(values.byteLength));
    out.set(values);
    return out;
  }
  return Float64Array.from(values as ArrayLike<number>);
}

/**
 * Combines per-column results of column groups into the data set result exactly as the core's
 * datasetDrift does for unit weights: columns and skipped columns back in `names` order, the
 * p-values of the p-value tests corrected together, each corrected decision by its test's rule.
 */
export function combinedDatasetDrift(
  names: readonly string[],
  columns: readonly DatasetDriftColumn[],
  skipped: readonly DatasetDriftSkippedColumn[],
  options: DatasetDriftOptions,
): DatasetDriftResult {
  const order = new Map(names.map((n, i) => [n, i]));
  const byOrder = <T extends { column: string }>(a: T, b: T) =>
    (order.get(a.column) as number) - (order.get(b.column) as number);
  const tested = [...columns].sort(byOrder);
  const correction = options.correction ?? 'none';
  const shareThreshold = options.shareThreshold ?? 0.5;
  const corrected = new Map<number, number>();
  if (correction !== 'none') {
    const idx: number[] = [];
    const ps: number[] = [];
    tested.forEach((c, i) => {
      if (c.pValue !== undefined && !Number.isNaN(c.pValue)) {
        idx.push(i);
        ps.push(c.pValue);
      }
    });
    if (ps.length > 0) {
      const adj = adjustPValues(ps, { method: correction });
      idx.forEach((i, k) => {
        corrected.set(i, adj.pValuesCorrected[k] as number);
      });
    }
  }
  let drifted = 0;
  const out: DatasetDriftColumn[] = tested.map((c, i) => {
    const { correctedPValue: _p, correctedDrifted: _d, correctedSeverity: _s, ...result } = c;
    const p = corrected.get(i);
    let correctedDrifted = result.drifted;
    if (p !== undefined) {
      correctedDrifted =
        COLUMN_DRIFT_TESTS[result.test].rule === 'p <= threshold' ? p <= result.threshold : p < result.threshold;
    }
    if (correctedDrifted) drifted++;
    return {
      ...result,
      ...(p === undefined ? {} : { correctedPValue: p }),
      correctedDrifted,
      correctedSeverity: correctedDrifted ? result.severity : 'none',
    };
  });
  const share = drifted / out.length;
  return {
    columns: out,
    skippedColumns: [...skipped].sort(byOrder),
    numberOfColumns: out.length,
    numberOfDriftedColumns: drifted,
    shareOfDriftedColumns: share,
    shareThreshold,
    datasetDrifted: share >= shareThreshold,
    correction,
    anyColumnDrifted: drifted > 0,
  };
}

/** Column groups per worker: small enough that a worker slowed by other load takes fewer of them. */
const GROUPS_PER_WORKER = 4;

function workerCount(settings: ParallelDriftSettings, columns: number): number {
  return Math.min(settings.workers ?? Math.min(availableParallelism(), 4), columns);
}

/**
 * Starts the worker threads of {@link parallelDatasetDrift} (thread start-up and the import of the
 * core) without waiting for them, so that cost overlaps with reading the data. A no-op for one
 * worker or when the core cannot be located.
 */
export function prewarmDriftWorkers(settings: ParallelDriftSettings = {}, columns = Number.POSITIVE_INFINITY): void {
  const workers = workerCount(settings, columns);
  const url = coreUrl();
  if (workers > 1 && url !== undefined) driftWorkerPool(url).take(workers);
}

/** Column groups of a part of the data, as tasks for the worker pool (uncorrected). */
function columnTasks(
  reference: DriftDataset,
  current: DriftDataset,
  names: readonly string[],
  options: Omit<DatasetDriftOptions, 'weights'>,
  workers: number,
): DriftWorkerTask[] {
  const groupSize = Math.max(1, Math.ceil(names.length / (workers * GROUPS_PER_WORKER)));
  const tasks: DriftWorkerTask[] = [];
  for (let start = 0; start < names.length; start += groupSize) {
    const group = names.slice(start, start + groupSize);
    const ref: Record<string, DriftDataset[string]> = {};
    const cur: Record<string, DriftDataset[string]> = {};
    for (const n of group) {
      if (reference[n] !== undefined) ref[n] = shared(reference[n]);
      if (current[n] !== undefined) cur[n] = shared(current[n]);
    }
    // A group lists its columns only when the caller did: listed datetime columns are tested,
    // unlisted ones skipped (the core's rule), so an unlisted group is the group's own data set.
    tasks.push({
      reference: ref,
      current: cur,
      options: { ...options, ...(options.columns === undefined ? {} : { columns: group }), correction: 'none' },
    });
  }
  return tasks;
}

/** The tested and skipped columns of a part of the data set, uncorrected (see below). */
export interface DriftColumnsPart {
  readonly columns: readonly DatasetDriftColumn[];
  readonly skipped: readonly DatasetDriftSkippedColumn[];
}

/**
 * The per-column part of {@link parallelDatasetDrift} for `names` (a part of the data set; with
 * `options.columns` set, `names` count as listed — datetime columns tested — else as unlisted):
 * every column tested as datasetDrift tests it, uncorrected, without failing when no column can
 * be tested — so a data set read in parts can be tested part by part while the next part is read,
 * and the parts combined with {@link combinedDatasetDrift}. Worker threads for large parts (as
 * parallelDatasetDrift); in this thread otherwise, or when a worker fails (then errors are the core's).
 */
export async function parallelDatasetDriftColumns(
  reference: DriftDataset,
  current: DriftDataset,
  names: readonly string[],
  options: Omit<DatasetDriftOptions, 'weights'> = {},
  settings: ParallelDriftSettings = {},
): Promise<DriftColumnsPart> {
  let values = 0;
  for (const n of names) values += (reference[n]?.length ?? 0) + (current[n]?.length ?? 0);
  const workers = workerCount(settings, names.length);
  const url = coreUrl();
  if (workers > 1 && values >= (settings.minValues ?? PARALLEL_MIN_VALUES) && url !== undefined) {
    try {
      const outcomes = await driftWorkerPool(url).runAll(
        columnTasks(reference, current, names, options, workers),
        workers,
      );
      settings.onMode?.('workers');
      return { columns: outcomes.flatMap((o) => o.columns), skipped: outcomes.flatMap((o) => o.skipped) };
    } catch {
      // Rerun in this thread below, so errors are the core's.
    }
  }
  settings.onMode?.('thread');
  const part = (data: DriftDataset): DriftDataset =>
    Object.fromEntries(names.filter((n) => data[n] !== undefined).map((n) => [n, data[n] as DriftDataset[string]]));
  const r = datasetDriftColumns(part(reference), part(current), {
    ...options,
    ...(options.columns === undefined ? {} : { columns: names }),
    correction: 'none',
  });
  return {
    columns: r.columns.map(({ column, result }) => ({
      column,
      weight: 1,
      ...result,
      correctedDrifted: result.drifted,
      correctedSeverity: result.severity,
    })),
    skipped: r.skippedColumns,
  };
}

/**
 * The core's datasetDrift with the columns split over worker threads: the columns go out in small
 * groups (about four per worker, in column order) to a pool of workers kept for the life of the
 * process (see `DriftWorkerPool`), each group tested by datasetDrift in a worker with the data
 * shared through SharedArrayBuffers, each worker taking the next group when it finishes one; the
 * groups' columns are then combined with {@link combinedDatasetDrift}. Same result as
 * `datasetDrift(reference, current, options)`; used when the data are large (≥ `minValues`
 * values) and more than one CPU is available. Weights are not supported here (unit weights). Any
 * failure in a worker — including the core's own errors for bad options — and data with no
 * testable column rerun everything in this thread, so errors are the core's.
 */
export async function parallelDatasetDrift(
  reference: DriftDataset,
  current: DriftDataset,
  options: Omit<DatasetDriftOptions, 'weights'> = {},
  settings: ParallelDriftSettings = {},
): Promise<DatasetDriftResult> {
  const names = options.columns ?? Object.keys(reference);
  let values = 0;
  for (const n of names) values += (reference[n]?.length ?? 0) + (current[n]?.length ?? 0);
  const workers = workerCount(settings, names.length);
  const url = coreUrl();
  if (workers <= 1 || values < (settings.minValues ?? PARALLEL_MIN_VALUES) || url === undefined) {
    settings.onMode?.('thread');
    return datasetDrift(reference, current, options);
  }
  const tasks = columnTasks(reference, current, names, options, workers);
  try {
    const outcomes = await driftWorkerPool(url).runAll(tasks, workers);
    const columns = outcomes.flatMap((o) => o.columns);
    if (columns.length === 0) throw new Error('no column tested');
    settings.onMode?.('workers');
    return combinedDatasetDrift(
      names,
      columns,
      outcomes.flatMap((o) => o.skipped),
      options,
    );
  } catch {
    settings.onMode?.('thread');
    return datasetDrift(reference, current, options);
  }
}
