import { isUtf8 } from 'node:buffer';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { IngestError } from './ingest-error.js';
import { invalidUtf8Offset } from './invalid-utf8-offset.js';
import { jsonSyntaxError } from './json-syntax-error.js';
import { receivedValue } from './received-value.js';
import type { RecordRejection } from './record-rejection.js';

const gunzipAsync = promisify(gunzip);

/** How a request body is framed and encoded. */
export interface IngestBodyFormat {
  /** `json`: one array of records or one record object; `ndjson`: one record per line. */
  readonly format: 'json' | 'ndjson';
  readonly gzip: boolean;
}

/** Limits of one request body. */
export interface IngestBodyLimits {
  /** Bytes after gzip decompression (zip bombs stop here). Default 64 MiB. */
  readonly maxDecompressedBytes?: number;
  /** Records per request. Default 100 000. */
  readonly maxRecords?: number;
}

/** The records of a body: the parsed values, their request positions, and lines that were not JSON. */
export interface DecodedBody {
  readonly values: unknown[];
  /** Request position of each value; absent when `values[i]` is at position `i`. */
  readonly indexes?: number[];
  /** NDJSON lines that did not parse, each a rejection naming its record index and column. */
  readonly rejected: RecordRejection[];
  /** Decompressed size in bytes (what the queue's byte bound counts). */
  readonly bytes: number;
}

export const DEFAULT_MAX_DECOMPRESSED_BYTES = 64 * 1024 * 1024;
export const DEFAULT_MAX_RECORDS = 100_000;

/**
 * Decodes an ingest request body into record values: gunzip (capped), UTF-8 check, then JSON (an
 * array or a single object) or NDJSON (a line that is not JSON becomes a rejection of that record;
 * the others proceed). Blank NDJSON lines are skipped and not counted.
 * @throws {IngestError} `invalid_body` naming the byte or character position (bad gzip, bad UTF-8,
 *   not JSON, not records); `too_large` naming the limit (decompressed size, record count).
 */
export async function decodeIngestBody(
  body: Buffer,
  format: IngestBodyFormat,
  limits: IngestBodyLimits = {},
): Promise<DecodedBody> {
  const maxBytes = limits.maxDecompressedBytes ?? DEFAULT_MAX_DECOMPRESSED_BYTES;
  const maxRecords = limits.maxRecords ?? DEFAULT_MAX_RECORDS;
  let bytes = body;
  if (format.gzip) {
    try {
      bytes = await gunzipAsync(body, { maxOutputLength: maxBytes });
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'ERR_BUFFER_TOO_LARGE') {
        throw new IngestError('too_large', `the decompressed body exceeds the limit of ${maxBytes} bytes`);
      }
      throw new IngestError(
        'invalid_body',
        `Content-Encoding is gzip but the body is not valid gzip data (${(error as Error).message})`,
      );
    }
  }
  if (bytes.length > maxBytes) {
    throw new IngestError('too_large', `the body exceeds the limit of ${maxBytes} bytes (got ${bytes.length})`);
  }
  if (!isUtf8(bytes)) {
    const at = invalidUtf8Offset(bytes);
    throw new IngestError(
      'invalid_body',
      `the body is not valid UTF-8: byte 0x${(bytes[at] ?? 0).toString(16).padStart(2, '0')} at byte position ${at}`,
    );
  }
  let text = bytes.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (format.format === 'ndjson') return ndjson(text, bytes.length, maxRecords);

  if (text.trim() === '') {
    throw new IngestError('invalid_body', 'the body is empty; expected a JSON array of records or one record object');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new IngestError('invalid_body', `the body is not valid JSON: ${syntaxMessage(text)}`);
  }
  if (Array.isArray(parsed)) {
    if (parsed.length > maxRecords) {
      throw new IngestError('too_large', `expected at most ${maxRecords} records per request (got ${parsed.length})`);
    }
    return { values: parsed, rejected: [], bytes: bytes.length };
  }
  if (typeof parsed === 'object' && parsed !== null) return { values: [parsed], rejected: [], bytes: bytes.length };
  throw new IngestError(
    'invalid_body',
    `expected a JSON array of records or one record object, got ${receivedValue(parsed)}`,
  );
}

function ndjson(text: string, byteLength: number, maxRecords: number): DecodedBody {
  const values: unknown[] = [];
  const indexes: number[] = [];
  const rejected: RecordRejection[] = [];
  let index = 0;
  let line = 0;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    line++;
    let s = text.slice(start, end);
    if (s.endsWith('\r')) s = s.slice(0, -1);
    start = end + 1;
    if (s.trim() === '') continue;
    if (index >= maxRecords) {
      throw new IngestError('too_large', `expected at most ${maxRecords} records per request (NDJSON line ${line})`);
    }
    try {
      values.push(JSON.parse(s));
      indexes.push(index);
    } catch {
      rejected.push({ index, field: '', message: `line ${line} is not valid JSON: ${syntaxMessage(s)}` });
    }
    index++;
  }
  return { values, indexes, rejected, bytes: byteLength };
}

function syntaxMessage(text: string): string {
  const e = jsonSyntaxError(text);
  if (e === undefined) return 'unparseable at position 0';
  return `${e.reason} at position ${e.position} (line ${e.line}, column ${e.column})`;
}
