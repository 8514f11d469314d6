// Child process for the concurrent-numbering test: finalizes N drafts against the same database as the parent.
import { createDb } from '../../src/db/create-db.js';
import { insertDocument, markFinalized } from '../../src/db/repos/documents.repo.js';
import { takeNextNumber } from '../../src/db/repos/number-sequences.repo.js';
import { inTransaction } from '../../src/db/transaction.js';
import { draftDocumentRow, sampleDocumentData } from './factories.js';

const [url, shopId, orderId, count] = process.argv.slice(2) as [string, string, string, string];
const h = await createDb(url);
const seqs: number[] = [];
await Promise.all(
  Array.from({ length: Number(count) }, async () => {
    const row = draftDocumentRow(shopId, orderId);
    await insertDocument(h.db, row);
    const seq = await inTransaction(h.db, async (tx) => {
      const s = await takeNextNumber(tx, shopId, 'invoice', '2026');
      await markFinalized(tx, row.id, {
        number: `RE-2026-${s}`,
        issueDate: '2026-11-27',
        data: sampleDocumentData(),
        finalizedAt: new Date().toISOString(),
      });
      return s;
    });
    seqs.push(seq);
  }),
);
await h.close();
process.stdout.write(JSON.stringify(seqs));
