import type { FC } from 'hono/jsx';
import type { DryRunResult } from '../../../app/accounting/dry-run-transfer.js';
import { Banner } from '../components.js';
import type { PageContext } from '../page-context.js';
import { accountingTexts } from './accounting-i18n.js';

// The dry run on the document detail page: a button that loads (htmx; a plain link without JavaScript) exactly what a
// transfer would send — contact, voucher, positions with accounts and rates, booking — without sending anything.

export const dryRunUrl = (documentId: string) => `/admin/documents/${encodeURIComponent(documentId)}/dry-run`;

export const DryRunSection: FC<{ page: PageContext; documentId: string }> = ({ page, documentId }) => {
  const x = accountingTexts(page.locale);
  return (
    <section class="card" aria-labelledby="dry-run-title" id="dry-run-section">
      <h2 id="dry-run-title">{x.dryRun}</h2>
      <p class="hint">{x.dryRunHint}</p>
      <div id="dry-run" aria-live="polite">
        <a
          class="btn-secondary"
          href={dryRunUrl(documentId)}
          hx-get={dryRunUrl(documentId)}
          hx-target="#dry-run"
          hx-swap="innerHTML"
        >
          {x.dryRunShow}
        </a>
      </div>
    </section>
  );
};

export const DryRunView: FC<{ page: PageContext; r: DryRunResult }> = ({ page, r }) => {
  const { fmt, locale } = page;
  const x = accountingTexts(locale);
  const currency = r.voucher?.currency ?? r.booking.currency;
  return (
    <div class="dry-run">
      {r.ready ? (
        <Banner tone="ok" role="status">
          {x.ready}
        </Banner>
      ) : (
        <Banner tone="warn" role="status">
          {x.notReady} {r.reason?.[locale] ?? ''}
        </Banner>
      )}
      {r.shopDryRun ? <Banner tone="info">{x.shopDryRun}</Banner> : null}
      {r.contact ? (
        <>
          <h3>{x.contact}</h3>
          <dl class="facts">
            <dt>{x.contact}</dt>
            <dd>
              {x.contactActions[r.contact.action] ?? r.contact.action}
              {r.contact.customerNumber ? <span class="mono"> {r.contact.customerNumber}</span> : null}
              {r.contact.contactId ? <span class="mono"> #{r.contact.contactId}</span> : null}
              {r.contact.changes.length > 0 ? ` (${r.contact.changes.join(', ')})` : null}
            </dd>
            {r.contact.person ? (
              <>
                <dt>{x.contactPerson}</dt>
                <dd>
                  {x.contactActions[r.contact.person.action] ?? r.contact.person.action}
                  <span class="mono"> {r.contact.person.customerNumber}</span>
                </dd>
              </>
            ) : null}
          </dl>
        </>
      ) : null}
      {r.voucher ? (
        <>
          <h3>{x.voucher}</h3>
          <dl class="facts">
            <dt>{x.description}</dt>
            <dd class="mono" id="dry-run-description">
              {r.voucher.description}
            </dd>
            <dt>{x.date}</dt>
            <dd>
              {fmt.date(r.voucher.voucherDate)} ({x.dateModes[r.voucher.voucherDateSource]})
            </dd>
            <dt>{x.taxRule}</dt>
            <dd>{r.voucher.taxRuleId}</dd>
            <dt>{x.costCentre}</dt>
            <dd>
              {r.voucher.costCentre
                ? `${r.voucher.costCentre.name ?? r.voucher.costCentre.id} (${r.voucher.costCentre.id})`
                : x.none}
            </dd>
            <dt>{x.gross}</dt>
            <dd>
              {fmt.money(r.voucher.gross, currency)} · USt {fmt.money(r.voucher.tax, currency)}
            </dd>
          </dl>
          <h3>{x.positions}</h3>
          <div class="table-wrap">
            <table class="data responsive" id="dry-run-positions">
              <thead>
                <tr>
                  <th scope="col">{x.account}</th>
                  <th scope="col" class="num">
                    {x.rate}
                  </th>
                  <th scope="col" class="num">
                    {x.gross}
                  </th>
                  <th scope="col">{x.lines}</th>
                  <th scope="col">{x.source}</th>
                </tr>
              </thead>
              <tbody>
                {r.positions.map((p) => (
                  <tr>
                    <td data-label={x.account}>
                      <span class="mono">{p.accountNumber || p.accountDatevId}</span> {p.accountName}
                    </td>
                    <td class="num" data-label={x.rate}>
                      {fmt.rate(p.rateBp)}
                    </td>
                    <td class="num" data-label={x.gross}>
                      {fmt.money(p.gross, currency)}
                    </td>
                    <td data-label={x.lines}>{p.linePositions.join(', ')}</td>
                    <td data-label={x.source}>{p.accountSources.map((s) => x.sources[s] ?? s).join(', ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <details>
            <summary>{x.body}</summary>
            <pre class="mono">{JSON.stringify(r.voucher.body, null, 2)}</pre>
          </details>
        </>
      ) : null}
      <h3>{x.booking}</h3>
      <dl class="facts">
        <dt>{x.booking}</dt>
        <dd>
          {x.bookingActions[r.booking.action] ?? r.booking.action}
          {r.booking.action === 'book' ? ` · ${fmt.money(r.booking.amount, r.booking.currency)}` : null}
          {r.booking.date ? ` · ${fmt.date(r.booking.date)}` : null}
          {r.booking.checkAccount ? ` · ${r.booking.checkAccount.name ?? r.booking.checkAccount.id}` : null}
          {r.booking.reason ? ` – ${r.booking.reason[locale]}` : null}
        </dd>
        {r.booking.searchKey ? (
          <>
            <dt>{x.searchKey}</dt>
            <dd class="mono">{r.booking.searchKey}</dd>
          </>
        ) : null}
      </dl>
      <p class="muted">{x.calls(r.calls.length)}</p>
    </div>
  );
};
