// A client generated from the official spec (openapi-typescript + openapi-fetch) drives every emulated resource.
// The generated request types encode the spec's artefacts (sevdesk-api.md §10: `voucherPos` required, both
// taxRule and taxType required …) and its response types lack the {"objects"} envelope (§1.2), so payloads are
// cast — exactly the situation a real client against real sevDesk is in.
import createClient from 'openapi-fetch';
import { afterAll, describe, expect, it } from 'vitest';
import type { paths } from '../../src/integrations/sevdesk/generated/sevdesk.js';
import { createSandbox } from '../../src/sandbox/create-sandbox.js';

// biome-ignore lint/suspicious/noExplicitAny: the wire envelope is not in the generated types
const objects = (data: unknown): any => (data as { objects: unknown }).objects;
const asBody = (value: unknown) => value as never;

describe('a client generated from the official spec', () => {
  const sandbox = createSandbox();
  const { token, sevUserId, checkAccounts } = sandbox.createAccount({ chart: 'SKR04' });
  const client = createClient<paths>({
    baseUrl: 'http://sandbox.test/api/v1',
    fetch: sandbox.fetch,
    headers: { Authorization: token },
  });
  const server = sandbox.listen(0);
  afterAll(async () => (await server).close());
  const offline = checkAccounts.find((c) => c.type === 'offline')!.id;
  const state: {
    contactId?: number;
    voucherId?: number;
    filename?: string;
    invoiceId?: number;
    importAccount?: number;
  } = {};

  it('reads the basics: version, countries, categories, keys, guidance', async () => {
    expect(objects((await client.GET('/Tools/bookkeepingSystemVersion')).data)).toEqual({ version: '2.0' });
    const guidance = await client.GET('/ReceiptGuidance/forAccountNumber', {
      params: { query: { accountNumber: 4400 } },
    });
    expect(objects(guidance.data)[0].accountNumber).toBe('4400');
    expect(objects((await client.GET('/ReceiptGuidance/forRevenue')).data).length).toBeGreaterThan(10);
    expect(
      objects(
        (await client.GET('/ReceiptGuidance/forTaxRule', { params: { query: { taxRule: 'USTPFL_UMS_EINN' } } })).data,
      ).length,
    ).toBeGreaterThan(3);
    expect(objects((await client.GET('/CommunicationWayKey')).data)).toHaveLength(8);
    // Routes the spec lacks (/StaticCountry, /Category) are reached through the untyped escape hatch.
    const countries = await sandbox.fetch(
      new Request('http://sandbox.test/api/v1/StaticCountry?code=fr', { headers: { Authorization: token } }),
    );
    expect(objects(await countries.json())[0].code).toBe('fr');
  });

  it('creates, finds and updates a contact with address and communication way', async () => {
    const created = await client.POST('/Contact', {
      body: asBody({
        surename: 'Erika',
        familyname: 'Mustermann',
        category: { id: 3, objectName: 'Category' },
        status: 1000,
        customerNumber: 'SHOP-7',
      }),
    });
    expect(created.response.status).toBe(201);
    state.contactId = Number(objects(created.data).id);
    const found = await client.GET('/Contact', { params: { query: { customerNumber: 'SHOP-7', depth: '1' } } });
    expect(objects(found.data).map((c: { id: string }) => Number(c.id))).toEqual([state.contactId]);
    const updated = await client.PUT('/Contact/{contactId}', {
      params: { path: { contactId: state.contactId } },
      body: asBody({ vatNumber: 'DE123456789' }),
    });
    expect(objects(updated.data).vatNumber).toBe('DE123456789');
    expect(
      objects((await client.GET('/Contact/{contactId}', { params: { path: { contactId: state.contactId } } })).data),
    ).toHaveLength(1);

    const contact = { id: state.contactId, objectName: 'Contact' };
    const address = await client.POST('/ContactAddress', {
      body: asBody({
        contact,
        street: 'Probestrasse 1',
        zip: '10115',
        city: 'Berlin',
        country: { id: 1, objectName: 'StaticCountry' },
        category: { id: 47, objectName: 'Category' },
      }),
    });
    expect(address.response.status).toBe(201);
    const addressId = Number(objects(address.data).id);
    await client.PUT('/ContactAddress/{contactAddressId}', {
      params: { path: { contactAddressId: addressId } },
      body: asBody({ zip: '10117' }),
    });
    expect(
      objects(
        (await client.GET('/ContactAddress/{contactAddressId}', { params: { path: { contactAddressId: addressId } } }))
          .data,
      )[0].zip,
    ).toBe('10117');

    const way = await client.POST('/CommunicationWay', {
      body: {
        contact,
        type: 'EMAIL',
        value: 'erika@example.com',
        key: { id: 2, objectName: 'CommunicationWayKey' },
        main: true,
      },
    });
    expect(way.response.status).toBe(201);
    const ways = await client.GET('/CommunicationWay', {
      params: { query: { 'contact[id]': String(state.contactId), 'contact[objectName]': 'Contact', type: 'EMAIL' } },
    });
    expect(objects(ways.data)[0].value).toBe('erika@example.com');
  });

  it('uploads a PDF with real multipart over HTTP and saves a voucher with it', async () => {
    const { apiUrl } = await server;
    const http = createClient<paths>({ baseUrl: apiUrl, headers: { Authorization: token } });
    const form = new FormData();
    form.append(
      'file',
      new Blob(['%PDF-1.4\n% Rechnung RE-2026-7\n%%EOF\n'], { type: 'application/pdf' }),
      'RE-2026-7.pdf',
    );
    const upload = await http.POST('/Voucher/Factory/uploadTempFile', {
      body: asBody(form),
      bodySerializer: (body) => body as unknown as FormData,
    });
    expect(upload.response.status).toBe(201);
    state.filename = objects(upload.data).filename;

    const accountDatev = objects(
      (await client.GET('/ReceiptGuidance/forAccountNumber', { params: { query: { accountNumber: 4400 } } })).data,
    )[0].accountDatevId;
    const saved = await client.POST('/Voucher/Factory/saveVoucher', {
      body: asBody({
        voucher: {
          objectName: 'Voucher',
          mapAll: true,
          voucherDate: '15.05.2026',
          supplier: { id: state.contactId, objectName: 'Contact' },
          description: 'RE-2026-7 [SHOP-ORDER:7]',
          status: 100,
          taxRule: { id: '1', objectName: 'TaxRule' },
          creditDebit: 'D',
          voucherType: 'VOU',
          currency: 'EUR',
        },
        voucherPosSave: [
          {
            objectName: 'VoucherPos',
            mapAll: true,
            accountDatev: { id: accountDatev, objectName: 'AccountDatev' },
            taxRate: 19,
            net: false,
            sumGross: 119,
            comment: 'Artikel',
          },
        ],
        voucherPosDelete: null,
        filename: state.filename,
      }),
    });
    expect(saved.response.status).toBe(201);
    state.voucherId = Number(objects(saved.data).voucher.id);
    expect(objects(saved.data).voucher.document).not.toBeNull();
    const search = await client.GET('/Voucher', {
      params: {
        query: { descriptionLike: '[SHOP-ORDER:7]', 'contact[id]': state.contactId, 'contact[objectName]': 'Contact' },
      },
    });
    expect(objects(search.data)).toHaveLength(1);
    const positions = await client.GET('/VoucherPos', {
      params: { query: { 'voucher[id]': state.voucherId, 'voucher[objectName]': 'Voucher' } },
    });
    expect(objects(positions.data)[0]).toMatchObject({ sumGross: '119', sumTax: '19' });
  });

  it('creates a file import account, a transaction on it, and books the voucher against it', async () => {
    const account = await client.POST('/CheckAccount/Factory/fileImportAccount', {
      body: { name: 'Bank CSV', importType: 'CSV' },
    });
    state.importAccount = Number(objects(account.data).id);
    const clearing = await client.POST('/CheckAccount/Factory/clearingAccount', { body: { name: 'Amazon' } });
    expect(objects(clearing.data).type).toBe('offline');
    const transaction = await client.POST('/CheckAccountTransaction', {
      body: asBody({
        valueDate: '2026-05-20T12:00:00+02:00',
        checkAccount: { id: state.importAccount, objectName: 'CheckAccount' },
        amount: 119,
        status: 100,
        payeePayerName: 'Erika Mustermann',
        paymtPurpose: 'RE-2026-7',
      }),
    });
    expect(transaction.response.status).toBe(201);
    const transactionId = Number(objects(transaction.data).id);
    const list = await client.GET('/CheckAccountTransaction', {
      params: {
        query: {
          'checkAccount[id]': state.importAccount,
          'checkAccount[objectName]': 'CheckAccount',
          paymtPurpose: 'RE-2026-7',
          onlyCredit: true,
        },
      },
    });
    expect(objects(list.data)).toHaveLength(1);
    const booked = await client.PUT('/Voucher/{voucherId}/bookAmount', {
      params: { path: { voucherId: state.voucherId! } },
      body: {
        amount: 119,
        date: '2026-05-20T12:00:00+02:00',
        type: 'FULL_PAYMENT',
        checkAccount: { id: state.importAccount, objectName: 'CheckAccount' },
        checkAccountTransaction: { id: transactionId, objectName: 'CheckAccountTransaction' },
      },
    });
    expect(objects(booked.data)).toMatchObject({ toStatus: '1000' });
    expect(objects((await client.GET('/CheckAccount')).data).length).toBe(6);
    const balance = await client.GET('/CheckAccount/{checkAccountId}/getBalanceAtDate', {
      params: { path: { checkAccountId: state.importAccount }, query: { date: '2026-05-31' } },
    });
    expect(objects(balance.data)).toBe('119');
    expect(
      (await client.PUT('/Voucher/{voucherId}/resetToOpen', { params: { path: { voucherId: state.voucherId! } } }))
        .response.status,
    ).toBe(200);
  });

  it('saves, opens, books and cancels an OSS invoice', async () => {
    const saved = await client.POST('/Invoice/Factory/saveInvoice', {
      body: asBody({
        invoice: {
          objectName: 'Invoice',
          mapAll: true,
          contact: { id: state.contactId, objectName: 'Contact' },
          contactPerson: { id: sevUserId, objectName: 'SevUser' },
          invoiceDate: '15.05.2026',
          discount: 0,
          taxRate: 0,
          addressCountry: { id: 17, objectName: 'StaticCountry' },
          deliveryAddressCountry: 'it',
          status: 100,
          taxRule: { id: '19', objectName: 'TaxRule' },
          taxText: 'IVA 22 %',
          invoiceType: 'RE',
          currency: 'EUR',
          customerInternalNote: 'SHOP-ORDER:8',
          showNet: false,
        },
        invoicePosSave: [
          {
            objectName: 'InvoicePos',
            mapAll: true,
            quantity: 2,
            price: 12.2,
            name: 'E-Book',
            unity: { id: 1, objectName: 'Unity' },
            taxRate: 22,
          },
        ],
        invoicePosDelete: null,
        discountSave: null,
        discountDelete: null,
        takeDefaultAddress: false,
      }),
    });
    expect(saved.response.status).toBe(201);
    state.invoiceId = Number(objects(saved.data).invoice.id);
    const invoiceId = state.invoiceId;
    expect(
      objects((await client.GET('/Invoice', { params: { query: { invoiceNumber: 'RE-1000' } } })).data),
    ).toHaveLength(0);
    const sent = await client.PUT('/Invoice/{invoiceId}/sendBy', {
      params: { path: { invoiceId } },
      body: { sendType: 'VPDF', sendDraft: false },
    });
    expect(objects(sent.data)).toMatchObject({ status: '200', invoiceNumber: 'RE-1000', sumGross: '24.4' });
    const pdf = await client.GET('/Invoice/{invoiceId}/getPdf', {
      params: { path: { invoiceId }, query: { preventSendBy: true } },
    });
    expect(objects(pdf.data).filename).toBe('RE-1000.pdf');
    expect(
      objects((await client.GET('/Invoice/{invoiceId}/getPositions', { params: { path: { invoiceId } } })).data),
    ).toHaveLength(1);
    const booked = await client.PUT('/Invoice/{invoiceId}/bookAmount', {
      params: { path: { invoiceId } },
      body: {
        amount: 10,
        date: Math.floor(Date.parse('2026-05-22T12:00:00Z') / 1000),
        type: 'N',
        checkAccount: { id: offline, objectName: 'CheckAccount' },
      },
    });
    expect(objects(booked.data).toStatus).toBe('750');
    const cancel = await client.POST('/Invoice/{invoiceId}/cancelInvoice', { params: { path: { invoiceId } } });
    expect(cancel.response.status).toBe(200);
    expect((cancel.data as unknown as { error: { code: number } }).error.code).toBe(390);
  });

  it('creates credit notes from the invoice and with saveCreditNote, and pays one', async () => {
    const invoiceId = state.invoiceId!;
    const saved = await client.POST('/CreditNote/Factory/saveCreditNote', {
      body: asBody({
        creditNote: {
          objectName: 'CreditNote',
          mapAll: true,
          creditNoteNumber: 'GU-77',
          contact: { id: state.contactId, objectName: 'Contact' },
          contactPerson: { id: sevUserId, objectName: 'SevUser' },
          creditNoteDate: '23.05.2026',
          status: 100,
          header: 'Gutschrift GU-77',
          addressCountry: { id: 17, objectName: 'StaticCountry' },
          deliveryAddressCountry: 'it',
          taxRule: { id: '19', objectName: 'TaxRule' },
          taxRate: 0,
          taxText: 'IVA',
          bookingCategory: 'UNDERACHIEVEMENT',
          currency: 'EUR',
          showNet: false,
          refSrcInvoice: { id: invoiceId, objectName: 'Invoice' },
        },
        creditNotePosSave: [
          {
            objectName: 'CreditNotePos',
            mapAll: true,
            quantity: 1,
            price: 5,
            unity: { id: 1, objectName: 'Unity' },
            taxRate: 22,
          },
        ],
        creditNotePosDelete: null,
      }),
    });
    expect(saved.response.status).toBe(201);
    const creditNoteId = Number(objects(saved.data).creditNote.id);
    await client.PUT('/CreditNote/{creditNoteId}/sendBy', {
      params: { path: { creditNoteId } },
      body: { sendType: 'VPDF', sendDraft: false },
    });
    const paid = await client.PUT('/CreditNote/{creditNoteId}/bookAmount', {
      params: { path: { creditNoteId } },
      body: {
        amount: -5,
        date: Math.floor(Date.parse('2026-05-24T12:00:00Z') / 1000),
        type: 'FULL_PAYMENT',
        checkAccount: { id: offline, objectName: 'CheckAccount' },
      },
    });
    expect(objects(paid.data).toStatus).toBe('1000');
    expect(
      objects((await client.GET('/CreditNote/{creditNoteId}', { params: { path: { creditNoteId } } })).data)[0].status,
    ).toBe('1000');
    const positions = await client.GET('/CreditNotePos', {
      params: { query: { 'creditNote[id]': creditNoteId, 'creditNote[objectName]': 'CreditNote' } },
    });
    expect(objects(positions.data)).toHaveLength(1);

    const fromInvoice = await client.POST('/CreditNote/Factory/createFromInvoice', {
      body: { invoice: { id: invoiceId, objectName: 'Invoice' } },
    });
    // 24.40 invoice, 5.00 already credited: a full copy would exceed it (455).
    expect((fromInvoice.error as unknown as { error: { code: number } }).error.code).toBe(455);
    expect(objects((await client.GET('/CreditNote')).data)).toHaveLength(1);
  });

  it('deletes what may be deleted', async () => {
    const contact = await client.POST('/Contact', {
      body: asBody({ name: 'Temp GmbH', category: { id: 3, objectName: 'Category' } }),
    });
    const contactId = Number(objects(contact.data).id);
    expect((await client.DELETE('/Contact/{contactId}', { params: { path: { contactId } } })).response.status).toBe(
      200,
    );
    const withDocuments = await client.DELETE('/Contact/{contactId}', {
      params: { path: { contactId: state.contactId! } },
    });
    expect(withDocuments.response.status).toBe(409);
  });
});
