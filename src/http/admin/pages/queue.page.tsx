import type { FC, PropsWithChildren } from 'hono/jsx';
import { CUSTOMER_SYNC_QUEUE, TRANSFER_QUEUE } from '../../../app/transfer/queues.js';
import { Badge, CsrfField, Outcome, Pager, TableHead } from '../components.js';
import type { Messages } from '../i18n/de.js';
import { Layout } from '../layout.js';
import type { PageContext } from '../page-context.js';
import type { JobRowView, QueueCounts, QueueTab } from '../queries/job-rows.js';
import { localizedText, type Tone } from '../sevdesk-state.js';

// "Aktionen": the background jobs (like WooCommerce > Status > Aktionen in the seed) — pending, running, failed,
// dead — with attempts, next run and last error; retry and cancel, per row and for a selection. Plain forms
// (post, redirect, get): they work without JavaScript and keep the browser history clean.

const TAB_TONE: Record<QueueTab, Tone> = {
  pending: 'info',
  running: 'info',
  failed: 'warn',
  dead: 'danger',
  cancelled: 'neutral',
  succeeded: 'ok',
};

export function tabLabel(t: Messages, tab: QueueTab): string {
  return t.queue[tab === 'cancelled' ? 'cancelled' : tab];
}

function jobLabel(t: Messages, row: JobRowView): string {
  if (row.job.queue === TRANSFER_QUEUE)
    return `${t.queue.queueTransfer}${row.document ? ` ${row.document.number ?? row.document.id}` : ''}`;
  if (row.job.queue === CUSTOMER_SYNC_QUEUE)
    return `${t.queue.queueCustomer}${row.customer?.email ? ` ${row.customer.email}` : ''}`;
  return row.job.queue;
}

function relative(t: Messages, ms: number, now: number): string {
  const s = Math.round((ms - now) / 1000);
  if (s <= 0) return t.queue.now;
  if (s < 120) return t.queue.inSeconds(s);
  if (s < 7200) return t.queue.inMinutes(Math.round(s / 60));
  return t.queue.inHours(Math.round(s / 3600));
}

/** A per-row button of the queue form: retry or cancel this one job. */
const RowAction: FC<PropsWithChildren<{ action: 'retry' | 'cancel'; id: string; label: string; class: string }>> = (
  p,
) => (
  <button
    type="submit"
    class={p.class}
    formaction={`/admin/queue/${p.action}`}
    name="one"
    value={p.id}
    aria-label={p.label}
  >
    {p.children}
  </button>
);

const COLUMNS = ['job', 'shop', 'status', 'attempts', 'nextRun', 'lastError'] as const;

export const QueuePage: FC<{
  page: PageContext;
  tab: QueueTab;
  rows: JobRowView[];
  counts: QueueCounts;
  nextBefore: string | null;
  isFirstPage: boolean;
  notice: string | null;
  now: number;
}> = ({ page, tab, rows, counts, nextBefore, isFirstPage, notice, now }) => {
  const { t, fmt } = page;
  const tabs: { key: QueueTab; count: number | string }[] = [
    { key: 'pending', count: counts.pending },
    { key: 'running', count: counts.running },
    { key: 'failed', count: counts.failedCapped ? `${counts.failed}+` : counts.failed },
    { key: 'dead', count: counts.dead },
    { key: 'cancelled', count: counts.cancelled },
    { key: 'succeeded', count: counts.succeeded },
  ];
  const canRetry = tab === 'failed' || tab === 'dead' || tab === 'cancelled' || tab === 'pending';
  const canCancel = tab === 'pending' || tab === 'failed';
  const back = `/admin/queue?status=${tab}`;
  return (
    <Layout page={page} title={t.queue.title} nav="queue">
      <div class="page-head">
        <div>
          <h1>{t.queue.title}</h1>
          <p class="subtitle">{t.queue.subtitle}</p>
        </div>
      </div>
      <Outcome ok={notice} />
      <nav aria-label={t.queue.statusFilter}>
        <div class="stats">
          {tabs.map((x) => (
            <a class="stat" href={`/admin/queue?status=${x.key}`} aria-current={x.key === tab ? 'page' : undefined}>
              <strong>{x.count}</strong>
              <span>{tabLabel(t, x.key)}</span>
            </a>
          ))}
        </div>
      </nav>
      <form method="post" action="/admin/queue/retry" class="card" data-select-scope id="queue-form">
        <CsrfField token={page.csrfToken} />
        <input type="hidden" name="back" value={back} />
        <h2>{tabLabel(t, tab)}</h2>
        {canRetry || canCancel ? (
          <div class="bulkbar">
            {canRetry ? (
              <button type="submit" formaction="/admin/queue/retry" name="scope" value="selected">
                {t.queue.retrySelected}
              </button>
            ) : null}
            {canCancel ? (
              <button type="submit" class="btn-danger" formaction="/admin/queue/cancel" name="scope" value="selected">
                {t.queue.cancelSelected}
              </button>
            ) : null}
          </div>
        ) : null}
        <div class="table-wrap">
          <table class="data responsive">
            <TableHead
              selectAll={t.queue.selectAll}
              columns={[
                ...COLUMNS.map((k) => ({ label: t.queue[k], num: k === 'attempts' })),
                { label: t.documents.actions },
              ]}
            />
            <tbody>
              {rows.map((row) => {
                const label = jobLabel(t, row);
                const error = localizedText(row.job.lastError, page.locale);
                const pendingLike = row.job.status === 'pending';
                return (
                  <tr id={`job-${row.job.id}`} data-tab={row.tab}>
                    <td class="check">
                      <input
                        type="checkbox"
                        name="ids"
                        value={row.job.id}
                        data-select-item
                        aria-label={t.queue.select(label)}
                      />
                    </td>
                    <td data-label={t.queue.job}>
                      {row.document ? (
                        <a href={`/admin/documents/${encodeURIComponent(row.document.id)}`}>{label}</a>
                      ) : (
                        label
                      )}
                      <span class="doc-type mono" title={row.job.id}>
                        {row.job.id.slice(-10)}
                      </span>
                    </td>
                    <td data-label={t.queue.shop}>{row.shopName ?? t.common.none}</td>
                    <td data-label={t.queue.status}>
                      <Badge tone={TAB_TONE[row.tab]}>{t.queue.badge[row.tab]}</Badge>
                    </td>
                    <td class="num" data-label={t.queue.attempts}>
                      {row.job.attempts} / {row.job.maxAttempts}
                    </td>
                    <td data-label={t.queue.nextRun}>
                      {pendingLike ? (
                        <span title={fmt.dateTime(row.job.runAt)}>{relative(t, row.job.runAt, now)}</span>
                      ) : row.job.status === 'running' ? (
                        t.queue.running
                      ) : (
                        t.common.none
                      )}
                    </td>
                    <td data-label={t.queue.lastError}>
                      {error ? (
                        <span class="state-reason">{error.length > 400 ? `${error.slice(0, 399)}…` : error}</span>
                      ) : (
                        t.common.none
                      )}
                    </td>
                    <td data-label={t.documents.actions}>
                      <div class="row-actions">
                        {row.job.status !== 'running' && row.job.status !== 'succeeded' ? (
                          <RowAction
                            action="retry"
                            id={row.job.id}
                            label={t.queue.retryOne(label)}
                            class="btn-secondary"
                          >
                            {t.queue.retry}
                          </RowAction>
                        ) : null}
                        {pendingLike ? (
                          <RowAction
                            action="cancel"
                            id={row.job.id}
                            label={t.queue.cancelOne(label)}
                            class="btn-danger"
                          >
                            {t.queue.cancel}
                          </RowAction>
                        ) : null}
                      </div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        {rows.length === 0 ? <p class="muted">{t.queue.empty}</p> : null}
        <Pager
          label={t.documents.pagination}
          newest={isFirstPage ? null : { href: back, text: t.queue.newest }}
          older={nextBefore ? { href: `${back}&before=${encodeURIComponent(nextBefore)}`, text: t.queue.older } : null}
        />
      </form>
    </Layout>
  );
};
