import { Command, CommanderError } from 'commander';
import { isAppError } from '../lib/errors.js';
import { registerAccountingCommand } from './commands/accounting.command.js';
import { registerAdminCommand } from './commands/admin.command.js';
import { registerBookingCommand } from './commands/booking.command.js';
import { registerDocumentsCommand } from './commands/documents.command.js';
import { registerImportCommand } from './commands/import.command.js';
import { registerMigrateCommand } from './commands/migrate.command.js';
import { registerQueueCommand } from './commands/queue.command.js';
import { registerSandboxCommand } from './commands/sandbox.command.js';
import { registerServeCommand } from './commands/serve.command.js';
import { registerSevdeskCommand } from './commands/sevdesk.command.js';
import { registerShopCommand } from './commands/shop.command.js';
import { registerSyncCommand } from './commands/sync.command.js';
import { registerWorkerCommand } from './commands/worker.command.js';

export function buildProgram(): Command {
  const program = new Command('belegfluss')
    .description('Belegfluss — carries a web shop’s invoices and cancellations into sevDesk, exactly once.')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  registerServeCommand(program);
  registerWorkerCommand(program);
  registerMigrateCommand(program);
  registerQueueCommand(program);
  registerSandboxCommand(program);
  registerSevdeskCommand(program);
  registerSyncCommand(program);
  registerShopCommand(program);
  registerImportCommand(program);
  registerDocumentsCommand(program);
  registerBookingCommand(program);
  registerAdminCommand(program);
  registerAccountingCommand(program);
  for (const cmd of program.commands) cmd.exitOverride();
  return program;
}

/** Run the CLI; configuration errors exit with 2 and one sentence, never a stack trace. */
export async function runCli(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      process.exit(e.exitCode === 0 ? 0 : 2);
    }
    if (isAppError(e)) {
      console.error(`belegfluss: ${e.message}`);
      process.exit(e.kind === 'config' || e.kind === 'validation' ? 2 : 1);
    }
    console.error(`belegfluss: ${(e as Error).message ?? String(e)}`);
    process.exit(1);
  }
}
