import { spawn } from 'node:child_process';

/** What a promtool command printed and how it exited. */
export interface PromtoolRun {
  readonly exitCode: number | null;
  /** stdout and stderr together. */
  readonly output: string;
}

/** Runs `promtool ...args` (e.g. `check rules file.yaml`, `test rules tests/*.yaml`) in `cwd`. */
export function promtoolRun(promtool: string, args: readonly string[], cwd?: string): Promise<PromtoolRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(promtool, args, { stdio: ['ignore', 'pipe', 'pipe'], ...(cwd === undefined ? {} : { cwd }) });
    let output = '';
    child.stdout.on('data', (d: Buffer) => {
      output += d.toString('utf8');
    });
    child.stderr.on('data', (d: Buffer) => {
      output += d.toString('utf8');
    });
    child.once('error', reject);
    child.once('close', (exitCode) => resolve({ exitCode, output }));
  });
}
