import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wooFixtures } from '../../src/integrations/woocommerce/fixtures.js';
import { testSeller } from '../support/factories.js';
import { type FakeWooCommerce, startFakeWooCommerce } from '../support/fake-woocommerce.js';

// The shop, import and documents commands, run as the real CLI in child processes against one SQLite file.

function cli(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], {
      env: { ...process.env, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('exit', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

describe('belegfluss shop | import | documents', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let fake: FakeWooCommerce;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'belegfluss-cli-'));
    env = {
      DATABASE_URL: `sqlite:${join(dir, 'cli.db')}`,
      BELEGFLUSS_DATA_DIR: dir,
      BELEGFLUSS_SECRET_KEY: randomBytes(32).toString('base64'),
    };
    fake = await startFakeWooCommerce({
      orders: [
        wooFixtures.orders.guest(),
        wooFixtures.orders.euB2bGoodsAt(),
        wooFixtures.orders.exportChChf(),
      ] as Record<string, unknown>[],
    });
  });
  afterAll(async () => {
    await fake?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates and configures a shop, imports its WooCommerce orders with progress on stderr, lists documents', async () => {
    const created = await cli(['shop', 'create', '--name', 'CLI-Shop', '--seller', JSON.stringify(testSeller)], env);
    expect(created.code, created.stderr).toBe(0);
    const shopId = /^(shop_\w+)/m.exec(created.stdout)![1]!;
    const apiKey = /API key.*:\s+(bfk_\S+)/.exec(created.stdout)![1]!;
    expect(created.stdout).toMatch(/WooCommerce webhook secret:\s+\S{20,}/);
    expect((await cli(['shop', 'list'], env)).stdout).toContain(`${shopId}  CLI-Shop`);

    const bad = await cli(['shop', 'settings', shopId, '--set', 'documents.autoFinalize=maybe'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/documents\.autoFinalize/);
    const set = await cli(['shop', 'settings', shopId, '--set', 'numbering.invoice=INV-{YYYY}-{seq:3}'], env);
    expect(set.code, set.stderr).toBe(0);
    expect(JSON.parse(set.stdout).numbering.invoice).toBe('INV-{YYYY}-{seq:3}');

    const woo = await cli(['shop', 'woocommerce', shopId, '--url', fake.url, '--consumer-key', fake.consumerKey], {
      ...env,
      BELEGFLUSS_WOO_CONSUMER_SECRET: fake.consumerSecret,
    });
    expect(woo.code, woo.stderr).toBe(0);
    expect(woo.stdout + woo.stderr).not.toContain(fake.consumerSecret);

    const imported = await cli(
      ['import', 'woocommerce', '--shop', shopId, '--since', '2026-01-01', '--per-page', '2'],
      env,
    );
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stderr).toContain('page 2/2, 3/3 orders');
    expect(imported.stdout).toContain(
      '3 orders: 3 new, 0 updated, 0 unchanged, 0 stale; 3 documents finalized; 0 failed.',
    );

    const list = await cli(['documents', 'list', '--shop', shopId], env);
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toContain('INV-2026-001');
    expect(list.stdout.trim().split('\n')).toHaveLength(3);
    const docId = /^(doc_\w+)/m.exec(list.stdout)![1]!;
    const out = join(dir, 'out.pdf');
    const file = await cli(['documents', 'file', docId, '--shop', shopId, '--out', out], env);
    expect(file.code, file.stderr).toBe(0);
    expect(readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');

    const rotated = await cli(['shop', 'rotate-key', shopId], env);
    expect(rotated.stdout).toMatch(/New API key.*bfk_/);
    expect(rotated.stdout).not.toContain(apiKey);
  }, 120_000);
});
