import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { type ColumnProfileOptions, DatasetProfile, type DatasetProfileState } from '@modelwatch/core/drift';
import { CoreError } from '@modelwatch/core/errors';
import {
  BASELINE_DOCUMENT_KIND,
  BaselineInputSchema,
  type BaselineRecord,
  BaselineRecordSchema,
  type BaselineSource,
  type BaselineSummary,
} from '../../domain/baseline.js';
import type { Store } from '../../storage/store.js';
import { DriftInputError, profileFile } from '../drift/index.js';
import { MonitoringError } from './monitoring-error.js';
import type { ProfileRowSource } from './profile-row-source.js';
import { windowProfile } from './window-profile.js';
import { zodIssueError } from './zod-issue-error.js';

export interface BaselineServiceOptions {
  readonly store: Store;
  readonly rows: ProfileRowSource;
  /** Sketch sizes of captured profiles (default: the core's). */
  readonly sketch?: ColumnProfileOptions;
  readonly now?: () => number;
}

/** The store document id of a baseline: model and version, each URI-encoded, joined by `/`. */
export function baselineDocumentId(model: string, version: string): string {
  return `${encodeURIComponent(model)}/${encodeURIComponent(version)}`;
}

/** A baseline's summary (its record without the profile). */
export function baselineSummary(record: BaselineRecord): BaselineSummary {
  const { profile: _profile, ...summary } = record;
  return summary;
}

/** SHA-256 (hex) of a file, streamed. */
async function fileSha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Baselines: one reference profile per (project, model, version), a store document of kind
 * `baseline` holding the profile's state and where it came from. Drift monitors compare each
 * window of the version's traffic with it.
 *
 * A baseline is made from (a) a window of the version's own traffic (`captureFromTraffic`; the
 * evaluator does it after the version's first N hours), (b) a data file profiled on the server
 * (`fromDatasetFile`: CSV, Parquet or JSON lines, hashed), or (c) a profile state built elsewhere
 * with `modelwatch drift profile` (`fromProfileState`). Making one replaces the version's previous
 * baseline. Parsed profiles are cached per (project, model, version, createdAt).
 */
export class BaselineService {
  readonly #store: Store;
  readonly #rows: ProfileRowSource;
  readonly #sketch: ColumnProfileOptions;
  readonly #now: () => number;
  readonly #profiles = new Map<string, { createdAt: number; profile: DatasetProfile }>();

  constructor(options: BaselineServiceOptions) {
    this.#store = options.store;
    this.#rows = options.rows;
    this.#sketch = options.sketch ?? {};
    this.#now = options.now ?? Date.now;
  }

  /** The baseline of a model version, or undefined. */
  async find(projectId: string, model: string, version: string): Promise<BaselineRecord | undefined> {
    const doc = await this.#store.getDocument(projectId, BASELINE_DOCUMENT_KIND, baselineDocumentId(model, version));
    return doc === undefined ? undefined : BaselineRecordSchema.parse(doc);
  }

  /** The baseline of a model version. @throws {MonitoringError} 'not_found'. */
  async get(projectId: string, model: string, version: string): Promise<BaselineRecord> {
    const record = await this.find(projectId, model, version);
    if (record === undefined) {
      throw new MonitoringError(
        'not_found',
        `no baseline for model ${JSON.stringify(model)} version ${JSON.stringify(version)} in this project`,
      );
    }
    return record;
  }

  /** The reference profile of a model version (parsed once per stored baseline), or undefined. */
  async profile(projectId: string, model: string, version: string): Promise<DatasetProfile | undefined> {
    const record = await this.find(projectId, model, version);
    if (record === undefined) return undefined;
    const key = `${projectId}\u0000${model}\u0000${version}`;
    const cached = this.#profiles.get(key);
    if (cached !== undefined && cached.createdAt === record.createdAt) return cached.profile;
    const profile = DatasetProfile.fromState(record.profile as unknown as DatasetProfileState);
    this.#profiles.set(key, { createdAt: record.createdAt, profile });
    return profile;
  }

  /** Every baseline of the project, without profiles, by model then version. */
  async list(projectId: string): Promise<readonly BaselineSummary[]> {
    const docs = await this.#store.listDocuments(projectId, BASELINE_DOCUMENT_KIND);
    return docs
      .map((d) => baselineSummary(BaselineRecordSchema.parse(d.document)))
      .sort((a, b) => (a.model === b.model ? (a.version < b.version ? -1 : 1) : a.model < b.model ? -1 : 1));
  }

  /**
   * Profiles the version's events in [from, to) (all variants) and stores it as the baseline.
   * @throws {MonitoringError} 'no_data' when the window has no rows to profile.
   */
  async captureFromTraffic(
    projectId: string,
    model: string,
    version: string,
    window: { readonly from: number; readonly to: number },
  ): Promise<BaselineRecord> {
    const createdAt = this.#now();
    const profile = await windowProfile(
      this.#rows,
      { projectId, model, version, from: window.from, to: window.to },
      { createdAt, sketch: this.#sketch, tags: { model, version, source: 'traffic' } },
    );
    if (profile === undefined) {
      throw new MonitoringError(
        'no_data',
        `traffic: no events of model ${JSON.stringify(model)} version ${JSON.stringify(version)} to profile in [${new Date(window.from).toISOString()}, ${new Date(window.to).toISOString()})`,
        'traffic',
      );
    }
    return this.#put(projectId, model, version, profile, {
      type: 'traffic',
      from: Math.trunc(window.from),
      to: Math.trunc(window.to),
    });
  }

  /**
   * Stores a profile state made by `modelwatch drift profile` as the baseline. Without
   * `dataset.sha256` the SHA-256 is that of the profile's JSON text (`sha256Of: 'profile'`).
   * @throws {MonitoringError} 'invalid' naming the bad field of the state.
   */
  async fromProfileState(
    projectId: string,
    model: string,
    version: string,
    state: unknown,
    dataset: { readonly fileName?: string | undefined; readonly sha256?: string | undefined } = {},
  ): Promise<BaselineRecord> {
    let profile: DatasetProfile;
    try {
      profile = DatasetProfile.fromState(state as DatasetProfileState);
    } catch (err) {
      if (err instanceof CoreError) {
        throw new MonitoringError(
          'invalid',
          `profile: not a profile state from modelwatch drift profile: ${err.message}`,
          err.argument === undefined ? 'profile' : `profile${err.argument.replace(/^state/, '')}`,
        );
      }
      throw err;
    }
    if (profile.rowCount === 0)
      throw new MonitoringError('invalid', 'profile: expected a profile of at least 1 row (got 0)', 'profile.rowCount');
    const fileName = dataset.fileName ?? profile.metadata.tags?.source ?? 'profile.json';
    const source: BaselineSource =
      dataset.sha256 === undefined
        ? {
            type: 'dataset',
            fileName,
            sha256: createHash('sha256').update(JSON.stringify(profile.toState())).digest('hex'),
            sha256Of: 'profile',
          }
        : { type: 'dataset', fileName, sha256: dataset.sha256, sha256Of: 'file' };
    return this.#put(projectId, model, version, profile, source);
  }

  /**
   * Profiles a CSV, Parquet or JSON-lines file (streamed, bounded memory) and stores it as the
   * baseline, with the file's name and SHA-256. Columns are compared with features of the same
   * name; name columns `$prediction.label`, `$prediction.score`, `$prediction.value` and
   * `$latency_ms` to cover the prediction and latency too.
   * @throws {MonitoringError} 'invalid' for an unreadable or empty file.
   */
  async fromDatasetFile(projectId: string, model: string, version: string, path: string): Promise<BaselineRecord> {
    let profile: DatasetProfile;
    let sha256: string;
    try {
      profile = await profileFile(path, { createdAt: this.#now(), sketch: this.#sketch });
      sha256 = await fileSha256(path);
    } catch (err) {
      if (err instanceof DriftInputError) throw new MonitoringError('invalid', `dataset: ${err.message}`, 'dataset');
      throw err;
    }
    return this.#put(projectId, model, version, profile, {
      type: 'dataset',
      fileName: basename(path),
      sha256,
      sha256Of: 'file',
    });
  }

  /**
   * `POST /v1/baselines`: validates the body (BaselineInputSchema) and makes the baseline from
   * the traffic window or the profile state it names.
   * @throws {MonitoringError} 'invalid' naming the field; 'no_data' for an empty traffic window.
   */
  async create(projectId: string, body: unknown): Promise<BaselineSummary> {
    const parsed = BaselineInputSchema.safeParse(body, { reportInput: true });
    if (!parsed.success) throw zodIssueError(parsed.error, 'body');
    const input = parsed.data;
    const record =
      input.traffic !== undefined
        ? await this.captureFromTraffic(projectId, input.model, input.version, input.traffic)
        : await this.fromProfileState(projectId, input.model, input.version, input.profile, input.dataset);
    return baselineSummary(record);
  }

  async #put(
    projectId: string,
    model: string,
    version: string,
    profile: DatasetProfile,
    source: BaselineSource,
  ): Promise<BaselineRecord> {
    const record: BaselineRecord = BaselineRecordSchema.parse({
      model,
      version,
      source,
      rowCount: profile.rowCount,
      columns: profile.columnNames,
      createdAt: Math.trunc(this.#now()),
      profile: profile.toState(),
    });
    await this.#store.putDocument(projectId, BASELINE_DOCUMENT_KIND, baselineDocumentId(model, version), record);
    this.#profiles.set(`${projectId}\u0000${model}\u0000${version}`, { createdAt: record.createdAt, profile });
    return record;
  }
}
