import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { addDiaryEntries } from '../diary-repository.ts';
import { type Json, useClaimApiTest } from './claim-api-test-support.ts';

/**
 * The adjuster's queue, assignment and withdrawal through the API (issue #4): filters, keyset pagination in the
 * order reported, who may do what. Claims are seeded straight into the database at known report times.
 */
const claimTest = useClaimApiTest();
const { call, moveClockTo, seedClaim } = claimTest;

type Seeded = { id: string; claimNumber: string };
const claims: Record<'theft' | 'asked' | 'covered' | 'settled' | 'withdrawn', Seeded> = {} as never;
const users: Record<'adjuster' | 'admin' | 'customer', string> = {} as never;

/** The claim numbers of a queue page, in order. */
function numbers(reply: { json(): Json }): string[] {
  return reply.json().items.map((item: Json) => item.claimNumber);
}

async function queue(as: Parameters<typeof call>[0], query = ''): Promise<{ statusCode: number; json(): Json }> {
  return call(as, 'GET', `/api/v1/claims/queue${query}`);
}

describe('the adjuster’s queue, assignment and withdrawal', () => {
  before(async () => {
    const first = await claimTest.boundPolicy();
    const second = await claimTest.boundPolicy();
    // One claim a day, reported at 10:00 in New York, so the queue's order is known.
    const seed = async (day: string, policyId: string, options: Parameters<typeof seedClaim>[1]) => {
      moveClockTo(`2027-01-${day}T15:00:00Z`);
      return seedClaim(policyId, options);
    };
    claims.theft = await seed('05', first.id, { lossKind: 'theft', lossDate: '2027-01-02' });
    claims.asked = await seed('06', first.id, { lossKind: 'loss', lossDate: '2027-01-03', status: 'needs_information' });
    claims.covered = await seed('07', second.id, { lossKind: 'damage', lossDate: '2027-01-04', status: 'covered' });
    claims.settled = await seed('08', second.id, { lossKind: 'loss', lossDate: '2027-01-05', status: 'settled' });
    claims.withdrawn = await seed('09', first.id, { lossKind: 'disappearance', lossDate: '2027-01-06', status: 'withdrawn' });
    // The theft's proof of loss was due on 1 February; the other claim's deadline is still ahead on 1 March.
    await addDiaryEntries(
      claimTest.bezel.deps.db,
      [
        { claimId: claims.theft.id, kind: 'proof_of_loss_due', party: 'insured', dueOn: '2027-02-01', clause: 'JPF-DUTY-4' },
        { claimId: claims.asked.id, kind: 'proof_of_loss_due', party: 'insured', dueOn: '2027-04-03', clause: 'JPF-DUTY-4' },
      ],
      '2027-01-09T15:00:00Z',
    );
    moveClockTo('2027-03-01T15:00:00Z');
    for (const who of ['adjuster', 'admin', 'customer'] as const) users[who] = (await call(who, 'GET', '/api/v1/me')).json().id;
  });

  test('open claims, oldest report first, with their policy, next deadline and whether it is overdue', async () => {
    const reply = await queue('adjuster');
    assert.equal(reply.statusCode, 200, JSON.stringify(reply.json()));
    assert.deepEqual(numbers(reply), [claims.theft.claimNumber, claims.asked.claimNumber, claims.covered.claimNumber]);
    const [theft, asked] = reply.json().items;
    assert.deepEqual([theft.status, theft.lossKind, theft.nextDueOn, theft.overdue, theft.adjusterUserId], ['reported', 'theft', '2027-02-01', true, null]);
    assert.deepEqual([asked.status, asked.nextDueOn, asked.overdue], ['needs_information', '2027-04-03', false]);
    assert.match(theft.policyNumber, /^JW-/);
    assert.equal(reply.json().nextCursor, null);
    // PRV-DISC-2: a staff read of the queue is audited.
    const reads = await claimTest.bezel.deps.db.selectFrom('audit_event').select('details').where('action', '=', 'personal_data.read').execute();
    assert.ok(reads.some((event) => JSON.stringify(event.details).includes('/api/v1/claims/queue')));
  });

  test('filters: one status, loss kind, overdue, the reported days', async () => {
    assert.deepEqual(numbers(await queue('adjuster', '?status=settled')), [claims.settled.claimNumber]);
    assert.deepEqual(numbers(await queue('adjuster', '?status=withdrawn')), [claims.withdrawn.claimNumber]);
    assert.deepEqual(numbers(await queue('adjuster', '?lossKind=theft')), [claims.theft.claimNumber]);
    assert.deepEqual(numbers(await queue('adjuster', '?lossKind=loss&status=settled')), [claims.settled.claimNumber]);
    assert.deepEqual(numbers(await queue('adjuster', '?overdue=true')), [claims.theft.claimNumber]);
    assert.deepEqual(numbers(await queue('adjuster', '?reportedFrom=2027-01-06&reportedTo=2027-01-07')), [
      claims.asked.claimNumber,
      claims.covered.claimNumber,
    ]);
    assert.deepEqual(numbers(await queue('adjuster', '?reportedFrom=2027-01-08&status=settled')), [claims.settled.claimNumber]);
    assert.deepEqual(numbers(await queue('adjuster', '?reportedTo=2027-01-04')), []);
  });

  test('keyset pagination: each page continues after the last claim of the one before', async () => {
    const first = await queue('adjuster', '?limit=2');
    assert.deepEqual(numbers(first), [claims.theft.claimNumber, claims.asked.claimNumber]);
    const cursor = first.json().nextCursor;
    assert.equal(typeof cursor, 'string');
    const second = await queue('adjuster', `?limit=2&cursor=${cursor}`);
    assert.deepEqual(numbers(second), [claims.covered.claimNumber]);
    assert.equal(second.json().nextCursor, null);
    for (const bad of ['?cursor=not-ours', '?limit=0', '?limit=500', '?status=lost', '?adjuster=someone', '?reportedFrom=2027-02-30', '?sneaky=1'])
      assert.equal((await queue('adjuster', bad)).statusCode, 400, bad);
  });

  test('assign: an adjuster takes a claim or gives it to another; only active adjusters and admins can be given one', async () => {
    const mine = await call('adjuster', 'POST', `/api/v1/claims/${claims.asked.id}/assign`, { adjusterUserId: users.adjuster });
    assert.equal(mine.statusCode, 200, JSON.stringify(mine.json()));
    assert.equal(mine.json().adjusterUserId, users.adjuster);
    const toAdmin = await call('adjuster', 'POST', `/api/v1/claims/${claims.covered.id}/assign`, { adjusterUserId: users.admin });
    assert.equal(toAdmin.statusCode, 200);
    assert.deepEqual(numbers(await queue('adjuster', '?adjuster=me')), [claims.asked.claimNumber]);
    assert.deepEqual(numbers(await queue('adjuster', '?adjuster=unassigned')), [claims.theft.claimNumber]);
    assert.deepEqual(numbers(await queue('adjuster', `?adjuster=${users.admin}`)), [claims.covered.claimNumber]);
    assert.equal((await queue('adjuster', '?adjuster=me')).json().items[0].adjusterName, 'Aditya Adjuster');

    const toCustomer = await call('adjuster', 'POST', `/api/v1/claims/${claims.theft.id}/assign`, { adjusterUserId: users.customer });
    assert.equal(toCustomer.statusCode, 422);
    assert.equal(toCustomer.json().code, 'not_an_adjuster');
    assert.equal((await call('customer', 'POST', `/api/v1/claims/${claims.theft.id}/assign`, { adjusterUserId: users.adjuster })).statusCode, 403);
    assert.equal((await call('underwriter', 'POST', `/api/v1/claims/${claims.theft.id}/assign`, { adjusterUserId: users.adjuster })).statusCode, 403);
    assert.equal(
      (await call('adjuster', 'POST', '/api/v1/claims/00000000-0000-4000-8000-000000000000/assign', { adjusterUserId: users.adjuster })).statusCode,
      404,
    );
    const theft = await call('adjuster', 'GET', `/api/v1/claims/${claims.theft.id}`);
    assert.equal(theft.json().adjusterUserId, null, 'a refused assignment changes nothing');
    const events = await claimTest.bezel.deps.db.selectFrom('audit_event').select('subject_id').where('action', '=', 'claim.assigned').execute();
    assert.deepEqual(events.map((event) => event.subject_id).sort(), [claims.asked.id, claims.covered.id].sort());
  });

  test('the queue is for claims staff: customers are refused, auditors read it', async () => {
    assert.equal((await queue('customer')).statusCode, 403);
    assert.equal((await queue('jeweler')).statusCode, 403);
    assert.equal((await queue('auditor')).statusCode, 200);
  });

  test('withdraw: the holder withdraws before a decision; open deadlines are cancelled; after a decision it is 409', async () => {
    const withdrawn = await call('customer', 'POST', `/api/v1/claims/${claims.theft.id}/withdraw`, { reason: 'Found it in my coat' });
    assert.equal(withdrawn.statusCode, 200, JSON.stringify(withdrawn.json()));
    assert.equal(withdrawn.json().status, 'withdrawn');
    assert.equal(withdrawn.json().withdrawal.reason, 'Found it in my coat');
    assert.deepEqual(
      withdrawn.json().diary.map((entry: Json) => [entry.kind, entry.status]),
      [['proof_of_loss_due', 'cancelled']],
    );
    assert.deepEqual(numbers(await queue('adjuster', '?overdue=true')), [], 'a withdrawn claim is no longer overdue');
    const again = await call('customer', 'POST', `/api/v1/claims/${claims.theft.id}/withdraw`, { reason: 'Again' });
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().code, 'claim_not_withdrawable');
    const decided = await call('customer', 'POST', `/api/v1/claims/${claims.covered.id}/withdraw`, { reason: 'Never mind' });
    assert.equal(decided.statusCode, 409);
    assert.equal((await call('customer', 'GET', `/api/v1/claims/${claims.covered.id}`)).json().status, 'covered');
    assert.equal((await call('customer3', 'POST', `/api/v1/claims/${claims.asked.id}/withdraw`, { reason: 'Sneaky' })).statusCode, 404);
    assert.equal((await call('customer', 'POST', `/api/v1/claims/${claims.asked.id}/withdraw`, { reason: '   ' })).statusCode, 400);
    const audit = await claimTest.bezel.deps.db.selectFrom('audit_event').select('subject_id').where('action', '=', 'claim.withdrawn').execute();
    assert.deepEqual(
      audit.map((event) => event.subject_id),
      [claims.theft.id],
    );
  });

  test('my claims: the holder sees their claims newest first; another customer sees none', async () => {
    const mine = await call('customer', 'GET', '/api/v1/claims');
    assert.equal(mine.statusCode, 200);
    assert.deepEqual(numbers(mine), [
      claims.withdrawn.claimNumber,
      claims.settled.claimNumber,
      claims.covered.claimNumber,
      claims.asked.claimNumber,
      claims.theft.claimNumber,
    ]);
    assert.deepEqual((await call('customer3', 'GET', '/api/v1/claims')).json().items, []);
    assert.equal((await call('customer3', 'GET', `/api/v1/claims/${claims.asked.id}`)).statusCode, 404);
  });
});
