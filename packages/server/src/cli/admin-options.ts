import type { Command } from 'commander';
import { loadConfig } from '../services/config/index.js';
import { type KeyAdminSession, openKeyAdminSession } from '../services/server/index.js';

/** Options shared by `keys` and `projects`: where the data is and which admin key to use. */
export interface AdminCommandOptions {
  readonly config?: string;
  readonly dataDir?: string;
  readonly apiKey?: string;
}

/** Adds --config, --data-dir and --api-key to an admin subcommand. */
export function withAdminOptions(command: Command): Command {
  return command
    .option('--config <file>', 'configuration file (as for serve), for the data directory')
    .option('--data-dir <dir>', 'data directory of the server (default from the configuration, ./data)')
    .option(
      '--api-key <key>',
      'admin key, needed when a server runs on the data directory (default: MODELWATCH_API_KEY)',
    );
}

/** Runs `fn` with a key-admin session on the configured data directory, closing it afterwards. */
export async function withKeyAdmin<T>(
  opts: AdminCommandOptions,
  fn: (session: KeyAdminSession) => Promise<T>,
): Promise<T> {
  const { config } = loadConfig({
    ...(opts.config !== undefined ? { file: opts.config } : {}),
    flags: [{ key: 'dataDir', flag: '--data-dir', value: opts.dataDir }],
  });
  const session = await openKeyAdminSession(config, opts.apiKey ?? process.env.MODELWATCH_API_KEY);
  try {
    return await fn(session);
  } finally {
    await session.close();
  }
}
