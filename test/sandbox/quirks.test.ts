// The real API's behaviour where it differs from the spec (sevdesk-api.md §1.2, §1.5, §2, §3.3).
import { describe, expect, it } from 'vitest';
import { CUSTOMER, sandboxFixture } from './helpers.js';

describe('wire format', () => {
  const f = sandboxFixture();

  it('wraps in objects, answers GET by id as a one-element list and renders numbers as strings', async () => {
    const created = await f.api('POST', '/Contact', {
      name: 'Muster GmbH',
      category: CUSTOMER,
      status: 1000,
      customerNumber: 'SHOP-1',
    });
    expect(created.status).toBe(201);
    const id = created.body.objects.id;
    expect(id).toMatch(/^\d+$/);
    expect(created.body.objects).toMatchObject({
      objectName: 'Contact',
      status: '1000',
      category: { id: '3', objectName: 'Category' },
    });

    const byId = await f.api('GET', `/Contact/${id}`);
    expect(Array.isArray(byId.body.objects)).toBe(true);
    expect(byId.body.objects).toHaveLength(1);
    expect(byId.body.objects[0].id).toBe(id);
    expect(byId.body.objects[0].create).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0[12]:00$/);
  });

  it('answers unknown ids with 404 and code 151', async () => {
    const reply = await f.api('GET', '/CheckAccountTransaction/1');
    expect(reply.status).toBe(404);
    expect(reply.body).toMatchObject({
      error: { message: 'No Model_CheckAccountTransaction with the id 1 was found', code: 151, responseCode: 404 },
      objects: null,
    });
  });

  it('paginates with limit/offset and counts with countAll', async () => {
    const page = await f.api('GET', '/StaticCountry?limit=5&offset=2&countAll=true');
    expect(page.body.objects).toHaveLength(5);
    expect(page.body.total).toBeGreaterThan(50);
    expect(page.body.objects[0].id).toBe('3');
  });

  it('refuses an unknown token, a Bearer prefix and a missing header with 401', async () => {
    for (const headers of [{ Authorization: 'unknown' }, { Authorization: `Bearer ${f.token}` }]) {
      const reply = await f.sandbox.fetch('http://x/api/v1/Contact', { headers });
      expect(reply.status).toBe(401);
      expect(await reply.json()).toMatchObject({ error: { message: 'Authentication required', responseCode: 401 } });
    }
    expect((await f.sandbox.fetch('http://x/api/v1/Contact')).status).toBe(401);
  });
});

describe('reference data', () => {
  const f = sandboxFixture({}, { bookkeepingVersion: '1.0' });

  it('reports the account’s bookkeeping version and refuses X-Version there', async () => {
    expect((await f.api('GET', '/Tools/bookkeepingSystemVersion')).body).toEqual({ objects: { version: '1.0' } });
    expect((await f.api('GET', '/Tools/bookkeepingSystemVersion', undefined, { 'X-Version': '2.0' })).status).toBe(400);
  });

  it('lists countries with DE = 1 and lowercase codes, incl. every EU member', async () => {
    const de = await f.api('GET', '/StaticCountry?code=DE');
    expect(de.body.objects).toEqual([expect.objectContaining({ id: '1', code: 'de' })]);
    const all = (await f.api('GET', '/StaticCountry?limit=999')).body.objects as Array<{
      code: string;
      nameEn: string;
    }>;
    const eu = 'at be bg cy cz de dk ee es fi fr gr hr hu ie it lt lu lv mt nl pl pt ro se si sk'.split(' ');
    for (const code of eu) expect(all.some((c) => c.code === code)).toBe(true);
    for (const code of ['ch', 'us', 'no']) expect(all.some((c) => c.code === code)).toBe(true);
    expect(all.filter((c) => c.code === 'gb').map((c) => c.nameEn)).toContain('United Kingdom');
  });

  it('knows the address categories 47/48 and the customer category 3', async () => {
    const address = await f.api('GET', '/Category?objectType=ContactAddress');
    const names = Object.fromEntries(address.body.objects.map((c: { id: string; name: string }) => [c.id, c.name]));
    expect(names).toMatchObject({ 47: 'Rechnungsadresse', 48: 'Lieferadresse' });
    const contact = await f.api('GET', '/Category?objectType=Contact');
    expect(contact.body.objects.find((c: { id: string }) => c.id === '3').name).toBe('Kunde');
  });

  it('serves keys, tax rules, units, the user and cost centres', async () => {
    expect((await f.api('GET', '/CommunicationWayKey')).body.objects).toHaveLength(8);
    const rules = (await f.api('GET', '/TaxRule')).body.objects.map((r: { id: string }) => r.id);
    expect(rules).toEqual(expect.arrayContaining(['1', '2', '3', '11', '17', '18', '19', '20', '21']));
    expect((await f.api('GET', '/Unity')).body.objects[0]).toMatchObject({ id: '1', name: 'Stk' });
    expect((await f.api('GET', '/SevUser')).body.objects).toHaveLength(1);
    const centres = (await f.api('GET', '/CostCentre')).body.objects;
    expect(centres.map((c: { number: string; name: string }) => `${c.number} ${c.name}`)).toEqual([
      '100 Onlineshop',
      '200 Marktplätze',
      '300 Großhandel',
    ]);
  });
});

describe('contacts', () => {
  const f = sandboxFixture();

  it('finds persons only with depth=1 and matches customerNumber exactly', async () => {
    await f.api('POST', '/Contact', {
      surename: 'Erika',
      familyname: 'Mustermann',
      category: CUSTOMER,
      customerNumber: 'SHOP-42',
    });
    expect((await f.api('GET', '/Contact?customerNumber=SHOP-42')).body.objects).toHaveLength(0);
    const found = await f.api('GET', '/Contact?customerNumber=SHOP-42&depth=1');
    expect(found.body.objects).toHaveLength(1);
    expect(found.body.objects[0]).toMatchObject({ name: null, surename: 'Erika', familyname: 'Mustermann' });
    expect((await f.api('GET', '/Contact?customerNumber=SHOP-4&depth=1')).body.objects).toHaveLength(0);
  });

  it('searches by name across name, surename and familyname', async () => {
    await f.api('POST', '/Contact', { name: 'Nordlicht Handels GmbH', category: CUSTOMER });
    const byFamily = await f.api('GET', '/Contact?name=mustermann&depth=1');
    expect(byFamily.body.objects.map((c: { familyname: string }) => c.familyname)).toEqual(['Mustermann']);
    expect((await f.api('GET', '/Contact?name=nordlicht')).body.objects).toHaveLength(1);
  });

  it('assigns the next free customer number when none is given', async () => {
    const next = (await f.api('GET', '/Contact/Factory/getNextCustomerNumber')).body.objects;
    const created = await f.api('POST', '/Contact', { name: 'Ohne Nummer GmbH', category: CUSTOMER });
    expect(created.body.objects.customerNumber).toBe(next);
    const check = await f.api('GET', `/Contact/Mapper/checkCustomerNumberAvailability?customerNumber=${next}`);
    expect(check.body.objects).toBe(false);
  });

  it('updates partially and does not turn a person into an organisation', async () => {
    const person = (
      await f.api('POST', '/Contact', { surename: 'Max', familyname: 'Muster', category: CUSTOMER, vatNumber: 'DE1' })
    ).body.objects;
    const updated = await f.api('PUT', `/Contact/${person.id}`, { name: 'Jetzt Firma', buyerReference: 'LEIT-1' });
    expect(updated.status).toBe(200);
    expect(updated.body.objects).toMatchObject({
      name: null,
      surename: 'Max',
      vatNumber: 'DE1',
      buyerReference: 'LEIT-1',
    });
  });

  it('ignores unknown filters and returns everything', async () => {
    const all = (await f.api('GET', '/Contact?depth=1')).body.objects.length;
    expect((await f.api('GET', '/Contact?depth=1&email=nobody@example.com')).body.objects).toHaveLength(all);
  });

  it('creates addresses and communication ways, and filters ways by value', async () => {
    const contact = (await f.api('POST', '/Contact', { name: 'Adress GmbH', category: CUSTOMER })).body.objects;
    const ref = { id: contact.id, objectName: 'Contact' };
    const address = await f.api('POST', '/ContactAddress', {
      contact: ref,
      street: 'Probestrasse 1',
      zip: '10115',
      city: 'Berlin',
      country: { id: 1, objectName: 'StaticCountry' },
      category: { id: 47, objectName: 'Category' },
    });
    expect(address.status).toBe(201);
    expect(address.body.objects.contact).toMatchObject({ id: contact.id, name: 'Adress GmbH' });
    const wrongCategory = await f.api('POST', '/ContactAddress', {
      contact: ref,
      country: { id: 1, objectName: 'StaticCountry' },
      category: { id: 3, objectName: 'Category' },
    });
    expect(wrongCategory.status).toBe(422);
    const list = await f.api('GET', `/ContactAddress?contact[id]=${contact.id}&contact[objectName]=Contact`);
    expect(list.body.objects).toHaveLength(1);
    expect(list.body.objects[0].contact).toEqual({ id: contact.id, objectName: 'Contact' });
    await f.api('PUT', `/ContactAddress/${address.body.objects.id}`, { city: 'Potsdam' });
    expect((await f.api('GET', `/ContactAddress/${address.body.objects.id}`)).body.objects[0]).toMatchObject({
      city: 'Potsdam',
      zip: '10115',
    });

    const way = await f.api('POST', '/CommunicationWay', {
      contact: ref,
      type: 'EMAIL',
      value: 'Kunde@Example.com',
      key: { id: 2, objectName: 'CommunicationWayKey' },
      main: true,
    });
    expect(way.body.objects).toMatchObject({ type: 'EMAIL', main: '1', key: { id: '2' } });
    const byValue = await f.api('GET', '/CommunicationWay?type=EMAIL&value=kunde@example.com');
    expect(byValue.body.objects.map((w: { contact: { id: string } }) => w.contact.id)).toEqual([contact.id]);
    expect((await f.api('GET', '/CommunicationWay?value=other@example.com')).body.objects).toHaveLength(0);
    expect((await f.api('GET', `/CommunicationWay?contact[id]=${contact.id}&main=1`)).body.objects).toHaveLength(1);
  });
});

describe('check account transactions', () => {
  const f = sandboxFixture();
  const bank = () => f.checkAccountId('Geschäftskonto');

  it('creates transactions only on online accounts', async () => {
    const offline = await f.api('POST', '/CheckAccountTransaction', {
      valueDate: '2026-05-01T12:00:00+02:00',
      checkAccount: { id: f.checkAccountId('Verrechnungskonto'), objectName: 'CheckAccount' },
      amount: 10,
      status: 100,
      payeePayerName: 'X',
    });
    expect(offline.status).toBe(422);
    expect(offline.body.error.message).toBe(
      'You can only create transactions on online checkaccounts. Use document bookAmount to create transactions on other types.',
    );
    const online = await f.api('POST', '/CheckAccountTransaction', {
      valueDate: '2026-05-01T12:00:00+02:00',
      checkAccount: { id: bank(), objectName: 'CheckAccount' },
      amount: '-15',
      status: 100,
      payeePayerName: 'Stripe',
      paymtPurpose: 'fee',
    });
    expect(online.status).toBe(201);
    expect(online.body.objects).toMatchObject({
      amount: '-15',
      status: '100',
      entryDate: online.body.objects.valueDate,
    });
  });

  it('filters like sevDesk: substring purpose, entryDate window, isBooked=false ignored', async () => {
    const importRow = (purpose: string, amountMinor: number, entryDate: string, valueDate: string) =>
      f.sandbox.importTransaction(f.token, {
        checkAccountId: bank(),
        amountMinor,
        paymtPurpose: purpose,
        payeePayerName: 'Kunde',
        entryDate,
        valueDate,
      });
    const a = importRow('Bestellung 10042 Danke', 11900, '2026-05-10', '2026-05-09');
    importRow('Bestellung 100420', 500, '2026-05-12', '2026-05-12');
    importRow('Miete', -80000, '2026-05-03', '2026-05-03');

    const purpose = await f.api('GET', '/CheckAccountTransaction?paymtPurpose=10042');
    expect(purpose.body.objects).toHaveLength(2);
    const window = await f.api(
      `GET`,
      `/CheckAccountTransaction?paymtPurpose=10042&startDate=${Date.parse('2026-05-10T00:00:00+02:00') / 1000}&endDate=${Date.parse('2026-05-10T23:59:59+02:00') / 1000}`,
    );
    expect(window.body.objects.map((t: { id: string }) => t.id)).toEqual([String(a.id)]);
    const total = (await f.api('GET', '/CheckAccountTransaction')).body.objects.length;
    expect((await f.api('GET', '/CheckAccountTransaction?isBooked=false')).body.objects).toHaveLength(total);
    expect((await f.api('GET', '/CheckAccountTransaction?isBooked=true')).body.objects).toHaveLength(0);
    expect(
      (await f.api('GET', '/CheckAccountTransaction?onlyCredit=true&payeePayerName=kunde')).body.objects,
    ).toHaveLength(2);
    expect(
      (await f.api('GET', '/CheckAccountTransaction?onlyDebit=1')).body.objects.every((t: { amount: string }) =>
        t.amount.startsWith('-'),
      ),
    ).toBe(true);
    expect(
      (
        await f.api(
          'GET',
          '/CheckAccountTransaction?status=100&checkAccount[id]=' + bank() + '&checkAccount[objectName]=CheckAccount',
        )
      ).body.objects.length,
    ).toBe(total);
  });

  it('deletes only open transactions and still reads deleted ones by id', async () => {
    const row = f.sandbox.importTransaction(f.token, {
      checkAccountId: bank(),
      amount: '1.00',
      paymtPurpose: 'to delete',
    });
    expect((await f.api('DELETE', `/CheckAccountTransaction/${row.id}`)).body).toEqual({ objects: [null] });
    expect((await f.api('GET', '/CheckAccountTransaction?paymtPurpose=to delete')).body.objects).toHaveLength(0);
    const deleted = await f.api('GET', `/CheckAccountTransaction/${row.id}`);
    expect(deleted.body.objects[0].deletedAt).not.toBeNull();
  });

  it('creates file import and clearing accounts through the factories', async () => {
    const csv = await f.api('POST', '/CheckAccount/Factory/fileImportAccount', {
      name: 'Stripe Import',
      importType: 'CSV',
    });
    expect(csv.status).toBe(201);
    expect(csv.body.objects).toMatchObject({ type: 'online', importType: 'CSV', accountingNumber: '1801' });
    const clearing = await f.api('POST', '/CheckAccount/Factory/clearingAccount', {
      name: 'Marktplatz',
      accountingNumber: 1361,
    });
    expect(clearing.body.objects).toMatchObject({ type: 'offline', accountingNumber: '1361' });
    const types = (await f.api('GET', '/CheckAccount')).body.objects.map(
      (c: { name: string; type: string }) => `${c.name}:${c.type}`,
    );
    expect(types).toEqual(
      expect.arrayContaining([
        'Geschäftskonto:online',
        'PayPal:online',
        'Verrechnungskonto:offline',
        'Kasse:register',
        'Stripe Import:online',
      ]),
    );
  });

  it('takes the singular autoMapTransaction on update and ignores the spec’s plural', async () => {
    const id = f.checkAccountId('PayPal');
    await f.api('PUT', `/CheckAccount/${id}`, { autoMapTransactions: 0 });
    expect((await f.api('GET', `/CheckAccount/${id}`)).body.objects[0].autoMapTransaction).toBe('1');
    await f.api('PUT', `/CheckAccount/${id}`, { autoMapTransaction: 0 });
    expect((await f.api('GET', `/CheckAccount/${id}`)).body.objects[0].autoMapTransaction).toBe('0');
  });
});
