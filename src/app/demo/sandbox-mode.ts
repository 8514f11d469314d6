import { SANDBOX_API_PATH } from './sandbox-paths.js';
import type { AppContext } from '../context.js';

// `sandbox.mode`: on, off, or auto = on while no shop has a real sevDesk connection.

export function isSandboxBaseUrl(baseUrl: string): boolean {
  try {
    return new URL(baseUrl).pathname.replace(/\/+$/, '') === SANDBOX_API_PATH;
  } catch {
    return false;
  }
}

export async function sandboxWanted(ctx: AppContext): Promise<boolean> {
  const mode = ctx.config.sandbox.mode;
  if (mode !== 'auto') return mode === 'on';
  const rows = await ctx.db
    .selectFrom('sevdesk_connections')
    .select(['base_url'])
    .where('status', '!=', 'disconnected')
    .execute();
  return !rows.some((r) => !isSandboxBaseUrl(r.base_url));
}
