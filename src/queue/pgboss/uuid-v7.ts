import { randomBytes } from 'node:crypto';

// Time-ordered UUIDs (RFC 9562 version 7) for pg-boss job ids: pg-boss stores ids as `uuid`, and PostgreSQL
// compares uuids byte by byte, so ordering by id follows creation order (keyset pagination, like `newId`).
let lastMs = -1;
let last: Uint8Array = new Uint8Array(16);

export function uuidV7(now = Date.now()): string {
  let bytes: Uint8Array;
  if (now <= lastMs) {
    // Same (or an earlier) millisecond: stay monotonic by incrementing the low random bytes of the previous id.
    bytes = new Uint8Array(last);
    for (let i = 15; i >= 9; i--) {
      bytes[i] = (bytes[i]! + 1) & 0xff;
      if (bytes[i] !== 0) break;
    }
  } else {
    bytes = new Uint8Array(randomBytes(16));
    let t = now;
    for (let i = 5; i >= 0; i--) {
      bytes[i] = t % 256;
      t = Math.floor(t / 256);
    }
    bytes[6] = 0x70 | (bytes[6]! & 0x0f); // version 7
    bytes[8] = 0x80 | (bytes[8]! & 0x3f); // variant 10
    lastMs = now;
  }
  last = bytes;
  const hex = Buffer.from(bytes).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Is `s` a UUID in canonical text form? (A malformed id must be "not found", not a database error.) */
export function isUuid(s: string): boolean {
  return UUID_RE.test(s);
}
