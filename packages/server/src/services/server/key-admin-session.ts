import type { ServerConfig } from '../../domain/config.js';
import { AdminApiClient } from './admin-api-client.js';
import { ApiKeyAdmin } from './api-key-admin.js';
import type { KeyAdmin } from './key-admin.js';
import { openStore } from './open-store.js';
import { ServerError } from './server-error.js';
import { runningServer } from './server-runtime-file.js';

/** Where the CLI's key and project commands act: the running server's admin API, or the store file. */
export interface KeyAdminSession {
  readonly admin: KeyAdmin;
  /** `server` with its URL, or `store` with the data directory. */
  readonly via:
    | { readonly kind: 'server'; readonly url: string }
    | { readonly kind: 'store'; readonly dataDir: string };
  close(): Promise<void>;
}

/**
 * DuckDB lets one process own a file. When a server runs on `dataDir` (its `server.json` names a
 * live process), the commands go through its admin API with `apiKey` (required then); otherwise
 * they open the store file directly, which needs no key: whoever can write the data directory
 * administers it anyway.
 * @throws {ServerError} `forbidden` when a server runs and no admin key is given; `store_locked`.
 */
export async function openKeyAdminSession(
  config: Pick<ServerConfig, 'dataDir' | 'store'>,
  apiKey: string | undefined,
): Promise<KeyAdminSession> {
  const server = runningServer(config.dataDir);
  if (server !== undefined) {
    if (apiKey === undefined || apiKey === '') {
      throw new ServerError(
        'forbidden',
        `a modelwatch server (pid ${server.pid}, ${server.url}) owns ${config.dataDir}; ` +
          'pass an admin key with --api-key or MODELWATCH_API_KEY to manage keys through it',
      );
    }
    return {
      admin: new AdminApiClient(server.url, apiKey),
      via: { kind: 'server', url: server.url },
      close: async () => {},
    };
  }
  const store = await openStore(config);
  const admin = new ApiKeyAdmin(store, { via: 'cli' });
  try {
    await admin.ensureDefaultProject();
  } catch (err) {
    await store.close();
    throw err;
  }
  return {
    admin,
    via: { kind: 'store', dataDir: config.dataDir },
    close: () => store.close(),
  };
}
