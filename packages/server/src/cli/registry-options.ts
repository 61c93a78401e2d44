import type { Command } from 'commander';
import { loadConfig } from '../services/config/index.js';
import { openRegistrySession, type RegistrySession } from '../services/registry/index.js';

/** Options shared by `models`, `datasets`, `runs` and `gate`: the data directory, project and key. */
export interface RegistryCommandOptions {
  readonly config?: string;
  readonly dataDir?: string;
  readonly apiKey?: string;
  readonly project: string;
}

/** Adds --config, --data-dir, --project and --api-key. */
export function withRegistryOptions(command: Command): Command {
  return command
    .option('--config <file>', 'configuration file (as for serve), for the data directory')
    .option('--data-dir <dir>', 'data directory (default from the configuration, ./data)')
    .option('--project <id>', 'project of the registry when working on the store file', 'default')
    .option(
      '--api-key <key>',
      'API key, needed when a server runs on the data directory (default: MODELWATCH_API_KEY)',
    );
}

/** The configured data directory. */
export function dataDirOf(opts: RegistryCommandOptions): string {
  const { config } = loadConfig({
    ...(opts.config !== undefined ? { file: opts.config } : {}),
    flags: [{ key: 'dataDir', flag: '--data-dir', value: opts.dataDir }],
  });
  return config.dataDir;
}

/** Runs `fn` with a registry session (a running server's API, or the store file), closing it afterwards. */
export async function withRegistry<T>(
  opts: RegistryCommandOptions,
  fn: (session: RegistrySession) => Promise<T>,
): Promise<T> {
  const { config } = loadConfig({
    ...(opts.config !== undefined ? { file: opts.config } : {}),
    flags: [{ key: 'dataDir', flag: '--data-dir', value: opts.dataDir }],
  });
  const session = await openRegistrySession(config, opts.project, opts.apiKey ?? process.env.MODELWATCH_API_KEY);
  try {
    return await fn(session);
  } finally {
    await session.close();
  }
}

/** Who the CLI acts as in the audit log. */
export function cliActor(): string {
  return `cli:${process.env.USER ?? process.env.USERNAME ?? 'unknown'}`;
}
