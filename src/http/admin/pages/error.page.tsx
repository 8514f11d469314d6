import type { FC } from 'hono/jsx';
import { Document } from '../layout.js';
import type { PageContext } from '../page-context.js';

// A plain error page (no navigation data needed, so it renders even when the database is the problem).
export const ErrorPage: FC<{ page: PageContext; title: string; message: string }> = ({ page, title, message }) => (
  <Document page={page} title={title}>
    <main id="main" class="login-page">
      <div class="login-card">
        <h1>{title}</h1>
        <p>{message}</p>
        {page.requestId ? <p class="muted">{page.t.common.requestId(page.requestId)}</p> : null}
        <p>
          <a href="/admin/documents">{page.t.detail.backToList}</a>
        </p>
      </div>
    </main>
  </Document>
);
