import { describe, expect, it } from 'vitest';
import { renderSearchKey, unknownPlaceholders } from './search-key.js';

const values = { orderNumber: '3718', invoiceNumber: 'RE-2026-00042', transactionId: null };

describe('renderSearchKey', () => {
  it('renders the default order number', () => {
    expect(renderSearchKey('{orderNumber}', values)).toEqual({ ok: true, key: '3718' });
  });

  it('renders templates with text and several placeholders', () => {
    expect(renderSearchKey('Bestellung  {orderNumber} / {invoiceNumber}', values)).toEqual({
      ok: true,
      key: 'Bestellung 3718 / RE-2026-00042',
    });
  });

  it('reports a placeholder without a value', () => {
    expect(renderSearchKey('{transactionId}', values)).toEqual({
      ok: false,
      code: 'missing',
      placeholder: 'transactionId',
    });
  });

  it('refuses unknown placeholders and empty keys', () => {
    expect(renderSearchKey('{order}', values)).toEqual({ ok: false, code: 'invalid', unknown: ['{order}'] });
    expect(renderSearchKey('   ', values)).toMatchObject({ ok: false, code: 'invalid' });
    expect(unknownPlaceholders('{orderNumber}{x}{x}')).toEqual(['{x}']);
  });
});
