import type { ServerConfig } from '../../domain/config.js';
import { openStore } from '../server/open-store.js';
import { runningServer } from '../server/server-runtime-file.js';
import { ModelRegistry } from './model-registry.js';
import type { RegistryApi } from './registry-api.js';
import { RegistryApiClient } from './registry-api-client.js';
import { RegistryError } from './registry-error.js';

/** Where the CLI's `models` and `gate` commands act: a running server's API, or the store file. */
export interface RegistrySession {
  readonly registry: RegistryApi;
  readonly via:
    | { readonly kind: 'server'; readonly url: string }
    | { readonly kind: 'store'; readonly dataDir: string };
  close(): Promise<void>;
}

/**
 * The same rule as `modelwatch keys` (openKeyAdminSession): DuckDB lets one process own the store
 * file, so when a server runs on `dataDir` (its `server.json` names a live process) the commands go
 * through its `/v1/models` API with `apiKey` (the key's project is used); otherwise they open the
 * store file and act on `projectId`, without a key — whoever can write the data directory owns it.
 * The registry lives in the store either way (documents + audit log), so the server and the CLI
 * see the same versions and the same history.
 * @throws {RegistryError} `unavailable` when a server runs and no key is given.
 */
export async function openRegistrySession(
  config: Pick<ServerConfig, 'dataDir' | 'store'>,
  projectId: string,
  apiKey: string | undefined,
): Promise<RegistrySession> {
  const server = runningServer(config.dataDir);
  if (server !== undefined) {
    if (apiKey === undefined || apiKey === '') {
      throw new RegistryError(
        'unavailable',
        `a modelwatch server (pid ${server.pid}, ${server.url}) owns ${config.dataDir}; ` +
          'pass an API key with --api-key or MODELWATCH_API_KEY (admin scope to change the registry)',
      );
    }
    return {
      registry: new RegistryApiClient(server.url, apiKey),
      via: { kind: 'server', url: server.url },
      close: async () => {},
    };
  }
  const store = await openStore(config);
  return {
    registry: new ModelRegistry(store, projectId),
    via: { kind: 'store', dataDir: config.dataDir },
    close: () => store.close(),
  };
}
