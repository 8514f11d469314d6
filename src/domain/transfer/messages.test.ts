import { describe, expect, it } from 'vitest';
import { messages, translateRejection } from './messages.js';

describe('operator messages', () => {
  it('the two diagnoses of the seed, precise and in both languages', () => {
    const host = messages.hostUnreachable('dns', 'my.sevdesk.de');
    expect(host.de).toMatch(/Dein Host erlaubt keine ausgehenden Verbindungen zu sevDesk/);
    expect(host.de).toMatch(/DNS/);
    expect(host.en).toMatch(/your host does not allow outgoing connections to sevDesk/i);
    const auth = messages.authInvalid(403);
    expect(auth.de).toMatch(/Trenne die Verbindung und verbinde sie .* neu/);
    expect(auth.de).toMatch(/Tarif mit API-Zugriff/);
    expect(auth.en).toMatch(/Disconnect and connect again/);
    expect(auth.en).toMatch(/plan that includes API access/);
  });

  it('names the rate and the cent difference when VAT cannot be reproduced', () => {
    const m = messages.vatNotReproducible(1900, 716, 717, 'EUR');
    expect(m.de).toContain('19 %');
    expect(m.de).toContain('-0,01 EUR');
    expect(m.en).toContain('difference -0.01 EUR');
  });

  it('translates sevDesk refusals into actionable sentences, quoting sevDesk', () => {
    const rule = translateRejection({ status: 422, code: null, message: 'Tax rule 3 is not allowed for account 4400' });
    expect(rule.code).toBe('tax_rule_refused');
    expect(rule.de).toMatch(/Erlöskonten/);
    expect(rule.en).toContain('"Tax rule 3 is not allowed for account 4400"');
    expect(translateRejection({ status: 400, code: 90400, message: 'Use resetToDraft first' }).code).toBe(
      'voucher_not_draft',
    );
    expect(translateRejection({ status: 409, code: 159, message: 'x' }).code).toBe('sevdesk_conflict');
    expect(translateRejection({ status: 422, code: null, message: 'Tax rate 16 is not allowed' }).code).toBe(
      'tax_rate_refused',
    );
    expect(
      translateRejection({ status: 400, code: null, message: 'Bad request: the uploaded file is empty' }).code,
    ).toBe('file_refused');
    const other = translateRejection({ status: 422, code: null, message: 'Something odd' });
    expect(other.code).toBe('sevdesk_rejected');
    expect(other.en).toMatch(/HTTP 422.*Something odd.*transfer again/);
  });
});
