import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../src/db/create-db.js';
import type { Engine } from '../../src/db/dialect.js';
import { isImmutableViolation } from '../../src/db/dialect.js';
import {
  findDocument,
  findDocumentFile,
  insertDocument,
  insertDocumentFile,
  markFinalized,
} from '../../src/db/repos/documents.repo.js';
import { takeNextNumber } from '../../src/db/repos/number-sequences.repo.js';
import { inTransaction } from '../../src/db/transaction.js';
import { runChild } from '../support/child-process.js';
import { freshDb } from '../support/databases.js';
import { draftDocumentRow, insertTestOrder, insertTestShop, sampleDocumentData } from '../support/factories.js';

// Repository behaviour that must hold identically on SQLite and PostgreSQL.
export function repositoryContract(engine: Engine, opts: { skip?: boolean } = {}) {
  describe.skipIf(opts.skip)(`repository contract: ${engine}`, () => {
    let h: DbHandle & { url: string };
    let shopId: string;
    let orderId: string;
    beforeEach(async () => {
      h = await freshDb(engine);
      shopId = await insertTestShop(h.db);
      orderId = await insertTestOrder(h.db, shopId);
    });
    afterEach(async () => {
      await h.close();
    });

    async function finalizeOne(db = h.db) {
      const row = draftDocumentRow(shopId, orderId);
      await insertDocument(db, row);
      return inTransaction(db, async (tx) => {
        const seq = await takeNextNumber(tx, shopId, 'invoice', '2026');
        await markFinalized(tx, row.id, {
          number: `RE-2026-${seq}`,
          issueDate: '2026-11-27',
          data: sampleDocumentData(),
          finalizedAt: new Date().toISOString(),
        });
        return { id: row.id, seq };
      });
    }

    it('refuses UPDATE and DELETE of a finalized document in the database itself', async () => {
      const { id } = await finalizeOne();
      await expect(h.db.updateTable('documents').set({ gross: 1 }).where('id', '=', id).execute()).rejects.toSatisfy(
        isImmutableViolation,
      );
      await expect(h.db.deleteFrom('documents').where('id', '=', id).execute()).rejects.toSatisfy(isImmutableViolation);
      expect((await findDocument(h.db, id))!.data.totals.gross).toBe(11900);
    });

    it('allows changing a draft', async () => {
      const row = draftDocumentRow(shopId, orderId);
      await insertDocument(h.db, row);
      await h.db.updateTable('documents').set({ customer_name: 'Neu' }).where('id', '=', row.id).execute();
      expect((await findDocument(h.db, row.id))!.status).toBe('draft');
    });

    it('never changes or deletes stored files', async () => {
      const { id } = await finalizeOne();
      await insertDocumentFile(
        h.db,
        id,
        { kind: 'pdf', contentType: 'application/pdf', content: Buffer.from('%PDF-1.7 test') },
        new Date().toISOString(),
      );
      await expect(h.db.updateTable('document_files').set({ sha256: 'x' }).execute()).rejects.toSatisfy(
        isImmutableViolation,
      );
      await expect(h.db.deleteFrom('document_files').execute()).rejects.toSatisfy(isImmutableViolation);
      expect((await findDocumentFile(h.db, id, 'pdf'))!.content.toString()).toBe('%PDF-1.7 test');
    });

    it('numbers concurrent finalizations from two processes without gaps or duplicates', async () => {
      const child = runChild(['test/support/finalize-child.ts', h.url, shopId, orderId, '30']);
      const mine = await Promise.all(Array.from({ length: 30 }, () => finalizeOne()));
      const theirs = JSON.parse(await child) as number[];
      const seqs = [...mine.map((r) => r.seq), ...theirs].sort((a, b) => a - b);
      expect(seqs).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    });

    it('returns a number to the sequence when the finalizing transaction rolls back', async () => {
      await finalizeOne();
      await expect(
        inTransaction(h.db, async (tx) => {
          await takeNextNumber(tx, shopId, 'invoice', '2026');
          throw new Error('rendering failed');
        }),
      ).rejects.toThrow('rendering failed');
      expect((await finalizeOne()).seq).toBe(2);
    });
  });
}
