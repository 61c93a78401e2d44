import type { ColumnProfile, DatasetProfile } from '@modelwatch/core/drift';
import type { FeatureRow } from '../../domain/query.js';

/** Tail quantiles of the baseline that bound its "seen" range of a numeric feature. */
export const OOD_RANGE_QUANTILES = [0.005, 0.995] as const;

export interface ProfileOodOptions {
  /** Score of a categorical value the baseline never saw (or of a value of the wrong type); default 1. */
  readonly unseenCategoryScore?: number;
}

/** Why one feature of an event is out of distribution. */
export type OodFeatureReason =
  | {
      readonly feature: string;
      readonly kind: 'below' | 'above';
      readonly value: number;
      /** The baseline's [q0.5 %, q99.5 %] range. */
      readonly range: readonly [number, number];
      /** The scale the distance is divided by: the baseline's IQR (see `profileOodScore`). */
      readonly scale: number;
      readonly score: number;
    }
  | {
      readonly feature: string;
      readonly kind: 'unseen_category' | 'unexpected_type';
      readonly value: string | number | boolean;
      readonly score: number;
    };

/** An event's OOD score against a baseline profile: the largest feature score, and the features that scored. */
export interface ProfileOodScoreResult {
  readonly score: number;
  /** Features with a positive score, highest first. */
  readonly features: readonly OodFeatureReason[];
  /** Features of the event that the baseline has a column for (the others are not scored). */
  readonly scored: number;
}

/** What the score needs of one baseline column, computed once per column. */
interface NumericReference {
  readonly kind: 'numerical';
  readonly low: number;
  readonly high: number;
  readonly scale: number;
}
interface CategoricalReference {
  readonly kind: 'categorical';
  readonly seen: ReadonlySet<string>;
}
type ColumnReference = NumericReference | CategoricalReference | { readonly kind: 'unscored' };

function columnReference(column: ColumnProfile): ColumnReference {
  const t = column.typeCounts;
  const labels = t.string + t.boolean;
  if (column.finiteCount > 0 && column.finiteCount >= labels) {
    const [low, high, q1, q3] = column.kll.quantiles([...OOD_RANGE_QUANTILES, 0.25, 0.75]) as [
      number,
      number,
      number,
      number,
    ];
    const iqr = q3 - q1;
    // Scale: the IQR; a baseline concentrated on one value has none, so the seen range, then 1
    // (the feature's own unit) for a constant column.
    const scale = iqr > 0 ? iqr : high > low ? high - low : 1;
    return { kind: 'numerical', low, high, scale };
  }
  // Unseen categories are only knowable when the frequent-items sketch kept every value exactly.
  if (labels > 0 && column.frequentItems.maximumError() === 0) {
    return { kind: 'categorical', seen: new Set(column.frequentItems.topK().map((r) => r.item)) };
  }
  return { kind: 'unscored' };
}

/**
 * Out-of-distribution score of single events against a model version's baseline profile (the
 * reference is a sketch, not rows, so core's row-based `mahalanobisOodScores`/`knnOodScores`
 * do not apply; this is the per-feature range check a profile supports):
 *
 * - numeric feature x with baseline quantiles L = q0.5 %, H = q99.5 % and IQR = q75 % − q25 %:
 *   score = (L − x) / IQR below L, (x − H) / IQR above H, 0 inside [L, H] — "how many baseline
 *   IQRs outside the range that holds 99 % of the baseline". A baseline without spread uses
 *   H − L, then 1, as the scale.
 * - categorical feature (strings, booleans): a value the baseline never saw scores
 *   `unseenCategoryScore` (default 1), when the baseline's frequent-items sketch is exact (it kept
 *   every distinct value); otherwise categorical values are not scored.
 * - a string where the baseline holds numbers (or a number where it holds categories) scores
 *   `unseenCategoryScore` as `unexpected_type`.
 *
 * The event's score is the maximum over its features (missing values and features the baseline
 * has no column for are not scored). `feature` names are the event's; `columnOf` maps a feature
 * to its profile column (`$`-escaping).
 */
export class ProfileOodScorer {
  readonly #profile: DatasetProfile;
  readonly #columnOf: (feature: string) => string;
  readonly #unseen: number;
  readonly #references = new Map<string, ColumnReference | undefined>();

  constructor(profile: DatasetProfile, columnOf: (feature: string) => string, options: ProfileOodOptions = {}) {
    this.#profile = profile;
    this.#columnOf = columnOf;
    this.#unseen = options.unseenCategoryScore ?? 1;
  }

  #reference(feature: string): ColumnReference | undefined {
    if (this.#references.has(feature)) return this.#references.get(feature);
    const name = this.#columnOf(feature);
    const ref = this.#profile.hasColumn(name) ? columnReference(this.#profile.column(name)) : undefined;
    this.#references.set(feature, ref);
    return ref;
  }

  score(features: FeatureRow): ProfileOodScoreResult {
    const reasons: OodFeatureReason[] = [];
    let scored = 0;
    for (const [feature, value] of Object.entries(features)) {
      if (value === null || value === undefined) continue;
      const ref = this.#reference(feature);
      if (ref === undefined || ref.kind === 'unscored') continue;
      scored++;
      if (ref.kind === 'numerical') {
        if (typeof value !== 'number') {
          reasons.push({ feature, kind: 'unexpected_type', value, score: this.#unseen });
        } else if (value < ref.low) {
          const score = (ref.low - value) / ref.scale;
          reasons.push({ feature, kind: 'below', value, range: [ref.low, ref.high], scale: ref.scale, score });
        } else if (value > ref.high) {
          const score = (value - ref.high) / ref.scale;
          reasons.push({ feature, kind: 'above', value, range: [ref.low, ref.high], scale: ref.scale, score });
        }
      } else if (typeof value === 'number') {
        reasons.push({ feature, kind: 'unexpected_type', value, score: this.#unseen });
      } else {
        const key = typeof value === 'boolean' ? (value ? 'true' : 'false') : value;
        if (!ref.seen.has(key)) reasons.push({ feature, kind: 'unseen_category', value, score: this.#unseen });
      }
    }
    reasons.sort((a, b) => b.score - a.score || (a.feature < b.feature ? -1 : 1));
    return { score: reasons[0]?.score ?? 0, features: reasons, scored };
  }
}
