// ReceiptGuidance: which booking account (accountDatev) takes which tax rule at which rate.
// The tables mirror the SKR03/SKR04 accounts a shop books; ids are account-specific and assigned
// when a sandbox account is created (sevdesk-api.md §6.3: "Account-Datev-IDs sind mandantenspezifisch").
import { TAX_RULES_BY_ID } from './static-data.js';

export type Chart = 'SKR03' | 'SKR04';
export type ReceiptType = 'REVENUE' | 'EXPENSE';

export interface GuidanceTemplate {
  skr03: string;
  skr04: string;
  name: string;
  description: string;
  receiptTypes: readonly ReceiptType[];
  /** tax rule id → allowed rates in percent */
  rules: Readonly<Record<number, readonly number[]>>;
}

/** One row of an account's ReceiptGuidance, with its account-specific id. */
export interface GuidanceAccount {
  accountDatevId: number;
  accountNumber: string;
  accountName: string;
  description: string;
  receiptTypes: readonly ReceiptType[];
  rules: Readonly<Record<number, readonly number[]>>;
}

const ALL = [0, 7, 19] as const;

export const GUIDANCE_TEMPLATES: readonly GuidanceTemplate[] = [
  // --- revenue ---
  {
    skr03: '8400',
    skr04: '4400',
    name: 'Erlöse 19 % USt',
    description: 'Umsätze mit dem Regelsteuersatz',
    receiptTypes: ['REVENUE'],
    rules: { 1: [19] },
  },
  {
    skr03: '8300',
    skr04: '4300',
    name: 'Erlöse 7 % USt',
    description: 'Umsätze mit dem ermäßigten Steuersatz',
    receiptTypes: ['REVENUE'],
    rules: { 1: [7] },
  },
  {
    skr03: '8200',
    skr04: '4200',
    name: 'Erlöse',
    description: 'Allgemeines Erlöskonto; nimmt die meisten Steuerregeln an',
    receiptTypes: ['REVENUE'],
    rules: { 1: ALL, 2: [0], 3: [0], 4: [0], 5: [0], 17: [0] },
  },
  {
    skr03: '8120',
    skr04: '4120',
    name: 'Steuerfreie Umsätze § 4 Nr. 1a UStG',
    description: 'Ausfuhrlieferungen in Drittländer',
    receiptTypes: ['REVENUE'],
    rules: { 2: [0] },
  },
  {
    skr03: '8125',
    skr04: '4125',
    name: 'Steuerfreie innergemeinschaftliche Lieferungen § 4 Nr. 1b UStG',
    description: 'Lieferungen an Unternehmer im EU-Ausland mit USt-IdNr.',
    receiptTypes: ['REVENUE'],
    rules: { 3: [0] },
  },
  {
    skr03: '8100',
    skr04: '4100',
    name: 'Steuerfreie Umsätze § 4 Nr. 8 ff. UStG',
    description: 'Steuerfreie Umsätze ohne Vorsteuerabzug',
    receiptTypes: ['REVENUE'],
    rules: { 4: [0] },
  },
  {
    skr03: '8337',
    skr04: '4337',
    name: 'Erlöse aus Leistungen nach § 13b UStG',
    description: 'Der Leistungsempfänger schuldet die Steuer',
    receiptTypes: ['REVENUE'],
    rules: { 5: [0] },
  },
  {
    skr03: '8336',
    skr04: '4336',
    name: 'Erlöse aus im anderen EU-Land steuerpflichtigen sonstigen Leistungen',
    description: 'Im Inland nicht steuerbare Leistungen an Unternehmer im EU-Ausland',
    receiptTypes: ['REVENUE'],
    rules: { 17: [0] },
  },
  {
    skr03: '8338',
    skr04: '4338',
    name: 'Erlöse aus im Drittland steuerbaren Leistungen',
    description: 'Im Inland nicht steuerbare Umsätze mit Drittländern',
    receiptTypes: ['REVENUE'],
    rules: { 17: [0] },
  },
  {
    skr03: '8195',
    skr04: '4185',
    name: 'Erlöse als Kleinunternehmer i. S. d. § 19 Abs. 1 UStG',
    description: 'Umsätze, für die keine Umsatzsteuer erhoben wird',
    receiptTypes: ['REVENUE'],
    rules: { 11: [0] },
  },
  // --- Erlösminderungen (revenue reductions) ---
  {
    skr03: '8700',
    skr04: '4700',
    name: 'Erlösschmälerungen',
    description: 'Rabatte, Boni und Gutschriften an Kunden',
    receiptTypes: ['REVENUE'],
    rules: { 1: ALL, 3: [0] },
  },
  {
    skr03: '8710',
    skr04: '4710',
    name: 'Erlösschmälerungen 7 % USt',
    description: 'Erlösminderungen zu Umsätzen mit 7 %',
    receiptTypes: ['REVENUE'],
    rules: { 1: [7] },
  },
  {
    skr03: '8720',
    skr04: '4720',
    name: 'Erlösschmälerungen 19 % USt',
    description: 'Erlösminderungen zu Umsätzen mit 19 %',
    receiptTypes: ['REVENUE'],
    rules: { 1: [19] },
  },
  {
    skr03: '8724',
    skr04: '4724',
    name: 'Erlösschmälerungen aus steuerfreien innergemeinschaftlichen Lieferungen',
    description: 'Erlösminderungen zu § 4 Nr. 1b UStG',
    receiptTypes: ['REVENUE'],
    rules: { 3: [0] },
  },
  {
    skr03: '8731',
    skr04: '4731',
    name: 'Gewährte Skonti 7 % USt',
    description: 'Skonto auf Umsätze mit 7 %',
    receiptTypes: ['REVENUE'],
    rules: { 1: [7] },
  },
  {
    skr03: '8736',
    skr04: '4736',
    name: 'Gewährte Skonti 19 % USt',
    description: 'Skonto auf Umsätze mit 19 %',
    receiptTypes: ['REVENUE'],
    rules: { 1: [19] },
  },
  // --- both directions ---
  {
    skr03: '1590',
    skr04: '1370',
    name: 'Durchlaufende Posten',
    description: 'Einnahmen, die weitergereicht werden und somit nicht ins Gewicht fallen',
    receiptTypes: ['REVENUE', 'EXPENSE'],
    rules: { 16: [0], 22: [0] },
  },
  {
    skr03: '1360',
    skr04: '1460',
    name: 'Geldtransit',
    description: 'Umbuchungen zwischen Zahlungskonten',
    receiptTypes: ['REVENUE', 'EXPENSE'],
    rules: { 16: [0], 22: [0] },
  },
  // --- expense ---
  {
    skr03: '4970',
    skr04: '6855',
    name: 'Nebenkosten des Geldverkehrs',
    description: 'z.B. Kontogebühren und Gebühren für Kreditkarten',
    receiptTypes: ['EXPENSE'],
    rules: { 9: ALL, 12: [0], 13: [0], 14: [0] },
  },
  {
    skr03: '3400',
    skr04: '5400',
    name: 'Wareneingang 19 % Vorsteuer',
    description: 'Einkauf von Waren zum Regelsteuersatz',
    receiptTypes: ['EXPENSE'],
    rules: { 8: [19], 9: [19] },
  },
  {
    skr03: '3300',
    skr04: '5300',
    name: 'Wareneingang 7 % Vorsteuer',
    description: 'Einkauf von Waren zum ermäßigten Steuersatz',
    receiptTypes: ['EXPENSE'],
    rules: { 8: [7], 9: [7] },
  },
  {
    skr03: '4910',
    skr04: '6800',
    name: 'Porto',
    description: 'Versandkosten und Briefmarken',
    receiptTypes: ['EXPENSE'],
    rules: { 9: ALL, 10: [0] },
  },
  {
    skr03: '4600',
    skr04: '6600',
    name: 'Werbekosten',
    description: 'Anzeigen, Online-Werbung, Werbematerial',
    receiptTypes: ['EXPENSE'],
    rules: { 9: ALL, 10: [0], 13: [0], 14: [0] },
  },
  {
    skr03: '4964',
    skr04: '6837',
    name: 'Aufwendungen für die zeitlich befristete Überlassung von Rechten',
    description: 'z.B. Software-Abonnements und Lizenzen',
    receiptTypes: ['EXPENSE'],
    rules: { 9: ALL, 12: [0], 13: [0], 14: [0] },
  },
];

/** Builds an account's guidance rows, drawing account-specific ids from `nextId`. */
export function buildGuidance(chart: Chart, nextId: () => number): GuidanceAccount[] {
  return GUIDANCE_TEMPLATES.map((t) => ({
    accountDatevId: nextId(),
    accountNumber: chart === 'SKR03' ? t.skr03 : t.skr04,
    accountName: t.name,
    description: t.description,
    receiptTypes: t.receiptTypes,
    rules: t.rules,
  }));
}

const RATE_NAMES: Readonly<Record<number, string>> = { 0: 'ZERO', 7: 'SEVEN', 19: 'NINETEEN' };

/** The wire shape of `GET /ReceiptGuidance/*` (ReceiptGuideDto). */
export function renderGuidance(row: GuidanceAccount) {
  return {
    accountDatevId: row.accountDatevId,
    accountNumber: row.accountNumber,
    accountName: row.accountName,
    description: row.description,
    allowedTaxRules: Object.entries(row.rules).map(([id, rates]) => {
      const rule = TAX_RULES_BY_ID.get(Number(id));
      return {
        name: rule?.code ?? `RULE_${id}`,
        id: Number(id),
        description: rule?.name ?? '',
        taxRates: rates.map((r) => RATE_NAMES[r] ?? String(r)),
      };
    }),
    allowedReceiptTypes: [...row.receiptTypes],
  };
}

export type GuidanceVerdict = { ok: true } | { ok: false; message: string };

/** Whether a voucher position may book `rateBp` under `ruleId` on this account (receipt type from creditDebit). */
export function checkGuidance(
  row: GuidanceAccount,
  receiptType: ReceiptType,
  ruleId: number,
  ratePercent: number,
): GuidanceVerdict {
  if (!row.receiptTypes.includes(receiptType))
    return {
      ok: false,
      message: `Account ${row.accountNumber} (${row.accountName}) can not be used for ${receiptType.toLowerCase()} vouchers`,
    };
  const rates = row.rules[ruleId];
  if (!rates)
    return {
      ok: false,
      message: `Tax rule ${ruleId} is not allowed for account ${row.accountNumber} (${row.accountName})`,
    };
  if (!rates.includes(ratePercent))
    return {
      ok: false,
      message: `Tax rate ${ratePercent} is not allowed for account ${row.accountNumber} with tax rule ${ruleId}; allowed: ${rates.join(', ')}`,
    };
  return { ok: true };
}
