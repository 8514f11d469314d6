import { html, raw } from 'hono/html';
import type { HttpApp } from '../app.js';
import { buildOpenApiDocument } from './openapi-document.js';

// GET /api/docs/openapi.json (the machine-readable contract) and /api/docs (a small readable page of it).

type Operation = { summary?: string; description?: string; operationId?: string; tags?: string[] };

export function mountApiDocs(app: HttpApp): void {
  const doc = buildOpenApiDocument() as {
    info: { title: string; description: string };
    paths: Record<string, Record<string, Operation>>;
  };
  const body = JSON.stringify(doc, null, 2);
  app.get('/api/docs/openapi.json', (c) => c.body(body, 200, { 'Content-Type': 'application/json; charset=utf-8' }));
  app.get('/api/docs', (c) => {
    const rows = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(
        ([method, op]) =>
          html`<tr>
            <td><code>${method.toUpperCase()}</code></td>
            <td><code>${path}</code></td>
            <td>${op.summary ?? ''}${op.description ? html`<p class="d">${op.description}</p>` : ''}</td>
          </tr>`,
      ),
    );
    return c.html(html`<!doctype html>
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <title>${doc.info.title}</title>
          <style>
            body { font: 15px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 72rem; padding: 0 1rem; color: #1a1a1a; }
            table { border-collapse: collapse; width: 100%; }
            td, th { border-bottom: 1px solid #ddd; padding: .5rem; text-align: left; vertical-align: top; }
            code { font-size: 13px; } .d { color: #555; margin: .25rem 0 0; font-size: 13px; }
          </style>
        </head>
        <body>
          <h1>${doc.info.title}</h1>
          <p>${doc.info.description}</p>
          <p>Machine-readable: <a href="/api/docs/openapi.json">openapi.json</a> (OpenAPI 3.1). WooCommerce webhooks:
            <code>POST /webhooks/woocommerce/{shopId}</code>, signed with the shop's webhook secret.</p>
          <table>
            <thead><tr><th>Method</th><th>Path</th><th>What it does</th></tr></thead>
            <tbody>${raw(rows.map(String).join(''))}</tbody>
          </table>
        </body>
      </html>`);
  });
}
