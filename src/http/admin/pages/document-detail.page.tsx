import type { FC } from 'hono/jsx';
import type { BookingView } from '../../../app/booking/get-booking.js';
import type { Transfer, TransferAttempt } from '../../../db/repos/transfers.repo.js';
import type { StoredDocument } from '../../../db/repos/documents.repo.js';
import type { Address } from '../../../domain/documents/document.js';
import { accountingTexts } from '../accounting/accounting-i18n.js';
import { DryRunSection } from '../accounting/dry-run.partial.js';
import { parseObjectRef } from '../../../domain/oss/sevdesk-ref.js';
import { Badge, Banner, CsrfField, ExternalIcon, PdfIcon, SyncIcon } from '../components.js';
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
      {notice ? (
        <Banner tone="ok" role="status">
          {notice}
        </Banner>
      ) : null}
      {actionError ? (
        <Banner tone="danger" role="alert">
          {actionError}
        </Banner>
      ) : null}
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
            {data.customer.phone ? (
              <>
                <dt>{t.detail.phone}</dt>
                <dd>{data.customer.phone}</dd>
              </>
            ) : null}
            {data.customer.vatId ? (
              <>
                <dt>{t.detail.vatId}</dt>
                <dd>{data.customer.vatId}</dd>
              </>
            ) : null}
            <dt>{t.detail.billingAddress}</dt>
            <dd>
              <AddressBlock a={data.customer.billing} />
            </dd>
            {data.customer.shipping ? (
              <>
                <dt>{t.detail.shippingAddress}</dt>
                <dd>
                  <AddressBlock a={data.customer.shipping} />
                </dd>
              </>
            ) : null}
            {transfer?.contactId ? (
              <>
                <dt>{t.detail.contactId}</dt>
                <dd class="mono">{transfer.contactId}</dd>
              </>
            ) : null}
          </dl>
        </section>
      </div>

      <section class="card" aria-labelledby="lines-title">
        <h2 id="lines-title">{t.detail.lines}</h2>
        <div class="table-wrap">
          <table class="data responsive">
            <thead>
              <tr>
                <th scope="col">{t.detail.pos}</th>
                <th scope="col">{t.detail.item}</th>
                <th scope="col" class="num">
                  {t.detail.quantity}
                </th>
                <th scope="col" class="num">
                  {t.detail.unitPrice}
                </th>
                <th scope="col" class="num">
                  {t.detail.rate}
                </th>
                <th scope="col" class="num">
                  {t.detail.net}
                </th>
                <th scope="col" class="num">
                  {t.detail.tax}
                </th>
                <th scope="col" class="num">
                  {t.detail.gross}
                </th>
              </tr>
            </thead>
            <tbody>
              {data.lines.map((l) => (
                <tr>
                  <td data-label={t.detail.pos}>{l.position}</td>
                  <td data-label={t.detail.item}>
                    {l.name}
                    {l.sku ? <span class="doc-type">{l.sku}</span> : null}
                    {l.productType ? (
                      <span class="doc-type" title={accountingTexts(page.locale).productType}>
                        {accountingTexts(page.locale).types[l.productType] ?? l.productType}
                      </span>
                    ) : null}
                  </td>
                  <td class="num" data-label={t.detail.quantity}>
                    {fmt.quantity(l.quantity)}
                  </td>
                  <td class="num" data-label={t.detail.unitPrice}>
                    {fmt.unitPrice(l.unitPriceNet, data.currency)}
                  </td>
                  <td class="num" data-label={t.detail.rate}>
                    {fmt.rate(l.rateBp)}
                  </td>
                  <td class="num" data-label={t.detail.net}>
                    {fmt.money(l.net, data.currency)}
                  </td>
                  <td class="num" data-label={t.detail.tax}>
                    {fmt.money(l.tax, data.currency)}
                  </td>
                  <td class="num" data-label={t.detail.gross}>
                    {fmt.money(l.gross, data.currency)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <h3>{t.detail.totalsByRate}</h3>
        <div class="table-wrap">
          <table class="data responsive">
            <thead>
              <tr>
                <th scope="col">{t.detail.rate}</th>
                <th scope="col" class="num">
                  {t.detail.net}
                </th>
                <th scope="col" class="num">
                  {t.detail.tax}
                </th>
                <th scope="col" class="num">
                  {t.detail.gross}
                </th>
              </tr>
            </thead>
            <tbody>
              {data.totals.byRate.map((r) => (
                <tr>
                  <td data-label={t.detail.rate}>{fmt.rate(r.rateBp)}</td>
                  <td class="num" data-label={t.detail.net}>
                    {fmt.money(r.net, data.currency)}
                  </td>
                  <td class="num" data-label={t.detail.tax}>
                    {fmt.money(r.tax, data.currency)}
                  </td>
                  <td class="num" data-label={t.detail.gross}>
                    {fmt.money(r.gross, data.currency)}
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <td data-label="">{t.detail.total}</td>
                <td class="num" data-label={t.detail.net}>
                  {fmt.money(data.totals.net, data.currency)}
                </td>
                <td class="num" data-label={t.detail.tax}>
                  {fmt.money(data.totals.tax, data.currency)}
                </td>
                <td class="num" data-label={t.detail.gross}>
                  {fmt.money(data.totals.gross, data.currency)}
                </td>
              </tr>
            </tfoot>
          </table>
        </div>
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
            {error ? (
              <>
                <dt>{t.detail.lastError}</dt>
                <dd class="state-reason">{error}</dd>
              </>
            ) : null}
          </dl>
        ) : (
          <p class="muted">{t.detail.notTransferredYet}</p>
        )}
        <h3>{t.detail.transferLog}</h3>
        {d.attempts.length === 0 ? (
          <p class="muted">{t.detail.logEmpty}</p>
        ) : (
          <div class="table-wrap">
            <table class="data responsive">
              <thead>
                <tr>
                  <th scope="col">{t.detail.logTime}</th>
                  <th scope="col">{t.detail.logAction}</th>
                  <th scope="col">{t.detail.logOutcome}</th>
                  <th scope="col">{t.detail.logError}</th>
                </tr>
              </thead>
              <tbody>
                {d.attempts.map((a) => (
                  <tr>
                    <td data-label={t.detail.logTime}>{fmt.dateTime(a.startedAt)}</td>
                    <td data-label={t.detail.logAction}>{t.detail.logActions[a.action] ?? a.action}</td>
                    <td data-label={t.detail.logOutcome}>{t.detail.logOutcomes[a.outcome] ?? a.outcome}</td>
                    <td data-label={t.detail.logError}>{localizedText(a.error, page.locale) ?? t.common.none}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
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
            {booking.amount !== null && booking.currency ? (
              <>
                <dt>{t.detail.bookingAmount}</dt>
                <dd>{fmt.money(booking.amount, booking.currency)}</dd>
              </>
            ) : null}
            {booking.checkAccount ? (
              <>
                <dt>{t.detail.bookingAccount}</dt>
                <dd>
                  {booking.checkAccount.name ?? booking.checkAccount.id}
                  {booking.checkAccount.type
                    ? ` (${t.settings.accountTypes[booking.checkAccount.type] ?? booking.checkAccount.type})`
                    : ''}
                </dd>
              </>
            ) : null}
            {booking.transactionId ? (
              <>
                <dt>{t.detail.bookingTransaction}</dt>
                <dd class="mono">{booking.transactionId}</dd>
              </>
            ) : null}
            {booking.bookingDate ? (
              <>
                <dt>{t.detail.bookingDate}</dt>
                <dd>{fmt.date(booking.bookingDate)}</dd>
              </>
            ) : null}
            {booking.nextCheckAt ? (
              <>
                <dt>{t.detail.bookingNextCheck}</dt>
                <dd>
                  {fmt.dateTime(booking.nextCheckAt)} ({t.detail.bookingChecks}: {booking.checks})
                </dd>
              </>
            ) : null}
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
                <div class="table-wrap">
                  <table class="data responsive">
                    <thead>
                      <tr>
                        <th scope="col">{t.detail.candidateDate}</th>
                        <th scope="col" class="num">
                          {t.detail.candidateAmount}
                        </th>
                        <th scope="col">{t.detail.candidatePurpose}</th>
                        <th scope="col">{t.detail.candidatePayee}</th>
                        <th scope="col">{t.detail.candidateMismatch}</th>
                        <th scope="col">{t.documents.actions}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {booking.candidates.map((c) => (
                        <tr>
                          <td data-label={t.detail.candidateDate}>{fmt.date(c.valueDate ?? c.entryDate)}</td>
                          <td class="num" data-label={t.detail.candidateAmount}>
                            {c.amount === null ? t.common.none : fmt.money(c.amount, c.currency)}
                          </td>
                          <td data-label={t.detail.candidatePurpose}>{c.paymtPurpose ?? t.common.none}</td>
                          <td data-label={t.detail.candidatePayee}>{c.payeePayerName ?? t.common.none}</td>
                          <td data-label={t.detail.candidateMismatch}>
                            {c.mismatches.length
                              ? c.mismatches.map((m) => t.detail.mismatches[m] ?? m).join(', ')
                              : t.common.none}
                          </td>
                          <td data-label={t.documents.actions}>
                            {booking.actions.link ? (
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
                            )}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </>
          ) : null}
          {booking.log.length > 0 ? (
            <>
              <h3>{t.detail.bookingLog}</h3>
              <div class="table-wrap">
                <table class="data responsive">
                  <thead>
                    <tr>
                      <th scope="col">{t.detail.logTime}</th>
                      <th scope="col">{t.detail.logOutcome}</th>
                      <th scope="col">{t.detail.logError}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {booking.log.map((e) => (
                      <tr>
                        <td data-label={t.detail.logTime}>{fmt.dateTime(e.at)}</td>
                        <td data-label={t.detail.logOutcome}>
                          {t.detail.bookingStates[e.outcome] ?? t.detail.logOutcomes[e.outcome] ?? e.outcome}
                        </td>
                        <td data-label={t.detail.logError}>{e.reason ? e.reason[page.locale] : t.common.none}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          ) : null}
        </>
      )}
    </section>
  );
};
