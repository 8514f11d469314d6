import { updateAccountingSettings } from '../../../app/accounting/accounting-settings.js';
import type { HttpApp } from '../../app.js';
import { readJsonBody } from '../../middleware/read-body.js';
import { requireShopApiKey } from '../../middleware/shop-auth.js';
import { ACCOUNTING_SETTINGS_PATH } from './get-accounting-settings.route.js';

/**
 * Each section sent replaces that section. Bad input → 400 with field paths; an account or cost centre the
 * connected sevDesk account would refuse → 400 naming the field and sevDesk's reason. Nothing is half-stored.
 */
export function mountPutAccountingSettings(app: HttpApp): void {
  app.put(ACCOUNTING_SETTINGS_PATH, requireShopApiKey, async (c) => {
    const result = await updateAccountingSettings(c.get('ctx'), c.get('shop').id, await readJsonBody(c));
    return c.json({ settings: result.settings, validation: result.validation });
  });
}
