import { TRANSFER_STATES } from '../../domain/transfer/transfer-state.js';
import { BOOKING_STATES } from '../../domain/booking/booking-state.js';
import { listTransfersQuerySchema } from '../api/transfers/list-transfers.route.js';
import { transferLogQuerySchema } from '../api/transfers/transfer-log.route.js';
import { common, documentId, error, json, jsonBody, queryParameters, shopId } from './openapi-helpers.js';

// Paths of the sevDesk side of the API: the connection, transfers, bookings and accounting settings.
// Request bodies and query parameters come from the zod schemas the routes and use cases validate with.

const sevdeskUnreachable = error('sevDesk could not be reached or answered with an error (`code` says which)');
const inactive = error('The sevDesk interface is inactive (settings.sevdesk.active is false)');

export function sevdeskPaths(): Record<string, unknown> {
  return {
    '/api/v1/shops/{shopId}/sevdesk/connection': {
      put: {
        operationId: 'connectSevdesk',
        tags: ['sevDesk connection'],
        summary: 'Connect (or reconnect) the sevDesk account',
        description:
          'The token is verified against sevDesk (bookkeeping version, check accounts, revenue accounts), stored ' +
          'encrypted and never returned. A rejected token is a 400 whose `issues` name `token`. Reconnecting ' +
          'resumes transfers that stopped for a missing or invalid connection.',
        parameters: [shopId],
        requestBody: jsonBody('SevdeskConnectInput'),
        responses: {
          '200': json('SevdeskConnection', 'Connected'),
          ...common,
          '422': error('The sevDesk account runs a bookkeeping version Belegfluss cannot use'),
          '502': sevdeskUnreachable,
          '503': sevdeskUnreachable,
        },
      },
      get: {
        operationId: 'getSevdeskStatus',
        tags: ['sevDesk connection'],
        summary: 'Connection status with a diagnosis (de/en) and transfers per state',
        parameters: [
          shopId,
          {
            name: 'check',
            in: 'query',
            required: false,
            description: '`true` asks sevDesk now (one call); otherwise the last known state is reported',
            schema: { type: 'string', enum: ['true', 'false', '1', '0', 'yes', 'no'] },
          },
        ],
        responses: {
          '200': json('SevdeskStatus', 'The status; `diagnosis.ok` is false when transfers cannot run'),
          '401': common['401'],
          '404': common['404'],
        },
      },
      delete: {
        operationId: 'disconnectSevdesk',
        tags: ['sevDesk connection'],
        summary: 'Disconnect: the token is deleted; pending sevDesk work waits for a new connection',
        parameters: [shopId],
        responses: {
          '200': json('SevdeskConnection', 'Disconnected (or was not connected)'),
          '401': common['401'],
          '404': common['404'],
        },
      },
    },
    '/api/v1/shops/{shopId}/sevdesk/activation': {
      put: {
        operationId: 'setSevdeskActivation',
        tags: ['sevDesk connection'],
        summary: 'Switch the interface on or off ("Schnittstelle aktivieren")',
        description: 'While inactive nothing is sent to sevDesk; activating sends what stopped meanwhile.',
        parameters: [shopId],
        requestBody: jsonBody('SevdeskActivation'),
        responses: { '200': json('SevdeskConnection', 'The connection with its new activation'), ...common },
      },
    },
    '/api/v1/shops/{shopId}/transfers': {
      post: {
        operationId: 'requestTransfers',
        tags: ['Transfers'],
        summary: 'Transfer documents to sevDesk now (a selection, or every finalized one since a date)',
        description:
          'Only enqueues: answers at once with the transfer ids; the worker sends them. Follow them with ' +
          "`GET …/transfers` or a document's transfer log. Documents that are unknown or not finalized are " +
          'listed in `skipped`.',
        parameters: [shopId],
        requestBody: {
          ...jsonBody('TransferRequest'),
          description: 'Either `documentIds`, or `all: true` with an optional `since` (issue date, YYYY-MM-DD)',
        },
        responses: {
          '202': json('RequestTransfersResult', 'Accepted; the transfers run in the background'),
          ...common,
          '409': inactive,
        },
      },
      get: {
        operationId: 'listTransfers',
        tags: ['Transfers'],
        summary: 'Transfers of the shop, newest first',
        description: "Read from Belegfluss's own records; never calls sevDesk.",
        parameters: [
          shopId,
          ...queryParameters(listTransfersQuerySchema, {
            state: {
              type: 'string',
              description: `Comma-separated states: ${TRANSFER_STATES.join(', ')}`,
              maxLength: 200,
            },
            before: { type: 'string', maxLength: 64, description: 'The `next` of the previous page' },
          }),
        ],
        responses: {
          '200': json('TransferList', 'One page'),
          '400': common['400'],
          '401': common['401'],
          '404': common['404'],
        },
      },
    },
    '/api/v1/shops/{shopId}/documents/{documentId}/transfer-log': {
      get: {
        operationId: 'getTransferLog',
        tags: ['Transfers'],
        summary: 'Every transfer attempt of a document: when, what was sent, result, sevDesk ids, error',
        parameters: [shopId, documentId, ...queryParameters(transferLogQuerySchema)],
        responses: {
          '200': json('TransferLog', 'The transfer and its attempts, newest first'),
          '400': common['400'],
          '401': common['401'],
          '404': common['404'],
        },
      },
    },
    '/api/v1/shops/{shopId}/documents/{documentId}/booking': {
      get: {
        operationId: 'getBooking',
        tags: ['Booking'],
        summary: "The document's booking: state, reason (de/en), account, transaction, candidates, log",
        parameters: [shopId, documentId],
        responses: { '200': json('Booking', 'The booking'), '401': common['401'], '404': common['404'] },
      },
    },
    '/api/v1/shops/{shopId}/documents/{documentId}/booking/link': {
      post: {
        operationId: 'linkBookingTransaction',
        tags: ['Booking'],
        summary: 'Book the document with the transaction a person picked',
        parameters: [shopId, documentId],
        requestBody: jsonBody('BookingLink'),
        responses: {
          '200': json('Booking', 'Booked and linked'),
          ...common,
          '409': error('Already booked, not transferred, or the transaction no longer fits (`code` says which)'),
          '502': sevdeskUnreachable,
          '503': sevdeskUnreachable,
        },
      },
    },
    '/api/v1/shops/{shopId}/documents/{documentId}/booking/manual': {
      post: {
        operationId: 'bookManually',
        tags: ['Booking'],
        summary: 'Book by hand onto the default (offline or register) account',
        parameters: [shopId, documentId],
        requestBody: jsonBody('ManualBooking', false),
        responses: {
          '200': json('Booking', 'Booked'),
          ...common,
          '409': error('Already booked, not transferred, or no offline default account is set'),
          '502': sevdeskUnreachable,
          '503': sevdeskUnreachable,
        },
      },
    },
    '/api/v1/shops/{shopId}/documents/{documentId}/booking/recheck': {
      post: {
        operationId: 'recheckBooking',
        tags: ['Booking'],
        summary: 'Search for the paying transaction again now',
        description: 'A stopped booking (not applicable, failed) starts over; the match job decides shortly.',
        parameters: [shopId, documentId],
        responses: {
          '202': json('Booking', 'The current state; the match job runs shortly'),
          '401': common['401'],
          '404': common['404'],
          '409': error('No booking yet (not transferred, or booking is off), or nothing left to search for'),
        },
      },
    },
    '/api/v1/shops/{shopId}/bookings': {
      get: {
        operationId: 'listBookings',
        tags: ['Booking'],
        summary: "The shop's bookings, newest document first, with the count per state",
        parameters: [
          shopId,
          {
            name: 'state',
            in: 'query',
            required: false,
            description: 'Comma-separated (or repeated) states',
            style: 'form',
            explode: true,
            schema: { type: 'array', items: { type: 'string', enum: [...BOOKING_STATES] } },
          },
          {
            name: 'limit',
            in: 'query',
            required: false,
            schema: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
          },
          {
            name: 'before',
            in: 'query',
            required: false,
            description: 'The `nextBefore` of the previous page',
            schema: { type: 'string' },
          },
        ],
        responses: {
          '200': json('BookingList', 'One page'),
          '400': common['400'],
          '401': common['401'],
          '404': common['404'],
        },
      },
    },
    '/api/v1/shops/{shopId}/booking/payment-methods': {
      get: {
        operationId: 'listPaymentMethods',
        tags: ['Booking'],
        summary: "Payment methods seen in the shop's documents, with the check account chosen for each",
        parameters: [shopId],
        responses: {
          '200': json('PaymentMethodList', 'Most used first'),
          '401': common['401'],
          '404': common['404'],
        },
      },
    },
    '/api/v1/shops/{shopId}/accounting': {
      get: {
        operationId: 'getAccountingSettings',
        tags: ['Accounting'],
        summary: 'Revenue accounts, cost centre, contacts, voucher presentation, product types, dry run',
        parameters: [shopId],
        responses: {
          '200': json('AccountingSettingsView', 'The accounting settings'),
          '401': common['401'],
          '404': common['404'],
        },
      },
      put: {
        operationId: 'putAccountingSettings',
        tags: ['Accounting'],
        summary: 'Change the accounting settings; each section sent replaces that section',
        description:
          'Bad input is a 400 with field paths; so is an account or cost centre the connected sevDesk account ' +
          "would refuse (with sevDesk's reason). Nothing is half-stored. `validation.checked` is false when " +
          'the choices could not be checked against sevDesk (they are checked before every transfer).',
        parameters: [shopId],
        requestBody: jsonBody('AccountingSettingsChange'),
        responses: { '200': json('AccountingSettingsResult', 'Stored'), ...common },
      },
    },
    '/api/v1/shops/{shopId}/accounting/accounts': {
      get: {
        operationId: 'listAvailableAccounts',
        tags: ['Accounting'],
        summary: "The connected account's revenue accounts (SKR numbers, rules, rates) and cost centres",
        parameters: [shopId],
        responses: {
          '200': json('AvailableAccounts', 'What can be chosen; empty with a `note` when not connected'),
          '401': common['401'],
          '404': common['404'],
        },
      },
    },
    '/api/v1/shops/{shopId}/documents/{documentId}/dry-run': {
      get: {
        operationId: 'dryRunTransfer',
        tags: ['Accounting'],
        summary: 'Exactly what a transfer would send to sevDesk (contact, voucher, positions, booking)',
        description: 'Computed by the code the transfer runs; nothing is written to sevDesk.',
        parameters: [shopId, documentId],
        responses: { '200': json('DryRun', 'The plan'), '401': common['401'], '404': common['404'] },
      },
    },
  };
}
