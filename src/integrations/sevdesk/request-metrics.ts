import { metrics } from '../../lib/metrics.js';

// Prometheus labels for sevDesk requests: route templates (ids replaced) keep the label set bounded.

/** `/Voucher/123/bookAmount` → `/Voucher/{id}/bookAmount`. */
export function routeTemplate(path: string): string {
  return (path.split('?')[0] ?? '').replace(/\/\d+(?=\/|$)/g, '/{id}');
}

/** `2xx` … `5xx`, `429` on its own (the rate limit), `network` when no answer came. */
export function statusClass(status: number | null): string {
  if (status === null) return 'network';
  if (status === 429) return '429';
  return `${Math.floor(status / 100)}xx`;
}

/** One try of a request: its answer's status and, when it was sent, how long sevDesk took (pacing excluded). */
export function recordSevdeskRequest(
  method: string,
  path: string,
  status: number | null,
  outcome: 'ok' | 'retry' | 'error',
  seconds: number | null,
): void {
  const route = routeTemplate(path);
  metrics.sevdeskRequests.inc({ method, route, status: statusClass(status) });
  if (seconds !== null) metrics.sevdeskRequestSeconds.observe({ method, route, outcome }, seconds);
}
