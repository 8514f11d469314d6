import type { DocumentChange } from '../../app/documents/sync-order-documents.js';
import type { Shop } from '../../db/repos/shops.repo.js';

// Small mappings from use-case results to the documented response shapes (src/http/openapi/schemas.ts).

export function documentChangeView(d: DocumentChange) {
  return {
    id: d.id,
    type: d.type,
    sourceKey: d.sourceKey,
    action: d.action,
    number: d.number,
    ...(d.reason ? { reason: d.reason } : {}),
  };
}

export function shopView(shop: Shop, publicUrl: string | undefined) {
  const path = `/webhooks/woocommerce/${shop.id}`;
  return {
    id: shop.id,
    name: shop.name,
    settings: shop.settings as unknown as Record<string, unknown>,
    seller: shop.seller as unknown as Record<string, unknown>,
    wooCommerce: {
      url: shop.wooUrl,
      webhookUrl: publicUrl ? `${publicUrl.replace(/\/+$/, '')}${path}` : path,
      hasWebhookSecret: shop.hasWebhookSecret,
    },
    createdAt: shop.createdAt,
    updatedAt: shop.updatedAt,
  };
}

/** Optional `X-Shop-Modified-At`: the shop's modification time; older requests than the stored one are ignored. */
export function modifiedAtHeader(value: string | undefined): string | null | 'invalid' {
  if (value === undefined || value.trim() === '') return null;
  const v = value.trim();
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(v) && !Number.isNaN(Date.parse(v))
    ? new Date(v).toISOString()
    : 'invalid';
}
