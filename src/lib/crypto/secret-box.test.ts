import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SecretBox } from './secret-box.js';

describe('SecretBox', () => {
  const box = new SecretBox(randomBytes(32));
  it('round-trips and never contains the plaintext', () => {
    const env = box.encrypt('0123456789abcdef0123456789abcdef', 'shops:1:token');
    expect(env).not.toContain('0123456789abcdef');
    expect(box.decrypt(env, 'shops:1:token')).toBe('0123456789abcdef0123456789abcdef');
  });
  it('refuses a ciphertext moved to another row', () => {
    const env = box.encrypt('secret', 'shops:1:token');
    expect(() => box.decrypt(env, 'shops:2:token')).toThrow(/cannot be decrypted/);
  });
  it('refuses another key', () => {
    const env = box.encrypt('secret', 'a');
    expect(() => new SecretBox(randomBytes(32)).decrypt(env, 'a')).toThrow(/another key/);
  });
});
