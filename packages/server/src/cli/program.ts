import { type Command, Option } from 'commander';
import { compareSampleFiles, SAMPLE_TESTS, type SampleTest } from '../services/compare-samples.js';
import { abCommand } from './ab-command.js';
import { driftCommand } from './drift-command.js';
import { evalCommand } from './eval-command.js';
import { exportCommand } from './export-command.js';
import { keysCommand } from './keys-command.js';
import { programShell } from './program-shell.js';
import { projectsCommand } from './projects-command.js';
import { registryCommands } from './registry-commands.js';
import { serveCommand } from './serve-command.js';

/** The `modelwatch` command line. `out` receives results (stdout in production, a buffer in tests). */
export function buildProgram(out: (text: string) => void = (t) => process.stdout.write(t)): Command {
  const program = programShell();

  program.addCommand(serveCommand(out));

  program
    .command('compare')
    .description('compare two samples of numbers (text files, one value per line or comma separated)')
    .addOption(new Option('--test <test>', 'statistic to run').choices(SAMPLE_TESTS).default('ks'))
    .addOption(
      new Option('--alternative <alternative>', 'alternative hypothesis').choices(['two-sided', 'less', 'greater']),
    )
    .option('--omit-nan', 'drop NaN values instead of failing')
    .argument('<reference>', 'reference sample file')
    .argument('<current>', 'current sample file')
    .action(
      async (
        reference: string,
        current: string,
        opts: { test: SampleTest; alternative?: 'two-sided' | 'less' | 'greater'; omitNan?: boolean },
      ) => {
        const result = await compareSampleFiles(opts.test, reference, current, {
          ...(opts.alternative ? { alternative: opts.alternative } : {}),
          ...(opts.omitNan ? { nanPolicy: 'omit' as const } : {}),
        });
        out(`${JSON.stringify(result, null, 2)}\n`);
      },
    );

  program.addCommand(evalCommand(out));
  program.addCommand(abCommand(out));
  program.addCommand(driftCommand(out));
  program.addCommand(keysCommand(out));
  program.addCommand(projectsCommand(out));
  program.addCommand(exportCommand(out));
  for (const command of registryCommands(out)) program.addCommand(command);

  return program;
}
