import { z } from 'zod';
import { setSevdeskActive } from '../../../app/sevdesk/activate-sevdesk.js';
import { issuesFromZod, validationError } from '../../../lib/errors.js';
import type { HttpApp } from '../../app.js';
import { readJsonBody } from '../../middleware/read-body.js';
import { requireShopApiKey } from '../../middleware/shop-auth.js';

export const SEVDESK_ACTIVATION_PATH = '/api/v1/shops/:shopId/sevdesk/activation';

export const activationInputSchema = z.object({ active: z.boolean({ error: 'must be true or false' }) }).strict();

/** "Schnittstelle aktivieren": `{ active: true|false }`. While inactive nothing is sent to sevDesk. */
export function mountSevdeskActivation(app: HttpApp): void {
  app.put(SEVDESK_ACTIVATION_PATH, requireShopApiKey, async (c) => {
    const parsed = activationInputSchema.safeParse(await readJsonBody(c));
    if (!parsed.success) throw validationError('Invalid activation', issuesFromZod(parsed.error.issues));
    return c.json(await setSevdeskActive(c.get('ctx'), c.get('shop').id, parsed.data.active));
  });
}
