import { z } from 'zod';
import type { DatasetRow } from '../../domain/dataset.js';
import { DEFAULT_PRICE_TABLE, type PriceTable, type TokenUsage } from '../../domain/pricing.js';
import { readTableFile } from '../../storage/duckdb/read-table-file.js';
import { HttpTransport, OpenAiChatClient } from '../providers/index.js';
import { costUsd } from '../tokens/cost-usd.js';
import { modelPriceFor } from '../tokens/model-price.js';
import { EvalRunError } from './eval-run-error.js';
import type { PredictionProgress } from './model-predictions.js';
import type { EndpointSettings } from './suite-config.js';

/** What a generative model said for one example. */
export interface GenerationAnswer {
  readonly output?: string;
  /** The text sent to the model (endpoint), when it differs from the input column. */
  readonly sent?: string;
  readonly usage?: TokenUsage;
  readonly costUsd?: number;
  readonly latencyMs?: number;
  readonly attempts?: number;
  readonly error?: string;
}

/** The model's answers and the price table entry its cost was computed with (if any). */
export interface GenerationAnswers {
  readonly answers: readonly GenerationAnswer[];
  readonly pricedAs?: string;
}

const OUTPUT_COLUMNS = ['output', 'prediction', 'response', 'completion'] as const;

function count(v: unknown): number | undefined {
  const n = typeof v === 'bigint' ? Number(v) : v;
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0 ? n : undefined;
}

/**
 * Outputs of a generative model from a file (CSV, Parquet, JSON lines), joined to the examples on
 * `idColumn`: the text in `output` (or `prediction`, `response`, `completion`), optionally
 * `input_tokens`, `output_tokens`, `cost_usd` and `latency_ms`. A null output is recorded as a
 * failed call for its example.
 * @throws {EvalRunError} `invalid` for an unreadable file or a missing column; `not_found` for an example without a row.
 */
export async function generationFromFile(
  file: string,
  ids: readonly string[],
  idColumn: string,
): Promise<GenerationAnswers> {
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
  const outputColumn = OUTPUT_COLUMNS.find((c) => table.names.includes(c));
  if (!table.names.includes(idColumn) || outputColumn === undefined) {
    throw new EvalRunError(
      'invalid',
      `model.predictions: ${file} must have the columns ${JSON.stringify(idColumn)} and one of ${OUTPUT_COLUMNS.join(', ')} (columns: ${table.names.join(', ')})`,
      'model.predictions',
    );
  }
  const byId = new Map<string, number>();
  (table.columns[idColumn] as readonly unknown[]).forEach((v, i) => {
    byId.set(String(v), i);
  });
  const out = table.columns[outputColumn] as readonly unknown[];
  const inTok = table.columns.input_tokens as readonly unknown[] | undefined;
  const outTok = table.columns.output_tokens as readonly unknown[] | undefined;
  const cost = table.columns.cost_usd as readonly unknown[] | undefined;
  const latency = table.columns.latency_ms as readonly unknown[] | undefined;
  const answers = ids.map((id): GenerationAnswer => {
    const i = byId.get(id);
    if (i === undefined) {
      throw new EvalRunError(
        'not_found',
        `model.predictions: ${file} has no row with ${idColumn} = ${JSON.stringify(id)}`,
        'model.predictions',
      );
    }
    const o = out[i];
    const it = count(inTok?.[i]);
    const ot = count(outTok?.[i]);
    const c = cost?.[i];
    const l = latency?.[i];
    return {
      ...(o === null || o === undefined ? { error: 'no output' } : { output: String(o) }),
      ...(it === undefined || ot === undefined ? {} : { usage: { inputTokens: it, outputTokens: ot } }),
      ...(typeof c === 'number' && Number.isFinite(c) && c >= 0 ? { costUsd: c } : {}),
      ...(typeof l === 'number' && Number.isFinite(l) ? { latencyMs: l } : {}),
    };
  });
  return { answers };
}

function render(template: string, row: DatasetRow): string {
  return template.replace(/\{\{\s*([^}]+?)\s*\}\}/g, (_m, name: string) => {
    const v = row[name];
    return v === undefined || v === null ? '' : String(v);
  });
}

function fieldAt(value: unknown, path: string): unknown {
  let v = value;
  for (const key of path.split('.')) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

/** The price table for `model`: the suite's own price when given, else the built-in table. */
export function priceTableFor(
  model: string,
  price: { readonly inputUsdPerMTok: number; readonly outputUsdPerMTok: number } | undefined,
): PriceTable {
  return price === undefined ? DEFAULT_PRICE_TABLE : { [model]: { ...price, asOf: '1970-01-01' } };
}

/**
 * Calls a generative model once per example, at most `concurrency` calls in flight, retrying 429,
 * 5xx and network errors with backoff (the provider clients' HttpTransport), and reports progress.
 * `openai-chat`: POST `chat/completions` under the URL with the rendered `prompt` (default
 * `{{<input column>}}`) and optional `system` message, temperature 0; the output is the answer's
 * text, its tokens as the server reported them, priced with the suite's `price` or the built-in
 * table. `json`: POST `{ "inputs": { feature: value } }`, the output read at `predictionField`.
 * A call that still fails is recorded on its example.
 * @throws {EvalRunError} `invalid` for missing settings; `model_failed` when every call failed.
 */
export async function generationFromEndpoint(
  endpoint: EndpointSettings,
  rows: readonly DatasetRow[],
  input: { readonly column?: string; readonly features: readonly string[] },
  env: Readonly<Record<string, string | undefined>>,
  onProgress?: (p: PredictionProgress) => void,
): Promise<GenerationAnswers> {
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
  let call: (row: DatasetRow) => Promise<GenerationAnswer>;
  let pricedAs: string | undefined;
  if (endpoint.protocol === 'openai-chat') {
    const model = endpoint.model;
    const prompt = endpoint.prompt ?? (input.column === undefined ? undefined : `{{${input.column}}}`);
    if (model === undefined || prompt === undefined) {
      throw new EvalRunError(
        'invalid',
        `model.endpoint: openai-chat needs model and a prompt (or the suite's input column) (got model ${JSON.stringify(model)}, prompt ${JSON.stringify(prompt)})`,
        'model.endpoint',
      );
    }
    const table = priceTableFor(model, endpoint.price);
    pricedAs = modelPriceFor(model, table)?.entry;
    const client = new OpenAiChatClient(common);
    const { system, maxTokens } = endpoint;
    call = async (row) => {
      const sent = render(prompt, row);
      const c = await client.complete({
        model,
        messages: [
          ...(system === undefined ? [] : [{ role: 'system' as const, content: render(system, row) }]),
          { role: 'user', content: sent },
        ],
        temperature: 0,
        ...(maxTokens === undefined ? {} : { maxTokens }),
      });
      return {
        output: c.text,
        sent,
        usage: c.usage,
        ...(pricedAs === undefined ? {} : { costUsd: costUsd(c.usage, model, table) }),
        latencyMs: c.latencyMs,
        attempts: c.attempts,
      };
    };
  } else {
    const transport = new HttpTransport(
      'model-endpoint',
      endpoint.url,
      apiKey === undefined ? {} : { authorization: `Bearer ${apiKey}` },
      common,
    );
    const { predictionField } = endpoint;
    call = async (row) => {
      const inputs: Record<string, unknown> = {};
      for (const f of input.features) inputs[f] = row[f] ?? null;
      const r = await transport.post('', { inputs }, z.unknown());
      const p = fieldAt(r.data, predictionField);
      if (typeof p !== 'string') {
        return { error: `response field ${predictionField} is not a string`, attempts: r.attempts };
      }
      return { output: p, latencyMs: r.latencyMs, attempts: r.attempts };
    };
  }
  let done = 0;
  let failed = 0;
  onProgress?.({ done, total: rows.length, failed });
  // The transport's semaphore bounds the calls in flight; every call is started at once.
  const answers = await Promise.all(
    rows.map(async (row) => {
      let answer: GenerationAnswer;
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
  return { answers, ...(pricedAs === undefined ? {} : { pricedAs }) };
}
