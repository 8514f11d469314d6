import { describe, expect, it } from 'vitest';
import { metrics } from '../../lib/metrics.js';
import { recordSevdeskRequest, routeTemplate, statusClass } from './request-metrics.js';

describe('sevDesk request metrics', () => {
  it('turns paths into route templates', () => {
    expect(routeTemplate('/Voucher/123/bookAmount')).toBe('/Voucher/{id}/bookAmount');
    expect(routeTemplate('/Voucher/Factory/saveVoucher')).toBe('/Voucher/Factory/saveVoucher');
    expect(routeTemplate('/Contact/42?depth=1')).toBe('/Contact/{id}');
    expect(routeTemplate('/CheckAccountTransaction')).toBe('/CheckAccountTransaction');
  });

  it('classes statuses, keeping 429 apart', () => {
    expect([200, 201, 404, 422, 429, 500, null].map(statusClass)).toEqual([
      '2xx',
      '2xx',
      '4xx',
      '4xx',
      '429',
      '5xx',
      'network',
    ]);
  });

  it('counts every try and times the ones that were sent', () => {
    recordSevdeskRequest('GET', '/Voucher/7', 200, 'ok', 0.12);
    recordSevdeskRequest('GET', '/Voucher/8', null, 'error', null);
    const counted = metrics.sevdeskRequests.render();
    expect(counted).toContain('belegfluss_sevdesk_requests_total{method="GET",route="/Voucher/{id}",status="2xx"}');
    expect(counted).toContain('belegfluss_sevdesk_requests_total{method="GET",route="/Voucher/{id}",status="network"}');
    expect(metrics.sevdeskRequestSeconds.render()).toContain(
      'belegfluss_sevdesk_request_duration_seconds_bucket{method="GET",outcome="ok",route="/Voucher/{id}",le="0.25"}',
    );
  });
});
