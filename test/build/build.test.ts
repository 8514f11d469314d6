import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

// The production build: `npm run build` (tsc, then scripts/copy-assets.mjs) into a temporary outDir, laid out as a
// deployment would be (package.json, bin/, dist/, node_modules/, spec/), then `belegfluss serve` from the compiled
// JavaScript — no tsx — on a free port with a fresh SQLite data directory in sandbox mode.

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../..');

async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => ok(port));
    });
  });
}

async function waitFor(url: string, child: ChildProcess, log: () => string, ms = 30_000): Promise<Response> {
  const until = Date.now() + ms;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${log()}`);
    try {
      return await fetch(url);
    } catch {
      if (Date.now() > until) throw new Error(`server did not answer at ${url}:\n${log()}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

describe('production build', () => {
  const dir = mkdtempSync(join(tmpdir(), 'belegfluss-build-'));
  let server: ChildProcess | undefined;
  afterAll(async () => {
    if (server && server.exitCode === null) {
      const exited = new Promise((r) => server!.once('exit', r));
      server.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (server.exitCode === null) server.kill('SIGKILL');
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('npm run build compiles and copies the runtime files', () => {
    // The two steps this test runs below are the build script, not a copy of it.
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.scripts.build).toBe('tsc -p tsconfig.build.json && node scripts/copy-assets.mjs');
    expect(pkg.bin.belegfluss).toBe('./bin/belegfluss.js');
  });

  it('serves /healthz and the admin assets from the compiled output', { timeout: 120_000 }, async () => {
    const dist = join(dir, 'dist');
    await run(
      process.execPath,
      [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'].concat(['--outDir', dist]),
      { cwd: ROOT },
    );
    const copied = await run(process.execPath, [join(ROOT, 'scripts/copy-assets.mjs'), dist], { cwd: ROOT });
    expect(copied.stdout).toMatch(/copy-assets: \d+ file/);
    expect(existsSync(join(dist, 'main.js'))).toBe(true);
    expect(existsSync(join(dist, 'http/admin/assets/admin.css'))).toBe(true);
    expect(existsSync(join(dist, 'http/admin/assets/admin.js'))).toBe(true);

    // The deployment layout: the package manifest (ESM), the launcher, the dependencies and the sevDesk spec.
    copyFileSync(join(ROOT, 'package.json'), join(dir, 'package.json'));
    mkdirSync(join(dir, 'bin'));
    copyFileSync(join(ROOT, 'bin/belegfluss.js'), join(dir, 'bin/belegfluss.js'));
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
    symlinkSync(join(ROOT, 'spec'), join(dir, 'spec'), 'dir');

    const port = await freePort();
    const data = join(dir, 'data');
    let output = '';
    server = spawn(process.execPath, [join(dir, 'bin/belegfluss.js'), 'serve', '--port', String(port)], {
      cwd: dir,
      env: {
        PATH: process.env.PATH,
        HOME: dir,
        BELEGFLUSS_DATA_DIR: data,
        DATABASE_URL: `sqlite:${join(data, 'belegfluss.db')}`,
        BELEGFLUSS_SANDBOX: 'on',
        BELEGFLUSS_LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server.stdout?.on('data', (d) => {
      output += d;
    });
    server.stderr?.on('data', (d) => {
      output += d;
    });
    const base = `http://127.0.0.1:${port}`;

    const health = await waitFor(`${base}/healthz`, server, () => output);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${base}/readyz`);
    expect(await ready.json()).toMatchObject({ status: 'ready', database: 'sqlite' });

    // The login page links the hashed asset names; each must be served from the copied files.
    const login = await fetch(`${base}/admin/login`);
    expect(login.status).toBe(200);
    const html = await login.text();
    const assets = [...html.matchAll(/\/admin\/assets\/[\w.-]+\.(?:css|js)/g)].map((m) => m[0]);
    expect(assets.some((a) => a.endsWith('.css'))).toBe(true);
    expect(assets.filter((a) => a.endsWith('.js')).length).toBeGreaterThanOrEqual(2);
    for (const path of new Set(assets)) {
      const res = await fetch(`${base}${path}`);
      expect(res.status, path).toBe(200);
      const body = await res.text();
      if (path.endsWith('.css')) {
        expect(res.headers.get('content-type')).toMatch(/text\/css/);
        expect(body).toBe(readFileSync(join(ROOT, 'src/http/admin/assets/admin.css'), 'utf8'));
      } else expect(res.headers.get('content-type')).toMatch(/javascript/);
    }
    // The mounted sevDesk sandbox (it validates against spec/sevdesk/openapi.yaml) answers like sevDesk: no token, 401.
    const sandbox = await fetch(`${base}/sandbox/api/v1/Tools/bookkeepingSystemVersion`);
    expect(sandbox.status, output).toBe(401);
  });
});
