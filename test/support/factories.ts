import type { Db, DocumentsTable } from '../../src/db/database.js';
import { documentColumns } from '../../src/db/repos/documents.repo.js';
import type { DocumentData } from '../../src/domain/documents/document.js';
import type { SellerProfile } from '../../src/domain/shops/seller-profile.js';
import { defaultShopSettings } from '../../src/domain/shops/shop-settings.js';
import { newId } from '../../src/lib/ids.js';

// Minimal rows for repository-level tests. Use-case tests build data through the use cases instead.

export const testSeller: SellerProfile = {
  legalName: 'Muster Handel GmbH',
  address: { street: 'Hauptstraße 1', zip: '10115', city: 'Berlin', country: 'DE' },
  vatId: 'DE123456789',
  taxNumber: '30/123/45678',
  email: 'buchhaltung@muster-handel.de',
  phone: '+49 30 1234567',
  contactName: 'Erika Muster',
  bank: { accountHolder: 'Muster Handel GmbH', iban: 'DE02120300000000202051', bic: 'BYLADEM1001', bankName: 'DKB' },
  footerLines: ['Amtsgericht Berlin-Charlottenburg HRB 123456', 'Geschäftsführerin: Erika Muster'],
  paymentTermDays: 14,
  smallBusiness: false,
};

export async function insertTestShop(db: Db, id = newId('shop')): Promise<string> {
  const now = new Date().toISOString();
  await db
    .insertInto('shops')
    .values({
      id,
      name: 'Testshop',
      settings: JSON.stringify(defaultShopSettings()),
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

export async function insertTestOrder(
  db: Db,
  shopId: string,
  externalId = String(Math.floor(Math.random() * 1e9)),
): Promise<string> {
  const id = newId('ord');
  const now = new Date().toISOString();
  await db
    .insertInto('orders')
    .values({
      id,
      shop_id: shopId,
      external_id: externalId,
      number: externalId,
      status: 'processing',
      currency: 'EUR',
      data: '{}',
      attention: '[]',
      source_modified_at: now,
      deleted_at: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

export function sampleDocumentData(overrides: Partial<DocumentData> = {}): DocumentData {
  return {
    type: 'invoice',
    currency: 'EUR',
    issueDate: '2026-11-27',
    deliveryDate: '2026-11-27',
    orderNumber: '1001',
    orderId: '1001',
    paymentMethod: 'paypal',
    paymentMethodTitle: 'PayPal',
    paymentTransactionId: null,
    paidAt: '2026-11-27T10:00:00Z',
    customer: {
      customerId: '7',
      email: 'kunde@example.com',
      phone: null,
      company: null,
      vatId: null,
      billing: { firstName: 'Max', lastName: 'Kunde', street: 'Weg 2', zip: '80331', city: 'München', country: 'DE' },
      shipping: null,
    },
    taxCase: 'domestic',
    attentionReasons: [],
    lines: [
      {
        kind: 'product',
        position: 1,
        name: 'Artikel',
        quantity: '1',
        unitPriceNet: '100',
        rateBp: 1900,
        net: 10000,
        tax: 1900,
        gross: 11900,
      },
    ],
    totals: { net: 10000, tax: 1900, gross: 11900, byRate: [{ rateBp: 1900, net: 10000, tax: 1900, gross: 11900 }] },
    notes: [],
    ...overrides,
  };
}

export function draftDocumentRow(shopId: string, orderId: string, data = sampleDocumentData()): DocumentsTable {
  return {
    id: newId('doc'),
    shop_id: shopId,
    order_id: orderId,
    type: data.type,
    status: 'draft',
    number: null,
    issue_date: null,
    cancels_document_id: null,
    source_key: newId('src'),
    created_at: new Date().toISOString(),
    finalized_at: null,
    ...documentColumns(data),
  };
}
