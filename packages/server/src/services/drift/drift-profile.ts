import { open, readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import {
  type ColumnProfileOptions,
  columnDriftSeverity,
  type DatasetDriftCorrection,
  DatasetProfile,
  DatasetProfileBuilder,
  type DatasetProfileState,
  type ProfileColumnDriftResult,
  type ProfileDriftMethod,
  profileColumnDrift,
} from '@modelwatch/core/drift';
import { CoreError } from '@modelwatch/core/errors';
import { adjustPValues } from '@modelwatch/core/stats';
import { streamColumnarChunks } from '../../storage/duckdb/read-columnar-table.js';
import { TableFileError } from '../../storage/duckdb/read-table-file.js';
import { profileDistribution } from './column-distributions.js';
import { DriftInputError, DriftUsageError } from './drift-error.js';
import type { ColumnDistribution, DriftColumnRow } from './drift-report.js';

/** The tests computable from two profiles (sketches), as `--test column=<test>` names them. */
export const PROFILE_DRIFT_TESTS: readonly ProfileDriftMethod[] = [
  'ks',
  'wasserstein',
  'psi',
  'jensenshannon',
  'chisquare',
];

/** Rows per chunk folded into a profile: bounds the memory of profiling a file of any size. */
export const PROFILE_CHUNK_ROWS = 16_384;

/** DuckDB threads of the streamed scan of a profiled file. */
export const PROFILE_DUCKDB_THREADS = 1;

/** True when `path` is a saved baseline profile (JSON written by `modelwatch drift profile`). */
export async function isProfileFile(path: string): Promise<boolean> {
  if (extname(path).toLowerCase() !== '.json') return false;
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(path, 'r');
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(512), 0, 512, 0);
    return /"type"\s*:\s*"dataset_profile"/.test(buffer.subarray(0, bytesRead).toString('utf8'));
  } catch {
    return false;
  } finally {
    await handle?.close();
  }
}

/**
 * Loads a saved baseline profile.
 * @throws {DriftInputError} naming the file and the bad field.
 */
export async function loadProfile(path: string): Promise<DatasetProfile> {
  let state: unknown;
  try {
    state = JSON.parse(await readFile(path, 'utf8'));
  } catch (err) {
    throw new DriftInputError(`cannot read the profile ${path}: ${(err as Error).message}`);
  }
  try {
    return DatasetProfile.fromState(state as DatasetProfileState);
  } catch (err) {
    if (err instanceof CoreError) throw new DriftInputError(`${path}: not a valid profile: ${err.message}`);
    throw err;
  }
}

export interface ProfileFileOptions {
  readonly columns?: readonly string[];
  /** Sketch sizes (default: the core's, whylogs' defaults). */
  readonly sketch?: ColumnProfileOptions;
  readonly chunkRows?: number;
  readonly onRows?: (done: number, total: number) => void;
  /** Creation time written into the profile (default now). */
  readonly createdAt?: number;
}

/**
 * Profiles a CSV, Parquet or JSON-lines file: streamed from DuckDB in chunks of
 * {@link PROFILE_CHUNK_ROWS} rows, each folded into a DatasetProfileBuilder and dropped, so memory
 * stays bounded whatever the file's size.
 * @throws {DriftInputError} for unreadable files and missing columns.
 */
export async function profileFile(path: string, options: ProfileFileOptions = {}): Promise<DatasetProfile> {
  const builder = new DatasetProfileBuilder(options.sketch ?? {});
  try {
    await streamColumnarChunks(path, (chunk) => builder.addChunk(chunk), {
      chunkRows: options.chunkRows ?? PROFILE_CHUNK_ROWS,
      // One DuckDB thread: the profile is folded in this thread anyway, and every scan thread
      // would hold its own row-group buffers (the baseline profile has a memory target).
      threads: PROFILE_DUCKDB_THREADS,
      ...(options.columns === undefined ? {} : { columns: options.columns }),
      ...(options.onRows === undefined ? {} : { onRows: options.onRows }),
    });
  } catch (err) {
    if (err instanceof TableFileError) throw new DriftInputError(err.message);
    throw err;
  }
  if (builder.rowCount === 0) throw new DriftInputError(`${path}: the file holds no rows`);
  return builder.build({ createdAt: options.createdAt ?? Date.now(), tags: { source: basename(path) } });
}

export interface ProfileDriftSettings {
  readonly columns?: readonly string[];
  readonly tests: Readonly<Record<string, string>>;
  readonly thresholds: Readonly<Record<string, number>>;
  readonly correction: DatasetDriftCorrection;
}

/** Total variation distance of two count vectors' shares. */
function tvd(a: readonly number[], b: readonly number[]): number {
  const na = a.reduce((s, v) => s + v, 0);
  const nb = b.reduce((s, v) => s + v, 0);
  let s = 0;
  for (let i = 0; i < a.length; i++) s += Math.abs((a[i] as number) / na - (b[i] as number) / nb);
  return Math.min(1, s / 2);
}

function rowOf(r: ProfileColumnDriftResult, defaultTest: boolean, refRows: number, curRows: number): DriftColumnRow {
  const isTest = r.method === 'ks' || r.method === 'chisquare';
  const statistic =
    r.method === 'ks' && r.columnType === 'numerical'
      ? r.ks.statistic
      : r.method === 'chisquare'
        ? r.chiSquare.statistic
        : r.statistic;
  const effectSize =
    r.method === 'ks' && r.columnType === 'numerical'
      ? r.ks.statistic
      : isTest
        ? tvd(r.bins.referenceCounts, r.bins.currentCounts)
        : r.statistic;
  return {
    column: r.column,
    type: r.columnType,
    test: r.method,
    testKind: isTest ? 'p_value' : 'distance',
    defaultTest,
    statistic,
    ...(isTest ? { pValue: r.statistic } : { distance: r.statistic }),
    threshold: r.threshold,
    drifted: r.drifted,
    severity: columnDriftSeverity({
      testKind: isTest ? 'p_value' : 'distance',
      drifted: r.drifted,
      effectSize,
      threshold: r.threshold,
      ...(isTest ? {} : { distance: r.statistic }),
    }),
    referenceSize: r.referenceCount,
    currentSize: r.currentCount,
    referenceMissing: Math.round(r.missingRate.reference * refRows),
    currentMissing: Math.round(r.missingRate.current * curRows),
  };
}

/**
 * Column drift between two profiles: `profileColumnDrift` per column with its `--test` (default
 * 'auto', Evidently's rule as far as sketches allow) and threshold, then the multiple-testing
 * correction of the p-value tests (as datasetDrift does for raw data: KS drifts at p ≤ t,
 * chi-square at p < t).
 * @throws {DriftUsageError} for a test not computable from profiles; {@link DriftInputError} for
 *   a column absent from the reference profile.
 */
export function profileColumnsDrift(
  reference: DatasetProfile,
  current: DatasetProfile,
  settings: ProfileDriftSettings,
): {
  rows: DriftColumnRow[];
  skipped: { column: string; reason: string }[];
  distributions: Record<string, ColumnDistribution>;
} {
  for (const [column, test] of Object.entries(settings.tests)) {
    if (!(PROFILE_DRIFT_TESTS as readonly string[]).includes(test)) {
      throw new DriftUsageError(
        `--test ${column}=${test}: a baseline profile keeps sketches only; choose one of ${PROFILE_DRIFT_TESTS.join(', ')}`,
      );
    }
  }
  const names = settings.columns ?? reference.columnNames;
  for (const name of names) {
    if (!reference.hasColumn(name)) {
      throw new DriftInputError(
        `the reference profile has no column ${JSON.stringify(name)}; available columns: ${reference.columnNames.map((c) => JSON.stringify(c)).join(', ')}`,
      );
    }
  }
  const results: { r: ProfileColumnDriftResult; defaultTest: boolean }[] = [];
  const skipped: { column: string; reason: string }[] = [];
  const distributions: Record<string, ColumnDistribution> = {};
  for (const name of names) {
    if (!current.hasColumn(name)) {
      skipped.push({ column: name, reason: 'absent from the current data' });
      continue;
    }
    const test = settings.tests[name] as ProfileDriftMethod | undefined;
    const threshold = settings.thresholds[name];
    try {
      const r = profileColumnDrift(reference, current, name, {
        ...(test === undefined ? {} : { method: test }),
        ...(threshold === undefined ? {} : { threshold }),
      });
      results.push({ r, defaultTest: test === undefined });
      distributions[name] = profileDistribution(r.bins);
    } catch (err) {
      if (err instanceof CoreError && err.code === 'invalid_option') throw new DriftUsageError(err.message);
      if (err instanceof CoreError) {
        skipped.push({ column: name, reason: err.message.replace(/^profileColumnDrift: /, '') });
        continue;
      }
      throw err;
    }
  }
  let rows = results.map(({ r, defaultTest }) => rowOf(r, defaultTest, reference.rowCount, current.rowCount));
  if (settings.correction !== 'none') {
    const idx = rows.flatMap((row, i) => (row.pValue === undefined || Number.isNaN(row.pValue) ? [] : [i]));
    if (idx.length > 0) {
      const adj = adjustPValues(
        idx.map((i) => (rows[i] as DriftColumnRow).pValue as number),
        { method: settings.correction },
      );
      const corrected = new Map(idx.map((i, k) => [i, adj.pValuesCorrected[k] as number]));
      rows = rows.map((row, i) => {
        const p = corrected.get(i);
        if (p === undefined) return row;
        const drifted = row.test === 'ks' ? p <= row.threshold : p < row.threshold;
        const r = (results[i] as { r: ProfileColumnDriftResult }).r;
        const effect =
          r.columnType === 'numerical' && r.method === 'ks'
            ? r.ks.statistic
            : tvd(r.bins.referenceCounts, r.bins.currentCounts);
        return {
          ...row,
          correctedPValue: p,
          drifted,
          severity: columnDriftSeverity({ testKind: 'p_value', drifted, effectSize: effect, threshold: row.threshold }),
        };
      });
    }
  }
  return { rows, skipped, distributions };
}
