import { deleteSession } from '../../db/repos/sessions.repo.js';
import type { AppContext } from '../context.js';

/** End a session on the server; the cookie alone is worthless afterwards. */
export async function logOut(ctx: AppContext, sessionId: string): Promise<void> {
  await deleteSession(ctx.db, sessionId);
}
