import type { EvalRunSummary, ModelSummary, ModelVersion } from '../api/api-types.js';
import { dataTable } from '../components/data-table.js';
import { el } from '../components/dom.js';
import { fill, panel } from '../components/panel.js';
import { badge } from '../components/stat-tiles.js';
import { formatNumber, formatTime } from '../format.js';
import type { View } from './view-context.js';

/** Models: the registry (models, versions and stages, lineage), evaluation runs and gate results. */
export const modelsView: View = async (root, ctx) => {
  const registry = panel('registry', 'Model registry', { size: 'full' });
  const versions = panel('versions', 'Versions', { size: 'full' });
  const gates = panel('gates', 'Gate results', { size: 'wide' });
  const runs = panel('eval-runs', 'Evaluation runs', {
    size: 'full',
    note: 'The project’s most recent runs (modelwatch runs create) with headline metrics and the gate result that names each run.',
  });
  root.append(registry.root, versions.root, gates.root, runs.root);

  const [models, evalRuns] = await Promise.all([
    ctx.api.get<{ models: readonly ModelSummary[] }>('/v1/models'),
    ctx.api.get<{ runs: readonly EvalRunSummary[] }>('/v1/eval-runs', {
      limit: 20,
      model: ctx.state.model,
      version: ctx.state.version,
    }),
  ]);
  fill(registry, models, (d) => {
    if (d.models.length === 0)
      return registry.empty('No model is registered (POST /v1/models/:model/versions, or modelwatch models register).');
    registry.show(
      dataTable(
        'Registered models',
        [
          { header: 'Model', cell: (m) => el('a', { href: `#/models?model=${encodeURIComponent(m.model)}` }, m.model) },
          { header: 'Production', cell: (m) => m.production ?? '—' },
          { header: 'Staging', cell: (m) => m.staging.join(', ') || '—' },
          { header: 'Latest', cell: (m) => m.latest },
          { header: 'Versions', cell: (m) => String(m.versions), numeric: true },
          { header: 'Updated', cell: (m) => formatTime(m.updatedAt, ctx.now) },
        ],
        d.models,
      ),
    );
  });
  const names = models.ok
    ? models.data.models.map((m) => m.model).filter((m) => ctx.state.model === undefined || m === ctx.state.model)
    : [];
  // One request per registered model (a handful), in parallel.
  const perModel = await Promise.all(
    names.map((m) =>
      ctx.api.get<{ versions: readonly ModelVersion[] }>(
        `/v1/models/${encodeURIComponent(m)}/versions`,
        {},
        '/v1/models/{model}/versions',
      ),
    ),
  );
  const failed = perModel.find((r) => !r.ok);
  const all = perModel.flatMap((r) => (r.ok ? r.data.versions : []));
  if (!models.ok) {
    versions.unavailable(models.message);
    gates.unavailable(models.message);
  } else if (failed !== undefined && !failed.ok) {
    versions.unavailable(failed.message);
    gates.unavailable(failed.message);
  } else if (all.length === 0) {
    versions.empty('No version registered.');
    gates.empty('No version registered.');
  } else {
    const stageTone = (s: string) => (s === 'production' ? 'ok' : s === 'staging' ? 'warn' : 'neutral');
    versions.show(
      dataTable(
        'Model versions',
        [
          { header: 'Model', cell: (v: ModelVersion) => v.model },
          { header: 'Version', cell: (v) => v.version },
          { header: 'Stage', cell: (v) => badge(v.stage, stageTone(v.stage)) },
          {
            header: 'Gate',
            cell: (v) =>
              v.gate === undefined ? '—' : badge(v.gate.passed ? 'passed' : 'failed', v.gate.passed ? 'ok' : 'alert'),
          },
          {
            header: 'Lineage',
            cell: (v) =>
              Object.entries(v.lineage)
                .map(([k, x]) => `${k}: ${String(x)}`)
                .join(', ') || '—',
          },
          { header: 'Artifact', cell: (v) => el('span', { title: `sha256 ${v.artifactSha256}` }, v.artifactUri) },
          { header: 'Created', cell: (v) => `${formatTime(v.createdAt, ctx.now)} by ${v.createdBy}` },
        ],
        all,
      ),
    );
    const gated = all.filter((v) => v.gate !== undefined);
    if (gated.length === 0) gates.empty('No gate result is attached to any version (modelwatch gate … --attach).');
    else
      gates.show(
        ...gated.map((v) =>
          el(
            'div',
            {},
            el(
              'h3',
              {},
              `${v.model} ${v.version} `,
              badge(v.gate?.passed ? 'passed' : 'failed', v.gate?.passed ? 'ok' : 'alert'),
            ),
            el(
              'p',
              { class: 'muted' },
              `${v.gate?.gates ?? ''}, run ${v.gate?.runId ?? ''}, ${formatTime(v.gate?.evaluatedAt ?? 0, ctx.now)}`,
            ),
            dataTable(
              `Gate conditions of ${v.model} ${v.version}`,
              [
                {
                  header: 'Condition',
                  cell: (c: { condition: string; passed: boolean; detail: string }) => c.condition,
                },
                { header: 'Result', cell: (c) => badge(c.passed ? 'pass' : 'fail', c.passed ? 'ok' : 'alert') },
                { header: 'Detail', cell: (c) => c.detail },
              ],
              v.gate?.conditions ?? [],
            ),
          ),
        ),
      );
  }
  fill(runs, evalRuns, (d) => {
    if (d.runs.length === 0)
      return runs.empty('No evaluation run of this project (modelwatch runs create, then modelwatch gate).');
    const metric = (m: EvalRunSummary['metrics'][string]) =>
      `${formatNumber(m.value)}${m.low === undefined || m.high === undefined ? '' : ` [${formatNumber(m.low)}, ${formatNumber(m.high)}]`}`;
    runs.show(
      dataTable(
        'Evaluation runs, newest first',
        [
          { header: 'Run', cell: (x: EvalRunSummary) => x.id },
          { header: 'Model', cell: (x) => `${x.model} ${x.version}` },
          { header: 'Dataset', cell: (x) => x.dataset },
          { header: 'When', cell: (x) => formatTime(x.createdAt, ctx.now) },
          {
            header: 'Metrics',
            cell: (x) =>
              Object.entries(x.metrics)
                .map(([k, m]) => `${k} ${metric(m)}`)
                .join(', ') || '—',
          },
          {
            header: 'Gate',
            cell: (x) =>
              el(
                'span',
                {},
                badge(x.status, x.status === 'passed' ? 'ok' : x.status === 'failed' ? 'alert' : 'neutral'),
                x.gate === undefined
                  ? ''
                  : ` ${x.gate.gates}${x.gate.failed.length > 0 ? `: failed ${x.gate.failed.join('; ')}` : ''}${x.gate.current ? '' : ' (replaced)'}`,
              ),
          },
        ],
        d.runs,
      ),
    );
  });
};
