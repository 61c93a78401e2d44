import { z } from 'zod';
import type { DatasetRow } from '../../domain/dataset.js';
import { readTableFile } from '../../storage/duckdb/read-table-file.js';
import { HttpTransport, OpenAiChatClient } from '../providers/index.js';
import { EvalRunError } from './eval-run-error.js';
import type { EndpointSettings } from './suite-config.js';

/** What the model said about one example. */
export interface ModelAnswer {
  readonly prediction?: string | number;
  readonly score?: number;
  readonly latencyMs?: number;
  readonly attempts?: number;
  readonly error?: string;
}

/** Progress of the calls to a model endpoint. */
export interface PredictionProgress {
  readonly done: number;
  readonly total: number;
  readonly failed: number;
  /** Generation runs: calls to the model under test, then to the judge. */
  readonly phase?: 'model' | 'judge';
}

function fieldAt(value: unknown, path: string): unknown {
  let v = value;
  for (const key of path.split('.')) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

/**
 * Predictions from a file (CSV, Parquet, JSON lines) joined to the examples on `idColumn`
 * (`id` in the file when the suite has no id column: the 0-based row number): column `prediction`,
 * optionally `score` (positive-class probability) and `latency_ms`.
 * @throws {EvalRunError} `invalid` for a missing column; `not_found` for an example without prediction.
 */
export async function predictionsFromFile(
  file: string,
  ids: readonly string[],
  idColumn: string,
): Promise<ModelAnswer[]> {
  let table: Awaited<ReturnType<typeof readTableFile>>;
  try {
    table = await readTableFile(file);
  } catch (err) {
    throw new EvalRunError(
      'invalid',
      `model.predictions: cannot read ${file}: ${(err as Error).message}`,
      'model.predictions',
    );
  }
  for (const required of [idColumn, 'prediction']) {
    if (!table.names.includes(required)) {
      throw new EvalRunError(
        'invalid',
        `model.predictions: ${file} must have a column ${JSON.stringify(required)} (columns: ${table.names.join(', ')})`,
        'model.predictions',
      );
    }
  }
  const byId = new Map<string, number>();
  const idValues = table.columns[idColumn] as readonly unknown[];
  idValues.forEach((v, i) => {
    byId.set(String(v), i);
  });
  const pred = table.columns.prediction as readonly unknown[];
  const score = table.columns.score as readonly unknown[] | undefined;
  const latency = table.columns.latency_ms as readonly unknown[] | undefined;
  return ids.map((id) => {
    const i = byId.get(id);
    if (i === undefined) {
      throw new EvalRunError(
        'not_found',
        `model.predictions: ${file} has no row with ${idColumn} = ${JSON.stringify(id)}`,
        'model.predictions',
      );
    }
    const p = pred[i];
    const s = score?.[i];
    const l = latency?.[i];
    return {
      ...(p === null || p === undefined
        ? { error: 'no prediction' }
        : { prediction: typeof p === 'number' ? p : String(p) }),
      ...(typeof s === 'number' ? { score: s } : {}),
      ...(typeof l === 'number' ? { latencyMs: l } : {}),
    };
  });
}

function render(template: string, row: DatasetRow): string {
  return template.replace(/\{\{\s*([^}]+?)\s*\}\}/g, (_m, name: string) => {
    const v = row[name];
    return v === undefined || v === null ? '' : String(v);
  });
}

/**
 * Calls a model endpoint once per example, at most `concurrency` calls in flight, retrying 429,
 * 5xx and network errors with backoff (the provider clients' HttpTransport), and reports progress.
 * `json`: POST `{ "inputs": { feature: value, … } }` to the URL; the prediction (and score) are
 * read from the response at `predictionField` (`scoreField`). `openai-chat`: POST
 * `/chat/completions` under the URL with the rendered `prompt`; the prediction is the trimmed text.
 * A call that still fails is recorded on its example (`error`) and left out of the metrics.
 */
export async function predictionsFromEndpoint(
  endpoint: EndpointSettings,
  rows: readonly DatasetRow[],
  features: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  onProgress?: (p: PredictionProgress) => void,
): Promise<ModelAnswer[]> {
  const apiKey = endpoint.apiKeyEnv === undefined ? undefined : env[endpoint.apiKeyEnv];
  if (endpoint.apiKeyEnv !== undefined && (apiKey === undefined || apiKey === '')) {
    throw new EvalRunError(
      'invalid',
      `model.endpoint.apiKeyEnv: the environment variable ${endpoint.apiKeyEnv} is not set`,
      'model.endpoint.apiKeyEnv',
    );
  }
  const common = {
    baseUrl: endpoint.url,
    concurrency: endpoint.concurrency,
    maxRetries: endpoint.maxRetries,
    timeoutMs: endpoint.timeoutMs,
    initialBackoffMs: 100,
    ...(apiKey === undefined ? {} : { apiKey }),
  };
  let call: (row: DatasetRow) => Promise<ModelAnswer>;
  if (endpoint.protocol === 'openai-chat') {
    if (endpoint.model === undefined || endpoint.prompt === undefined) {
      throw new EvalRunError('invalid', 'model.endpoint: openai-chat needs model and prompt', 'model.endpoint');
    }
    const client = new OpenAiChatClient(common);
    const { model, prompt } = endpoint;
    call = async (row) => {
      const c = await client.complete({
        model,
        messages: [{ role: 'user', content: render(prompt, row) }],
        temperature: 0,
      });
      return { prediction: c.text.trim(), latencyMs: c.latencyMs, attempts: c.attempts };
    };
  } else {
    const transport = new HttpTransport(
      'model-endpoint',
      endpoint.url,
      apiKey === undefined ? {} : { authorization: `Bearer ${apiKey}` },
      common,
    );
    const { predictionField, scoreField } = endpoint;
    call = async (row) => {
      const inputs: Record<string, unknown> = {};
      for (const f of features) inputs[f] = row[f] ?? null;
      const r = await transport.post('', { inputs }, z.unknown());
      const p = fieldAt(r.data, predictionField);
      if (typeof p !== 'string' && typeof p !== 'number' && typeof p !== 'boolean') {
        return { error: `response field ${predictionField} is not a string or number`, attempts: r.attempts };
      }
      const s = scoreField === undefined ? undefined : fieldAt(r.data, scoreField);
      return {
        prediction: typeof p === 'number' ? p : String(p),
        ...(typeof s === 'number' ? { score: s } : {}),
        latencyMs: r.latencyMs,
        attempts: r.attempts,
      };
    };
  }
  let done = 0;
  let failed = 0;
  onProgress?.({ done, total: rows.length, failed });
  // The transport's semaphore bounds the calls in flight; every call is started at once.
  const answers = await Promise.all(
    rows.map(async (row) => {
      let answer: ModelAnswer;
      try {
        answer = await call(row);
      } catch (err) {
        answer = { error: (err as Error).message };
      }
      done++;
      if (answer.error !== undefined) failed++;
      onProgress?.({ done, total: rows.length, failed });
      return answer;
    }),
  );
  if (rows.length > 0 && failed === rows.length) {
    throw new EvalRunError(
      'model_failed',
      `model.endpoint: every call to ${endpoint.url} failed; the first error: ${answers[0]?.error}`,
      'model.endpoint',
    );
  }
  return answers;
}
