import type { DuckDBDataChunk } from '@duckdb/node-api';
import duckdb from '@duckdb/node-bindings';

/**
 * Copies rows [start, start + count) of column `column` of a chunk (a flat DOUBLE or FLOAT vector)
 * into `target` at `offset` with one block copy of the vector's data (`duckdb_vector_get_data` of
 * @duckdb/node-bindings, the layer under @duckdb/node-api), instead of one `getItem` call per
 * value; rows the validity mask marks NULL become NaN. `target` must be a Float64Array for a
 * DOUBLE column and a Float32Array for a FLOAT column (the bytes are copied as they are).
 */
export function copyVectorBlock(
  chunk: DuckDBDataChunk,
  column: number,
  target: Float64Array | Float32Array,
  offset: number,
  start = 0,
  count = chunk.rowCount - start,
): void {
  const width = target.BYTES_PER_ELEMENT;
  const end = start + count;
  const vector = duckdb.data_chunk_get_vector(chunk.chunk, column);
  const data = duckdb.vector_get_data(vector, end * width);
  new Uint8Array(target.buffer, target.byteOffset + offset * width, count * width).set(
    data.subarray(start * width, end * width),
  );
  const validity = duckdb.vector_get_validity(vector, Math.ceil(end / 64) * 8) as Uint8Array | null;
  if (!validity) return;
  for (let row = start; row < end; row++) {
    if (((validity[row >>> 3] as number) & (1 << (row & 7))) === 0) target[offset + row - start] = Number.NaN;
  }
}
