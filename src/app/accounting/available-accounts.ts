import { TAX_CASE_KEYS } from '../../domain/accounting/accounting-settings.js';
import { pairsOfKey, refusal } from '../../domain/accounting/check-choices.js';
import type { RateBp } from '../../domain/money/vat.js';
import type { LocalizedMessage } from '../../domain/transfer/messages.js';
import { guidanceRateToBp } from '../../domain/transfer/voucher-tax-rule.js';
import type { CostCentreInfo } from '../../integrations/sevdesk/sevdesk-api.js';
import { isSevdeskError } from '../../integrations/sevdesk/sevdesk-errors.js';
import type { AppContext } from '../context.js';
import { requireShop } from '../shops/require-shop.js';
import { costCentres, readSession, revenueGuidance, usableConnection } from './accounting-data.js';

// What the bookkeeper can choose from: the connected account's own revenue accounts (ReceiptGuidance forRevenue)
// with their SKR numbers, the tax rules and rates sevDesk allows on each, and the tax cases each can take; and the
// account's cost centres.

export interface AvailableAccount {
  accountDatevId: string;
  accountNumber: string;
  accountName: string;
  /** Allowed tax rules with their rates in percent, as sevDesk states them. */
  rules: { id: number; rates: number[] }[];
  /** The tax-case keys (1:19, 1:7, …) this account can take on a voucher. */
  taxCases: string[];
  /** Erlösminderung (reduction) accounts suit cancellations. */
  reduction: boolean;
}

export interface AvailableAccounts {
  connected: boolean;
  bookkeepingVersion: string | null;
  /** The chart the numbers belong to, judged from them (SKR04 4400 / SKR03 8400). */
  chart: 'SKR03' | 'SKR04' | null;
  revenueAccounts: AvailableAccount[];
  costCentres: CostCentreInfo[];
  note: LocalizedMessage | null;
  calls: number;
}

const REDUCTION = /schmälerung|skont|minderung/i;

export async function availableAccounts(ctx: AppContext, shopId: string): Promise<AvailableAccounts> {
  const shop = await requireShop(ctx.db, shopId);
  const connection = await usableConnection(ctx, shopId);
  const empty = { revenueAccounts: [], costCentres: [], chart: null };
  if (!connection)
    return {
      connected: false,
      bookkeepingVersion: null,
      ...empty,
      note: {
        code: 'not_connected',
        de: 'Nicht mit sevDesk verbunden: Verbinde den Shop, um die Konten des sevDesk-Kontos zu sehen.',
        en: 'Not connected to sevDesk: connect the shop to see the accounts of its sevDesk account.',
      },
      calls: 0,
    };
  const session = readSession(ctx, connection);
  try {
    const guidance = await revenueGuidance(ctx, session);
    const centres = await costCentres(ctx, session);
    const smallBusiness = shop.settings.tax.smallBusiness;
    const revenue = guidance
      .filter((g) => g.receiptTypes.includes('REVENUE'))
      .map((g) => ({
        accountDatevId: g.accountDatevId,
        accountNumber: g.accountNumber,
        accountName: g.accountName,
        rules: g.rules.map((r) => ({
          id: r.id,
          rates: r.taxRates
            .map(guidanceRateToBp)
            .filter((x): x is RateBp => x !== null)
            .map((bp) => bp / 100),
        })),
        taxCases: TAX_CASE_KEYS.filter((key) =>
          (pairsOfKey(key, smallBusiness) ?? []).every((p) => refusal(g, p.ruleId, p.rateBp) === null),
        ),
        reduction: REDUCTION.test(g.accountName),
      }))
      .sort((a, b) => a.accountNumber.localeCompare(b.accountNumber));
    const numbers = new Set(revenue.map((a) => a.accountNumber));
    const chart = numbers.has('4400') ? 'SKR04' : numbers.has('8400') ? 'SKR03' : null;
    return {
      connected: true,
      bookkeepingVersion: connection.bookkeepingVersion,
      chart,
      revenueAccounts: revenue,
      costCentres: centres,
      note: null,
      calls: session.calls.length,
    };
  } catch (e) {
    if (!isSevdeskError(e)) throw e;
    return {
      connected: true,
      bookkeepingVersion: connection.bookkeepingVersion,
      ...empty,
      note: e.localized,
      calls: session.calls.length,
    };
  }
}
