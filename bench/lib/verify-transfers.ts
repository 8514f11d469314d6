import type { AppContext } from '../../src/app/context.js';
import { markersIn } from '../../src/domain/transfer/marker.js';
import type { SandboxDump } from '../../src/sandbox/create-sandbox.js';

// Our documents against what the sandbox holds: one voucher per finalized document (found by its marker), none
// extra, the voucher's sums equal to the document's to the cent (total, VAT, net, and gross and VAT per rate), one
// contact per customer number.

export interface TransferAudit {
  documents: number;
  transferred: number;
  vouchers: number;
  /** Vouchers beyond the first for the same document, plus vouchers of no known document. */
  duplicates: number;
  /** Finalized documents without any voucher. */
  lost: number;
  sumsEqual: number;
  sumMismatches: string[];
  contacts: number;
  duplicateContacts: number;
  /** Customer numbers held by more than one contact, with the contacts' ids and creation times. */
  duplicateContactDetails: { customerNumber: string; contacts: { id: number; create: number }[] }[];
  transferStates: Record<string, number>;
}

export async function auditTransfers(
  app: AppContext,
  dumps: { shopId: string; dump: SandboxDump }[],
): Promise<TransferAudit> {
  const audit: TransferAudit = {
    documents: 0,
    transferred: 0,
    vouchers: 0,
    duplicates: 0,
    lost: 0,
    sumsEqual: 0,
    sumMismatches: [],
    contacts: 0,
    duplicateContacts: 0,
    duplicateContactDetails: [],
    transferStates: {},
  };
  for (const { shopId, dump } of dumps) {
    const docs = await app.db
      .selectFrom('documents as d')
      .leftJoin('transfers as t', (j) => j.onRef('t.document_id', '=', 'd.id').on('t.target', '=', 'sevdesk'))
      .select(['d.id', 'd.number', 'd.net', 'd.tax', 'd.gross', 'd.data', 't.state'])
      .where('d.shop_id', '=', shopId)
      .where('d.status', '=', 'finalized')
      .execute();
    const byDoc = new Map<string, SandboxDump['vouchers']>();
    const known = new Set(docs.map((d) => d.id));
    for (const v of dump.vouchers) {
      audit.vouchers++;
      const ids = markersIn(v.description);
      if (ids.length !== 1 || !known.has(ids[0]!)) {
        audit.duplicates++;
        continue;
      }
      byDoc.set(ids[0]!, [...(byDoc.get(ids[0]!) ?? []), v]);
    }
    for (const d of docs) {
      audit.documents++;
      const state = d.state ?? 'none';
      audit.transferStates[state] = (audit.transferStates[state] ?? 0) + 1;
      if (state === 'transferred') audit.transferred++;
      const vs = byDoc.get(d.id) ?? [];
      if (vs.length === 0) {
        audit.lost++;
        continue;
      }
      audit.duplicates += vs.length - 1;
      const v = vs[0]!;
      const problems: string[] = [];
      if (v.sumGross !== Number(d.gross)) problems.push(`gross ${v.sumGross} ≠ ${d.gross}`);
      if (v.sumTax !== Number(d.tax)) problems.push(`tax ${v.sumTax} ≠ ${d.tax}`);
      if (v.sumNet !== Number(d.net)) problems.push(`net ${v.sumNet} ≠ ${d.net}`);
      const data = JSON.parse(d.data) as { totals: { byRate: { rateBp: number; gross: number; tax: number }[] } };
      for (const rate of data.totals.byRate) {
        const at = v.positions.filter((p) => p.taxRateBp === rate.rateBp);
        const gross = at.reduce((s, p) => s + p.sumGross, 0);
        const tax = at.reduce((s, p) => s + p.sumTax, 0);
        if (gross !== rate.gross || tax !== rate.tax)
          problems.push(`at ${rate.rateBp / 100} %: ${gross}/${tax} ≠ ${rate.gross}/${rate.tax}`);
      }
      if (problems.length === 0) audit.sumsEqual++;
      else if (audit.sumMismatches.length < 20) audit.sumMismatches.push(`${d.number}: ${problems.join(', ')}`);
    }
    const numbers = dump.contacts.map((c) => c.customerNumber).filter((n): n is string => Boolean(n));
    audit.contacts += dump.contacts.length;
    audit.duplicateContacts += numbers.length - new Set(numbers).size;
    for (const n of new Set(numbers)) {
      const same = dump.contacts.filter((c) => c.customerNumber === n);
      if (same.length > 1)
        audit.duplicateContactDetails.push({
          customerNumber: n,
          contacts: same.map((c) => ({ id: c.id, create: c.create })),
        });
    }
  }
  return audit;
}
