import type { Command } from 'commander';
import { driftCommand } from './drift-command.js';
import { programShell } from './program-shell.js';

/**
 * The `modelwatch` program with only the drift command: what `modelwatch drift …` runs, so it
 * loads neither the server (fastify) nor the eval, A/B and registry modules — less start-up time
 * and memory (the baseline profile of a large file has a memory target). Same help, options and
 * errors for `drift` as the full program ({@link buildProgram} in program.ts).
 */
export function buildDriftProgram(out: (text: string) => void = (t) => process.stdout.write(t)): Command {
  return programShell().addCommand(driftCommand(out));
}
