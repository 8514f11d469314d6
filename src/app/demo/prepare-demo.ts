import { randomBytes } from 'node:crypto';
import { findDemoShops, insertDemoShop } from '../../db/repos/demo-shops.repo.js';
import { findConnection, tokenAad } from '../../db/repos/sevdesk-connections.repo.js';
import { findShop, type Shop } from '../../db/repos/shops.repo.js';
import { parseOrderInput } from '../../domain/orders/order-from-input.js';
import type { AppContext } from '../context.js';
import { ingestOrder } from '../ingest/ingest-order.js';
import { connectSevdesk } from '../sevdesk/connect-sevdesk.js';
import { createShop } from '../shops/create-shop.js';
import { DEMO_SHOPS, type DemoShopKind, demoOrders } from './demo-data.js';
import type { DemoSandbox } from './demo-sandbox.js';
import { SANDBOX_API_PATH } from './sandbox-paths.js';
import { isSandboxBaseUrl } from './sandbox-mode.js';

// First run in Testmodus: demo shops connected to the in-process sandbox, and their sample orders ingested through
// the real use cases (JSON order format → ingestOrder → invoices/cancellations → transfer jobs). Idempotent: a
// restart finds the shops, keeps their connection (re-creating the sandbox account with the stored token if the
// sandbox state was lost) and ingests the same orders again, which changes nothing.

export interface DemoShopReport {
  shopId: string;
  name: string;
  kind: DemoShopKind;
  created: boolean;
  orders: { created: number; unchanged: number; failed: number };
}

export interface DemoReport {
  sandboxApiUrl: string;
  shops: DemoShopReport[];
}

async function ensureShop(ctx: AppContext, kind: DemoShopKind): Promise<{ shop: Shop; created: boolean; base: Date }> {
  const known = (await findDemoShops(ctx.db)).find((d) => d.kind === kind);
  if (known) {
    const shop = await findShop(ctx.db, known.shopId);
    if (shop) return { shop, created: false, base: new Date(known.createdAt) };
  }
  const def = DEMO_SHOPS.find((d) => d.kind === kind)!;
  const { shop } = await createShop(ctx, { name: def.name, settings: def.settings, seller: def.seller });
  const createdAt = ctx.now().toISOString();
  await insertDemoShop(ctx.db, { shopId: shop.id, kind, createdAt });
  return { shop, created: true, base: new Date(createdAt) };
}

/** Connect the shop to the sandbox unless it already is (then make sure its sandbox account exists). */
async function ensureConnection(ctx: AppContext, demo: DemoSandbox, shop: Shop, baseUrl: string): Promise<void> {
  const existing = await findConnection(ctx.db, shop.id);
  if (existing && existing.status !== 'disconnected' && existing.tokenEnc && isSandboxBaseUrl(existing.baseUrl)) {
    const token = ctx.secrets.decrypt(existing.tokenEnc, tokenAad(shop.id));
    if (!demo.sandbox.accounts().some((a) => a.token === token)) {
      demo.sandbox.createAccount({ token, name: shop.name, chart: 'SKR04', bookkeepingVersion: '2.0' });
    }
    return;
  }
  // A user who disconnected the demo shop, or connected it to a real account, is left alone.
  if (existing) return;
  const token = `demo_${randomBytes(16).toString('hex')}`;
  demo.sandbox.createAccount({ token, name: shop.name, chart: 'SKR04', bookkeepingVersion: '2.0' });
  // The sandbox is local: no need for sevDesk's 4 requests per second, so the demo documents arrive quickly.
  await connectSevdesk(ctx, shop.id, { token, baseUrl, requestsPerSecond: 20 });
}

async function ingestSamples(ctx: AppContext, shop: Shop, kind: DemoShopKind, base: Date) {
  const counts = { created: 0, unchanged: 0, failed: 0 };
  for (const json of demoOrders(kind, base)) {
    const parsed = parseOrderInput(json);
    if (!parsed.ok) {
      counts.failed++;
      ctx.logger.warn({ shopId: shop.id, issues: parsed.issues }, 'demo order rejected');
      continue;
    }
    try {
      const result = await ingestOrder(ctx, shop, { order: parsed.value });
      if (result.outcome === 'created' || result.outcome === 'updated') counts.created++;
      else counts.unchanged++;
    } catch (e) {
      counts.failed++;
      ctx.logger.warn({ shopId: shop.id, err: (e as Error).message }, 'demo order could not be ingested');
    }
  }
  return counts;
}

export async function prepareDemo(ctx: AppContext, demo: DemoSandbox, serverUrl: string): Promise<DemoReport> {
  const sandboxApiUrl = `${serverUrl.replace(/\/+$/, '')}${SANDBOX_API_PATH}`;
  const report: DemoReport = { sandboxApiUrl, shops: [] };
  if (!ctx.config.sandbox.demoShop) return report;
  for (const def of DEMO_SHOPS) {
    const { shop, created, base } = await ensureShop(ctx, def.kind);
    await ensureConnection(ctx, demo, shop, sandboxApiUrl);
    // Connect first, so the documents are transferred automatically as they are finalized.
    const current = (await findShop(ctx.db, shop.id)) ?? shop;
    const orders = await ingestSamples(ctx, current, def.kind, base);
    report.shops.push({ shopId: shop.id, name: current.name, kind: def.kind, created, orders });
  }
  return report;
}
