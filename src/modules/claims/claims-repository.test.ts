import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Role } from '../../platform/db/schema.ts';
import { demoEmail } from '../accounts/index.ts';
import { findClaimWithItemsVisibleTo } from './claims-repository.ts';
import { useClaimApiTest } from './http/claim-api-test-support.ts';

const t = useClaimApiTest();

async function actorOf(role: Role | 'customer3'): Promise<Actor> {
  const email = role === 'customer3' ? 'customer3@example.com' : demoEmail(role);
  const user = await t.bezel.deps.db.selectFrom('app_user').select('id').where('email', '=', email).executeTakeFirstOrThrow();
  const roles: Role[] = role === 'customer3' ? ['customer'] : [role];
  return { kind: 'user', userId: user.id, roles, locale: 'en', via: 'session' };
}

test('DESIGN §5 access: the policyholder and claims staff reach a claim; another customer and an unassigned jeweler do not (404)', async () => {
  const policy = await t.boundPolicy();
  t.moveClockTo('2027-01-15T15:00:00Z');
  const claim = await t.seedClaim(policy.id);
  const db = t.bezel.deps.db;

  const own = await findClaimWithItemsVisibleTo(db, await actorOf('customer'), claim.id);
  assert.equal(own?.claimNumber, claim.claimNumber);
  assert.match(claim.claimNumber, /^CL-2027-\d{6}$/);
  assert.equal(own?.items.length, 1);
  assert.equal(own?.items[0]?.coverageAmount?.toFixed(), '5000.00');
  assert.equal(own?.status, 'reported');

  assert.ok(await findClaimWithItemsVisibleTo(db, await actorOf('adjuster'), claim.id));
  assert.ok(await findClaimWithItemsVisibleTo(db, await actorOf('auditor'), claim.id));
  assert.equal(await findClaimWithItemsVisibleTo(db, await actorOf('customer3'), claim.id), null);
  assert.equal(await findClaimWithItemsVisibleTo(db, await actorOf('jeweler'), claim.id), null);
  assert.equal(await findClaimWithItemsVisibleTo(db, await actorOf('secretary'), claim.id), null);
});
