import { dryRunTransfer } from '../../../app/accounting/dry-run-transfer.js';
import type { AdminRoute } from '../admin-env.js';
import { Layout } from '../layout.js';
import { pageContext } from '../page-context.js';
import { accountingTexts } from './accounting-i18n.js';
import { DryRunView } from './dry-run.partial.js';

// GET /admin/documents/:id/dry-run — the dry-run view: the partial for htmx, a page of its own without JavaScript.

export const mountDryRunView: AdminRoute = (admin) => {
  admin.get('/documents/:id/dry-run', async (c) => {
    const page = await pageContext(c);
    const result = await dryRunTransfer(c.get('ctx'), c.req.param('id'));
    if (c.req.header('hx-request')) return c.html(<DryRunView page={page} r={result} />);
    const x = accountingTexts(page.locale);
    return c.html(
      <Layout page={page} title={`${x.dryRun} · ${result.number ?? result.documentId}`} nav="documents">
        <div class="page-head">
          <h1>
            {x.dryRun} · {result.number ?? result.documentId}
          </h1>
          <a href={`/admin/documents/${encodeURIComponent(result.documentId)}`}>{page.t.common.back}</a>
        </div>
        <section class="card">
          <DryRunView page={page} r={result} />
        </section>
      </Layout>,
    );
  });
};
