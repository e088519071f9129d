import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { loadConfig } from '../../config.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { FixedClock } from '../../platform/clock.ts';
import type { Deps } from '../../platform/deps.ts';
import { createLogger } from '../../platform/logging.ts';
import { createTestDatabase, type TestDatabase } from '../../platform/testing/test-database.ts';
import { DEMO_RATE_TABLE_CSV } from './domain/demo-product.ts';
import { invalidateProductCache, ratingBasisFor } from './product-cache.ts';
import { activateRateTable } from './use-cases/activate-rate-table.ts';
import { rateQuote } from './use-cases/rate-quote.ts';
import { seedDemoProduct } from './use-cases/seed-demo-product.ts';
import { uploadRateTable } from './use-cases/upload-rate-table.ts';

/** docs/decisions/0010-product-cache.md: what is kept, what is not, and when it is forgotten. No timing here. */
let database: TestDatabase;
let deps: Deps;
const underwriter: Actor = { kind: 'user', userId: randomUUID(), roles: ['underwriter'], locale: 'en', via: 'session' };
const origin = { requestId: null, ip: '127.0.0.1', userAgent: 'test' };
const ringInNewYork = { productCode: 'jewelry', state: 'NY', deductible: '250', items: [{ category: 'ring', coverageAmount: '5000.00', keptInSafe: true }] };

before(async () => {
  database = await createTestDatabase();
  deps = {
    config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }),
    database,
    db: database.db,
    clock: new FixedClock('2026-11-21T12:00:00Z'),
    logger: createLogger('silent'),
    appSecret: 'test-secret',
  };
  await seedDemoProduct(deps);
});
after(async () => database.close());

test('a second read of the same product and date is the kept entry; another date is read of its own', async () => {
  const first = await ratingBasisFor(deps, 'jewelry', '2026-11-21');
  assert.equal(first.found, true);
  assert.equal(await ratingBasisFor(deps, 'jewelry', '2026-11-21'), first);
  // Inside a transaction (deps.db is then the transaction) the same database's entry is used.
  await database.db.transaction().execute(async (trx) => assert.equal(await ratingBasisFor({ ...deps, db: trx }, 'jewelry', '2026-11-21'), first));
  assert.notEqual(await ratingBasisFor(deps, 'jewelry', '2026-11-22'), first);
});

test('misses are not kept: a product created after a miss is found at once', async () => {
  const missing = await ratingBasisFor(deps, 'watches', '2026-11-21');
  assert.deepEqual([missing.found, missing.product], [false, null]);
  await deps.db
    .insertInto('product')
    .values({ id: randomUUID(), code: 'watches', name: 'Watches', currency: 'USD', country: 'US', created_at: '2026-11-21T12:00:00Z' })
    .execute();
  const found = await ratingBasisFor(deps, 'watches', '2026-11-21');
  assert.equal(found.product?.code, 'watches');
  assert.equal(found.found, false, 'no version in force yet, and that is not kept either');
});

test('activating a table effective today changes this instance’s quotes at once (the activation clears the cache)', async () => {
  const today = '2026-11-21';
  const before = await rateQuote(deps, underwriter, { ...ringInNewYork, ratingDate: today });
  // 5000/100 × 1.10 × 1.05 × 0.92 × 0.95 = 50.4735 → 50.47 (territory v1)
  assert.equal(before.total.toFixed(), '50.47');
  const draft = await uploadRateTable(
    deps,
    underwriter,
    { productCode: 'jewelry', name: 'territory_factor', csv: DEMO_RATE_TABLE_CSV.territory_factor.replace('NY,1.05', 'NY,1.20') },
    origin,
  );
  await activateRateTable(deps, underwriter, draft.id, { effectiveFrom: today }, origin);
  // 5000/100 × 1.10 × 1.20 × 0.92 × 0.95 = 57.684 → 57.68 (territory v2, from today)
  assert.equal((await rateQuote(deps, underwriter, { ...ringInNewYork, ratingDate: today })).total.toFixed(), '57.68');
});

test('a table activated elsewhere (another instance, SQL) is used once the entry is forgotten, not before', async () => {
  const date = '2027-03-01';
  const kept = await ratingBasisFor(deps, 'jewelry', date);
  assert.ok(kept.found);
  const safeVersion = () => (kept.found ? kept.tables.find((table) => table.name === 'safe_factor')?.version : undefined);
  assert.equal(safeVersion(), 1);
  const id = randomUUID();
  await deps.db
    .insertInto('rate_table')
    .values({
      id,
      product_id: kept.product.id,
      name: 'safe_factor',
      version: 99,
      status: 'active',
      effective_from: '2027-02-01',
      uploaded_by: 'elsewhere',
      source_sha256: '0'.repeat(64),
      created_at: '2026-11-21T12:00:00Z',
      activated_by: 'elsewhere',
      activated_at: '2026-11-21T12:00:00Z',
    })
    .execute();
  await deps.db.insertInto('rate_table_row').values({ rate_table_id: id, key: 'kept_in_safe', value: '0.50' }).execute();
  // Within the entry's few seconds this instance still rates with what it read (decision 0010).
  assert.equal(await ratingBasisFor(deps, 'jewelry', date), kept);
  invalidateProductCache(deps);
  const fresh = await ratingBasisFor(deps, 'jewelry', date);
  assert.ok(fresh.found);
  assert.equal(fresh.tables.find((table) => table.name === 'safe_factor')?.version, 99);
});
