import { findCustomerLink } from '../../db/repos/customer-links.repo.js';
import { findCustomer } from '../../db/repos/customers.repo.js';
import { findConnection } from '../../db/repos/sevdesk-connections.repo.js';
import { findShop } from '../../db/repos/shops.repo.js';
import { type CustomerRef, customerRef } from '../../domain/transfer/contact-intent.js';
import { messages } from '../../domain/transfer/messages.js';
import { SevdeskAuthError, SevdeskError } from '../../integrations/sevdesk/sevdesk-errors.js';
import type { AppContext } from '../context.js';
import { PAUSE_MS, pauseShopForAuth } from '../sevdesk/pause-shop.js';
import type { SevdeskDeps } from '../sevdesk/sevdesk-deps.js';
import { openSession } from '../sevdesk/sevdesk-session.js';
import { type ContactAction, ensureContact, intentHashOf } from './sync-contact.js';

// The `sevdesk.sync-customer` job: a customer's changed data reaches sevDesk once. Edits arriving while the
// job waits are coalesced by the queue (one pending job per customer); an edit arriving while it runs is not
// lost: after syncing, the job re-reads the customer and runs again until the synced hash equals the current one.

export interface CustomerSyncOutcome {
  customerId: string;
  result: 'skipped' | ContactAction;
  rounds: number;
  calls: number;
}

const MAX_ROUNDS = 5;

export async function syncCustomer(
  ctx: AppContext,
  customerId: string,
  opts: { deps?: SevdeskDeps } = {},
): Promise<CustomerSyncOutcome> {
  const skipped = (rounds = 0, calls = 0): CustomerSyncOutcome => ({ customerId, result: 'skipped', rounds, calls });
  let customer = await findCustomer(ctx.db, customerId);
  if (!customer || customer.deletedAt) return skipped();
  const shop = await findShop(ctx.db, customer.shopId);
  if (!shop?.settings.sevdesk.active || !shop.settings.sevdesk.customerSync) return skipped();
  const connection = await findConnection(ctx.db, shop.id);
  if (!connection || connection.status === 'disconnected' || !connection.tokenEnc) return skipped();
  if (connection.status === 'invalid')
    throw new SevdeskError('connection', connection.lastError ?? messages.authInvalid(401), {
      retryAfterMs: PAUSE_MS,
    });

  const session = openSession(ctx, connection, opts.deps);
  let last: ContactAction = 'unchanged';
  for (let round = 1; round <= MAX_ROUNDS; round++) {
    const ref = refOf(customer.externalId, shop.settings.sevdesk.customerNumberPrefix);
    try {
      const res = await ensureContact(ctx, session, ref, { ...customer.data, customerId: customer.externalId });
      if (res.action !== 'unchanged') last = res.action;
    } catch (e) {
      if (e instanceof SevdeskAuthError) {
        await pauseShopForAuth(ctx, connection, e);
        throw new SevdeskError('connection', e.localized, { retryAfterMs: PAUSE_MS });
      }
      throw e;
    }
    // Did the customer change while we were writing? Then write again (only what changed).
    const fresh = await findCustomer(ctx.db, customerId);
    if (!fresh || fresh.deletedAt) return { customerId, result: last, rounds: round, calls: session.calls.length };
    const link = await findCustomerLink(ctx.db, shop.id, ref.key);
    if (link?.syncedHash === intentHashOf({ ...fresh.data, customerId: fresh.externalId }, ref.customerNumber))
      return { customerId, result: last, rounds: round, calls: session.calls.length };
    customer = fresh;
  }
  // Still changing: let the queue run this again shortly.
  throw new SevdeskError('retryable', {
    code: 'customer_still_changing',
    de: 'Die Kundendaten ändern sich laufend; der Abgleich wird gleich wiederholt.',
    en: 'The customer data keeps changing; the sync is repeated shortly.',
  });
}

function refOf(externalId: string, prefix: string): Exclude<CustomerRef, { kind: 'none' }> {
  const ref = customerRef(
    {
      customerId: externalId,
      email: null,
      phone: null,
      company: null,
      vatId: null,
      billing: { street: '', zip: '', city: '', country: '' },
      shipping: null,
    },
    '',
    { prefix, guestContacts: 'none' },
  );
  if (ref.kind === 'none') throw new Error('a stored customer always has an id');
  return ref;
}
