import { Command, InvalidArgumentError } from 'commander';
import { SCOPES, type Scope } from '../domain/api-key.js';
import type { PublicApiKey } from '../services/server/index.js';
import { type AdminCommandOptions, withAdminOptions, withKeyAdmin } from './admin-options.js';

function scopes(value: string): Scope[] {
  const items = value.split(',').map((s) => s.trim());
  for (const s of items) {
    if (!(SCOPES as readonly string[]).includes(s)) {
      throw new InvalidArgumentError(
        `expected a comma-separated list of ${SCOPES.join(', ')} (got ${JSON.stringify(s)})`,
      );
    }
  }
  return items as Scope[];
}

function date(ms: number | undefined): string {
  return ms === undefined ? '-' : new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Formats keys as an aligned table (never the secret, which is not stored). */
export function keysTable(keys: readonly PublicApiKey[]): string {
  const rows = [
    ['ID', 'PROJECT', 'NAME', 'PREFIX', 'SCOPES', 'CREATED', 'REVOKED'],
    ...keys.map((k) => [
      k.id,
      k.projectId,
      k.name,
      `${k.prefix}…`,
      k.scopes.join(','),
      date(k.createdAt),
      date(k.revokedAt),
    ]),
  ];
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] as string).length))) ?? [];
  return `${rows
    .map((r) =>
      r
        .map((c, i) => c.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n')}\n`;
}

/**
 * `modelwatch keys create|list|revoke`: through the running server's admin API when a server
 * owns the data directory (an admin key of the project is needed), else on the store file.
 */
export function keysCommand(out: (text: string) => void): Command {
  const keys = new Command('keys').description(
    'create, list and revoke API keys (stored hashed; a secret is shown once)',
  );

  withAdminOptions(
    keys
      .command('create')
      .description('create an API key and print its secret once')
      .requiredOption('--project <id>', 'project the key belongs to')
      .requiredOption('--scopes <scopes>', `comma-separated scopes: ${SCOPES.join(', ')}`, scopes)
      .option('--name <name>', 'a label for the key')
      .option('--json', 'print the key and secret as JSON'),
  ).action(async (opts: AdminCommandOptions & { project: string; scopes: Scope[]; name?: string; json?: boolean }) => {
    await withKeyAdmin(opts, async ({ admin }) => {
      const created = await admin.createKey({
        projectId: opts.project,
        scopes: opts.scopes,
        ...(opts.name !== undefined ? { name: opts.name } : {}),
      });
      if (opts.json) {
        out(`${JSON.stringify(created, null, 2)}\n`);
        return;
      }
      const k = created.key;
      out(
        `created key ${k.id} "${k.name}" in project ${k.projectId} with scopes ${k.scopes.join(',')}\n` +
          `secret (shown only this once; modelwatch stores its hash):\n${created.secret}\n`,
      );
    });
  });

  withAdminOptions(
    keys
      .command('list')
      .description('list the keys of a project (revoked ones too)')
      .requiredOption('--project <id>', 'project whose keys to list', 'default')
      .option('--json', 'print JSON'),
  ).action(async (opts: AdminCommandOptions & { project: string; json?: boolean }) => {
    await withKeyAdmin(opts, async ({ admin }) => {
      const list = await admin.listKeys(opts.project);
      out(opts.json ? `${JSON.stringify(list, null, 2)}\n` : keysTable(list));
    });
  });

  withAdminOptions(
    keys
      .command('revoke')
      .description('revoke a key (effective immediately)')
      .argument('<id>', 'key id (from keys list)')
      .option('--project <id>', 'project of the key (default: found by id)'),
  ).action(async (id: string, opts: AdminCommandOptions & { project?: string }) => {
    await withKeyAdmin(opts, async ({ admin }) => {
      const key = await admin.revokeKey(id, opts.project);
      out(`revoked key ${key.id} "${key.name}" (${key.prefix}…) of project ${key.projectId}\n`);
    });
  });

  return keys;
}
