import { connectSevdesk } from '../../src/app/sevdesk/connect-sevdesk.js';
import { enqueueTransfer, type TransferReason } from '../../src/app/transfer/enqueue-transfer.js';
import { runTransfer } from '../../src/app/transfer/transfer-document.js';
import type { DocumentData, DocumentLine, ProductType } from '../../src/domain/documents/document.js';
import { sumTotals } from '../../src/domain/documents/totals.js';
import { defaultShopSettings, type ShopSettings } from '../../src/domain/shops/shop-settings.js';
import { newId } from '../../src/lib/ids.js';
import { testSeller } from '../support/factories.js';
import { type Harness, SANDBOX_BASE_URL, sampleDocumentData } from '../transfer/harness.js';

// OSS test helpers on top of the transfer harness (real database, sandbox in-process): an OSS-registered shop,
// OSS documents built from gross lines (tax rounded per line, as shops do), and the sandbox's invoices and credit
// notes of a document.

export interface OssShop {
  id: string;
  token: string;
  checkAccounts: { bank: string; paypal: string; clearing: string; register: string };
}

export async function insertOssShop(
  h: Harness,
  opts: {
    ossRegistered?: boolean;
    sevdesk?: Partial<ShopSettings['sevdesk']>;
    booking?: (a: OssShop['checkAccounts']) => Partial<ShopSettings['booking']>;
    account?: Parameters<Harness['sandbox']['createAccount']>[0];
  } = {},
): Promise<OssShop> {
  const account = h.sandbox.createAccount(opts.account ?? {});
  const id = (name: string) => String(account.checkAccounts.find((c) => c.name === name)!.id);
  const checkAccounts = {
    bank: id('Geschäftskonto'),
    paypal: id('PayPal'),
    clearing: id('Verrechnungskonto'),
    register: id('Kasse'),
  };
  const settings = defaultShopSettings();
  settings.tax.ossRegistered = opts.ossRegistered ?? true;
  settings.sevdesk = { ...settings.sevdesk, active: true, ...opts.sevdesk };
  if (opts.booking) settings.booking = { ...settings.booking, ...opts.booking(checkAccounts) };
  const shopId = newId('shop');
  const now = new Date().toISOString();
  await h.db.db
    .insertInto('shops')
    .values({
      id: shopId,
      name: 'OSS-Shop',
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
  await connectSevdesk(h.ctx, shopId, { token: account.token, baseUrl: SANDBOX_BASE_URL });
  return { id: shopId, token: account.token, checkAccounts };
}

export interface Line {
  name: string;
  gross: number;
  rateBp: number;
  kind?: DocumentLine['kind'];
  productType?: ProductType;
  quantity?: string;
}

const customerIn = (country: string, customerId: string | null = '31') => ({
  ...sampleDocumentData().customer,
  customerId,
  email: `client${customerId ?? 'guest'}@example.eu`,
  billing: { firstName: 'Jeanne', lastName: 'Dupont', street: 'Rue de Rivoli 1', zip: '75001', city: 'Paris', country },
});

let orderSeq = 9000;

/** An OSS invoice document (tax case eu_b2c_oss) to a consumer in `country`. */
export function ossInvoice(lines: Line[], over: Partial<DocumentData> & { country?: string } = {}): DocumentData {
  const { country = 'FR', ...rest } = over;
  const docLines: DocumentLine[] = lines.map((l, i) => {
    const tax = Math.sign(l.gross) * Math.round((Math.abs(l.gross) * l.rateBp) / (10_000 + l.rateBp));
    return {
      kind: l.kind ?? 'product',
      position: i + 1,
      name: l.name,
      productType: l.kind && l.kind !== 'product' ? null : (l.productType ?? 'goods'),
      quantity: l.quantity ?? '1',
      unitPriceNet: String(l.gross - tax),
      rateBp: l.rateBp,
      net: l.gross - tax,
      tax,
      gross: l.gross,
    };
  });
  const orderNumber = String(++orderSeq);
  return sampleDocumentData({
    taxCase: 'eu_b2c_oss',
    orderNumber,
    orderId: orderNumber,
    paymentMethod: 'bacs',
    paymentMethodTitle: 'Überweisung',
    customer: customerIn(country),
    lines: docLines,
    totals: sumTotals(docLines),
    ...rest,
  });
}

/** A cancellation of `invoice`: every line (or the given lines) negated. */
export function ossCancellation(
  invoice: DocumentData,
  cancels: { documentId: string; number: string },
  opts: { lines?: number[]; full?: boolean } = {},
): DocumentData {
  const picked = opts.lines ? opts.lines.map((i) => invoice.lines[i]!) : invoice.lines;
  const lines = picked.map((l, i) => ({
    ...l,
    position: i + 1,
    quantity: `-${l.quantity}`,
    net: -l.net,
    tax: -l.tax,
    gross: -l.gross,
  }));
  return {
    ...invoice,
    type: 'cancellation',
    lines,
    totals: sumTotals(lines),
    cancels: { ...cancels, full: opts.full ?? !opts.lines },
  };
}

export async function transfer(h: Harness, shopId: string, documentId: string, reason: TransferReason = 'auto') {
  const { transferId } = await enqueueTransfer(h.db.db, h.ctx, { shopId, documentId, reason });
  return runTransfer(h.ctx, transferId, { reason });
}

/** Runs the transfer until it leaves the active states (retries after transient errors); returns every outcome. */
export async function transferUntilSettled(h: Harness, shopId: string, documentId: string, max = 10) {
  const { transferId } = await enqueueTransfer(h.db.db, h.ctx, { shopId, documentId, reason: 'auto' });
  const errors: string[] = [];
  for (let i = 0; i < max; i++) {
    try {
      const out = await runTransfer(h.ctx, transferId);
      return { out, errors };
    } catch (e) {
      errors.push((e as Error).message);
    }
  }
  throw new Error(`transfer did not settle: ${errors.join(' | ')}`);
}

export function invoicesOf(h: Harness, token: string, reference: string) {
  return h.sandbox.dump(token).invoices.filter((i) => i.customerInternalNote === reference);
}

export function creditNotesOf(h: Harness, token: string, number: string) {
  return h.sandbox.dump(token).creditNotes.filter((c) => c.number === number);
}

export function perRate(positions: readonly { taxRateBp: number; sumNet: number; sumTax: number; sumGross: number }[]) {
  const out: Record<number, { net: number; tax: number; gross: number }> = {};
  for (const p of positions) {
    const cur = out[p.taxRateBp] ?? { net: 0, tax: 0, gross: 0 };
    out[p.taxRateBp] = { net: cur.net + p.sumNet, tax: cur.tax + p.sumTax, gross: cur.gross + p.sumGross };
  }
  return out;
}

export function byRateOf(data: DocumentData, sign = 1) {
  const out: Record<number, { net: number; tax: number; gross: number }> = {};
  for (const r of data.totals.byRate) out[r.rateBp] = { net: sign * r.net, tax: sign * r.tax, gross: sign * r.gross };
  return out;
}
