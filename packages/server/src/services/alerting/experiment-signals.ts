import type { AuditEntry, Store } from '../../storage/store.js';
import { ExperimentServiceError, type ExperimentServices, ROLLOUT_DOCUMENT } from '../experiments-server/index.js';
import type { MonitorSignal } from './rule-signals.js';

/** Default window over which rollbacks are counted and the SRM check runs (the evaluator's, 15 min). */
export const DEFAULT_EXPERIMENT_SIGNAL_WINDOW_MS = 15 * 60_000;

/** Rollout audit actions that count as a rollback (the controller's and a hand or alert abort). */
const ROLLBACK_ACTIONS: ReadonlySet<string> = new Set(['rollback', 'abort']);

export interface ExperimentSignalsOptions {
  /** Window [now − windowMs, now] of the rollback count and the SRM check (default 15 min). */
  readonly windowMs?: number;
  /** Told of an experiment whose analysis failed (it then gets no SRM signal); never thrown. */
  readonly onError?: (what: string, err: unknown) => void;
}

/**
 * Monitor signals over experiment and rollout states, for alert rules (`rollout.*`,
 * `experiment.*`), one per project and experiment, with `model` = the experiment id:
 *
 * - `rollout.rollbacks`: rollbacks and aborts of the experiment's rollout in the window (the
 *   controller's `rollback`, an `abort` by hand or by an alert action); `details.reasons` lists
 *   their reason codes. Reported for every rollout that exists, 0 when none happened, so an
 *   alert on it resolves once the rollback leaves the window.
 * - `experiment.srm_p_value`: the sample-ratio-mismatch test's p-value of a running experiment
 *   over the window (core sampleRatioMismatch: chi-square of units per arm against the
 *   weights); `details` has `mismatch`, `enoughData` and the observed and expected shares. Left
 *   out while the test has too few units, so a rule never fires on noise.
 *
 * The built-in rules `CanaryRolledBack` and `ExperimentSampleRatioMismatch` watch them.
 */
export async function experimentSignals(
  store: Pick<Store, 'listProjects' | 'listDocuments' | 'listAudit'>,
  experiments: Pick<ExperimentServices, 'registry' | 'analyse'>,
  now: number,
  options: ExperimentSignalsOptions = {},
): Promise<MonitorSignal[]> {
  const windowMs = options.windowMs ?? DEFAULT_EXPERIMENT_SIGNAL_WINDOW_MS;
  const from = now - windowMs;
  const out: MonitorSignal[] = [];
  for (const { id: projectId } of await store.listProjects()) {
    for (const { id } of await store.listDocuments(projectId, ROLLOUT_DOCUMENT)) {
      const audit = await store.listAudit(projectId, { kind: 'rollout', subject: id, limit: 1000 });
      const rollbacks = audit.filter((a: AuditEntry) => ROLLBACK_ACTIONS.has(a.action) && a.at > from && a.at <= now);
      out.push({
        projectId,
        model: id,
        version: '',
        monitor: 'rollout.rollbacks',
        at: now,
        value: rollbacks.length,
        details: {
          from,
          rollout: id,
          reasons: rollbacks.map((a) => reasonCode(a)),
          ...(rollbacks.length === 0 ? {} : { lastAt: Math.max(...rollbacks.map((a) => a.at)) }),
        },
      });
    }
    for (const experiment of await experiments.registry.list(projectId)) {
      if (experiment.definition.status !== 'running') continue;
      try {
        const result = await experiments.analyse(projectId, experiment.definition.id, {
          window: { from, to: now },
        });
        const srm = result.analysis.srm;
        if (!srm.enoughData) continue;
        out.push({
          projectId,
          model: experiment.definition.id,
          version: '',
          monitor: 'experiment.srm_p_value',
          at: now,
          value: srm.pValue,
          details: {
            from,
            mismatch: srm.mismatch,
            statistic: srm.statistic,
            observedShares: [...srm.observedShares],
            expectedShares: [...srm.expectedShares],
          },
        });
      } catch (err) {
        // Too few units in an arm to analyse: no signal (as with too few units for the test).
        if (err instanceof ExperimentServiceError && err.code === 'unprocessable') continue;
        options.onError?.(`experiment ${experiment.definition.id} of project ${projectId}`, err);
      }
    }
  }
  return out;
}

function reasonCode(a: AuditEntry): string {
  const d = a.details as { reason?: { code?: unknown } | string } | undefined;
  if (typeof d?.reason === 'string') return a.action;
  return typeof d?.reason?.code === 'string' ? d.reason.code : a.action;
}
