import type { Migration } from 'kysely';
import * as m0001 from './0001-core.js';

// Numbered, forward-only. Add new migrations at the end; never edit one that has shipped.
export const MIGRATIONS: Record<string, Migration> = {
  '0001-core': m0001,
};
