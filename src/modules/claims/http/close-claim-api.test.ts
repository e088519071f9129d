import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useClaimApiTest } from './claim-api-test-support.ts';

const t = useClaimApiTest();
let policyId = '';

test('closing a claim: a denied claim closes with a note, its deadlines end but the suit limitation stays (JPF-SUIT-1); an open claim cannot be closed', async () => {
  const policy = await t.boundPolicy();
  policyId = policy.id;
  t.moveClockTo('2027-01-15T15:00:00Z');
  const open = await t.seedClaim(policy.id, { lossDate: '2027-01-02' });
  const refused = await t.call('adjuster', 'POST', `/api/v1/claims/${open.id}/close`, { note: 'Too early' });
  assert.equal(refused.statusCode, 409);
  assert.equal(refused.json().code, 'claim_not_closable');

  const denied = await t.seedClaim(policy.id, { lossDate: '2027-01-05', status: 'denied' });
  const db = t.bezel.deps.db;
  await db
    .insertInto('claim_diary_entry')
    .values([
      {
        id: crypto.randomUUID(),
        claim_id: denied.id,
        kind: 'proof_of_loss_due',
        party: 'insured',
        due_on: '2027-04-05',
        clause: 'JPF-DUTY-4',
        note: null,
        reference_id: null,
        reminded_at: null,
        created_at: '2027-01-15T15:00:00Z',
        closed_at: null,
      },
      {
        id: crypto.randomUUID(),
        claim_id: denied.id,
        kind: 'suit_limitation',
        party: 'insured',
        due_on: '2028-01-05',
        clause: 'JPF-SUIT-1',
        note: null,
        reference_id: null,
        reminded_at: null,
        created_at: '2027-01-15T15:00:00Z',
        closed_at: null,
      },
    ])
    .execute();
  assert.equal((await t.call('customer', 'POST', `/api/v1/claims/${denied.id}/close`, { note: 'Mine' })).statusCode, 403);
  assert.equal((await t.call('adjuster', 'POST', `/api/v1/claims/${denied.id}/close`, { note: '' })).statusCode, 400);

  const closed = await t.call('adjuster', 'POST', `/api/v1/claims/${denied.id}/close`, { note: 'Denied, no appeal' });
  assert.equal(closed.statusCode, 200, JSON.stringify(closed.json()));
  assert.deepEqual(closed.json(), { claimId: denied.id, claimNumber: denied.claimNumber, previousStatus: 'denied', cancelledDiaryEntries: 1 });
  const entries = await db.selectFrom('claim_diary_entry').select(['kind', 'status']).where('claim_id', '=', denied.id).orderBy('kind').execute();
  assert.deepEqual(entries, [
    { kind: 'proof_of_loss_due', status: 'cancelled' },
    { kind: 'suit_limitation', status: 'open' },
  ]);
  const claim = await db.selectFrom('claim').select('status').where('id', '=', denied.id).executeTakeFirstOrThrow();
  assert.equal(claim.status, 'closed');
  const event = await db.selectFrom('audit_event').select(['details', 'personal_details']).where('action', '=', 'claim.closed').executeTakeFirstOrThrow();
  assert.deepEqual(event.personal_details, { note: 'Denied, no appeal' }, 'the free-text note stays outside the hashed part');

  // Closed is final here: a second close is refused and changes nothing.
  assert.equal((await t.call('adjuster', 'POST', `/api/v1/claims/${denied.id}/close`, { note: 'Again' })).json().code, 'claim_not_closable');
});

test('closing a claim in the back office: the 360 view offers the form for a denied claim, refuses an empty note and closes it', async () => {
  const denied = await t.seedClaim(policyId, { lossDate: '2027-01-07', status: 'denied' });
  const page = await t.call('adjuster', 'GET', `/backoffice/claims/${denied.id}`);
  assert.equal(page.statusCode, 200);
  const html = (page as unknown as { body: string }).body;
  assert.match(html, new RegExp(`action="/backoffice/claims/${denied.id}/close"`));

  const empty = await t.call('adjuster', 'POST', `/backoffice/claims/${denied.id}/close`, { note: '' });
  assert.equal(empty.statusCode, 400, 'the form answers with its error and closes nothing');
  assert.equal((await t.bezel.deps.db.selectFrom('claim').select('status').where('id', '=', denied.id).executeTakeFirstOrThrow()).status, 'denied');
  const done = await t.call('adjuster', 'POST', `/backoffice/claims/${denied.id}/close`, { note: 'Denied, letter sent' });
  assert.equal(done.statusCode, 303);
  assert.equal((await t.bezel.deps.db.selectFrom('claim').select('status').where('id', '=', denied.id).executeTakeFirstOrThrow()).status, 'closed');
  const after = (await t.call('adjuster', 'GET', `/backoffice/claims/${denied.id}`)) as unknown as { body: string };
  assert.doesNotMatch(after.body, /\/close"/, 'a closed claim offers no close form');
});
