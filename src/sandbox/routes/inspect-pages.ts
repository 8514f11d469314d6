// Human-readable pages for Testmodus: the admin UI links "view in the sevDesk sandbox" to
// `<mount>/inspect/vouchers/:id`, the sandbox's stand-in for sevDesk's voucher page.
import type { Hono } from 'hono';
import { html } from 'hono/html';
import type { SandboxStore } from '../state.js';
import { formatMinor, formatRateBp, isoBerlin } from '../wire.js';

function findVoucher(store: SandboxStore, id: number) {
  for (const account of store.accounts.values()) {
    const voucher = account.vouchers.get(id);
    if (voucher) return { account, voucher };
  }
  return undefined;
}

const STATUS_LABELS: Record<number, string> = {
  50: 'Entwurf',
  100: 'Offen',
  150: 'Überwiesen',
  750: 'Teilweise bezahlt',
  1000: 'Bezahlt',
};

export function registerInspectPages(app: Hono, store: SandboxStore): void {
  app.get('/inspect/vouchers/:id', (c) => {
    const found = findVoucher(store, Number(c.req.param('id')));
    if (!found)
      return c.html(html`<!doctype html><p>Beleg ${c.req.param('id')} gibt es in der Sandbox nicht.</p>`, 404);
    const { account, voucher } = found;
    const money = (minor: number) => `${formatMinor(minor)} ${voucher.currency}`;
    const bookings = [...account.bookingLogs.values()].filter(
      (b) => b.object.objectName === 'Voucher' && b.object.id === voucher.id,
    );
    return c.html(html`<!doctype html>
      <html lang="de">
        <head>
          <meta charset="utf-8" />
          <title>Beleg ${voucher.description ?? voucher.id} – sevDesk-Sandbox</title>
          <style>
            body { font: 14px/1.4 system-ui, sans-serif; margin: 2rem; }
            table { border-collapse: collapse; } td, th { padding: 0.25rem 0.75rem; border-bottom: 1px solid #ddd; text-align: left; }
            .badge { background: #fde68a; padding: 0.1rem 0.5rem; border-radius: 0.25rem; }
          </style>
        </head>
        <body>
          <p><span class="badge">Testmodus</span> sevDesk-Sandbox – nichts davon erreicht eine echte Buchhaltung.</p>
          <h1>Beleg ${voucher.description ?? voucher.id}</h1>
          <table>
            <tr><th>ID</th><td>${voucher.id}</td></tr>
            <tr><th>Status</th><td>${STATUS_LABELS[voucher.status] ?? voucher.status}</td></tr>
            <tr><th>Art</th><td>${voucher.creditDebit === 'D' ? 'Einnahme' : 'Ausgabe'}</td></tr>
            <tr><th>Belegdatum</th><td>${isoBerlin(voucher.voucherDate)?.slice(0, 10) ?? ''}</td></tr>
            <tr><th>Kunde / Lieferant</th><td>${voucher.supplierName ?? voucher.supplier ?? ''}</td></tr>
            <tr><th>Steuerregel</th><td>${voucher.taxRule ?? voucher.taxType ?? ''}</td></tr>
            <tr><th>Netto / Steuer / Brutto</th><td>${money(voucher.sumNet)} / ${money(voucher.sumTax)} / ${money(voucher.sumGross)}</td></tr>
            <tr><th>Bezahlt</th><td>${money(voucher.paidAmount)}</td></tr>
            <tr><th>Dokument</th><td>${voucher.filename ? html`<a href="${voucher.id}/document">${voucher.filename}</a>` : '–'}</td></tr>
          </table>
          <h2>Positionen</h2>
          <table>
            <tr><th>Text</th><th>Konto</th><th>Satz</th><th>Netto</th><th>Steuer</th><th>Brutto</th></tr>
            ${voucher.positions.map(
              (p) => html`<tr>
                <td>${p.comment ?? ''}</td>
                <td>${account.guidance.find((g) => g.accountDatevId === p.accountDatev)?.accountNumber ?? p.accountingType ?? ''}</td>
                <td>${formatRateBp(p.taxRateBp)} %</td>
                <td>${money(p.sumNet)}</td><td>${money(p.sumTax)}</td><td>${money(p.sumGross)}</td>
              </tr>`,
            )}
          </table>
          <h2>Zahlungen</h2>
          ${
            bookings.length === 0
              ? html`<p>Keine.</p>`
              : html`<table>
                  <tr><th>Datum</th><th>Betrag</th><th>Art</th><th>Zahlungskonto</th><th>Umsatz</th></tr>
                  ${bookings.map(
                    (b) => html`<tr>
                      <td>${isoBerlin(b.bookingDate)?.slice(0, 10)}</td><td>${money(b.amount)}</td><td>${b.type}</td>
                      <td>${account.checkAccounts.get(b.checkAccount)?.name ?? b.checkAccount}</td><td>${b.checkAccountTransaction}</td>
                    </tr>`,
                  )}
                </table>`
          }
        </body>
      </html>`);
  });

  app.get('/inspect/vouchers/:id/document', (c) => {
    const found = findVoucher(store, Number(c.req.param('id')));
    const file = found?.voucher.filename ? found.account.files.get(found.voucher.filename) : undefined;
    if (!file) return c.text('Kein Dokument', 404);
    return c.body(Buffer.from(file.contentBase64, 'base64'), 200, {
      'content-type': file.originMimeType,
      'content-disposition': `inline; filename="${file.filename}"`,
    });
  });
}
