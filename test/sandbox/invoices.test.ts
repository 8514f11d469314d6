// Invoices and credit notes for the OSS path (sevdesk-api.md §5).
import { describe, expect, it } from 'vitest';
import { CUSTOMER, type SandboxFixture, sandboxFixture } from './helpers.js';

const SAVE = '/Invoice/Factory/saveInvoice';
const unix = (iso: string) => Math.floor(Date.parse(iso) / 1000);

async function customer(f: SandboxFixture) {
  const contact = (await f.api('POST', '/Contact', { surename: 'Jeanne', familyname: 'Dupont', category: CUSTOMER }))
    .body.objects;
  return { id: Number(contact.id), objectName: 'Contact' };
}

function invoiceBody(
  contact: { id: number; objectName: string },
  sevUserId: number,
  positions: Array<[number, number]>,
  overrides: Record<string, unknown> = {},
) {
  return {
    invoice: {
      objectName: 'Invoice',
      mapAll: true,
      contact,
      contactPerson: { id: sevUserId, objectName: 'SevUser' },
      invoiceDate: '15.05.2026',
      deliveryDate: '14.05.2026',
      discount: 0,
      taxRate: 0,
      addressCountry: { id: 12, objectName: 'StaticCountry' },
      deliveryAddressCountry: 'fr',
      status: 100,
      taxRule: { id: '18', objectName: 'TaxRule' },
      taxText: 'TVA 20 %',
      invoiceType: 'RE',
      currency: 'EUR',
      invoiceNumber: 'RE-2026-5001',
      customerInternalNote: 'SHOP-ORDER:5001',
      showNet: false,
      ...overrides,
    },
    invoicePosSave: positions.map(([price, taxRate], i) => ({
      objectName: 'InvoicePos',
      mapAll: true,
      quantity: 1,
      price,
      name: `Artikel ${i + 1}`,
      unity: { id: 1, objectName: 'Unity' },
      taxRate,
    })),
    invoicePosDelete: null,
    discountSave: null,
    discountDelete: null,
    takeDefaultAddress: false,
  };
}

describe('invoices', () => {
  const f = sandboxFixture();
  const user = () => f.sandbox.account(f.token).sevUserId;

  it('saves an OSS invoice (rule 18) with the destination country’s rates', async () => {
    const reply = await f.api(
      'POST',
      SAVE,
      invoiceBody(await customer(f), user(), [
        [120, 20],
        [10.55, 5.5],
      ]),
    );
    expect(reply.status).toBe(201);
    const { invoice, invoicePos } = reply.body.objects;
    expect(invoice).toMatchObject({
      status: '100',
      invoiceNumber: 'RE-2026-5001',
      sumGross: '130.55',
      sumTax: '20.55',
      taxRule: { id: '18' },
      deliveryAddressCountry: 'fr',
    });
    expect(invoicePos.map((p: { taxRate: string }) => p.taxRate)).toEqual(['20', '5.5']);
    const found = await f.api('GET', '/Invoice?customerInternalNote=SHOP-ORDER:5001');
    expect(found.body.objects.map((i: { id: string }) => i.id)).toEqual([invoice.id]);
    expect((await f.api('GET', '/Invoice?customerInternalNote=SHOP-ORDER:500')).body.objects).toHaveLength(0);
    // The spec's misspelled filter is unknown to sevDesk and ignored.
    const all = (await f.api('GET', '/Invoice')).body.objects.length;
    expect((await f.api('GET', '/Invoice?customerIntenalNote=nothing')).body.objects).toHaveLength(all);
  });

  it('refuses a German rate for OSS, OSS to Germany, and OSS e-invoices', async () => {
    const contact = await customer(f);
    expect((await f.api('POST', SAVE, invoiceBody(contact, user(), [[119, 19]]))).status).toBe(422);
    expect(
      (await f.api('POST', SAVE, invoiceBody(contact, user(), [[119, 19]], { deliveryAddressCountry: 'de' }))).status,
    ).toBe(422);
    expect(
      (await f.api('POST', SAVE, invoiceBody(contact, user(), [[120, 20]], { propertyIsEInvoice: true }))).status,
    ).toBe(422);
    expect((await f.api('POST', SAVE, invoiceBody(contact, user(), [[120, 20]], { status: 200 }))).status).toBe(422);
  });

  it('opens with sendBy, books with a Unix date, and refuses paying twice (750)', async () => {
    const created = (
      await f.api('POST', SAVE, invoiceBody(await customer(f), user(), [[120, 20]], { invoiceNumber: null }))
    ).body.objects.invoice;
    expect(created.invoiceNumber).toBeNull();
    const draftBooking = await f.api('PUT', `/Invoice/${created.id}/bookAmount`, {
      amount: 120,
      date: unix('2026-05-20T12:00:00Z'),
      type: 'FULL_PAYMENT',
      checkAccount: { id: f.checkAccountId('Verrechnungskonto'), objectName: 'CheckAccount' },
    });
    expect(draftBooking.status).toBe(422);
    const sent = await f.api('PUT', `/Invoice/${created.id}/sendBy`, { sendType: 'VPDF', sendDraft: false });
    expect(sent.body.objects).toMatchObject({
      status: '200',
      invoiceNumber: expect.stringMatching(/^RE-\d+$/),
      sendType: 'VPDF',
    });
    expect(sent.body.objects.enshrined).not.toBeNull();

    const paypal = f.checkAccountId('PayPal');
    const row = f.sandbox.importTransaction(f.token, {
      checkAccountId: paypal,
      amount: 120,
      paymtPurpose: sent.body.objects.invoiceNumber,
    });
    const body = {
      amount: 120,
      date: unix('2026-05-20T12:00:00Z'),
      type: 'FULL_PAYMENT',
      checkAccount: { id: paypal, objectName: 'CheckAccount' },
      checkAccountTransaction: { id: row.id, objectName: 'CheckAccountTransaction' },
    };
    expect((await f.api('PUT', `/Invoice/${created.id}/bookAmount`, { ...body, date: '20.05.2026' })).status).toBe(400);
    const booked = await f.api('PUT', `/Invoice/${created.id}/bookAmount`, body);
    expect(booked.body.objects).toMatchObject({
      objectName: 'InvoiceLog',
      fromStatus: '200',
      toStatus: '1000',
      ammountPayed: '120',
    });
    const again = await f.api('PUT', `/Invoice/${created.id}/bookAmount`, body);
    expect(again.body.error.code).toBe(750);
  });

  it('renders a real PDF; without preventSendBy a draft is opened', async () => {
    const draft = (
      await f.api('POST', SAVE, invoiceBody(await customer(f), user(), [[120, 20]], { invoiceNumber: null }))
    ).body.objects.invoice;
    const kept = await f.api('GET', `/Invoice/${draft.id}/getPdf?preventSendBy=true`);
    expect(Buffer.from(kept.body.objects.content, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    expect(kept.body.objects).toMatchObject({ mimetype: 'application/pdf', base64Encoded: true });
    expect((await f.api('GET', `/Invoice/${draft.id}`)).body.objects[0].status).toBe('100');
    await f.api('GET', `/Invoice/${draft.id}/getPdf`);
    const opened = (await f.api('GET', `/Invoice/${draft.id}`)).body.objects[0];
    expect(opened.status).toBe('200');
    expect(opened.enshrined).not.toBeNull();
  });

  it('cancels: partly paid → HTTP 200 with code 390; otherwise an SR invoice; twice → 421', async () => {
    const invoice = (await f.api('POST', SAVE, invoiceBody(await customer(f), user(), [[100, 20]]))).body.objects
      .invoice;
    await f.api('PUT', `/Invoice/${invoice.id}/sendBy`, { sendType: 'VPDF', sendDraft: false });
    const clearing = { id: f.checkAccountId('Verrechnungskonto'), objectName: 'CheckAccount' };
    const partial = await f.api('PUT', `/Invoice/${invoice.id}/bookAmount`, {
      amount: 50,
      date: unix('2026-05-20T12:00:00Z'),
      type: 'N',
      checkAccount: clearing,
    });
    expect(partial.body.objects.toStatus).toBe('750');
    expect((await f.api('GET', `/Invoice/${invoice.id}/getIsPartiallyPaid`)).body.objects).toBe(true);

    const refused = await f.api('POST', `/Invoice/${invoice.id}/cancelInvoice`);
    expect(refused.status).toBe(200);
    expect(refused.body).toMatchObject({ error: { code: 390 }, objects: null });

    await f.api('PUT', `/Invoice/${invoice.id}/resetToOpen`);
    const cancelled = await f.api('POST', `/Invoice/${invoice.id}/cancelInvoice`);
    expect(cancelled.status).toBe(201);
    expect(cancelled.body.objects).toMatchObject({
      invoiceType: 'SR',
      status: '1000',
      sumGross: '-100',
      origin: { id: invoice.id, objectName: 'Invoice' },
    });
    const twice = await f.api('POST', `/Invoice/${invoice.id}/cancelInvoice`);
    expect(twice.status).toBe(422);
    expect(twice.body.error.code).toBe(421);
  });

  it('deletes drafts only', async () => {
    const draft = (await f.api('POST', SAVE, invoiceBody(await customer(f), user(), [[1, 20]]))).body.objects.invoice;
    await f.api('PUT', `/Invoice/${draft.id}/sendBy`, { sendType: 'VPDF', sendDraft: false });
    const refused = await f.api('DELETE', `/Invoice/${draft.id}`);
    expect(refused).toMatchObject({ status: 409, body: { error: { code: 159 } } });
  });
});

describe('credit notes', () => {
  const f = sandboxFixture();
  const user = () => f.sandbox.account(f.token).sevUserId;

  async function openInvoice(positions: Array<[number, number]> = [[58.31, 20]]) {
    const invoice = (await f.api('POST', SAVE, invoiceBody(await customer(f), user(), positions))).body.objects.invoice;
    await f.api('PUT', `/Invoice/${invoice.id}/sendBy`, { sendType: 'VPDF', sendDraft: false });
    return invoice;
  }

  it('creates one from an invoice, pays it with a negative amount, and blocks cancel/resetToOpen (170)', async () => {
    const invoice = await openInvoice();
    const created = await f.api('POST', '/CreditNote/Factory/createFromInvoice', {
      invoice: { id: Number(invoice.id), objectName: 'Invoice' },
    });
    expect(created.status).toBe(201);
    const { creditNote, creditNotePos, discount } = created.body.objects;
    expect(creditNote).toMatchObject({
      bookingCategory: 'UNDERACHIEVEMENT',
      refSrcInvoice: { id: invoice.id },
      sumGross: '58.31',
      status: '100',
      creditNoteType: 'CN',
    });
    expect(creditNotePos).toHaveLength(1);
    expect(discount).toEqual([]);

    await f.api('PUT', `/CreditNote/${creditNote.id}/sendBy`, { sendType: 'VPDF', sendDraft: false });
    const clearing = { id: f.checkAccountId('Verrechnungskonto'), objectName: 'CheckAccount' };
    const paid = await f.api('PUT', `/CreditNote/${creditNote.id}/bookAmount`, {
      amount: -58.31,
      date: unix('2026-05-21T12:00:00Z'),
      type: 'FULL_PAYMENT',
      checkAccount: clearing,
    });
    expect(paid.body.objects).toMatchObject({ objectName: 'CreditNoteLog', toStatus: '1000' });
    expect(f.sandbox.dump(f.token).transactions.at(-1)).toMatchObject({ amount: -5831, status: 400 });

    expect((await f.api('POST', `/Invoice/${invoice.id}/cancelInvoice`)).body.error.code).toBe(170);
    expect((await f.api('PUT', `/Invoice/${invoice.id}/resetToOpen`)).body.error.code).toBe(170);
    // The invoice is fully credited: another credit note would exceed it.
    const exceed = await f.api('POST', '/CreditNote/Factory/createFromInvoice', {
      invoice: { id: Number(invoice.id), objectName: 'Invoice' },
    });
    expect(exceed.body.error.code).toBe(455);
  });

  it('saveCreditNote with UNDERACHIEVEMENT needs refSrcInvoice and the invoice’s rates (456)', async () => {
    const invoice = await openInvoice([[100, 20]]);
    const body = (rate: number, ref: unknown) => ({
      creditNote: {
        objectName: 'CreditNote',
        mapAll: true,
        creditNoteNumber: 'GU-9001',
        contact: { id: Number(invoice.contact.id), objectName: 'Contact' },
        contactPerson: { id: user(), objectName: 'SevUser' },
        creditNoteDate: '22.05.2026',
        status: 100,
        header: 'Gutschrift',
        addressCountry: { id: 12, objectName: 'StaticCountry' },
        deliveryAddressCountry: 'fr',
        taxRule: { id: '18', objectName: 'TaxRule' },
        taxRate: 0,
        taxText: 'TVA',
        bookingCategory: 'UNDERACHIEVEMENT',
        currency: 'EUR',
        showNet: false,
        ...(ref ? { refSrcInvoice: ref } : {}),
      },
      creditNotePosSave: [
        {
          objectName: 'CreditNotePos',
          mapAll: true,
          quantity: 1,
          price: 10,
          unity: { id: 1, objectName: 'Unity' },
          taxRate: rate,
        },
      ],
      creditNotePosDelete: null,
    });
    expect((await f.api('POST', '/CreditNote/Factory/saveCreditNote', body(20, null))).body.error.code).toBe(456);
    const ref = { id: Number(invoice.id), objectName: 'Invoice' };
    expect((await f.api('POST', '/CreditNote/Factory/saveCreditNote', body(5.5, ref))).body.error.code).toBe(456);
    const saved = await f.api('POST', '/CreditNote/Factory/saveCreditNote', body(20, ref));
    expect(saved.status).toBe(201);
    expect(saved.body.objects.creditNote).toMatchObject({
      creditNoteNumber: 'GU-9001',
      sumGross: '10',
      sumTax: '1.67',
    });
    expect(
      (await f.api('GET', `/CreditNotePos?creditNote[id]=${saved.body.objects.creditNote.id}`)).body.objects,
    ).toHaveLength(1);
    expect((await f.api('GET', '/CreditNote?creditNoteNumber=GU-9001')).body.objects).toHaveLength(1);
  });
});

describe('credit note booking categories', () => {
  const f = sandboxFixture();

  it('PROVISION takes rule 9 and refuses rule 1; ACCOUNTING_TYPE is refused', async () => {
    const contact = await customer(f);
    const body = (category: string, rule: string) => ({
      creditNote: {
        objectName: 'CreditNote',
        mapAll: true,
        creditNoteNumber: `GU-${category}-${rule}`,
        contact,
        contactPerson: { id: f.sandbox.account(f.token).sevUserId, objectName: 'SevUser' },
        creditNoteDate: '22.05.2026',
        status: 100,
        header: 'Provision',
        addressCountry: { id: 1, objectName: 'StaticCountry' },
        taxRule: { id: rule, objectName: 'TaxRule' },
        taxRate: 0,
        taxText: 'zzgl. 19 %',
        bookingCategory: category,
        currency: 'EUR',
      },
      creditNotePosSave: [
        {
          objectName: 'CreditNotePos',
          mapAll: true,
          quantity: 1,
          price: 100,
          unity: { id: 1, objectName: 'Unity' },
          taxRate: 19,
        },
      ],
    });
    const provision = await f.api('POST', '/CreditNote/Factory/saveCreditNote', body('PROVISION', '9'));
    expect(provision.status).toBe(201);
    expect(provision.body.objects.creditNote).toMatchObject({
      bookingCategory: 'PROVISION',
      sumNet: '100',
      sumGross: '119',
      taxRule: { id: '9' },
    });
    expect((await f.api('POST', '/CreditNote/Factory/saveCreditNote', body('PROVISION', '1'))).body.error.message).toBe(
      'Invalid tax rule 1',
    );
    expect((await f.api('POST', '/CreditNote/Factory/saveCreditNote', body('ACCOUNTING_TYPE', '1'))).status).toBe(422);
  });
});
