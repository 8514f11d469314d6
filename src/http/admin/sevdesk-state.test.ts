import { describe, expect, it } from 'vitest';
import { isSettled, localizedText, sevdeskDisplay } from './sevdesk-state.js';

describe('sevDesk state shown in the admin UI', () => {
  it('maps the transfer state machine onto the operator states', () => {
    expect(sevdeskDisplay(null).state).toBe('not_transferred');
    expect(sevdeskDisplay('not_transferred').canTransfer).toBe(true);
    expect(sevdeskDisplay('queued')).toMatchObject({ state: 'queued', polling: true, canTransfer: false });
    for (const s of ['contact_ready', 'file_uploaded', 'voucher_requested', 'voucher_created']) {
      expect(sevdeskDisplay(s)).toMatchObject({ state: 'in_progress', polling: true });
    }
    expect(sevdeskDisplay('transferred')).toMatchObject({ state: 'transferred', tone: 'ok', polling: false });
    expect(sevdeskDisplay('failed')).toMatchObject({ state: 'failed', tone: 'danger', canTransfer: true });
    expect(sevdeskDisplay('needs_attention')).toMatchObject({ state: 'needs_attention', tone: 'warn' });
    expect(sevdeskDisplay('paused')).toMatchObject({ state: 'paused', polling: false });
  });

  it('shows booking progress of transferred documents', () => {
    expect(sevdeskDisplay('transferred', 'booked').state).toBe('booked');
    expect(sevdeskDisplay('transferred', 'linked').state).toBe('linked');
    expect(sevdeskDisplay('transferred', 'waiting_for_payment')).toMatchObject({
      state: 'waiting_for_payment',
      tone: 'warn',
    });
    expect(sevdeskDisplay('transferred', 'manual').state).toBe('booked');
    expect(sevdeskDisplay('transferred', 'ambiguous')).toMatchObject({ state: 'needs_attention', fromBooking: true });
    expect(sevdeskDisplay('transferred', 'failed')).toMatchObject({ state: 'needs_attention', fromBooking: true });
    expect(sevdeskDisplay('transferred', 'pending').state).toBe('transferred');
    expect(sevdeskDisplay('transferred', 'not_applicable').state).toBe('transferred');
    expect(sevdeskDisplay('transferred', 'something_new').state).toBe('transferred');
  });

  it('keeps polling states it does not know', () => {
    expect(sevdeskDisplay('brand_new_state')).toMatchObject({ state: 'in_progress', polling: true });
  });

  it('knows when a bulk action is done with a document', () => {
    expect(isSettled('queued')).toBe(false);
    expect(isSettled('voucher_requested')).toBe(false);
    expect(isSettled('transferred')).toBe(true);
    expect(isSettled('failed')).toBe(true);
    expect(isSettled(null)).toBe(true);
  });

  it('picks the language of a localized error text', () => {
    const stored = JSON.stringify({ code: 'x', de: 'Fehler', en: 'Error' });
    expect(localizedText(stored, 'de')).toBe('Fehler');
    expect(localizedText(stored, 'en')).toBe('Error');
    expect(localizedText('plain text', 'en')).toBe('plain text');
    expect(localizedText('{not json', 'en')).toBe('{not json');
    expect(localizedText(null, 'de')).toBeNull();
  });
});
