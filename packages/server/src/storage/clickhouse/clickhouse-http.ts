/**
 * A minimal ClickHouse HTTP client over `fetch`, written for the 18.16 server of Debian.
 *
 * Why not `@clickhouse/client`: it targets current servers, and an old server rejects a query
 * that carries a setting it does not know. This client sends exactly three URL parameters —
 * `database`, `query` (inserts only; the text of other statements goes in the POST body) and the
 * settings the caller names from `ClickHouseSettings` (all known to 18.16) — and reads results
 * as `JSONCompact` (64-bit integers quoted, NaN and ±inf as null). Inserts are
 * `INSERT INTO t FORMAT JSONEachRow` with one JSON object per line. Every value inside SQL text
 * comes through `storage/sql.ts`.
 */

/** Settings this store sends; every one exists in ClickHouse 18.16. */
export interface ClickHouseSettings {
  readonly skip_unavailable_shards?: 0 | 1;
  readonly max_execution_time?: number;
  readonly connect_timeout_with_failover_ms?: number;
}

/** A failure talking to one server: `network` (no HTTP answer) or `server` (an exception, with its code). */
export class ClickHouseHttpError extends Error {
  override readonly name = 'ClickHouseHttpError';
  constructor(
    readonly kind: 'network' | 'server',
    readonly url: string,
    /** ClickHouse's exception code (`Code: 60, …`), or 0. */
    readonly code: number,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A `JSONCompact` result: column names and types, and rows as arrays. */
export interface CompactResult {
  readonly meta: readonly { readonly name: string; readonly type: string }[];
  readonly data: readonly (readonly unknown[])[];
}

/** ClickHouse error codes that mean "a shard could not be reached" (vs a bad query). */
export const UNREACHABLE_CODES: ReadonlySet<number> = new Set([
  32, // ATTEMPT_TO_READ_AFTER_EOF
  209, // SOCKET_TIMEOUT
  210, // NETWORK_ERROR
  279, // ALL_CONNECTION_TRIES_FAILED
  159, // TIMEOUT_EXCEEDED (remote)
]);

/** One server's HTTP interface. */
export class ClickHouseHttp {
  constructor(
    /** `http://host:port` (no trailing slash). */
    readonly url: string,
    readonly database: string | undefined,
    readonly timeoutMs = 60_000,
  ) {}

  #endpoint(params: Record<string, string | number>, settings: ClickHouseSettings = {}): string {
    const search = new URLSearchParams();
    if (this.database !== undefined) search.set('database', this.database);
    for (const [k, v] of Object.entries(params)) search.set(k, String(v));
    for (const [k, v] of Object.entries(settings)) if (v !== undefined) search.set(k, String(v));
    return `${this.url}/?${search.toString()}`;
  }

  async #post(endpoint: string, body: string, timeoutMs: number): Promise<string> {
    let res: Response;
    try {
      res = await fetch(endpoint, { method: 'POST', body, signal: AbortSignal.timeout(timeoutMs) });
    } catch (err) {
      const cause = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : '';
      throw new ClickHouseHttpError(
        'network',
        this.url,
        0,
        `ClickHouse ${this.url}: ${err instanceof Error ? err.message : String(err)}${cause}`,
        { cause: err },
      );
    }
    const text = await res.text();
    if (!res.ok) {
      const code = Number(/Code: (\d+)/.exec(text)?.[1] ?? 0);
      throw new ClickHouseHttpError('server', this.url, code, `ClickHouse ${this.url}: ${text.trim().slice(0, 2000)}`);
    }
    return text;
  }

  /** Runs a statement that returns nothing (DDL, ALTER, INSERT … SELECT). */
  async exec(sql: string, settings?: ClickHouseSettings, timeoutMs = this.timeoutMs): Promise<void> {
    await this.#post(this.#endpoint({}, settings), sql, timeoutMs);
  }

  /** Runs a SELECT and returns its rows (`FORMAT JSONCompact` is appended). */
  async query(sql: string, settings?: ClickHouseSettings, timeoutMs = this.timeoutMs): Promise<CompactResult> {
    const text = await this.#post(this.#endpoint({}, settings), `${sql}\nFORMAT JSONCompact`, timeoutMs);
    return JSON.parse(text) as CompactResult;
  }

  /**
   * Inserts rows (plain objects, one JSON line each) into `table` (a validated identifier). The
   * server acknowledges with 200 once the data is written to a part on disk.
   */
  async insert(table: string, rows: readonly object[], timeoutMs = this.timeoutMs): Promise<void> {
    if (rows.length === 0) return;
    let body = '';
    for (const row of rows) body += `${JSON.stringify(row)}\n`;
    await this.#post(this.#endpoint({ query: `INSERT INTO ${table} FORMAT JSONEachRow` }), body, timeoutMs);
  }

  /** Whether the server answers `SELECT 1` within `timeoutMs`. */
  async ping(timeoutMs = 2000): Promise<boolean> {
    try {
      const text = await this.#post(this.#endpoint({}), 'SELECT 1', timeoutMs);
      return text.trim() === '1';
    } catch {
      return false;
    }
  }
}
