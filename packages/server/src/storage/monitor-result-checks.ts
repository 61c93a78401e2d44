import {
  MONITOR_RESULTS_MAX_LIMIT,
  MONITOR_STATUSES,
  type MonitorResult,
  type MonitorResultQuery,
} from '../domain/monitor.js';
import { StoreError } from './store-error.js';

/**
 * Validation of monitor results and queries, shared by every store (the contract suite checks the
 * messages): the store does not trust a caller's numbers.
 */

const STATUS_SET = new Set<string>(MONITOR_STATUSES);

/** @throws {StoreError} 'invalid_argument' naming the index, the field and the value. */
export function checkMonitorResults(results: readonly MonitorResult[]): void {
  if (!Array.isArray(results)) {
    throw new StoreError('invalid_argument', 'appendMonitorResults: results must be an array');
  }
  results.forEach((r, i) => {
    const bad = (field: string, expected: string, got: unknown): never => {
      throw new StoreError(
        'invalid_argument',
        `appendMonitorResults: results[${i}].${field} must be ${expected} (got ${typeof got === 'number' ? String(got) : (JSON.stringify(got) ?? String(got))})`,
      );
    };
    for (const k of ['projectId', 'model', 'version', 'monitor'] as const) {
      if (typeof r[k] !== 'string' || r[k].length === 0) bad(k, 'a non-empty string', r[k]);
    }
    if (r.segment !== undefined && typeof r.segment !== 'string') bad('segment', 'a string', r.segment);
    if (!Number.isFinite(r.at)) bad('at', 'finite epoch milliseconds', r.at);
    if (!STATUS_SET.has(r.status)) bad('status', `one of ${MONITOR_STATUSES.join(', ')}`, r.status);
    if (r.status === 'skipped' ? r.value !== null : !Number.isFinite(r.value)) {
      bad('value', r.status === 'skipped' ? 'null for a skipped monitor' : 'a finite number', r.value);
    }
    if (r.details === null || typeof r.details !== 'object' || Array.isArray(r.details)) {
      bad('details', 'a JSON object', r.details);
    }
  });
}

/** @throws {StoreError} 'invalid_argument' for a bad project, window or limit. */
export function checkMonitorResultQuery(projectId: string, query: MonitorResultQuery): void {
  const fn = 'listMonitorResults';
  if (typeof projectId !== 'string' || projectId.length === 0) {
    throw new StoreError(
      'invalid_argument',
      `${fn}: projectId must be a non-empty string (got ${JSON.stringify(projectId)})`,
    );
  }
  for (const k of ['from', 'to'] as const) {
    if (!Number.isFinite(query?.[k])) {
      throw new StoreError('invalid_argument', `${fn}: ${k} must be finite epoch milliseconds (got ${query?.[k]})`);
    }
  }
  if (query.from > query.to) {
    throw new StoreError('invalid_argument', `${fn}: from must be ≤ to (got ${query.from} > ${query.to})`);
  }
  if (!Number.isInteger(query.limit) || query.limit < 1 || query.limit > MONITOR_RESULTS_MAX_LIMIT) {
    throw new StoreError(
      'invalid_argument',
      `${fn}: limit must be an integer in [1, ${MONITOR_RESULTS_MAX_LIMIT}] (got ${query.limit})`,
    );
  }
}
