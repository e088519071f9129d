import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { nowText } from '../../../platform/clock.ts';
import { addDiaryEntries, listDiaryEntries } from '../diary-repository.ts';
import { type Json, useClaimApiTest, type Who } from './claim-api-test-support.ts';

/**
 * The proof of loss through the API (JPF-DUTY-4 a–e): the policyholder signs and sends it with the receipts, the
 * adjuster accepts or rejects it; refusals write nothing; another customer finds nothing. Carla's $5,000 ring.
 */
const claimTest = useClaimApiTest();
const { call, moveClockTo, upload, seedClaim } = claimTest;
const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');
const policies: string[] = [];

async function receipt(as: Who = 'customer', purpose = 'receipt'): Promise<string> {
  const reply = await upload(as, purpose, PDF, 'application/pdf');
  assert.equal(reply.statusCode, 201, JSON.stringify(reply.json()));
  return reply.json().id as string;
}

/** A claim on its own policy, with the proof-of-loss deadline in its diary (as the first notice writes it). */
async function claim(): Promise<string> {
  const policyId = policies.shift();
  assert.ok(policyId, 'enough policies were bound before the tests');
  const { id } = await seedClaim(policyId, { status: 'covered' });
  const deps = claimTest.bezel.deps;
  await deps.db
    .transaction()
    .execute((trx) =>
      addDiaryEntries(trx, [{ claimId: id, kind: 'proof_of_loss_due', party: 'insured', dueOn: '2027-04-10', clause: 'JPF-DUTY-4' }], nowText(deps.clock)),
    );
  return id;
}

function proofBody(fileIds: string[], changes: Json = {}): Json {
  return {
    lossDate: '2027-01-10',
    lossTime: '18:30',
    lossTimeApproximate: true,
    lossPlace: 'Fifth Avenue, New York',
    lossDetails: 'The ring slipped off my finger while I was walking home in the rain.',
    otherInsurance: [],
    insuredInterest: 'Sole owner',
    otherInterests: [],
    titleChanges: null,
    inventory: [
      {
        claimLineNo: 1,
        quantity: 1,
        description: 'Diamond engagement ring, 1 ct, platinum',
        cost: '4000.00',
        actualCashValue: '5200.00',
        amountOfLoss: '5000.00',
      },
    ],
    fileIds,
    signature: { fullName: 'Carla Customer', confirm: true },
    ...changes,
  };
}

async function proofCount(): Promise<number> {
  return (await claimTest.bezel.deps.db.selectFrom('proof_of_loss').select('id').execute()).length;
}

async function refused(as: Who, url: string, body: Json, status: number, code: string, field?: string): Promise<Json> {
  const before = await proofCount();
  const reply = await call(as, 'POST', url, body);
  assert.equal(reply.statusCode, status, JSON.stringify(reply.json()));
  assert.equal(reply.json().code, code, JSON.stringify(reply.json()));
  if (field)
    assert.ok(
      (reply.json().errors as Json[]).some((error) => error.field === field),
      JSON.stringify(reply.json()),
    );
  assert.equal(await proofCount(), before, 'a refusal writes nothing');
  return reply.json();
}

describe('proof of loss API', () => {
  before(async () => {
    for (let index = 0; index < 9; index += 1) policies.push((await claimTest.boundPolicy()).id);
    moveClockTo('2027-01-15T15:00:00Z');
  });

  test('JPF-DUTY-4: the policyholder signs a complete proof of loss with a receipt; the 90-day deadline is met', async () => {
    const id = await claim();
    const fileId = await receipt();
    const reply = await call(
      'customer',
      'POST',
      `/api/v1/claims/${id}/proof-of-loss`,
      proofBody([fileId], {
        otherInsurance: [{ insurer: 'Homeowners Mutual', policyNumber: 'HM-77', limit: '3000.00' }],
        otherInterests: [{ name: 'First Pawn Co.', nature: 'lien', amount: '500.00' }],
        titleChanges: 'Received as a gift from my mother in 2026.',
      }),
    );
    assert.equal(reply.statusCode, 201, JSON.stringify(reply.json()));
    const proof = reply.json();
    assert.equal(proof.status, 'submitted');
    assert.equal(proof.submissionNo, 1);
    assert.equal(proof.sworn, false);
    assert.equal(proof.oathStatement, null);
    assert.equal(proof.signedName, 'Carla Customer');
    assert.deepEqual(proof.otherInsurance, [{ insurer: 'Homeowners Mutual', policyNumber: 'HM-77', limit: { amount: '3000.00', currency: 'USD' } }]);
    assert.deepEqual(proof.otherInterests, [{ name: 'First Pawn Co.', nature: 'lien', amount: { amount: '500.00', currency: 'USD' } }]);
    // JPF-DUTY-4 e: the actual cash value may exceed the cost (gold and gems rise; the cost may be decades old).
    assert.deepEqual(proof.inventory[0].actualCashValue, { amount: '5200.00', currency: 'USD' });
    assert.deepEqual(
      proof.files.map((file: Json) => file.fileId),
      [fileId],
    );
    const deps = claimTest.bezel.deps;
    const diary = await listDiaryEntries(deps.db, id);
    assert.equal(diary.find((entry) => entry.kind === 'proof_of_loss_due')?.status, 'done', 'signing closes the deadline');
    const file = await deps.db.selectFrom('stored_file').select(['linked_type', 'linked_id']).where('id', '=', fileId).executeTakeFirstOrThrow();
    assert.deepEqual(file, { linked_type: 'claim', linked_id: id }, 'the receipt becomes the claim’s document');
    const event = await deps.db
      .selectFrom('audit_event')
      .select(['details'])
      .where('action', '=', 'claim.proof_of_loss_signed')
      .where('subject_id', '=', id)
      .executeTakeFirst();
    assert.ok(event);

    const read = await call('customer', 'GET', `/api/v1/claims/${id}/proof-of-loss`);
    assert.equal(read.statusCode, 200);
    assert.equal(read.json().dueOn, '2027-04-10');
    assert.equal(read.json().current.id, proof.id);
    assert.equal((await call('adjuster', 'GET', `/api/v1/claims/${id}/proof-of-loss`)).statusCode, 200);
    // Another customer, and a jeweler (who needs only the orders), find nothing.
    assert.equal((await call('customer3', 'GET', `/api/v1/claims/${id}/proof-of-loss`)).statusCode, 404);
    assert.equal((await call('jeweler', 'GET', `/api/v1/claims/${id}/proof-of-loss`)).statusCode, 404);
    await refused('customer3', `/api/v1/claims/${id}/proof-of-loss`, proofBody([fileId]), 404, 'not_found');
    // One under review at a time.
    await refused('customer', `/api/v1/claims/${id}/proof-of-loss`, proofBody([fileId]), 409, 'proof_of_loss_pending');
  });

  test('JPF-DUTY-4 a–e: an incomplete proof of loss is refused with the part it lacks; nothing is written', async () => {
    const id = await claim();
    const fileId = await receipt();
    const url = `/api/v1/claims/${id}/proof-of-loss`;
    await refused('customer', url, proofBody([fileId], { inventory: [] }), 400, 'validation_failed', 'body.inventory');
    const withoutOtherInsurance = proofBody([fileId]);
    delete withoutOtherInsurance.otherInsurance;
    await refused('customer', url, withoutOtherInsurance, 400, 'validation_failed', 'body.otherInsurance');
    const withoutTitle = proofBody([fileId]);
    delete withoutTitle.titleChanges;
    await refused('customer', url, withoutTitle, 400, 'validation_failed', 'body.titleChanges');
    await refused('customer', url, proofBody([fileId], { signature: { fullName: 'Carla Customer' } }), 400, 'validation_failed', 'body.signature.confirm');
    const negative = proofBody([fileId]);
    negative.inventory[0].cost = '-1.00';
    await refused('customer', url, negative, 400, 'validation_failed', 'body.inventory.0.cost');
    await refused(
      'customer',
      url,
      proofBody([fileId], { inventory: [{ claimLineNo: 2, quantity: 1, description: 'A watch', cost: '1', actualCashValue: '1', amountOfLoss: '1' }] }),
      422,
      'proof_of_loss_invalid',
      'body.inventory.0.claimLineNo',
    );
    await refused('customer', url, proofBody([]), 422, 'proof_of_loss_invalid', 'body.fileIds');
    await refused('customer', url, proofBody([fileId], { lossDate: '2027-01-16' }), 422, 'proof_of_loss_invalid', 'body.lossDate');
    // The receipt was not linked by any of the refusals.
    const file = await claimTest.bezel.deps.db.selectFrom('stored_file').select('linked_id').where('id', '=', fileId).executeTakeFirstOrThrow();
    assert.equal(file.linked_id, null);
  });

  test('JPF-DUTY-4 e: the attachments must be the insured’s own receipts or claim documents', async () => {
    const id = await claim();
    const url = `/api/v1/claims/${id}/proof-of-loss`;
    const theirs = await receipt('customer3');
    await refused('customer', url, proofBody([theirs]), 422, 'attachment_invalid', 'body.fileIds.0');
    const appraisal = await receipt('customer', 'appraisal');
    await refused('customer', url, proofBody([appraisal]), 422, 'attachment_invalid', 'body.fileIds.0');
    const document = await receipt('customer', 'claim_document');
    const reply = await call('customer', 'POST', url, proofBody([document]));
    assert.equal(reply.statusCode, 201, JSON.stringify(reply.json()));
  });

  test('JPF-DUTY-4: only the policyholder signs; staff and other customers cannot', async () => {
    const id = await claim();
    const fileId = await receipt();
    await refused('adjuster', `/api/v1/claims/${id}/proof-of-loss`, proofBody([fileId]), 403, 'holder_only');
    await refused('underwriter', `/api/v1/claims/${id}/proof-of-loss`, proofBody([fileId]), 403, 'forbidden');
  });

  test('JPF-DUTY-4 "under oath if requested": once the adjuster asks, the proof must be sworn, and carries the oath', async () => {
    const id = await claim();
    const fileId = await receipt();
    assert.equal((await call('customer', 'POST', `/api/v1/claims/${id}/proof-of-loss/oath-request`, {})).statusCode, 403);
    const asked = await call('adjuster', 'POST', `/api/v1/claims/${id}/proof-of-loss/oath-request`, { note: 'The amount is large' });
    assert.equal(asked.statusCode, 201, JSON.stringify(asked.json()));
    assert.equal((await call('adjuster', 'POST', `/api/v1/claims/${id}/proof-of-loss/oath-request`, {})).json().code, 'oath_already_requested');
    assert.equal((await call('customer', 'GET', `/api/v1/claims/${id}/proof-of-loss`)).json().oathRequested, true);
    await refused('customer', `/api/v1/claims/${id}/proof-of-loss`, proofBody([fileId]), 422, 'proof_of_loss_invalid', 'body.signature.sworn');
    const sworn = await call(
      'customer',
      'POST',
      `/api/v1/claims/${id}/proof-of-loss`,
      proofBody([fileId], { signature: { fullName: 'Carla Customer', confirm: true, sworn: true } }),
    );
    assert.equal(sworn.statusCode, 201, JSON.stringify(sworn.json()));
    assert.equal(sworn.json().sworn, true);
    assert.match(sworn.json().oathStatement, /^I swear/);
  });

  test('JPF-DUTY-4: a rejected proof (with its reason) reopens the deadline; the insured sends a new one, the adjuster accepts it once', async () => {
    const id = await claim();
    const fileId = await receipt();
    const first = (await call('customer', 'POST', `/api/v1/claims/${id}/proof-of-loss`, proofBody([fileId]))).json();
    const base = `/api/v1/claims/${id}/proof-of-loss/${first.id}`;
    assert.equal((await call('customer', 'POST', `${base}/accept`, {})).statusCode, 403, 'the insured does not accept their own proof');
    assert.equal((await call('adjuster', 'POST', `${base}/reject`, { reason: '' })).statusCode, 400);
    const rejected = await call('adjuster', 'POST', `${base}/reject`, { reason: 'The receipt does not show the ring.' });
    assert.equal(rejected.statusCode, 200, JSON.stringify(rejected.json()));
    assert.deepEqual(rejected.json(), { proofId: first.id, status: 'rejected', settlementDueOn: null, proofDueOn: '2027-04-10' });
    assert.equal((await call('adjuster', 'POST', `${base}/accept`, {})).json().code, 'proof_of_loss_decided');
    const diary = await listDiaryEntries(claimTest.bezel.deps.db, id);
    assert.ok(diary.some((entry) => entry.kind === 'proof_of_loss_due' && entry.status === 'open' && entry.dueOn === '2027-04-10'));

    // The same receipt (now the claim's) may be sent again with the new proof.
    const second = await call('customer', 'POST', `/api/v1/claims/${id}/proof-of-loss`, proofBody([fileId]));
    assert.equal(second.statusCode, 201, JSON.stringify(second.json()));
    assert.equal(second.json().submissionNo, 2);
    const accepted = await call('adjuster', 'POST', `/api/v1/claims/${id}/proof-of-loss/${second.json().id}/accept`);
    assert.equal(accepted.statusCode, 200, JSON.stringify(accepted.json()));
    assert.equal(accepted.json().status, 'accepted');
    assert.equal(accepted.json().settlementDueOn, null, 'no amount agreed yet: no settlement deadline');
    await refused('customer', `/api/v1/claims/${id}/proof-of-loss`, proofBody([fileId]), 409, 'proof_of_loss_accepted');
    const read = (await call('customer', 'GET', `/api/v1/claims/${id}/proof-of-loss`)).json();
    assert.deepEqual(
      read.submissions.map((proof: Json) => [proof.submissionNo, proof.status, proof.rejectionReason]),
      [
        [2, 'accepted', null],
        [1, 'rejected', 'The receipt does not show the ring.'],
      ],
    );
  });

  test('JPF-DUTY-4: no proof of loss on a withdrawn claim', async () => {
    const policyId = policies.shift();
    assert.ok(policyId);
    const { id } = await seedClaim(policyId, { status: 'withdrawn' });
    const fileId = await receipt();
    await refused('customer', `/api/v1/claims/${id}/proof-of-loss`, proofBody([fileId]), 409, 'claim_not_open');
  });
});
