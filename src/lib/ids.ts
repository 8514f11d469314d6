import { randomBytes } from 'node:crypto';

// Time-sortable ids (48-bit ms timestamp + 80 random bits, Crockford base32) so keyset pagination
// by id follows creation order on SQLite and PostgreSQL alike.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
let lastMs = 0;
let lastRand: Uint8Array = new Uint8Array(10);

function encode(bytes: Uint8Array): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

export function newId(prefix: string, now = Date.now()): string {
  let rand: Uint8Array;
  if (now === lastMs) {
    // Monotonic within one millisecond: increment the random part.
    rand = new Uint8Array(lastRand);
    for (let i = rand.length - 1; i >= 0; i--) {
      rand[i] = (rand[i]! + 1) & 0xff;
      if (rand[i] !== 0) break;
    }
  } else {
    rand = new Uint8Array(randomBytes(10));
  }
  lastMs = now;
  lastRand = rand;
  const ts = new Uint8Array(6);
  let t = now;
  for (let i = 5; i >= 0; i--) {
    ts[i] = t % 256;
    t = Math.floor(t / 256);
  }
  const body = new Uint8Array(16);
  body.set(ts, 0);
  body.set(rand, 6);
  return `${prefix}_${encode(body)}`;
}
