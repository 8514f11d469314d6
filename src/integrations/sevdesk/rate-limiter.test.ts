import { describe, expect, it } from 'vitest';
import { TokenBucketRateLimiter } from './rate-limiter.js';

/** A virtual clock: sleeping advances time instantly. */
function clock() {
  let t = 0;
  return {
    now: () => t,
    sleep: async (ms: number) => {
      t += ms;
    },
    at: () => t,
  };
}

describe('token bucket per sevDesk account', () => {
  it('paces task starts to the rate and never overlaps tasks of one account', async () => {
    const c = clock();
    const limiter = new TokenBucketRateLimiter({ now: c.now, sleep: c.sleep });
    const starts: number[] = [];
    let running = 0;
    let maxRunning = 0;
    await Promise.all(
      Array.from({ length: 9 }, () =>
        limiter.run('acct', 4, async () => {
          running++;
          maxRunning = Math.max(maxRunning, running);
          starts.push(c.at());
          await Promise.resolve();
          running--;
        }),
      ),
    );
    expect(maxRunning).toBe(1);
    expect(starts).toEqual([0, 250, 500, 750, 1000, 1250, 1500, 1750, 2000]);
  });

  it('accounts are independent', async () => {
    const c = clock();
    const limiter = new TokenBucketRateLimiter({ now: c.now, sleep: c.sleep });
    const a: number[] = [];
    const b: number[] = [];
    await Promise.all([
      limiter.run('a', 1, async () => void a.push(c.at())),
      limiter.run('b', 1, async () => void b.push(c.at())),
    ]);
    expect(a).toEqual([0]);
    expect(b).toEqual([0]);
  });

  it('a 429 pauses every request to the account', async () => {
    const c = clock();
    const limiter = new TokenBucketRateLimiter({ now: c.now, sleep: c.sleep });
    await limiter.run('acct', 100, async () => {});
    limiter.pause('acct', 2_000);
    let started = -1;
    await limiter.run('acct', 100, async () => {
      started = c.at();
    });
    expect(started).toBeGreaterThanOrEqual(2_000);
  });

  it('a failing task does not block the next one', async () => {
    const c = clock();
    const limiter = new TokenBucketRateLimiter({ now: c.now, sleep: c.sleep });
    await expect(limiter.run('acct', 10, async () => Promise.reject(new Error('x')))).rejects.toThrow('x');
    await expect(limiter.run('acct', 10, async () => 7)).resolves.toBe(7);
  });
});
