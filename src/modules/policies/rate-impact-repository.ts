import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { Currency } from '../../platform/money.ts';

/** SQL of the rate-table impact test (issue #3): a sample of in-force policies and their current schedules. */

export type SampledPolicy = { id: string; policyNumber: string; currency: Currency; state: string; deductible: string };
export type CurrentItem = { policyId: string; category: string; coverageAmount: string; keptInSafe: boolean };

/**
 * In-force policies sold under any of `productVersionIds`. The sample is deterministic: ordered by
 * a hash of the policy id (then the id), so the same policies give the same sample, spread over
 * the whole book instead of its oldest or newest part; all of them when there are fewer than `size`.
 */
export async function sampleInForcePolicies(
  db: Db,
  productVersionIds: readonly string[],
  size: number,
): Promise<{ population: number; policies: SampledPolicy[] }> {
  if (productVersionIds.length === 0) return { population: 0, policies: [] };
  const inForce = db
    .selectFrom('policy')
    .where('policy.status', '=', 'in_force')
    .where('policy.product_version_id', 'in', [...productVersionIds]);
  const [counted, rows] = await Promise.all([
    inForce.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirst(),
    inForce
      .innerJoin('application', 'application.id', 'policy.application_id')
      .select([
        'policy.id',
        'policy.policy_number',
        'policy.currency',
        'application.deductible',
        sql<string>`application.mailing_address ->> 'state'`.as('state'),
      ])
      .orderBy(sql`md5(policy.id::text)`)
      .orderBy('policy.id')
      .limit(size)
      .execute(),
  ]);
  return {
    population: Number(counted?.n ?? 0),
    policies: rows.map((row) => ({ id: row.id, policyNumber: row.policy_number, currency: row.currency, state: row.state, deductible: row.deductible })),
  };
}

/** The items on each policy's schedule now: those not removed (migrations/0009_policy_timeline.sql). */
export async function findCurrentItems(db: Db, policyIds: readonly string[]): Promise<CurrentItem[]> {
  if (policyIds.length === 0) return [];
  const rows = await db
    .selectFrom('scheduled_item')
    .select(['policy_id', 'category', 'coverage_amount', 'kept_in_safe'])
    .where('policy_id', 'in', [...policyIds])
    .where('removed_on', 'is', null)
    .orderBy('policy_id')
    .orderBy('item_no')
    .execute();
  return rows.map((row) => ({ policyId: row.policy_id, category: row.category, coverageAmount: row.coverage_amount, keptInSafe: row.kept_in_safe }));
}
