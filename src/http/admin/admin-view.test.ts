import { describe, expect, it } from 'vitest';
import { toConnectionView, voucherUrl } from './connection-view.js';
import { de } from './i18n/de.js';
import { shortReason } from './partials/document-row.partial.js';
import { decodeCursor, encodeCursor } from './queries/document-rows.js';
import { formBool, formValue, localizedFieldErrors } from './settings-form.js';

// The small pure pieces of the admin views: links, cursors, field messages, reasons.

const connection = (baseUrl: string, extra: Record<string, unknown> = {}) =>
  toConnectionView('shop_1', {
    shopId: 'shop_1',
    connectionId: 'sdc_1',
    accountKey: 'k',
    baseUrl,
    tokenEnc: 'v1.x',
    status: 'connected',
    bookkeepingVersion: '2.0',
    requestsPerSecond: null,
    accountInfo: {},
    lastError: null,
    pausedAt: null,
    connectedAt: null,
    checkedAt: null,
    updatedAt: '2026-11-27T00:00:00Z',
    ...extra,
  });

describe('admin views', () => {
  it('links vouchers to sevDesk, or to the sandbox in Testmodus; OSS invoices get no voucher link', () => {
    const real = connection('https://my.sevdesk.de/api/v1');
    const sandbox = connection('http://127.0.0.1:3000/sandbox/api/v1');
    expect(real.sandbox).toBe(false);
    expect(sandbox.sandbox).toBe(true);
    expect(voucherUrl(real, '4711')).toBe('https://my.sevdesk.de/#/ex/detail/id/4711');
    expect(voucherUrl(sandbox, '4711')).toBe('/sandbox/inspect/vouchers/4711');
    expect(voucherUrl(real, 'Invoice:815')).toBeNull();
    expect(voucherUrl(real, null)).toBeNull();
  });

  it('tells an invalid token from an unreachable host', () => {
    expect(connection('https://my.sevdesk.de/api/v1', { status: 'invalid' }).state).toBe('invalid');
    const unreachable = connection('https://my.sevdesk.de/api/v1', {
      lastError: { code: 'host_unreachable', de: 'x', en: 'x' },
    });
    expect(unreachable.state).toBe('unreachable');
    expect(toConnectionView('shop_1', null).state).toBe('none');
  });

  it('keeps the keyset cursor of the list in the URL: id, or issue date and id when ordered by date', () => {
    const row = { id: 'doc_06H1XCDYGDTTE7137AS33A33S0', issueDate: '2026-11-27' };
    expect(encodeCursor({ limit: 50 }, row)).toBe(row.id);
    const byDate = encodeCursor({ limit: 50, issuedFrom: '2026-01-01' }, row);
    expect(byDate).toBe(`2026-11-27~${row.id}`);
    expect(decodeCursor(byDate)).toEqual({ id: row.id, issueDate: '2026-11-27' });
    expect(decodeCursor(row.id)).toEqual({ id: row.id });
    expect(decodeCursor("doc_1' OR 1=1")).toBeUndefined();
    expect(decodeCursor(undefined)).toBeUndefined();
  });

  it('reads checkbox pairs and shows our sentence for known fields', () => {
    expect(formBool({ a: ['0', '1'] }, 'a')).toBe(true);
    expect(formBool({ a: '0' }, 'a')).toBe(false);
    expect(formValue({ a: ['x', 'y'] }, 'a')).toBe('y');
    const errors = localizedFieldErrors(
      [
        { path: 'numbering.invoice', message: 'must contain {seq}' },
        { path: 'sevdesk.revenueAccounts.byTaxCase.1:19', message: 'an account number' },
        { path: 'something.else', message: 'as the schema says' },
      ],
      de,
    );
    expect(errors.get('numbering.invoice')).toContain('{seq}');
    expect(errors.get('sevdesk.revenueAccounts.byTaxCase.1:19')).toContain('Kontonummer');
    expect(errors.get('something.else')).toBe('as the schema says');
  });

  it('shortens a long reason to its first sentence', () => {
    expect(shortReason('Kurz.')).toBe('Kurz.');
    expect(shortReason('Erster Satz. Zweiter Satz.')).toBe('Erster Satz.');
    expect(shortReason('x'.repeat(200))).toHaveLength(90);
  });
});
