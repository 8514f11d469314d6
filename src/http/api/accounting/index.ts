import type { HttpApp } from '../../app.js';
import { mountAvailableAccounts } from './available-accounts.route.js';
import { mountDryRun } from './dry-run.route.js';
import { mountGetAccountingSettings } from './get-accounting-settings.route.js';
import { mountPutAccountingSettings } from './put-accounting-settings.route.js';

/** Accounting settings, the accounts to choose from, and the dry run of a document (per-shop API key). */
export function mountAccountingApi(app: HttpApp): void {
  mountGetAccountingSettings(app);
  mountPutAccountingSettings(app);
  mountAvailableAccounts(app);
  mountDryRun(app);
}
