import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../errors.js';

// Secrets at rest (sevDesk tokens, webhook secrets, REST keys): AES-256-GCM with a 12-byte IV, a 16-byte tag
// and the storage location as additional authenticated data, so a ciphertext copied to another row or column
// does not decrypt. Envelope: v1.<keyId>.<iv>.<tag>.<ciphertext>, base64url.

export class SecretBox {
  readonly keyId: string;

  constructor(private readonly key: Buffer) {
    if (key.length !== 32)
      throw new AppError('config', 'invalid_secret_key', 'BELEGFLUSS_SECRET_KEY: must be 32 bytes (base64 or hex)');
    this.keyId = createHash('sha256').update(key).digest('base64url').slice(0, 8);
  }

  encrypt(plaintext: string, aad: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(aad));
    const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [
      'v1',
      this.keyId,
      iv.toString('base64url'),
      cipher.getAuthTag().toString('base64url'),
      ct.toString('base64url'),
    ].join('.');
  }

  decrypt(envelope: string, aad: string): string {
    const [version, keyId, iv, tag, ct] = envelope.split('.');
    if (version !== 'v1' || !iv || !tag || ct === undefined)
      throw new AppError('internal', 'secret_corrupt', 'stored secret has an unknown format');
    if (keyId !== this.keyId)
      throw new AppError(
        'config',
        'secret_key_mismatch',
        'stored secret was encrypted with another key (BELEGFLUSS_SECRET_KEY changed?)',
      );
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(aad));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw new AppError('internal', 'secret_corrupt', 'stored secret cannot be decrypted (tampered or moved)');
    }
  }
}

function parseKey(value: string): Buffer {
  const hex = /^[0-9a-f]{64}$/i.test(value) ? Buffer.from(value, 'hex') : null;
  return hex ?? Buffer.from(value, 'base64');
}

/** The key from configuration, or from `<dataDir>/secret.key`, created (mode 0600) on first run. */
export function loadSecretBox(opts: { secretKey?: string | undefined; dataDir: string }): SecretBox {
  if (opts.secretKey) return new SecretBox(parseKey(opts.secretKey));
  const file = join(opts.dataDir, 'secret.key');
  try {
    if (!existsSync(file)) {
      mkdirSync(opts.dataDir, { recursive: true });
      writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
    }
    chmodSync(file, 0o600);
    return new SecretBox(parseKey(readFileSync(file, 'utf8').trim()));
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError(
      'config',
      'secret_key_file',
      `The key file ${file} cannot be created or read (${(e as NodeJS.ErrnoException).code}).`,
    );
  }
}
