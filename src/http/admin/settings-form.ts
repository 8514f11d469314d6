import { type AppError, type FieldIssue, isAppError } from '../../lib/errors.js';
import type { FieldErrors } from './components.js';
import type { Messages } from './i18n/de.js';

// Reading the settings forms and showing validation errors next to their fields in the user's language.

export type FormBody = Record<string, string | File | (string | File)[]>;

/** The last value of a field (a checkbox sends the hidden "0" first and "1" after it when checked). */
export function formValue(body: FormBody, name: string): string | undefined {
  const v = body[name];
  const last = Array.isArray(v) ? v[v.length - 1] : v;
  return typeof last === 'string' ? last : undefined;
}

export function formBool(body: FormBody, name: string): boolean {
  return formValue(body, name) === '1';
}

/**
 * Runs a save and hands back its validation error (bad input, or sevDesk refusing a choice) for the form to show
 * next to the fields; null when it went through. Any other error is thrown on.
 */
export async function validationRefusal(save: () => unknown): Promise<AppError | null> {
  try {
    await save();
    return null;
  } catch (e) {
    if (!isAppError(e) || e.kind !== 'validation') throw e;
    return e;
  }
}

const MESSAGE_BY_PATH: Record<string, keyof Messages['settings']['errors']> = {
  name: 'name',
  'numbering.invoice': 'numberFormat',
  'numbering.cancellation': 'numberFormat',
  'sevdesk.customerNumberPrefix': 'prefix',
  'booking.searchKey': 'searchKey',
  'booking.rematchDays': 'rematchDays',
  url: 'url',
  consumerKey: 'required',
  consumerSecret: 'required',
  token: 'token',
  baseUrl: 'baseUrl',
  'sevdesk.collectiveContactName': 'collectiveName',
  'seller.legalName': 'legalName',
  'seller.address.street': 'required',
  'seller.address.zip': 'required',
  'seller.address.city': 'required',
  'seller.address.country': 'country',
  'seller.vatId': 'vatId',
  'seller.email': 'email',
};

/** Paths under these prefixes share one sentence. */
const MESSAGE_BY_PREFIX: [string, keyof Messages['settings']['errors']][] = [
  ['sevdesk.revenueAccounts.', 'accountNumber'],
];

/** Field errors keyed by path, with our own sentence for the fields we know and the schema's text otherwise. */
export function localizedFieldErrors(issues: readonly FieldIssue[], t: Messages): FieldErrors {
  const map: FieldErrors = new Map();
  for (const issue of issues) {
    if (map.has(issue.path)) continue;
    const key = MESSAGE_BY_PATH[issue.path] ?? MESSAGE_BY_PREFIX.find(([p]) => issue.path.startsWith(p))?.[1];
    map.set(issue.path, key ? t.settings.errors[key] : issue.message);
  }
  return map;
}
