import type { Command } from 'commander';
import { datasetsCommand } from './datasets-command.js';
import { gateCommand } from './gate-command.js';
import { modelsCommand } from './models-command.js';
import { type RunsCommandIo, runsCommand } from './runs-command.js';

/** The registry's commands: `models`, `datasets`, `runs` and `gate` (registered in program.ts in one line). */
export function registryCommands(out: (text: string) => void, io: RunsCommandIo = {}): Command[] {
  return [modelsCommand(out), datasetsCommand(out), runsCommand(out, io), gateCommand(out)];
}
