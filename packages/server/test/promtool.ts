import { spawn } from 'node:child_process';

/** What `promtool check metrics` said about an exposition. */
export interface PromtoolResult {
  readonly exitCode: number | null;
  /** stdout and stderr together: promtool prints lint problems one per line, nothing when clean. */
  readonly output: string;
}

/** Runs `promtool check metrics` on `exposition` (read from stdin, as Prometheus documents). */
export function promtoolCheckMetrics(promtool: string, exposition: string): Promise<PromtoolResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(promtool, ['check', 'metrics'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => {
      output += d.toString('utf8');
    });
    child.stderr.on('data', (d: Buffer) => {
      output += d.toString('utf8');
    });
    child.once('error', reject);
    child.once('close', (exitCode) => resolve({ exitCode, output }));
    child.stdin.end(exposition);
  });
}
