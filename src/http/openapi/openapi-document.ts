import { z } from 'zod';
import { accountingSettingsChangeSchema } from '../../app/accounting/accounting-settings.js';
import { linkInputSchema, manualInputSchema } from '../../app/booking/booking-input.js';
import { documentListQuerySchema } from '../../app/documents/list-documents.js';
import { connectInputSchema } from '../../app/sevdesk/connect-sevdesk.js';
import { sellerProfileSchema } from '../../app/shops/seller-profile.schema.js';
import { requestTransfersSchema } from '../../app/transfer/request-transfers.js';
import { customerInputSchema, orderInputSchema, refundInputSchema } from '../../domain/orders/order-input.schema.js';
import { shopSettingsSchema } from '../../domain/shops/shop-settings.js';
import { WOO_TOPICS } from '../../app/ingest/handle-woocommerce-webhook.js';
import { activationInputSchema } from '../api/sevdesk/activation.route.js';
import {
  common,
  documentId,
  error,
  type JsonSchema,
  json,
  jsonBody,
  queryParameters,
  shopId,
  uri,
} from './openapi-helpers.js';
import { responseSchemas } from './schemas.js';
import { sevdeskPaths } from './sevdesk-paths.js';
import './sevdesk-schemas.js';

// The OpenAPI 3.1 document of the JSON API, generated from the same zod schemas that validate requests and
// shape responses. A snapshot is committed as spec/api.openapi.json; a test keeps the two equal, and another
// fails when a route is registered that the document does not describe.

const requestSchemas = z.registry<{ id: string }>();
requestSchemas.add(orderInputSchema, { id: 'OrderInput' });
requestSchemas.add(refundInputSchema, { id: 'RefundInput' });
requestSchemas.add(customerInputSchema, { id: 'CustomerInput' });
requestSchemas.add(shopSettingsSchema, { id: 'ShopSettingsChange' });
requestSchemas.add(sellerProfileSchema, { id: 'SellerProfile' });
requestSchemas.add(connectInputSchema, { id: 'SevdeskConnectInput' });
requestSchemas.add(activationInputSchema, { id: 'SevdeskActivation' });
requestSchemas.add(requestTransfersSchema, { id: 'TransferRequest' });
requestSchemas.add(linkInputSchema, { id: 'BookingLink' });
requestSchemas.add(manualInputSchema, { id: 'ManualBooking' });
requestSchemas.add(accountingSettingsChangeSchema, { id: 'AccountingSettingsChange' });

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

const externalId = (what: string) => ({
  name: 'externalId',
  in: 'path',
  required: true,
  description: `The shop's ${what} id`,
  schema: { type: 'string', maxLength: 100 },
});
const modifiedAt = {
  name: 'X-Shop-Modified-At',
  in: 'header',
  required: false,
  description: "The shop's modification time of this resource; a request older than the stored one changes nothing",
  schema: { type: 'string', format: 'date-time' },
};

const listParameters = () =>
  queryParameters(documentListQuerySchema, { limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 } });

function webhookAndOperationPaths(): Record<string, unknown> {
  const header = (name: string, required: boolean, description: string, schema: JsonSchema = { type: 'string' }) => ({
    name,
    in: 'header',
    required,
    description,
    schema,
  });
  return {
    '/webhooks/woocommerce/{shopId}': {
      post: {
        operationId: 'wooCommerceWebhook',
        tags: ['Webhooks'],
        summary: 'A WooCommerce webhook delivery (orders and customers)',
        description:
          "Authenticated by the HMAC-SHA256 signature of the raw body with the shop's webhook secret, not by " +
          'the API key. The body is the WooCommerce resource (order or customer) as WooCommerce sends it; ' +
          "WooCommerce's ping on saving a webhook is a form body `webhook_id=<id>`. Deliveries are idempotent.",
        security: [],
        parameters: [
          shopId,
          header('X-WC-Webhook-Topic', true, 'The event', { type: 'string', enum: [...WOO_TOPICS] }),
          header('X-WC-Webhook-Signature', true, 'Base64 HMAC-SHA256 of the raw body with the webhook secret'),
          header('X-WC-Webhook-Delivery-Id', false, 'Repeated deliveries with the same id are answered once'),
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': { schema: { type: 'object', description: 'The WooCommerce order or customer' } },
          },
        },
        responses: {
          '200': json('WebhookResult', 'Processed, a duplicate, or a ping'),
          '400': common['400'],
          '401': error('Signature missing or wrong'),
          '404': error('Unknown shop'),
          '413': common['413'],
        },
      },
    },
    '/healthz': {
      get: {
        operationId: 'liveness',
        tags: ['Operations'],
        summary: 'Liveness: the process serves requests',
        security: [],
        responses: { '200': json('Health', 'Alive') },
      },
    },
    '/readyz': {
      get: {
        operationId: 'readiness',
        tags: ['Operations'],
        summary: 'Readiness: the database answers',
        security: [],
        responses: { '200': json('Readiness', 'Ready'), '503': json('Readiness', 'Not ready; `reason` says why') },
      },
    },
    '/metrics': {
      get: {
        operationId: 'metrics',
        tags: ['Operations'],
        summary: 'Prometheus metrics: queue jobs and transfers by state, process counters and latencies',
        security: [],
        responses: {
          '200': {
            description: 'Prometheus text exposition format 0.0.4',
            content: { 'text/plain': { schema: { type: 'string' } } },
          },
        },
      },
    },
  };
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
      { name: 'sevDesk connection', description: 'Connect, diagnose, disconnect and switch the interface' },
      { name: 'Transfers', description: 'Documents sent to sevDesk: manual transfers, the list and each log' },
      { name: 'Booking', description: 'Booking transferred documents against the payments that settled them' },
      { name: 'Accounting', description: 'Accounts, cost centres, contacts and the dry run of a transfer' },
      { name: 'Webhooks', description: 'Signed deliveries from the shop system (no API key)' },
      { name: 'Operations', description: 'Liveness, readiness and metrics for the operator (no API key)' },
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
      ...sevdeskPaths(),
      ...webhookAndOperationPaths(),
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
