import { describe, expect, it } from 'vitest';
import type { DocumentData } from '../../domain/documents/document.js';
import { documentSearchTerms, normalizeSearchText } from './search-terms.js';

const data = {
  orderNumber: 'WC-1001',
  customer: {
    customerId: '7',
    email: 'Max.Kunde@Example.com',
    phone: null,
    company: 'Kunde & Söhne GmbH',
    vatId: null,
    billing: { firstName: 'Max', lastName: 'Kunde', street: 'Weg 2', zip: '80331', city: 'München', country: 'DE' },
    shipping: null,
  },
} as unknown as DocumentData;

describe('document search terms', () => {
  it('covers number, order number, e-mail, full name, company and each name word, lower-cased', () => {
    const terms = documentSearchTerms(data, 'RE-2026-00001');
    expect(terms).toEqual(
      expect.arrayContaining([
        're-2026-00001',
        'wc-1001',
        'max.kunde@example.com',
        'max kunde',
        'kunde & söhne gmbh',
        'söhne',
        'max',
        'kunde',
      ]),
    );
    expect(new Set(terms).size).toBe(terms.length);
  });

  it('normalizes queries the same way (NFKC, case, whitespace)', () => {
    expect(normalizeSearchText('  MAX   Kunde ')).toBe('max kunde');
    expect(normalizeSearchText('ﬁrma')).toBe('firma');
  });
});
