import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../../src/db/create-db.js';
import { createSandbox, type ListeningSandbox, type Sandbox } from '../../src/sandbox/create-sandbox.js';
import { freshDatabaseUrl } from '../support/databases.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { insertFinalizedDocument, insertShop, sampleDocumentData } from '../transfer/harness.js';

// `belegfluss sevdesk …` and `belegfluss sync …` as a user runs them: a separate process, the token from the
// environment (not the command line), the sandbox listening on a loopback port, a progress bar for sync.

function run(
  args: string[],
  env: NodeJS.ProcessEnv,
  stdin?: string,
): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], {
      env: { ...process.env, ...env },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      err += d;
    });
    if (stdin !== undefined) child.stdin.end(stdin);
    else child.stdin.end();
    child.on('exit', (code) => resolve({ code: code ?? -1, out, err }));
  });
}

describe('sevdesk and sync commands', () => {
  let sandbox: Sandbox;
  let server: ListeningSandbox;
  let url: string;
  let cleanup: () => Promise<void>;
  let env: NodeJS.ProcessEnv;
  let shopId: string;
  let docIds: string[];
  beforeAll(async () => {
    sandbox = createSandbox();
    server = await sandbox.listen(0);
    ({ url, cleanup } = await freshDatabaseUrl('sqlite'));
    const handle = await createDb(url);
    await migrateToLatest(handle.db);
    const h = { db: handle };
    shopId = await insertShop(h, { active: false });
    docIds = [];
    for (let i = 0; i < 3; i++) docIds.push((await insertFinalizedDocument(h, shopId, sampleDocumentData())).id);
    await handle.close();
    env = {
      DATABASE_URL: url,
      BELEGFLUSS_SECRET_KEY: randomBytes(32).toString('base64'),
      BELEGFLUSS_LOG_LEVEL: 'warn',
      BELEGFLUSS_SEVDESK_RPS: '50',
    };
  });
  afterAll(async () => {
    await sandbox?.close();
    await cleanup?.();
  });

  it('connect takes the token from SEVDESK_API_TOKEN or stdin, never prints it; status, activate, sync, disconnect', async () => {
    const { token } = sandbox.createAccount();
    const base = ['--shop', shopId, '--base-url', server.apiUrl];
    const connect = await run(['sevdesk', 'connect', ...base], { ...env, SEVDESK_API_TOKEN: token });
    expect(connect.code, connect.err).toBe(0);
    expect(connect.out).toMatch(/Status:\s+connected/);
    expect(connect.out).toMatch(/Buchhaltung\/bookk.: 2.0/);
    expect(connect.out + connect.err).not.toContain(token);

    const viaStdin = await run(['sevdesk', 'connect', ...base, '--token', '-', '--json'], env, `${token}\n`);
    expect(viaStdin.code, viaStdin.err).toBe(0);
    expect(JSON.parse(viaStdin.out).status).toBe('connected');

    const wrong = await run(['sevdesk', 'connect', ...base, '--lang', 'en'], {
      ...env,
      SEVDESK_API_TOKEN: 'x'.repeat(32),
    });
    expect(wrong.code).toBe(2);
    expect(wrong.err).toMatch(/plan that includes API access/);

    const status = await run(['sevdesk', 'status', '--shop', shopId], env);
    expect(status.code, status.err).toBe(0);
    expect(status.out).toMatch(/Diagnose:\s+OK — Verbunden mit sevDesk/);

    const refused = await run(['sync', docIds[0]!, '--shop', shopId], env);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/not activated/);

    expect((await run(['sevdesk', 'activate', '--shop', shopId], env)).code).toBe(0);
    const sync = await run(['sync', ...docIds], env);
    expect(sync.code, sync.err).toBe(0);
    expect(sync.out).toMatch(/3 transfer\(s\) queued/);
    expect(sync.err).toMatch(/\[#+\] 3\/3 {2}transferred 3/);
    expect(sandbox.dump(token).vouchers).toHaveLength(3);

    const again = await run(['sync', '--all', '--since', '2026-01-01'], env);
    expect(again.out).toMatch(/0 transfer\(s\) queued/);

    const off = await run(['sevdesk', 'disconnect', '--shop', shopId], env);
    expect(off.out).toMatch(/Status:\s+disconnected/);
    const after = await run(['sevdesk', 'status', '--shop', shopId, '--lang', 'en'], env);
    expect(after.code).toBe(1);
    expect(after.out).toMatch(/not connected to sevDesk/);
  }, 120_000);
});
