// Child process for the concurrent-finalization test: finalizes the given drafts through the use case, all at
// once, against the same database as the parent. Prints the numbers it got.
import { finalizeDraft } from '../../src/app/documents/finalize-draft.js';
import { requireShop } from '../../src/app/shops/require-shop.js';
import { configSchema } from '../../src/config/schema.js';
import { createDb } from '../../src/db/create-db.js';
import { SecretBox } from '../../src/lib/crypto/secret-box.js';
import { silentLogger } from '../../src/lib/logger.js';
import { SqlJobQueue } from '../../src/queue/sql/sql-job-queue.js';

const [url, secretKey, shopId, ...documentIds] = process.argv.slice(2) as [string, string, string, ...string[]];
const h = await createDb(url);
const ctx = {
  config: configSchema.parse({ databaseUrl: url, secretKey, logLevel: 'silent' }),
  db: h.db,
  engine: h.engine,
  queue: new SqlJobQueue(h.db),
  secrets: new SecretBox(Buffer.from(secretKey, 'base64')),
  logger: silentLogger,
  now: () => new Date(),
};
const shop = await requireShop(h.db, shopId);
const numbers = await Promise.all(documentIds.map(async (id) => (await finalizeDraft(ctx, shop, id)).document.number));
await h.close();
process.stdout.write(JSON.stringify(numbers));
