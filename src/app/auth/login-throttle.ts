import { createHash } from 'node:crypto';

// Login throttling rules (pure). Two counters per attempt: the pair (client address, e-mail) against guessing
// one account's password, and the client address alone against spraying one password over many accounts.
// Below the free budget nothing happens; above it every further failure doubles the lock, up to a cap.

export interface ThrottleRule {
  free: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const PAIR_RULE: ThrottleRule = { free: 5, baseDelayMs: 1_000, maxDelayMs: 15 * 60_000 };
export const ADDRESS_RULE: ThrottleRule = { free: 50, baseDelayMs: 1_000, maxDelayMs: 15 * 60_000 };
/** A counter untouched this long starts from zero again. */
export const THROTTLE_FORGET_MS = 24 * 60 * 60_000;

export function lockDelayMs(failures: number, rule: ThrottleRule): number {
  if (failures < rule.free) return 0;
  const exponent = Math.min(failures - rule.free, 30);
  return Math.min(rule.baseDelayMs * 2 ** exponent, rule.maxDelayMs);
}

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

export function throttleKeys(clientAddress: string, email: string): { pair: string; address: string } {
  const e = email.trim().toLowerCase();
  return { pair: sha(`pair\n${clientAddress}\n${e}`), address: sha(`address\n${clientAddress}`) };
}
