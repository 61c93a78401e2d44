import type { CommanderError } from 'commander';

/** Commander's parse errors that mean the command line itself is wrong. */
const USAGE_ERRORS = new Set([
  'commander.unknownOption',
  'commander.missingArgument',
  'commander.optionMissingArgument',
  'commander.missingMandatoryOptionValue',
  'commander.invalidArgument',
  'commander.excessArguments',
  'commander.conflictingOption',
]);

/**
 * The process exit code of an eval command error: 0 after help, 2 for a usage error (commander's
 * parse errors and EvalUsageError), 1 for bad input, otherwise the error's own code.
 */
export function evalExitCode(err: CommanderError): number {
  if (err.code === 'commander.helpDisplayed' || err.code === 'commander.help' || err.code === 'commander.version') {
    return 0;
  }
  return USAGE_ERRORS.has(err.code) ? 2 : err.exitCode;
}
