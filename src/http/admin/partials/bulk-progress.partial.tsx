import type { FC } from 'hono/jsx';
import type { Messages } from '../i18n/de.js';

// Progress of a bulk transfer: "n of m", polled every two seconds until every document has settled.

export interface BulkProgress {
  id: string | null;
  total: number;
  settled: number;
  transferred: number;
  failed: number;
  skipped: number;
  message?: string | null;
}

export const BulkProgressView: FC<{ t: Messages; p: BulkProgress }> = ({ t, p }) => {
  const done = p.id === null || p.settled >= p.total;
  const poll = !done && p.id !== null;
  return (
    <div
      id="bulk-progress"
      class="progress"
      role="status"
      aria-live="polite"
      hx-get={poll ? `/admin/bulk/${encodeURIComponent(p.id!)}` : undefined}
      hx-trigger={poll ? 'every 2s' : undefined}
      hx-swap={poll ? 'outerHTML' : undefined}
      data-done={done ? 'true' : 'false'}
    >
      {p.message ? (
        <span class="field-error">{p.message}</span>
      ) : (
        <>
          <progress
            max={Math.max(p.total, 1)}
            value={p.total === 0 ? 1 : p.settled}
            aria-label={t.documents.progressLabel}
          >
            {p.settled}/{p.total}
          </progress>
          <span data-progress-text>
            {done ? t.documents.progressDone(p.total) : t.documents.progressRunning(p.settled, p.total)}{' '}
            {done ? <span class="muted">{t.documents.progressSummary(p.transferred, p.failed, p.skipped)}</span> : null}
          </span>
        </>
      )}
    </div>
  );
};
