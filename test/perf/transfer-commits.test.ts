import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueTransfer } from '../../src/app/transfer/enqueue-transfer.js';
import { documentTransferLog } from '../../src/app/transfer/transfer-log.js';
import { runTransfer } from '../../src/app/transfer/transfer-document.js';
import { findTransfer } from '../../src/db/repos/transfers.repo.js';
import {
  connectShop,
  createHarness,
  type Harness,
  insertFinalizedDocument,
  insertShop,
  sampleDocumentData,
} from '../transfer/harness.js';

// On SQLite every commit is an fsync that blocks the one connection of the process (synchronous=FULL), so the
// number of write transactions per transferred document is its largest database cost. A returning customer's
// invoice: the checkpoints up to saveVoucher in one commit, voucher id + transferred + attempt log in another.

interface Counted {
  commits: number;
  statements: number;
  sources: string[];
}

type StatementProto = Record<string, (...args: unknown[]) => unknown>;

/** Counts what better-sqlite3 executes while `fn` runs: commits (explicit, and autocommit writes) and statements. */
async function counting(fn: () => Promise<void>): Promise<Counted> {
  const SQLite = createRequire(import.meta.url)('better-sqlite3') as new (
    path: string,
  ) => {
    prepare(sql: string): object;
    close(): void;
  };
  const probe = new SQLite(':memory:');
  const proto = Object.getPrototypeOf(probe.prepare('select 1')) as StatementProto;
  probe.close();
  const counted: Counted = { commits: 0, statements: 0, sources: [] };
  const originals = new Map<string, StatementProto[string]>();
  for (const m of ['run', 'all', 'get', 'iterate']) {
    const original = proto[m]!;
    originals.set(m, original);
    proto[m] = function (this: { source: string; reader: boolean; database: { inTransaction: boolean } }, ...a) {
      counted.statements++;
      counted.sources.push(this.source);
      if (
        /^\s*commit/i.test(this.source) ||
        (!this.reader && !this.database.inTransaction && !/^\s*begin/i.test(this.source))
      )
        counted.commits++;
      return original.apply(this, a);
    };
  }
  try {
    await fn();
  } finally {
    for (const [m, original] of originals) proto[m] = original;
  }
  return counted;
}

describe('write transactions per transferred document (sqlite)', () => {
  let h: Harness;
  let shopId: string;
  beforeAll(async () => {
    h = await createHarness('sqlite');
    shopId = await insertShop(h);
    await connectShop(h, shopId);
  });
  afterAll(async () => {
    await h?.close();
  });

  async function transfer(orderNumber: string) {
    const doc = await insertFinalizedDocument(h, shopId, sampleDocumentData({ orderNumber }));
    const { transferId } = await enqueueTransfer(h.db.db, h.ctx, { shopId, documentId: doc.id, reason: 'auto' });
    let state: string | undefined;
    const counted = await counting(async () => {
      state = (await runTransfer(h.ctx, transferId))?.state;
    });
    return { doc, transferId, state, counted };
  }

  it('a returning customer’s invoice commits twice and reads its document once', async () => {
    await transfer('1001'); // creates the contact
    const { doc, transferId, state, counted } = await transfer('1002');
    expect(state).toBe('transferred');
    expect(counted.commits).toBe(2);
    expect(counted.sources.filter((s) => /from "documents" where "id"/.test(s))).toHaveLength(1);
    // Nothing lost by merging: the stored record and the attempt log are complete.
    const t = await findTransfer(h.db.db, transferId);
    expect(t?.state).toBe('transferred');
    expect(t?.voucherId).toBeTruthy();
    expect(t?.contactId).toBeTruthy();
    expect(t?.checkpoint).toMatchObject({ ambiguous: false, filename: expect.any(String) });
    const log = await documentTransferLog(h.ctx, shopId, doc.id);
    expect(log.attempts).toHaveLength(1);
    expect(log.attempts[0]).toMatchObject({ outcome: 'transferred' });
    expect((log.attempts[0]!.detail.calls as unknown[]).length).toBe(3);
  });
  it('an unclear saveVoucher answer, adopted by marker in the same run, keeps the merged checkpoints', async () => {
    h.sandbox.setFaults('saveVoucher:500-after#1');
    const { transferId, state } = await transfer('1003');
    h.sandbox.setFaults('');
    expect(state).toBe('transferred');
    const t = await findTransfer(h.db.db, transferId);
    // Never back to contact_ready: the upload's file name and the contact stay in the record.
    expect(t?.checkpoint).toMatchObject({ ambiguous: false, filename: expect.any(String), contactId: t?.contactId });
  });
});
