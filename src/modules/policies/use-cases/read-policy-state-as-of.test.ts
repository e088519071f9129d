import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import type { UserActor } from '../../../platform/auth/actor.ts';
import { systemActor } from '../../../platform/auth/actor.ts';
import { inTransaction } from '../../../platform/db/transaction.ts';
import type { PolicyStateAsOf } from '../domain/policy-timeline.ts';
import { usePolicyApiTest } from '../http/policy-api-test-support.ts';
import { findPolicyStateAsOf, getPolicyAsOf } from './read-policy-as-of.ts';

/**
 * findPolicyStateAsOf (one statement, for a claim's first notice, issue #4) answers exactly getPolicyAsOf's state: the
 * status, the schedule and the named insureds on each date, also after an endorsement; within the same reach.
 */
const policyTest = usePolicyApiTest();
const { call, boundPolicy } = policyTest;
afterEach(() => policyTest.moveClockTo('2026-11-21T12:00:00Z'));

const comparable = (state: PolicyStateAsOf) => ({
  date: state.date.toString(),
  status: state.status,
  items: [...state.items].map(([itemNo, item]) => [itemNo, item.description, item.coverageAmount.toFixed(), item.setId]),
  namedInsureds: [...state.namedInsureds],
  applied: state.applied.map((transaction) => `${transaction.kind} ${transaction.effectiveDate}`),
});

describe('the policy state as of a date in one statement', () => {
  test('issue #4: the same status, schedule and named insureds as getPolicyAsOf, before and after an endorsement', async () => {
    const policy = await boundPolicy(['Carla Customer', 'Dan Customer']);
    policyTest.moveClockTo('2027-03-01T17:00:00Z');
    const watch = {
      op: 'add',
      description: 'Steel diver watch',
      category: 'watch',
      coverageAmount: '2000.00',
      keptInSafe: false,
      appraisalDate: '2027-02-20',
      appraisedBy: 'Tiffany & Co., Fifth Avenue',
    };
    const endorsed = await call('customer', 'POST', `/api/v1/policies/${policy.id}/endorsements`, { changes: [watch] });
    assert.equal(endorsed.statusCode, 201, JSON.stringify(endorsed.json()));

    const { deps } = policyTest.bezel;
    const actor = systemActor('test');
    for (const date of ['2026-11-30', '2026-12-01', '2027-02-28', '2027-03-01', '2027-11-30', '2027-12-01']) {
      const full = await getPolicyAsOf(deps, actor, policy.id, date);
      const lean = await findPolicyStateAsOf(deps, actor, policy.id, date);
      assert.ok(lean);
      assert.equal(lean.policy.policyNumber, full.policy.policyNumber);
      assert.deepEqual(comparable(lean.state), comparable(full.state), date);
    }
    const march = await findPolicyStateAsOf(deps, actor, policy.id, '2027-03-01');
    assert.deepEqual([...(march?.state.items.keys() ?? [])], [1, 2]);
  });

  test('issue #4: out of the actor’s reach it is null (not another customer’s policy), and it can lock the policy row', async () => {
    const policy = await boundPolicy();
    const { deps } = policyTest.bezel;
    const stranger: UserActor = { kind: 'user', userId: '00000000-0000-4000-8000-00000000beef', roles: ['customer'], locale: 'en', via: 'session' };
    assert.equal(await findPolicyStateAsOf(deps, stranger, policy.id, '2027-01-10'), null);
    const locked = await inTransaction(deps.db, (trx) =>
      findPolicyStateAsOf({ ...deps, db: trx }, systemActor('test'), policy.id, '2027-01-10', { forUpdate: true }),
    );
    assert.equal(locked?.state.status, 'in_force');
  });
});
