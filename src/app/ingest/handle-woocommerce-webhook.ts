import { z } from 'zod';
import type { Db } from '../../db/database.js';
import { findOrderByExternalId } from '../../db/repos/orders.repo.js';
import { findShopRow, toShop } from '../../db/repos/shops.repo.js';
import { recordDelivery, wasDeliveryProcessed } from '../../db/repos/webhook-deliveries.repo.js';
import { mapWooCustomer } from '../../integrations/woocommerce/map-customer.js';
import { mapWooOrder, wooGmtToIso } from '../../integrations/woocommerce/map-order.js';
import { parseWooCustomer, parseWooOrder } from '../../integrations/woocommerce/schemas.js';
import { verifyWooSignature } from '../../integrations/woocommerce/signature.js';
import { AppError, type FieldIssue, isAppError, notFound, validationError } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import type { AppContext } from '../context.js';
import type { DocumentChange } from '../documents/sync-order-documents.js';
import { dotPath } from '../shops/parse-input.js';
import { webhookSecretOf } from '../shops/shop-secrets.js';
import { deleteOrder } from './delete-order.js';
import { deleteCustomer, ingestCustomer } from './ingest-customer.js';
import { ingestOrder } from './ingest-order.js';
import { wooClientFor } from './woocommerce-client-for.js';
import { withRefundDetails } from './woocommerce-refunds.js';

// POST /webhooks/woocommerce/:shopId. Order of checks: shop (404) → creation ping (200) → signature over the
// raw bytes (401) → redelivery (200 duplicate) → UTF-8, JSON, payload schema (400 with field paths, nothing
// stored) → the use case. Every authenticated delivery is logged in webhook_deliveries for diagnosis.

export const WOO_SOURCE = 'woocommerce';
export const WOO_TOPICS = [
  'order.created',
  'order.updated',
  'order.deleted',
  'order.restored',
  'customer.created',
  'customer.updated',
  'customer.deleted',
] as const;
type WooTopic = (typeof WOO_TOPICS)[number];

export interface WooWebhookRequest {
  shopId: string;
  topic: string | undefined;
  deliveryId: string | undefined;
  signature: string | undefined;
  rawBody: Uint8Array;
}

export type WooWebhookResponse =
  | { ping: true }
  | { duplicate: true; reason: 'delivery' | 'unchanged' | 'stale' }
  | {
      topic: WooTopic;
      outcome: string;
      orderId?: string | null;
      customerId?: string | null;
      documents?: DocumentChange[];
      attention?: string[];
    };

const utf8 = new TextDecoder('utf-8', { fatal: true });
/** Dates the mapping reads; the schema checks their shape, this their calendar ("25:61" passes a pattern). */
const WOO_ORDER_DATES = ['date_created_gmt', 'date_modified_gmt', 'date_paid_gmt', 'date_completed_gmt'] as const;
const deletedPayload = z.looseObject({ id: z.union([z.number().int().nonnegative(), z.string().min(1).max(50)]) });

/** WooCommerce's "ping" when a webhook is saved: a form body `webhook_id=<id>`, possibly unsigned. */
export function isWooPing(rawBody: Uint8Array): boolean {
  return rawBody.length < 100 && /^webhook_id=\d+$/.test(Buffer.from(rawBody).toString('latin1').trim());
}

function invalid(message: string, issues: FieldIssue[]): AppError {
  return validationError(message, issues);
}

export async function handleWooCommerceWebhook(ctx: AppContext, req: WooWebhookRequest): Promise<WooWebhookResponse> {
  const row = await findShopRow(ctx.db, req.shopId);
  if (!row) throw notFound(`Shop ${req.shopId}`);
  const shop = toShop(row);
  const receivedAt = ctx.now().toISOString();
  const log = (
    outcome: string,
    extra: { resourceKey?: string | null; error?: string | null; body?: boolean } = {},
    db: Db = ctx.db,
  ) =>
    recordDelivery(db, {
      id: newId('whd', ctx.now().getTime()),
      shop_id: shop.id,
      source: WOO_SOURCE,
      delivery_id: req.deliveryId?.slice(0, 100) ?? null,
      topic: req.topic?.slice(0, 100) ?? null,
      resource_key: extra.resourceKey ?? null,
      outcome,
      error: extra.error?.slice(0, 2000) ?? null,
      body: extra.body === false ? null : Buffer.from(req.rawBody).toString('utf8'),
      received_at: receivedAt,
    });

  if (isWooPing(req.rawBody)) {
    await log('ping', { body: false });
    return { ping: true };
  }

  const secret = webhookSecretOf(ctx.secrets, row);
  if (!secret || !verifyWooSignature(req.rawBody, req.signature, secret)) {
    ctx.logger.warn({ shopId: shop.id, deliveryId: req.deliveryId, topic: req.topic }, 'webhook signature rejected');
    throw new AppError(
      'unauthorized',
      req.signature ? 'signature_invalid' : 'signature_missing',
      req.signature
        ? 'X-WC-Webhook-Signature does not match the body signed with this shop’s webhook secret.'
        : 'X-WC-Webhook-Signature is missing.',
    );
  }

  if (req.deliveryId && (await wasDeliveryProcessed(ctx.db, shop.id, WOO_SOURCE, req.deliveryId))) {
    await log('duplicate', { body: false });
    return { duplicate: true, reason: 'delivery' };
  }

  try {
    const topic = req.topic as WooTopic;
    if (!WOO_TOPICS.includes(topic)) {
      throw invalid(`Unsupported webhook topic "${req.topic ?? ''}".`, [
        { path: '(header) X-WC-Webhook-Topic', message: `must be one of ${WOO_TOPICS.join(', ')}` },
      ]);
    }
    let text: string;
    try {
      text = utf8.decode(req.rawBody);
    } catch {
      throw invalid('The webhook body is not valid UTF-8.', [{ path: '(body)', message: 'invalid UTF-8' }]);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      throw invalid('The webhook body is not valid JSON.', [
        { path: '(body)', message: (e as Error).message.slice(0, 200) },
      ]);
    }
    const logResult = (db: Db, outcome: string, resourceKey: string) => {
      const duplicate = outcome === 'unchanged' || outcome === 'stale';
      return log(duplicate ? outcome : 'processed', { resourceKey, body: !duplicate }, db);
    };
    const result = await dispatch(ctx, shop, topic, json, logResult);
    const duplicate = result.outcome === 'unchanged' || result.outcome === 'stale';
    if (!result.logged) await logResult(ctx.db, result.outcome, result.resourceKey);
    if (duplicate) return { duplicate: true, reason: result.outcome as 'unchanged' | 'stale' };
    return result.response;
  } catch (e) {
    const outcome = isAppError(e) && e.kind === 'validation' ? 'invalid' : 'failed';
    const detail = isAppError(e)
      ? `${e.message}${e.issues.length ? ` ${e.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}` : ''}`
      : 'internal error';
    await log(outcome, { error: detail }).catch(() => {});
    throw e;
  }
}

async function dispatch(
  ctx: AppContext,
  shop: ReturnType<typeof toShop>,
  topic: WooTopic,
  json: unknown,
  /** The delivery log entry, for a dispatch that can write it in its own transaction. */
  logResult: (db: Db, outcome: string, resourceKey: string) => Promise<void>,
): Promise<{ outcome: string; resourceKey: string; response: WooWebhookResponse; logged?: boolean }> {
  const schemaError = (what: string, issues: { path: string; message: string }[]) =>
    invalid(
      `The ${what} payload is not a WooCommerce REST v3 ${what}.`,
      issues.map((i) => ({ path: dotPath(i.path), message: i.message })),
    );

  if (topic === 'order.deleted' || topic === 'customer.deleted') {
    const parsed = deletedPayload.safeParse(json);
    if (!parsed.success) throw schemaError(topic.split('.')[0]!, [{ path: 'id', message: 'a numeric id is required' }]);
    const id = String(parsed.data.id);
    if (topic === 'order.deleted') {
      const r = await deleteOrder(ctx, shop, id);
      return {
        outcome: r.outcome,
        resourceKey: `order:${id}`,
        response: { topic, outcome: r.outcome, orderId: r.orderId },
      };
    }
    const r = await deleteCustomer(ctx, shop, id);
    return {
      outcome: r.outcome,
      resourceKey: `customer:${id}`,
      response: { topic, outcome: r.outcome, customerId: r.customerId },
    };
  }

  if (topic === 'customer.created' || topic === 'customer.updated') {
    const parsed = parseWooCustomer(json);
    if (!parsed.ok) throw schemaError('customer', parsed.issues);
    const id = String(parsed.value.id);
    const r = await ingestCustomer(ctx, shop, {
      externalId: id,
      customer: mapWooCustomer(parsed.value),
      sourceModifiedAt: wooGmtToIso(parsed.value.date_modified_gmt),
    });
    return { outcome: r.outcome, resourceKey: `customer:${id}`, response: { topic, ...r } };
  }

  const parsed = parseWooOrder(json);
  if (!parsed.ok) throw schemaError('order', parsed.issues);
  const badDates = WOO_ORDER_DATES.filter((k) => {
    const v = parsed.value[k];
    return typeof v === 'string' && Number.isNaN(Date.parse(wooGmtToIso(v) ?? ''));
  });
  if (badDates.length > 0)
    throw schemaError(
      'order',
      badDates.map((path) => ({ path, message: 'not a valid date-time' })),
    );
  const mapped = mapWooOrder(parsed.value, { productTypes: shop.settings.documents.productTypes });
  const stored = await findOrderByExternalId(ctx.db, shop.id, mapped.shopOrderId);
  const known = new Set((stored?.data.refunds ?? []).filter((r) => r.lines !== null).map((r) => r.refundId));
  const details = await withRefundDetails(await wooClientFor(ctx, shop.id, { timeoutMs: 10_000 }), mapped, known);
  const resourceKey = `order:${mapped.shopOrderId}`;
  const r = await ingestOrder(
    ctx,
    shop,
    { order: details.order, sourceModifiedAt: wooGmtToIso(parsed.value.date_modified_gmt), notes: details.notes },
    (tx, result) => logResult(tx, result.outcome, resourceKey),
  );
  return {
    logged: true,
    outcome: r.outcome,
    resourceKey,
    response: { topic, outcome: r.outcome, orderId: r.orderId, documents: r.documents, attention: r.attention },
  };
}
