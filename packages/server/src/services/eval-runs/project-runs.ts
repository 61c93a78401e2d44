import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AttachedGateResult, ModelVersion } from '../../domain/registry.js';
import type { RegistryApi } from '../registry/index.js';
import type { EvalRun } from './eval-run.js';
import { EvalRunError } from './eval-run-error.js';
import { RUNS_DIR, RunArchive } from './run-archive.js';

/** The file in a run's directory that records the project the run was made for. */
export const RUN_PROJECT_FILE = 'project.json';

/**
 * Records the project a run belongs to (`<dataDir>/runs/<runId>/project.json`), next to the
 * immutable run files. `modelwatch runs create` writes it with the registry's project.
 * @throws {EvalRunError} `not_found` without the run.
 */
export function recordRunProject(dataDir: string, runId: string, projectId: string): void {
  new RunArchive(dataDir).get(runId);
  writeFileSync(
    join(dataDir, RUNS_DIR, runId, RUN_PROJECT_FILE),
    `${JSON.stringify({ projectId, recordedAt: Date.now() })}\n`,
    'utf8',
  );
}

/** The recorded project of a run, or undefined (runs made before projects were recorded). */
export function runProjectOf(dataDir: string, runId: string): string | undefined {
  const path = join(dataDir, RUNS_DIR, runId, RUN_PROJECT_FILE);
  if (!existsSync(path)) return undefined;
  const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
  const projectId = (parsed as { projectId?: unknown } | null)?.projectId;
  if (typeof projectId !== 'string' || projectId === '') {
    throw new EvalRunError('invalid', `run: ${path} does not name a project (expected { "projectId": "…" })`, 'run');
  }
  return projectId;
}

/** One run in a project's list: what it evaluated, its headline metrics and its gate result. */
export interface EvalRunSummary {
  readonly id: string;
  readonly model: string;
  readonly version: string;
  readonly dataset: string;
  readonly suite: string;
  readonly task: string;
  readonly createdAt: number;
  /** `passed`/`failed` when a gate result names this run, else `not gated`. */
  readonly status: 'passed' | 'failed' | 'not gated';
  readonly passed?: boolean;
  /** The gate result that names this run (the version's current one, or an earlier one from its history). */
  readonly gate?: {
    readonly gates: string;
    readonly evaluatedAt: number;
    readonly failed: readonly string[];
    /** False when a later gate result replaced it on the version. */
    readonly current: boolean;
  };
  /** Up to four metrics (value, and the bootstrap interval when there is one). */
  readonly metrics: Readonly<Record<string, { readonly value: number; readonly low?: number; readonly high?: number }>>;
  readonly failures: number;
}

export interface ProjectRunsOptions {
  readonly dataDir: string;
  /** The registry of the caller's project. */
  readonly registry: RegistryApi;
  readonly projectId: string;
  /** The most recent `limit` runs (newest first). */
  readonly limit: number;
  readonly model?: string;
  readonly version?: string;
}

interface GateOfRun {
  readonly passed: boolean;
  readonly gates: string;
  readonly evaluatedAt: number;
  readonly failed: readonly string[];
  readonly current: boolean;
}

function gateOf(gate: AttachedGateResult): Omit<GateOfRun, 'current'> {
  return {
    passed: gate.passed,
    gates: gate.gates,
    evaluatedAt: gate.evaluatedAt,
    failed: gate.conditions.filter((c) => !c.passed).map((c) => c.condition),
  };
}

/**
 * The evaluation runs of one project, newest first, each with the gate result that names it.
 *
 * A run is the project's when its `project.json` names the project (written by `modelwatch runs
 * create`), or — for a run without one — when a version in the project's registry carries a gate
 * result of that run (attaching a gate needs the project's admin key, so it claims the run for the
 * project). A run recorded for another project is never listed, whatever the gate results say;
 * a run with neither is listed to no project.
 */
export async function projectRuns(options: ProjectRunsOptions): Promise<readonly EvalRunSummary[]> {
  const archive = new RunArchive(options.dataDir);
  const all = archive.list({
    ...(options.model === undefined ? {} : { model: options.model }),
    ...(options.version === undefined ? {} : { version: options.version }),
  });
  const versions = await projectVersions(options.registry, options.model);
  const gatedRuns = new Map<string, ModelVersion>();
  for (const v of versions) if (v.gate !== undefined) gatedRuns.set(v.gate.runId, v);
  const mine = all.filter((run) => {
    const recorded = runProjectOf(options.dataDir, run.runId);
    if (recorded !== undefined) return recorded === options.projectId;
    const v = gatedRuns.get(run.runId);
    return v !== undefined && v.model === run.model.name && v.version === run.model.version;
  });
  const recent = mine.reverse().slice(0, options.limit);
  const byVersion = new Map(versions.map((v) => [`${v.model}\u0000${v.version}`, v]));
  const history = new Map<string, Map<string, Omit<GateOfRun, 'current'>>>();
  const out: EvalRunSummary[] = [];
  for (const run of recent) {
    const key = `${run.model.name}\u0000${run.model.version}`;
    const version = byVersion.get(key);
    let gate: GateOfRun | undefined;
    if (version?.gate !== undefined && version.gate.runId === run.runId) {
      gate = { ...gateOf(version.gate), current: true };
    } else if (version !== undefined) {
      if (!history.has(key)) history.set(key, await gateHistory(options.registry, version));
      const earlier = history.get(key)?.get(run.runId);
      if (earlier !== undefined) gate = { ...earlier, current: false };
    }
    out.push(summaryOf(run, gate));
  }
  return out;
}

async function projectVersions(registry: RegistryApi, model: string | undefined): Promise<ModelVersion[]> {
  const models = (await registry.listModels()).map((m) => m.model).filter((m) => model === undefined || m === model);
  const lists = await Promise.all(models.map((m) => registry.listVersions(m)));
  return lists.flat();
}

/** The gate results a version's audit log records, by run id (the latest per run). */
async function gateHistory(
  registry: RegistryApi,
  version: ModelVersion,
): Promise<Map<string, Omit<GateOfRun, 'current'>>> {
  const out = new Map<string, Omit<GateOfRun, 'current'>>();
  for (const entry of await registry.history(version.model, version.version)) {
    if (entry.action !== 'gate') continue;
    const d = entry.details as { passed?: unknown; runId?: unknown; gates?: unknown; failed?: unknown };
    if (typeof d.runId !== 'string' || typeof d.passed !== 'boolean') continue;
    out.set(d.runId, {
      passed: d.passed,
      gates: typeof d.gates === 'string' ? d.gates : '',
      evaluatedAt: entry.at,
      failed: Array.isArray(d.failed) ? d.failed.filter((f): f is string => typeof f === 'string') : [],
    });
  }
  return out;
}

function summaryOf(run: EvalRun, gate: GateOfRun | undefined): EvalRunSummary {
  const metrics = Object.fromEntries(
    Object.entries(run.metrics)
      .filter(([, m]) => Number.isFinite(m.value))
      .slice(0, 4)
      .map(([name, m]) => [
        name,
        {
          value: m.value,
          ...(m.low === undefined || !Number.isFinite(m.low) ? {} : { low: m.low }),
          ...(m.high === undefined || !Number.isFinite(m.high) ? {} : { high: m.high }),
        },
      ]),
  );
  return {
    id: run.runId,
    model: run.model.name,
    version: run.model.version,
    dataset: `${run.dataset.name}@${run.dataset.version}`,
    suite: run.suite,
    task: run.task,
    createdAt: run.createdAt,
    status: gate === undefined ? 'not gated' : gate.passed ? 'passed' : 'failed',
    ...(gate === undefined
      ? {}
      : {
          passed: gate.passed,
          gate: { gates: gate.gates, evaluatedAt: gate.evaluatedAt, failed: gate.failed, current: gate.current },
        }),
    metrics,
    failures: run.failures,
  };
}
