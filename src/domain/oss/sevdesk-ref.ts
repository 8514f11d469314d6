// Which sevDesk object a transferred document became. Vouchers keep their plain id in the transfer's voucher
// column; OSS documents store `Invoice:<id>` or `CreditNote:<id>` there, so booking, the sweeper and the log find
// them like vouchers — and nothing that expects a voucher id can ever address an invoice by mistake (a typed
// reference is not a number, so a voucher call with it fails instead of touching an unrelated voucher).

export type SevdeskObjectKind = 'Voucher' | 'Invoice' | 'CreditNote';

export interface SevdeskObjectRef {
  kind: SevdeskObjectKind;
  id: string;
}

const TYPED = /^(Invoice|CreditNote):(\d+)$/;

export function formatObjectRef(ref: SevdeskObjectRef): string {
  if (!/^\d+$/.test(ref.id)) throw new RangeError(`not a sevDesk id: ${ref.id}`);
  return ref.kind === 'Voucher' ? ref.id : `${ref.kind}:${ref.id}`;
}

/** A stored reference; a plain id is a voucher. Null for anything else. */
export function parseObjectRef(stored: string | null | undefined): SevdeskObjectRef | null {
  if (!stored) return null;
  const typed = TYPED.exec(stored);
  if (typed) return { kind: typed[1] as 'Invoice' | 'CreditNote', id: typed[2] as string };
  return /^\d+$/.test(stored) ? { kind: 'Voucher', id: stored } : null;
}

export function isSalesDocumentRef(stored: string | null | undefined): boolean {
  const ref = parseObjectRef(stored);
  return ref !== null && ref.kind !== 'Voucher';
}

/**
 * An invoice's or credit note's status in voucher terms, so booking reads every object alike: draft 100 → 50,
 * open 200 → 100; partially paid (750) and paid (1000, which includes cancelled invoices) are the same.
 */
export function voucherEquivalentStatus(status: number | null): number | null {
  if (status === 100) return 50;
  if (status === 200) return 100;
  return status;
}
