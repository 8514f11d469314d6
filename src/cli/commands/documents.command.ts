import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { finalizeDraft } from '../../app/documents/finalize-draft.js';
import { getDocument } from '../../app/documents/get-document.js';
import { DOCUMENT_FILE_KINDS, type DocumentFileKind, getDocumentFile } from '../../app/documents/get-document-file.js';
import { listDocuments } from '../../app/documents/list-documents.js';
import { requireShop } from '../../app/shops/require-shop.js';
import { formatMinor } from '../../domain/money/minor.js';
import { validationError } from '../../lib/errors.js';
import { addConfigFlags } from '../config-flags.js';
import { withAppContext } from './shop.command.js';

// `belegfluss documents list|show|finalize|file`: the document list and single documents from a shell.

export function registerDocumentsCommand(program: Command): void {
  const docs = program.command('documents').description('list, show, finalize and export documents');

  addConfigFlags(docs.command('list').description('list documents, newest first'))
    .requiredOption('--shop <shopId>', 'shop id')
    .option('--type <type>', 'invoice|cancellation')
    .option('--status <status>', 'draft|finalized')
    .option('--transfer-state <state>', 'e.g. transferred, failed, not_transferred')
    .option('--needs-attention', 'only documents that need attention')
    .option('--from <date>', 'issue date from')
    .option('--to <date>', 'issue date to')
    .option('-q, --query <text>', 'number, order number, customer name or e-mail (prefix)')
    .option('--limit <n>', 'rows (max 200)', '50')
    .option('--cursor <cursor>', 'continue after a previous page')
    .action(async (opts) => {
      await withAppContext(opts, async (ctx) => {
        const page = await listDocuments(ctx, opts.shop, {
          type: opts.type,
          status: opts.status,
          transferState: opts.transferState,
          needsAttention: opts.needsAttention ? 'true' : undefined,
          from: opts.from,
          to: opts.to,
          q: opts.query,
          limit: opts.limit,
          cursor: opts.cursor,
        });
        for (const d of page.items) {
          console.log(
            [
              d.id,
              d.type.padEnd(12),
              d.status.padEnd(9),
              (d.number ?? '—').padEnd(16),
              (d.issueDate ?? '').padEnd(10),
              `${formatMinor(d.gross, d.currency)} ${d.currency}`.padStart(14),
              d.transferState.padEnd(15),
              d.needsAttention ? '!' : ' ',
              d.customerName,
            ].join('  '),
          );
        }
        if (page.nextCursor) console.log(`more: --cursor ${page.nextCursor}`);
      });
    });

  addConfigFlags(docs.command('show').description('show a document as JSON').argument('<documentId>'))
    .requiredOption('--shop <shopId>', 'shop id')
    .action(async (documentId: string, opts) => {
      await withAppContext(opts, async (ctx) => {
        console.log(JSON.stringify(await getDocument(ctx, opts.shop, documentId), null, 2));
      });
    });

  addConfigFlags(
    docs.command('finalize').description('finalize a draft (number, PDF, e-invoice)').argument('<documentId>'),
  )
    .requiredOption('--shop <shopId>', 'shop id')
    .action(async (documentId: string, opts) => {
      await withAppContext(opts, async (ctx) => {
        const shop = await requireShop(ctx.db, opts.shop);
        const r = await finalizeDraft(ctx, shop, documentId);
        console.log(
          `${r.document.id} finalized as ${r.document.number} (${r.files.map((f) => f.kind).join(', ')}; ${r.ms} ms)`,
        );
        for (const f of r.followUps) console.log(`  ${f.action} ${f.type} ${f.number ?? f.id}`);
      });
    });

  addConfigFlags(
    docs.command('file').description('write a stored file (pdf, xml, facturx, xrechnung)').argument('<documentId>'),
  )
    .requiredOption('--shop <shopId>', 'shop id')
    .option('--kind <kind>', DOCUMENT_FILE_KINDS.join('|'), 'pdf')
    .option('-o, --out <file>', 'output file (default: the document number)')
    .action(async (documentId: string, opts) => {
      if (!DOCUMENT_FILE_KINDS.includes(opts.kind)) {
        throw validationError(`--kind: one of ${DOCUMENT_FILE_KINDS.join(', ')}`, [
          { path: 'kind', message: 'unknown' },
        ]);
      }
      await withAppContext(opts, async (ctx) => {
        const file = await getDocumentFile(ctx, opts.shop, documentId, opts.kind as DocumentFileKind);
        const out = opts.out ?? file.filename;
        writeFileSync(out, file.content);
        console.log(`${out} (${file.content.length} bytes, sha256 ${file.sha256})`);
      });
    });
}
