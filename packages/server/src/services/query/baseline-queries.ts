import type { DatasetProfile } from '@modelwatch/core/drift';
import { BASELINE_PREDICTION_COLUMNS } from '../../domain/baseline.js';
import type { EventFilter, FeatureRow, StoredEvent } from '../../domain/query.js';
import type { Store } from '../../storage/store.js';
import { StoreError } from '../../storage/store-error.js';
import { featureColumnName } from '../monitoring/profile-row-source.js';
import { type FeatureDistributionResult, featureDistribution } from './feature-distribution.js';
import { type OodFeatureReason, ProfileOodScorer } from './profile-ood-score.js';
import { QueryServiceError } from './query-service-error.js';

/** The baseline profile of a model version, or undefined (`BaselineService.profile`). */
export type BaselineProfileOf = (
  projectId: string,
  model: string,
  version: string,
) => Promise<DatasetProfile | undefined>;

/** Recent events read per question (the store's `sampleEvents` limit is 10 000). */
export const DEFAULT_RECENT_SAMPLE = 5000;
export const MAX_RECENT_SAMPLE = 10_000;
/** Default `minScore` of OOD samples: half a baseline IQR beyond the baseline's 0.5–99.5 % range. */
export const DEFAULT_OOD_MIN_SCORE = 0.5;

export interface OodSampleOptions {
  /** At most this many samples, highest score first. */
  readonly limit: number;
  /** How many of the window's most recent events are scored (default 5 000, at most 10 000). */
  readonly sample?: number;
  /** Events scoring below this are not OOD (default 0.5). */
  readonly minScore?: number;
}

/** An out-of-distribution event: its score and the features that made it so. */
export interface OodSample {
  readonly event: StoredEvent;
  readonly score: number;
  readonly features: readonly OodFeatureReason[];
}

export interface OodSamplesResult {
  readonly samples: readonly OodSample[];
  /** Recent events read. */
  readonly scanned: number;
  /** Of those, events with features and a baseline for their model version. */
  readonly scored: number;
  /** Of those, events scoring at least `minScore`. */
  readonly outOfDistribution: number;
  readonly minScore: number;
  /** Model versions of the scanned events without a baseline (`model version`). */
  readonly withoutBaseline: readonly string[];
}

export interface FeatureDistributionOptions {
  /** The feature (default: the baseline's first feature, alphabetically). */
  readonly feature?: string;
  /** Numeric bins, or the number of top categories (2–100). */
  readonly bins: number;
  /** How many of the window's most recent events are binned (default 5 000, at most 10 000). */
  readonly sample?: number;
}

export type FeatureDistributionResponse = FeatureDistributionResult & {
  readonly model: string;
  readonly version: string;
  /** Every feature of the baseline, sorted (to choose another one). */
  readonly features: readonly string[];
  readonly baselineCreatedAt: number | null;
};

const RESERVED: ReadonlySet<string> = new Set(Object.values(BASELINE_PREDICTION_COLUMNS));

/** The baseline's features: its columns without the reserved prediction ones, unescaped (`$$x` → `$x`). */
export function baselineFeatures(profile: DatasetProfile): string[] {
  return profile.columnNames
    .filter((c) => !RESERVED.has(c))
    .map((c) => (c.startsWith('$$') ? c.slice(1) : c))
    .sort();
}

function sampleSize(sample: number | undefined): number {
  const n = sample ?? DEFAULT_RECENT_SAMPLE;
  if (!Number.isInteger(n) || n < 1 || n > MAX_RECENT_SAMPLE) {
    throw new QueryServiceError(
      'invalid',
      `sample: expected an integer in [1, ${MAX_RECENT_SAMPLE}] (got ${n})`,
      'sample',
    );
  }
  return n;
}

async function recentEvents(store: Store, filter: EventFilter, limit: number): Promise<readonly StoredEvent[]> {
  try {
    return (await store.sampleEvents(filter, { kind: 'recent', limit })).map((s) => s.event);
  } catch (err) {
    if (err instanceof StoreError && err.code === 'invalid_argument')
      throw new QueryServiceError('invalid', err.message);
    throw err;
  }
}

/**
 * Query-API questions answered against a model version's baseline profile, over a bounded sample
 * of the window's most recent events (read with `Store.sampleEvents`, so any store answers them
 * and a 10 M-event window costs one bounded read):
 * - `oodSamples`: the events most out of distribution (`ProfileOodScorer`), with the features that
 *   made them so;
 * - `featureDistribution`: one feature binned for the window and for the baseline.
 */
export class BaselineQueries {
  readonly #store: Store;
  readonly #profileOf: BaselineProfileOf;

  constructor(store: Store, profileOf: BaselineProfileOf) {
    this.#store = store;
    this.#profileOf = profileOf;
  }

  async oodSamples(filter: EventFilter, options: OodSampleOptions): Promise<OodSamplesResult> {
    const minScore = options.minScore ?? DEFAULT_OOD_MIN_SCORE;
    if (!Number.isFinite(minScore) || minScore < 0) {
      throw new QueryServiceError('invalid', `minScore: expected a number ≥ 0 (got ${minScore})`, 'minScore');
    }
    const events = await recentEvents(this.#store, filter, sampleSize(options.sample));
    const scorers = new Map<string, ProfileOodScorer | undefined>();
    const withoutBaseline: string[] = [];
    const found: OodSample[] = [];
    let scored = 0;
    for (const event of events) {
      const features = event.inputs?.features as FeatureRow | undefined;
      if (features === undefined || Object.keys(features).length === 0) continue;
      const key = `${event.model}\u0000${event.version}`;
      if (!scorers.has(key)) {
        const profile = await this.#profileOf(filter.projectId, event.model, event.version);
        scorers.set(key, profile === undefined ? undefined : new ProfileOodScorer(profile, featureColumnName));
        if (profile === undefined) withoutBaseline.push(`${event.model} ${event.version}`);
      }
      const scorer = scorers.get(key);
      if (scorer === undefined) continue;
      const r = scorer.score(features);
      if (r.scored === 0) continue;
      scored++;
      if (r.score >= minScore && r.score > 0) found.push({ event, score: r.score, features: r.features });
    }
    found.sort((a, b) => b.score - a.score || b.event.timestamp - a.event.timestamp);
    return {
      samples: found.slice(0, options.limit),
      scanned: events.length,
      scored,
      outOfDistribution: found.length,
      minScore,
      withoutBaseline: withoutBaseline.sort(),
    };
  }

  /**
   * One feature of the window (its most recent events) against the baseline. Without both a
   * model and a version in the filter, the model version with the most requests in the window
   * that has a baseline is used (named in the answer).
   * @throws {QueryServiceError} `not_found` without a baseline or when the baseline lacks the feature.
   */
  async featureDistribution(
    filter: EventFilter,
    options: FeatureDistributionOptions,
  ): Promise<FeatureDistributionResponse> {
    if (!Number.isInteger(options.bins) || options.bins < 2 || options.bins > 100) {
      throw new QueryServiceError('invalid', `bins: expected an integer in [2, 100] (got ${options.bins})`, 'bins');
    }
    const sample = sampleSize(options.sample);
    const target = await this.#versionOf(filter);
    const features = baselineFeatures(target.profile);
    const feature = options.feature ?? features[0];
    if (feature === undefined) {
      throw new QueryServiceError(
        'not_found',
        `feature: the baseline of ${target.model} ${target.version} has no feature column`,
        'feature',
      );
    }
    const column = featureColumnName(feature);
    if (!target.profile.hasColumn(column) || !features.includes(feature)) {
      throw new QueryServiceError(
        'not_found',
        `feature: the baseline of ${target.model} ${target.version} has no feature ${JSON.stringify(feature)} (it has ${features.map((f) => JSON.stringify(f)).join(', ')})`,
        'feature',
      );
    }
    const events = await recentEvents(this.#store, { ...filter, model: target.model, version: target.version }, sample);
    const rows = events.map((e) => (e.inputs?.features ?? {}) as FeatureRow);
    const created = target.profile.metadata.createdAt;
    return {
      model: target.model,
      version: target.version,
      features,
      baselineCreatedAt: Number.isFinite(created) ? created : null,
      ...featureDistribution(feature, rows, target.profile.column(column), options.bins),
    };
  }

  async #versionOf(filter: EventFilter): Promise<{ model: string; version: string; profile: DatasetProfile }> {
    const candidates: { model: string; version: string }[] = [];
    if (filter.model !== undefined && filter.version !== undefined) {
      candidates.push({ model: filter.model, version: filter.version });
    } else {
      const traffic = new Map<string, { model: string; version: string; requests: number }>();
      for (const m of await this.#store.listModels(filter)) {
        const key = `${m.model}\u0000${m.version}`;
        const t = traffic.get(key) ?? { model: m.model, version: m.version, requests: 0 };
        t.requests += m.requests;
        traffic.set(key, t);
      }
      candidates.push(
        ...[...traffic.values()].sort(
          (a, b) => b.requests - a.requests || (a.model + a.version < b.model + b.version ? -1 : 1),
        ),
      );
    }
    for (const c of candidates) {
      const profile = await this.#profileOf(filter.projectId, c.model, c.version);
      if (profile !== undefined) return { ...c, profile };
    }
    const what =
      filter.model !== undefined && filter.version !== undefined
        ? `model ${JSON.stringify(filter.model)} version ${JSON.stringify(filter.version)}`
        : 'any model version with traffic in this window';
    throw new QueryServiceError('not_found', `baseline: no baseline for ${what} in this project`, 'baseline');
  }
}
