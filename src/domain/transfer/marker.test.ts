import { describe, expect, it } from 'vitest';
import { hasMarker, markersIn, transferMarker, voucherDescription } from './marker.js';

describe('transfer marker', () => {
  it('puts number, cancelled invoice and marker into the description', () => {
    expect(voucherDescription({ number: 'RE-2026-00042', documentId: 'doc_01ABC' })).toBe(
      'RE-2026-00042 [BF:doc_01ABC]',
    );
    expect(voucherDescription({ number: 'ST-2026-00003', documentId: 'doc_02', cancelsNumber: 'RE-2026-00042' })).toBe(
      'ST-2026-00003 Storno zu RE-2026-00042 [BF:doc_02]',
    );
  });

  it('compares exactly: a longer id containing ours is not a match', () => {
    const d = 'RE-1 [BF:doc_01ABCX]';
    expect(hasMarker(d, 'doc_01ABC')).toBe(false);
    expect(hasMarker(d, 'doc_01ABCX')).toBe(true);
    expect(hasMarker('RE-1 doc_01ABC', 'doc_01ABC')).toBe(false);
    expect(hasMarker(null, 'doc_01ABC')).toBe(false);
    expect(markersIn('[BF:a] text [BF:b_c]')).toEqual(['a', 'b_c']);
  });

  it('refuses ids that would break the marker', () => {
    expect(() => transferMarker('doc]x')).toThrow(RangeError);
  });
});
