import { describe, expect, it } from 'vitest';
import { settingsFromAssignments } from './shop.command.js';

describe('shop settings --set', () => {
  it('builds a nested change, parsing JSON values where possible', () => {
    expect(
      settingsFromAssignments([
        'documents.autoFinalize=false',
        'numbering.invoice=RE-{YYYY}-{seq:5}',
        'documents.invoiceOnStatuses=["completed"]',
      ]),
    ).toEqual({
      documents: { autoFinalize: false, invoiceOnStatuses: ['completed'] },
      numbering: { invoice: 'RE-{YYYY}-{seq:5}' },
    });
  });
  it('names a malformed assignment', () => {
    expect(() => settingsFromAssignments(['autoFinalize'])).toThrow(/expected key=value/);
  });
});
