import { join } from 'node:path';
import { createSandbox, type Sandbox } from '../../sandbox/create-sandbox.js';
import type { AppContext } from '../context.js';
import { setSevdeskDeps } from '../sevdesk/sevdesk-deps.js';
import { SANDBOX_API_PATH, SANDBOX_MOUNT } from './sandbox-paths.js';
import { sandboxWanted } from './sandbox-mode.js';

// The sandbox that `serve` runs in-process for Testmodus. Its state lives in the data directory, so vouchers and
// tokens survive a restart. Belegfluss's own sevDesk calls to it are served in-process (no loopback HTTP), whatever
// host and port the server happens to listen on; browsers reach it through the server under /sandbox.

export interface DemoSandbox {
  sandbox: Sandbox;
  close(): Promise<void>;
}

/** The in-process route for sevDesk requests to …/sandbox/api/v1; everything else goes to the network. */
export function sandboxRoutingFetch(sandbox: Sandbox) {
  return (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request ? input : null;
    const url = new URL(request ? request.url : String(input));
    if (url.pathname.startsWith(`${SANDBOX_API_PATH}/`)) {
      const inner = new URL(url.pathname.slice(SANDBOX_MOUNT.length) + url.search, 'http://sandbox.local');
      return sandbox.fetch(request ? new Request(inner, request) : inner, init);
    }
    return fetch(input, init);
  };
}

export async function openDemoSandbox(ctx: AppContext): Promise<DemoSandbox | null> {
  if (!(await sandboxWanted(ctx))) return null;
  let sandbox: Sandbox;
  try {
    sandbox = createSandbox({ stateFile: join(ctx.config.dataDir, 'sandbox-state.json') });
  } catch (e) {
    ctx.logger.warn({ err: (e as Error).message }, 'the sevDesk sandbox cannot start; Testmodus is off');
    return null;
  }
  setSevdeskDeps(ctx, { fetch: sandboxRoutingFetch(sandbox) });
  return { sandbox, close: () => sandbox.close() };
}
