import { describe, expect, it } from 'vitest';
import {
  quoteClickHouseIdentifier,
  quoteClickHouseLiteral,
  quoteIdentifier,
  quoteLiteral,
  SqlValueError,
} from './sql.js';

describe('SQL quoting', () => {
  it('doubles quotes in literals and identifiers', () => {
    expect(quoteLiteral("it's")).toBe("'it''s'");
    expect(quoteLiteral("a\\'b", { backslashEscapes: true })).toBe("'a\\\\\\'b'");
    expect(quoteIdentifier('we"ird')).toBe('"we""ird"');
  });

  it('rejects NUL characters and empty identifiers', () => {
    expect(() => quoteLiteral('a\u0000b')).toThrow(SqlValueError);
    expect(() => quoteIdentifier('')).toThrow('must not be empty');
  });

  it('quotes ClickHouse literals with backslash escapes and accepts only plain identifiers', () => {
    expect(quoteClickHouseLiteral("it's \\ x")).toBe("'it\\'s \\\\ x'");
    expect(quoteClickHouseLiteral('')).toBe("''");
    expect(() => quoteClickHouseLiteral('a\u0000')).toThrow(SqlValueError);
    expect(quoteClickHouseIdentifier('modelwatch_1')).toBe('`modelwatch_1`');
    for (const bad of ['', '1abc', 'a-b', 'a`b', 'db; DROP TABLE x', 'é']) {
      expect(() => quoteClickHouseIdentifier(bad)).toThrow(/must match/);
    }
  });
});
