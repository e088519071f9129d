import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SYSTEM_ORIGIN } from '../../../platform/request-origin.ts';
import { demoEmail } from '../../accounts/index.ts';
import { completeRequest } from '../requests/use-cases/complete-request.ts';
import { submitPortalRequest } from '../requests/use-cases/submit-portal-request.ts';
import { useFulfilmentTest } from './fulfilment-test-support.ts';
import { isRestricted } from './use-cases/restriction.ts';

/** The privacy request flow reaches fulfilment: completing a verified request runs its executor in the same transaction. */
const t = useFulfilmentTest();

async function officer() {
  const row = await t.bezel.deps.db.selectFrom('app_user').select('id').where('email', '=', demoEmail('privacy_officer')).executeTakeFirstOrThrow();
  return { kind: 'user' as const, userId: row.id, roles: ['privacy_officer' as const], locale: 'en' as const, via: 'session' as const };
}

describe('privacy requests fulfilled', () => {
  test('PRV-RIGHT-1, PRV-RIGHT-3, PRV-RIGHT-4: completing access, restriction and erasure requests builds the package, sets the flag and erases, telling what was kept', async () => {
    const vera = await t.customer('Vera Verified');
    await t.boundPolicy(vera);
    const deps = t.bezel.deps;
    const staff = await officer();
    const complete = async (type: string) => {
      const request = await submitPortalRequest(deps, vera.actor, { type, jurisdiction: 'NL', details: 'Please' } as never, SYSTEM_ORIGIN);
      return completeRequest(deps, staff, request.id, SYSTEM_ORIGIN);
    };

    const access = await complete('access');
    assert.equal(access.status, 'completed');
    assert.match(access.outcomeSummary ?? '', /gegevenspakket/);
    const pkg = await deps.db
      .selectFrom('access_package')
      .select(['privacy_request_id', 'status'])
      .where('user_id', '=', vera.actor.userId)
      .executeTakeFirstOrThrow();
    assert.deepEqual(pkg, { privacy_request_id: access.id, status: 'preparing' });

    await complete('restriction');
    assert.equal(await isRestricted(deps.db, vera.actor.userId), true);

    const erasure = await complete('erasure');
    assert.equal(erasure.status, 'completed');
    // Her policy is in force: the answer names what is kept and why (in Dutch for a Dutch request).
    assert.match(erasure.outcomeSummary ?? '', /policy: Uw polis loopt/);
    const record = await deps.db.selectFrom('erasure_record').select('privacy_request_id').where('user_id', '=', vera.actor.userId).executeTakeFirstOrThrow();
    assert.equal(record.privacy_request_id, erasure.id);
  });
});
