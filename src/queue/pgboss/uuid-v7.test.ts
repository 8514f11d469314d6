import { describe, expect, it } from 'vitest';
import { isUuid, uuidV7 } from './uuid-v7.js';

describe('uuidV7', () => {
  it('is a version-7, variant-10 UUID carrying the millisecond timestamp', () => {
    const id = uuidV7(Date.UTC(2026, 10, 27, 12, 0, 0));
    expect(isUuid(id)).toBe(true);
    expect(id[14]).toBe('7');
    expect(['8', '9', 'a', 'b']).toContain(id[19]);
    expect(Number.parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(Date.UTC(2026, 10, 27, 12, 0, 0));
  });

  it('sorts in creation order, also within one millisecond and when the clock goes back', () => {
    const t = Date.now() + 10_000;
    const ids = [uuidV7(t), uuidV7(t), uuidV7(t), uuidV7(t - 5), uuidV7(t + 1), uuidV7(t + 1)];
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every(isUuid)).toBe(true);
  });

  it('rejects what is not a UUID', () => {
    expect(isUuid('job_01ABC')).toBe(false);
    expect(isUuid('')).toBe(false);
    expect(isUuid("00000000-0000-0000-0000-00000000000'")).toBe(false);
  });
});
