import type { Child, FC } from 'hono/jsx';
import { Banner, CsrfField, SelectField, TextField, ShopField } from '../components.js';
import { Layout, TestModeBanner } from '../layout.js';
import type { PageContext } from '../page-context.js';
import { DocumentRow, type RowContext } from '../partials/document-row.partial.js';
import type { DocumentRowView } from '../queries/document-rows.js';
import { FILTERABLE_TRANSFER_STATES } from '../sevdesk-state.js';

// "Buchhaltung": invoices and cancellations with their sevDesk state, filters, keyset pagination, selection with
// the bulk action "Mit sevDesk synchronisieren", and a transfer icon per row.

export interface DocumentFilters {
  q: string;
  type: string;
  status: string;
  state: string;
  from: string;
  to: string;
}

export const DocumentsPage: FC<{
  page: PageContext;
  filters: DocumentFilters;
  rows: DocumentRowView[];
  /** Cursor of the next (older) page, null on the last page. */
  next: string | null;
  isFirstPage: boolean;
  progress?: Child;
}> = ({ page, filters, rows, next, isFirstPage, progress }) => {
  const { t } = page;
  const rc: RowContext = { t, fmt: page.fmt, locale: page.locale, connection: page.connection };
  const filtered = Object.values(filters).some((v) => v !== '');
  const query = (extra: Record<string, string>) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...filters, ...extra })) if (v) p.set(k, v);
    const s = p.toString();
    return `/admin/documents${s ? `?${s}` : ''}`;
  };
  const inactive = page.shop && !page.shop.settings.sevdesk.active;
  return (
    <Layout page={page} title={t.documents.title} nav="documents">
      <div class="page-head">
        <div>
          <h1>{t.documents.title}</h1>
          <p class="subtitle">
            {t.documents.subtitle}
            {page.shop ? ` · ${page.shop.name}` : ''}
          </p>
        </div>
      </div>
      <TestModeBanner page={page} />
      {!page.shop ? <Banner tone="info">{t.common.noShop}</Banner> : null}
      {inactive ? <Banner tone="warn">{t.documents.interfaceInactive}</Banner> : null}

      <section class="card" aria-labelledby="filters-title">
        <h2 id="filters-title" class="visually-hidden">
          {t.documents.filters}
        </h2>
        <form method="get" action="/admin/documents" class="filters" aria-label={t.documents.filters}>
          <TextField
            name="q"
            type="search"
            label={t.documents.search}
            value={filters.q}
            placeholder={t.documents.searchPlaceholder}
            class="field-search"
          />
          <SelectField
            name="type"
            label={t.documents.type}
            value={filters.type}
            options={[
              { value: '', label: t.common.all },
              { value: 'invoice', label: t.documents.typeInvoices },
              { value: 'cancellation', label: t.documents.typeCancellations },
            ]}
          />
          <SelectField
            name="status"
            label={t.documents.status}
            value={filters.status}
            options={[
              { value: '', label: t.common.all },
              { value: 'finalized', label: t.documents.statusFinalized },
              { value: 'draft', label: t.documents.statusDraft },
              { value: 'attention', label: t.documents.attention },
            ]}
          />
          <SelectField
            name="state"
            label={t.documents.sevdeskState}
            value={filters.state}
            options={[
              { value: '', label: t.common.all },
              ...FILTERABLE_TRANSFER_STATES.map((s) => ({ value: s, label: t.sevdeskState[s] })),
            ]}
          />
          <TextField name="from" type="date" label={t.documents.issuedFrom} value={filters.from} />
          <TextField name="to" type="date" label={t.documents.issuedTo} value={filters.to} />
          <div class="filter-buttons">
            <button type="submit">{t.common.filter}</button>
            {filtered ? (
              <a class="btn btn-secondary" href="/admin/documents">
                {t.common.reset}
              </a>
            ) : null}
          </div>
        </form>
      </section>

      <form
        id="bulk-form"
        method="post"
        action="/admin/documents/bulk-transfer"
        hx-post="/admin/documents/bulk-transfer"
        hx-target="#bulk-progress"
        hx-swap="outerHTML"
        data-select-scope
        class="card"
      >
        <CsrfField token={page.csrfToken} />
        <ShopField shopId={page.shop?.id} />
        <div class="bulkbar">
          <label for="bulk-action" class="visually-hidden">
            {t.documents.bulkAction}
          </label>
          <select id="bulk-action" name="action">
            <option value="sevdesk_sync">{t.documents.bulkSync}</option>
          </select>
          <button type="submit" id="bulk-start">
            {t.documents.bulkStart}
          </button>
          {progress ?? <div id="bulk-progress" class="progress" role="status" aria-live="polite"></div>}
        </div>
        <div class="table-wrap">
          <table class="data responsive" aria-describedby="documents-caption">
            <caption id="documents-caption" class="visually-hidden">
              {t.documents.showing(rows.length)}
            </caption>
            <thead>
              <tr>
                <th class="check" scope="col">
                  <input type="checkbox" data-select-all aria-label={t.documents.selectAll} />
                </th>
                <th scope="col">{t.documents.number}</th>
                <th scope="col">{t.documents.date}</th>
                <th scope="col">{t.documents.customer}</th>
                <th scope="col" class="num">
                  {t.documents.total}
                </th>
                <th scope="col">{t.documents.paymentMethod}</th>
                <th scope="col">{t.documents.status}</th>
                <th scope="col">{t.documents.sevdesk}</th>
                <th scope="col">{t.documents.actions}</th>
              </tr>
            </thead>
            <tbody id="documents-body">
              {rows.map((row) => (
                <DocumentRow row={row} rc={rc} />
              ))}
            </tbody>
          </table>
        </div>
        {rows.length === 0 ? <p class="muted">{filtered ? t.documents.emptyFiltered : t.documents.empty}</p> : null}
        <nav class="pager" aria-label={t.documents.pagination}>
          <span class="muted">{t.documents.showing(rows.length)}</span>
          <span class="pager-links">
            {!isFirstPage ? (
              <a class="btn btn-secondary" href={query({})}>
                ← {t.documents.newest}
              </a>
            ) : null}
            {next ? (
              <a class="btn btn-secondary" href={query({ after: next })} rel="next">
                {t.documents.older} →
              </a>
            ) : null}
          </span>
        </nav>
      </form>
    </Layout>
  );
};
