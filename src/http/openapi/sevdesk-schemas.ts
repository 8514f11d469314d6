import { z } from 'zod';
import type { AvailableAccounts } from '../../app/accounting/available-accounts.js';
import {
  type AccountingSettings,
  accountingSettingsChangeSchema,
  contactSettingsSchema,
} from '../../app/accounting/accounting-settings.js';
import type { DryRunResult } from '../../app/accounting/dry-run-transfer.js';
import type { AccountingValidation } from '../../app/accounting/validate-accounting-settings.js';
import type { BookingView } from '../../app/booking/get-booking.js';
import type { BookingListItem } from '../../app/booking/list-bookings.js';
import type { PaymentMethodRow } from '../../app/booking/list-payment-methods.js';
import type { ConnectionView } from '../../app/sevdesk/connection-view.js';
import type { StatusView } from '../../app/sevdesk/sevdesk-status.js';
import type { RequestTransfersResult } from '../../app/transfer/request-transfers.js';
import type { TransferView } from '../../app/transfer/transfer-log.js';
import type { TransferAttempt } from '../../db/repos/transfers.repo.js';
import {
  costCentreSettingsSchema,
  productTypeRulesSchema,
  revenueAccountsSchema,
  voucherPresentationSchema,
} from '../../domain/accounting/accounting-settings.js';
import { BOOKING_STATES } from '../../domain/booking/booking-state.js';
import { DOCUMENT_TYPES } from '../../domain/documents/document.js';
import { TRANSFER_STATES } from '../../domain/transfer/transfer-state.js';
import { named } from './schemas.js';

// Response shapes of the sevDesk connection, transfer, booking and accounting endpoints. The use cases return
// TypeScript interfaces; the type checks at the end of this file fail the build when an interface and its
// documented shape part ways, and test/api/openapi.test.ts validates real responses against them.

const minor = z.number().int().describe('Integer minor units (cents)');
const localized = z.object({ code: z.string(), de: z.string(), en: z.string() });

export const localizedMessageSchema = named(localized, 'LocalizedMessage');

export const sevdeskConnectionSchema = named(
  z.object({
    shopId: z.string(),
    status: z.enum(['not_connected', 'connected', 'invalid', 'disconnected']),
    active: z.boolean().describe('settings.sevdesk.active: while false nothing is sent to sevDesk'),
    baseUrl: z.string().nullable(),
    bookkeepingVersion: z.string().nullable(),
    requestsPerSecond: z.number().nullable(),
    checkAccounts: z.array(
      z.object({ id: z.string(), name: z.string(), type: z.string(), accountingNumber: z.string().nullable() }),
    ),
    revenueAccounts: z.array(
      z.object({
        accountDatevId: z.string(),
        accountNumber: z.string(),
        accountName: z.string(),
        taxRules: z.array(z.number()),
      }),
    ),
    connectedAt: z.string().nullable(),
    checkedAt: z.string().nullable(),
    pausedAt: z.string().nullable(),
    lastError: localized.nullable(),
  }),
  'SevdeskConnection',
);

export const sevdeskStatusSchema = named(
  sevdeskConnectionSchema.extend({
    diagnosis: z.object({ ok: z.boolean(), code: z.string(), de: z.string(), en: z.string() }),
    transfers: z.record(z.string(), z.number().int()).describe('Transfers per state'),
  }),
  'SevdeskStatus',
);

export const transferSchema = named(
  z.object({
    id: z.string(),
    documentId: z.string(),
    state: z.enum(TRANSFER_STATES),
    voucherId: z.string().nullable(),
    contactId: z.string().nullable(),
    error: localized.nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    transferredAt: z.string().nullable(),
  }),
  'Transfer',
);

export const requestTransfersResultSchema = named(
  z.object({
    requested: z.number().int(),
    enqueued: z.number().int().describe('Newly queued; a transfer already under way is not queued twice'),
    transfers: z.array(z.object({ documentId: z.string(), transferId: z.string() })),
    skipped: z.array(z.object({ documentId: z.string(), reason: z.enum(['not_found', 'not_finalized']) })),
  }),
  'RequestTransfersResult',
);

export const transferListSchema = named(
  z.object({
    transfers: z.array(transferSchema),
    next: z.string().nullable().describe('Pass as `before` for the next page; null when the page is empty'),
  }),
  'TransferList',
);

export const transferAttemptSchema = named(
  z.object({
    id: z.number().int(),
    transferId: z.string(),
    documentId: z.string(),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
    action: z.string(),
    outcome: z.string(),
    detail: z.record(z.string(), z.unknown()).describe('What was sent and received (never a secret)'),
    error: z.string().nullable(),
  }),
  'TransferAttempt',
);

export const transferLogSchema = named(
  z.object({
    documentId: z.string(),
    transfer: transferSchema.nullable(),
    attempts: z.array(transferAttemptSchema).describe('Newest first; pass the last id as `before` for more'),
  }),
  'TransferLog',
);

const bookingFieldsSchema = z.object({
  recorded: z.boolean().describe('False: no booking row yet; state and reason say what would happen'),
  state: z.enum(BOOKING_STATES),
  reason: localized.nullable(),
  amount: minor.nullable(),
  currency: z.string().nullable(),
  paidAt: z.string().nullable(),
  paymentMethod: z.string().nullable(),
  searchKey: z.string().nullable(),
  checkAccount: z.object({ id: z.string(), type: z.string().nullable(), name: z.string().nullable() }).nullable(),
  transactionId: z.string().nullable(),
  origin: z.string().nullable(),
  candidates: z.array(
    z.object({
      transactionId: z.string(),
      amount: z.number().int().nullable().describe('Signed minor units; null when not exact in the currency'),
      currency: z.string(),
      valueDate: z.string().nullable(),
      entryDate: z.string().nullable(),
      paymtPurpose: z.string().nullable(),
      payeePayerName: z.string().nullable(),
      status: z.number().nullable(),
      mismatches: z.array(z.string()).describe('Empty for a full match; otherwise the rules it breaks'),
    }),
  ),
  checks: z.number().int(),
  lastCheckedAt: z.string().nullable(),
  nextCheckAt: z.string().nullable(),
  bookingDate: z.string().nullable(),
  bookedAt: z.string().nullable(),
  actions: z.object({ link: z.boolean(), manual: z.boolean() }).describe('What a person may do now'),
});

export const bookingSchema = named(
  bookingFieldsSchema.extend({
    documentId: z.string(),
    documentType: z.enum(DOCUMENT_TYPES),
    documentNumber: z.string().nullable(),
    log: z.array(
      z.object({
        at: z.string(),
        outcome: z.string(),
        reason: localized.nullable(),
        checkAccountId: z.string().nullable(),
        transactionId: z.string().nullable(),
        calls: z.array(z.object({ method: z.string(), path: z.string(), status: z.number().int().nullable() })),
      }),
    ),
  }),
  'Booking',
);

export const bookingListItemSchema = named(bookingFieldsSchema.extend({ documentId: z.string() }), 'BookingListItem');

export const bookingListSchema = named(
  z.object({
    items: z.array(bookingListItemSchema),
    counts: z.record(z.string(), z.number().int()).describe('Bookings per state'),
    nextBefore: z.string().nullable().describe('Pass as `before` for the next page; null on the last page'),
  }),
  'BookingList',
);

export const paymentMethodSchema = named(
  z.object({
    id: z.string().nullable().describe("The shop's payment method id; null for documents without one"),
    title: z.string().nullable(),
    documents: z.number().int(),
    checkAccountId: z.string().nullable(),
  }),
  'PaymentMethod',
);

export const paymentMethodListSchema = named(
  z.object({ paymentMethods: z.array(paymentMethodSchema) }),
  'PaymentMethodList',
);

export const accountingSettingsSchema = named(
  z.object({
    revenueAccounts: revenueAccountsSchema,
    costCentre: costCentreSettingsSchema,
    contacts: contactSettingsSchema,
    voucher: voucherPresentationSchema,
    productTypes: productTypeRulesSchema,
    dryRun: z.boolean(),
  }),
  'AccountingSettings',
);

export const accountingValidationSchema = named(
  z.object({
    checked: z.boolean().describe('False when there was nothing to judge against (not connected, unreachable)'),
    note: localized.nullable(),
    issues: z.array(z.object({ path: z.string(), message: localized })),
    calls: z.number().int(),
  }),
  'AccountingValidation',
);

export const accountingSettingsViewSchema = named(
  z.object({ settings: accountingSettingsSchema }),
  'AccountingSettingsView',
);

export const accountingSettingsResultSchema = named(
  z.object({ settings: accountingSettingsSchema, validation: accountingValidationSchema }),
  'AccountingSettingsResult',
);

export const availableAccountsSchema = named(
  z.object({
    connected: z.boolean(),
    bookkeepingVersion: z.string().nullable(),
    chart: z.enum(['SKR03', 'SKR04']).nullable(),
    revenueAccounts: z.array(
      z.object({
        accountDatevId: z.string(),
        accountNumber: z.string(),
        accountName: z.string(),
        rules: z.array(z.object({ id: z.number().int(), rates: z.array(z.number()) })),
        taxCases: z.array(z.string()),
        reduction: z.boolean().describe('An Erlösminderung account, suited to cancellations'),
      }),
    ),
    costCentres: z.array(z.object({ id: z.string(), name: z.string(), number: z.string().nullable() })),
    note: localized.nullable(),
    calls: z.number().int(),
  }),
  'AvailableAccounts',
);

const contactPlanSchema = z.object({
  kind: z.enum(['customer', 'guest', 'collective', 'none']),
  customerNumber: z.string().nullable(),
  action: z.enum(['reuse', 'update', 'lookup_or_create', 'none']),
  contactId: z.string().nullable(),
  changes: z.array(z.string()),
  createBody: z.record(z.string(), z.unknown()).nullable(),
  parentCustomerNumber: z.string().optional(),
});

export const dryRunSchema = named(
  z.object({
    documentId: z.string(),
    shopId: z.string(),
    number: z.string().nullable(),
    type: z.enum(DOCUMENT_TYPES),
    target: z.enum(['voucher', 'invoice']),
    shopDryRun: z.boolean(),
    ready: z.boolean().describe('True when a transfer now would send this; otherwise `reason` says why not'),
    reason: localized.nullable(),
    transfer: z.object({ state: z.string(), voucherId: z.string().nullable() }).nullable(),
    contact: contactPlanSchema.extend({ person: contactPlanSchema.nullable() }).nullable(),
    voucher: z
      .object({
        body: z.record(z.string(), z.unknown()).describe('The exact saveVoucher body'),
        description: z.string(),
        voucherDate: z.string(),
        voucherDateSource: z.enum(['invoice_date', 'order_date']),
        taxRuleId: z.number().int(),
        net: z.boolean(),
        currency: z.string(),
        costCentre: z.object({ id: z.string(), name: z.string().nullable(), source: z.string() }).nullable(),
        gross: minor,
        tax: minor,
      })
      .nullable(),
    positions: z.array(
      z.object({
        accountDatevId: z.string(),
        accountNumber: z.string(),
        accountName: z.string(),
        accountSources: z.array(
          z.enum(['product', 'product_type', 'shipping', 'fees', 'tax_case', 'default', 'automatic']),
        ),
        rateBp: z.number().int(),
        net: minor,
        tax: minor,
        gross: minor,
        linePositions: z.array(z.number().int()),
        comment: z.string(),
      }),
    ),
    booking: z.object({
      action: z.enum(['book', 'wait_for_payment', 'none', 'disabled', 'done']),
      amount: minor,
      currency: z.string(),
      date: z.string().nullable(),
      checkAccount: z
        .object({ id: z.string(), name: z.string().nullable(), type: z.string().nullable(), source: z.string() })
        .nullable(),
      searchKey: z.string().nullable(),
      reason: localized.nullable(),
    }),
    calls: z.array(z.object({ method: z.string(), path: z.string() })),
  }),
  'DryRun',
);

/** The request body of PUT …/accounting, re-exported so the document names it next to its response. */
export { accountingSettingsChangeSchema };

// Compile-time guard against drift: each use-case result must be assignable to its documented shape and carry no
// field the shape leaves out (the JSON Schema forbids additional properties).
type Documents<T, S extends z.ZodType> = [T] extends [z.output<S>]
  ? [Exclude<keyof T, keyof z.output<S>>] extends [never]
    ? true
    : false
  : false;
const documented: [
  Documents<ConnectionView, typeof sevdeskConnectionSchema>,
  Documents<StatusView, typeof sevdeskStatusSchema>,
  Documents<TransferView, typeof transferSchema>,
  Documents<TransferAttempt, typeof transferAttemptSchema>,
  Documents<RequestTransfersResult, typeof requestTransfersResultSchema>,
  Documents<BookingView, typeof bookingSchema>,
  Documents<BookingListItem, typeof bookingListItemSchema>,
  Documents<PaymentMethodRow, typeof paymentMethodSchema>,
  Documents<AccountingSettings, typeof accountingSettingsSchema>,
  Documents<AccountingValidation, typeof accountingValidationSchema>,
  Documents<AvailableAccounts, typeof availableAccountsSchema>,
  Documents<DryRunResult, typeof dryRunSchema>,
] = [true, true, true, true, true, true, true, true, true, true, true, true];
void documented;
