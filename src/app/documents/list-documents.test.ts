import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from './list-documents.js';

describe('document list cursor', () => {
  it('round-trips a position and is opaque', () => {
    const id = 'doc_06H1X62K2WFNJV03BC1JA05Z7W';
    expect(decodeCursor(encodeCursor({ id }))).toEqual({ id });
    expect(decodeCursor(encodeCursor({ id, issueDate: '2026-02-01' }))).toEqual({ id, issueDate: '2026-02-01' });
    expect(encodeCursor({ id })).not.toContain('doc_');
  });
  it('rejects anything it did not make', () => {
    expect(decodeCursor('abc')).toBeNull();
    expect(decodeCursor(Buffer.from('{"v":2,"id":"doc_A"}').toString('base64url'))).toBeNull();
    expect(decodeCursor(Buffer.from(`{"v":1,"id":"x' OR 1=1"}`).toString('base64url'))).toBeNull();
    expect(decodeCursor(Buffer.from('{"v":1,"id":"doc_A","issueDate":"tomorrow"}').toString('base64url'))).toBeNull();
  });
});
