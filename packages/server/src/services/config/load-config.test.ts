import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, ServerConfigSchema } from '../../domain/config.js';
import { CONFIG_ENV_VARS } from './config-env-vars.js';
import { ConfigError } from './config-error.js';
import { loadConfig } from './load-config.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'modelwatch-config-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function writeFile(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

function errorOf(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('gives the documented defaults when nothing is set, with dataDir resolved against cwd', () => {
    const { config, file, sources } = loadConfig({ env: {}, cwd: dir });
    expect(file).toBeUndefined();
    expect(config).toEqual({ ...DEFAULT_CONFIG, dataDir: join(dir, 'data') });
    expect(config.host).toBe('127.0.0.1');
    expect(config.port).toBe(8080);
    expect(config.retention.rawEventsDays).toBe(30);
    expect(sources.get('port')).toEqual({ kind: 'default' });
  });

  it('applies flags over environment over file over defaults, key by key', () => {
    const file = writeFile(
      'mw.yaml',
      'host: 0.0.0.0\nport: 7000\nlogLevel: warn\ningest:\n  queueSize: 100\ndemo:\n  enabled: false\n',
    );
    const { config, sources } = loadConfig({
      file,
      cwd: dir,
      env: { MODELWATCH_PORT: '7100', MODELWATCH_LOG_LEVEL: 'debug', MODELWATCH_DEMO: 'yes' },
      flags: [
        { key: 'port', flag: '--port', value: 7200 },
        { key: 'dataDir', flag: '--data-dir', value: undefined },
      ],
    });
    expect(config.port).toBe(7200); // flag > env > file
    expect(config.logLevel).toBe('debug'); // env > file
    expect(config.host).toBe('0.0.0.0'); // file > default
    expect(config.ingest).toEqual({ queueSize: 100, maxBodyBytes: DEFAULT_CONFIG.ingest.maxBodyBytes }); // merged per key
    expect(config.demo.enabled).toBe(true); // env boolean
    expect(sources.get('port')).toEqual({ kind: 'flag', name: '--port' });
    expect(sources.get('logLevel')).toEqual({ kind: 'env', name: 'MODELWATCH_LOG_LEVEL' });
    expect(sources.get('host')).toEqual({ kind: 'file', path: file });
    expect(sources.get('dataDir')).toEqual({ kind: 'default' }); // an undefined flag does not count
  });

  it('reads ./modelwatch.yaml when present, MODELWATCH_CONFIG when set, and resolves the file’s dataDir against its directory', () => {
    writeFile('modelwatch.yaml', 'port: 9001\ndataDir: store\n');
    const implicit = loadConfig({ env: {}, cwd: dir });
    expect(implicit.config.port).toBe(9001);
    expect(implicit.config.dataDir).toBe(join(dir, 'store'));
    const other = writeFile('other.yaml', 'port: 9002\n');
    expect(loadConfig({ env: { MODELWATCH_CONFIG: other }, cwd: dir }).config.port).toBe(9002);
    expect(loadConfig({ env: { MODELWATCH_CONFIG: other }, cwd: dir, file: join(dir, 'modelwatch.yaml') }).file).toBe(
      join(dir, 'modelwatch.yaml'),
    );
  });

  it('reads lists and numbers from the environment; an empty list variable means none', () => {
    const { config } = loadConfig({
      env: { MODELWATCH_PII_REDACT: 'email, phone', MODELWATCH_DEMO_EVENTS_PER_SECOND: '2.5', MODELWATCH_HOST: '' },
      cwd: dir,
    });
    expect(config.pii.redact).toEqual(['email', 'phone']);
    expect(config.demo.eventsPerSecond).toBe(2.5);
    expect(config.host).toBe('127.0.0.1'); // empty scalar = unset
    expect(loadConfig({ env: { MODELWATCH_PII_REDACT: '' }, cwd: dir }).config.pii.redact).toEqual([]);
  });

  it('names the key, the environment variable, the expectation and the value', () => {
    const err = errorOf(() => loadConfig({ env: { MODELWATCH_PORT: 'eighty' }, cwd: dir }));
    expect(err.code).toBe('invalid_value');
    expect(err.message).toContain(
      'port (from environment variable MODELWATCH_PORT): expected an integer (got "eighty")',
    );
    const range = errorOf(() => loadConfig({ env: { MODELWATCH_PORT: '70000' }, cwd: dir }));
    expect(range.message).toContain(
      'port (from environment variable MODELWATCH_PORT): expected a port in [0, 65535] (got 70000)',
    );
    const bool = errorOf(() => loadConfig({ env: { MODELWATCH_DEMO: 'maybe' }, cwd: dir }));
    expect(bool.message).toContain('demo.enabled (from environment variable MODELWATCH_DEMO): expected true or false');
    expect(bool.message).toContain('"maybe"');
  });

  it('names the file for bad values and unknown keys in it, and lists what was expected', () => {
    const file = writeFile('bad.yaml', 'ingest:\n  queueSize: -3\n  queueSzie: 10\nstore: clickhouse\nportt: 1\n');
    const err = errorOf(() => loadConfig({ file, env: {}, cwd: dir }));
    expect(err.message).toContain(`ingest.queueSize (from file ${file}): expected number of records > 0 (got -3)`);
    expect(err.message).toContain(
      `ingest.queueSzie (from file ${file}): unknown key; expected one of maxBodyBytes, queueSize`,
    );
    expect(err.message).toMatch(
      new RegExp(
        `store \\(from file ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\): .*duckdb.* \\(got "clickhouse"\\)`,
      ),
    );
    expect(err.message).toContain(`portt (from file ${file}): unknown key`);
    const pii = errorOf(() =>
      loadConfig({ file: writeFile('pii.yaml', 'pii:\n  redact: [email, passport]\n'), env: {}, cwd: dir }),
    );
    expect(pii.message).toContain('pii.redact.1 (from file');
    expect(pii.message).toContain('(got "passport")');
  });

  it('names the flag for a bad flag value', () => {
    const err = errorOf(() => loadConfig({ env: {}, cwd: dir, flags: [{ key: 'host', flag: '--host', value: '' }] }));
    expect(err.message).toContain('host (from flag --host): expected a host name or IP address (got "")');
  });

  it('reports a missing file and a YAML syntax error with its position', () => {
    expect(errorOf(() => loadConfig({ file: join(dir, 'nope.yaml'), env: {}, cwd: dir })).code).toBe('file_not_found');
    const viaEnv = errorOf(() => loadConfig({ env: { MODELWATCH_CONFIG: 'nope.yaml' }, cwd: dir }));
    expect(viaEnv.message).toContain('(from MODELWATCH_CONFIG) does not exist');
    const syntax = errorOf(() => loadConfig({ file: writeFile('s.yaml', 'port: 1\n  host: [\n'), env: {}, cwd: dir }));
    expect(syntax.code).toBe('file_syntax');
    expect(syntax.message).toMatch(/s\.yaml:\d+:\d+: /);
    const scalar = errorOf(() => loadConfig({ file: writeFile('t.yaml', '42\n'), env: {}, cwd: dir }));
    expect(scalar.message).toContain('expected a mapping of keys to values at the top level (got 42)');
  });

  it('maps every documented environment variable to a key of the schema', () => {
    const shape = ServerConfigSchema.shape as Record<string, unknown>;
    for (const spec of CONFIG_ENV_VARS) {
      const [head] = spec.key.split('.');
      expect(shape, spec.name).toHaveProperty(head as string);
    }
    const keys = new Set(CONFIG_ENV_VARS.map((v) => v.key));
    expect(keys.size).toBe(CONFIG_ENV_VARS.length);
  });

  it('accepts the example configuration at the repository root, which spells out every default', () => {
    const example = join(import.meta.dirname, '../../../../../modelwatch.example.yaml');
    const { config } = loadConfig({ file: example, env: {}, cwd: dir });
    expect({ ...config, dataDir: DEFAULT_CONFIG.dataDir }).toEqual(DEFAULT_CONFIG);
    expect(readFileSync(example, 'utf8')).toContain('MODELWATCH_PORT');
  });
});
