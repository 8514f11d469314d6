// Vouchers: sums, ReceiptGuidance, tax rules, drafts, booking on online and offline accounts (sevdesk-api.md §4, §6).
import { describe, expect, it } from 'vitest';
import { taxFromGross, taxFromNet } from '../../src/domain/money/vat.js';
import { bookBody, fixtureFor, revenueVoucher, sandboxFixture } from './helpers.js';

const SAVE = '/Voucher/Factory/saveVoucher';

describe('voucher sums', () => {
  const f = sandboxFixture();

  it('derives each position’s tax from gross with vat.ts and sums the positions', async () => {
    // product.md: 39.98 + 4.90 at 19 % as one position of 44.88 gives 7.17 tax.
    const reply = await f.api(
      'POST',
      SAVE,
      revenueVoucher([
        [f.accountDatev('4400'), 19, 44.88],
        [f.accountDatev('4300'), 7, '10.70'],
      ]),
    );
    expect(reply.status).toBe(201);
    const { voucher, voucherPos } = reply.body.objects;
    expect(voucherPos.map((p: { sumTax: string }) => p.sumTax)).toEqual(['7.17', '0.7']);
    expect(taxFromGross(4488, 1900)).toBe(717);
    expect(voucher).toMatchObject({ sumGross: '55.58', sumTax: '7.87', sumNet: '47.71', status: '100', showNet: '0' });
    expect(voucher.voucherDate).toBe('2026-05-15T00:00:00+02:00');
  });

  it('derives tax from net with net:true', async () => {
    const reply = await f.api(
      'POST',
      SAVE,
      revenueVoucher(
        [
          [f.accountDatev('4400'), 19, 33.61],
          [f.accountDatev('4400'), 19, 4.12],
        ],
        {},
        true,
      ),
    );
    const { voucher } = reply.body.objects;
    expect(taxFromNet(3361, 1900) + taxFromNet(412, 1900)).toBe(639 + 78);
    expect(voucher).toMatchObject({ sumNet: '37.73', sumTax: '7.17', sumGross: '44.9', showNet: '1' });
  });

  it('handles negative (cancellation) vouchers', async () => {
    const reply = await f.api('POST', SAVE, revenueVoucher([[f.accountDatev('4400'), 19, -119]]));
    expect(reply.body.objects.voucher).toMatchObject({ sumGross: '-119', sumTax: '-19', sumNet: '-100' });
  });

  it('refuses mixing net and gross positions', async () => {
    const body = revenueVoucher([
      [f.accountDatev('4400'), 19, 10],
      [f.accountDatev('4400'), 19, 10],
    ]);
    Object.assign(body.voucherPosSave[1]!, { net: true, sumNet: 10 });
    expect((await f.api('POST', SAVE, body)).status).toBe(422);
  });
});

describe('tax rules and ReceiptGuidance', () => {
  const f = sandboxFixture();

  it('answers forRevenue / forAccountNumber / forTaxRule with realistic SKR04 accounts', async () => {
    const revenue = (await f.api('GET', '/ReceiptGuidance/forRevenue')).body.objects.map(
      (g: { accountNumber: string }) => g.accountNumber,
    );
    expect(revenue).toEqual(
      expect.arrayContaining(['4400', '4300', '4200', '4120', '4125', '4336', '4338', '4185', '4720']),
    );
    const row = (await f.api('GET', '/ReceiptGuidance/forAccountNumber?accountNumber=4400')).body.objects[0];
    expect(row).toMatchObject({
      accountNumber: '4400',
      allowedReceiptTypes: ['REVENUE'],
      allowedTaxRules: [{ id: 1, name: 'USTPFL_UMS_EINN', taxRates: ['NINETEEN'] }],
    });
    expect((await f.api('GET', '/ReceiptGuidance/forAccountNumber?accountNumber=9999')).status).toBe(422);
    const eu = (await f.api('GET', '/ReceiptGuidance/forTaxRule?taxRule=INNERGEM_LIEF')).body.objects.map(
      (g: { accountNumber: string }) => g.accountNumber,
    );
    expect(eu).toContain('4125');
  });

  it('refuses a rate the account does not allow with 422', async () => {
    const reply = await f.api('POST', SAVE, revenueVoucher([[f.accountDatev('4300'), 19, 119]]));
    expect(reply.status).toBe(422);
    expect(reply.body.error.message).toContain('Tax rate 19 is not allowed for account 4300');
  });

  it('refuses a rule the account does not allow with 422', async () => {
    const reply = await f.api(
      'POST',
      SAVE,
      revenueVoucher([[f.accountDatev('4400'), 0, 100]], { taxRule: { id: '3', objectName: 'TaxRule' } }),
    );
    expect(reply.status).toBe(422);
    expect(
      (
        await f.api(
          'POST',
          SAVE,
          revenueVoucher([[f.accountDatev('4125'), 0, 100]], { taxRule: { id: '3', objectName: 'TaxRule' } }),
        )
      ).status,
    ).toBe(201);
  });

  it('refuses an expense account on a revenue voucher', async () => {
    expect((await f.api('POST', SAVE, revenueVoucher([[f.accountDatev('6855'), 19, 1]]))).status).toBe(422);
  });

  it.each(['18', '19', '20', '21'])('refuses tax rule %s (invoice only) on vouchers with 422', async (rule) => {
    const reply = await f.api(
      'POST',
      SAVE,
      revenueVoucher([[f.accountDatev('4200'), 0, 10]], { taxRule: { id: rule, objectName: 'TaxRule' } }),
    );
    expect(reply.status).toBe(422);
    expect(reply.body.error.message).toContain('not supported for vouchers');
  });

  it('maps 1.0 taxType default to rule 1 and refuses custom in 2.0', async () => {
    const mapped = await f.api(
      'POST',
      SAVE,
      revenueVoucher([[f.accountDatev('4400'), 19, 119]], { taxRule: null, taxType: 'default' }),
    );
    expect(mapped.status).toBe(201);
    expect(mapped.body.objects.voucher).toMatchObject({ taxType: null, taxRule: { id: '1' } });
    expect(
      (
        await f.api(
          'POST',
          SAVE,
          revenueVoucher([[f.accountDatev('4400'), 19, 119]], { taxRule: null, taxType: 'custom' }),
        )
      ).status,
    ).toBe(422);
  });

  it('uses account-specific accountDatev ids and SKR03 numbers', () => {
    const skr03 = fixtureFor(f.sandbox, f.sandbox.createAccount({ chart: 'SKR03' }).token);
    expect(skr03.accountDatev('8400')).not.toBe(f.accountDatev('4400'));
    expect(() => skr03.accountDatev('4400')).toThrow();
    const revenue = skr03.sandbox.dump(skr03.token).receiptGuidance.map((g) => g.accountNumber);
    expect(revenue).toEqual(
      expect.arrayContaining(['8400', '8300', '8200', '8120', '8125', '8336', '8338', '8195', '8700', '8720']),
    );
  });

  it('refuses a position on another account’s accountDatev id', async () => {
    const other = fixtureFor(f.sandbox, f.sandbox.createAccount({}).token);
    expect(other.accountDatev('4400')).not.toBe(f.accountDatev('4400'));
    const reply = await f.api('POST', SAVE, revenueVoucher([[other.accountDatev('4400'), 19, 119]]));
    expect(reply.status).toBe(422);
  });
});

describe('voucher life cycle', () => {
  const f = sandboxFixture();
  const create = async (overrides: Record<string, unknown> = {}, gross = 119) =>
    (await f.api('POST', SAVE, revenueVoucher([[f.accountDatev('4400'), 19, gross]], overrides))).body.objects.voucher;

  it('updates drafts with positions by id, totals only the positions sent, and refuses non-drafts with 90400', async () => {
    const draft = await create({ status: 50 });
    const positions = (await f.api('GET', `/VoucherPos?voucher[id]=${draft.id}&voucher[objectName]=Voucher`)).body
      .objects;
    const body = revenueVoucher([[f.accountDatev('4400'), 19, 238]], { id: Number(draft.id), status: 50 });
    Object.assign(body.voucherPosSave[0]!, { id: Number(positions[0].id) });
    const updated = await f.api('POST', SAVE, body);
    expect(updated.status).toBe(201);
    expect(updated.body.objects.voucher.sumGross).toBe('238');
    expect(updated.body.objects.voucherPos).toHaveLength(1);

    // A new position alone: sevDesk totals only what the call carried (sevdesk-api.md §4.2).
    const added = await f.api(
      'POST',
      SAVE,
      revenueVoucher([[f.accountDatev('4300'), 7, 10.7]], { id: Number(draft.id), status: 50 }),
    );
    expect(added.body.objects.voucherPos).toHaveLength(2);
    expect(added.body.objects.voucher.sumGross).toBe('10.7');

    // Finalising = update with status 100.
    const final = await f.api('POST', SAVE, {
      ...revenueVoucher([], { id: Number(draft.id), status: 100 }),
      voucherPosSave: null,
    });
    expect(final.body.objects.voucher.status).toBe('100');
    const again = await f.api('POST', SAVE, revenueVoucher([], { id: Number(draft.id), status: 100 }));
    expect(again.status).toBe(400);
    expect(again.body.error.code).toBe(90400);
  });

  it('deletes drafts only (409, code 159 otherwise)', async () => {
    const open = await create();
    const refused = await f.api('DELETE', `/Voucher/${open.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe(159);
    const draft = await create({ status: 50 });
    expect((await f.api('DELETE', `/Voucher/${draft.id}`)).body).toEqual({ objects: [null] });
    expect((await f.api('GET', `/Voucher/${draft.id}`)).status).toBe(404);
  });

  it('lists with descriptionLike (substring), status, creditDebit, dates and contact', async () => {
    await create({ description: 'RE-1 [SHOP-ORDER:777]' });
    await create({ description: 'RE-2 [SHOP-ORDER:7770]', voucherDate: '01.04.2026' });
    const like = await f.api('GET', '/Voucher?descriptionLike=[SHOP-ORDER:777&countAll=true');
    expect(like.body.total).toBe(2);
    const start = Date.parse('2026-05-01T00:00:00+02:00') / 1000;
    const dated = await f.api('GET', `/Voucher?descriptionLike=SHOP-ORDER:777&startDate=${start}`);
    expect(dated.body.objects.map((v: { description: string }) => v.description)).toEqual(['RE-1 [SHOP-ORDER:777]']);
    expect((await f.api('GET', '/Voucher?creditDebit=C')).body.objects).toHaveLength(0);
    expect((await f.api('GET', '/Voucher?status=50&descriptionLike=777')).body.objects).toHaveLength(0);
  });

  it('uploads a file with real multipart and attaches it', async () => {
    const form = new FormData();
    form.append(
      'file',
      new Blob(['%PDF-1.4\n1 0 obj << /Type /Page >> endobj\n%%EOF\n'], { type: 'application/pdf' }),
      'RE-1.pdf',
    );
    const upload = await f.sandbox.fetch('http://x/api/v1/Voucher/Factory/uploadTempFile', {
      method: 'POST',
      headers: { Authorization: f.token },
      body: form,
    });
    expect(upload.status).toBe(201);
    const temp = ((await upload.json()) as { objects: Record<string, unknown> }).objects;
    expect(temp).toMatchObject({
      pages: 1,
      mimeType: 'image/jpg',
      originMimeType: 'application/pdf',
      content: [],
      isEInvoice: false,
    });
    expect(temp.filename).toMatch(/^[0-9a-f]{32}\.pdf$/);
    const saved = await f.api('POST', SAVE, {
      ...revenueVoucher([[f.accountDatev('4400'), 19, 119]]),
      filename: temp.filename,
    });
    expect(saved.body.objects.voucher.document).toMatchObject({ objectName: 'Document' });
    expect(f.sandbox.dump(f.token).vouchers.at(-1)?.file).toMatchObject({
      filename: temp.filename,
      size: expect.any(Number),
    });
    const unknown = await f.api('POST', SAVE, {
      ...revenueVoucher([[f.accountDatev('4400'), 19, 119]]),
      filename: 'nope.pdf',
    });
    expect(unknown.status).toBe(422);
    const noFile = await f.sandbox.fetch('http://x/api/v1/Voucher/Factory/uploadTempFile', {
      method: 'POST',
      headers: { Authorization: f.token },
      body: new FormData(),
    });
    expect(noFile.status).toBe(400);
  });
});

describe('bookAmount', () => {
  const f = sandboxFixture();
  const voucher = async (gross = 119, overrides: Record<string, unknown> = {}) =>
    (await f.api('POST', SAVE, revenueVoucher([[f.accountDatev('4400'), 19, gross]], overrides))).body.objects.voucher;

  it('on an online account needs a transaction, links it and pays the voucher', async () => {
    const v = await voucher();
    const bank = f.checkAccountId('Geschäftskonto');
    const without = await f.api('PUT', `/Voucher/${v.id}/bookAmount`, bookBody(bank, 119));
    expect(without.status).toBe(422);
    expect((await f.api('GET', `/Voucher/${v.id}`)).body.objects[0].status).toBe('100');

    const row = f.sandbox.importTransaction(f.token, {
      checkAccountId: bank,
      amount: 119,
      paymtPurpose: 'RE-2026-10042',
      valueDate: '2026-05-19T12:00:00+02:00',
    });
    const booked = await f.api('PUT', `/Voucher/${v.id}/bookAmount`, bookBody(bank, 119, row.id));
    expect(booked.status).toBe(200);
    expect(booked.body.objects).toMatchObject({
      objectName: 'VoucherLog',
      voucher: { id: v.id, objectName: 'Voucher' },
      fromStatus: '100',
      toStatus: '1000',
      amountPayed: '119',
      bookingDate: '2026-05-19T12:00:00+02:00',
    });
    const after = (await f.api('GET', `/Voucher/${v.id}`)).body.objects[0];
    expect(after).toMatchObject({ status: '1000', paidAmount: 119, payDate: '2026-05-19T12:00:00+02:00' });
    expect((await f.api('GET', `/CheckAccountTransaction/${row.id}`)).body.objects[0].status).toBe('400');
    const logs = await f.api(
      'GET',
      `/CheckAccountTransactionLog?checkAccountTransaction[id]=${row.id}&checkAccountTransaction[objectName]=CheckAccountTransaction`,
    );
    expect(logs.body.objects[0]).toMatchObject({
      object: { id: v.id, objectName: 'Voucher' },
      amountPaid: 119,
      toStatus: '400',
    });

    const twice = await f.api('PUT', `/Voucher/${v.id}/bookAmount`, bookBody(bank, 119, row.id));
    expect(twice.status).toBe(422);
    expect(twice.body.error.code).toBe(751);
  });

  it('on an offline account books without a transaction and creates one', async () => {
    const v = await voucher(50);
    const clearing = f.checkAccountId('Verrechnungskonto');
    const booked = await f.api('PUT', `/Voucher/${v.id}/bookAmount`, bookBody(clearing, 50));
    expect(booked.status).toBe(200);
    expect(booked.body.objects.toStatus).toBe('1000');
    const created = f.sandbox.dump(f.token).transactions.find((t) => t.checkAccount === clearing);
    expect(created).toMatchObject({
      amount: 5000,
      status: 400,
      paymtPurpose: 'RE-2026-10042 [SHOP-ORDER:10042]',
      createdBy: { objectName: 'Voucher', id: Number(v.id) },
    });
    const withTransaction = await f.api(
      'PUT',
      `/Voucher/${(await voucher(5)).id}/bookAmount`,
      bookBody(f.checkAccountId('Kasse'), 5, created!.id),
    );
    expect(withTransaction.status).toBe(422);
  });

  it('books partially (750) and completes (1000); the transaction is linked (200) until used up', async () => {
    const v = await voucher(100);
    const bank = f.checkAccountId('PayPal');
    const row = f.sandbox.importTransaction(f.token, { checkAccountId: bank, amount: 100 });
    const first = await f.api('PUT', `/Voucher/${v.id}/bookAmount`, bookBody(bank, 40, row.id, 'N'));
    expect(first.body.objects.toStatus).toBe('750');
    expect((await f.api('GET', `/CheckAccountTransaction/${row.id}`)).body.objects[0].status).toBe('200');
    const second = await f.api('PUT', `/Voucher/${v.id}/bookAmount`, bookBody(bank, 60, row.id, 'N'));
    expect(second.body.objects).toMatchObject({ fromStatus: '750', toStatus: '1000' });
    expect((await f.api('GET', `/CheckAccountTransaction/${row.id}`)).body.objects[0].status).toBe('400');
  });

  it('settles with a payment difference type (MTC) and refuses CF in 2.0', async () => {
    const v = await voucher(100);
    const clearing = f.checkAccountId('Verrechnungskonto');
    expect((await f.api('PUT', `/Voucher/${v.id}/bookAmount`, bookBody(clearing, 97, undefined, 'CF'))).status).toBe(
      422,
    );
    const mtc = await f.api('PUT', `/Voucher/${v.id}/bookAmount`, bookBody(clearing, 97, undefined, 'MTC'));
    expect(mtc.body.objects.toStatus).toBe('1000');
  });

  it('refuses to book a draft', async () => {
    const draft = await voucher(10, { status: 50 });
    const reply = await f.api('PUT', `/Voucher/${draft.id}/bookAmount`, bookBody(f.checkAccountId('Kasse'), 10));
    expect(reply.status).toBe(422);
  });

  it('pays negative revenue vouchers and expense vouchers with negative amounts', async () => {
    const refund = await voucher(-119);
    const clearing = f.checkAccountId('Verrechnungskonto');
    expect(
      (await f.api('PUT', `/Voucher/${refund.id}/bookAmount`, bookBody(clearing, -119))).body.objects.toStatus,
    ).toBe('1000');

    const fee = await f.api('POST', SAVE, {
      ...revenueVoucher([[f.accountDatev('6855'), 0, 0.45]], {
        creditDebit: 'C',
        taxRule: { id: '9', objectName: 'TaxRule' },
        supplierName: 'PayPal',
      }),
    });
    expect(fee.status).toBe(201);
    const id = fee.body.objects.voucher.id;
    // A positive amount on an expense voucher books without error but leaves it unpaid.
    expect(
      (await f.api('PUT', `/Voucher/${id}/bookAmount`, bookBody(clearing, 0.45, undefined, 'N'))).body.objects.toStatus,
    ).toBe('100');
    expect((await f.api('PUT', `/Voucher/${id}/bookAmount`, bookBody(clearing, -0.45))).body.objects.toStatus).toBe(
      '1000',
    );
  });

  it('resetToOpen removes payments and unlinks the transaction; resetToDraft and enshrine follow the rules', async () => {
    const v = await voucher(20);
    const bank = f.checkAccountId('Geschäftskonto');
    const row = f.sandbox.importTransaction(f.token, { checkAccountId: bank, amount: 20 });
    await f.api('PUT', `/Voucher/${v.id}/bookAmount`, bookBody(bank, 20, row.id));
    expect((await f.api('PUT', `/Voucher/${v.id}/resetToDraft`)).status).toBe(422);
    const reset = await f.api('PUT', `/Voucher/${v.id}/resetToOpen`);
    expect(reset.body.objects).toMatchObject({ status: '100', paidAmount: 0, payDate: null });
    expect((await f.api('GET', `/CheckAccountTransaction/${row.id}`)).body.objects[0].status).toBe('100');
    expect(
      (await f.api('GET', `/CheckAccountTransactionLog?checkAccountTransaction[id]=${row.id}`)).body.objects,
    ).toHaveLength(0);
    expect((await f.api('PUT', `/Voucher/${v.id}/resetToDraft`)).body.objects.status).toBe('50');
    expect((await f.api('PUT', `/Voucher/${v.id}/enshrine`)).status).toBe(422);
    await f.api('POST', SAVE, { ...revenueVoucher([], { id: Number(v.id), status: 100 }), voucherPosSave: null });
    expect((await f.api('PUT', `/Voucher/${v.id}/enshrine`)).body).toEqual({ objects: null });
    expect((await f.api('GET', `/Voucher/${v.id}`)).body.objects[0].enshrined).not.toBeNull();
    expect((await f.api('PUT', `/Voucher/${v.id}/resetToDraft`)).status).toBe(422);
  });
});

describe('bookkeeping 1.0 accounts', () => {
  const f = sandboxFixture({}, { bookkeepingVersion: '1.0' });

  it('take taxType and accountingType', async () => {
    const body = {
      voucher: {
        objectName: 'Voucher',
        mapAll: true,
        supplierName: 'X',
        status: 100,
        taxType: 'default',
        creditDebit: 'D',
        voucherType: 'VOU',
      },
      voucherPosSave: [
        {
          objectName: 'VoucherPos',
          mapAll: true,
          accountingType: { id: 26, objectName: 'AccountingType' },
          taxRate: 19,
          net: false,
          sumGross: 119,
        },
      ],
    };
    const reply = await f.api('POST', SAVE, body);
    expect(reply.status).toBe(201);
    expect(reply.body.objects.voucher.taxType).toBe('default');
    expect(reply.body.objects.voucherPos[0].accountingType).toEqual({ id: '26', objectName: 'AccountingType' });
  });
});
