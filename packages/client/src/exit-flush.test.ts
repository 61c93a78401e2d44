/**
 * Flush on exit, in real child processes: each child imports the client (transpiled from these
 * sources into a temporary directory, so the test never depends on a stale dist/), logs events
 * and then ends, is signalled, or handles the signal itself; the test server must hold the events.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ProtocolServer } from '../test/protocol-server.js';

let server: ProtocolServer;
let dir: string;

const CHILD = `
import { ModelwatchClient } from './index.js';
const [baseUrl, apiKey, mode, count] = process.argv.slice(2);
const options = { baseUrl, apiKey, flushIntervalMs: 60_000, exitTimeoutMs: mode === 'down' ? 300 : 10_000 };
const client = new ModelwatchClient(options);
const other = new ModelwatchClient(options);
console.log(JSON.stringify({
  SIGTERM: process.listenerCount('SIGTERM'),
  SIGINT: process.listenerCount('SIGINT'),
  beforeExit: process.listenerCount('beforeExit'),
}));
for (let i = 0; i < Number(count); i++)
  client.log({ requestId: mode + '-' + i, model: 'm', version: '1', latencyMs: i });
other.logScore({ requestId: mode + '-0', name: 'helpfulness', value: 1, source: 'human' });
if (mode === 'SIGTERM' || mode === 'SIGINT') {
  setInterval(() => {}, 1000); // a server: alive until signalled
  process.kill(process.pid, mode);
} else if (mode === 'own-handler') {
  setInterval(() => {}, 1000);
  process.on('SIGTERM', () => { client.close().then(() => process.exit(3)); });
  process.kill(process.pid, 'SIGTERM');
}
`;

interface ChildResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function runChild(baseUrl: string, mode: string, count: number): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(dir, 'child.mjs'), baseUrl, server.apiKey, mode, String(count)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

beforeAll(async () => {
  server = await ProtocolServer.start();
  dir = await mkdtemp(join(tmpdir(), 'modelwatch-client-exit-'));
  const src = import.meta.dirname;
  for (const file of await readdir(src)) {
    if (!file.endsWith('.ts') || file.endsWith('.test.ts')) continue;
    const { outputText } = ts.transpileModule(await readFile(join(src, file), 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    });
    await writeFile(join(dir, file.replace(/\.ts$/, '.js')), outputText);
  }
  await writeFile(join(dir, 'package.json'), '{ "type": "module" }');
  await writeFile(join(dir, 'child.mjs'), CHILD);
});
afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});
beforeEach(() => server.reset());

const expectedIds = (mode: string, n: number) => Array.from({ length: n }, (_, i) => `${mode}-${i}`);

describe('flush on exit (child processes)', () => {
  it('installs one set of listeners for any number of clients and flushes when the script ends', async () => {
    const result = await runChild(server.url, 'end', 30);
    expect(result).toMatchObject({ code: 0, signal: null, stderr: '' });
    expect(JSON.parse(result.stdout)).toEqual({ SIGTERM: 1, SIGINT: 1, beforeExit: 1 });
    expect(server.records().map((r) => r.requestId)).toEqual(expectedIds('end', 30));
    expect(server.records('scores')).toHaveLength(1);
  });

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`flushes on ${signal}, then dies of the signal as Node would`, async () => {
      const result = await runChild(server.url, signal, 20);
      expect(result).toMatchObject({ code: null, signal, stderr: '' });
      expect(server.records().map((r) => r.requestId)).toEqual(expectedIds(signal, 20));
      expect(server.records('scores')).toHaveLength(1);
    });
  }

  it("leaves the signal to the application's own handler", async () => {
    const result = await runChild(server.url, 'own-handler', 5);
    expect(result).toMatchObject({ code: 3, signal: null });
    expect(server.records().map((r) => r.requestId)).toEqual(expectedIds('own-handler', 5));
  });

  it('still exits, after exitTimeoutMs, when the server is unreachable', async () => {
    const down = await ProtocolServer.start();
    const url = down.url;
    await down.close();
    const result = await runChild(url, 'down', 3);
    expect(result).toMatchObject({ code: 0, signal: null, stderr: '' });
  });
});
