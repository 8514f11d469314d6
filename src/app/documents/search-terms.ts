import type { DocumentData } from '../../domain/documents/document.js';

// What the document list's `q` finds: a prefix of the number, the order number, any word of the customer's
// name or company, the full name, or the e-mail address. Lower-cased and NFKC-normalized on both sides.

const MAX_TERM = 100;

export function normalizeSearchText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim().slice(0, MAX_TERM);
}

export function documentSearchTerms(data: DocumentData, number: string | null): string[] {
  const c = data.customer;
  const b = c.billing;
  const names = [c.company, b.company, b.firstName, b.lastName].filter((v): v is string => Boolean(v?.trim()));
  const fullName = [b.firstName, b.lastName].filter(Boolean).join(' ');
  const words = names.flatMap((n) => n.split(/\s+/));
  const terms = [number, data.orderNumber, c.email, fullName, ...names, ...words]
    .filter((v): v is string => typeof v === 'string')
    .map(normalizeSearchText)
    .filter((t) => t.length > 0);
  return [...new Set(terms)];
}
