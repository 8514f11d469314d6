import { describe, expect, it } from 'vitest';
import { FaultEngine, FaultSpecError, formatFaultRule, mulberry32, parseFaultSpec } from './faults.js';

describe('fault grammar', () => {
  it('parses the compact form', () => {
    expect(
      parseFaultSpec(
        'saveVoucher:500-after@0.2, *:429=2@0.05 ,GET /Contact:latency=200,PUT /Voucher/*/bookAmount:timeout=50#3',
      ),
    ).toEqual([
      { route: 'saveVoucher', kind: 'status', status: 500, after: true, probability: 0.2 },
      { route: '*', kind: 'status', status: 429, after: false, retryAfter: 2, probability: 0.05 },
      { route: 'GET /Contact', kind: 'latency', ms: 200 },
      { route: 'PUT /Voucher/*/bookAmount', kind: 'timeout', after: false, ms: 50, nth: 3 },
    ]);
    expect(parseFaultSpec('x:latency=100-300,y:slow-body=500,z:revoke,w:reset-after')).toMatchObject([
      { kind: 'latency', ms: 100, maxMs: 300 },
      { kind: 'slow-body', ms: 500 },
      { kind: 'revoke' },
      { kind: 'reset', after: true },
    ]);
    expect(parseFaultSpec('')).toEqual([]);
  });

  it('round-trips through formatFaultRule', () => {
    const spec = 'saveVoucher:500-after@0.2,*:429=2@0.05,GET /Contact:latency=100-300#2,x:timeout-after=10';
    expect(parseFaultSpec(spec).map(formatFaultRule).join(',')).toBe(spec);
  });

  it.each(['noColon', 'x:teapot', 'x:500@1.5', 'x:500#0', 'x:latency', 'x:429-after', ':500'])('refuses %j', (spec) => {
    expect(() => parseFaultSpec(spec)).toThrow(FaultSpecError);
  });
});

describe('fault engine', () => {
  const decisions = (engine: FaultEngine, n: number) =>
    Array.from(
      { length: n },
      () =>
        engine.plan(
          'POST',
          '/Voucher/Factory/saveVoucher',
          'voucherFactorySaveVoucher',
          'POST /Voucher/Factory/saveVoucher',
        ).after?.status ?? 0,
    );

  it('is deterministic by seed', () => {
    const spec = 'saveVoucher:500-after@0.3';
    expect(decisions(new FaultEngine(1, spec), 50)).toEqual(decisions(new FaultEngine(1, spec), 50));
    expect(decisions(new FaultEngine(1, spec), 50)).not.toEqual(decisions(new FaultEngine(2, spec), 50));
    const hits = decisions(new FaultEngine(1, spec), 1000).filter(Boolean).length;
    expect(hits).toBeGreaterThan(230);
    expect(hits).toBeLessThan(370);
  });

  it('matches by operation name, last segment, method and path pattern', () => {
    const plan = (spec: string, method: string, template: string, op: string) =>
      new FaultEngine(1, spec).plan(method, template, op, `${method} ${template}`).before?.status;
    expect(plan('bookAmount:503', 'PUT', '/Invoice/{invoiceId}/bookAmount', 'bookInvoice')).toBe(503);
    expect(plan('bookInvoice:503', 'PUT', '/Invoice/{invoiceId}/bookAmount', 'bookInvoice')).toBe(503);
    expect(plan('PUT /Invoice/*/bookAmount:503', 'PUT', '/Invoice/{invoiceId}/bookAmount', 'bookInvoice')).toBe(503);
    expect(
      plan('GET /Invoice/*/bookAmount:503', 'PUT', '/Invoice/{invoiceId}/bookAmount', 'bookInvoice'),
    ).toBeUndefined();
    expect(plan('/Contact:503', 'GET', '/Contact', 'getContacts')).toBe(503);
  });

  it('strikes only the n-th matching call with #n, per account', () => {
    const engine = new FaultEngine(1, 'x:500#2');
    const call = (scope: string) => engine.plan('GET', '/x', 'x', 'GET /x', scope).before?.status ?? 0;
    expect([call('a'), call('a'), call('b'), call('b'), call('a')]).toEqual([0, 500, 0, 500, 0]);
  });

  it('mulberry32 yields numbers in [0, 1)', () => {
    const random = mulberry32(99);
    for (let i = 0; i < 1000; i++) {
      const x = random();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
    }
  });
});
