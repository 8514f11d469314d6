import type { Child, FC } from 'hono/jsx';
import { Banner, CsrfField, type Option, Pager, SelectField, ShopField, TableHead, TextField } from '../components.js';
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

const COLUMNS = ['number', 'date', 'customer', 'total', 'paymentMethod', 'status', 'sevdesk', 'actions'] as const;

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
  /** A filter select: "all" first, then the given choices. */
  const FilterSelect: FC<{ name: 'type' | 'status' | 'state'; label: string; options: Option[] }> = (p) => (
    <SelectField
      name={p.name}
      label={p.label}
      value={filters[p.name]}
      options={[{ value: '', label: t.common.all }, ...p.options]}
    />
  );
  const typeOptions = [
    { value: 'invoice', label: t.documents.typeInvoices },
    { value: 'cancellation', label: t.documents.typeCancellations },
  ];
  const statusOptions = [
    { value: 'finalized', label: t.documents.statusFinalized },
    { value: 'draft', label: t.documents.statusDraft },
    { value: 'attention', label: t.documents.attention },
  ];
  const stateOptions = FILTERABLE_TRANSFER_STATES.map((s) => ({ value: s, label: t.sevdeskState[s] }));
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
          <FilterSelect name="type" label={t.documents.type} options={typeOptions} />
          <FilterSelect name="status" label={t.documents.status} options={statusOptions} />
          <FilterSelect name="state" label={t.documents.sevdeskState} options={stateOptions} />
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
            <TableHead
              selectAll={t.documents.selectAll}
              columns={COLUMNS.map((k) => ({ label: t.documents[k], num: k === 'total' }))}
            />
            <tbody id="documents-body">
              {rows.map((row) => (
                <DocumentRow row={row} rc={rc} />
              ))}
            </tbody>
          </table>
        </div>
        {rows.length === 0 ? <p class="muted">{filtered ? t.documents.emptyFiltered : t.documents.empty}</p> : null}
        <Pager
          label={t.documents.pagination}
          summary={t.documents.showing(rows.length)}
          newest={isFirstPage ? null : { href: query({}), text: t.documents.newest }}
          older={next ? { href: query({ after: next }), text: t.documents.older } : null}
        />
      </form>
    </Layout>
  );
};
