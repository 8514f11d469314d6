import type { ShopSettings } from '../../domain/shops/shop-settings.js';
import { type AccountingIssue, checkAccountChoices, checkCostCentres } from '../../domain/accounting/check-choices.js';
import { accountChoices } from '../../domain/accounting/resolve-account.js';
import type { LocalizedMessage } from '../../domain/transfer/messages.js';
import { isSevdeskError } from '../../integrations/sevdesk/sevdesk-errors.js';
import { AppError, type FieldIssue } from '../../lib/errors.js';
import type { AppContext } from '../context.js';
import { costCentres, readSession, revenueGuidance, usableConnection } from './accounting-data.js';

// The bookkeeper's choices against the connected sevDesk account, before anything is sent: every account must be
// one sevDesk takes for the tax rule and rate it stands for (ReceiptGuidance forRevenue), every cost centre one the
// account has. Reads go through the per-connection cache (usually no call at all).

export interface AccountingValidation {
  /** False when there is nothing to judge against (not connected, sevDesk unreachable, bookkeeping 1.0). */
  checked: boolean;
  /** Why the choices were not checked, if so. */
  note: LocalizedMessage | null;
  issues: AccountingIssue[];
  /** sevDesk calls made (0 while the cached data is fresh). */
  calls: number;
}

const notes = {
  notConnected: (): LocalizedMessage => ({
    code: 'accounting_not_checked',
    de: 'Nicht mit sevDesk verbunden: Die Konten werden geprüft, sobald die Verbindung steht, spätestens vor jeder Übertragung.',
    en: 'Not connected to sevDesk: the accounts are checked once connected, and before every transfer in any case.',
  }),
  legacy: (): LocalizedMessage => ({
    code: 'accounting_bookkeeping_1_0',
    de: 'Das sevDesk-Konto nutzt Buchhaltung 1.0: Es bucht auf Buchungsarten, die Erlöskonten-Auswahl wird dort nicht verwendet.',
    en: 'The sevDesk account runs bookkeeping 1.0: it books on accounting types; the revenue account choices are not used there.',
  }),
  unreachable: (detail: LocalizedMessage): LocalizedMessage => ({
    code: 'accounting_not_checked',
    de: `Die Auswahl konnte gerade nicht gegen sevDesk geprüft werden (${detail.de}); sie wird vor jeder Übertragung geprüft.`,
    en: `The choices could not be checked against sevDesk just now (${detail.en}); they are checked before every transfer.`,
  }),
};

/** The value each choice path has, to tell new choices from ones stored before. */
function choiceValues(settings: ShopSettings): Map<string, string> {
  const values = new Map(
    accountChoices(settings.sevdesk.revenueAccounts).map((c) => [c.path, c.accountNumber] as const),
  );
  const cc = settings.sevdesk.costCentre;
  if (cc.default) values.set('costCentre.default', cc.default);
  for (const [k, v] of Object.entries(cc.byPaymentMethod)) values.set(`costCentre.byPaymentMethod.${k}`, v);
  for (const [k, v] of Object.entries(cc.byProductType)) values.set(`costCentre.byProductType.${k}`, v);
  return values;
}

export async function validateAccountingSettings(
  ctx: AppContext,
  shopId: string,
  settings: ShopSettings,
  opts: { previous?: ShopSettings } = {},
): Promise<AccountingValidation> {
  const now = choiceValues(settings);
  const before = opts.previous ? choiceValues(opts.previous) : null;
  // Nothing new to judge: no sevDesk read, not even a cached one.
  if (before && [...now].every(([path, value]) => before.get(path) === value))
    return { checked: true, note: null, issues: [], calls: 0 };
  const connection = await usableConnection(ctx, shopId);
  if (!connection) return { checked: false, note: notes.notConnected(), issues: [], calls: 0 };
  const session = readSession(ctx, connection);
  const issues: AccountingIssue[] = [];
  try {
    if (connection.bookkeepingVersion === '2.0') {
      const guidance = await revenueGuidance(ctx, session);
      issues.push(
        ...checkAccountChoices(settings.sevdesk.revenueAccounts, guidance, {
          smallBusiness: settings.tax.smallBusiness,
        }),
      );
    }
    const cc = settings.sevdesk.costCentre;
    const anyCostCentre =
      cc.default !== null || Object.keys(cc.byPaymentMethod).length > 0 || Object.keys(cc.byProductType).length > 0;
    if (anyCostCentre) issues.push(...checkCostCentres(cc, await costCentres(ctx, session)));
  } catch (e) {
    if (!isSevdeskError(e)) throw e;
    return { checked: false, note: notes.unreachable(e.localized), issues: [], calls: session.calls.length };
  }
  // Choices stored before stay as they are (the transfer holds what sevDesk would refuse); new ones must pass.
  const kept = before ? issues.filter((i) => before.get(i.path) !== now.get(i.path)) : issues;
  return {
    checked: true,
    note: connection.bookkeepingVersion === '1.0' ? notes.legacy() : null,
    issues: kept,
    calls: session.calls.length,
  };
}

/** Error code of a refusal: its messages are sevDesk's reasons, already in the caller's language. */
export const ACCOUNTING_REFUSED = 'accounting_choice_refused';

/** Field issues of the validation in one language; `pathPrefix` places them in the caller's input ("sevdesk."). */
export function accountingFieldIssues(
  issues: readonly AccountingIssue[],
  locale: 'de' | 'en' = 'en',
  pathPrefix = '',
): FieldIssue[] {
  return issues.map((i) => ({ path: `${pathPrefix}${i.path}`, message: i.message[locale] }));
}

/** Throws a validation error (400, with field paths and sevDesk's reason) when a new choice would be refused. */
export async function assertAccountingSettings(
  ctx: AppContext,
  shopId: string,
  settings: ShopSettings,
  opts: { previous?: ShopSettings; locale?: 'de' | 'en'; pathPrefix?: string } = {},
): Promise<AccountingValidation> {
  const result = await validateAccountingSettings(ctx, shopId, settings, opts);
  if (result.issues.length > 0)
    throw new AppError('validation', ACCOUNTING_REFUSED, 'sevDesk would refuse these accounting choices.', {
      issues: accountingFieldIssues(result.issues, opts.locale ?? 'en', opts.pathPrefix ?? ''),
    });
  return result;
}
