import { describe, expect, it } from 'vitest';
import {
  DEFAULT_NUMBER_FORMATS,
  formatDocumentNumber,
  numberSequencePeriod,
  validateNumberFormat,
} from './numbering.js';

describe('document numbers', () => {
  it('renders the defaults', () => {
    expect(formatDocumentNumber(DEFAULT_NUMBER_FORMATS.invoice, { date: '2026-03-02', seq: 42 })).toBe('RE-2026-00042');
    expect(formatDocumentNumber(DEFAULT_NUMBER_FORMATS.cancellation, { date: '2026-12-31', seq: 1 })).toBe(
      'ST-2026-00001',
    );
  });

  it('renders all tokens', () => {
    expect(formatDocumentNumber('{YY}{MM}-{seq:3}', { date: '2026-03-02', seq: 7 })).toBe('2603-007');
    expect(formatDocumentNumber('INV{seq}', { date: '2026-03-02', seq: 123 })).toBe('INV123');
    expect(formatDocumentNumber('R{seq:2}', { date: '2026-03-02', seq: 12345 })).toBe('R12345');
  });

  it('rejects bad input', () => {
    expect(() => formatDocumentNumber('RE-{seq}', { date: '2026-03-02', seq: 0 })).toThrow(RangeError);
    expect(() => formatDocumentNumber('RE-{seq}', { date: '02.03.2026', seq: 1 })).toThrow(RangeError);
    expect(() => formatDocumentNumber('RE-{YYYY}', { date: '2026-03-02', seq: 1 })).toThrow('must contain {seq}');
  });

  it.each([
    ['RE-{YYYY}-{seq:5}', true],
    ['{seq}', true],
    ['RE-{YYYY}', false],
    ['RE-{seq}-{seq}', false],
    ['RE-{DD}-{seq}', false],
    ['RE-{seq:0}', false],
    ['RE-{seq:13}', false],
    ['RE-{seq', false],
    ['RE-}{seq}', false],
    ['RE/{seq}', false],
    ['', false],
  ])('validateNumberFormat(%j) ok=%s', (format, ok) => {
    const result = validateNumberFormat(format);
    expect(result.ok).toBe(ok);
    if (!result.ok) expect(result.error.length).toBeGreaterThan(10);
  });

  it('tells the counter period', () => {
    expect(numberSequencePeriod('RE-{YYYY}-{seq:5}', '2026-03-02')).toBe('2026');
    expect(numberSequencePeriod('RE-{YY}{MM}-{seq}', '2026-03-02')).toBe('2026-03');
    expect(numberSequencePeriod('RE-{seq:6}', '2026-03-02')).toBe('');
  });
});
