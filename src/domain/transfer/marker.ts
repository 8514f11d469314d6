// The stable marker that makes a voucher findable in sevDesk (which has no idempotency key): it goes into the
// voucher description, is searched with `descriptionLike` before every create and after every ambiguous answer,
// and is compared exactly on the results, because sevDesk's filter is a substring match (and may be ignored).

const MARKER_PATTERN = /\[BF:([A-Za-z0-9_-]+)\]/g;

/** `[BF:doc_01J…]` */
export function transferMarker(documentId: string): string {
  if (!/^[A-Za-z0-9_-]+$/.test(documentId)) throw new RangeError(`document id not usable in a marker: ${documentId}`);
  return `[BF:${documentId}]`;
}

/** Every document id whose marker appears in a description. */
export function markersIn(description: string | null | undefined): string[] {
  if (!description) return [];
  return [...description.matchAll(MARKER_PATTERN)].map((m) => m[1] as string);
}

/** Exact comparison: the description carries this document's marker (not merely a string containing it as a prefix). */
export function hasMarker(description: string | null | undefined, documentId: string): boolean {
  return markersIn(description).includes(documentId);
}

/**
 * The voucher description: document number first (sevDesk shows it as the voucher number), then — for a
 * cancellation — the invoice it cancels, then the marker. E.g. `RE-2026-00042 [BF:doc_…]`,
 * `ST-2026-00003 Storno zu RE-2026-00042 [BF:doc_…]`.
 */
export function voucherDescription(input: {
  number: string;
  documentId: string;
  cancelsNumber?: string | null;
}): string {
  const parts = [input.number];
  if (input.cancelsNumber) parts.push(`Storno zu ${input.cancelsNumber}`);
  parts.push(transferMarker(input.documentId));
  return parts.join(' ');
}
