import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { pino } from 'pino';
import type { AppContext } from '../../app/context.js';
import { configureWooCommerce } from '../../app/shops/configure-woocommerce.js';
import { createShop } from '../../app/shops/create-shop.js';
import { requireShop } from '../../app/shops/require-shop.js';
import { revealWebhookSecret, rotateApiKey, rotateWebhookSecret } from '../../app/shops/rotate-shop-secrets.js';
import { updateSellerProfile } from '../../app/shops/update-seller-profile.js';
import { updateShopSettings } from '../../app/shops/update-shop-settings.js';
import { bootstrap } from '../../bootstrap.js';
import { loadConfig } from '../../config/load-config.js';
import { listShops, type Shop } from '../../db/repos/shops.repo.js';
import { AppError, isAppError, validationError } from '../../lib/errors.js';
import { createLogger } from '../../lib/logger.js';
import { addConfigFlags, configFlagValues } from '../config-flags.js';

// `belegfluss shop create|list|show|settings|seller|woocommerce|rotate-key`: everything about a shop from a shell.

/** Run a use case with a full AppContext; logs go to stderr so stdout stays the command's output. */
export async function withAppContext<T>(
  opts: Record<string, unknown>,
  fn: (ctx: AppContext) => Promise<T>,
): Promise<T> {
  const config = loadConfig({ flags: configFlagValues(opts), configFile: opts.config as string | undefined });
  const logger = createLogger({
    level: (opts.logLevel as string | undefined) ?? 'warn',
    destination: pino.destination(2),
  });
  const runtime = await bootstrap(config, { logger });
  try {
    return await fn(runtime.ctx);
  } catch (e) {
    // The CLI prints one sentence; make it carry the field paths of a validation error.
    if (isAppError(e) && e.issues.length > 0) {
      throw new AppError(e.kind, e.code, `${e.message} ${e.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
    }
    throw e;
  } finally {
    await runtime.close();
  }
}

export function readJsonOption(value: string | undefined, flag: string): unknown {
  if (value === undefined) return undefined;
  const text = value.startsWith('@') ? readFileSync(value.slice(1), 'utf8') : value;
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw validationError(`${flag}: not valid JSON (${(e as Error).message})`, [
      { path: flag, message: 'invalid JSON' },
    ]);
  }
}

/** `--set documents.autoFinalize=false --set numbering.invoice=RE-{YYYY}-{seq:5}` → a nested change. */
export function settingsFromAssignments(assignments: string[]): Record<string, unknown> {
  const change: Record<string, unknown> = {};
  for (const assignment of assignments) {
    const eq = assignment.indexOf('=');
    if (eq <= 0) {
      throw validationError(`--set ${assignment}: expected key=value`, [
        { path: assignment, message: 'expected key=value' },
      ]);
    }
    const path = assignment.slice(0, eq).split('.');
    const raw = assignment.slice(eq + 1);
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      value = raw;
    }
    let node = change;
    path.slice(0, -1).forEach((key) => {
      node[key] = (node[key] as Record<string, unknown> | undefined) ?? {};
      node = node[key] as Record<string, unknown>;
    });
    node[path[path.length - 1]!] = value;
  }
  return change;
}

function printShop(shop: Shop, publicUrl: string | undefined): void {
  const webhookPath = `/webhooks/woocommerce/${shop.id}`;
  console.log(`${shop.id}  ${shop.name}`);
  console.log(
    `  seller:        ${shop.seller.legalName}, ${shop.seller.address.city} (${shop.seller.address.country})`,
  );
  console.log(`  webhook URL:   ${publicUrl ? `${publicUrl.replace(/\/+$/, '')}${webhookPath}` : webhookPath}`);
  console.log(
    `  webhook secret ${shop.hasWebhookSecret ? 'set' : 'missing'}; WooCommerce REST: ${shop.wooUrl ?? 'not configured'}`,
  );
  console.log(`  settings:      ${JSON.stringify(shop.settings)}`);
}

export function registerShopCommand(program: Command): void {
  const shop = program.command('shop').description('create and configure shops');

  addConfigFlags(shop.command('create').description('create a shop; prints its API key and webhook secret once'))
    .requiredOption('--name <name>', 'shop name')
    .requiredOption('--seller <json>', 'seller profile as JSON, or @file.json')
    .option('--settings <json>', 'shop settings as JSON, or @file.json')
    .action(async (opts) => {
      await withAppContext(opts, async (ctx) => {
        const created = await createShop(ctx, {
          name: opts.name,
          seller: readJsonOption(opts.seller, '--seller'),
          settings: readJsonOption(opts.settings, '--settings'),
        });
        printShop(created.shop, ctx.config.publicUrl);
        console.log('');
        console.log(`API key (shown once, store it now):  ${created.apiKey}`);
        console.log(`WooCommerce webhook secret:          ${created.webhookSecret}`);
      });
    });

  addConfigFlags(shop.command('list').description('list shops')).action(async (opts) => {
    await withAppContext(opts, async (ctx) => {
      const shops = await listShops(ctx.db);
      if (shops.length === 0) console.log('No shops yet; create one with `belegfluss shop create`.');
      for (const s of shops) console.log(`${s.id}  ${s.name}  (${s.seller.legalName})`);
    });
  });

  addConfigFlags(shop.command('show').description('show a shop').argument('<shopId>'))
    .option('--reveal-webhook-secret', 'also print the WooCommerce webhook secret')
    .action(async (shopId: string, opts) => {
      await withAppContext(opts, async (ctx) => {
        printShop(await requireShop(ctx.db, shopId), ctx.config.publicUrl);
        if (opts.revealWebhookSecret)
          console.log(`  webhook secret: ${(await revealWebhookSecret(ctx, shopId)) ?? '—'}`);
      });
    });

  addConfigFlags(
    shop
      .command('settings')
      .description('change settings: --set documents.autoFinalize=false, or --json \'{"tax":{"ossRegistered":true}}\'')
      .argument('<shopId>'),
  )
    .option('--set <key=value...>', 'one setting by its path (value parsed as JSON when possible)')
    .option('--json <json>', 'a partial settings object, or @file.json')
    .action(async (shopId: string, opts) => {
      await withAppContext(opts, async (ctx) => {
        const change =
          opts.json !== undefined ? readJsonOption(opts.json, '--json') : settingsFromAssignments(opts.set ?? []);
        const updated = await updateShopSettings(ctx, shopId, change);
        console.log(JSON.stringify(updated.settings, null, 2));
      });
    });

  addConfigFlags(shop.command('seller').description('replace the seller profile').argument('<shopId>'))
    .requiredOption('--json <json>', 'seller profile as JSON, or @file.json')
    .action(async (shopId: string, opts) => {
      await withAppContext(opts, async (ctx) => {
        const updated = await updateSellerProfile(ctx, shopId, readJsonOption(opts.json, '--json'));
        console.log(JSON.stringify(updated.seller, null, 2));
      });
    });

  addConfigFlags(
    shop
      .command('woocommerce')
      .description('store the WooCommerce REST credentials (for refund details and `import woocommerce`)')
      .argument('<shopId>'),
  )
    .requiredOption('--url <url>', 'shop URL, e.g. https://shop.example.com')
    .requiredOption('--consumer-key <key>', 'REST consumer key (ck_…)')
    .option('--consumer-secret <secret>', 'REST consumer secret (default: $BELEGFLUSS_WOO_CONSUMER_SECRET)')
    .action(async (shopId: string, opts) => {
      await withAppContext(opts, async (ctx) => {
        const updated = await configureWooCommerce(ctx, shopId, {
          url: opts.url,
          consumerKey: opts.consumerKey,
          consumerSecret: opts.consumerSecret ?? process.env.BELEGFLUSS_WOO_CONSUMER_SECRET ?? '',
        });
        console.log(`WooCommerce REST credentials stored (encrypted) for ${updated.id}: ${updated.wooUrl}`);
      });
    });

  addConfigFlags(
    shop.command('rotate-key').description('issue a new API key (the old one stops working)').argument('<shopId>'),
  )
    .option('--webhook-secret', 'rotate the WooCommerce webhook secret instead')
    .action(async (shopId: string, opts) => {
      await withAppContext(opts, async (ctx) => {
        if (opts.webhookSecret) {
          const { webhookSecret } = await rotateWebhookSecret(ctx, shopId);
          console.log(`New WooCommerce webhook secret (enter it in WooCommerce now): ${webhookSecret}`);
        } else {
          const { apiKey } = await rotateApiKey(ctx, shopId);
          console.log(`New API key (shown once, store it now): ${apiKey}`);
        }
      });
    });
}
