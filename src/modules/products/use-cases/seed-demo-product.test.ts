import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { loadConfig } from '../../../config.ts';
import { FixedClock } from '../../../platform/clock.ts';
import type { Deps } from '../../../platform/deps.ts';
import { createLogger } from '../../../platform/logging.ts';
import { createTestDatabase, type TestDatabase } from '../../../platform/testing/test-database.ts';
import { seedDemoProduct } from './seed-demo-product.ts';

/** Two instances starting at once both seed; the unique product code lets exactly one of them do it. */
let database: TestDatabase;
let deps: Deps;

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
});
after(async () => database.close());

test('seeding the demo product concurrently creates it once, with its five active tables and one audit event', async () => {
  const results = await Promise.all([seedDemoProduct(deps), seedDemoProduct(deps), seedDemoProduct(deps)]);
  assert.deepEqual(results.map((result) => result.seeded).sort(), [false, false, true]);
  const tables = await deps.db.selectFrom('rate_table').select(['name', 'version', 'status', 'effective_from']).orderBy('name').execute();
  assert.deepEqual(
    tables.map((table) => `${table.name} v${table.version} ${table.status} from ${table.effective_from}`),
    [
      'category_rate v1 active from 2026-01-01',
      'deductible_factor v1 active from 2026-01-01',
      'minimum_premium v1 active from 2026-01-01',
      'safe_factor v1 active from 2026-01-01',
      'territory_factor v1 active from 2026-01-01',
    ],
  );
  const rows = await deps.db
    .selectFrom('rate_table_row')
    .select(['key', 'value'])
    .where('key', 'in', ['ring', 'NY', '250.00', 'policy'])
    .orderBy('key')
    .execute();
  assert.deepEqual(rows, [
    { key: '250.00', value: '0.92' },
    { key: 'NY', value: '1.05' },
    { key: 'policy', value: '25.00' },
    { key: 'ring', value: '1.10' },
  ]);
  const events = await deps.db.selectFrom('audit_event').select('action').where('action', '=', 'product.seeded').execute();
  assert.equal(events.length, 1);
});
