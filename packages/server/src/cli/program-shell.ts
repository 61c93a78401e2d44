import { Command } from 'commander';
import { VERSION } from '../version.js';

/** The `modelwatch` program with its name, description and version, without commands. */
export function programShell(): Command {
  return new Command()
    .name('modelwatch')
    .description('Evaluate fine-tuned models and keep them healthy in production.')
    .version(VERSION, '-v, --version', 'print the modelwatch version');
}
