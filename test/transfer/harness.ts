import { randomBytes } from 'node:crypto';
import type { AppContext } from '../../src/app/context.js';
import { connectSevdesk } from '../../src/app/sevdesk/connect-sevdesk.js';
import { type SevdeskDeps, setSevdeskDeps } from '../../src/app/sevdesk/sevdesk-deps.js';
import { configSchema } from '../../src/config/schema.js';
import type { DbHandle } from '../../src/db/create-db.js';
import type { Engine } from '../../src/db/dialect.js';
import { insertDocument, insertDocumentFile, markFinalized } from '../../src/db/repos/documents.repo.js';
import type { DocumentData } from '../../src/domain/documents/document.js';
import {
  defaultShopSettings,
  type ShopSettings,
  type ShopSettingsInput,
} from '../../src/domain/shops/shop-settings.js';
import { TokenBucketRateLimiter } from '../../src/integrations/sevdesk/rate-limiter.js';
import { SecretBox } from '../../src/lib/crypto/secret-box.js';
import { newId } from '../../src/lib/ids.js';
import { silentLogger } from '../../src/lib/logger.js';
import { SqlJobQueue } from '../../src/queue/sql/sql-job-queue.js';
import { createSandbox, type Sandbox, type SandboxOptions } from '../../src/sandbox/create-sandbox.js';
import { freshDb } from '../support/databases.js';
import { draftDocumentRow, insertTestOrder, sampleDocumentData, testSeller } from '../support/factories.js';

// A real database (SQLite file or PostgreSQL), the sevDesk sandbox in-process, and an AppContext whose sevDesk
// calls go to the sandbox. Used by every transfer integration test.

export const SANDBOX_BASE_URL = 'http://sandbox.test/api/v1';

export interface Harness {
  engine: Engine;
  db: DbHandle;
  ctx: AppContext;
  queue: SqlJobQueue;
  sandbox: Sandbox;
  deps: SevdeskDeps;
  close(): Promise<void>;
}

export async function createHarness(
  engine: Engine,
  opts: { sandbox?: SandboxOptions; deps?: Partial<SevdeskDeps> } = {},
): Promise<Harness> {
  const db = await freshDb(engine);
  const queue = new SqlJobQueue(db.db, { backoff: { baseMs: 20, maxMs: 200 } });
  const ctx: AppContext = {
    config: configSchema.parse({}),
    db: db.db,
    engine,
    queue,
    secrets: new SecretBox(randomBytes(32)),
    logger: silentLogger,
    now: () => new Date(),
  };
  const sandbox = createSandbox({ seed: 1, ...opts.sandbox });
  const deps = setSevdeskDeps(ctx, {
    fetch: sandbox.fetch,
    rateLimiter: new TokenBucketRateLimiter(),
    timeoutMs: 2_000,
    readRetryBaseMs: 5,
    requestsPerSecond: 1000,
    ...opts.deps,
  });
  return {
    engine,
    db,
    ctx,
    queue,
    sandbox,
    deps,
    close: async () => {
      await sandbox.close();
      await db.close();
    },
  };
}

export async function insertShop(
  h: Pick<Harness, 'db'>,
  // Input shape: stored settings may be older shapes (e.g. the flat revenueAccounts record), parsed when read.
  sevdesk: NonNullable<ShopSettingsInput['sevdesk']> = {},
  id = newId('shop'),
): Promise<string> {
  const now = new Date().toISOString();
  const settings = defaultShopSettings();
  settings.sevdesk = { ...settings.sevdesk, active: true, ...sevdesk } as ShopSettings['sevdesk'];
  await h.db.db
    .insertInto('shops')
    .values({
      id,
      name: 'Testshop',
      settings: JSON.stringify(settings),
      seller: JSON.stringify(testSeller),
      webhook_secret_enc: null,
      api_key_hash: null,
      woo_url: null,
      woo_consumer_key_enc: null,
      woo_consumer_secret_enc: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

/** A sandbox account connected to the shop; returns its token. */
export async function connectShop(
  h: Harness,
  shopId: string,
  account: Parameters<Sandbox['createAccount']>[0] = {},
): Promise<string> {
  const { token } = h.sandbox.createAccount(account);
  await connectSevdesk(h.ctx, shopId, { token, baseUrl: SANDBOX_BASE_URL });
  return token;
}

export const FAKE_PDF = (label: string) =>
  Buffer.from(`%PDF-1.4\n1 0 obj << /Type /Page >> endobj\n% ${label}\n%%EOF\n`, 'latin1');

let seq = 0;

/** A finalized document with a stored PDF (and an order); returns its id. */
export async function insertFinalizedDocument(
  h: Pick<Harness, 'db'>,
  shopId: string,
  data: DocumentData = sampleDocumentData(),
  opts: { number?: string; pdf?: boolean; cancelsDocumentId?: string | null } = {},
): Promise<{ id: string; number: string }> {
  const orderId = await insertTestOrder(h.db.db, shopId);
  const row = draftDocumentRow(shopId, orderId, data);
  if (opts.cancelsDocumentId) row.cancels_document_id = opts.cancelsDocumentId;
  await insertDocument(h.db.db, row);
  const number = opts.number ?? `${data.type === 'invoice' ? 'RE' : 'ST'}-2026-${String(++seq).padStart(5, '0')}`;
  if (opts.pdf !== false)
    await insertDocumentFile(
      h.db.db,
      row.id,
      { kind: 'pdf', contentType: 'application/pdf', content: FAKE_PDF(number) },
      new Date().toISOString(),
    );
  await markFinalized(h.db.db, row.id, {
    number,
    issueDate: data.issueDate,
    data,
    finalizedAt: new Date().toISOString(),
  });
  return { id: row.id, number };
}

export { sampleDocumentData };

/** Document data from gross line amounts, tax rounded per line (as shops do). Negative amounts for cancellations. */
export function documentWith(
  lines: { name: string; gross: number; rateBp: number; kind?: 'product' | 'shipping' | 'fee' | 'discount' }[],
  overrides: Partial<DocumentData> = {},
): DocumentData {
  const docLines = lines.map((l, i) => {
    const tax = Math.sign(l.gross) * Math.round((Math.abs(l.gross) * l.rateBp) / (10_000 + l.rateBp));
    return {
      kind: l.kind ?? ('product' as const),
      position: i + 1,
      name: l.name,
      quantity: l.gross < 0 ? '-1' : '1',
      unitPriceNet: String(Math.abs(l.gross - tax)),
      rateBp: l.rateBp,
      net: l.gross - tax,
      tax,
      gross: l.gross,
    };
  });
  const rates = [...new Set(docLines.map((l) => l.rateBp))].sort((a, b) => b - a);
  const sum = (xs: typeof docLines, k: 'net' | 'tax' | 'gross') => xs.reduce((s, l) => s + l[k], 0);
  return sampleDocumentData({
    lines: docLines,
    totals: {
      net: sum(docLines, 'net'),
      tax: sum(docLines, 'tax'),
      gross: sum(docLines, 'gross'),
      byRate: rates.map((rateBp) => {
        const at = docLines.filter((l) => l.rateBp === rateBp);
        return { rateBp, net: sum(at, 'net'), tax: sum(at, 'tax'), gross: sum(at, 'gross') };
      }),
    },
    ...overrides,
  });
}

/** The cancellation mirroring an invoice: every line negated. */
export function cancellationOf(invoice: DocumentData, cancels: { documentId: string; number: string }): DocumentData {
  return {
    ...invoice,
    type: 'cancellation',
    lines: invoice.lines.map((l) => ({
      ...l,
      quantity: `-${l.quantity}`,
      net: -l.net,
      tax: -l.tax,
      gross: -l.gross,
    })),
    totals: {
      net: -invoice.totals.net,
      tax: -invoice.totals.tax,
      gross: -invoice.totals.gross,
      byRate: invoice.totals.byRate.map((r) => ({ ...r, net: -r.net, tax: -r.tax, gross: -r.gross })),
    },
    cancels: { ...cancels, full: true },
  };
}
