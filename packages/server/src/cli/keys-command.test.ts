import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../domain/config.js';
import { startServer } from '../services/server/index.js';
import { buildProgram } from './program.js';

const here = dirname(fileURLToPath(import.meta.url));
const builtCli = join(here, '..', '..', 'bin', 'modelwatch.js');
const SECRET = /mw_[A-Za-z0-9_-]{43}/;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'modelwatch-keys-cli-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function run(args: string[]): Promise<string> {
  let out = '';
  const program = buildProgram((t) => {
    out += t;
  });
  program.exitOverride();
  for (const command of [program, ...program.commands, ...program.commands.flatMap((c) => c.commands)]) {
    command.exitOverride();
    command.configureOutput({ writeOut: (t) => (out += t), writeErr: (t) => (out += t) });
  }
  await program.parseAsync(['node', 'modelwatch', ...args]);
  return out;
}

describe('modelwatch keys / projects on the store file (no server running)', () => {
  it('creates a project with its admin key, creates, lists and revokes keys; secrets are printed once', async () => {
    const project = await run(['projects', 'create', 'team-a', '--name', 'Team A', '--data-dir', dir]);
    expect(project).toContain('created project team-a ("Team A")');
    expect(project).toMatch(SECRET);

    const created = JSON.parse(
      await run([
        'keys',
        'create',
        '--project',
        'team-a',
        '--scopes',
        'ingest,read',
        '--name',
        'app',
        '--json',
        '--data-dir',
        dir,
      ]),
    ) as { key: { id: string; scopes: string[]; prefix: string }; secret: string };
    expect(created.key.scopes).toEqual(['ingest', 'read']);
    expect(created.secret.startsWith(created.key.prefix)).toBe(true);

    const list = await run(['keys', 'list', '--project', 'team-a', '--data-dir', dir]);
    expect(list).toContain(created.key.id);
    expect(list).toContain('initial admin key');
    expect(list).not.toMatch(SECRET);

    expect(await run(['keys', 'revoke', created.key.id, '--data-dir', dir])).toContain(`revoked key ${created.key.id}`);
    const after = JSON.parse(await run(['keys', 'list', '--project', 'team-a', '--json', '--data-dir', dir])) as {
      id: string;
      revokedAt?: number;
    }[];
    expect(after.find((k) => k.id === created.key.id)?.revokedAt).toBeTypeOf('number');
    expect(await run(['projects', 'list', '--data-dir', dir])).toMatch(/^default\t.*\nteam-a\tTeam A\t/);
  });

  it('names the bad scope, the missing project and the unknown key', async () => {
    await expect(
      run(['keys', 'create', '--project', 'default', '--scopes', 'read,root', '--data-dir', dir]),
    ).rejects.toThrow('expected a comma-separated list of ingest, read, admin (got "root")');
    await expect(run(['keys', 'create', '--project', 'nope', '--scopes', 'read', '--data-dir', dir])).rejects.toThrow(
      'no project "nope"; create it with `modelwatch projects create nope`',
    );
    await expect(run(['keys', 'revoke', 'key_missing', '--data-dir', dir])).rejects.toThrow(
      'no API key with id "key_missing"',
    );
    await expect(run(['projects', 'create', 'Bad_Id', '--data-dir', dir])).rejects.toThrow('(got "Bad_Id")');
  });
});

describe('modelwatch keys through a running server', () => {
  it('needs an admin key, then goes through the admin API (which enforces the key’s project)', async () => {
    const server = await startServer(
      {
        ...DEFAULT_CONFIG,
        port: 0,
        dataDir: dir,
        logLevel: 'silent',
        demo: { ...DEFAULT_CONFIG.demo, enabled: false },
      },
      { out: () => {}, handleSignals: false },
    );
    try {
      const admin = server.initialAdminKey?.secret as string;
      await expect(run(['keys', 'list', '--data-dir', dir])).rejects.toThrow(
        'pass an admin key with --api-key or MODELWATCH_API_KEY',
      );
      const created = JSON.parse(
        await run([
          'keys',
          'create',
          '--project',
          'default',
          '--scopes',
          'read',
          '--json',
          '--api-key',
          admin,
          '--data-dir',
          dir,
        ]),
      ) as { key: { id: string } };
      const list = await run(['keys', 'list', '--api-key', admin, '--data-dir', dir]);
      expect(list).toContain(created.key.id);
      const team = await run(['projects', 'create', 'team-b', '--api-key', admin, '--data-dir', dir]);
      const teamAdmin = SECRET.exec(team)?.[0] as string;
      await expect(
        run(['keys', 'create', '--project', 'default', '--scopes', 'read', '--api-key', teamAdmin, '--data-dir', dir]),
      ).rejects.toThrow('403: this admin key belongs to project "team-b"');
      await expect(run(['keys', 'list', '--api-key', 'mw_wrong', '--data-dir', dir])).rejects.toThrow('401');
    } finally {
      await server.close();
    }
  });
});

describe('modelwatch serve (the built binary)', () => {
  it('prints the URL and the first admin key on stdout only, honours --no-demo, and exits 0 on SIGTERM', async () => {
    expect(existsSync(builtCli)).toBe(true);
    const child: ChildProcess = spawn(
      process.execPath,
      [builtCli, 'serve', '--port', '0', '--data-dir', dir, '--no-demo'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, MODELWATCH_LOG_LEVEL: 'info', MODELWATCH_DEMO: 'true' },
      },
    );
    let stdout = '';
    let stderr = '';
    child.stderr?.on('data', (d) => {
      stderr += String(d);
    });
    await new Promise<void>((resolve, reject) => {
      child.stdout?.on('data', (d) => {
        stdout += String(d);
        if (stdout.includes('MODELWATCH_API_KEY=')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
    });
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout)?.[1] as string;
    const key = SECRET.exec(stdout)?.[0] as string;
    expect(stdout).not.toContain('demo traffic: on'); // the flag beats MODELWATCH_DEMO=true
    const res = await fetch(`${url}/v1/admin/keys`, { headers: { authorization: `Bearer ${key}` } });
    expect(res.status).toBe(200);
    expect(existsSync(join(dir, 'server.json'))).toBe(true);
    const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
    expect(existsSync(join(dir, 'server.json'))).toBe(false);
    expect(stderr).toContain('"msg":"shutting down"');
    expect(stderr).not.toContain(key);
  });

  it('exits 1 with the key, source and value of a bad setting', async () => {
    const child = spawn(process.execPath, [builtCli, 'serve', '--data-dir', dir], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, MODELWATCH_PORT: 'http' },
    });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += String(d);
    });
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toContain('port (from environment variable MODELWATCH_PORT): expected an integer (got "http")');
  });
});
