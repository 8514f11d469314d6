import type { FC } from 'hono/jsx';
import { Badge, ExternalIcon, PdfIcon, SyncIcon, VisuallyHidden } from '../components.js';
import { type ConnectionView, voucherUrl } from '../connection-view.js';
import type { Messages } from '../i18n/de.js';
import type { Formatter, Locale } from '../i18n/index.js';
import type { DocumentRowView } from '../queries/document-rows.js';
import { localizedText, sevdeskDisplay } from '../sevdesk-state.js';

// One row of the "Buchhaltung" table. Rows whose transfer is still running poll themselves every few seconds and
// are swapped in place (outerHTML); the checkbox is preserved across swaps so a selection survives the update.

export const POLL_INTERVAL = 'every 3s';

export interface RowContext {
  t: Messages;
  fmt: Formatter;
  locale: Locale;
  connection: ConnectionView | null;
}

export const rowDomId = (id: string) => `doc-${id}`;

export function documentLabel(row: Pick<DocumentRowView, 'number' | 'id'>, t: Messages): string {
  return row.number ?? `${t.documents.draftNumber} ${row.id.slice(-6)}`;
}

export function stateLabel(row: Pick<DocumentRowView, 'transferState' | 'bookingState'>, t: Messages): string {
  return t.sevdeskState[sevdeskDisplay(row.transferState, row.bookingState).state];
}

/** The first sentence of a reason, for the table; the whole text is in the title and on the detail page. */
export function shortReason(text: string, max = 90): string {
  const first = /^(.+?\.)(\s|$)/.exec(text)?.[1] ?? text;
  return first.length > max ? `${first.slice(0, max - 1).trimEnd()}…` : first;
}

export const SevdeskStateCell: FC<{ row: DocumentRowView; rc: RowContext }> = ({ row, rc }) => {
  const { t } = rc;
  const d = sevdeskDisplay(row.transferState, row.bookingState);
  const reason =
    d.state === 'failed' || d.state === 'needs_attention' || d.state === 'paused'
      ? (localizedText(row.lastError, rc.locale) ?? (d.state === 'paused' ? t.sevdeskState.pausedReason : null))
      : null;
  return (
    <>
      <Badge tone={d.tone}>{t.sevdeskState[d.state]}</Badge>
      {reason ? (
        <span class={`state-reason ${d.tone === 'warn' ? 'warn' : ''}`} title={reason}>
          {shortReason(reason)}
        </span>
      ) : null}
    </>
  );
};

export const DocumentRow: FC<{ row: DocumentRowView; rc: RowContext; oob?: boolean }> = ({ row, rc, oob }) => {
  const { t, fmt } = rc;
  const d = sevdeskDisplay(row.transferState, row.bookingState);
  const label = documentLabel(row, t);
  const finalized = row.status === 'finalized';
  const link = rc.connection ? voucherUrl(rc.connection, row.voucherId) : null;
  const pollUrl = `/admin/documents/${encodeURIComponent(row.id)}/row?was=${encodeURIComponent(d.state)}`;
  return (
    <tr
      id={rowDomId(row.id)}
      hx-get={d.polling ? pollUrl : undefined}
      hx-trigger={d.polling ? POLL_INTERVAL : undefined}
      hx-target={d.polling ? 'this' : undefined}
      hx-swap={d.polling ? 'outerHTML' : undefined}
      hx-swap-oob={oob ? 'true' : undefined}
      data-state={d.state}
    >
      <td class="check">
        <input
          type="checkbox"
          id={`sel-${row.id}`}
          name="ids"
          value={row.id}
          data-select-item
          hx-preserve="true"
          aria-label={t.documents.select(label)}
          disabled={!finalized}
        />
      </td>
      <td data-label={t.documents.number}>
        <a class="doc-number" href={`/admin/documents/${encodeURIComponent(row.id)}`}>
          {label}
        </a>
        <span class="doc-type">
          {row.type === 'invoice' ? t.documents.typeInvoice : t.documents.typeCancellation} · #{row.orderNumber}
        </span>
      </td>
      <td data-label={t.documents.date}>{fmt.date(row.issueDate)}</td>
      <td data-label={t.documents.customer}>
        {row.customerName}
        {row.customerEmail ? <span class="doc-type">{row.customerEmail}</span> : null}
      </td>
      <td class="num" data-label={t.documents.total}>
        {fmt.money(row.gross, row.currency)}
      </td>
      <td data-label={t.documents.paymentMethod}>{row.paymentMethod ?? t.common.none}</td>
      <td data-label={t.documents.status}>
        <Badge tone={finalized ? 'neutral' : 'info'}>
          {finalized ? t.documents.statusFinalized : t.documents.statusDraft}
        </Badge>{' '}
        {row.needsAttention ? <Badge tone="warn">{t.documents.attention}</Badge> : null}
      </td>
      <td data-label={t.documents.sevdesk} class="sevdesk-cell">
        <SevdeskStateCell row={row} rc={rc} />
      </td>
      <td data-label={t.documents.actions}>
        <div class="row-actions">
          {finalized ? (
            <button
              type="button"
              class="icon-btn"
              hx-post={`/admin/documents/${encodeURIComponent(row.id)}/transfer`}
              hx-target={`#${rowDomId(row.id)}`}
              hx-swap="outerHTML"
              hx-params="none"
              disabled={!d.canTransfer}
              title={d.state === 'not_transferred' ? t.documents.transferOne(label) : t.documents.transferAgain(label)}
              data-action="transfer"
            >
              <SyncIcon />
              <VisuallyHidden>
                {d.state === 'not_transferred' ? t.documents.transferOne(label) : t.documents.transferAgain(label)}
              </VisuallyHidden>
            </button>
          ) : null}
          {finalized ? (
            <a
              class="icon-btn"
              href={`/admin/documents/${encodeURIComponent(row.id)}/pdf`}
              title={t.documents.downloadPdf(label)}
            >
              <PdfIcon />
              <VisuallyHidden>{t.documents.downloadPdf(label)}</VisuallyHidden>
            </a>
          ) : null}
          {link ? (
            <a
              class="icon-btn"
              href={link}
              target="_blank"
              rel="noopener noreferrer"
              title={rc.connection?.sandbox ? t.documents.openInSandbox(label) : t.documents.openInSevdesk(label)}
            >
              <ExternalIcon />
              <VisuallyHidden>
                {rc.connection?.sandbox ? t.documents.openInSandbox(label) : t.documents.openInSevdesk(label)}
              </VisuallyHidden>
            </a>
          ) : null}
        </div>
      </td>
    </tr>
  );
};

/** Out-of-band update of the polite live region: tells screen readers what changed in a row. */
export const RowAnnouncement: FC<{ row: DocumentRowView; rc: RowContext }> = ({ row, rc }) => (
  <div id="announcer" class="visually-hidden" role="status" aria-live="polite" aria-atomic="true" hx-swap-oob="true">
    {rc.t.documents.rowUpdated(documentLabel(row, rc.t), stateLabel(row, rc.t))}
  </div>
);
