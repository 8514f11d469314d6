import { readCache, writeCache } from '../../../db/repos/sevdesk-connections.repo.js';
import { InvoiceApi } from '../../../integrations/sevdesk/invoice-api.js';
import type { AppContext } from '../../context.js';
import { sevdeskDepsFor } from '../../sevdesk/sevdesk-deps.js';
import type { SevdeskSession } from '../../sevdesk/sevdesk-session.js';
import { countries, countryIdOf, DEFAULT_CACHE_TTL_MS } from '../../sevdesk/static-data.js';

// What the invoice path needs from sevDesk besides the document: the user named as contact person (GET /SevUser)
// and the destination's StaticCountry id — both cached per connection like the other static data, so an invoice
// costs no lookups once the cache is warm.

const SEV_USER_KEY = 'sevUser';

/** The account's contact person for invoices: the first user (lowest id); null when sevDesk lists none. */
export async function contactPersonId(ctx: AppContext, session: SevdeskSession): Promise<string | null> {
  const now = ctx.now().getTime();
  const hit = await readCache(ctx.db, session.connectionId, SEV_USER_KEY, now);
  if (hit !== null) return (JSON.parse(hit) as { id: string | null }).id;
  const users = await new InvoiceApi(session.api.http).sevUsers();
  const id = users[0]?.id ?? null;
  if (id !== null) {
    const ttl = sevdeskDepsFor(ctx).cacheTtlMs ?? DEFAULT_CACHE_TTL_MS;
    await writeCache(ctx.db, session.connectionId, SEV_USER_KEY, JSON.stringify({ id }), now + ttl);
  }
  return id;
}

/** StaticCountry id of an ISO code, from the cached country list. */
export async function staticCountryId(
  ctx: AppContext,
  session: SevdeskSession,
  isoCode: string,
): Promise<string | null> {
  return countryIdOf(await countries(ctx, session), isoCode);
}
