import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findConnection } from '../../src/db/repos/sevdesk-connections.repo.js';
import { openSession } from '../../src/app/sevdesk/sevdesk-session.js';
import { connectSevdesk } from '../../src/app/sevdesk/connect-sevdesk.js';
import { createHarness, type Harness, insertShop, SANDBOX_BASE_URL } from '../transfer/harness.js';

// Requests to one sevDesk account are paced by a token bucket shared by every shop using that account, at the
// configured rate (default 4/s, per connection configurable), and the pacing costs little of the budget.

describe('rate limit per sevDesk account', () => {
  let h: Harness;
  beforeAll(async () => {
    // No deps override of requestsPerSecond: the connection's own value applies.
    h = await createHarness('sqlite', { deps: { requestsPerSecond: undefined } });
  });
  afterAll(async () => h?.close());

  it('two shops on one sevDesk account share its budget; throughput ≥ 95 % of the rate', async () => {
    const { token } = h.sandbox.createAccount();
    const shops = [await insertShop(h), await insertShop(h)];
    for (const shopId of shops)
      await connectSevdesk(h.ctx, shopId, { token, baseUrl: SANDBOX_BASE_URL, requestsPerSecond: 20 });
    const sessions = await Promise.all(
      shops.map(async (id) => openSession(h.ctx, (await findConnection(h.db.db, id))!)),
    );
    expect(sessions[0]!.accountKey).toBe(sessions[1]!.accountKey);
    const perShop = 20;
    // Let the bucket settle after connect, then measure.
    await new Promise((r) => setTimeout(r, 100));
    const started = performance.now();
    await Promise.all(
      sessions.map(async (s) => {
        for (let i = 0; i < perShop; i++) await s.api.bookkeepingVersion();
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const total = perShop * sessions.length;
    // The first request starts at once: total − 1 intervals of 1/20 s.
    const achieved = (total - 1) / seconds;
    console.log(
      `[rate limit] ${total} requests over one account at 20/s: ${achieved.toFixed(2)} req/s (${((achieved / 20) * 100).toFixed(1)} %)`,
    );
    expect(achieved).toBeLessThanOrEqual(20 * 1.02);
    expect(achieved).toBeGreaterThanOrEqual(20 * 0.95);
  });
});
