import type { Command } from 'commander';
import { loadConfig } from '../../config/load-config.js';
import { createDb } from '../../db/create-db.js';
import { migrateToLatest } from '../../db/migrate.js';
import { addConfigFlags, configFlagValues } from '../config-flags.js';

export function registerMigrateCommand(program: Command): void {
  addConfigFlags(program.command('migrate').description('apply pending database migrations and exit')).action(
    async (opts) => {
      const config = loadConfig({ flags: configFlagValues(opts), configFile: opts.config });
      const handle = await createDb(config.databaseUrl);
      try {
        const applied = await migrateToLatest(handle.db);
        console.log(applied.length ? `Applied: ${applied.join(', ')}` : `Database ${handle.location} is up to date.`);
      } finally {
        await handle.close();
      }
    },
  );
}
