import type { AdminRoute } from '../admin-env.js';
import { mountAccountingSettings } from './accounting-settings.route.js';
import { mountDryRunView } from './dry-run.route.js';

/** Settings › Accounting and the dry-run view of a document. */
export const mountAccountingAdmin: AdminRoute = (admin) => {
  mountAccountingSettings(admin);
  mountDryRunView(admin);
};
