import { describe, expect, it } from 'vitest';
import { resolveQueueEngine } from './queue-engine.js';

describe('resolveQueueEngine', () => {
  it('picks pg-boss for PostgreSQL and the embedded queue for SQLite by default', () => {
    expect(resolveQueueEngine('auto', 'postgres')).toBe('pgboss');
    expect(resolveQueueEngine('auto', 'sqlite')).toBe('embedded');
  });

  it('honours an explicit choice', () => {
    expect(resolveQueueEngine('embedded', 'postgres')).toBe('embedded');
    expect(resolveQueueEngine('pgboss', 'postgres')).toBe('pgboss');
  });

  it('refuses pg-boss on SQLite with one sentence naming the setting', () => {
    expect(() => resolveQueueEngine('pgboss', 'sqlite')).toThrow(/BELEGFLUSS_QUEUE.*postgres:\/\//);
  });
});
