import { describe, expect, it } from 'vitest';
import { formatObjectRef, isSalesDocumentRef, parseObjectRef, voucherEquivalentStatus } from './sevdesk-ref.js';

describe('sevDesk object references', () => {
  it('vouchers keep their plain id; invoices and credit notes are typed', () => {
    expect(formatObjectRef({ kind: 'Voucher', id: '156' })).toBe('156');
    expect(formatObjectRef({ kind: 'Invoice', id: '42' })).toBe('Invoice:42');
    expect(parseObjectRef('CreditNote:7')).toEqual({ kind: 'CreditNote', id: '7' });
    expect(parseObjectRef('156')).toEqual({ kind: 'Voucher', id: '156' });
    expect(parseObjectRef('Invoice:x')).toBeNull();
    expect(parseObjectRef(null)).toBeNull();
    expect(isSalesDocumentRef('Invoice:1')).toBe(true);
    expect(isSalesDocumentRef('1')).toBe(false);
    expect(() => formatObjectRef({ kind: 'Invoice', id: '1; DROP' })).toThrow(RangeError);
  });

  it('reads invoice statuses in voucher terms', () => {
    expect([100, 200, 750, 1000, null].map(voucherEquivalentStatus)).toEqual([50, 100, 750, 1000, null]);
  });
});
