import { z } from 'zod';
import { documentListQuerySchema } from '../../app/documents/list-documents.js';
import { sellerProfileSchema } from '../../app/shops/seller-profile.schema.js';
import { customerInputSchema, orderInputSchema, refundInputSchema } from '../../domain/orders/order-input.schema.js';
import { shopSettingsSchema } from '../../domain/shops/shop-settings.js';
import { responseSchemas } from './schemas.js';

// The OpenAPI 3.1 document of the JSON API, generated from the same zod schemas that validate requests and
// shape responses. A snapshot is committed as spec/api.openapi.json; a test keeps the two equal.

type JsonSchema = Record<string, unknown>;

const requestSchemas = z.registry<{ id: string }>();
requestSchemas.add(orderInputSchema, { id: 'OrderInput' });
requestSchemas.add(refundInputSchema, { id: 'RefundInput' });
requestSchemas.add(customerInputSchema, { id: 'CustomerInput' });
requestSchemas.add(shopSettingsSchema, { id: 'ShopSettingsChange' });
requestSchemas.add(sellerProfileSchema, { id: 'SellerProfile' });

const uri = (id: string) => `#/components/schemas/${id}`;

function components(): Record<string, JsonSchema> {
  const out = z.toJSONSchema(responseSchemas, { uri, io: 'output', unrepresentable: 'any' }).schemas;
  const input = z.toJSONSchema(requestSchemas, { uri, io: 'input', unrepresentable: 'any' }).schemas;
  const all: Record<string, JsonSchema> = { ...out, ...input };
  for (const schema of Object.values(all)) {
    delete schema.$schema;
    delete schema.$id;
  }
  return Object.fromEntries(Object.entries(all).sort(([a], [b]) => a.localeCompare(b)));
}

const ref = (id: string) => ({ $ref: uri(id) });
const json = (id: string, description: string) => ({
  description,
  content: { 'application/json': { schema: ref(id) } },
});
const error = (description: string) => json('Error', description);
const jsonBody = (id: string) => ({ required: true, content: { 'application/json': { schema: ref(id) } } });

const shopId = { name: 'shopId', in: 'path', required: true, schema: { type: 'string' } };
const externalId = (what: string) => ({
  name: 'externalId',
  in: 'path',
  required: true,
  description: `The shop's ${what} id`,
  schema: { type: 'string', maxLength: 100 },
});
const documentId = { name: 'documentId', in: 'path', required: true, schema: { type: 'string' } };
const modifiedAt = {
  name: 'X-Shop-Modified-At',
  in: 'header',
  required: false,
  description: "The shop's modification time of this resource; a request older than the stored one changes nothing",
  schema: { type: 'string', format: 'date-time' },
};

const common = {
  '400': error('Invalid input; `issues` names every failing field, nothing is stored'),
  '401': error('API key missing or invalid'),
  '404': error('Unknown shop, order, customer or document'),
  '413': error('Request body too large'),
};

function listParameters(): JsonSchema[] {
  const schema = z.toJSONSchema(documentListQuerySchema, { io: 'input', unrepresentable: 'any' }) as {
    properties: Record<string, JsonSchema>;
  };
  return Object.entries(schema.properties).map(([name, s]) => {
    const { description, ...rest } = s;
    const param: JsonSchema = { name, in: 'query', required: false, schema: rest };
    if (name === 'limit') param.schema = { type: 'integer', minimum: 1, maximum: 200, default: 50 };
    if (description) param.description = description;
    return param;
  });
}

export function buildOpenApiDocument(): JsonSchema {
  const fileOps = (kind: string, type: string, what: string) => ({
    get: {
      operationId: `getDocument${kind[0]!.toUpperCase()}${kind.slice(1)}`,
      tags: ['Documents'],
      summary: `The ${what} of a finalized document`,
      parameters: [shopId, documentId],
      responses: {
        '200': {
          description: `The stored ${what}, byte for byte as issued`,
          content: { [type]: { schema: { type: 'string', format: 'binary' } } },
        },
        '401': common['401'],
        '404': error(`Unknown document, or it has no ${what}`),
      },
    },
  });
  return {
    openapi: '3.1.0',
    info: {
      title: 'Belegfluss API',
      version: '1',
      description:
        'Orders in, immutable invoices and cancellations out. Send orders, refunds and customers of any shop; ' +
        'read the documents, their PDFs and e-invoices. Amounts in requests are decimal strings in major units ' +
        '("119.00"); amounts in responses are integer minor units (cents). Authenticate with the shop\'s API key ' +
        '(`Authorization: Bearer <key>` or `X-Api-Key`).',
    },
    security: [{ bearerKey: [] }, { headerKey: [] }],
    tags: [
      { name: 'Shops', description: 'Settings and seller profile' },
      { name: 'Orders', description: 'Order snapshots and refunds; documents follow from the order status' },
      { name: 'Customers', description: 'Customer data, kept in sync with sevDesk' },
      { name: 'Documents', description: 'Invoices and cancellations' },
    ],
    paths: {
      '/api/v1/shops/{shopId}': {
        get: {
          operationId: 'getShop',
          tags: ['Shops'],
          summary: 'The shop: settings, seller profile, webhook URL',
          parameters: [shopId],
          responses: {
            '200': json('Shop', 'The shop (secrets are never returned)'),
            '401': common['401'],
            '404': common['404'],
          },
        },
      },
      '/api/v1/shops/{shopId}/settings': {
        patch: {
          operationId: 'updateShopSettings',
          tags: ['Shops'],
          summary: 'Change settings (partial; sections are merged, arrays replaced)',
          parameters: [shopId],
          requestBody: jsonBody('ShopSettingsChange'),
          responses: { '200': json('Shop', 'The shop with its new settings'), ...common },
        },
      },
      '/api/v1/shops/{shopId}/seller': {
        put: {
          operationId: 'putSellerProfile',
          tags: ['Shops'],
          summary: 'Replace the seller profile printed on documents',
          parameters: [shopId],
          requestBody: jsonBody('SellerProfile'),
          responses: { '200': json('Shop', 'The shop with its new seller profile'), ...common },
        },
      },
      '/api/v1/shops/{shopId}/orders/{externalId}': {
        put: {
          operationId: 'putOrder',
          tags: ['Orders'],
          summary: 'Create or replace an order',
          description:
            'Stores the order snapshot. When its status is one of settings.documents.invoiceOnStatuses the invoice ' +
            'is created (and finalized when autoFinalize is on and nothing needs attention); refunds become partial ' +
            'cancellations; a status in cancelOnStatuses cancels what remains. Idempotent: sending the same order ' +
            'again changes nothing. Impossible data is stored and flagged in `attention`, never guessed.',
          parameters: [shopId, externalId('order'), modifiedAt],
          requestBody: jsonBody('OrderInput'),
          responses: {
            '200': json('IngestResult', 'Updated, unchanged, or stale (older than what is stored)'),
            '201': json('IngestResult', 'Created'),
            ...common,
          },
        },
        delete: {
          operationId: 'deleteOrder',
          tags: ['Orders'],
          summary: 'Delete an order (soft); issued documents stay',
          parameters: [shopId, externalId('order')],
          responses: {
            '200': json('DeleteOrderResult', 'Deleted (or already deleted)'),
            '401': common['401'],
            '404': common['404'],
          },
        },
      },
      '/api/v1/shops/{shopId}/orders/{externalId}/refunds': {
        post: {
          operationId: 'postRefund',
          tags: ['Orders'],
          summary: 'Add a refund to an order → partial cancellation',
          description:
            'Lines keep their own VAT; a refund without lines (or the amount beyond them) is split across the ' +
            "invoice's VAT rates by proportion and marked so (splitByProportion). Refund ids are unique per shop.",
          parameters: [shopId, externalId('order')],
          requestBody: jsonBody('RefundInput'),
          responses: {
            '200': json('IngestResult', 'Known refund: updated or unchanged'),
            '201': json('IngestResult', 'New refund'),
            ...common,
          },
        },
      },
      '/api/v1/shops/{shopId}/customers/{externalId}': {
        put: {
          operationId: 'putCustomer',
          tags: ['Customers'],
          summary: 'Create or update a customer',
          parameters: [shopId, externalId('customer'), modifiedAt],
          requestBody: jsonBody('CustomerInput'),
          responses: {
            '200': json('CustomerResult', 'Updated or unchanged'),
            '201': json('CustomerResult', 'Created'),
            ...common,
          },
        },
        delete: {
          operationId: 'deleteCustomer',
          tags: ['Customers'],
          summary: 'Delete a customer (soft)',
          parameters: [shopId, externalId('customer')],
          responses: {
            '200': json('CustomerResult', 'Deleted (or already deleted)'),
            '401': common['401'],
            '404': common['404'],
          },
        },
      },
      '/api/v1/shops/{shopId}/documents': {
        get: {
          operationId: 'listDocuments',
          tags: ['Documents'],
          summary: 'List documents, newest first',
          description: 'Keyset pagination: pass `nextCursor` as `cursor`. Filters combine with AND.',
          parameters: [shopId, ...listParameters()],
          responses: {
            '200': json('DocumentPage', 'One page'),
            '400': common['400'],
            '401': common['401'],
            '404': common['404'],
          },
        },
      },
      '/api/v1/shops/{shopId}/documents/{documentId}': {
        get: {
          operationId: 'getDocument',
          tags: ['Documents'],
          summary: 'A document with lines, totals per rate, tax case and attention reasons',
          parameters: [shopId, documentId],
          responses: { '200': json('DocumentDetail', 'The document'), '401': common['401'], '404': common['404'] },
        },
      },
      '/api/v1/shops/{shopId}/documents/{documentId}/finalize': {
        post: {
          operationId: 'finalizeDocument',
          tags: ['Documents'],
          summary: 'Finalize a draft: number, issue date, PDF (and e-invoice)',
          description:
            'Gapless numbering per shop, type and period. B2B documents (buyer VAT id) also get the EN 16931 CII ' +
            'XML; a seller profile lacking what it needs refuses with 409 and names the fields.',
          parameters: [shopId, documentId],
          responses: {
            '200': json('FinalizeResult', 'Finalized'),
            '401': common['401'],
            '404': common['404'],
            '409': error('Already finalized, or the seller profile lacks data the document needs'),
          },
        },
      },
      '/api/v1/shops/{shopId}/documents/{documentId}/pdf': fileOps('pdf', 'application/pdf', 'PDF'),
      '/api/v1/shops/{shopId}/documents/{documentId}/xml': fileOps('xml', 'application/xml', 'CII XML e-invoice'),
      '/api/v1/shops/{shopId}/documents/{documentId}/facturx': fileOps('facturx', 'application/pdf', 'Factur-X PDF'),
      '/api/v1/shops/{shopId}/documents/{documentId}/xrechnung': fileOps(
        'xrechnung',
        'application/xml',
        'XRechnung CII XML',
      ),
    },
    components: {
      securitySchemes: {
        bearerKey: { type: 'http', scheme: 'bearer', description: "The shop's API key" },
        headerKey: { type: 'apiKey', in: 'header', name: 'X-Api-Key', description: "The shop's API key" },
      },
      schemas: components(),
    },
  };
}
