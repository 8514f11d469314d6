import { describe, expect, it } from 'vitest';
import { generatePassword, hashPassword, verifyPassword } from './password-hash.js';

const FAST = { log2N: 10, r: 8, p: 1 };

describe('password hashing', () => {
  it('verifies the right password and rejects a wrong one', async () => {
    const hash = await hashPassword('correct horse battery', FAST);
    expect(hash).toMatch(/^scrypt\$10\$8\$1\$[\w-]+\$[\w-]+$/);
    expect(await verifyPassword('correct horse battery', hash)).toBe(true);
    expect(await verifyPassword('correct horse batterY', hash)).toBe(false);
  });

  it('salts every hash', async () => {
    expect(await hashPassword('same', FAST)).not.toBe(await hashPassword('same', FAST));
  });

  it('treats malformed envelopes as a mismatch, never an exception', async () => {
    for (const bad of ['', 'scrypt$x', 'bcrypt$10$8$1$a$b', 'scrypt$99$8$1$AAAA$AAAA', 'scrypt$10$8$1$AAAA$short']) {
      expect(await verifyPassword('x', bad)).toBe(false);
    }
  });

  it('normalizes Unicode so the same password typed on another keyboard matches', async () => {
    const hash = await hashPassword('Ma\u0308dchen', FAST);
    expect(await verifyPassword('M\u00e4dchen', hash)).toBe(true);
  });

  it('generates readable random passwords', () => {
    const a = generatePassword();
    expect(a).toMatch(/^[a-zA-Z2-9]{5}(-[a-zA-Z2-9]{5}){3}$/);
    expect(generatePassword()).not.toBe(a);
  });
});
