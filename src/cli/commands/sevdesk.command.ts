import type { Command } from 'commander';
import { setSevdeskActive } from '../../app/sevdesk/activate-sevdesk.js';
import { connectSevdesk } from '../../app/sevdesk/connect-sevdesk.js';
import type { ConnectionView } from '../../app/sevdesk/connection-view.js';
import { disconnectSevdesk } from '../../app/sevdesk/disconnect-sevdesk.js';
import { sevdeskStatus, type StatusView } from '../../app/sevdesk/sevdesk-status.js';
import type { AppContext } from '../../app/context.js';
import { bootstrap } from '../../bootstrap.js';
import { loadConfig } from '../../config/load-config.js';
import { isAppError, validationError } from '../../lib/errors.js';
import { createLogger } from '../../lib/logger.js';
import { addConfigFlags, configFlagValues } from '../config-flags.js';

// `belegfluss sevdesk connect|status|disconnect|activate|deactivate --shop ID`. The token comes from
// `--token -`/stdin or SEVDESK_API_TOKEN so it stays out of the shell history; `--token VALUE` works too.

export const TOKEN_ENV = 'SEVDESK_API_TOKEN';

async function withContext<T>(opts: Record<string, unknown>, fn: (ctx: AppContext) => Promise<T>): Promise<T> {
  const config = loadConfig({ flags: configFlagValues(opts), configFile: opts.config as string | undefined });
  const runtime = await bootstrap(config, {
    logger: createLogger({ level: config.logLevel === 'info' ? 'warn' : config.logLevel }),
  });
  try {
    return await fn(runtime.ctx);
  } finally {
    await runtime.close();
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').trim();
}

/** --token VALUE, else --token - / piped stdin, else $SEVDESK_API_TOKEN. */
export async function resolveToken(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  if (flag && flag !== '-') return flag;
  if (flag === '-' || (!env[TOKEN_ENV] && !process.stdin.isTTY)) {
    const fromStdin = await readStdin();
    if (fromStdin) return fromStdin;
  }
  const fromEnv = env[TOKEN_ENV]?.trim();
  if (fromEnv) return fromEnv;
  throw validationError(
    `No API token: pipe it in (echo "$TOKEN" | belegfluss sevdesk connect --shop ID --token -) or set ${TOKEN_ENV}.`,
    [{ path: 'token', message: 'is required' }],
  );
}

function requireShop(opts: Record<string, unknown>): string {
  const shop = opts.shop;
  if (typeof shop !== 'string' || shop.trim() === '')
    throw validationError('--shop <id> is required', [{ path: 'shop', message: 'is required' }]);
  return shop.trim();
}

export function formatConnection(v: ConnectionView | StatusView, lang: 'de' | 'en' = 'de'): string {
  const lines = [
    `Shop:               ${v.shopId}`,
    `Status:             ${v.status}${v.active ? '' : ' (Schnittstelle inaktiv / interface inactive)'}`,
  ];
  if (v.baseUrl) lines.push(`sevDesk:            ${v.baseUrl}`);
  if (v.bookkeepingVersion) lines.push(`Buchhaltung/bookk.: ${v.bookkeepingVersion}`);
  if (v.checkAccounts.length > 0)
    lines.push(
      `Zahlungskonten:     ${v.checkAccounts.map((a) => `${a.name} (${a.type}${a.accountingNumber ? ` ${a.accountingNumber}` : ''})`).join(', ')}`,
    );
  if (v.revenueAccounts.length > 0)
    lines.push(`Erlöskonten:        ${v.revenueAccounts.map((a) => a.accountNumber).join(', ')}`);
  if ('diagnosis' in v) {
    lines.push(`Diagnose:           ${v.diagnosis.ok ? 'OK' : 'FEHLER / ERROR'} — ${v.diagnosis[lang]}`);
    const counts = Object.entries(v.transfers)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ');
    if (counts) lines.push(`Übertragungen:      ${counts}`);
  } else if (v.lastError) lines.push(`Letzter Fehler:     ${v.lastError[lang]}`);
  return lines.join('\n');
}

export function registerSevdeskCommand(program: Command): void {
  const sevdesk = program
    .command('sevdesk')
    .description('connect a shop to sevDesk, check the connection, disconnect, (de)activate the interface');

  const common = (cmd: Command) =>
    addConfigFlags(cmd)
      .requiredOption('--shop <id>', 'shop id')
      .option('--json', 'print JSON')
      .option('--lang <de|en>', 'language of messages', 'de');
  const print = (opts: Record<string, unknown>, view: ConnectionView | StatusView) =>
    console.log(opts.json ? JSON.stringify(view, null, 2) : formatConnection(view, opts.lang === 'en' ? 'en' : 'de'));

  common(
    sevdesk
      .command('connect')
      .description('verify and store the API token (from --token -, stdin or $SEVDESK_API_TOKEN)'),
  )
    .option('--token <token>', 'the API token, or "-" to read it from stdin')
    .option('--base-url <url>', 'sevDesk API base URL (default https://my.sevdesk.de/api/v1, or the sandbox)')
    .option('--rps <n>', 'requests per second to this sevDesk account')
    .action(async (opts) => {
      const shopId = requireShop(opts);
      const token = await resolveToken(opts.token);
      const input: Record<string, unknown> = { token };
      if (opts.baseUrl) input.baseUrl = opts.baseUrl;
      if (opts.rps !== undefined) input.requestsPerSecond = Number(opts.rps);
      await withContext(opts, async (ctx) => {
        try {
          print(opts, await connectSevdesk(ctx, shopId, input));
        } catch (e) {
          if (isAppError(e) && e.detail && typeof e.detail.de === 'string' && opts.lang !== 'en')
            throw Object.assign(e, { message: e.detail.de });
          throw e;
        }
      });
    });

  common(sevdesk.command('status').description('show the connection and diagnose it with one call to sevDesk'))
    .option('--no-check', 'do not call sevDesk; show the last known state')
    .action(async (opts) => {
      const shopId = requireShop(opts);
      await withContext(opts, async (ctx) => {
        const view = await sevdeskStatus(ctx, shopId, { live: opts.check !== false });
        print(opts, view);
        if (!view.diagnosis.ok) process.exitCode = 1;
      });
    });

  common(sevdesk.command('disconnect').description('delete the stored token; transfers wait until reconnected')).action(
    async (opts) => {
      const shopId = requireShop(opts);
      await withContext(opts, async (ctx) => print(opts, await disconnectSevdesk(ctx, shopId)));
    },
  );

  for (const [name, active] of [
    ['activate', true],
    ['deactivate', false],
  ] as const) {
    common(
      sevdesk
        .command(name)
        .description(
          active ? 'activate the sevDesk interface (transfers are sent)' : 'deactivate it (nothing is sent)',
        ),
    ).action(async (opts) => {
      const shopId = requireShop(opts);
      await withContext(opts, async (ctx) => print(opts, await setSevdeskActive(ctx, shopId, active)));
    });
  }
  for (const cmd of sevdesk.commands) cmd.exitOverride();
}
