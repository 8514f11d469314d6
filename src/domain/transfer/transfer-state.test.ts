import { describe, expect, it } from 'vitest';
import {
  ACTIVE_STATES,
  assertTransition,
  canTransition,
  isTransferState,
  TRANSFER_STATES,
  TRANSITIONS,
  TransitionError,
} from './transfer-state.js';

describe('transfer state machine', () => {
  it('every state has a row, and every target is a state', () => {
    for (const s of TRANSFER_STATES) {
      expect(TRANSITIONS[s]).toBeDefined();
      for (const t of TRANSITIONS[s]) expect(TRANSFER_STATES).toContain(t);
    }
  });

  it('follows the write path queued → contact_ready → file_uploaded → voucher_requested → voucher_created → transferred', () => {
    const path = [
      'queued',
      'contact_ready',
      'file_uploaded',
      'voucher_requested',
      'voucher_created',
      'transferred',
    ] as const;
    for (let i = 1; i < path.length; i++) expect(canTransition(path[i - 1]!, path[i]!)).toBe(true);
  });

  it('a requested voucher goes back only to "uploaded" (proven not executed) or forward to created', () => {
    expect(canTransition('voucher_requested', 'file_uploaded')).toBe(true);
    expect(canTransition('voucher_requested', 'voucher_created')).toBe(true);
    expect(canTransition('voucher_requested', 'transferred')).toBe(false);
  });

  it('any active state can stop; stopped states only go back to the queue', () => {
    for (const s of ACTIVE_STATES)
      for (const stop of ['failed', 'needs_attention', 'paused'] as const) expect(canTransition(s, stop)).toBe(true);
    expect(canTransition('failed', 'queued')).toBe(true);
    expect(canTransition('needs_attention', 'file_uploaded')).toBe(false);
    expect(canTransition('paused', 'voucher_created')).toBe(false);
  });

  it('a transferred document never becomes failed or paused (a manual re-check may re-queue it)', () => {
    expect(canTransition('transferred', 'failed')).toBe(false);
    expect(canTransition('transferred', 'paused')).toBe(false);
    expect(canTransition('transferred', 'queued')).toBe(true);
    expect(() => assertTransition('transferred', 'failed')).toThrow(TransitionError);
  });

  it('recognises state names', () => {
    expect(isTransferState('voucher_requested')).toBe(true);
    expect(isTransferState('done')).toBe(false);
  });
});
