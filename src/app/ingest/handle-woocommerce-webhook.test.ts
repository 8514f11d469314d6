import { describe, expect, it } from 'vitest';
import { isWooPing } from './handle-woocommerce-webhook.js';
import { isStale } from './ingest-order.js';

describe('WooCommerce webhook helpers', () => {
  it('recognises the creation ping and nothing else', () => {
    expect(isWooPing(Buffer.from('webhook_id=42'))).toBe(true);
    expect(isWooPing(Buffer.from('webhook_id=42&x=1'))).toBe(false);
    expect(isWooPing(Buffer.from('{"webhook_id":42}'))).toBe(false);
  });
  it('calls only a strictly older modification time stale', () => {
    expect(isStale('2026-03-05T13:02:10Z', '2026-03-05T13:02:09Z')).toBe(true);
    expect(isStale('2026-03-05T13:02:10Z', '2026-03-05T13:02:10Z')).toBe(false);
    expect(isStale('2026-03-05T13:02:10Z', '2026-03-05T14:02:10+01:00')).toBe(false);
    expect(isStale(null, '2020-01-01T00:00:00Z')).toBe(false);
    expect(isStale('2026-03-05T13:02:10Z', null)).toBe(false);
  });
});
