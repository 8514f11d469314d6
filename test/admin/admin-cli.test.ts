import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyPassword } from '../../src/app/auth/password-hash.js';
import { createDb } from '../../src/db/create-db.js';
import { findUserRowByEmail } from '../../src/db/repos/users.repo.js';
import { enginesUnderTest, freshDatabaseUrl } from '../support/databases.js';

// `belegfluss admin create-user|reset-password|list-users` in a real process; passwords never as arguments.

const ROOT = resolve(import.meta.dirname, '../..');

function belegfluss(
  args: string[],
  env: NodeJS.ProcessEnv,
  stdin?: string,
): Promise<{ code: number | null; out: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/main.ts'), ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
    });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      out += d;
    });
    child.stdin.end(stdin ?? '');
    child.on('exit', (code) => done({ code, out }));
  });
}

describe.each(enginesUnderTest())('admin CLI on %s', (engine) => {
  it('creates users and resets passwords, printing a generated password once', async () => {
    const { url, cleanup } = await freshDatabaseUrl(engine);
    const dataDir = mkdtempSync(join(tmpdir(), 'belegfluss-cli-'));
    const env = { DATABASE_URL: url, BELEGFLUSS_DATA_DIR: dataDir, BELEGFLUSS_LOG_LEVEL: 'warn' };
    try {
      const created = await belegfluss(['admin', 'create-user', '--email', 'Ops@Example.com'], env);
      expect(created.code, created.out).toBe(0);
      const password = /password for ops@example\.com: (\S+)/.exec(created.out)?.[1];
      expect(password).toMatch(/^[\w]{5}(-[\w]{5}){3}$/);

      const fromStdin = await belegfluss(
        ['admin', 'create-user', '--email', 'second@example.com', '--password-stdin'],
        env,
        'a password from stdin\n',
      );
      expect(fromStdin.code, fromStdin.out).toBe(0);
      expect(fromStdin.out).not.toContain('a password from stdin');

      const duplicate = await belegfluss(['admin', 'create-user', '--email', 'ops@example.com'], env);
      expect(duplicate.code).toBe(1);
      expect(duplicate.out).toContain('already exists');
      const tooShort = await belegfluss(
        ['admin', 'create-user', '--email', 'x@example.com', '--password-stdin'],
        env,
        'short',
      );
      expect(tooShort.code).toBe(2);

      const reset = await belegfluss(['admin', 'reset-password', '--email', 'second@example.com'], env);
      expect(reset.code, reset.out).toBe(0);
      const newPassword = /password for second@example\.com: (\S+)/.exec(reset.out)?.[1];
      const list = await belegfluss(['admin', 'list-users'], env);
      expect(list.out).toContain('ops@example.com');
      expect(list.out).toContain('second@example.com');

      const handle = await createDb(url);
      try {
        expect(
          await verifyPassword(password!, (await findUserRowByEmail(handle.db, 'ops@example.com'))!.password_hash),
        ).toBe(true);
        const second = (await findUserRowByEmail(handle.db, 'second@example.com'))!;
        expect(await verifyPassword(newPassword!, second.password_hash)).toBe(true);
        expect(await verifyPassword('a password from stdin', second.password_hash)).toBe(false);
      } finally {
        await handle.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
      await cleanup();
    }
  }, 120_000);
});
