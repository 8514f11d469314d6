import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

// Static assets of the admin UI, all self-hosted: our CSS and script, and htmx from node_modules. Each is
// served under a content-hashed name with a one-year immutable cache, so a new release is never shadowed by
// a cached old file.

export interface Asset {
  /** URL path under which it is served, e.g. /admin/assets/admin.3f2a9c1b0d.css */
  path: string;
  contentType: string;
  body: Buffer;
}

function asset(name: string, ext: string, contentType: string, body: Buffer): Asset {
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
  return { path: `/admin/assets/${name}.${hash}.${ext}`, contentType, body };
}

const require = createRequire(import.meta.url);

let cached: { css: Asset; js: Asset; htmx: Asset; byPath: Map<string, Asset> } | null = null;

export function adminAssets() {
  if (cached) return cached;
  const css = asset(
    'admin',
    'css',
    'text/css; charset=utf-8',
    readFileSync(new URL('./assets/admin.css', import.meta.url)),
  );
  const js = asset(
    'admin',
    'js',
    'text/javascript; charset=utf-8',
    readFileSync(new URL('./assets/admin.js', import.meta.url)),
  );
  const htmx = asset(
    'htmx',
    'min.js',
    'text/javascript; charset=utf-8',
    readFileSync(require.resolve('htmx.org/dist/htmx.min.js')),
  );
  cached = { css, js, htmx, byPath: new Map([css, js, htmx].map((a) => [a.path, a])) };
  return cached;
}
