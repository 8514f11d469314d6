// Everything that decides an OSS document's sevDesk invoice, credit note or cancellation — before any call:
// the rule by what was sold, the destination and its rates, positions that reproduce the VAT per rate, and what
// the read-back must find. A document that cannot be mapped safely yields a reason, never a payload.
import type { DocumentData, DocumentLine, Minor } from '../documents/document.js';
import type { RateBp } from '../money/vat.js';
import { VAT_RATES_AS_OF } from '../tax/eu-countries.js';
import { type LocalizedMessage, messages } from '../transfer/messages.js';
import { destinationRateProblems, ossDestination } from './destination.js';
import { ossMessages } from './messages.js';
import { type OssSupply, ossRuleOf } from './oss-rule.js';
import { planSalesPositions, type SalesPosition, type SalesPositionPlan } from './plan-positions.js';
import { negateTotals, type SalesExpected, type SalesTotals } from './readback.js';

export interface OssBasis {
  ruleId: number;
  supply: OssSupply;
  /** ISO code, upper case. */
  destination: string;
  /** Date of the EU rate table the rates were checked against. */
  ratesAsOf: string;
}

export interface OssInvoicePlan extends OssBasis {
  showNet: boolean;
  positions: SalesPosition[];
  expected: SalesExpected;
}

export type Planned<T> = { ok: true; plan: T } | { ok: false; reason: LocalizedMessage };

/** Lines that carry an amount; a free line (0/0/0) is not a position. */
export function bookableLines(data: Pick<DocumentData, 'lines'>): DocumentLine[] {
  return data.lines.filter((l) => l.net !== 0 || l.tax !== 0 || l.gross !== 0);
}

function totalsOf(data: DocumentData): SalesTotals {
  return { net: data.totals.net, tax: data.totals.tax, gross: data.totals.gross, byRate: data.totals.byRate };
}

/** Rule and destination of a document (an invoice, or the origin invoice of a cancellation). */
export function ossBasis(data: DocumentData): Planned<OssBasis> {
  const lines = bookableLines(data);
  const rule = ossRuleOf(lines);
  if (!rule.ok) return { ok: false, reason: ossMessages.mixedSupplies(rule.supplies) };
  const destination = ossDestination(data, rule.supply);
  if (!destination.ok)
    return { ok: false, reason: ossMessages.destinationInvalid(destination.problem, destination.country) };
  return {
    ok: true,
    plan: { ruleId: rule.ruleId, supply: rule.supply, destination: destination.country, ratesAsOf: VAT_RATES_AS_OF },
  };
}

function notReproducible(plan: Extract<SalesPositionPlan, { ok: false }>, data: DocumentData): LocalizedMessage {
  const e = plan.errors[0];
  if (!e) return messages.vatNotReproducible(data.totals.byRate[0]?.rateBp ?? 0, data.totals.tax, 0, data.currency);
  return messages.vatNotReproducible(e.rateBp, e.documentTax, e.derivedTax, data.currency);
}

/** The sevDesk invoice of an OSS invoice document. */
export function planOssInvoice(data: DocumentData, number: string): Planned<OssInvoicePlan> {
  if (data.attentionReasons.length > 0)
    return { ok: false, reason: messages.documentNeedsAttention(data.attentionReasons) };
  if (data.taxCase !== 'eu_b2c_oss') return { ok: false, reason: messages.taxCaseMissing() };
  const lines = bookableLines(data);
  if (lines.length === 0) return { ok: false, reason: messages.nothingToBook() };
  const basis = ossBasis(data);
  if (!basis.ok) return basis;
  const { destination } = basis.plan;
  const problem = destinationRateProblems(
    destination,
    lines.map((l) => l.rateBp),
    [data.issueDate, data.deliveryDate],
  )[0];
  if (problem)
    return {
      ok: false,
      reason: ossMessages.rateNotInDestination(
        problem.rateBp,
        destination,
        problem.date,
        problem.allowed,
        VAT_RATES_AS_OF,
      ),
    };
  // A regular invoice may not be delivered after its date in sevDesk; dropping the date would move the tax point.
  if (data.deliveryDate && data.deliveryDate > data.issueDate)
    return { ok: false, reason: ossMessages.deliveryAfterInvoiceDate(data.deliveryDate, data.issueDate) };
  const positions = planSalesPositions(lines, data.currency);
  if (!positions.ok) return { ok: false, reason: notReproducible(positions, data) };
  return {
    ok: true,
    plan: {
      ...basis.plan,
      showNet: positions.showNet,
      positions: positions.positions,
      expected: { ...totalsOf(data), currency: data.currency.toUpperCase(), ruleId: basis.plan.ruleId, number },
    },
  };
}

export interface OssCancellationPlan extends OssBasis {
  /**
   * `cancel_invoice`: the cancellation mirrors the whole invoice (nothing credited before) — sevDesk's cancelInvoice
   * creates the cancellation invoice. `credit_note`: a partial cancellation (or the rest after partial ones).
   */
  mode: 'cancel_invoice' | 'credit_note';
  /** What the cancellation invoice (SR, negative) must carry. */
  cancelExpected: SalesExpected;
  /** The credit note (positive amounts, the origin invoice's rates); also the fallback when cancelInvoice is refused. */
  creditNote: Planned<{ showNet: boolean; positions: SalesPosition[]; expected: SalesExpected }>;
}

/** A line as the credit note carries it: the cancellation's amounts with the opposite sign. */
function creditLine(line: DocumentLine): DocumentLine {
  const neg = (v: Minor) => (v === 0 ? 0 : -v);
  const quantity = line.quantity.trim();
  return {
    ...line,
    quantity: quantity.startsWith('-') ? quantity.slice(1) : `-${quantity}`,
    net: neg(line.net),
    tax: neg(line.tax),
    gross: neg(line.gross),
  };
}

function mirrors(cancellation: SalesTotals, invoice: SalesTotals): boolean {
  const neg = negateTotals(invoice);
  if (cancellation.net !== neg.net || cancellation.tax !== neg.tax || cancellation.gross !== neg.gross) return false;
  const rates = new Set<RateBp>([...cancellation.byRate, ...neg.byRate].map((r) => r.rateBp));
  for (const rateBp of rates) {
    const a = cancellation.byRate.find((r) => r.rateBp === rateBp) ?? { net: 0, tax: 0, gross: 0 };
    const b = neg.byRate.find((r) => r.rateBp === rateBp) ?? { net: 0, tax: 0, gross: 0 };
    if (a.net !== b.net || a.tax !== b.tax || a.gross !== b.gross) return false;
  }
  return true;
}

/**
 * The sevDesk side of a cancellation of an OSS invoice: rule and destination come from the origin invoice (a
 * credit note must carry its rule and rates), the amounts from the cancellation document.
 */
export function planOssCancellation(
  cancellation: DocumentData,
  number: string,
  origin: { data: DocumentData; number: string },
): Planned<OssCancellationPlan> {
  if (cancellation.attentionReasons.length > 0)
    return { ok: false, reason: messages.documentNeedsAttention(cancellation.attentionReasons) };
  const lines = bookableLines(cancellation);
  if (lines.length === 0) return { ok: false, reason: messages.nothingToBook() };
  const basis = ossBasis(origin.data);
  if (!basis.ok) return basis;
  const originRates = new Set(bookableLines(origin.data).map((l) => l.rateBp));
  const foreign = lines.find((l) => !originRates.has(l.rateBp));
  if (foreign) return { ok: false, reason: ossMessages.rateNotOnOrigin(foreign.rateBp, origin.number) };

  const totals = totalsOf(cancellation);
  const currency = cancellation.currency.toUpperCase();
  const ruleId = basis.plan.ruleId;
  const full = cancellation.cancels?.full !== false && mirrors(totals, totalsOf(origin.data));
  const credit = planSalesPositions(lines.map(creditLine), cancellation.currency);
  return {
    ok: true,
    plan: {
      ...basis.plan,
      mode: full ? 'cancel_invoice' : 'credit_note',
      cancelExpected: { ...totals, currency, ruleId, number: null },
      creditNote: credit.ok
        ? {
            ok: true,
            plan: {
              showNet: credit.showNet,
              positions: credit.positions,
              expected: { ...negateTotals(totals), currency, ruleId, number },
            },
          }
        : { ok: false, reason: notReproducible(credit, cancellation) },
    },
  };
}
