import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Command, InvalidArgumentError, Option } from 'commander';
import { STAGES } from '../domain/registry.js';
import type { ModelSummary, ModelVersion } from '../services/registry/registry-api.js';
import { cliActor, type RegistryCommandOptions, withRegistry, withRegistryOptions } from './registry-options.js';

function keyValue(value: string, previous: Record<string, string> = {}): Record<string, string> {
  const eq = value.indexOf('=');
  if (eq <= 0) throw new InvalidArgumentError(`expected key=value (got ${JSON.stringify(value)})`);
  return { ...previous, [value.slice(0, eq)]: value.slice(eq + 1) };
}

async function fileSha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] as string).length))) ?? [];
  return `${rows
    .map((r) =>
      r
        .map((c, i) => c.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n')}\n`;
}

/** Versions as an aligned table. */
export function versionsTable(versions: readonly ModelVersion[]): string {
  return table([
    ['MODEL', 'VERSION', 'STAGE', 'GATE', 'PARENT', 'TRAINING DATA', 'ARTIFACT'],
    ...versions.map((v) => [
      v.model,
      v.version,
      v.stage,
      v.gate === undefined ? '-' : v.gate.passed ? 'passed' : 'failed',
      v.lineage.parentVersion ?? '-',
      v.lineage.trainingData ?? '-',
      v.artifactUri,
    ]),
  ]);
}

function modelsTable(models: readonly ModelSummary[]): string {
  return table([
    ['MODEL', 'VERSIONS', 'PRODUCTION', 'STAGING', 'LATEST'],
    ...models.map((m) => [m.model, String(m.versions), m.production ?? '-', m.staging.join(',') || '-', m.latest]),
  ]);
}

/**
 * `modelwatch models register | promote | list`: the model registry, through the running server's
 * API when a server owns the data directory, else on the store file (as `modelwatch keys`).
 */
export function modelsCommand(out: (text: string) => void): Command {
  const models = new Command('models').description('the model registry: versions, stages, lineage, gate results');

  withRegistryOptions(
    models
      .command('register')
      .description('register a model version (stage none); a local artifact file is hashed with SHA-256')
      .argument('<model>', 'model name')
      .argument('<version>', 'version (immutable once registered)')
      .requiredOption('--artifact <uri-or-file>', 'artifact URI, or a local file (hashed, stored as a file:// URI)')
      .option('--sha256 <hex>', 'artifact SHA-256 (required for a URI that is not a local file)')
      .option('--parent <version>', 'lineage: the version this one was derived from')
      .option('--training-data <ref>', 'lineage: training data version (e.g. a dataset name@version)')
      .option('--description <text>', 'what changed')
      .option('--metadata <key=value>', 'metadata entry (repeatable)', keyValue)
      .option('--json', 'print the version as JSON'),
  ).action(
    async (
      model: string,
      version: string,
      opts: RegistryCommandOptions & {
        artifact: string;
        sha256?: string;
        parent?: string;
        trainingData?: string;
        description?: string;
        metadata?: Record<string, string>;
        json?: boolean;
      },
    ) => {
      const local = existsSync(opts.artifact);
      const sha = opts.sha256 ?? (local ? await fileSha256(opts.artifact) : undefined);
      if (sha === undefined) {
        throw new InvalidArgumentError(
          `--sha256 is required when --artifact is not a local file (got ${JSON.stringify(opts.artifact)})`,
        );
      }
      const input = {
        model,
        version,
        artifactUri: local ? pathToFileURL(resolve(opts.artifact)).href : opts.artifact,
        artifactSha256: sha,
        ...(opts.description === undefined ? {} : { description: opts.description }),
        ...(opts.metadata === undefined ? {} : { metadata: opts.metadata }),
        lineage: {
          ...(opts.parent === undefined ? {} : { parentVersion: opts.parent }),
          ...(opts.trainingData === undefined ? {} : { trainingData: opts.trainingData }),
        },
      };
      await withRegistry(opts, async ({ registry }) => {
        const v = await registry.register(input, cliActor());
        out(
          opts.json
            ? `${JSON.stringify(v, null, 2)}\n`
            : `registered ${v.model} ${v.version} (stage ${v.stage}, sha256 ${v.artifactSha256.slice(0, 12)}…)\n`,
        );
      });
    },
  );

  withRegistryOptions(
    models
      .command('promote')
      .description(
        'move a version to a stage; production archives the previous production version and is refused while a gate fails',
      )
      .argument('<model>', 'model name')
      .argument('<version>', 'version')
      .addOption(new Option('--stage <stage>', 'target stage').choices(STAGES).default('production'))
      .option('--reason <text>', 'why (recorded in the audit log)')
      .option('--override-reason <text>', 'promote to production although the gate failed (recorded in the audit log)')
      .option('--json', 'print the result as JSON'),
  ).action(
    async (
      model: string,
      version: string,
      opts: RegistryCommandOptions & { stage: string; reason?: string; overrideReason?: string; json?: boolean },
    ) => {
      await withRegistry(opts, async ({ registry }) => {
        const r = await registry.transition(
          model,
          version,
          {
            stage: opts.stage,
            ...(opts.reason === undefined ? {} : { reason: opts.reason }),
            ...(opts.overrideReason === undefined ? {} : { overrideReason: opts.overrideReason }),
          },
          cliActor(),
        );
        if (opts.json) {
          out(`${JSON.stringify(r, null, 2)}\n`);
          return;
        }
        out(
          `${model} ${version} is now in stage ${r.version.stage}${r.archived === undefined ? '' : ` (archived the previous production version ${r.archived.version})`}\n`,
        );
      });
    },
  );

  withRegistryOptions(
    models
      .command('list')
      .description('list models, or the versions of one model')
      .argument('[model]', 'model whose versions to list')
      .option('--json', 'print JSON'),
  ).action(async (model: string | undefined, opts: RegistryCommandOptions & { json?: boolean }) => {
    await withRegistry(opts, async ({ registry }) => {
      if (model === undefined) {
        const list = await registry.listModels();
        out(opts.json ? `${JSON.stringify(list, null, 2)}\n` : modelsTable(list));
        return;
      }
      const versions = await registry.listVersions(model);
      out(opts.json ? `${JSON.stringify(versions, null, 2)}\n` : versionsTable(versions));
    });
  });

  return models;
}
