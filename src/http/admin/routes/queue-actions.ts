import type { Context } from 'hono';
import type { AdminEnv } from '../admin-env.js';

// The selection of a queue form: one row's button ("one") wins over the checked boxes ("ids").
export async function selectedJobIds(c: Context<AdminEnv>): Promise<{ ids: string[]; back: string }> {
  const body = await c.req.parseBody({ all: true });
  const asList = (v: unknown) => (Array.isArray(v) ? v : v === undefined ? [] : [v]);
  const one = asList(body.one).filter((v): v is string => typeof v === 'string');
  const ids = one.length > 0 ? one.slice(0, 1) : asList(body.ids).filter((v): v is string => typeof v === 'string');
  const backRaw = typeof body.back === 'string' ? body.back : '';
  const back = /^\/admin\/queue\?status=[a-z]+$/.test(backRaw) ? backRaw : '/admin/queue';
  return { ids: [...new Set(ids)].filter((id) => id.length < 100).slice(0, 500), back };
}

export function redirectWithOutcome(c: Context<AdminEnv>, back: string, done: string, n: number, unchanged: number) {
  const sep = back.includes('?') ? '&' : '?';
  return c.redirect(`${back}${sep}done=${done}&n=${n}&unchanged=${unchanged}`, 303);
}
