import type { Command } from 'commander';

// The global flags that map onto configuration keys (flags beat environment beat config file beat defaults).
export function addConfigFlags(cmd: Command): Command {
  return cmd
    .option('--config <file>', 'TOML config file (default: $BELEGFLUSS_CONFIG)')
    .option('--database-url <url>', 'sqlite:PATH or postgres://… (default: sqlite:./data/belegfluss.db)')
    .option('--data-dir <dir>', 'directory for the SQLite file, key file and sandbox state (default: ./data)')
    .option('--log-level <level>', 'fatal|error|warn|info|debug|trace|silent');
}

export function configFlagValues(opts: Record<string, unknown>): Record<string, unknown> {
  return {
    databaseUrl: opts.databaseUrl,
    dataDir: opts.dataDir,
    logLevel: opts.logLevel,
    port: opts.port,
    host: opts.host,
    'worker.concurrency': opts.concurrency,
    'sandbox.mode': opts.sandbox,
  };
}
