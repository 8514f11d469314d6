// Requests are checked against the official OpenAPI file, relaxed only where the real API differs (§10).
import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../src/sandbox/create-sandbox.js';
import { CUSTOMER, revenueVoucher, sandboxFixture } from './helpers.js';

describe('spec validation', () => {
  const f = sandboxFixture();

  it('refuses a wrong type with 400 and sevDesk’s error shape', async () => {
    const reply = await f.api('POST', '/Contact', { name: 'X GmbH', category: CUSTOMER, status: 'active' });
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({
      error: { message: expect.stringContaining('status'), errorCode: 0, responseCode: 400 },
      objects: null,
    });
    expect(reply.body.error.exceptionUUID).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses an unknown enum value', async () => {
    const body = revenueVoucher([[f.accountDatev('4400'), 19, 119]], { creditDebit: 'X' });
    const reply = await f.api('POST', '/Voucher/Factory/saveVoucher', body);
    expect(reply.status).toBe(400);
    expect(reply.body.error.message).toContain('voucher.creditDebit must be one of C, D');

    const status = await f.api('POST', '/Voucher/Factory/saveVoucher', revenueVoucher([], { status: 200 }));
    expect(status.status).toBe(400);
    expect(status.body.error.message).toContain('voucher.status');

    const way = await f.api('POST', '/CommunicationWay', {
      type: 'TELEGRAM',
      value: 'x',
      key: { id: 2, objectName: 'CommunicationWayKey' },
    });
    expect(way.status).toBe(400);
  });

  it('refuses missing required fields that the overlay keeps', async () => {
    const noCategory = await f.api('POST', '/Contact', { name: 'X GmbH' });
    expect(noCategory.status).toBe(400);
    expect(noCategory.body.error.message).toContain('category is required');

    const { voucher } = revenueVoucher([]);
    const { creditDebit: _, ...withoutCreditDebit } = voucher;
    const reply = await f.api('POST', '/Voucher/Factory/saveVoucher', { voucher: withoutCreditDebit });
    expect(reply.status).toBe(400);
    expect(reply.body.error.message).toContain('voucher.creditDebit is required');

    const noVoucher = await f.api('POST', '/Voucher/Factory/saveVoucher', { voucherPosSave: [] });
    expect(noVoucher.status).toBe(400);

    const transaction = await f.api('POST', '/CheckAccountTransaction', {
      valueDate: '2026-05-01',
      checkAccount: { id: f.checkAccountId('Geschäftskonto'), objectName: 'CheckAccount' },
      status: 100,
      payeePayerName: 'X',
    });
    expect(transaction.status).toBe(400);
    expect(transaction.body.error.message).toContain('amount is required');
  });

  it('accepts what the real API accepts although the spec forbids it (§10 overlay)', async () => {
    // voucherPosSave instead of the spec's required voucherPos; no taxType next to taxRule; no accountingType,
    // no sumNet with net:false; numbers as strings; an id as string; rule 22 outside the spec's taxRule enum.
    const body = revenueVoucher([[f.accountDatev('4400'), '19', '119.00']]);
    const reply = await f.api('POST', '/Voucher/Factory/saveVoucher', body);
    expect(reply.status).toBe(201);

    const rule22 = revenueVoucher([[f.accountDatev('1370'), 0, 10]], { taxRule: { id: 22, objectName: 'TaxRule' } });
    expect((await f.api('POST', '/Voucher/Factory/saveVoucher', rule22)).status).toBe(201);
  });

  it('still requires the authoritative sum of each position', async () => {
    const body = revenueVoucher([[f.accountDatev('4400'), 19, 119]]);
    delete (body.voucherPosSave[0] as Record<string, unknown>).sumGross;
    const reply = await f.api('POST', '/Voucher/Factory/saveVoucher', body);
    expect(reply.status).toBe(400);
    expect(reply.body.error.message).toContain('sumGross is required when net is false');
  });

  it('coerces booleans given as 1/0 and numeric strings', async () => {
    const contact = await f.api('POST', '/Contact', {
      name: 'Coerce GmbH',
      category: { id: '3', objectName: 'Category' },
      exemptVat: '1',
    });
    expect(contact.status).toBe(201);
    expect(contact.body.objects.exemptVat).toBe('1');
  });

  it('checks declared query and path parameters but ignores unknown ones', async () => {
    const badQuery = await f.api(
      'GET',
      '/CheckAccountTransaction?checkAccount[id]=abc&checkAccount[objectName]=CheckAccount',
    );
    expect(badQuery.status).toBe(400);
    expect(badQuery.body.error.message).toContain('checkAccount[id]');
    expect((await f.api('GET', '/Voucher?status=42')).status).toBe(400);
    expect((await f.api('GET', '/Voucher/abc')).status).toBe(400);
    expect((await f.api('GET', '/Voucher?status=750&thisFilterDoesNotExist=1')).status).toBe(200);
  });

  it('reads application/x-www-form-urlencoded bodies with PHP bracket keys', async () => {
    const reply = await f.api(
      'POST',
      '/Contact',
      'name=Form+GmbH&category[id]=3&category[objectName]=Category&customerNumber=FORM-1',
      { 'Content-Type': 'application/x-www-form-urlencoded' },
    );
    expect(reply.status).toBe(201);
    expect(reply.body.objects).toMatchObject({ name: 'Form GmbH', customerNumber: 'FORM-1', category: { id: '3' } });
  });

  it('refuses a body that is not JSON', async () => {
    const reply = await f.api('POST', '/Contact', '{"name":', { 'Content-Type': 'application/json' });
    expect(reply.status).toBe(400);
  });

  it('fails with a clear message when the spec is missing', () => {
    expect(() => createSandbox({ specPath: '/nonexistent/openapi.yaml' })).toThrow(/sevDesk OpenAPI spec not found/);
  });

  it('answers 501 for spec routes it does not emulate and 404 for unknown paths', async () => {
    const part = await f.api('GET', '/Part');
    expect(part.status).toBe(501);
    expect(part.body.error.message).toContain('not emulated');
    expect((await f.api('GET', '/NoSuchThing')).status).toBe(404);
  });
});
