import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import {
  DATASET_KINDS,
  type DatasetKind,
  type DatasetRow,
  type DatasetVersion,
  DatasetVersionSchema,
} from '../../domain/dataset.js';
import { NameSchema } from '../../domain/identifiers.js';
import { readTableFile, TableFileError } from '../../storage/duckdb/read-table-file.js';
import { canonicalRows, datasetSha256 } from './canonical-rows.js';
import { DatasetError } from './dataset-error.js';

/** Where a catalog keeps its datasets under the data directory. */
export const DATASETS_DIR = 'datasets';

export interface AddDatasetOptions {
  readonly name: string;
  readonly kind: string;
  readonly description?: string;
  /** Injected for tests. */
  readonly now?: number;
}

/** A dataset version and whether `add` created it (false: the same rows were already stored). */
export interface AddDatasetResult {
  readonly dataset: DatasetVersion;
  readonly created: boolean;
}

function cell(value: unknown): number | string | boolean | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  return JSON.stringify(value);
}

/**
 * Versioned evaluation datasets as immutable, content-addressed files under
 * `<dataDir>/datasets/<name>/<version>/`: `rows.jsonl` (the canonical serialisation itself, so the
 * digest can be re-checked at any time) and `dataset.json` (the DatasetVersion). Files rather than
 * store documents because dataset rows are large and never change once written, and because the
 * CLI can then add and read datasets while a server owns the store file. Writes go to a temporary
 * name and are renamed into place, so a reader never sees half a version.
 */
export class DatasetCatalog {
  readonly root: string;

  constructor(dataDir: string) {
    this.root = join(dataDir, DATASETS_DIR);
  }

  /**
   * Reads a CSV, TSV, Parquet or JSON(-lines) file and stores it as a version of dataset `name`
   * (idempotent: the same rows give the same version).
   * @throws {DatasetError} `invalid` for a bad name or kind, an unreadable file or a non-finite number.
   */
  async add(file: string, options: AddDatasetOptions): Promise<AddDatasetResult> {
    const name = NameSchema.safeParse(options.name);
    if (!name.success || options.name.includes('/') || options.name.includes('@')) {
      throw new DatasetError(
        'invalid',
        `name: expected letters, digits and . _ : + - (no / or @), starting with a letter or digit (got ${JSON.stringify(options.name)})`,
        'name',
      );
    }
    if (!(DATASET_KINDS as readonly string[]).includes(options.kind)) {
      throw new DatasetError(
        'invalid',
        `kind: expected one of ${DATASET_KINDS.join(', ')} (got ${JSON.stringify(options.kind)})`,
        'kind',
      );
    }
    let table: Awaited<ReturnType<typeof readTableFile>>;
    try {
      table = await readTableFile(file);
    } catch (err) {
      if (err instanceof TableFileError || err instanceof Error) {
        throw new DatasetError('invalid', `file: cannot read ${file}: ${err.message}`, 'file');
      }
      throw err;
    }
    const rows: DatasetRow[] = Array.from({ length: table.rowCount }, (_v, i) => {
      const row: Record<string, number | string | boolean | null> = {};
      for (const c of table.names) row[c] = cell(table.columns[c]?.[i]);
      return row;
    });
    const text = canonicalRows(rows);
    const sha256 = datasetSha256(rows);
    const version = sha256.slice(0, 12);
    const dir = join(this.root, options.name, version);
    if (existsSync(join(dir, 'dataset.json'))) {
      return { dataset: this.get(options.name, version), created: false };
    }
    const dataset: DatasetVersion = {
      name: options.name,
      version,
      sha256,
      kind: options.kind as DatasetKind,
      rowCount: rows.length,
      columns: table.names.map((n, i) => ({ name: n, type: table.types[i] ?? 'UNKNOWN' })),
      source: basename(file),
      ...(options.description === undefined ? {} : { description: options.description }),
      createdAt: options.now ?? Date.now(),
    };
    const tmp = `${dir}.tmp-${process.pid}`;
    mkdirSync(tmp, { recursive: true });
    writeFileSync(join(tmp, 'rows.jsonl'), text, 'utf8');
    writeFileSync(join(tmp, 'dataset.json'), `${JSON.stringify(dataset, null, 2)}\n`, 'utf8');
    renameSync(tmp, dir);
    return { dataset, created: true };
  }

  /** Every version of every dataset (or of `name`), oldest first. */
  list(name?: string): DatasetVersion[] {
    if (!existsSync(this.root)) return [];
    const names = name === undefined ? readdirSync(this.root) : [name];
    const out: DatasetVersion[] = [];
    for (const n of names) {
      const dir = join(this.root, n);
      if (!existsSync(dir)) continue;
      for (const v of readdirSync(dir)) {
        if (/^[0-9a-f]{12}$/.test(v) && existsSync(join(dir, v, 'dataset.json'))) out.push(this.get(n, v));
      }
    }
    return out.sort((a, b) => a.createdAt - b.createdAt || (a.name < b.name ? -1 : 1));
  }

  /**
   * A version by `name` and version, `latest`, or a reference `name@version` / `name`.
   * @throws {DatasetError} `not_found`.
   */
  get(name: string, version = 'latest'): DatasetVersion {
    if (version === 'latest') {
      const all = this.list(name);
      const last = all[all.length - 1];
      if (last === undefined)
        throw new DatasetError('not_found', `dataset: no dataset named ${JSON.stringify(name)}`, 'dataset');
      return last;
    }
    const path = join(this.root, name, version, 'dataset.json');
    if (!/^[0-9a-f]{12}$/.test(version) || !existsSync(path)) {
      throw new DatasetError(
        'not_found',
        `dataset: no version ${JSON.stringify(version)} of dataset ${JSON.stringify(name)} (versions: ${
          this.list(name)
            .map((d) => d.version)
            .join(', ') || 'none'
        })`,
        'dataset',
      );
    }
    return DatasetVersionSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
  }

  /** Resolves `name@version` or `name` (the latest version). */
  resolve(reference: string): DatasetVersion {
    const at = reference.indexOf('@');
    return at < 0 ? this.get(reference) : this.get(reference.slice(0, at), reference.slice(at + 1));
  }

  /**
   * The rows of a version, after checking them against the recorded digest.
   * @throws {DatasetError} `corrupt` when the stored rows were changed.
   */
  rows(dataset: DatasetVersion): DatasetRow[] {
    const text = readFileSync(join(this.root, dataset.name, dataset.version, 'rows.jsonl'), 'utf8');
    const rows =
      text === ''
        ? []
        : text
            .trimEnd()
            .split('\n')
            .map((line) => JSON.parse(line) as DatasetRow);
    if (datasetSha256(rows) !== dataset.sha256) {
      throw new DatasetError(
        'corrupt',
        `dataset ${dataset.name}@${dataset.version}: the stored rows no longer match their SHA-256 ${dataset.sha256}`,
      );
    }
    return rows;
  }
}
