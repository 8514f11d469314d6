// The visual PDF of a finalized invoice or cancellation (PDF/A-3b, embedded DejaVu fonts, deterministic).
// It shows what §14 (4) UStG requires; the amounts are printed exactly as DocumentData holds them.
import PDFDocument from 'pdfkit';
import type { Address, DocumentData, DocumentLine } from '../../domain/documents/document.js';
import type { SellerProfile } from '../../domain/shops/seller-profile.js';
import { currencyExponent } from '../common/decimal.js';
import { lineQuantity, lineUnitPrice, roundTo } from '../common/line-price.js';
import { type FontSet, registerDocumentFonts } from './fonts.js';
import {
  addDays,
  formatAmount,
  formatDate,
  formatIban,
  formatMoney,
  formatQuantity,
  formatRate,
  formatUnitPrice,
  type Lang,
} from './format.js';
import { documentTitle, type Labels, labelsFor, numberLabel } from './labels.js';
import { drawTable, type TableCell, type TableColumn, type TableStyle } from './layout-table.js';

export interface PdfAttachment {
  filename: string;
  content: Buffer;
  /** PDF/A-3 AFRelationship of the embedded file. */
  relationship: 'Alternative' | 'Data' | 'Source';
  mimeType: string;
  description?: string;
}

export interface RenderPdfInput {
  doc: DocumentData;
  /** The document number (Rechnungsnummer) assigned at finalization. */
  number: string;
  seller: SellerProfile;
  lang?: Lang;
  /** Files embedded as PDF/A-3 associated files (listed in the catalog /AF array). */
  attachments?: PdfAttachment[];
  /** Extra rdf:Description elements for the XMP packet (e.g. the Factur-X extension schema). */
  xmp?: string;
  /** For cancellations: the cancelled invoice's issue date (DocumentData.cancels carries only its number). */
  originalInvoice?: { number: string; issueDate: string } | null;
}

const PAGE = { width: 595.28, height: 841.89 };
const MARGIN_X = 50;
const CONTENT_WIDTH = PAGE.width - 2 * MARGIN_X;
const COLORS = { text: '#1a1a1a', muted: '#5f6368', accent: '#1f3b5c', rule: '#c8cdd2', fill: '#eef1f4' };

/** Text for the XMP packet and the Info dictionary, which must agree (PDF/A) — pdfkit does not escape XMP. */
function xmpSafe(text: string): string {
  return text
    .replace(/&/g, '+')
    .replace(/[<>"]/g, '')
    .replace(/\p{Cc}/gu, ' ');
}

function personName(a: { firstName?: string | null; lastName?: string | null }): string {
  return [a.firstName, a.lastName]
    .filter((s): s is string => !!s && s.trim() !== '')
    .join(' ')
    .trim();
}

function countryName(code: string, lang: Lang): string {
  try {
    return new Intl.DisplayNames([lang], { type: 'region' }).of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

function addressLines(address: Address, company: string | null, lang: Lang, homeCountry: string): string[] {
  const lines: string[] = [];
  const firm = address.company?.trim() || company?.trim();
  if (firm) lines.push(firm);
  const name = personName(address);
  if (name) lines.push(name);
  lines.push(address.street);
  if (address.street2?.trim()) lines.push(address.street2.trim());
  lines.push(`${address.zip} ${address.city}`.trim());
  if (address.country.toUpperCase() !== homeCountry.toUpperCase()) lines.push(countryName(address.country, lang));
  return lines.filter((l) => l.trim() !== '');
}

function sameAddress(a: Address, b: Address): boolean {
  const key = (x: Address) =>
    [x.company, x.firstName, x.lastName, x.street, x.street2, x.zip, x.city, x.country]
      .map((s) => (s ?? '').trim().toLowerCase())
      .join('|');
  return key(a) === key(b);
}

/** Fallback tax-case wording when the document carries no notes (the lead's finalization normally adds them). */
function fallbackTaxNote(doc: DocumentData, lang: Lang): string | null {
  const de: Partial<Record<NonNullable<DocumentData['taxCase']>, string>> = {
    small_business: 'Kein Ausweis von Umsatzsteuer, da Kleinunternehmer gemäß § 19 UStG.',
    eu_b2b_goods: 'Steuerfreie innergemeinschaftliche Lieferung gemäß § 4 Nr. 1 Buchst. b i. V. m. § 6a UStG.',
    eu_b2b_services: 'Steuerschuldnerschaft des Leistungsempfängers (Reverse Charge).',
    export_goods: 'Steuerfreie Ausfuhrlieferung gemäß § 4 Nr. 1 Buchst. a i. V. m. § 6 UStG.',
    export_services: 'Nicht im Inland steuerbare Leistung.',
  };
  const en: typeof de = {
    small_business: 'No VAT is charged: small business according to § 19 UStG (German VAT Act).',
    eu_b2b_goods: 'VAT-exempt intra-community supply (§ 4 No. 1b, § 6a UStG).',
    eu_b2b_services: 'Reverse charge: VAT is owed by the recipient of the service.',
    export_goods: 'VAT-exempt export delivery (§ 4 No. 1a, § 6 UStG).',
    export_services: 'Service not taxable in Germany.',
  };
  if (!doc.taxCase || doc.notes.length > 0) return null;
  return (lang === 'en' ? en : de)[doc.taxCase] ?? null;
}

interface Ctx {
  pdf: PDFKit.PDFDocument;
  fonts: FontSet;
  l: Labels;
  lang: Lang;
  input: RenderPdfInput;
  title: string;
  contentBottom: number;
  footerTop: number;
}

function text(
  ctx: Ctx,
  value: string,
  x: number,
  y: number,
  opts: { width: number; size?: number; bold?: boolean; color?: string; align?: 'left' | 'right' | 'center' },
): number {
  const { pdf, fonts } = ctx;
  pdf
    .font(opts.bold ? fonts.bold : fonts.regular)
    .fontSize(opts.size ?? 9)
    .fillColor(opts.color ?? COLORS.text);
  pdf.text(value, x, y, { width: opts.width, align: opts.align ?? 'left', lineGap: 1 });
  return pdf.heightOfString(value, { width: opts.width, lineGap: 1 });
}

function measure(ctx: Ctx, value: string, width: number, size = 9, bold = false): number {
  ctx.pdf.font(bold ? ctx.fonts.bold : ctx.fonts.regular).fontSize(size);
  return ctx.pdf.heightOfString(value, { width, lineGap: 1 });
}

function footerColumns(ctx: Ctx): string[][] {
  const { seller } = ctx.input;
  const { l, lang } = ctx;
  const a = seller.address;
  const col1 = [seller.legalName, a.street, a.street2 ?? '', `${a.zip} ${a.city}`, countryName(a.country, lang)];
  const col2: string[] = [];
  if (seller.phone) col2.push(`${l.phone} ${seller.phone}`);
  if (seller.email) col2.push(seller.email);
  if (seller.vatId) col2.push(`${l.sellerVatId} ${seller.vatId}`);
  if (seller.taxNumber) col2.push(`${l.sellerTaxNumber} ${seller.taxNumber}`);
  const col3: string[] = [];
  if (seller.bank) {
    if (seller.bank.bankName) col3.push(seller.bank.bankName);
    col3.push(`${l.iban} ${formatIban(seller.bank.iban)}`);
    if (seller.bank.bic) col3.push(`${l.bic} ${seller.bank.bic}`);
    if (seller.bank.accountHolder && seller.bank.accountHolder !== seller.legalName) {
      col3.push(`${l.accountHolder}: ${seller.bank.accountHolder}`);
    }
  }
  const col4 = seller.footerLines.filter((s) => s.trim() !== '');
  return [col1, col2, col3, col4].map((c) => c.filter((s) => s.trim() !== ''));
}

const FOOTER_SIZE = 6.8;
const FOOTER_GAP = 8;

/**
 * Footer column widths (address, contact and tax ids, bank, register data), adding up to CONTENT_WIDTH:
 * each column as wide as its longest line (so IBAN and e-mail stay on one line), the register data
 * (free text) takes the rest and wraps; spare room is shared out evenly.
 */
function footerWidths(ctx: Ctx, columns: string[][]): number[] {
  ctx.pdf.font(ctx.fonts.regular).fontSize(FOOTER_SIZE);
  const natural = columns.map(
    (col) => (col.length === 0 ? 0 : Math.max(...col.map((line) => ctx.pdf.widthOfString(line))) + FOOTER_GAP + 4), // pdfkit's wrapper needs slack
  );
  const total = natural.reduce((a, b) => a + b, 0);
  if (total <= CONTENT_WIDTH) {
    const used = natural.filter((w) => w > 0).length || 1;
    return natural.map((w) => (w > 0 ? w + (CONTENT_WIDTH - total) / used : 0));
  }
  const fixed = natural.slice(0, 3).map((w) => Math.min(w, 160));
  const rest = CONTENT_WIDTH - fixed.reduce((a, b) => a + b, 0);
  if (rest >= 110 || natural[3] === 0) return [...fixed, Math.max(rest, 0)];
  const scale = (CONTENT_WIDTH - 110) / fixed.reduce((a, b) => a + b, 0);
  return [...fixed.map((w) => w * scale), 110];
}

function footerHeight(ctx: Ctx): number {
  const columns = footerColumns(ctx);
  const widths = footerWidths(ctx, columns);
  return Math.max(
    ...columns.map((col, i) =>
      measure(ctx, col.join('\n') || ' ', Math.max((widths[i] ?? 0) - FOOTER_GAP, 20), FOOTER_SIZE),
    ),
  );
}

function drawFooters(ctx: Ctx): void {
  const { pdf, l } = ctx;
  const range = pdf.bufferedPageRange();
  const columns = footerColumns(ctx);
  const widths = footerWidths(ctx, columns);
  for (let i = range.start; i < range.start + range.count; i++) {
    pdf.switchToPage(i);
    text(ctx, l.page(i + 1, range.count), MARGIN_X, ctx.footerTop - 16, {
      width: CONTENT_WIDTH,
      size: 7.5,
      color: COLORS.muted,
      align: 'right',
    });
    pdf
      .save()
      .moveTo(MARGIN_X, ctx.footerTop - 4)
      .lineTo(MARGIN_X + CONTENT_WIDTH, ctx.footerTop - 4)
      .lineWidth(0.5)
      .strokeColor(COLORS.rule)
      .stroke()
      .restore();
    let x = MARGIN_X;
    columns.forEach((col, c) => {
      const width = widths[c] ?? 0;
      if (col.length > 0) {
        text(ctx, col.join('\n'), x, ctx.footerTop + 2, {
          width: width - FOOTER_GAP,
          size: FOOTER_SIZE,
          color: COLORS.muted,
        });
      }
      x += width;
    });
  }
}

function newPage(ctx: Ctx): number {
  const { pdf, input, l, lang } = ctx;
  pdf.addPage();
  const left = `${ctx.title} ${input.number} · ${formatDate(input.doc.issueDate, lang)} · ${l.continued}`;
  text(ctx, left, MARGIN_X, 40, { width: CONTENT_WIDTH * 0.65, size: 8, color: COLORS.muted });
  text(ctx, input.seller.legalName, MARGIN_X + CONTENT_WIDTH * 0.65, 40, {
    width: CONTENT_WIDTH * 0.35,
    size: 8,
    color: COLORS.muted,
    align: 'right',
  });
  pdf
    .save()
    .moveTo(MARGIN_X, 56)
    .lineTo(MARGIN_X + CONTENT_WIDTH, 56)
    .lineWidth(0.5)
    .strokeColor(COLORS.rule)
    .stroke()
    .restore();
  return 68;
}

function ensureSpace(ctx: Ctx, y: number, height: number): number {
  return y + height > ctx.contentBottom ? newPage(ctx) : y;
}

function drawHead(ctx: Ctx): number {
  const { input, l, lang } = ctx;
  const { doc, seller } = input;
  const home = seller.address.country;

  // Seller letterhead.
  text(ctx, seller.legalName, MARGIN_X, 42, { width: CONTENT_WIDTH * 0.6, size: 16, bold: true, color: COLORS.accent });
  const sellerLines = [
    seller.address.street,
    seller.address.street2 ?? '',
    `${seller.address.zip} ${seller.address.city}`,
    seller.phone ? `${l.phone} ${seller.phone}` : '',
    seller.email ?? '',
  ].filter((s) => s.trim() !== '');
  text(ctx, sellerLines.join('\n'), MARGIN_X + CONTENT_WIDTH * 0.6, 44, {
    width: CONTENT_WIDTH * 0.4,
    size: 8.5,
    color: COLORS.muted,
    align: 'right',
  });

  // Recipient block with sender line (DIN 5008 window position).
  const senderLine = [seller.legalName, seller.address.street, `${seller.address.zip} ${seller.address.city}`].join(
    ' · ',
  );
  const addrY = 128;
  text(ctx, senderLine, MARGIN_X, addrY, { width: 250, size: 6.5, color: COLORS.muted });
  ctx.pdf
    .save()
    .moveTo(MARGIN_X, addrY + 9)
    .lineTo(MARGIN_X + 250, addrY + 9)
    .lineWidth(0.4)
    .strokeColor(COLORS.rule)
    .stroke()
    .restore();
  const buyer = addressLines(doc.customer.billing, doc.customer.company, lang, home);
  const buyerHeight = text(ctx, buyer.join('\n'), MARGIN_X, addrY + 14, { width: 250, size: 10 });

  // Document facts on the right.
  const facts: [string, string][] = [
    [numberLabel(doc, lang), input.number],
    [l.issueDate, formatDate(doc.issueDate, lang)],
    [l.deliveryDate, formatDate(doc.deliveryDate, lang)],
    [l.orderNumber, doc.orderNumber],
  ];
  if (doc.customer.customerId) facts.push([l.customerNumber, doc.customer.customerId]);
  const method = doc.paymentMethodTitle ?? doc.paymentMethod;
  if (method) facts.push([l.paymentMethod, method]);
  if (doc.customer.vatId) facts.push([l.buyerVatId, doc.customer.vatId]);
  const factsX = MARGIN_X + 300;
  let fy = addrY;
  for (const [label, value] of facts) {
    const h1 = text(ctx, label, factsX, fy, { width: 95, size: 8.5, color: COLORS.muted });
    const h2 = text(ctx, value, factsX + 95, fy, { width: CONTENT_WIDTH - 300 - 95, size: 8.5, align: 'right' });
    fy += Math.max(h1, h2) + 2;
  }

  let y = Math.max(addrY + 14 + buyerHeight, fy) + 26;
  y = Math.max(y, 262);
  text(ctx, `${ctx.title} ${input.number}`, MARGIN_X, y, { width: CONTENT_WIDTH, size: 15, bold: true });
  y += 24;

  if (doc.type === 'cancellation' && doc.cancels) {
    const original = input.originalInvoice;
    const date = original?.issueDate ? formatDate(original.issueDate, lang) : null;
    y += text(ctx, l.cancelsInvoice(original?.number ?? doc.cancels.number, date), MARGIN_X, y, {
      width: CONTENT_WIDTH,
      size: 9.5,
      bold: true,
    });
    y += 4;
  } else if (doc.type === 'invoice') {
    y += text(ctx, l.greeting, MARGIN_X, y, { width: CONTENT_WIDTH, size: 9.5 });
    y += 4;
  }

  const shipping = doc.customer.shipping;
  if (shipping && !sameAddress(shipping, doc.customer.billing)) {
    const ship = addressLines(shipping, null, lang, home).join(', ');
    y += text(ctx, `${l.shipTo}: ${ship}`, MARGIN_X, y, { width: CONTENT_WIDTH, size: 8.5, color: COLORS.muted });
    y += 4;
  }
  return y + 8;
}

function lineCells(ctx: Ctx, line: DocumentLine, showVat: boolean): TableCell[] {
  const { lang, l } = ctx;
  const { currency } = ctx.input.doc;
  const sub = line.sku ? `${l.sku} ${line.sku}` : null;
  const cells: TableCell[] = [
    { text: String(line.position) },
    { text: line.name, sub },
    { text: formatQuantity(lineQuantity(line), lang) },
    // Printed to the cent; the e-invoice carries the exact price (BT-146).
    { text: formatUnitPrice(roundTo(lineUnitPrice(line, currency), currencyExponent(currency)), currency, lang) },
  ];
  if (showVat) {
    cells.push({ text: formatRate(line.rateBp, lang) });
    cells.push({ text: formatAmount(line.net, currency, lang) });
    cells.push({ text: formatAmount(line.gross, currency, lang) });
  } else {
    cells.push({ text: formatAmount(line.gross, currency, lang) });
  }
  return cells;
}

function drawLines(ctx: Ctx, y: number, showVat: boolean): number {
  const { l, fonts } = ctx;
  const columns: TableColumn[] = showVat
    ? [
        { header: l.colPos, width: 28, align: 'left' },
        { header: l.colDescription, width: 189, align: 'left' },
        { header: l.colQuantity, width: 40, align: 'right' },
        { header: l.colUnitPrice, width: 66, align: 'right' },
        { header: l.colVat, width: 40, align: 'right' },
        { header: l.colNet, width: 64, align: 'right' },
        { header: l.colGross, width: 68, align: 'right' },
      ]
    : [
        { header: l.colPos, width: 28, align: 'left' },
        { header: l.colDescription, width: 261, align: 'left' },
        { header: l.colQuantity, width: 50, align: 'right' },
        { header: l.colUnitPriceNoVat, width: 76, align: 'right' },
        { header: l.colAmount, width: 80, align: 'right' },
      ];
  const style: TableStyle = {
    font: fonts.regular,
    boldFont: fonts.bold,
    fontSize: 8.5,
    subFontSize: 7,
    headerFontSize: 7.8,
    textColor: COLORS.text,
    mutedColor: COLORS.muted,
    headerFill: COLORS.fill,
    ruleColor: COLORS.rule,
    paddingX: 4,
    paddingY: 3,
  };
  const lines = [...ctx.input.doc.lines].sort((a, b) => a.position - b.position);
  return drawTable(ctx.pdf, {
    x: MARGIN_X,
    y,
    columns,
    rows: lines.map((line) => lineCells(ctx, line, showVat)),
    style,
    bottom: ctx.contentBottom,
    newPage: () => newPage(ctx),
  });
}

function drawTotals(ctx: Ctx, startY: number, showVat: boolean): number {
  const { input, l, lang } = ctx;
  const { doc } = input;
  const cur = doc.currency;
  const rates = [...doc.totals.byRate].sort((a, b) => b.rateBp - a.rateBp);
  const rowH = 13;
  const rightRows = showVat ? 3 : 1;
  const height = Math.max(rightRows * rowH + 10, showVat ? (rates.length + 1) * rowH + 14 : 0) + 16;
  let y = ensureSpace(ctx, startY + 10, height);

  text(ctx, l.allAmountsIn(cur), MARGIN_X, y, { width: 250, size: 7.5, color: COLORS.muted });
  const top = y + 14;

  // Per-rate breakdown on the left.
  if (showVat) {
    const cols = [
      { h: l.colRate, w: 56 },
      { h: l.colNet, w: 68 },
      { h: l.colVat, w: 60 },
      { h: l.colGross, w: 70 },
    ];
    let x = MARGIN_X;
    let ry = top;
    for (const [i, c] of cols.entries()) {
      text(ctx, c.h, x, ry, {
        width: c.w - 4,
        size: 7.5,
        bold: true,
        color: COLORS.muted,
        align: i === 0 ? 'left' : 'right',
      });
      x += c.w;
    }
    ry += rowH;
    for (const r of rates) {
      const values = [
        formatRate(r.rateBp, lang),
        formatAmount(r.net, cur, lang),
        formatAmount(r.tax, cur, lang),
        formatAmount(r.gross, cur, lang),
      ];
      x = MARGIN_X;
      for (const [i, c] of cols.entries()) {
        text(ctx, values[i] ?? '', x, ry, { width: c.w - 4, size: 8, align: i === 0 ? 'left' : 'right' });
        x += c.w;
      }
      ry += rowH;
    }
  }

  // Sums on the right.
  const rx = MARGIN_X + CONTENT_WIDTH - 215;
  let sy = top;
  const sumRow = (label: string, value: string, bold = false, size = 8.5) => {
    text(ctx, label, rx, sy, { width: 120, size, bold });
    text(ctx, value, rx + 120, sy, { width: 95, size, bold, align: 'right' });
    sy += rowH + (bold ? 2 : 0);
  };
  if (showVat) {
    sumRow(l.totalNet, formatMoney(doc.totals.net, cur, lang));
    sumRow(l.totalVat, formatMoney(doc.totals.tax, cur, lang));
  }
  ctx.pdf
    .save()
    .moveTo(rx, sy - 2)
    .lineTo(rx + 215, sy - 2)
    .lineWidth(0.8)
    .strokeColor(COLORS.text)
    .stroke()
    .restore();
  sy += 2;
  sumRow(l.grandTotal, formatMoney(doc.totals.gross, cur, lang), true, 10);
  y = Math.max(sy, showVat ? top + (rates.length + 1) * rowH : sy);
  return y + 10;
}

function paragraph(
  ctx: Ctx,
  y: number,
  value: string,
  opts: { size?: number; bold?: boolean; color?: string } = {},
): number {
  const size = opts.size ?? 8.5;
  const h = measure(ctx, value, CONTENT_WIDTH, size, opts.bold);
  const at = ensureSpace(ctx, y, h);
  text(ctx, value, MARGIN_X, at, { width: CONTENT_WIDTH, size, bold: opts.bold, color: opts.color });
  return at + h + 4;
}

function drawNotesAndPayment(ctx: Ctx, startY: number): number {
  const { input, l, lang } = ctx;
  const { doc, seller } = input;
  let y = startY;

  const notes = [...doc.notes];
  const fallback = fallbackTaxNote(doc, lang);
  if (fallback) notes.push(fallback);
  for (const note of notes) y = paragraph(ctx, y, note);
  if (notes.length > 0) y += 4;

  const method = doc.paymentMethodTitle ?? doc.paymentMethod;
  const total = formatMoney(Math.abs(doc.totals.gross), doc.currency, lang);
  if (doc.type === 'cancellation') {
    y = paragraph(ctx, y, doc.paidAt ? l.refundedOn(formatDate(doc.paidAt, lang), method) : l.refundNote(method));
  } else if (doc.paidAt) {
    let paid = l.paidOn(formatDate(doc.paidAt, lang), method);
    if (doc.paymentTransactionId) paid += ` ${l.transactionId}: ${doc.paymentTransactionId}`;
    y = paragraph(ctx, y, paid);
  } else {
    const due = formatDate(addDays(doc.issueDate, seller.paymentTermDays), lang);
    if (seller.bank) {
      y = paragraph(ctx, y, l.payUntil(total, due));
      const bank = [
        `${l.accountHolder}: ${seller.bank.accountHolder}`,
        `${l.iban}: ${formatIban(seller.bank.iban)}`,
        seller.bank.bic ? `${l.bic}: ${seller.bank.bic}` : '',
        seller.bank.bankName ? `${l.bank}: ${seller.bank.bankName}` : '',
        l.payReference(input.number),
      ].filter((s) => s !== '');
      const h = measure(ctx, bank.join('\n'), 300, 8.5, true);
      y = ensureSpace(ctx, y, h + 8);
      ctx.pdf
        .save()
        .rect(MARGIN_X, y, 310, h + 8)
        .fill(COLORS.fill)
        .restore();
      text(ctx, bank.join('\n'), MARGIN_X + 6, y + 4, { width: 300, size: 8.5, bold: true });
      y += h + 14;
    } else {
      y = paragraph(ctx, y, seller.paymentTermDays > 0 ? l.payNoBank(total, due) : l.unpaidNoTerms);
    }
  }
  return y;
}

function streamToBuffer(pdf: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
}

/** The PDF's creation date (and its attachments' dates): the issue date at midnight UTC, so output is deterministic. */
export function documentDate(doc: DocumentData): Date {
  const created = new Date(`${doc.issueDate.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(created.getTime())) throw new RangeError(`invalid issue date: ${doc.issueDate}`);
  return created;
}

/** Renders the document as a PDF/A-3b file. Same input → byte-identical output. */
export async function renderDocumentPdf(input: RenderPdfInput): Promise<Buffer> {
  const lang: Lang = input.lang ?? 'de';
  const l = labelsFor(lang);
  const title = documentTitle(input.doc, lang);
  const created = documentDate(input.doc);

  const pdf = new PDFDocument({
    size: 'A4',
    margins: { top: 40, bottom: 0, left: MARGIN_X, right: MARGIN_X },
    pdfVersion: '1.7',
    subset: 'PDF/A-3b',
    // No default font (pdfkit would load Helvetica, which it never embeds); ours are registered right below.
    font: null as unknown as string,
    bufferPages: true,
    autoFirstPage: true,
    lang: lang === 'de' ? 'de-DE' : 'en-GB',
    displayTitle: true,
    info: {
      Title: xmpSafe(`${title} ${input.number}`),
      Author: xmpSafe(input.seller.legalName),
      Subject: xmpSafe(`${title} ${input.number} · ${l.orderNumber} ${input.doc.orderNumber}`),
      Creator: 'Belegfluss',
      Producer: 'Belegfluss (PDFKit)',
      CreationDate: created,
    },
  });
  const done = streamToBuffer(pdf);
  const fonts = registerDocumentFonts(pdf);

  const ctx: Ctx = { pdf, fonts, l, lang, input, title, contentBottom: 0, footerTop: 0 };
  ctx.footerTop = PAGE.height - 28 - footerHeight(ctx);
  ctx.contentBottom = ctx.footerTop - 24;

  const showVat = input.doc.taxCase !== 'small_business';
  let y = drawHead(ctx);
  y = drawLines(ctx, y, showVat);
  y = drawTotals(ctx, y, showVat);
  drawNotesAndPayment(ctx, y + 6);
  drawFooters(ctx);

  for (const attachment of input.attachments ?? []) {
    const options: PDFKit.Mixins.PDFAttachmentOptions & { relationship: PdfAttachment['relationship'] } = {
      name: attachment.filename,
      type: attachment.mimeType,
      relationship: attachment.relationship,
      creationDate: created,
      modifiedDate: created,
    };
    if (attachment.description) options.description = attachment.description;
    pdf.file(attachment.content, options);
  }
  if (input.xmp) pdf.appendXML(input.xmp);

  pdf.end();
  return done;
}
