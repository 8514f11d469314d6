import type { Db } from '../database.js';

/**
 * Take the next number of a gapless sequence. Must run inside the transaction that stores the numbered
 * document: the increment and the document commit or roll back together, so no number is lost or reused.
 * The upsert takes a row lock (PostgreSQL) or runs under the write lock (SQLite), so concurrent
 * finalizations queue up instead of colliding.
 */
export async function takeNextNumber(tx: Db, shopId: string, docType: string, period: string): Promise<number> {
  const row = await tx
    .insertInto('number_sequences')
    .values({ shop_id: shopId, doc_type: docType, period, next_value: 2 })
    .onConflict((oc) =>
      oc
        .columns(['shop_id', 'doc_type', 'period'])
        .doUpdateSet((eb) => ({ next_value: eb('number_sequences.next_value', '+', 1) })),
    )
    .returning('next_value')
    .executeTakeFirstOrThrow();
  return row.next_value - 1;
}
