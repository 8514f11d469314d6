// Voucher, VoucherPos and the temp file upload (sevdesk-api.md §4).
import type { ApiRequest, ApiRouter } from '../api-router.js';
import { bookingInput, bookPayment, refuseCurrencyFluctuation, removePayments, renderBookingLog } from '../booking.js';
import { deletedPositionIds, positionRateBp, positionToReplace, requestedTaxRule } from '../document-input.js';
import { addSums, voucherPositionSums } from '../document-math.js';
import { SevdeskApiError, badRequest, conflict, notFound, unprocessable } from '../errors.js';
import { checkGuidance, type ReceiptType } from '../receipt-guidance.js';
import { applyFields, contains, type FieldTable, head, refFilter, renderSums, sevClientRef } from '../records.js';
import { created, embedSet, ok, one, page, textParam } from '../respond.js';
import { TAX_RULES_BY_ID } from '../static-data.js';
import type { AccountState, VoucherPosRec, VoucherRec } from '../state.js';
import { createTempFile, renderTempFile } from '../uploads.js';
import { berlinMidnight, flag, formatRateBp, isoBerlin, minorAsNumber, parseDateInput, toMinor } from '../wire.js';
import { requireCostCentre } from '../cost-centres.js';
import { requireContact } from './contacts.js';

type Bag = Record<string, unknown>;

const VOUCHER_HEADER_FIELDS: FieldTable = {
  voucherDate: 'date',
  supplier: { ref: 'Contact' },
  supplierName: 'string',
  description: 'string',
  payDate: 'date',
  currency: 'string',
  taxType: 'string',
  creditDebit: 'string',
  voucherType: 'string',
  paymentDeadline: 'date',
  deliveryDate: 'date',
  deliveryDateUntil: 'date',
  costCentre: { ref: 'CostCentre' },
};

// Transition mapping of 1.0 tax types (spec: default, eu and ss are mapped to tax rules).
const LEGACY_TAX_TYPES: Readonly<Record<string, number>> = { default: 1, eu: 3, ss: 11 };
const TAX_TYPES_1_0 = new Set(['default', 'eu', 'noteu', 'custom', 'ss']);

// --- rendering ---

export function renderVoucher(account: AccountState, v: VoucherRec) {
  const out: Bag = head(v, 'Voucher');
  out.sevClient = sevClientRef(account.sevClientId);
  out.createUser = { id: String(account.sevUserId), objectName: 'SevUser' };
  out.voucherDate = isoBerlin(v.voucherDate);
  if (v.supplier !== null) out.supplier = { id: String(v.supplier), objectName: 'Contact' };
  out.supplierName = v.supplierName;
  out.description = v.description;
  if (v.document !== null) out.document = { id: String(v.document), objectName: 'Document' };
  out.resultDisdar = null;
  out.payDate = isoBerlin(v.payDate);
  out.status = String(v.status);
  out.currency = v.currency;
  renderSums(out, v);
  out.showNet = flag(v.showNet);
  out.paidAmount = minorAsNumber(v.paidAmount);
  out.taxType = v.taxType;
  out.creditDebit = v.creditDebit;
  out.hidden = '0';
  out.voucherType = v.voucherType;
  out.recurringInterval = null;
  out.recurringStartDate = null;
  out.recurringNextVoucher = null;
  out.recurringLastVoucher = null;
  out.recurringEndDate = null;
  out.enshrined = isoBerlin(v.enshrined);
  out.sendType = null;
  out.iban = null;
  out.paymentDeadline = isoBerlin(v.paymentDeadline);
  out.deliveryDate = isoBerlin(v.deliveryDate);
  out.deliveryDateUntil = isoBerlin(v.deliveryDateUntil);
  if (v.costCentre !== null) out.costCentre = { id: String(v.costCentre), objectName: 'CostCentre' };
  for (const key of ['sumDiscountNet', 'sumDiscountGross', 'sumNetForeignCurrency', 'sumTaxForeignCurrency'])
    out[key] = '0';
  out.sumGrossForeignCurrency = '0';
  if (v.taxRule !== null) out.taxRule = { id: String(v.taxRule), objectName: 'TaxRule' };
  return out;
}

function renderPosition(account: AccountState, v: VoucherRec, p: VoucherPosRec, embed?: ReadonlySet<string>) {
  const out: Bag = head(p, 'VoucherPos');
  out.sevClient = sevClientRef(account.sevClientId);
  out.voucher = { id: String(v.id), objectName: 'Voucher' };
  if (p.accountDatev !== null) {
    const row = account.guidance.find((g) => g.accountDatevId === p.accountDatev);
    out.accountDatev =
      embed?.has('accountDatev') && row
        ? {
            id: String(row.accountDatevId),
            objectName: 'AccountDatev',
            accountNumber: row.accountNumber,
            name: row.accountName,
            description: row.description,
          }
        : { id: String(p.accountDatev), objectName: 'AccountDatev' };
  }
  if (p.accountingType !== null) out.accountingType = { id: String(p.accountingType), objectName: 'AccountingType' };
  out.taxRate = formatRateBp(p.taxRateBp);
  out.net = flag(p.net);
  out.isAsset = flag(p.isAsset);
  renderSums(out, p);
  out.comment = p.comment;
  return out;
}

function renderSaved(account: AccountState, v: VoucherRec) {
  return { voucher: renderVoucher(account, v), voucherPos: v.positions.map((p) => renderPosition(account, v, p)) };
}

export function requireVoucher(account: AccountState, id: number): VoucherRec {
  const voucher = account.vouchers.get(id);
  if (!voucher) throw notFound('Voucher', id);
  return voucher;
}

// --- saveVoucher ---

function resolveTaxRule(req: ApiRequest, input: Bag, draft: VoucherRec): void {
  if (req.account.bookkeepingVersion === '1.0') {
    if (!draft.taxType || !TAX_TYPES_1_0.has(draft.taxType))
      throw unprocessable('taxType is required in bookkeeping 1.0 (default, eu, noteu, custom or ss)');
    draft.taxRule = null;
    return;
  }
  const ruleId = requestedTaxRule(input, draft, LEGACY_TAX_TYPES);
  const rule = TAX_RULES_BY_ID.get(ruleId);
  if (!rule) throw unprocessable(`Unknown tax rule ${ruleId}`);
  if (rule.invoiceOnly) throw unprocessable(`Tax rule ${rule.id} (${rule.name}) is not supported for vouchers`);
  const receiptType: ReceiptType = draft.creditDebit === 'D' ? 'REVENUE' : 'EXPENSE';
  if (rule.receiptType !== receiptType)
    throw unprocessable(`Tax rule ${rule.id} (${rule.name}) can not be used for ${receiptType.toLowerCase()} vouchers`);
  draft.taxRule = rule.id;
  draft.taxType = null;
}

function buildPosition(req: ApiRequest, draft: VoucherRec, input: Bag, index: number): VoucherPosRec {
  const { account, now } = req;
  const where = `voucherPosSave.${index}`;
  const net = input.net === true;
  const rateBp = positionRateBp(input, where);
  const field = net ? 'sumNet' : 'sumGross';
  if (input[field] === undefined || input[field] === null)
    throw badRequest(`Validation error: ${where}.${field} is required when net is ${net}`);
  const amount = toMinor(input[field]);
  const { id, existing } = positionToReplace(draft.positions, input, 'VoucherPos');
  const accountDatev = refId(input.accountDatev);
  const accountingType = refId(input.accountingType);
  if (account.bookkeepingVersion === '2.0') {
    if (accountDatev === null) throw badRequest(`Validation error: ${where}.accountDatev is required`);
    const row = account.guidance.find((g) => g.accountDatevId === accountDatev);
    if (!row) throw unprocessable(`AccountDatev ${accountDatev} does not exist in this account`);
    const verdict = checkGuidance(
      row,
      draft.creditDebit === 'D' ? 'REVENUE' : 'EXPENSE',
      draft.taxRule ?? 0,
      rateBp / 100,
    );
    if (!verdict.ok) throw unprocessable(verdict.message);
    if (input.isAsset === true)
      throw unprocessable('Using an asset booking account without creating an asset is no longer possible');
  } else if (accountingType === null) {
    throw badRequest(`Validation error: ${where}.accountingType is required`);
  }
  return {
    id,
    create: existing?.create ?? now,
    update: now,
    accountDatev: account.bookkeepingVersion === '2.0' ? accountDatev : null,
    accountingType: account.bookkeepingVersion === '1.0' ? accountingType : null,
    taxRateBp: rateBp,
    net,
    isAsset: input.isAsset === true,
    ...voucherPositionSums(net, amount, rateBp),
    comment: input.comment === undefined ? (existing?.comment ?? null) : (input.comment as string | null),
  };
}

function refId(value: unknown): number | null {
  const id = (value as { id?: unknown } | null | undefined)?.id;
  return id === undefined || id === null ? null : Number(id);
}

function saveVoucher(req: ApiRequest) {
  const { account, store, now, body } = req;
  const input = body.voucher as Bag;
  const existing = input.id !== undefined && input.id !== null ? requireVoucher(account, Number(input.id)) : undefined;
  if (existing && (existing.status !== 50 || existing.enshrined !== null))
    throw new SevdeskApiError(400, 'The voucher is not a draft. Use resetToDraft first', 90400);

  const draft: VoucherRec = existing
    ? { ...existing, positions: existing.positions.map((p) => ({ ...p })) }
    : newVoucher(now);
  applyFields(draft, input, VOUCHER_HEADER_FIELDS);
  draft.status = Number(input.status);
  if (draft.status === 1000 && account.bookkeepingVersion === '2.0')
    throw unprocessable('A voucher can not be directly set to paid anymore; use bookAmount');
  resolveTaxRule(req, input, draft);
  if (draft.supplier !== null) requireContact(account, draft.supplier);
  if (draft.costCentre !== null) requireCostCentre(account, draft.costCentre);

  const saves = Array.isArray(body.voucherPosSave) ? (body.voucherPosSave as Bag[]) : null;
  const deletes = deletedPositionIds(body.voucherPosDelete);
  for (const id of deletes) if (!draft.positions.some((p) => p.id === id)) throw notFound('VoucherPos', id);
  if (saves) {
    const inCall = saves.map((p, i) => buildPosition(req, draft, p, i));
    const replaced = new Map(inCall.filter((p) => p.id).map((p) => [p.id, p]));
    draft.positions = [
      ...draft.positions.filter((p) => !deletes.has(p.id)).map((p) => replaced.get(p.id) ?? p),
      ...inCall.filter((p) => !p.id),
    ];
    // sevDesk totals only the positions sent in this call (measured, sevdesk-api.md §4.2).
    Object.assign(draft, addSums(inCall));
  } else if (deletes.size > 0) {
    draft.positions = draft.positions.filter((p) => !deletes.has(p.id));
    Object.assign(draft, addSums(draft.positions));
  }
  if (new Set(draft.positions.map((p) => p.net)).size > 1)
    throw unprocessable('All positions must be either net or gross, a mixture of the two is not possible');
  draft.showNet = draft.positions[0]?.net ?? draft.showNet;

  if (draft.status >= 100) {
    if (draft.positions.length === 0) throw unprocessable('A voucher needs at least one position');
    if (draft.supplier === null && !draft.supplierName)
      throw unprocessable('Either supplier or supplierName must be provided');
  }
  if (typeof body.filename === 'string' && body.filename !== '') {
    if (!account.files.has(body.filename))
      throw unprocessable(
        `The file ${body.filename} was not found; upload it with /Voucher/Factory/uploadTempFile first`,
      );
    draft.filename = body.filename;
    draft.document = store.nextId('document');
  }

  // Validated: commit.
  if (!existing) draft.id = store.nextId('voucher');
  for (const p of draft.positions) if (!p.id) p.id = store.nextId('voucherPos');
  draft.voucherDate ??= berlinMidnightOf(now);
  draft.deliveryDate ??= draft.voucherDate;
  draft.update = now;
  if (existing) Object.assign(existing, draft);
  else account.vouchers.set(draft.id, draft);
  return created(renderSaved(account, existing ?? draft));
}

function newVoucher(now: number): VoucherRec {
  return {
    id: 0,
    create: now,
    update: now,
    voucherDate: null,
    supplier: null,
    supplierName: null,
    description: null,
    document: null,
    filename: null,
    payDate: null,
    status: 50,
    currency: 'EUR',
    sumNet: 0,
    sumTax: 0,
    sumGross: 0,
    paidAmount: 0,
    taxType: null,
    taxRule: null,
    creditDebit: 'D',
    voucherType: 'VOU',
    paymentDeadline: null,
    deliveryDate: null,
    deliveryDateUntil: null,
    enshrined: null,
    costCentre: null,
    showNet: false,
    positions: [],
  };
}

function berlinMidnightOf(epoch: number): number {
  const [y, m, d] = (isoBerlin(epoch) ?? '').slice(0, 10).split('-').map(Number);
  return berlinMidnight(y!, m!, d!);
}

// --- routes ---

export function registerVoucherRoutes(api: ApiRouter): void {
  api.post('/Voucher/Factory/uploadTempFile', async (req) => {
    const file = req.form?.get('file');
    if (!file || typeof file === 'string') throw badRequest('Bad request: the multipart field "file" is required');
    const bytes = new Uint8Array(await file.arrayBuffer());
    const temp = createTempFile(bytes, file.type, `${req.account.sevClientId}:${req.account.files.size}`, req.now);
    req.account.files.set(temp.filename, temp);
    return created(renderTempFile(temp));
  });

  api.post('/Voucher/Factory/saveVoucher', saveVoucher);

  api.get('/Voucher', (req) => {
    const { account, query } = req;
    const description = textParam(query, 'descriptionLike');
    const status = textParam(query, 'status');
    const creditDebit = textParam(query, 'creditDebit');
    const start = textParam(query, 'startDate');
    const end = textParam(query, 'endDate');
    const contact = refFilter(query, 'contact');
    const found = [...account.vouchers.values()].filter(
      (v) =>
        (description === undefined || contains(v.description, description)) &&
        (status === undefined || v.status === Number(status)) &&
        (creditDebit === undefined || v.creditDebit === creditDebit) &&
        (start === undefined || (v.voucherDate ?? 0) >= Number(start)) &&
        (end === undefined || (v.voucherDate ?? 0) <= Number(end)) &&
        (contact === undefined || v.supplier === contact),
    );
    return page(query, found, (v) => renderVoucher(account, v));
  });

  api.get('/Voucher/{voucherId}', (req) =>
    one(renderVoucher(req.account, requireVoucher(req.account, req.params.voucherId!))),
  );

  // Header fields only; `status` is "Not supported in sevdesk-Update 2.0" on this endpoint.
  api.put('/Voucher/{voucherId}', (req) => {
    const { account, now } = req;
    const voucher = requireVoucher(account, req.params.voucherId!);
    if (voucher.enshrined !== null) throw unprocessable('The voucher is enshrined and can not be changed');
    const next = { ...voucher };
    applyFields(next, req.body, VOUCHER_HEADER_FIELDS);
    if (next.supplier !== null) requireContact(account, next.supplier);
    Object.assign(voucher, next, { update: now });
    return ok(renderVoucher(account, voucher));
  });

  api.delete('/Voucher/{voucherId}', (req) => {
    const voucher = requireVoucher(req.account, req.params.voucherId!);
    if (voucher.status !== 50) throw conflict('The voucher can not be deleted because it is no longer a draft');
    req.account.vouchers.delete(voucher.id);
    return ok([null]);
  });

  api.get('/VoucherPos', (req) => {
    const { account, query } = req;
    const voucherId = refFilter(query, 'voucher');
    const embed = embedSet(query);
    const vouchers =
      voucherId !== undefined
        ? [account.vouchers.get(voucherId)].filter((v) => v !== undefined)
        : account.vouchers.values();
    const rows: Array<[VoucherRec, VoucherPosRec]> = [];
    for (const v of vouchers) for (const p of v.positions) rows.push([v, p]);
    return page(query, rows, ([v, p]) => renderPosition(account, v, p, embed));
  });

  api.put('/Voucher/{voucherId}/bookAmount', (req) => {
    const { account, store, now, body } = req;
    const voucher = requireVoucher(account, req.params.voucherId!);
    if (voucher.status === 50) throw unprocessable('A Voucher can only be booked when it was registered beforehand');
    if (voucher.status === 1000) throw unprocessable('The voucher is already paid', 751);
    const type = String(body.type);
    refuseCurrencyFluctuation(type, account);
    if (type === 'CB' && voucher.positions.some((p) => p.sumGross < 0))
      throw unprocessable(
        "Voucher with negative voucher positions can not use 'cash discount' as a payment difference",
      );
    const date = parseDateInput(body.date);
    if (date === null) throw badRequest('Validation error: date must be a date');
    const amount = toMinor(body.amount);
    const supplierName =
      voucher.supplierName ?? (voucher.supplier !== null ? contactName(account, voucher.supplier) : null);
    const log = bookPayment(voucher, bookingInput(body, amount, date), {
      account,
      store,
      now,
      ref: { objectName: 'Voucher', id: voucher.id },
      openStatus: 100,
      direction: voucher.creditDebit === 'D' ? 1 : -1,
      purpose: voucher.description,
      payeePayerName: supplierName,
    });
    return ok(renderBookingLog(account, log, 'voucher', 'amountPayed'));
  });

  api.put('/Voucher/{voucherId}/resetToOpen', (req) => {
    const { account, now } = req;
    const voucher = requireVoucher(account, req.params.voucherId!);
    if (voucher.enshrined !== null) throw unprocessable('The voucher is enshrined; resetting is not possible');
    if (voucher.status === 50) throw unprocessable('A draft voucher can not be reset to open');
    if (voucher.status !== 100) removePayments(voucher, { objectName: 'Voucher', id: voucher.id }, 100, account, now);
    return ok(renderVoucher(account, voucher));
  });

  api.put('/Voucher/{voucherId}/resetToDraft', (req) => {
    const voucher = requireVoucher(req.account, req.params.voucherId!);
    if (voucher.enshrined !== null) throw unprocessable('The voucher is enshrined; resetting is not possible');
    if (voucher.status > 100) throw unprocessable('The voucher has payments; reset it to open first');
    voucher.status = 50;
    voucher.update = req.now;
    return ok(renderVoucher(req.account, voucher));
  });

  api.put('/Voucher/{voucherId}/enshrine', (req) => {
    const voucher = requireVoucher(req.account, req.params.voucherId!);
    if (voucher.status < 100) throw unprocessable('Only vouchers with status 100 or higher can be enshrined');
    if (voucher.enshrined !== null) throw unprocessable('The voucher is already enshrined');
    voucher.enshrined = req.now;
    voucher.update = req.now;
    return ok(null);
  });
}

export function contactName(account: AccountState, contactId: number): string | null {
  const c = account.contacts.get(contactId);
  if (!c) return null;
  return c.name ?? ([c.surename, c.familyname].filter(Boolean).join(' ') || null);
}
