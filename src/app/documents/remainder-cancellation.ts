import {
  buildFullCancellation,
  type CancellationOptions,
  type InvoiceRef,
} from '../../domain/documents/build-cancellation.js';
import type { DocumentData, DocumentLine } from '../../domain/documents/document.js';
import { unitPriceNet } from '../../domain/documents/line-amounts.js';
import { sumTotals } from '../../domain/documents/totals.js';
import { formatRateDe } from '../../domain/tax/rate-format.js';

// "Cancel what remains": after partial cancellations, the full cancellation carries exactly the rest per VAT
// rate, so invoice + all its cancellations sum to zero per rate, to the cent. Without earlier cancellations
// it mirrors the invoice line by line.

/** Remaining net/tax/gross per rate; null when nothing remains (already fully cancelled). */
export function buildRemainderCancellation(
  invoice: DocumentData,
  ref: InvoiceRef,
  previous: readonly DocumentData[],
  options: Omit<CancellationOptions, 'previousCancellations'> = {},
): DocumentData | null {
  const full = buildFullCancellation(invoice, ref, options);
  if (previous.length === 0) return invoice.totals.gross === 0 && invoice.lines.length === 0 ? null : full;
  const lines: DocumentLine[] = [];
  for (const rate of invoice.totals.byRate) {
    const cancelled = previous.map((d) => d.totals.byRate.find((r) => r.rateBp === rate.rateBp));
    const net = rate.net + cancelled.reduce((s, r) => s + (r?.net ?? 0), 0);
    const tax = rate.tax + cancelled.reduce((s, r) => s + (r?.tax ?? 0), 0);
    const gross = rate.gross + cancelled.reduce((s, r) => s + (r?.gross ?? 0), 0);
    if (net === 0 && tax === 0 && gross === 0) continue;
    lines.push({
      // A product line (not a discount): an e-invoice credit note needs at least one invoice line (BR-16).
      kind: 'product',
      position: lines.length + 1,
      name: `Storno Restbetrag (${formatRateDe(rate.rateBp)} USt.)`,
      sku: null,
      productId: null,
      productType: null,
      quantity: '-1',
      unitPriceNet: unitPriceNet(net, '1', invoice.currency),
      rateBp: rate.rateBp,
      sourceLineId: null,
      net: -net,
      tax: -tax,
      gross: -gross,
    });
  }
  if (lines.length === 0) return null;
  const reasons = [...full.attentionReasons];
  if (lines.some((l) => l.gross > 0)) {
    reasons.push(`Earlier cancellations of invoice ${ref.number} exceed it at some VAT rate; check them.`);
  }
  return { ...full, lines, totals: sumTotals(lines), attentionReasons: [...new Set(reasons)] };
}
