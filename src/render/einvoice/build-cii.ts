// UN/CEFACT Cross Industry Invoice (D16B) for EN 16931 (ZUGFeRD/Factur-X "EN 16931") and XRechnung 3.0.
//
// Built from the same DocumentData as the visual PDF: every amount is copied from doc.lines / doc.totals, never
// recomputed. What is derived is checked to add up, and the builder refuses a document whose own figures do not.
//
// Mapping (one consistent approach):
// - product, shipping and fee lines → invoice lines (BG-25), net amount BT-131 = line.net;
// - discount lines → document-level allowances (BG-20) with the line's VAT category and rate
//   (a positive "discount" after sign normalization — e.g. an amount-only refund split by rate on a credit
//   note — is what the buyer is credited, so it becomes an invoice line: BR-16 needs at least one);
// - VAT breakdown (BG-23) = doc.totals.byRate, one group per rate (its category follows from the tax case);
// - BT-106 = Σ line nets, BT-107/108 = Σ allowances/charges, BT-109/110/112 = doc.totals.net/tax/gross.
// Cancellations are credit notes (381) with all amounts and quantities negated (EN 16931 credit notes carry
// positive amounts), referencing the cancelled invoice (BT-25/26).
import type { DocumentData, DocumentLine, RateTotal } from '../../domain/documents/document.js';
import type { SellerProfile } from '../../domain/shops/seller-profile.js';
import { decimalToString, minorToDecimalString, negateDecimal, parseDecimal } from '../common/decimal.js';
import { lineQuantity, lineUnitPrice } from '../common/line-price.js';
import { paymentMeansFor } from './payment-means.js';
import { type VatCategory, vatCategoryFor } from './tax-category.js';
import { type EInvoiceProfile, type MissingField, missingBuyerFields, missingSellerFields } from './validate-seller.js';
import { el, serializeXml, textEl, type XmlChild, type XmlElement } from './xml-writer.js';

export const GUIDELINE_EN16931 = 'urn:cen.eu:en16931:2017';
export const GUIDELINE_XRECHNUNG = 'urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0';

export interface BuildCiiInput {
  doc: DocumentData;
  number: string;
  seller: SellerProfile;
  profile: EInvoiceProfile;
  /** BT-10. XRechnung: the buyer's Leitweg-ID (required). EN 16931: defaults to the order number. */
  buyerReference?: string | null;
  /** For cancellations: the cancelled invoice (BT-25, BT-26). Falls back to doc.cancels.number without date. */
  originalInvoice?: { number: string; issueDate: string } | null;
}

/** The document cannot be expressed as a valid e-invoice; `missing` names the fields when data is absent. */
export class EInvoiceDataError extends Error {
  override name = 'EInvoiceDataError';
  constructor(
    message: string,
    readonly missing: MissingField[] = [],
  ) {
    super(message);
  }
}

const NS = {
  rsm: 'urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100',
  qdt: 'urn:un:unece:uncefact:data:standard:QualifiedDataType:100',
  ram: 'urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100',
  udt: 'urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100',
};

const date102 = (iso: string): string => {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!match) throw new EInvoiceDataError(`not an ISO date: "${iso}"`);
  return `${match[1]}${match[2]}${match[3]}`;
};

const formatGerman = (iso: string): string => {
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}.${m}.${y}`;
};

const rateText = (rateBp: number): string => decimalToString({ units: BigInt(rateBp), scale: 2 }, 0);

const trimmed = (v: string | null | undefined): string | null => (v && v.trim() !== '' ? v.trim() : null);

interface NormalizedLine extends DocumentLine {
  category: VatCategory;
}

interface AllowanceCharge {
  charge: boolean;
  amount: number;
  reason: string;
  reasonCode: string | null;
  rateBp: number;
  category: VatCategory;
}

/** Flip a document line's sign (credit notes). */
function negateLine(line: DocumentLine): DocumentLine {
  const negateText = (t: string): string => {
    try {
      return decimalToString(negateDecimal(parseDecimal(t)));
    } catch {
      return t;
    }
  };
  return {
    ...line,
    quantity: negateText(line.quantity),
    unitPriceNet: negateText(line.unitPriceNet),
    net: -line.net,
    tax: -line.tax,
    gross: -line.gross,
  };
}

function sumBy<T>(items: T[], f: (t: T) => number): number {
  return items.reduce((s, t) => s + f(t), 0);
}

function assertConsistent(
  lines: NormalizedLine[],
  allowanceCharges: AllowanceCharge[],
  byRate: RateTotal[],
  totals: { net: number; tax: number; gross: number },
): void {
  const problems: string[] = [];
  const rates = new Set([...lines.map((l) => l.rateBp), ...allowanceCharges.map((a) => a.rateBp)]);
  for (const rate of rates) {
    if (!byRate.some((r) => r.rateBp === rate))
      problems.push(`rate ${rate / 100} % is used by lines but missing in totals.byRate`);
  }
  for (const r of byRate) {
    const basis =
      sumBy(
        lines.filter((l) => l.rateBp === r.rateBp),
        (l) => l.net,
      ) +
      sumBy(
        allowanceCharges.filter((a) => a.rateBp === r.rateBp),
        (a) => (a.charge ? a.amount : -a.amount),
      );
    if (basis !== r.net) problems.push(`lines at ${r.rateBp / 100} % add up to ${basis}, totals.byRate says ${r.net}`);
    if (r.net + r.tax !== r.gross) problems.push(`totals.byRate ${r.rateBp / 100} %: net + tax ≠ gross`);
  }
  if (sumBy(byRate, (r) => r.net) !== totals.net) problems.push('Σ totals.byRate.net ≠ totals.net');
  if (sumBy(byRate, (r) => r.tax) !== totals.tax) problems.push('Σ totals.byRate.tax ≠ totals.tax');
  if (totals.net + totals.tax !== totals.gross) problems.push('totals.net + totals.tax ≠ totals.gross');
  if (problems.length > 0) throw new EInvoiceDataError(`inconsistent document amounts: ${problems.join('; ')}`);
}

function address(a: DocumentData['customer']['billing']): XmlElement {
  return el(
    'ram:PostalTradeAddress',
    null,
    textEl('ram:PostcodeCode', trimmed(a.zip)),
    textEl('ram:LineOne', trimmed(a.street)),
    textEl('ram:LineTwo', trimmed(a.street2)),
    textEl('ram:CityName', trimmed(a.city)),
    textEl('ram:CountryID', a.country.toUpperCase()),
    textEl('ram:CountrySubDivisionName', trimmed(a.state)),
  );
}

function personName(a: { firstName?: string | null; lastName?: string | null }): string | null {
  return trimmed([a.firstName, a.lastName].filter(Boolean).join(' '));
}

function tradeTax(category: VatCategory, rateBp: number, withRate: boolean): XmlElement {
  return el(
    'ram:ApplicableTradeTax',
    null,
    textEl('ram:TypeCode', 'VAT'),
    textEl('ram:CategoryCode', category.code),
    withRate ? textEl('ram:RateApplicablePercent', rateText(rateBp)) : null,
  );
}

/** Builds the CII XML. Throws EInvoiceDataError when data is missing or the document's figures disagree. */
export function buildCiiXml(input: BuildCiiInput): string {
  const { doc, seller, profile } = input;
  const missing = [...missingSellerFields(seller, doc, { profile }), ...missingBuyerFields(doc, { profile })];
  if (missing.length > 0) {
    throw new EInvoiceDataError(`e-invoice data missing: ${missing.map((m) => m.field).join(', ')}`, missing);
  }
  const taxCase = doc.taxCase!;
  const buyerReference = trimmed(input.buyerReference) ?? (profile === 'EN16931' ? doc.orderNumber : null);
  if (!buyerReference) {
    throw new EInvoiceDataError('XRechnung requires the buyer reference (BT-10, Leitweg-ID)', [
      { field: 'buyerReference', message: 'Buyer reference / Leitweg-ID (BT-10) is required for XRechnung.' },
    ]);
  }

  const isCreditNote = doc.type === 'cancellation';
  const sign = isCreditNote ? -1 : 1;
  const cur = doc.currency.toUpperCase();
  const amount = (minor: number): string => minorToDecimalString(minor, cur);

  // Sign-normalized figures, copied from the document.
  const docLines = [...doc.lines]
    .sort((a, b) => a.position - b.position)
    .map((l) => (isCreditNote ? negateLine(l) : l));
  const byRate = doc.totals.byRate
    .map((r) => ({ rateBp: r.rateBp, net: sign * r.net, tax: sign * r.tax, gross: sign * r.gross }))
    .sort((a, b) => b.rateBp - a.rateBp);
  const totals = { net: sign * doc.totals.net, tax: sign * doc.totals.tax, gross: sign * doc.totals.gross };

  const categoryOf = (rateBp: number): VatCategory => {
    try {
      return vatCategoryFor(taxCase, rateBp);
    } catch (e) {
      throw new EInvoiceDataError((e as Error).message);
    }
  };

  const lines: NormalizedLine[] = [];
  const allowanceCharges: AllowanceCharge[] = [];
  for (const line of docLines) {
    const category = categoryOf(line.rateBp);
    if (line.kind === 'discount' && line.net <= 0) {
      if (line.net === 0) continue;
      allowanceCharges.push({
        charge: false,
        amount: -line.net,
        reason: line.name,
        reasonCode: '95',
        rateBp: line.rateBp,
        category,
      });
    } else {
      lines.push({ ...line, category });
    }
  }
  if (lines.length === 0) throw new EInvoiceDataError('an e-invoice needs at least one invoice line (BR-16)');

  const groups = byRate.filter((r) => r.net !== 0 || r.tax !== 0 || lines.some((l) => l.rateBp === r.rateBp));
  assertConsistent(lines, allowanceCharges, byRate, totals);
  for (const g of groups) {
    if (categoryOf(g.rateBp).code !== 'S' && g.tax !== 0) {
      throw new EInvoiceDataError(`tax of ${g.tax} at ${g.rateBp / 100} % in a ${taxCase} document must be 0`);
    }
  }
  const notSubject = groups.some((g) => categoryOf(g.rateBp).code === 'O');

  const lineTotal = sumBy(lines, (l) => l.net);
  const allowances = allowanceCharges.filter((a) => !a.charge);
  const charges = allowanceCharges.filter((a) => a.charge);
  const paid = doc.paidAt ? totals.gross : 0;
  const due = totals.gross - paid;

  // Seller (BG-4). With category O the VAT id must not appear (BR-O-02); BT-29 then identifies the seller (BR-CO-26).
  const sellerVatId = notSubject ? null : trimmed(seller.vatId);
  const sellerId = sellerVatId ? null : (trimmed(seller.taxNumber) ?? trimmed(seller.vatId));
  const sellerContact =
    trimmed(seller.contactName) || trimmed(seller.phone) || trimmed(seller.email)
      ? el(
          'ram:DefinedTradeContact',
          null,
          textEl('ram:PersonName', trimmed(seller.contactName)),
          trimmed(seller.phone) &&
            el('ram:TelephoneUniversalCommunication', null, textEl('ram:CompleteNumber', trimmed(seller.phone))),
          trimmed(seller.email) &&
            el('ram:EmailURIUniversalCommunication', null, textEl('ram:URIID', trimmed(seller.email))),
        )
      : null;
  const sellerParty = el(
    'ram:SellerTradeParty',
    null,
    textEl('ram:ID', sellerId),
    textEl('ram:Name', seller.legalName.trim()),
    sellerContact,
    address(seller.address),
    trimmed(seller.email) &&
      el('ram:URIUniversalCommunication', null, textEl('ram:URIID', trimmed(seller.email), { schemeID: 'EM' })),
    sellerVatId && el('ram:SpecifiedTaxRegistration', null, textEl('ram:ID', sellerVatId, { schemeID: 'VA' })),
    trimmed(seller.taxNumber) &&
      el('ram:SpecifiedTaxRegistration', null, textEl('ram:ID', trimmed(seller.taxNumber), { schemeID: 'FC' })),
  );

  // Buyer (BG-7).
  const c = doc.customer;
  const buyerCompany = trimmed(c.billing.company) ?? trimmed(c.company);
  const buyerPerson = personName(c.billing);
  const buyerName = buyerCompany ?? buyerPerson ?? trimmed(c.email) ?? doc.orderNumber;
  const buyerVatId = notSubject ? null : trimmed(c.vatId);
  const buyerParty = el(
    'ram:BuyerTradeParty',
    null,
    textEl('ram:ID', trimmed(c.customerId)),
    textEl('ram:Name', buyerName),
    buyerCompany && buyerPerson ? el('ram:DefinedTradeContact', null, textEl('ram:PersonName', buyerPerson)) : null,
    address(c.billing),
    trimmed(c.email) &&
      el('ram:URIUniversalCommunication', null, textEl('ram:URIID', trimmed(c.email), { schemeID: 'EM' })),
    buyerVatId && el('ram:SpecifiedTaxRegistration', null, textEl('ram:ID', buyerVatId, { schemeID: 'VA' })),
  );

  // Deliver to (BG-13/BG-15): the shipping address, or the billing address where the country is required (BR-IC-12).
  const shipAddress =
    c.shipping ?? (groups.some((g) => ['K', 'G'].includes(categoryOf(g.rateBp).code)) ? c.billing : null);
  const shipTo =
    shipAddress &&
    el(
      'ram:ShipToTradeParty',
      null,
      textEl('ram:Name', trimmed(shipAddress.company) ?? personName(shipAddress) ?? buyerName),
      address(shipAddress),
    );

  // Notes (BG-1): the tax-case and other notes, plus the seller's register data.
  const notes: XmlElement[] = doc.notes
    .map((n) => trimmed(n))
    .filter((n): n is string => n !== null)
    .map((n) => el('ram:IncludedNote', null, textEl('ram:Content', n)));
  const footer = seller.footerLines.map((s) => s.trim()).filter((s) => s !== '');
  if (footer.length > 0) {
    notes.push(
      el('ram:IncludedNote', null, textEl('ram:Content', footer.join('\n')), textEl('ram:SubjectCode', 'REG')),
    );
  }

  // Payment (BG-16, BT-20, BT-9).
  const means = paymentMeansFor(doc, seller);
  const dueDate = !isCreditNote && due > 0 ? addDaysIso(doc.issueDate, seller.paymentTermDays) : null;
  const method = doc.paymentMethodTitle ?? doc.paymentMethod;
  let terms: string;
  if (isCreditNote) {
    terms = doc.paidAt
      ? `Erstattet am ${formatGerman(doc.paidAt)}.`
      : `Der Betrag wird${method ? ` über ${method}` : ''} erstattet.`;
  } else if (doc.paidAt) {
    terms = `Bezahlt am ${formatGerman(doc.paidAt)}${method ? ` (${method})` : ''}.`;
  } else {
    terms = `Zahlbar ohne Abzug bis ${formatGerman(dueDate!)}.`;
  }
  const paymentMeans = el(
    'ram:SpecifiedTradeSettlementPaymentMeans',
    null,
    textEl('ram:TypeCode', means.code),
    textEl('ram:Information', trimmed(means.information)),
    means.account &&
      el(
        'ram:PayeePartyCreditorFinancialAccount',
        null,
        textEl('ram:IBANID', means.account.iban.replace(/\s+/g, '').toUpperCase()),
        textEl('ram:AccountName', trimmed(means.account.accountHolder)),
      ),
    means.account?.bic &&
      el(
        'ram:PayeeSpecifiedCreditorFinancialInstitution',
        null,
        textEl('ram:BICID', means.account.bic.replace(/\s+/g, '')),
      ),
  );

  const breakdown = groups.map((g) => {
    const category = categoryOf(g.rateBp);
    return el(
      'ram:ApplicableTradeTax',
      null,
      textEl('ram:CalculatedAmount', amount(g.tax)),
      textEl('ram:TypeCode', 'VAT'),
      textEl('ram:ExemptionReason', category.exemptionReason),
      textEl('ram:BasisAmount', amount(g.net)),
      textEl('ram:CategoryCode', category.code),
      textEl('ram:ExemptionReasonCode', category.exemptionReasonCode),
      textEl('ram:RateApplicablePercent', rateText(g.rateBp)),
    );
  });

  const allowanceChargeEls = allowanceCharges.map((a) =>
    el(
      'ram:SpecifiedTradeAllowanceCharge',
      null,
      el('ram:ChargeIndicator', null, textEl('udt:Indicator', a.charge ? 'true' : 'false')),
      textEl('ram:ActualAmount', amount(a.amount)),
      textEl('ram:ReasonCode', a.reasonCode),
      textEl('ram:Reason', trimmed(a.reason) ?? (a.charge ? 'Zuschlag' : 'Rabatt')),
      el(
        'ram:CategoryTradeTax',
        null,
        textEl('ram:TypeCode', 'VAT'),
        textEl('ram:CategoryCode', a.category.code),
        a.category.code === 'O' ? null : textEl('ram:RateApplicablePercent', rateText(a.rateBp)),
      ),
    ),
  );

  const summation = el(
    'ram:SpecifiedTradeSettlementHeaderMonetarySummation',
    null,
    textEl('ram:LineTotalAmount', amount(lineTotal)),
    charges.length > 0 && textEl('ram:ChargeTotalAmount', amount(sumBy(charges, (a) => a.amount))),
    allowances.length > 0 && textEl('ram:AllowanceTotalAmount', amount(sumBy(allowances, (a) => a.amount))),
    textEl('ram:TaxBasisTotalAmount', amount(totals.net)),
    textEl('ram:TaxTotalAmount', amount(totals.tax), { currencyID: cur }),
    textEl('ram:GrandTotalAmount', amount(totals.gross)),
    paid !== 0 && textEl('ram:TotalPrepaidAmount', amount(paid)),
    textEl('ram:DuePayableAmount', amount(due)),
  );

  const original = isCreditNote
    ? (input.originalInvoice ?? (doc.cancels ? { number: doc.cancels.number, issueDate: null } : null))
    : null;
  const invoiceRef =
    original &&
    el(
      'ram:InvoiceReferencedDocument',
      null,
      textEl('ram:IssuerAssignedID', original.number),
      original.issueDate &&
        el(
          'ram:FormattedIssueDateTime',
          null,
          textEl('qdt:DateTimeString', date102(original.issueDate), { format: '102' }),
        ),
    );

  const lineItems = lines.map((line) => {
    // BR-27: the item net price is never negative; a negative amount is a negative quantity.
    const rawPrice = lineUnitPrice(line, cur);
    const flip = rawPrice.units < 0n;
    const absPrice = flip ? negateDecimal(rawPrice) : rawPrice;
    const quantity = flip ? negateDecimal(lineQuantity(line)) : lineQuantity(line);
    return el(
      'ram:IncludedSupplyChainTradeLineItem',
      null,
      el('ram:AssociatedDocumentLineDocument', null, textEl('ram:LineID', String(line.position))),
      el(
        'ram:SpecifiedTradeProduct',
        null,
        textEl('ram:SellerAssignedID', trimmed(line.sku)),
        textEl('ram:Name', trimmed(line.name) ?? '-'),
      ),
      el(
        'ram:SpecifiedLineTradeAgreement',
        null,
        el('ram:NetPriceProductTradePrice', null, textEl('ram:ChargeAmount', decimalToString(absPrice, 2))),
      ),
      el(
        'ram:SpecifiedLineTradeDelivery',
        null,
        textEl('ram:BilledQuantity', decimalToString(quantity), { unitCode: line.kind === 'product' ? 'H87' : 'C62' }),
      ),
      el(
        'ram:SpecifiedLineTradeSettlement',
        null,
        tradeTax(line.category, line.rateBp, line.category.code !== 'O'),
        el('ram:SpecifiedTradeSettlementLineMonetarySummation', null, textEl('ram:LineTotalAmount', amount(line.net))),
      ),
    );
  });

  const settlementChildren: XmlChild[] = [
    textEl('ram:PaymentReference', isCreditNote ? null : input.number),
    textEl('ram:InvoiceCurrencyCode', cur),
    paymentMeans,
    ...breakdown,
    ...allowanceChargeEls,
    el(
      'ram:SpecifiedTradePaymentTerms',
      null,
      textEl('ram:Description', terms),
      dueDate && el('ram:DueDateDateTime', null, textEl('udt:DateTimeString', date102(dueDate), { format: '102' })),
    ),
    summation,
    invoiceRef,
  ];

  const root = el(
    'rsm:CrossIndustryInvoice',
    { 'xmlns:rsm': NS.rsm, 'xmlns:qdt': NS.qdt, 'xmlns:ram': NS.ram, 'xmlns:udt': NS.udt },
    el(
      'rsm:ExchangedDocumentContext',
      null,
      el(
        'ram:GuidelineSpecifiedDocumentContextParameter',
        null,
        textEl('ram:ID', profile === 'XRECHNUNG' ? GUIDELINE_XRECHNUNG : GUIDELINE_EN16931),
      ),
    ),
    el(
      'rsm:ExchangedDocument',
      null,
      textEl('ram:ID', input.number),
      textEl('ram:TypeCode', isCreditNote ? '381' : '380'),
      el('ram:IssueDateTime', null, textEl('udt:DateTimeString', date102(doc.issueDate), { format: '102' })),
      ...notes,
    ),
    el(
      'rsm:SupplyChainTradeTransaction',
      null,
      ...lineItems,
      el(
        'ram:ApplicableHeaderTradeAgreement',
        null,
        textEl('ram:BuyerReference', buyerReference),
        sellerParty,
        buyerParty,
        el('ram:SellerOrderReferencedDocument', null, textEl('ram:IssuerAssignedID', doc.orderNumber)),
      ),
      el(
        'ram:ApplicableHeaderTradeDelivery',
        null,
        shipTo,
        el(
          'ram:ActualDeliverySupplyChainEvent',
          null,
          el(
            'ram:OccurrenceDateTime',
            null,
            textEl('udt:DateTimeString', date102(doc.deliveryDate), { format: '102' }),
          ),
        ),
      ),
      el('ram:ApplicableHeaderTradeSettlement', null, ...settlementChildren),
    ),
  );
  return serializeXml(root);
}

function addDaysIso(isoDate: string, days: number): string {
  const [y, m, d] = isoDate.slice(0, 10).split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! + days)).toISOString().slice(0, 10);
}
