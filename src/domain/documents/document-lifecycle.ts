// Document states and the only allowed move: a draft is finalized once, and then never changes.
// Corrections are new documents (cancellations), not edits.
import { DOCUMENT_STATUSES, type DocumentStatus } from './document.js';

export const DOCUMENT_LIFECYCLE_STATES = DOCUMENT_STATUSES;

export const DOCUMENT_TRANSITIONS: Readonly<Record<DocumentStatus, readonly DocumentStatus[]>> = {
  draft: ['finalized'],
  finalized: [],
};

export function canTransition(from: DocumentStatus, to: DocumentStatus): boolean {
  return DOCUMENT_TRANSITIONS[from].includes(to);
}

export class InvalidDocumentTransitionError extends Error {
  override name = 'InvalidDocumentTransitionError';
  constructor(
    readonly from: DocumentStatus,
    readonly to: DocumentStatus,
  ) {
    super(`A ${from} document cannot become ${to}.`);
  }
}

export function assertTransition(from: DocumentStatus, to: DocumentStatus): void {
  if (!canTransition(from, to)) throw new InvalidDocumentTransitionError(from, to);
}

/** Whether a document in this state may still be edited. */
export function isMutable(status: DocumentStatus): boolean {
  return status === 'draft';
}
