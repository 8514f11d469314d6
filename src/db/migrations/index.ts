import type { Migration } from 'kysely';
import * as m0001 from './0001-core.js';
import * as m0002 from './0002-ingest-documents.js';
import * as m0003 from './0003-sevdesk.js';
import * as m0004 from './0004-admin-auth.js';
import * as m0005 from './0005-booking.js';
import * as m0006 from './0006-rate-limits.js';
import * as m0007 from './0007-order-customer.js';

// Numbered, forward-only. Add new migrations at the end; never edit one that has shipped.
export const MIGRATIONS: Record<string, Migration> = {
  '0001-core': m0001,
  '0002-ingest-documents': m0002,
  '0003-sevdesk': m0003,
  '0004-admin-auth': m0004,
  '0005-booking': m0005,
  '0006-rate-limits': m0006,
  '0007-order-customer': m0007,
};
