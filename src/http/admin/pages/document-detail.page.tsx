import type { FC } from 'hono/jsx';
import type { BookingView } from '../../../app/booking/get-booking.js';
import type { Transfer, TransferAttempt } from '../../../db/repos/transfers.repo.js';
import type { StoredDocument } from '../../../db/repos/documents.repo.js';
import type { Address } from '../../../domain/documents/document.js';
import { accountingTexts } from '../accounting/accounting-i18n.js';
import { DryRunSection } from '../accounting/dry-run.partial.js';
import { parseObjectRef } from '../../../domain/oss/sevdesk-ref.js';
import { Badge, Banner, CsrfField, DataTable, ExternalIcon, Fact, Outcome, PdfIcon, SyncIcon } from '../components.js';
import { voucherUrl } from '../connection-view.js';
import { Layout, TestModeBanner } from '../layout.js';
import type { PageContext } from '../page-context.js';
import { localizedText, sevdeskDisplay, type Tone } from '../sevdesk-state.js';

// A document with its lines, totals per rate, tax case, customer, the sevDesk transfer and its log, and the
// booking section (placeholder until booking exists: shows the booking state when there is one).

const FIRST_TRANSFER = new Set(['not_transferred', 'queued', 'in_progress']);

/** "Beleg 4711", "Rechnung 815" — what the document became in sevDesk. */
function sevdeskObjectText(stored: string | null, t: PageContext['t']): string | null {
  const ref = parseObjectRef(stored);
  if (!ref) return stored;
  return `${t.detail.sevdeskObjects[ref.kind] ?? ref.kind} ${ref.id}`;
}

export interface DocumentDetail {
  doc: StoredDocument;
  orderNumber: string;
  transfer: Transfer | null;
  attempts: TransferAttempt[];
  cancellations: { id: string; number: string | null }[];
  cancelled: { id: string; number: string | null } | null;
  customerNumber: string | null;
  /** The booking read model (booking use cases); null when it cannot be built. */
  booking: BookingView | null;
}

const AddressBlock: FC<{ a: Address }> = ({ a }) => (
  <address>
    {[a.company, [a.firstName, a.lastName].filter(Boolean).join(' ')].filter(Boolean).map((l) => (
      <>
        {l}
        <br />
      </>
    ))}
    {a.street}
    {a.street2 ? (
      <>
        <br />
        {a.street2}
      </>
    ) : null}
    <br />
    {a.zip} {a.city}
    <br />
    {a.country}
  </address>
);

export const DocumentDetailPage: FC<{
  page: PageContext;
  d: DocumentDetail;
  notice?: string | null;
  error?: string | null;
}> = ({ page, d, notice, error: actionError }) => {
  const { t, fmt } = page;
  const { doc, transfer } = d;
  const data = doc.data;
  const label = doc.number ?? t.detail.draftTitle;
  const title = doc.type === 'invoice' ? t.detail.invoiceTitle(label) : t.detail.cancellationTitle(label);
  const display = sevdeskDisplay(transfer?.state ?? null, transfer?.bookingState ?? null);
  const link = page.connection ? voucherUrl(page.connection, transfer?.voucherId ?? null) : null;
  const taxCaseLabel = data.taxCase ? (t.taxCase[data.taxCase] ?? data.taxCase) : t.taxCase.unknown;
  const error = transfer?.lastError ? transfer.lastError[page.locale] : null;
  const finalized = doc.status === 'finalized';
  /** Net, tax and gross of a line, a rate or the whole document. */
  const amountColumns = (['net', 'tax', 'gross'] as const).map((k) => ({
    label: t.detail[k],
    num: true,
    cell: (a: Record<typeof k, number>) => fmt.money(a[k], data.currency),
  }));
  return (
    <Layout page={page} title={title} nav="documents">
      <p>
        <a href="/admin/documents">← {t.detail.backToList}</a>
      </p>
      <div class="page-head">
        <div>
          <h1>{title}</h1>
          <p class="subtitle">
            <Badge tone={finalized ? 'neutral' : 'info'}>
              {finalized ? t.documents.statusFinalized : t.documents.statusDraft}
            </Badge>{' '}
            <Badge tone={display.tone}>{t.sevdeskState[display.state]}</Badge>{' '}
            {doc.needsAttention ? <Badge tone="warn">{t.documents.attention}</Badge> : null}
          </p>
        </div>
        <div class="actions-row">
          {finalized ? (
            <form method="post" action={`/admin/documents/${encodeURIComponent(doc.id)}/transfer`}>
              <CsrfField token={page.csrfToken} />
              <button type="submit" disabled={!display.canTransfer}>
                <SyncIcon />
                {FIRST_TRANSFER.has(display.state) ? t.documents.transferOne(label) : t.documents.transferAgain(label)}
              </button>
            </form>
          ) : null}
          {finalized ? (
            <a class="btn btn-secondary" href={`/admin/documents/${encodeURIComponent(doc.id)}/pdf`}>
              <PdfIcon />
              {t.documents.pdf}
            </a>
          ) : null}
          {link ? (
            <a class="btn btn-secondary" href={link} target="_blank" rel="noopener noreferrer">
              <ExternalIcon />
              {page.connection?.sandbox ? t.documents.openInSandbox(label) : t.documents.openInSevdesk(label)}
            </a>
          ) : null}
        </div>
      </div>
      <TestModeBanner page={page} />
      <Outcome ok={notice} problem={actionError} />
      {data.attentionReasons.length > 0 ? (
        <Banner tone="warn">
          <strong>{t.detail.attentionReasons}</strong>
          <ul>
            {data.attentionReasons.map((r) => (
              <li>{r}</li>
            ))}
          </ul>
        </Banner>
      ) : null}

      <div class="grid-2">
        <section class="card" aria-labelledby="summary-title">
          <h2 id="summary-title">{t.detail.summary}</h2>
          <dl class="facts">
            <dt>{t.detail.issueDate}</dt>
            <dd>{fmt.date(doc.issueDate)}</dd>
            <dt>{t.detail.deliveryDate}</dt>
            <dd>{fmt.date(data.deliveryDate)}</dd>
            <dt>{t.detail.orderNumber}</dt>
            <dd>{d.orderNumber}</dd>
            <dt>{t.documents.paymentMethod}</dt>
            <dd>{data.paymentMethodTitle ?? data.paymentMethod ?? t.common.none}</dd>
            <dt>{t.detail.paidAt}</dt>
            <dd>{data.paidAt ? fmt.dateTime(data.paidAt) : t.detail.unpaid}</dd>
            <dt>{t.detail.taxCase}</dt>
            <dd>{taxCaseLabel}</dd>
            <dt>{t.documents.total}</dt>
            <dd>
              <strong>{fmt.money(data.totals.gross, data.currency)}</strong>
            </dd>
            {d.cancelled ? (
              <>
                <dt>{t.detail.cancels}</dt>
                <dd>
                  <a href={`/admin/documents/${encodeURIComponent(d.cancelled.id)}`}>
                    {d.cancelled.number ?? d.cancelled.id}
                  </a>
                </dd>
              </>
            ) : null}
            {d.cancellations.length > 0 ? (
              <>
                <dt>{t.detail.cancelledBy}</dt>
                <dd>
                  {d.cancellations.map((c, i) => (
                    <>
                      {i > 0 ? ', ' : ''}
                      <a href={`/admin/documents/${encodeURIComponent(c.id)}`}>{c.number ?? c.id}</a>
                    </>
                  ))}
                </dd>
              </>
            ) : null}
          </dl>
        </section>
        <section class="card" aria-labelledby="customer-title">
          <h2 id="customer-title">{t.detail.customer}</h2>
          <dl class="facts">
            <dt>{t.detail.customerNumber}</dt>
            <dd>{d.customerNumber ?? t.detail.guest}</dd>
            <dt>{t.detail.email}</dt>
            <dd>{data.customer.email ?? t.common.none}</dd>
            <Fact term={t.detail.phone} value={data.customer.phone} />
            <Fact term={t.detail.vatId} value={data.customer.vatId} />
            <dt>{t.detail.billingAddress}</dt>
            <dd>
              <AddressBlock a={data.customer.billing} />
            </dd>
            <Fact
              term={t.detail.shippingAddress}
              value={data.customer.shipping ? <AddressBlock a={data.customer.shipping} /> : null}
            />
            <Fact term={t.detail.contactId} value={transfer?.contactId} class="mono" />
          </dl>
        </section>
      </div>

      <section class="card" aria-labelledby="lines-title">
        <h2 id="lines-title">{t.detail.lines}</h2>
        <DataTable
          rows={data.lines}
          columns={[
            { label: t.detail.pos, cell: (l) => l.position },
            {
              label: t.detail.item,
              cell: (l) => (
                <>
                  {l.name}
                  {l.sku ? <span class="doc-type">{l.sku}</span> : null}
                  {l.productType ? (
                    <span class="doc-type" title={accountingTexts(page.locale).productType}>
                      {accountingTexts(page.locale).types[l.productType] ?? l.productType}
                    </span>
                  ) : null}
                </>
              ),
            },
            { label: t.detail.quantity, num: true, cell: (l) => fmt.quantity(l.quantity) },
            { label: t.detail.unitPrice, num: true, cell: (l) => fmt.unitPrice(l.unitPriceNet, data.currency) },
            { label: t.detail.rate, num: true, cell: (l) => fmt.rate(l.rateBp) },
            ...amountColumns,
          ]}
        />
        <h3>{t.detail.totalsByRate}</h3>
        <DataTable
          rows={data.totals.byRate}
          columns={[{ label: t.detail.rate, cell: (r) => fmt.rate(r.rateBp) }, ...amountColumns]}
          foot={{ caption: t.detail.total, cells: amountColumns.map((c) => c.cell(data.totals)) }}
        />
        {data.notes.length > 0 ? (
          <ul class="muted">
            {data.notes.map((n) => (
              <li>{n}</li>
            ))}
          </ul>
        ) : null}
      </section>

      <section class="card" aria-labelledby="transfer-title">
        <h2 id="transfer-title">{t.detail.transfer}</h2>
        {transfer ? (
          <dl class="facts">
            <dt>{t.detail.transferState}</dt>
            <dd>
              <Badge tone={display.tone}>{t.sevdeskState[display.state]}</Badge>
            </dd>
            <dt>{t.detail.voucherId}</dt>
            <dd class="mono">{sevdeskObjectText(transfer.voucherId, t) ?? t.common.none}</dd>
            <dt>{t.detail.attempts}</dt>
            <dd>{transfer.attempts}</dd>
            <Fact term={t.detail.lastError} value={error} class="state-reason" />
          </dl>
        ) : (
          <p class="muted">{t.detail.notTransferredYet}</p>
        )}
        <h3>{t.detail.transferLog}</h3>
        {d.attempts.length === 0 ? (
          <p class="muted">{t.detail.logEmpty}</p>
        ) : (
          <DataTable
            rows={d.attempts}
            columns={[
              { label: t.detail.logTime, cell: (a) => fmt.dateTime(a.startedAt) },
              { label: t.detail.logAction, cell: (a) => t.detail.logActions[a.action] ?? a.action },
              { label: t.detail.logOutcome, cell: (a) => t.detail.logOutcomes[a.outcome] ?? a.outcome },
              { label: t.detail.logError, cell: (a) => localizedText(a.error, page.locale) ?? t.common.none },
            ]}
          />
        )}
      </section>

      {doc.status === 'finalized' ? <DryRunSection page={page} documentId={doc.id} /> : null}

      <BookingSection page={page} documentId={doc.id} booking={d.booking} />
    </Layout>
  );
};

const BOOKING_TONE: Record<string, Tone> = {
  pending: 'info',
  booking: 'info',
  waiting_for_payment: 'warn',
  ambiguous: 'warn',
  booked: 'ok',
  linked: 'ok',
  manual: 'ok',
  not_applicable: 'neutral',
  failed: 'danger',
};

/** Booking and payment: state and reason, account, transaction, the candidates a person can link, the log. */
const BookingSection: FC<{ page: PageContext; documentId: string; booking: BookingView | null }> = ({
  page,
  documentId,
  booking,
}) => {
  const { t, fmt } = page;
  const base = `/admin/documents/${encodeURIComponent(documentId)}`;
  const account = booking?.checkAccount;
  return (
    <section class="card" aria-labelledby="booking-title" id="booking">
      <h2 id="booking-title">{t.detail.booking}</h2>
      {!booking ? (
        <p class="muted">{t.detail.bookingPlaceholder}</p>
      ) : (
        <>
          <dl class="facts">
            <dt>{t.detail.bookingState}</dt>
            <dd>
              <Badge tone={BOOKING_TONE[booking.state] ?? 'neutral'}>
                {t.detail.bookingStates[booking.state] ?? booking.state}
              </Badge>
              {booking.reason ? <span class="state-reason warn">{booking.reason[page.locale]}</span> : null}
            </dd>
            <Fact
              term={t.detail.bookingAmount}
              value={booking.amount !== null && booking.currency ? fmt.money(booking.amount, booking.currency) : null}
            />
            <Fact
              term={t.detail.bookingAccount}
              value={
                account ? (
                  <>
                    {account.name ?? account.id}
                    {account.type ? ` (${t.settings.accountTypes[account.type] ?? account.type})` : ''}
                  </>
                ) : null
              }
            />
            <Fact term={t.detail.bookingTransaction} value={booking.transactionId} class="mono" />
            <Fact term={t.detail.bookingDate} value={booking.bookingDate ? fmt.date(booking.bookingDate) : null} />
            <Fact
              term={t.detail.bookingNextCheck}
              value={
                booking.nextCheckAt ? (
                  <>
                    {fmt.dateTime(booking.nextCheckAt)} ({t.detail.bookingChecks}: {booking.checks})
                  </>
                ) : null
              }
            />
          </dl>
          {booking.actions.manual ? (
            <form method="post" action={`${base}/book-manually`} class="actions-row">
              <CsrfField token={page.csrfToken} />
              <button type="submit" class="btn-secondary">
                {t.detail.bookManually}
              </button>
            </form>
          ) : null}
          {booking.candidates.length > 0 || booking.state === 'waiting_for_payment' || booking.state === 'ambiguous' ? (
            <>
              <h3>{t.detail.candidates}</h3>
              {booking.candidates.length === 0 ? (
                <p class="muted">{t.detail.noCandidates}</p>
              ) : (
                <DataTable
                  rows={booking.candidates}
                  columns={[
                    { label: t.detail.candidateDate, cell: (c) => fmt.date(c.valueDate ?? c.entryDate) },
                    {
                      label: t.detail.candidateAmount,
                      num: true,
                      cell: (c) => (c.amount === null ? t.common.none : fmt.money(c.amount, c.currency)),
                    },
                    { label: t.detail.candidatePurpose, cell: (c) => c.paymtPurpose ?? t.common.none },
                    { label: t.detail.candidatePayee, cell: (c) => c.payeePayerName ?? t.common.none },
                    {
                      label: t.detail.candidateMismatch,
                      cell: (c) =>
                        c.mismatches.length
                          ? c.mismatches.map((m) => t.detail.mismatches[m] ?? m).join(', ')
                          : t.common.none,
                    },
                    {
                      label: t.documents.actions,
                      cell: (c) =>
                        booking.actions.link ? (
                          <form method="post" action={`${base}/link-transaction`}>
                            <CsrfField token={page.csrfToken} />
                            <input type="hidden" name="transactionId" value={c.transactionId} />
                            <button
                              type="submit"
                              class="btn-secondary"
                              aria-label={t.detail.linkThisLabel(c.paymtPurpose ?? c.transactionId)}
                            >
                              {t.detail.linkThis}
                            </button>
                          </form>
                        ) : (
                          t.common.none
                        ),
                    },
                  ]}
                />
              )}
            </>
          ) : null}
          {booking.log.length > 0 ? (
            <>
              <h3>{t.detail.bookingLog}</h3>
              <DataTable
                rows={booking.log}
                columns={[
                  { label: t.detail.logTime, cell: (e) => fmt.dateTime(e.at) },
                  {
                    label: t.detail.logOutcome,
                    cell: (e) => t.detail.bookingStates[e.outcome] ?? t.detail.logOutcomes[e.outcome] ?? e.outcome,
                  },
                  { label: t.detail.logError, cell: (e) => (e.reason ? e.reason[page.locale] : t.common.none) },
                ]}
              />
            </>
          ) : null}
        </>
      )}
    </section>
  );
};
