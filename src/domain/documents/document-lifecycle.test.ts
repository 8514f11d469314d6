import { describe, expect, it } from 'vitest';
import {
  assertTransition,
  canTransition,
  DOCUMENT_TRANSITIONS,
  InvalidDocumentTransitionError,
  isMutable,
} from './document-lifecycle.js';

describe('document lifecycle', () => {
  it('allows only draft → finalized', () => {
    expect(canTransition('draft', 'finalized')).toBe(true);
    expect(canTransition('finalized', 'draft')).toBe(false);
    expect(canTransition('finalized', 'finalized')).toBe(false);
    expect(canTransition('draft', 'draft')).toBe(false);
    expect(DOCUMENT_TRANSITIONS.finalized).toEqual([]);
  });

  it('throws a named error otherwise', () => {
    expect(() => assertTransition('draft', 'finalized')).not.toThrow();
    expect(() => assertTransition('finalized', 'draft')).toThrow(InvalidDocumentTransitionError);
    expect(() => assertTransition('finalized', 'draft')).toThrow('A finalized document cannot become draft.');
  });

  it('only drafts are mutable', () => {
    expect(isMutable('draft')).toBe(true);
    expect(isMutable('finalized')).toBe(false);
  });
});
