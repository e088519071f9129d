import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useClaimApiTest } from './claim-api-test-support.ts';

const t = useClaimApiTest();

test('DESIGN §5 / PRV-DISC-3: a partner sees a claim’s status only while the customer authorises it, and each look is a logged disclosure', async () => {
  const policy = await t.boundPolicy();
  t.moveClockTo('2027-01-15T15:00:00Z');
  const claim = await t.seedClaim(policy.id);
  const db = t.bezel.deps.db;
  const partnerUser = await db.selectFrom('app_user').select('id').where('email', '=', 'partner@demo.bezel.test').executeTakeFirstOrThrow();
  const registered = await t.call('privacy_officer', 'POST', '/api/v1/privacy/recipients', {
    name: 'Shiny Watches Club',
    type: 'partner',
    userId: partnerUser.id,
  });
  assert.equal(registered.statusCode, 201, JSON.stringify(registered.json()));
  const url = `/api/v1/partner/claims/${claim.claimNumber}`;

  // Not authorised: as if the claim did not exist.
  assert.equal((await t.call('partner', 'GET', url)).statusCode, 404);
  // Another role cannot use the partner view at all.
  assert.equal((await t.call('customer3', 'GET', url)).statusCode, 403);

  const granted = await t.call('customer', 'POST', '/api/v1/me/partner-authorisations', { recipientId: registered.json().id });
  assert.equal(granted.statusCode, 201, JSON.stringify(granted.json()));
  const seen = await t.call('partner', 'GET', url);
  assert.equal(seen.statusCode, 200, JSON.stringify(seen.json()));
  assert.deepEqual(Object.keys(seen.json()).sort(), ['claimNumber', 'lastChangedAt', 'reportedOn', 'status'], 'the status and its dates, nothing else');
  assert.equal(seen.json().status, 'reported');
  assert.equal(seen.json().reportedOn, '2027-01-15');
  const logged = await db
    .selectFrom('disclosure')
    .select(['basis', 'categories', 'reference_type', 'reference_id'])
    .where('recipient_id', '=', registered.json().id)
    .execute();
  assert.deepEqual(logged, [{ basis: 'customer_authorisation', categories: ['user.insurance.claim'], reference_type: 'claim', reference_id: claim.id }]);

  const revoked = await t.call('customer', 'POST', `/api/v1/me/partner-authorisations/${granted.json().id}/revoke`);
  assert.ok(revoked.statusCode < 300, `revoke answered ${revoked.statusCode}`);
  assert.equal((await t.call('partner', 'GET', url)).statusCode, 404, 'revocation works at once');
});
