import { Command, Option } from 'commander';
import { DATASET_KINDS } from '../domain/dataset.js';
import { DatasetCatalog } from '../services/datasets/index.js';
import { dataDirOf, type RegistryCommandOptions, withRegistryOptions } from './registry-options.js';

/** `modelwatch datasets add | list`: versioned evaluation datasets under the data directory. */
export function datasetsCommand(out: (text: string) => void): Command {
  const datasets = new Command('datasets').description('versioned evaluation datasets (content-addressed)');
  withRegistryOptions(
    datasets
      .command('add')
      .description('add a CSV, Parquet or JSON(-lines) file as a dataset version (the same rows give the same version)')
      .argument('<file>', 'data file')
      .requiredOption('--name <name>', 'dataset name')
      .addOption(new Option('--kind <kind>', 'what the dataset is for').choices(DATASET_KINDS).makeOptionMandatory())
      .option('--description <text>', 'description')
      .option('--json', 'print the version as JSON'),
  ).action(
    async (
      file: string,
      opts: RegistryCommandOptions & { name: string; kind: string; description?: string; json?: boolean },
    ) => {
      const catalog = new DatasetCatalog(dataDirOf(opts));
      const { dataset, created } = await catalog.add(file, {
        name: opts.name,
        kind: opts.kind,
        ...(opts.description === undefined ? {} : { description: opts.description }),
      });
      out(
        opts.json
          ? `${JSON.stringify(dataset, null, 2)}\n`
          : `${created ? 'added' : 'unchanged:'} ${dataset.name}@${dataset.version} (${dataset.kind}, ${dataset.rowCount} rows, sha256 ${dataset.sha256})\n`,
      );
    },
  );
  withRegistryOptions(
    datasets
      .command('list')
      .description('list dataset versions')
      .argument('[name]', 'one dataset')
      .option('--json', 'print JSON'),
  ).action((name: string | undefined, opts: RegistryCommandOptions & { json?: boolean }) => {
    const list = new DatasetCatalog(dataDirOf(opts)).list(name);
    out(
      opts.json
        ? `${JSON.stringify(list, null, 2)}\n`
        : list
            .map(
              (d) => `${d.name}@${d.version}  ${d.kind}  ${d.rowCount} rows  ${new Date(d.createdAt).toISOString()}\n`,
            )
            .join(''),
    );
  });
  return datasets;
}
