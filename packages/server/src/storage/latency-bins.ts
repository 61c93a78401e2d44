/**
 * The mergeable latency sketch of the per-minute and hourly rollups: logarithmic bins with a
 * relative accuracy of `LATENCY_RELATIVE_ACCURACY` (the DDSketch mapping, Masson et al., VLDB
 * 2019). A latency x > 0 falls in bin i = ⌈ln x / ln γ⌉ with γ = (1 + α)/(1 − α); the bin's
 * representative value 2γ^i/(γ + 1) is within α·x of every x in it. Latencies at or below
 * `LATENCY_ZERO_MS` go to the zero bin, whose value is 0. Bins from two sketches merge by adding
 * their counts, so minutes merge into buckets exactly.
 */

/** α: the relative error of a latency read back from its bin (1 %). */
export const LATENCY_RELATIVE_ACCURACY = 0.01;
const GAMMA = (1 + LATENCY_RELATIVE_ACCURACY) / (1 - LATENCY_RELATIVE_ACCURACY);
const LN_GAMMA = Math.log(GAMMA);
/** Latencies at or below this (milliseconds) are counted as 0. */
export const LATENCY_ZERO_MS = 1e-3;
/** The bin of latencies ≤ `LATENCY_ZERO_MS`. Other bins are > -350 (1e-3 ms) and < 950 (one day). */
export const LATENCY_ZERO_BIN = -32_768;

/** The bin of a latency in milliseconds (≥ 0). */
export function latencyBin(ms: number): number {
  if (!(ms > LATENCY_ZERO_MS)) return LATENCY_ZERO_BIN;
  return Math.ceil(Math.log(ms) / LN_GAMMA);
}

/** The representative latency of a bin: within `LATENCY_RELATIVE_ACCURACY` of every value in it. */
export function latencyBinValue(bin: number): number {
  if (bin === LATENCY_ZERO_BIN) return 0;
  return (2 * GAMMA ** bin) / (GAMMA + 1);
}

/** The same mapping as SQL over a bin column (DuckDB), for queries that read bins back. */
export function latencyBinValueSql(binColumn: string): string {
  return `CASE WHEN ${binColumn} = ${LATENCY_ZERO_BIN} THEN 0.0 ELSE 2.0 * pow(${GAMMA}, ${binColumn}) / (${GAMMA} + 1.0) END`;
}

/** The bin of a latency column as SQL (DuckDB); equals `latencyBin` except within 1 ulp of a bin edge. */
export function latencyBinSql(msColumn: string): string {
  return `CASE WHEN ${msColumn} > ${LATENCY_ZERO_MS} THEN CAST(ceil(ln(${msColumn}) / ${LN_GAMMA}) AS SMALLINT) ELSE ${LATENCY_ZERO_BIN} END`;
}
