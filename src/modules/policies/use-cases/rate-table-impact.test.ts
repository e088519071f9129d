import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { before, describe, test } from 'node:test';
import { DEMO_RATE_TABLE_CSV } from '../../products/index.ts';
import { usePolicyApiTest } from '../http/policy-api-test-support.ts';

/**
 * Issue #3, "Impact test": GET /api/v1/products/:code/rate-tables/:id/impact re-rates a sample of
 * in-force policies with the tables in force and with a draft table, on a real database (PGlite, or
 * PostgreSQL with DATABASE_URL).
 */
const api = usePolicyApiTest();
const raisedRing = DEMO_RATE_TABLE_CSV.category_rate.replace('ring,1.10', 'ring,1.21');
let draftId = '';
let policies: { id: string; policyNumber: string }[] = [];

const impactUrl = (id: string, query = '') => `/api/v1/products/jewelry/rate-tables/${id}/impact${query}`;
const countImpactEvents = async () =>
  Number(
    (
      await api.bezel.deps.db
        .selectFrom('audit_event')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('action', '=', 'rate_table.impact_tested')
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('rate-table impact test (issue #3)', () => {
  // Inside the suite: the shared set-up's own before hook has started Bezel by then.
  before(async () => {
    policies = [await api.boundPolicy(), await api.boundPolicy()];
    const uploaded = await api.call('underwriter', 'POST', '/api/v1/products/jewelry/rate-tables', { name: 'category_rate', csv: raisedRing });
    assert.equal(uploaded.statusCode, 201, JSON.stringify(uploaded.json()));
    draftId = uploaded.json().id;
  });

  test('known answer: two bound ring policies, the draft raises the ring rate 1.10 → 1.21', async () => {
    // Each policy: ring $5,000 in NY, $250 deductible.
    //   old 5000/100 × 1.10 × 1.05 × 0.92 = 53.13;  new 5000/100 × 1.21 × 1.05 × 0.92 = 58.443 → 58.44
    //   change 5.31 = 9.99435… % of 53.13 → "9.99", bucket "up by more than 5 %, at most 10 %"
    // Totals: 2 × 53.13 = 106.26 → 2 × 58.44 = 116.88, change 10.62 (9.99 %).
    const before = await countImpactEvents();
    const reply = await api.call('underwriter', 'GET', impactUrl(draftId));
    assert.equal(reply.statusCode, 200, JSON.stringify(reply.json()));
    const impact = reply.json();
    assert.deepEqual(impact.table, { id: draftId, product: 'jewelry', name: 'category_rate', version: 2, status: 'draft' });
    assert.equal(impact.ratingDate, '2026-11-21');
    assert.deepEqual(impact.replaces, { version: 1, effectiveFrom: '2026-01-01' });
    assert.deepEqual([impact.population, impact.sampleSize, impact.count], [2, 500, 2]);
    assert.deepEqual(impact.totals, {
      old: { amount: '106.26', currency: 'USD' },
      new: { amount: '116.88', currency: 'USD' },
      change: { amount: '10.62', currency: 'USD' },
      percentChange: '9.99',
    });
    const fiveThirtyOne = { amount: '5.31', currency: 'USD' };
    assert.deepEqual(impact.change, { min: fiveThirtyOne, median: fiveThirtyOne, max: fiveThirtyOne });
    assert.deepEqual(
      impact.buckets.filter((bucket: { count: number }) => bucket.count > 0),
      [{ id: 'up_5_10', from: '5', to: '10', count: 2 }],
    );
    assert.equal(
      impact.buckets.reduce((sum: number, bucket: { count: number }) => sum + bucket.count, 0),
      impact.count,
    );
    assert.deepEqual(
      impact.policies.map((policy: { policyNumber: string }) => policy.policyNumber).sort(),
      policies.map((policy) => policy.policyNumber).sort(),
    );
    for (const policy of impact.policies) {
      assert.deepEqual([policy.oldPremium.amount, policy.newPremium.amount, policy.change.amount, policy.percentChange], ['53.13', '58.44', '5.31', '9.99']);
    }
    assert.deepEqual(impact.notRated, []);
    // The look across policies is audited (PRV-DISC-2); the draft is still a draft.
    assert.equal(await countImpactEvents(), before + 1);
    const table = await api.bezel.deps.db.selectFrom('rate_table').select('status').where('id', '=', draftId).executeTakeFirstOrThrow();
    assert.equal(table.status, 'draft');
  });

  test('the sample is deterministic: sample=1 picks the same policy every time; removed items are not re-rated', async () => {
    const first = (await api.call('underwriter', 'GET', impactUrl(draftId, '?sample=1'))).json();
    const second = (await api.call('underwriter', 'GET', impactUrl(draftId, '?sample=1'))).json();
    assert.deepEqual([first.population, first.sampleSize, first.count], [2, 1, 1]);
    assert.equal(first.policies[0].policyId, second.policies[0].policyId);
    // With its only item removed, a policy has nothing on its schedule to rate: listed apart, not counted.
    const removedFrom = first.policies[0].policyId as string;
    await api.bezel.deps.db.updateTable('scheduled_item').set({ removed_on: '2027-01-01' }).where('policy_id', '=', removedFrom).execute();
    try {
      const impact = (await api.call('underwriter', 'GET', impactUrl(draftId))).json();
      assert.deepEqual([impact.population, impact.count], [2, 1]);
      assert.deepEqual(impact.notRated, [{ policyId: removedFrom, policyNumber: first.policies[0].policyNumber, problems: ['no_items'] }]);
      assert.equal(impact.totals.change.amount, '5.31');
    } finally {
      await api.bezel.deps.db.updateTable('scheduled_item').set({ removed_on: null }).where('policy_id', '=', removedFrom).execute();
    }
  });

  test('bad input: sample out of range, unknown table, another product’s table, an active table, unknown product; nothing recorded', async () => {
    const before = await countImpactEvents();
    for (const query of ['?sample=0', '?sample=100000000', '?sample=abc', '?sample=1.5', '?other=1']) {
      const reply = await api.call('underwriter', 'GET', impactUrl(draftId, query));
      assert.equal(reply.statusCode, 400, `${query}: ${JSON.stringify(reply.json())}`);
      assert.equal(reply.json().code, 'validation_failed');
    }
    assert.equal((await api.call('underwriter', 'GET', impactUrl(randomUUID()))).statusCode, 404);
    assert.equal((await api.call('underwriter', 'GET', impactUrl('not-a-uuid'))).statusCode, 400);
    assert.equal((await api.call('underwriter', 'GET', `/api/v1/products/no-such-product/rate-tables/${draftId}/impact`)).statusCode, 404);

    const otherTable = await draftOfAnotherProduct();
    const other = await api.call('underwriter', 'GET', impactUrl(otherTable));
    assert.equal(other.statusCode, 404, 'a table of another product is not a table of this one');

    const active = await api.bezel.deps.db
      .selectFrom('rate_table')
      .select('id')
      .where('name', '=', 'category_rate')
      .where('status', '=', 'active')
      .executeTakeFirstOrThrow();
    const activeReply = await api.call('underwriter', 'GET', impactUrl(active.id));
    assert.equal(activeReply.statusCode, 409);
    assert.equal(activeReply.json().code, 'rate_table_not_draft');
    assert.equal(await countImpactEvents(), before);
  });

  test('staff who read policies may run it; a customer may not (403), nothing recorded', async () => {
    const before = await countImpactEvents();
    const reply = await api.call('customer', 'GET', impactUrl(draftId));
    assert.equal(reply.statusCode, 403);
    assert.equal(await countImpactEvents(), before);
  });
});

/** A second product with a draft table, straight in the database (the demo seeds only one product). */
async function draftOfAnotherProduct(): Promise<string> {
  const db = api.bezel.deps.db;
  const productId = randomUUID();
  const tableId = randomUUID();
  const now = '2026-11-21T12:00:00.000Z';
  await db.insertInto('product').values({ id: productId, code: 'watches', name: 'Watches', currency: 'USD', country: 'US', created_at: now }).execute();
  await db
    .insertInto('rate_table')
    .values({
      id: tableId,
      product_id: productId,
      name: 'category_rate',
      version: 1,
      status: 'draft',
      effective_from: null,
      uploaded_by: 'test',
      source_sha256: '0'.repeat(64),
      created_at: now,
      activated_by: null,
      activated_at: null,
    })
    .execute();
  return tableId;
}
