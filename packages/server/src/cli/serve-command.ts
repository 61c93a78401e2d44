import { Command, InvalidArgumentError } from 'commander';
import { type ConfigFlag, loadConfig } from '../services/config/index.js';
import { startServer } from '../services/server/index.js';

function port(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n) || n < 0 || n > 65535) {
    throw new InvalidArgumentError(`port must be an integer in [0, 65535] (got ${JSON.stringify(value)})`);
  }
  return n;
}

interface ServeOptions {
  readonly config?: string;
  readonly host?: string;
  readonly port?: number;
  readonly dataDir?: string;
  readonly store?: string;
  readonly demo?: boolean;
}

/**
 * `modelwatch serve`: the server, dashboard and (unless --no-demo or `demo.enabled: false`) demo
 * traffic. Configuration: flags > MODELWATCH_* variables > the file (--config, MODELWATCH_CONFIG
 * or ./modelwatch.yaml) > defaults (127.0.0.1:8080, ./data).
 */
export function serveCommand(out: (text: string) => void): Command {
  return new Command('serve')
    .description('start the modelwatch server and dashboard (and demo traffic, unless --no-demo)')
    .option('--config <file>', 'configuration file (default: MODELWATCH_CONFIG, else ./modelwatch.yaml if present)')
    .option('--host <host>', 'address to listen on (default 127.0.0.1)')
    .option('--port <port>', 'port to listen on (default 8080; 0 picks a free one)', port)
    .option('--data-dir <dir>', 'directory of the store file (default ./data)')
    .option('--store <store>', 'duckdb (default), or clickhouse://host:port/db?shards=host:port,…&cluster=name')
    .option('--no-demo', 'do not generate demo traffic')
    .action(async (opts: ServeOptions, command: Command) => {
      const flags: ConfigFlag[] = [
        { key: 'host', flag: '--host', value: opts.host },
        { key: 'port', flag: '--port', value: opts.port },
        { key: 'dataDir', flag: '--data-dir', value: opts.dataDir },
        { key: 'store', flag: '--store', value: opts.store },
        // --no-demo has an implicit default (true); only an explicit flag overrides env and file.
        {
          key: 'demo.enabled',
          flag: '--no-demo',
          value: command.getOptionValueSource('demo') === 'cli' ? opts.demo : undefined,
        },
      ];
      const { config } = loadConfig({ ...(opts.config !== undefined ? { file: opts.config } : {}), flags });
      await startServer(config, { out });
    });
}
