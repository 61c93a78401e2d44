import { describe, expect, it } from 'vitest';
import { parseExposition, samplesOf } from '../../../test/prometheus-text.js';
import { TelemetryMetrics } from '../telemetry/index.js';
import { type ExportedResult, exportExperimentSignals, exportMonitorResults } from './monitor-telemetry.js';

function result(fields: Partial<ExportedResult> & Pick<ExportedResult, 'monitor'>): ExportedResult {
  return { projectId: 'acme', model: 'ranker', version: 'v1', value: 0, details: {}, ...fields };
}

async function scrape(m: TelemetryMetrics) {
  return parseExposition(await m.metrics());
}

const quiet = { processMetrics: false };

describe('exportMonitorResults', () => {
  it('sets quality and drift gauges of whole-model results, never of a segment or a skipped result', async () => {
    const m = new TelemetryMetrics(quiet);
    exportMonitorResults(m, [
      result({ monitor: 'quality.accuracy_recent', value: 0.8 }),
      result({ monitor: 'quality.accuracy', value: 0.4, segment: 'region=eu' }),
      result({ monitor: 'drift.feature.age', value: 0.3, details: { column: 'age' } }),
      result({ monitor: 'drift.share', value: 0.5, details: { column: 'age' } }),
      result({ monitor: 'quality.f1_macro', value: null }),
    ]);
    const s = await scrape(m);
    expect(samplesOf(s, 'model_quality_score').map((x) => [x.labels.model_id, x.labels.metric, x.value])).toEqual([
      ['ranker:v1', 'accuracy_recent', 0.8],
    ]);
    expect(samplesOf(s, 'model_drift_score').map((x) => [x.labels.feature, x.value])).toEqual([['age', 0.3]]);
  });

  it('sets the rollout and SRM gauges of whole-experiment signals, labelled by the experiment id', async () => {
    const m = new TelemetryMetrics(quiet);
    exportMonitorResults(m, [
      result({ monitor: 'rollout.rollbacks', model: 'ranker-canary', version: '', value: 1 }),
      result({ monitor: 'experiment.srm_p_value', model: 'checkout-ab', version: '', value: 0.0002 }),
      result({ monitor: 'experiment.srm_p_value', model: 'sliced', version: '', value: 0.5, segment: 'region=eu' }),
    ]);
    const s = await scrape(m);
    expect(samplesOf(s, 'model_rollout_rollbacks')).toEqual([
      { name: 'model_rollout_rollbacks', labels: { project_id: 'acme', experiment: 'ranker-canary' }, value: 1 },
    ]);
    expect(samplesOf(s, 'model_experiment_srm_p_value')).toEqual([
      {
        name: 'model_experiment_srm_p_value',
        labels: { project_id: 'acme', experiment: 'checkout-ab' },
        value: 0.0002,
      },
    ]);
    // Not quality or drift gauges of a model named after the experiment.
    expect(samplesOf(s, 'model_quality_score')).toEqual([]);
  });
});

describe('exportExperimentSignals', () => {
  it("keeps the series of the run's signals only: a stopped experiment's SRM series goes, so its alert resolves", async () => {
    const m = new TelemetryMetrics(quiet);
    const rollback = result({ monitor: 'rollout.rollbacks', model: 'canary-1', version: '', value: 0 });
    const srm = (model: string, value: number) =>
      result({ monitor: 'experiment.srm_p_value', model, version: '', value });
    exportExperimentSignals(m, [rollback, srm('ab-1', 0.0001), srm('ab-2', 0.6)]);
    let s = await scrape(m);
    expect(samplesOf(s, 'model_experiment_srm_p_value').map((x) => x.labels.experiment)).toEqual(['ab-1', 'ab-2']);
    // ab-1 stopped: the next run reports no SRM signal for it.
    exportExperimentSignals(m, [rollback, srm('ab-2', 0.5)]);
    s = await scrape(m);
    expect(samplesOf(s, 'model_experiment_srm_p_value').map((x) => [x.labels.experiment, x.value])).toEqual([
      ['ab-2', 0.5],
    ]);
    expect(samplesOf(s, 'model_rollout_rollbacks').map((x) => [x.labels.experiment, x.value])).toEqual([
      ['canary-1', 0],
    ]);
  });
});
