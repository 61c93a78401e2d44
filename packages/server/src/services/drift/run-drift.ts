import {
  COLUMN_DRIFT_TEST_NAMES,
  type ColumnDriftPlot,
  type ColumnDriftTest,
  type DatasetDriftColumn,
  type DatasetDriftCorrection,
  type DatasetDriftSkippedColumn,
  type DatasetProfile,
  type DriftDataset,
} from '@modelwatch/core/drift';
import { CoreError } from '@modelwatch/core/errors';
import type { ColumnarColumn } from '../../storage/duckdb/read-columnar-table.js';
import { categoricalDistribution, numericalDistribution, PLOT_BINS, plotDistribution } from './column-distributions.js';
import {
  coreColumn,
  type DriftReadPlan,
  type DriftTables,
  mergeDriftParts,
  planDriftRead,
  readDriftPart,
  remapCodes,
  sharedCodes,
} from './drift-data.js';
import { DriftInputError, DriftUsageError } from './drift-error.js';
import { isProfileFile, loadProfile, profileColumnsDrift, profileFile } from './drift-profile.js';
import { driftQuality, QUALITY_MAX_CELLS } from './drift-quality.js';
import type { ColumnDistribution, DriftColumnRow, DriftQuality, DriftReport, DriftSource } from './drift-report.js';
import {
  combinedDatasetDrift,
  type DriftColumnsPart,
  PARALLEL_MIN_VALUES,
  type ParallelDriftSettings,
  parallelDatasetDriftColumns,
  prewarmDriftWorkers,
} from './parallel-dataset-drift.js';

export const DRIFT_CORRECTIONS = ['none', 'bonferroni', 'fdr_bh'] as const;

export interface DriftOptions {
  /** Columns to compare (default: every column of the reference the current data also has). */
  readonly columns?: readonly string[] | undefined;
  /** Test per column (`--test column=ks`); the others follow the default rule. */
  readonly tests?: Readonly<Record<string, string>> | undefined;
  /** Threshold per column (`--test column=ks:0.01`). */
  readonly thresholds?: Readonly<Record<string, number>> | undefined;
  /** The data set drifts when the share of drifted columns is ≥ this (default 0.5). */
  readonly shareThreshold?: number | undefined;
  readonly correction?: DatasetDriftCorrection | undefined;
  /** Cells per sample the data-quality checks look at before sampling rows (default 1 000 000). */
  readonly qualityMaxCells?: number | undefined;
  /** Worker threads for the column tests of large data (see parallelDatasetDrift). */
  readonly parallel?: ParallelDriftSettings | undefined;
}

/** Progress of the long phases: rows read or profiled so far of each side. */
export interface DriftProgress {
  readonly phase: 'reading reference' | 'reading current' | 'profiling reference' | 'profiling current' | 'profiling';
  readonly done: number;
  readonly total: number;
}

export interface DriftHooks {
  readonly onProgress?: (progress: DriftProgress) => void;
}

function checkOptions(options: DriftOptions, mode: 'data' | 'profile'): void {
  const share = options.shareThreshold;
  if (share !== undefined && !(share > 0 && share <= 1)) {
    throw new DriftUsageError(`--threshold must be a share of columns in (0, 1] (got ${share})`);
  }
  if (mode === 'data') {
    for (const [column, test] of Object.entries(options.tests ?? {})) {
      if (!(COLUMN_DRIFT_TEST_NAMES as readonly string[]).includes(test)) {
        throw new DriftUsageError(
          `--test ${column}=${test}: unknown test ${JSON.stringify(test)}; choose one of ${COLUMN_DRIFT_TEST_NAMES.join(', ')}`,
        );
      }
    }
  }
  for (const [column, t] of Object.entries(options.thresholds ?? {})) {
    if (!(t > 0 && Number.isFinite(t)))
      throw new DriftUsageError(`--test ${column}: the threshold must be > 0 (got ${t})`);
  }
}

function checkTestColumns(options: DriftOptions, available: readonly string[], where: string): void {
  for (const column of Object.keys(options.tests ?? {})) {
    if (!available.includes(column)) {
      throw new DriftInputError(
        `--test names the column ${JSON.stringify(column)}, which is not compared; ${where}: ${available.map((c) => JSON.stringify(c)).join(', ')}`,
      );
    }
  }
}

function summary(
  rows: readonly DriftColumnRow[],
  shareThreshold: number,
): Pick<DriftReport, 'numberOfColumns' | 'numberOfDriftedColumns' | 'shareOfDriftedColumns' | 'datasetDrifted'> {
  const drifted = rows.filter((r) => r.drifted).length;
  const share = rows.length === 0 ? 0 : drifted / rows.length;
  return {
    numberOfColumns: rows.length,
    numberOfDriftedColumns: drifted,
    shareOfDriftedColumns: share,
    datasetDrifted: rows.length > 0 && share >= shareThreshold,
  };
}

function rowOf(c: DatasetDriftColumn): DriftColumnRow {
  return {
    column: c.column,
    type: c.type,
    test: c.test,
    testKind: c.testKind,
    defaultTest: c.defaultTest,
    statistic: c.statistic,
    ...(c.pValue === undefined ? {} : { pValue: c.pValue }),
    ...(c.distance === undefined ? {} : { distance: c.distance }),
    ...(c.correctedPValue === undefined ? {} : { correctedPValue: c.correctedPValue }),
    threshold: c.threshold,
    drifted: c.correctedDrifted,
    severity: c.correctedSeverity,
    referenceSize: c.referenceSize,
    currentSize: c.currentSize,
    referenceMissing: c.referenceMissing,
    currentMissing: c.currentMissing,
  };
}

/** Turns a core error of the drift functions into the CLI's input or usage error. */
function driftError(err: unknown): unknown {
  if (!(err instanceof CoreError)) return err;
  const message = err.message.replace(/^[A-Za-z.]+: /, '');
  return err.code === 'invalid_option' ? new DriftUsageError(message) : new DriftInputError(message);
}

/** Column groups read one after the other for large data (see dataDrift). */
const READ_PARTS = 3;

/**
 * The plan's columns in up to `parts` consecutive groups of about equal cost: a numerical or
 * datetime column counts 3 (two sorts and a merged walk), any other 1 (counting).
 */
function readGroups(plan: DriftReadPlan, parts: number): string[][] {
  const kinds = new Map(plan.referenceSchema.fields.map((f) => [f.name, f.kind]));
  const cost = (name: string): number => (kinds.get(name) === 'number' || kinds.get(name) === 'datetime' ? 3 : 1);
  const total = plan.columns.reduce((sum, n) => sum + cost(n), 0);
  const groups: string[][] = [[]];
  let spent = 0;
  for (const name of plan.columns) {
    const current = groups[groups.length - 1] as string[];
    if (current.length > 0 && groups.length < parts && spent >= (total * groups.length) / parts) groups.push([name]);
    else current.push(name);
    spent += cost(name);
  }
  return groups;
}

async function dataDrift(
  referencePath: string,
  currentPath: string,
  options: DriftOptions,
  hooks: DriftHooks,
): Promise<DriftReport> {
  const plan = await planDriftRead(referencePath, currentPath, options.columns);
  checkTestColumns(options, plan.columns, 'columns compared');
  const values = plan.columns.length * (plan.referenceSchema.rowCount + plan.currentSchema.rowCount);
  const large = values >= (options.parallel?.minValues ?? PARALLEL_MIN_VALUES);
  // Large data: start the column-test workers now, so their start-up overlaps the reads.
  if (large) prewarmDriftWorkers(options.parallel, plan.columns.length);
  const shareThreshold = options.shareThreshold ?? 0.5;
  const correction = options.correction ?? 'none';
  const testOptions = {
    ...(options.columns === undefined ? {} : { columns: plan.columns }),
    perColumn: (options.tests ?? {}) as Readonly<Record<string, ColumnDriftTest>>,
    perColumnThreshold: options.thresholds ?? {},
    // The numerical plots come from the tests' sorted copies (binary search, not a pass).
    plotBins: PLOT_BINS,
  };
  // The current file's categories move onto the reference's dictionary (codes rewritten in place).
  const sharedLabels: Record<string, readonly string[]> = {};
  const remapped: Record<string, ColumnarColumn> = {};
  // Large data is read in parts (column groups, each read from both files): each part's columns
  // are tested on the worker threads while the next part is read, so reading and testing overlap.
  const groups = readGroups(plan, large ? READ_PARTS : 1);
  const parts: DriftTables[] = [];
  const tested: Promise<{ part: DriftColumnsPart } | { error: unknown }>[] = [];
  for (let g = 0; g < groups.length; g++) {
    const part = await readDriftPart(
      plan,
      groups[g] as readonly string[],
      g === groups.length - 1,
      (side, done, total) =>
        hooks.onProgress?.({
          phase: side === 'reference' ? 'reading reference' : 'reading current',
          done: Math.min(total, Math.round(((g + done / total) / groups.length) * total)),
          total,
        }),
    );
    parts.push(part);
    const ref: Record<string, DriftDataset[string]> = {};
    const cur: Record<string, DriftDataset[string]> = {};
    for (const name of part.columns) {
      const r = part.reference.columns[name] as ColumnarColumn;
      const c = part.current.columns[name] as ColumnarColumn;
      const type = part.types[name] as NonNullable<(typeof part.types)[string]>;
      if ('values' in r && 'values' in c) {
        ref[name] = r.values;
        cur[name] = c.values;
      } else if ('codes' in r && 'codes' in c) {
        const shared = sharedCodes(r.labels, c.labels);
        const mapped = remapCodes(c, shared.map, shared.labels);
        remapped[name] = mapped;
        sharedLabels[name] = shared.labels;
        ref[name] = coreColumn(r, type);
        cur[name] = coreColumn(mapped, type);
      }
    }
    // A failure is kept until the tests are awaited (after the reads and the data-quality checks).
    tested.push(
      part.columns.length === 0
        ? Promise.resolve({ part: { columns: [], skipped: [] } })
        : parallelDatasetDriftColumns(
            ref,
            cur,
            part.columns,
            { ...testOptions, types: part.types },
            options.parallel,
          ).then(
            (result) => ({ part: result }),
            (error: unknown) => ({ error }),
          ),
    );
  }
  const tables = mergeDriftParts(plan, parts);
  checkTestColumns(options, tables.columns, 'columns compared');
  const distributions: Record<string, ColumnDistribution> = {};
  const currentColumns: Record<string, ColumnarColumn> = { ...tables.current.columns, ...remapped };
  let rows: DriftColumnRow[] = [];
  const skippedColumns = [...tables.skipped];
  const categorical: Record<string, ColumnDistribution> = {};
  for (const name of tables.columns) {
    const r = tables.reference.columns[name] as ColumnarColumn;
    const c = currentColumns[name] as ColumnarColumn;
    if ('codes' in r && 'codes' in c) {
      // Yield between columns, so the worker pool is served while this thread works.
      await new Promise<void>((resolve) => setImmediate(resolve));
      categorical[name] = categoricalDistribution(r.codes, c.codes, sharedLabels[name] as readonly string[]);
    }
  }
  const warnings: string[] = [];
  let quality: DriftQuality | undefined;
  try {
    quality = driftQuality(
      tables.reference,
      tables.current,
      tables.types,
      options.qualityMaxCells ?? QUALITY_MAX_CELLS,
    );
    if (quality.sampled) {
      warnings.push(
        `data-quality checks ran on a seeded random sample of ${quality.rows.reference} reference and ${quality.rows.current} current rows`,
      );
    }
  } catch (err) {
    if (!(err instanceof CoreError)) throw err;
    warnings.push(`data-quality checks skipped: ${err.message}`);
  }
  const plots: Record<string, ColumnDriftPlot> = {};
  const testedColumns: DatasetDriftColumn[] = [];
  const testSkipped: DatasetDriftSkippedColumn[] = [];
  for (const outcome of await Promise.all(tested)) {
    if ('error' in outcome) throw driftError(outcome.error);
    testedColumns.push(...outcome.part.columns);
    testSkipped.push(...outcome.part.skipped);
  }
  if (testedColumns.length > 0) {
    // The parts' columns decided together: the correction and the share over every column.
    const result = combinedDatasetDrift(tables.columns, testedColumns, testSkipped, {
      shareThreshold,
      correction,
    });
    rows = result.columns.map(rowOf);
    for (const c of result.columns) if (c.plot !== undefined) plots[c.column] = c.plot;
    for (const s of result.skippedColumns) skippedColumns.push({ column: s.column, reason: s.reason });
  } else {
    for (const s of testSkipped) skippedColumns.push({ column: s.column, reason: s.reason });
  }
  // Column order; a numerical column the tests skipped (no plot) is binned here.
  for (const name of tables.columns) {
    const r = tables.reference.columns[name] as ColumnarColumn;
    const c = currentColumns[name] as ColumnarColumn;
    const plot = plots[name];
    if (categorical[name] !== undefined) distributions[name] = categorical[name];
    else if (plot !== undefined) distributions[name] = plotDistribution(plot);
    else if ('values' in r && 'values' in c) {
      const d = numericalDistribution(r.values, c.values);
      if (d !== undefined) distributions[name] = d;
    }
  }
  if (rows.length === 0) {
    throw new DriftInputError(
      `no column can be compared (skipped: ${skippedColumns.map((s) => `${JSON.stringify(s.column)}: ${s.reason}`).join('; ') || 'none'})`,
    );
  }
  return {
    mode: 'data',
    reference: { path: referencePath, kind: 'file', rows: tables.reference.rowCount },
    current: { path: currentPath, kind: 'file', rows: tables.current.rowCount },
    columns: rows,
    skippedColumns,
    ...summary(rows, shareThreshold),
    shareThreshold,
    correction,
    ...(quality === undefined ? {} : { quality }),
    distributions,
    warnings,
  };
}

async function sideProfile(
  path: string,
  isProfile: boolean,
  side: 'reference' | 'current',
  options: DriftOptions,
  hooks: DriftHooks,
  like?: DatasetProfile,
): Promise<DatasetProfile> {
  if (isProfile) return loadProfile(path);
  const first = like?.columnNames[0];
  return profileFile(path, {
    ...(options.columns === undefined ? {} : { columns: options.columns }),
    ...(like === undefined || first === undefined ? {} : { sketch: like.column(first).options }),
    onRows: (done, total) => hooks.onProgress?.({ phase: `profiling ${side}`, done, total }),
  });
}

async function profileDrift(
  referencePath: string,
  currentPath: string,
  referenceIsProfile: boolean,
  currentIsProfile: boolean,
  options: DriftOptions,
  hooks: DriftHooks,
): Promise<DriftReport> {
  let reference: DatasetProfile;
  let current: DatasetProfile;
  if (referenceIsProfile) {
    reference = await loadProfile(referencePath);
    current = await sideProfile(currentPath, currentIsProfile, 'current', options, hooks, reference);
  } else {
    current = await loadProfile(currentPath);
    reference = await sideProfile(referencePath, false, 'reference', options, hooks, current);
  }
  checkTestColumns(options, reference.columnNames, 'columns of the reference profile');
  const correction = options.correction ?? 'none';
  const shareThreshold = options.shareThreshold ?? 0.5;
  let result: ReturnType<typeof profileColumnsDrift>;
  try {
    result = profileColumnsDrift(reference, current, {
      ...(options.columns === undefined ? {} : { columns: options.columns }),
      tests: options.tests ?? {},
      thresholds: options.thresholds ?? {},
      correction,
    });
  } catch (err) {
    throw driftError(err);
  }
  if (result.rows.length === 0) {
    throw new DriftInputError(
      `no column can be compared (skipped: ${result.skipped.map((s) => `${JSON.stringify(s.column)}: ${s.reason}`).join('; ') || 'none'})`,
    );
  }
  const source = (path: string, isProfile: boolean, p: DatasetProfile): DriftSource => ({
    path,
    kind: isProfile ? 'profile' : 'file',
    rows: p.rowCount,
  });
  return {
    mode: 'profile',
    reference: source(referencePath, referenceIsProfile, reference),
    current: source(currentPath, currentIsProfile, current),
    columns: result.rows,
    skippedColumns: result.skipped,
    ...summary(result.rows, shareThreshold),
    shareThreshold,
    correction,
    distributions: result.distributions,
    warnings: [
      'compared through profiles (sketches): statistics are estimates within the sketch error bounds; data-quality checks need the raw rows of both sides',
    ],
  };
}

/**
 * `modelwatch drift <reference> <current>`: per-column drift tests (the core's datasetDrift on
 * the raw rows, or profile drift when either side is a saved baseline profile), the data set
 * decision, per-column distributions for plots and the core data-quality report.
 * @throws {DriftInputError} for unreadable files, missing columns and data that cannot be
 *   compared (exit code 1).
 * @throws {DriftUsageError} for unknown tests and out-of-range options (exit code 2).
 */
export async function runDrift(
  referencePath: string,
  currentPath: string,
  options: DriftOptions = {},
  hooks: DriftHooks = {},
): Promise<DriftReport> {
  const referenceIsProfile = await isProfileFile(referencePath);
  const currentIsProfile = await isProfileFile(currentPath);
  const mode = referenceIsProfile || currentIsProfile ? 'profile' : 'data';
  checkOptions(options, mode);
  if (mode === 'profile') {
    return profileDrift(referencePath, currentPath, referenceIsProfile, currentIsProfile, options, hooks);
  }
  return dataDrift(referencePath, currentPath, options, hooks);
}
