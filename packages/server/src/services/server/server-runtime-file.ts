import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/** The file a running server writes into its data directory, so the CLI finds its admin API. */
export const RUNTIME_FILE = 'server.json';

const ServerRuntimeInfoSchema = z.object({
  pid: z.number().int().positive(),
  /** Base URL the CLI reaches the server at (loopback when the server listens on every interface). */
  url: z.string().url(),
  version: z.string(),
  startedAt: z.number().int(),
});
/** What `server.json` holds. No secret: the admin key comes from `MODELWATCH_API_KEY` or `--api-key`. */
export type ServerRuntimeInfo = z.infer<typeof ServerRuntimeInfoSchema>;

export function writeServerRuntimeInfo(dataDir: string, info: ServerRuntimeInfo): void {
  writeFileSync(join(dataDir, RUNTIME_FILE), `${JSON.stringify(info, null, 2)}\n`, { mode: 0o644 });
}

/** The running server of `dataDir`: its file, if present, well-formed and its process alive. */
export function runningServer(dataDir: string): ServerRuntimeInfo | undefined {
  let info: ServerRuntimeInfo;
  try {
    info = ServerRuntimeInfoSchema.parse(JSON.parse(readFileSync(join(dataDir, RUNTIME_FILE), 'utf8')));
  } catch {
    return undefined;
  }
  try {
    process.kill(info.pid, 0);
  } catch (err) {
    // EPERM: alive but someone else's; ESRCH: gone (a crashed server left its file).
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return undefined;
  }
  return info;
}

/** Removes the file if it is still this process's. */
export function removeServerRuntimeInfo(dataDir: string, pid: number = process.pid): void {
  try {
    const info = JSON.parse(readFileSync(join(dataDir, RUNTIME_FILE), 'utf8')) as { pid?: unknown };
    if (info.pid === pid) rmSync(join(dataDir, RUNTIME_FILE), { force: true });
  } catch {
    // Already gone.
  }
}
