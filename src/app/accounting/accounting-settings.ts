import { z } from 'zod';
import { findShopRow, type Shop, toShop, updateShop } from '../../db/repos/shops.repo.js';
import {
  COMPANY_CONTACT_MODES,
  type CompanyContactMode,
  type CostCentreSettings,
  costCentreSettingsSchema,
  GUEST_CONTACT_MODES,
  type GuestContactMode,
  type ProductTypeRules,
  productTypeRulesSchema,
  type RevenueAccounts,
  revenueAccountsSchema,
  type VoucherPresentation,
  voucherPresentationSchema,
} from '../../domain/accounting/accounting-settings.js';
import type { ShopSettings } from '../../domain/shops/shop-settings.js';
import { inTransaction } from '../../db/transaction.js';
import { notFound } from '../../lib/errors.js';
import type { AppContext } from '../context.js';
import { parseInput } from '../shops/parse-input.js';
import { requeueStoppedTransfers } from '../transfer/enqueue-transfer.js';
import { validateShopSettings } from '../shops/validate-shop-settings.js';
import { type AccountingValidation, assertAccountingSettings } from './validate-accounting-settings.js';

// The accounting settings of a shop as one document (API, CLI, admin UI): revenue accounts, cost centre, contacts,
// voucher presentation, product types and the shop-wide dry run. They live in the shop settings
// (sevdesk.revenueAccounts, .costCentre, .voucher, .guestContacts, .companyContacts, .collectiveContactName,
// .dryRun; documents.productTypes); this is their view, and the one use case that changes them.

export const contactSettingsSchema = z
  .object({
    company: z.enum(COMPANY_CONTACT_MODES).default('organisation'),
    guests: z.enum(GUEST_CONTACT_MODES).default('per_order'),
    collectiveName: z.string().trim().min(1).max(100).default('Gastkunden'),
  })
  .strict();

/** A change: each section given replaces that section (defaults fill what it leaves out); others stay. */
export const accountingSettingsChangeSchema = z
  .object({
    revenueAccounts: revenueAccountsSchema.optional(),
    costCentre: costCentreSettingsSchema.optional(),
    contacts: contactSettingsSchema.optional(),
    voucher: voucherPresentationSchema.optional(),
    productTypes: productTypeRulesSchema.optional(),
    /** The whole shop in dry-run mode: every transfer is prepared and shown, nothing is sent. */
    dryRun: z.boolean().optional(),
  })
  .strict();

export interface AccountingSettings {
  revenueAccounts: RevenueAccounts;
  costCentre: CostCentreSettings;
  contacts: { company: CompanyContactMode; guests: GuestContactMode; collectiveName: string };
  voucher: VoucherPresentation;
  productTypes: ProductTypeRules;
  dryRun: boolean;
}

export function accountingSettingsOf(settings: ShopSettings): AccountingSettings {
  const s = settings.sevdesk;
  return {
    revenueAccounts: s.revenueAccounts,
    costCentre: s.costCentre,
    contacts: { company: s.companyContacts, guests: s.guestContacts, collectiveName: s.collectiveContactName },
    voucher: s.voucher,
    productTypes: settings.documents.productTypes,
    dryRun: s.dryRun,
  };
}

/** The shop settings with an accounting change applied (not yet validated as a whole). */
export function applyAccountingChange(
  settings: ShopSettings,
  change: z.output<typeof accountingSettingsChangeSchema>,
): unknown {
  const sevdesk: Record<string, unknown> = { ...settings.sevdesk };
  if (change.revenueAccounts) sevdesk.revenueAccounts = change.revenueAccounts;
  if (change.costCentre) sevdesk.costCentre = change.costCentre;
  if (change.voucher) sevdesk.voucher = change.voucher;
  if (change.dryRun !== undefined) sevdesk.dryRun = change.dryRun;
  if (change.contacts) {
    sevdesk.companyContacts = change.contacts.company;
    sevdesk.guestContacts = change.contacts.guests;
    sevdesk.collectiveContactName = change.contacts.collectiveName;
  }
  const documents = change.productTypes
    ? { ...settings.documents, productTypes: change.productTypes }
    : settings.documents;
  return { ...settings, sevdesk, documents };
}

export interface AccountingSettingsResult {
  shop: Shop;
  settings: AccountingSettings;
  validation: AccountingValidation;
}

export async function getAccountingSettings(ctx: AppContext, shopId: string): Promise<AccountingSettings> {
  const row = await findShopRow(ctx.db, shopId);
  if (!row) throw notFound(`Shop ${shopId}`);
  return accountingSettingsOf(toShop(row).settings);
}

/**
 * Change the accounting settings. Bad input is refused with field paths; so is a new account or cost centre the
 * connected sevDesk account would refuse (with sevDesk's reason). Nothing is stored unless everything passes.
 */
export async function updateAccountingSettings(
  ctx: AppContext,
  shopId: string,
  input: unknown,
  opts: { locale?: 'de' | 'en' } = {},
): Promise<AccountingSettingsResult> {
  const row = await findShopRow(ctx.db, shopId);
  if (!row) throw notFound(`Shop ${shopId}`);
  const current = toShop(row).settings;
  const change = parseInput(accountingSettingsChangeSchema, input, 'accounting settings');
  const next = validateShopSettings(applyAccountingChange(current, change), '');
  const validation = await assertAccountingSettings(ctx, shopId, next, { previous: current, locale: opts.locale });
  const now = ctx.now().toISOString();
  // Transfers that stopped because of these settings go back to the queue, in the same transaction.
  const resume = [
    ...(current.sevdesk.dryRun && !next.sevdesk.dryRun ? [{ state: 'paused' as const, codes: ['dry_run'] }] : []),
    ...(JSON.stringify(current.sevdesk.revenueAccounts) !== JSON.stringify(next.sevdesk.revenueAccounts)
      ? [{ state: 'needs_attention' as const, codes: ['revenue_account_not_allowed', 'revenue_account_missing'] }]
      : []),
  ];
  const requeued = await inTransaction(ctx.db, async (tx) => {
    await updateShop(tx, shopId, { settings: JSON.stringify(next) }, now);
    let n = 0;
    for (const r of resume) n += await requeueStoppedTransfers(tx, ctx, shopId, [r.state], r.codes);
    return n;
  });
  if (requeued > 0) ctx.onJobsEnqueued?.();
  const shop = toShop({ ...row, settings: JSON.stringify(next), updated_at: now });
  return { shop, settings: accountingSettingsOf(next), validation };
}
