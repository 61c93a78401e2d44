import type { Command } from 'commander';

// `modelwatch drift …` loads only the drift command; everything else the full program.
const program: Command =
  process.argv[2] === 'drift'
    ? (await import('./drift-program.js')).buildDriftProgram()
    : (await import('./program.js')).buildProgram();

program.parseAsync(process.argv).catch((err: unknown) => {
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`modelwatch: ${message}\n`);
  process.exitCode = 1;
});
