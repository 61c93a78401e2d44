import type { DuckDBValue } from '@duckdb/node-api';
import type { EventFilter } from '../../domain/query.js';
import { StoreError } from '../store-error.js';

/** A WHERE clause with its bound parameters ($1, $2, … in order). */
export interface BoundSql {
  readonly sql: string;
  readonly params: DuckDBValue[];
}

/** Validates a filter's window: finite integers with from ≤ to. */
export function checkFilter(filter: EventFilter, what: string): void {
  if (typeof filter?.projectId !== 'string' || filter.projectId.length === 0) {
    throw new StoreError('invalid_argument', `${what}: filter.projectId must be a non-empty string`);
  }
  for (const k of ['from', 'to'] as const) {
    if (!Number.isFinite(filter[k])) {
      throw new StoreError(
        'invalid_argument',
        `${what}: filter.${k} must be finite epoch milliseconds (got ${filter[k]})`,
      );
    }
  }
  if (filter.from > filter.to) {
    throw new StoreError(
      'invalid_argument',
      `${what}: filter.from must be ≤ filter.to (got ${filter.from} > ${filter.to})`,
    );
  }
}

/**
 * The WHERE clause of an event filter over `events` (columns optionally prefixed by `alias.`),
 * every value bound: project, [from, to) on `ts`, equality on model/version/variant/experiment,
 * and each segment key = value. `params` may already hold values; numbering continues after them.
 */
export function eventWhere(filter: EventFilter, alias = '', params: DuckDBValue[] = []): BoundSql {
  const col = (name: string): string => (alias ? `${alias}.${name}` : name);
  const bind = (v: DuckDBValue): string => {
    params.push(v);
    return `$${params.length}`;
  };
  const parts = [
    `${col('project_id')} = ${bind(filter.projectId)}`,
    `${col('ts')} >= ${bind(BigInt(Math.ceil(filter.from)))}`,
    `${col('ts')} < ${bind(BigInt(Math.ceil(filter.to)))}`,
  ];
  for (const k of ['model', 'version', 'variant', 'experiment'] as const) {
    const v = filter[k];
    if (v !== undefined) parts.push(`${col(k)} = ${bind(v)}`);
  }
  for (const [k, v] of Object.entries(filter.segment ?? {})) {
    parts.push(`${col('segment_values')}[list_position(${col('segment_keys')}, ${bind(k)})] = ${bind(v)}`);
  }
  return { sql: parts.join(' AND '), params };
}
