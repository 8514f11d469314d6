import { readCache, writeCache } from '../../db/repos/sevdesk-connections.repo.js';
import type { CategoryInfo, CountryInfo, GuidanceRow } from '../../integrations/sevdesk/sevdesk-api.js';
import type { AppContext } from '../context.js';
import { sevdeskDepsFor } from './sevdesk-deps.js';
import type { SevdeskSession } from './sevdesk-session.js';

// sevDesk's static data per connection, cached in the database with a TTL so every process shares it and a
// transfer costs no lookups: countries, address categories, revenue-account guidance.

export const DEFAULT_CACHE_TTL_MS = 24 * 60 * 60_000;

async function cached<T>(ctx: AppContext, session: SevdeskSession, key: string, load: () => Promise<T>): Promise<T> {
  const now = ctx.now().getTime();
  const hit = await readCache(ctx.db, session.connectionId, key, now);
  if (hit !== null) return JSON.parse(hit) as T;
  const value = await load();
  const ttl = sevdeskDepsFor(ctx).cacheTtlMs ?? DEFAULT_CACHE_TTL_MS;
  await writeCache(ctx.db, session.connectionId, key, JSON.stringify(value), now + ttl);
  return value;
}

export async function storeStaticData<T>(
  ctx: AppContext,
  connectionId: string,
  key: 'guidance' | 'countries' | 'addressCategories',
  value: T,
): Promise<void> {
  const ttl = sevdeskDepsFor(ctx).cacheTtlMs ?? DEFAULT_CACHE_TTL_MS;
  await writeCache(ctx.db, connectionId, key, JSON.stringify(value), ctx.now().getTime() + ttl);
}

export function revenueGuidance(ctx: AppContext, session: SevdeskSession): Promise<GuidanceRow[]> {
  return cached(ctx, session, 'guidance', () => session.api.revenueGuidance());
}

export function countries(ctx: AppContext, session: SevdeskSession): Promise<CountryInfo[]> {
  return cached(ctx, session, 'countries', () => session.api.staticCountries());
}

export function addressCategories(ctx: AppContext, session: SevdeskSession): Promise<CategoryInfo[]> {
  return cached(ctx, session, 'addressCategories', () => session.api.categories('ContactAddress'));
}

/**
 * StaticCountry id of an ISO code. sevDesk lists GB twice; the entry named "United Kingdom" is the one to use
 * (sevdesk-api.md §2.5), otherwise the lowest id.
 */
export function countryIdOf(list: readonly CountryInfo[], isoCode: string): string | null {
  const code = isoCode.trim().toLowerCase();
  const matches = list.filter((c) => c.code === code);
  if (matches.length === 0) return null;
  const uk = matches.find((c) => /united kingdom|vereinigtes königreich/i.test(`${c.nameEn} ${c.name}`));
  if (code === 'gb' && uk) return uk.id;
  return [...matches].sort((a, b) => Number(a.id) - Number(b.id))[0]!.id;
}

export function countryCodeOf(list: readonly CountryInfo[], id: string | null): string | null {
  if (!id) return null;
  return list.find((c) => c.id === id)?.code.toUpperCase() ?? null;
}

/** Billing (Rechnungsadresse) and delivery (Lieferadresse) address categories; 47/48 as observed when unnamed. */
export function addressCategoryIds(list: readonly CategoryInfo[]): { billing: string; shipping: string } {
  const find = (code: string, name: RegExp) =>
    list.find((c) => c.code?.toUpperCase() === code)?.id ?? list.find((c) => name.test(c.name))?.id ?? null;
  return {
    billing: find('INVOICE_ADDRESS', /rechnungsadresse|invoice address|billing/i) ?? '47',
    shipping: find('DELIVERY_ADDRESS', /lieferadresse|delivery address|shipping/i) ?? '48',
  };
}
