import { afterAll, describe, expect, it } from 'vitest';
import { createSandbox } from '../../src/sandbox/create-sandbox.js';

// The sandbox's cost centres: three per account with account-specific ids; a voucher may name only its own.

describe('sandbox cost centres', () => {
  const sandbox = createSandbox({ seed: 3 });
  afterAll(() => sandbox.close());
  const api = async (token: string, method: string, path: string, body?: unknown) => {
    const res = await sandbox.fetch(`http://sandbox.test/api/v1${path}`, {
      method,
      headers: { authorization: token, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    // biome-ignore lint/suspicious/noExplicitAny: sevDesk wire bodies, checked field by field
    return { status: res.status, body: (await res.json()) as any };
  };

  it('lists the account’s cost centres and refuses a voucher naming another account’s', async () => {
    const a = sandbox.createAccount({});
    const b = sandbox.createAccount({});
    const listA = (await api(a.token, 'GET', '/CostCentre')).body.objects;
    const listB = (await api(b.token, 'GET', '/CostCentre')).body.objects;
    expect(listA[0]).toMatchObject({ objectName: 'CostCentre', number: '100', name: 'Onlineshop' });
    expect(listA.map((c: { id: string }) => c.id)).not.toEqual(listB.map((c: { id: string }) => c.id));
    const account = sandbox.dump(a.token).receiptGuidance.find((g) => g.accountNumber === '4400')!.accountDatevId;
    const voucher = (costCentre: string) => ({
      voucher: {
        objectName: 'Voucher',
        mapAll: true,
        voucherDate: '10.03.2026',
        supplierName: 'Max Kunde',
        description: 'RE-1',
        status: 100,
        taxRule: { id: '1', objectName: 'TaxRule' },
        creditDebit: 'D',
        voucherType: 'VOU',
        currency: 'EUR',
        costCentre: { id: Number(costCentre), objectName: 'CostCentre' },
      },
      voucherPosSave: [
        {
          objectName: 'VoucherPos',
          mapAll: true,
          accountDatev: { id: account, objectName: 'AccountDatev' },
          taxRate: 19,
          net: false,
          sumGross: 11.9,
        },
      ],
      voucherPosDelete: null,
      filename: null,
    });
    const foreign = await api(a.token, 'POST', '/Voucher/Factory/saveVoucher', voucher(listB[0].id));
    expect(foreign.status).toBe(422);
    expect(foreign.body.error.message).toMatch(/CostCentre \d+ does not exist/);
    const own = await api(a.token, 'POST', '/Voucher/Factory/saveVoucher', voucher(listA[1].id));
    expect(own.status).toBe(201);
    expect(own.body.objects.voucher.costCentre).toEqual({ id: listA[1].id, objectName: 'CostCentre' });
  });
});
