// WooCommerce webhook signatures: X-WC-Webhook-Signature = base64(HMAC-SHA256(secret, raw body)).
// Verified over the raw bytes (never re-serialized JSON) and compared in constant time.
import { createHmac, timingSafeEqual } from 'node:crypto';

const BASE64_SHA256 = /^[A-Za-z0-9+/]{43}=$/;

export function signWooBody(rawBody: Uint8Array | string, secret: string): string {
  return createHmac('sha256', secret).update(rawBody).digest('base64');
}

export function verifyWooSignature(rawBody: Uint8Array | string, header: string | undefined, secret: string): boolean {
  if (!header || !secret) return false;
  const given = header.trim();
  // Length and alphabet first: Buffer.from(…, 'base64') silently skips junk, and timingSafeEqual throws on length mismatch.
  if (!BASE64_SHA256.test(given)) return false;
  const expected = createHmac('sha256', secret).update(rawBody).digest();
  const actual = Buffer.from(given, 'base64');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
