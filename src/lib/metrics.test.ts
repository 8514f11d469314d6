import { describe, expect, it } from 'vitest';
import { Counter, Histogram } from './metrics.js';

describe('metrics', () => {
  it('renders counters with escaped labels', () => {
    const c = new Counter('x_total', 'help');
    c.inc({ route: 'GET /Voucher', q: 'a"b' });
    c.inc({ route: 'GET /Voucher', q: 'a"b' }, 2);
    expect(c.render()).toContain('x_total{q="a\\"b",route="GET /Voucher"} 3');
  });
  it('renders cumulative histogram buckets', () => {
    const h = new Histogram('lat', 'help', [0.1, 1]);
    h.observe({}, 0.05);
    h.observe({}, 0.5);
    h.observe({}, 5);
    const out = h.render();
    expect(out).toContain('lat_bucket{le="0.1"} 1');
    expect(out).toContain('lat_bucket{le="1"} 2');
    expect(out).toContain('lat_bucket{le="+Inf"} 3');
    expect(out).toContain('lat_count 3');
  });
});
