/**
 * The one audited place where values enter SQL text. Every string literal and identifier that
 * modelwatch splices into a DuckDB or ClickHouse statement goes through these functions; values
 * that can be bound as parameters are bound instead. Keep this file small and reviewed.
 */

/** Raised for a value that cannot be represented safely in SQL (e.g. a NUL character). */
export class SqlValueError extends Error {
  override readonly name = 'SqlValueError';
}

function rejectNul(value: string, what: string): void {
  if (value.includes('\u0000')) throw new SqlValueError(`${what} must not contain a NUL character`);
}

/** A single-quoted SQL string literal: `'` doubled; backslashes doubled for ClickHouse-style escapes when asked. */
export function quoteLiteral(value: string, { backslashEscapes = false }: { backslashEscapes?: boolean } = {}): string {
  rejectNul(value, 'a SQL string literal');
  const escaped = backslashEscapes ? value.replace(/\\/g, '\\\\').replace(/'/g, "\\'") : value.replace(/'/g, "''");
  return `'${escaped}'`;
}

/** A double-quoted SQL identifier (DuckDB, ANSI): `"` doubled. */
export function quoteIdentifier(name: string): string {
  rejectNul(name, 'a SQL identifier');
  if (name.length === 0) throw new SqlValueError('a SQL identifier must not be empty');
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * A ClickHouse identifier (database, table or cluster name from configuration): only
 * `[A-Za-z_][A-Za-z0-9_]*` is accepted, returned in backquotes. Names are validated rather than
 * escaped, so a configuration value can never carry SQL.
 */
export function quoteClickHouseIdentifier(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
    throw new SqlValueError(`a ClickHouse identifier must match [A-Za-z_][A-Za-z0-9_]* (got ${JSON.stringify(name)})`);
  }
  return `\`${name}\``;
}

/** A ClickHouse string literal: backslash escapes (`\\` and `\'`), as ClickHouse parses them. */
export function quoteClickHouseLiteral(value: string): string {
  return quoteLiteral(value, { backslashEscapes: true });
}
