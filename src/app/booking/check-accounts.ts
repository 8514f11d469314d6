import { readCache, writeCache } from '../../db/repos/sevdesk-connections.repo.js';
import type { CheckAccountInfo } from '../../integrations/sevdesk/sevdesk-api.js';
import type { AppContext } from '../context.js';
import type { SevdeskSession } from '../sevdesk/sevdesk-session.js';

// The check accounts of a connection (type, currency, status), cached in the shared sevDesk cache so a booking run
// costs no extra call. An id not in the cached list is looked up fresh once (a newly created account).

const CACHE_KEY = 'booking:checkAccounts';
export const CHECK_ACCOUNTS_TTL_MS = 6 * 60 * 60_000;

export class CheckAccounts {
  private list: CheckAccountInfo[] | null = null;
  private fresh = false;

  constructor(
    private readonly ctx: AppContext,
    private readonly session: () => SevdeskSession,
  ) {}

  async all(): Promise<CheckAccountInfo[]> {
    if (this.list) return this.list;
    const session = this.session();
    const hit = await readCache(this.ctx.db, session.connectionId, CACHE_KEY, this.ctx.now().getTime());
    if (hit !== null) {
      this.list = JSON.parse(hit) as CheckAccountInfo[];
      return this.list;
    }
    return this.reload();
  }

  async byId(id: string): Promise<CheckAccountInfo | null> {
    const found = (await this.all()).find((a) => a.id === id);
    if (found || this.fresh) return found ?? null;
    return (await this.reload()).find((a) => a.id === id) ?? null;
  }

  private async reload(): Promise<CheckAccountInfo[]> {
    const session = this.session();
    this.list = await session.api.checkAccounts();
    this.fresh = true;
    await writeCache(
      this.ctx.db,
      session.connectionId,
      CACHE_KEY,
      JSON.stringify(this.list),
      this.ctx.now().getTime() + CHECK_ACCOUNTS_TTL_MS,
    );
    return this.list;
  }
}

/** Active (status 100, or no status given) accounts only; archived ones are not booked on. */
export function isActiveAccount(account: CheckAccountInfo): boolean {
  return account.status === null || account.status >= 100;
}
