import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { Command } from 'commander';
import type { GateReport } from '../domain/gate.js';
import { RunArchive } from '../services/eval-runs/index.js';
import { evaluateGates, gateJunit, gateMarkdown, parseGates } from '../services/gates/index.js';
import {
  cliActor,
  dataDirOf,
  type RegistryCommandOptions,
  withRegistry,
  withRegistryOptions,
} from './registry-options.js';

/**
 * `modelwatch gate --run <id> --gates gates.yaml`: evaluates the gate conditions on a run, prints
 * the Markdown summary (or writes it with --markdown), writes JUnit XML with --junit, attaches the
 * result to the run's model version in the registry (unless --no-attach), and exits 1 when a gate
 * fails. Regression conditions compare with the production version's latest run on the same
 * dataset version (or --baseline <run>).
 */
export function gateCommand(out: (text: string) => void): Command {
  const command = new Command('gate');
  withRegistryOptions(
    command
      .description('check a run against gate conditions (YAML); exit code 1 when a gate fails')
      .requiredOption('--run <id>', 'evaluation run to gate')
      .requiredOption('--gates <file>', 'gate conditions (YAML)')
      .option(
        '--baseline <run>',
        'baseline run of "against production" conditions (default: the production version’s latest run)',
      )
      .option('--markdown <file>', 'write the Markdown summary (PR comment) to a file instead of stdout')
      .option('--junit <file>', 'write JUnit XML')
      .option('--json <file>', 'write the gate report as JSON')
      .option('--no-attach', 'do not attach the result to the model version'),
  ).action(
    async (
      opts: RegistryCommandOptions & {
        run: string;
        gates: string;
        baseline?: string;
        markdown?: string;
        junit?: string;
        json?: string;
        attach: boolean;
      },
    ) => {
      const conditions = parseGates(readFileSync(opts.gates, 'utf8'), opts.gates);
      const archive = new RunArchive(dataDirOf(opts));
      const run = archive.get(opts.run);
      const examples = archive.examples(opts.run);
      const report: GateReport = await withRegistry(opts, async ({ registry }) => {
        const result = await evaluateGates({
          conditions,
          gates: basename(opts.gates),
          run,
          examples,
          baseline: async (c) => {
            const runId = c.baseline.kind === 'run' ? c.baseline.runId : opts.baseline;
            if (runId !== undefined) return { run: archive.get(runId), examples: archive.examples(runId) };
            const production = await registry.production(run.model.name);
            if (production === undefined) return { missing: `${run.model.name} has no production version yet` };
            if (production.version === run.model.version) {
              return { missing: `${run.model.name} ${run.model.version} is itself the production version` };
            }
            const candidates = archive.list({
              model: run.model.name,
              version: production.version,
              datasetVersion: run.dataset.version,
            });
            const latest = candidates[candidates.length - 1];
            if (latest === undefined) {
              return {
                missing: `no run of the production version ${production.version} on ${run.dataset.name}@${run.dataset.version}`,
              };
            }
            return { run: latest, examples: archive.examples(latest.runId) };
          },
        });
        if (opts.attach) {
          await registry.attachGateResult(
            run.model.name,
            run.model.version,
            {
              passed: result.passed,
              runId: result.runId,
              gates: result.gates,
              evaluatedAt: result.evaluatedAt,
              conditions: result.conditions.map((c) => ({
                condition: c.condition,
                passed: c.status !== 'failed',
                detail: c.detail,
              })),
            },
            cliActor(),
          );
        }
        return result;
      });
      const markdown = gateMarkdown(report);
      if (opts.markdown !== undefined) writeFileSync(opts.markdown, markdown, 'utf8');
      else out(markdown);
      if (opts.junit !== undefined) writeFileSync(opts.junit, gateJunit(report), 'utf8');
      if (opts.json !== undefined) writeFileSync(opts.json, `${JSON.stringify(report, null, 2)}\n`, 'utf8');
      if (!report.passed) {
        const failed = report.conditions.filter((c) => c.status === 'failed');
        command.error(
          `modelwatch gate: ${failed.length} of ${report.conditions.length} gate condition(s) failed for ${report.model} ${report.version}: ${failed.map((c) => c.condition).join('; ')}`,
          { exitCode: 1, code: 'modelwatch.gate_failed' },
        );
      }
      if (opts.markdown !== undefined) out(`gates passed for ${report.model} ${report.version}\n`);
    },
  );
  return command;
}
