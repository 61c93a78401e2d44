import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import type { z } from 'zod';
import { DEFAULT_CONFIG, type ServerConfig, ServerConfigSchema } from '../../domain/config.js';
import { CONFIG_ENV_VARS, CONFIG_FILE_ENV_VAR, type ConfigEnvVar } from './config-env-vars.js';
import { ConfigError } from './config-error.js';

/** Where one configuration value came from. */
export type ConfigSource =
  | { readonly kind: 'default' }
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'env'; readonly name: string }
  | { readonly kind: 'flag'; readonly name: string };

/** A command-line flag's value for one configuration key (`{ key: 'port', flag: '--port', value: 9000 }`). */
export interface ConfigFlag {
  readonly key: string;
  readonly flag: string;
  readonly value: unknown;
}

/** Inputs of `loadConfig`; everything is optional (the defaults alone are a valid configuration). */
export interface LoadConfigOptions {
  /** `--config <file>`: must exist. Else `MODELWATCH_CONFIG`, else `./modelwatch.yaml` if present. */
  readonly file?: string;
  /** The environment (default `process.env`). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly flags?: readonly ConfigFlag[];
  /** Directory relative paths are resolved against (default `process.cwd()`). */
  readonly cwd?: string;
}

/** A validated configuration and the origin of each of its values (dotted key → source). */
export interface LoadedConfig {
  readonly config: ServerConfig;
  readonly sources: ReadonlyMap<string, ConfigSource>;
  /** The configuration file read, if any (absolute). */
  readonly file: string | undefined;
}

/** The file `serve` reads when neither `--config` nor `MODELWATCH_CONFIG` names one. */
export const DEFAULT_CONFIG_FILE = 'modelwatch.yaml';

type Tree = Record<string, unknown>;

/**
 * Merges the server configuration from four layers, the later winning: defaults, the YAML file,
 * `MODELWATCH_*` environment variables (`CONFIG_ENV_VARS`), command-line flags. The merged
 * result is validated once; an error names each bad key with its source, the expectation and the
 * value. A relative `dataDir` from the file is resolved against the file's directory, any other
 * against `cwd`.
 * @throws {ConfigError} `file_not_found`, `file_syntax` or `invalid_value`.
 */
export function loadConfig(options: LoadConfigOptions = {}): LoadedConfig {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const sources = new Map<string, ConfigSource>();
  const merged: Tree = structuredClone(DEFAULT_CONFIG) as unknown as Tree;
  for (const key of leafKeys(merged)) sources.set(key, { kind: 'default' });

  const file = configFile(options.file, env, cwd);
  if (file !== undefined) {
    const source: ConfigSource = { kind: 'file', path: file };
    const tree = readConfigFile(file);
    for (const key of leafKeys(tree)) setAt(merged, key, getAt(tree, key), sources, source);
  }
  for (const spec of CONFIG_ENV_VARS) {
    const raw = env[spec.name];
    if (raw === undefined || (raw === '' && spec.type !== 'list')) continue;
    setAt(merged, spec.key, envValue(spec, raw), sources, { kind: 'env', name: spec.name });
  }
  for (const flag of options.flags ?? []) {
    if (flag.value === undefined) continue;
    setAt(merged, flag.key, flag.value, sources, { kind: 'flag', name: flag.flag });
  }

  const parsed = ServerConfigSchema.safeParse(merged);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => issueLine(issue, merged, sources));
    throw new ConfigError('invalid_value', `invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const config = parsed.data;
  const dataDirSource = sources.get('dataDir');
  const base = dataDirSource?.kind === 'file' ? dirname(dataDirSource.path) : cwd;
  const dataDir = isAbsolute(config.dataDir) ? config.dataDir : resolve(base, config.dataDir);
  return { config: { ...config, dataDir }, sources, file };
}

/** `file (modelwatch.yaml)`, `environment variable MODELWATCH_PORT`, `flag --port` or `default`. */
export function describeSource(source: ConfigSource | undefined): string {
  switch (source?.kind) {
    case 'file':
      return `file ${source.path}`;
    case 'env':
      return `environment variable ${source.name}`;
    case 'flag':
      return `flag ${source.name}`;
    default:
      return 'default';
  }
}

function configFile(explicit: string | undefined, env: LoadConfigOptions['env'] & object, cwd: string) {
  const named = explicit ?? (env[CONFIG_FILE_ENV_VAR] || undefined);
  if (named !== undefined) {
    const path = resolve(cwd, named);
    if (!existsSync(path)) {
      const via = explicit !== undefined ? '--config' : CONFIG_FILE_ENV_VAR;
      throw new ConfigError('file_not_found', `configuration file ${path} (from ${via}) does not exist`);
    }
    return path;
  }
  const fallback = resolve(cwd, DEFAULT_CONFIG_FILE);
  return existsSync(fallback) ? fallback : undefined;
}

function readConfigFile(path: string): Tree {
  let doc: unknown;
  try {
    doc = parseYaml(readFileSync(path, 'utf8'));
  } catch (err) {
    if (err instanceof YAMLParseError) {
      const at = err.linePos?.[0];
      const where = at ? `:${at.line}:${at.col}` : '';
      throw new ConfigError('file_syntax', `configuration file ${path}${where}: ${err.message.split('\n')[0]}`, {
        cause: err,
      });
    }
    throw err;
  }
  if (doc === null || doc === undefined) return {};
  if (!isTree(doc)) {
    throw new ConfigError(
      'file_syntax',
      `configuration file ${path}: expected a mapping of keys to values at the top level (got ${shown(doc)})`,
    );
  }
  return doc;
}

function envValue(spec: ConfigEnvVar, raw: string): unknown {
  const text = raw.trim();
  const bad = (expected: string) =>
    new ConfigError(
      'invalid_value',
      `invalid configuration:\n  ${spec.key} (from environment variable ${spec.name}): expected ${expected} (got ${JSON.stringify(raw)})`,
    );
  switch (spec.type) {
    case 'string':
      return text;
    case 'integer':
      if (!/^[+-]?\d+$/.test(text)) throw bad('an integer');
      return Number(text);
    case 'number':
      if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text)) throw bad('a number');
      return Number(text);
    case 'boolean': {
      const lower = text.toLowerCase();
      if (['true', '1', 'yes', 'on'].includes(lower)) return true;
      if (['false', '0', 'no', 'off'].includes(lower)) return false;
      throw bad('true or false (also 1/0, yes/no, on/off)');
    }
    case 'list':
      return text
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '');
  }
}

function issueLine(issue: z.core.$ZodIssue, merged: Tree, sources: ReadonlyMap<string, ConfigSource>): string {
  const path = issue.path.map(String);
  if (issue.code === 'unrecognized_keys') {
    return issue.keys
      .map((k) => {
        const key = [...path, k].join('.');
        const known = Object.keys(
          path.length === 0 ? DEFAULT_CONFIG : (getAt(DEFAULT_CONFIG as unknown as Tree, path.join('.')) as Tree),
        );
        return `${key} (from ${describeSource(sourceOf(key, sources))}): unknown key; expected one of ${known.join(', ')}`;
      })
      .join('\n  ');
  }
  const key = path.join('.') || '(top level)';
  const value = getAt(merged, path.join('.'));
  return `${key} (from ${describeSource(sourceOf(key, sources))}): ${issue.message} (got ${shown(value)})`;
}

/** The source of `key`, or of the first value set beneath it, or of its closest parent. */
function sourceOf(key: string, sources: ReadonlyMap<string, ConfigSource>): ConfigSource | undefined {
  const exact = sources.get(key);
  if (exact) return exact;
  for (const [k, s] of sources) if (k.startsWith(`${key}.`) && s.kind !== 'default') return s;
  const parts = key.split('.');
  for (let n = parts.length - 1; n > 0; n--) {
    const parent = sources.get(parts.slice(0, n).join('.'));
    if (parent) return parent;
  }
  return undefined;
}

function leafKeys(tree: Tree, prefix = ''): string[] {
  const keys: string[] = [];
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (isTree(v) && Object.keys(v).length > 0) keys.push(...leafKeys(v, key));
    else keys.push(key);
  }
  return keys;
}

function getAt(tree: Tree, key: string): unknown {
  let node: unknown = tree;
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Tree)[part];
  }
  return node;
}

/** Sets a leaf, replacing a non-object on the way, and records its source (and drops the sources of what it replaced). */
function setAt(tree: Tree, key: string, value: unknown, sources: Map<string, ConfigSource>, source: ConfigSource) {
  const parts = key.split('.');
  let node = tree;
  for (const part of parts.slice(0, -1)) {
    if (!isTree(node[part])) node[part] = {};
    node = node[part] as Tree;
  }
  node[parts[parts.length - 1] as string] = value;
  for (const k of [...sources.keys()]) if (k.startsWith(`${key}.`)) sources.delete(k);
  sources.set(key, source);
}

function isTree(v: unknown): v is Tree {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function shown(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
