import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signWooBody, verifyWooSignature } from './signature.js';

const secret = 'wc-webhook-secret';
const body = '{"id":727,"status":"processing"}';

describe('WooCommerce webhook signature', () => {
  it('is base64 HMAC-SHA256 of the raw body', () => {
    expect(signWooBody(body, secret)).toBe(createHmac('sha256', secret).update(body).digest('base64'));
  });

  it('verifies strings and bytes alike', () => {
    const header = signWooBody(body, secret);
    expect(verifyWooSignature(body, header, secret)).toBe(true);
    expect(verifyWooSignature(new TextEncoder().encode(body), header, secret)).toBe(true);
    expect(verifyWooSignature(body, ` ${header} `, secret)).toBe(true);
  });

  it('rejects a changed body, a wrong secret, or a tampered signature', () => {
    const header = signWooBody(body, secret);
    expect(verifyWooSignature(`${body} `, header, secret)).toBe(false);
    expect(verifyWooSignature(body, header, 'other')).toBe(false);
    const flipped = (header[0] === 'A' ? 'B' : 'A') + header.slice(1);
    expect(verifyWooSignature(body, flipped, secret)).toBe(false);
  });

  it('is length-safe and never throws on junk headers', () => {
    const header = signWooBody(body, secret);
    for (const junk of [
      undefined,
      '',
      'abc',
      header.slice(0, -4),
      `${header}AAAA`,
      `${header.slice(0, -1)}!`,
      'x'.repeat(10_000),
      '=====',
    ]) {
      expect(verifyWooSignature(body, junk, secret)).toBe(false);
    }
  });

  it('rejects everything without a secret', () => {
    expect(verifyWooSignature(body, signWooBody(body, ''), '')).toBe(false);
  });

  it('handles non-ASCII bodies byte-exactly', () => {
    const unicode = '{"name":"Kochbuch „Regional & Saisonal“"}';
    expect(verifyWooSignature(Buffer.from(unicode, 'utf8'), signWooBody(unicode, secret), secret)).toBe(true);
  });
});
