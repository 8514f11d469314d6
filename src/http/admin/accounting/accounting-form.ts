import type { AccountingSettings } from '../../../app/accounting/accounting-settings.js';
import { PRODUCT_TYPES } from '../../../domain/documents/document.js';
import type { FieldIssue } from '../../../lib/errors.js';
import { type FormBody, formBool, formValue } from '../settings-form.js';

// The accounting settings form: what the page shows (raw strings, so a refused input is shown as typed) and how a
// posted form becomes the change for updateAccountingSettings. Field names mirror the settings paths, so errors
// land next to their field.

export const CASE_COLUMNS = ['case', 'goods', 'service', 'digital', 'shipping', 'fees'] as const;
export type CaseColumn = (typeof CASE_COLUMNS)[number];
export const EXTRA_PRODUCT_ROWS = 3;

type Map = Record<string, string>;

export interface LevelsForm {
  byTaxCase: Map;
  byProductType: Record<string, Map>;
  shipping: Map;
  fees: Map;
}

export interface AccountingForm {
  revenue: LevelsForm;
  cancellation: LevelsForm;
  products: { key: string; taxCase: string; account: string }[];
  /** Per-product cancellation accounts are kept as they are (API and CLI edit them). */
  cancellationByProduct: Record<string, Map>;
  costCentre: { default: string; byPaymentMethod: Map; byProductType: Map };
  voucher: { date: string; invoice: string; cancellation: string; remark: boolean };
  productTypes: { default: string; byCategory: string; byTaxClass: string };
  dryRun: boolean;
}

/** Form field name and settings path of one account-table cell. */
export function cellName(group: 'rev' | 'can', column: CaseColumn, key: string): { name: string; path: string } {
  const base = group === 'rev' ? 'revenueAccounts' : 'revenueAccounts.cancellations';
  const path =
    column === 'case'
      ? `${base}.byTaxCase.${key}`
      : column === 'shipping' || column === 'fees'
        ? `${base}.${column}.${key}`
        : `${base}.byProductType.${column}.${key}`;
  return { name: `${group}.${column}.${key}`, path };
}

const cellValue = (levels: LevelsForm, column: CaseColumn, key: string): string =>
  (column === 'case'
    ? levels.byTaxCase[key]
    : column === 'shipping' || column === 'fees'
      ? levels[column][key]
      : levels.byProductType[column]?.[key]) ?? '';

export { cellValue };

const mapText = (m: Readonly<Record<string, string>>) =>
  Object.entries(m)
    .map(([k, v]) => `${k} = ${v}`)
    .join('\n');

export function formOf(s: AccountingSettings): AccountingForm {
  const levels = (l: AccountingSettings['revenueAccounts']['cancellations']): LevelsForm => ({
    byTaxCase: { ...l.byTaxCase },
    byProductType: Object.fromEntries(Object.entries(l.byProductType).map(([k, v]) => [k, { ...v }])),
    shipping: { ...l.shipping },
    fees: { ...l.fees },
  });
  return {
    revenue: levels(s.revenueAccounts),
    cancellation: levels(s.revenueAccounts.cancellations),
    products: Object.entries(s.revenueAccounts.byProduct).flatMap(([key, m]) =>
      Object.entries(m).map(([taxCase, account]) => ({ key, taxCase, account })),
    ),
    cancellationByProduct: s.revenueAccounts.cancellations.byProduct,
    costCentre: {
      default: s.costCentre.default ?? '',
      byPaymentMethod: { ...s.costCentre.byPaymentMethod },
      byProductType: { ...s.costCentre.byProductType },
    },
    voucher: {
      date: s.voucher.date,
      invoice: s.voucher.description.invoice,
      cancellation: s.voucher.description.cancellation,
      remark: s.voucher.remark,
    },
    productTypes: {
      default: s.productTypes.default,
      byCategory: mapText(s.productTypes.byCategory),
      byTaxClass: mapText(s.productTypes.byTaxClass),
    },
    dryRun: s.dryRun,
  };
}

/** Every `prefix.<a>.<b>` field of the body as [a, b, value]. */
function fieldsUnder(body: FormBody, prefix: string): [string, string, string][] {
  const out: [string, string, string][] = [];
  for (const name of Object.keys(body)) {
    if (!name.startsWith(`${prefix}.`)) continue;
    const rest = name.slice(prefix.length + 1);
    const dot = rest.indexOf('.');
    if (dot <= 0) continue;
    out.push([rest.slice(0, dot), rest.slice(dot + 1), (formValue(body, name) ?? '').trim()]);
  }
  return out;
}

export function readForm(body: FormBody, current: AccountingSettings): AccountingForm {
  const levels = (group: 'rev' | 'can'): LevelsForm => {
    const l: LevelsForm = { byTaxCase: {}, byProductType: {}, shipping: {}, fees: {} };
    for (const [column, key, value] of fieldsUnder(body, group)) {
      if (!value) continue;
      if (column === 'case') l.byTaxCase[key] = value;
      else if (column === 'shipping' || column === 'fees') l[column][key] = value;
      else if ((PRODUCT_TYPES as readonly string[]).includes(column))
        l.byProductType[column] = { ...l.byProductType[column], [key]: value };
    }
    return l;
  };
  const products: AccountingForm['products'] = [];
  for (let i = 0; i < 500; i++) {
    const key = formValue(body, `prod.${i}.key`);
    if (key === undefined) break;
    products.push({
      key: key.trim(),
      taxCase: (formValue(body, `prod.${i}.case`) ?? '').trim(),
      account: (formValue(body, `prod.${i}.account`) ?? '').trim(),
    });
  }
  const pick = (prefix: string) =>
    Object.fromEntries(
      fieldsUnder(body, 'cc')
        .filter(([group, , v]) => group === prefix && v)
        .map(([, k, v]) => [k, v]),
    );
  return {
    revenue: levels('rev'),
    cancellation: levels('can'),
    products,
    cancellationByProduct: current.revenueAccounts.cancellations.byProduct,
    costCentre: {
      default: (formValue(body, 'costCentre.default') ?? '').trim(),
      byPaymentMethod: pick('pm'),
      byProductType: pick('type'),
    },
    voucher: {
      date: formValue(body, 'voucher.date') ?? 'invoice_date',
      invoice: formValue(body, 'voucher.description.invoice') ?? '',
      cancellation: formValue(body, 'voucher.description.cancellation') ?? '',
      remark: formBool(body, 'voucher.remark'),
    },
    productTypes: {
      default: formValue(body, 'productTypes.default') ?? 'goods',
      byCategory: formValue(body, 'productTypes.byCategory') ?? '',
      byTaxClass: formValue(body, 'productTypes.byTaxClass') ?? '',
    },
    dryRun: formBool(body, 'dryRun'),
  };
}

/** "key = type" lines → a map; a line that does not fit is an issue on the field. */
function parseLines(text: string, path: string, message: string, issues: FieldIssue[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) continue;
    const eq = line.lastIndexOf('=');
    const key = eq > 0 ? line.slice(0, eq).trim() : '';
    const value = eq > 0 ? line.slice(eq + 1).trim() : '';
    if (!key || !value) {
      issues.push({ path, message });
      continue;
    }
    out[key] = value;
  }
  return out;
}

/** The change for updateAccountingSettings, and the issues of fields the form itself could not read. */
export function changeOf(
  form: AccountingForm,
  texts: { lineFormat: string; productKeyMissing: string },
): { change: Record<string, unknown>; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const lineFormatMessage = texts.lineFormat;
  const byProduct: Record<string, Record<string, string>> = {};
  form.products.forEach((row, i) => {
    if (!row.key && !row.account) return;
    if (!row.key) {
      issues.push({ path: `prod.${i}`, message: texts.productKeyMissing });
      return;
    }
    byProduct[row.key] = { ...byProduct[row.key], [row.taxCase || '*']: row.account };
  });
  const levels = (l: LevelsForm) => ({
    byTaxCase: l.byTaxCase,
    byProductType: l.byProductType,
    shipping: l.shipping,
    fees: l.fees,
  });
  return {
    change: {
      revenueAccounts: {
        ...levels(form.revenue),
        byProduct,
        cancellations: { ...levels(form.cancellation), byProduct: form.cancellationByProduct },
      },
      costCentre: {
        default: form.costCentre.default || null,
        byPaymentMethod: form.costCentre.byPaymentMethod,
        byProductType: form.costCentre.byProductType,
      },
      voucher: {
        date: form.voucher.date,
        description: { invoice: form.voucher.invoice, cancellation: form.voucher.cancellation },
        remark: form.voucher.remark,
      },
      productTypes: {
        default: form.productTypes.default,
        byCategory: parseLines(form.productTypes.byCategory, 'productTypes.byCategory', lineFormatMessage, issues),
        byTaxClass: parseLines(form.productTypes.byTaxClass, 'productTypes.byTaxClass', lineFormatMessage, issues),
      },
      dryRun: form.dryRun,
    },
    issues,
  };
}

/** Errors inside a map ("productTypes.byCategory.kurse") belong to its textarea; per-product rows to their row. */
export function fieldPathOf(path: string, form: AccountingForm): string {
  const m = /^productTypes\.(byCategory|byTaxClass)\./.exec(path);
  if (m) return `productTypes.${m[1]}`;
  const p = /^revenueAccounts\.byProduct\.(.+)\.([^.]+)$/.exec(path);
  if (p) {
    const index = form.products.findIndex((r) => r.key === p[1] && (r.taxCase || '*') === p[2]);
    if (index >= 0) return `prod.${index}`;
  }
  return path;
}
