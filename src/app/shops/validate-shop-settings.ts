import { validateNumberFormat } from '../../domain/documents/numbering.js';
import { type ShopSettings, shopSettingsSchema } from '../../domain/shops/shop-settings.js';
import { type FieldIssue, validationError } from '../../lib/errors.js';
import { parseInput } from './parse-input.js';

/** Settings as stored: the schema's shape and defaults, plus the numbering rules the schema cannot express. */
export function validateShopSettings(value: unknown, pathPrefix = 'settings'): ShopSettings {
  const settings = parseInput(shopSettingsSchema, value, 'shop settings', pathPrefix);
  const issues: FieldIssue[] = [];
  for (const type of ['invoice', 'cancellation'] as const) {
    const check = validateNumberFormat(settings.numbering[type]);
    if (!check.ok) issues.push({ path: `${pathPrefix}.numbering.${type}`.replace(/^\./, ''), message: check.error });
  }
  if (issues.length > 0) throw validationError('Invalid shop settings.', issues);
  return settings;
}
