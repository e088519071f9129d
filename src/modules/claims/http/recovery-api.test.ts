import assert from 'node:assert/strict';
import { test } from 'node:test';
import { newId } from '../../../platform/ids.ts';
import { renderMail } from '../../../platform/mail/templates.ts';
import { demoEmail } from '../../accounts/index.ts';
import { settlementBlocksOf } from '../settlement-blocks.ts';
import { type Json, useClaimApiTest, type Who } from './claim-api-test-support.ts';

const t = useClaimApiTest();
const IN_PERIOD = '2027-01-15T15:00:00Z'; // 10:00 in New York: "today" is 2027-01-15; seeded losses are on 2027-01-10

/** Carla's policy (bound at the start clock, 2026-11-21), with the clock then moved into the period. */
async function policyInPeriod(): Promise<{ id: string }> {
  t.moveClockTo('2026-11-21T12:00:00Z');
  const policy = await t.boundPolicy();
  t.moveClockTo(IN_PERIOD);
  return policy;
}

/** The test support calls GET and POST; PUT /subrogation goes through the same inject. */
const put = (as: Who, url: string, body: unknown) => t.call(as, 'PUT' as 'POST', url, body);

async function userId(role: string): Promise<string> {
  const row = await t.bezel.deps.db
    .selectFrom('app_user')
    .select('id')
    .where('email', '=', demoEmail(role as 'adjuster'))
    .executeTakeFirstOrThrow();
  return row.id;
}

async function blockCodes(claimId: string): Promise<string[]> {
  return (await settlementBlocksOf(t.bezel.deps.db, claimId)).map((block) => block.code);
}

async function mails(template: string): Promise<{ to: string; locale: string; params: Record<string, string> }[]> {
  const jobs = await t.bezel.deps.db.selectFrom('job').select('payload').where('kind', '=', 'mail.send').orderBy('id').execute();
  return jobs
    .map((job) => job.payload as { to: string; locale: string; template: string; params: Record<string, string> })
    .filter((payload) => payload.template === template);
}

/** An issued payment that paid line 1 in full (the payments part's tables, written directly for this test). */
async function payLineOne(claimId: string, amount: string): Promise<void> {
  const adjuster = await userId('adjuster');
  const db = t.bezel.deps.db;
  const worksheetId = newId();
  const now = '2027-01-14T15:00:00Z';
  await db
    .insertInto('settlement_worksheet')
    .values({
      id: worksheetId,
      claim_id: claimId,
      version: 1,
      lines: '[]',
      total_payable: amount,
      currency: 'USD',
      reason: null,
      created_by: adjuster,
      created_at: now,
      agreed_at: null,
      agreed_by_name: null,
    })
    .execute();
  await db
    .insertInto('claim_payment')
    .values({
      id: newId(),
      claim_id: claimId,
      payment_no: 1,
      amount,
      currency: 'USD',
      line_nos: JSON.stringify([1]),
      worksheet_id: worksheetId,
      payee_kind: 'insured',
      payee_name: 'Carla Customer',
      payee_user_id: null,
      jeweler_order_id: null,
      reference: null,
      status: 'issued',
      requested_by: adjuster,
      requested_at: now,
      decided_by: null,
      decided_at: null,
      rejection_reason: null,
      issued_on: '2027-01-14',
    })
    .execute();
}

test('JPF-SUBRO-1: a written waiver before the loss counts; one after the loss is an impairment that blocks settlement (settlementBlocksOf)', async () => {
  const policy = await policyInPeriod();
  const claim = await t.seedClaim(policy.id, { status: 'covered' });
  const url = `/api/v1/claims/${claim.id}/subrogation`;
  const thirdParty = { name: 'Gem Repairs Ltd', kind: 'organisation' };

  const before = await put('adjuster', url, { thirdParty, assignmentRequired: false, waiver: { writtenOn: '2026-12-20', inWriting: true } });
  assert.equal(before.statusCode, 200, JSON.stringify(before.json()));
  assert.equal(before.json().position, 'waived');
  assert.equal(before.json().settlementBlock, null);
  assert.ok(!(await blockCodes(claim.id)).includes('recovery_rights_impaired'));

  const after = await put('adjuster', url, { thirdParty, assignmentRequired: false, waiver: { writtenOn: '2027-01-12', inWriting: true } });
  assert.equal(after.statusCode, 200, JSON.stringify(after.json()));
  assert.equal(after.json().position, 'impaired');
  assert.deepEqual(after.json().impairmentCauses, ['waiver_after_loss']);
  const blocks = await settlementBlocksOf(t.bezel.deps.db, claim.id);
  assert.deepEqual(
    blocks.filter((block) => block.code === 'recovery_rights_impaired'),
    [{ code: 'recovery_rights_impaired', messageKey: 'claims_recovery.block.recovery_rights_impaired', clause: 'JPF-SUBRO-1' }],
  );
  const events = await t.bezel.deps.db.selectFrom('audit_event').select('action').where('subject_id', '=', claim.id).execute();
  assert.ok(
    events.some((event) => event.action === 'claim.recovery_rights_impaired'),
    'the impairment is audited',
  );
});

test('JPF-SUBRO-1: an impairment recorded by the adjuster blocks settlement; an assignment required but unsigned holds it too', async () => {
  const policy = await policyInPeriod();
  const claim = await t.seedClaim(policy.id, { status: 'covered' });
  const required = await put('adjuster', `/api/v1/claims/${claim.id}/subrogation`, { thirdParty: null, assignmentRequired: true });
  assert.equal(required.statusCode, 200, JSON.stringify(required.json()));
  assert.equal(required.json().assignment, 'awaiting_signature');
  assert.ok((await blockCodes(claim.id)).includes('recovery_assignment_unsigned'));

  // Bad input changes nothing: an assignment dated before the loss, or in the future.
  const early = await put('adjuster', `/api/v1/claims/${claim.id}/subrogation`, {
    thirdParty: null,
    assignmentRequired: true,
    assignmentSignedOn: '2027-01-09',
  });
  assert.equal(early.statusCode, 400);
  assert.equal(early.json().errors[0].code, 'before_loss');
  const future = await put('adjuster', `/api/v1/claims/${claim.id}/subrogation`, {
    thirdParty: null,
    assignmentRequired: true,
    assignmentSignedOn: '2027-01-16',
  });
  assert.equal(future.statusCode, 400);
  assert.equal(future.json().errors[0].code, 'date_in_future');
  assert.equal((await t.call('adjuster', 'GET', `/api/v1/claims/${claim.id}/recovery`)).json().subrogation.assignmentSignedOn, null);

  const signed = await put('adjuster', `/api/v1/claims/${claim.id}/subrogation`, {
    thirdParty: null,
    assignmentRequired: true,
    assignmentSignedOn: '2027-01-15',
  });
  assert.equal(signed.json().assignment, 'signed');
  assert.deepEqual(
    (await blockCodes(claim.id)).filter((code) => code.startsWith('recovery_')),
    [],
  );

  const impaired = await t.call('adjuster', 'POST', `/api/v1/claims/${claim.id}/subrogation/impairment`, {
    reason: 'Signed a release for the jeweler after the loss',
  });
  assert.equal(impaired.statusCode, 200, JSON.stringify(impaired.json()));
  assert.deepEqual(impaired.json().impairmentCauses, ['recorded_by_adjuster']);
  assert.ok((await blockCodes(claim.id)).includes('recovery_rights_impaired'));
  // The customer may not record subrogation facts.
  assert.equal((await t.call('customer', 'POST', `/api/v1/claims/${claim.id}/subrogation/impairment`, { reason: 'x' })).statusCode, 403);
});

test('JPF-COND-4: a bailee (the repairing jeweler) is recorded as a third party to recover from, with no benefit from this policy', async () => {
  const policy = await policyInPeriod();
  const claim = await t.seedClaim(policy.id, { lossKind: 'damage', status: 'covered' });
  const url = `/api/v1/claims/${claim.id}/subrogation`;
  const missingRole = await put('adjuster', url, { thirdParty: { name: 'Gem Repairs Ltd', kind: 'bailee' }, assignmentRequired: false });
  assert.equal(missingRole.statusCode, 400, 'a bailee’s role is required');
  const recorded = await put('adjuster', url, {
    thirdParty: { name: 'Gem Repairs Ltd', details: 'Dropped the ring while resizing it', kind: 'bailee', custodianRole: 'jeweler' },
    assignmentRequired: false,
  });
  assert.equal(recorded.statusCode, 200, JSON.stringify(recorded.json()));
  assert.deepEqual(recorded.json().subrogation.thirdParty, {
    name: 'Gem Repairs Ltd',
    details: 'Dropped the ring while resizing it',
    kind: 'bailee',
    custodianRole: 'jeweler',
    noBenefitToBailee: true,
  });
  assert.equal(recorded.json().position, 'pursue');
  const row = await t.bezel.deps.db.selectFrom('claim_subrogation').select('no_benefit_to_bailee').where('claim_id', '=', claim.id).executeTakeFirstOrThrow();
  assert.equal(row.no_benefit_to_bailee, true);
});

test('JPF-SUBRO-2: an item found after it was paid for becomes the insurer’s; the Dutch holder is told by mail in Dutch', async () => {
  const policy = await policyInPeriod();
  const db = t.bezel.deps.db;
  await db.updateTable('app_user').set({ locale: 'nl' }).where('email', '=', demoEmail('customer')).execute();
  try {
    const claim = await t.seedClaim(policy.id, { lossKind: 'theft', status: 'covered' });
    await payLineOne(claim.id, '4750.00');
    const found = await t.call('adjuster', 'POST', `/api/v1/claims/${claim.id}/recoveries`, {
      kind: 'item_found',
      lineNo: 1,
      description: 'Ring recovered by the police from a pawn shop',
      recoveredFrom: 'NYPD',
      recoveredOn: '2027-01-15',
    });
    assert.equal(found.statusCode, 201, JSON.stringify(found.json()));
    const body = found.json();
    const recovery = body.recoveries.find((entry: Json) => entry.id === body.recoveryId);
    assert.equal(recovery.outcome, 'title_passed');
    assert.equal(recovery.titlePassedOn, '2027-01-15');
    assert.equal(recovery.reportedBy, 'insurer');
    assert.deepEqual(body.notified, { party: 'insured', byMail: true });
    assert.deepEqual(body.totals.paid, { amount: '4750.00', currency: 'USD' });

    const [mail] = await mails('claim_recovery_recorded');
    assert.ok(mail);
    assert.equal(mail.to, demoEmail('customer'));
    assert.equal(mail.locale, 'nl');
    assert.match(mail.params.recovery ?? '', /teruggevonden/);
    const rendered = renderMail('nl', 'claim_recovery_recorded', mail.params as never, 'Bezel');
    assert.equal(rendered.subject, 'Iets teruggekregen bij uw schadeclaim');
    assert.match(rendered.text, new RegExp(claim.claimNumber));

    // The same item cannot be found twice; nothing is written.
    const again = await t.call('adjuster', 'POST', `/api/v1/claims/${claim.id}/recoveries`, {
      kind: 'item_found',
      lineNo: 1,
      description: 'Again',
      recoveredOn: '2027-01-15',
    });
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().code, 'item_already_recovered');
  } finally {
    await db.updateTable('app_user').set({ locale: 'en' }).where('email', '=', demoEmail('customer')).execute();
  }
});

test('JPF-SUBRO-2: found before it was paid for, the item is withdrawn from the claim and the claim closes; money recovered lowers net paid', async () => {
  const policy = await policyInPeriod();
  const claim = await t.seedClaim(policy.id, { status: 'covered' });
  const found = await t.call('adjuster', 'POST', `/api/v1/claims/${claim.id}/recoveries`, {
    kind: 'item_found',
    lineNo: 1,
    description: 'Ring found in a coat pocket',
    recoveredOn: '2027-01-14',
  });
  assert.equal(found.statusCode, 201, JSON.stringify(found.json()));
  assert.equal(found.json().recoveries[0].outcome, 'item_withdrawn');
  assert.equal(found.json().recoveries[0].titlePassedOn, null);
  assert.equal(found.json().claimClosed, true);
  const status = await t.bezel.deps.db.selectFrom('claim').select('status').where('id', '=', claim.id).executeTakeFirstOrThrow();
  assert.equal(status.status, 'closed');

  const paid = await t.seedClaim(policy.id, { status: 'covered', lossDate: '2027-01-12' });
  await payLineOne(paid.id, '4750.00');
  const money = await t.call('adjuster', 'POST', `/api/v1/claims/${paid.id}/recoveries`, {
    kind: 'money',
    description: 'Carrier’s compensation',
    amount: '1200.00',
    recoveredFrom: 'Swift Couriers',
    recoveredOn: '2027-01-15',
  });
  assert.equal(money.statusCode, 201, JSON.stringify(money.json()));
  // 4,750.00 paid − 1,200.00 recovered = 3,550.00 net paid
  assert.deepEqual(money.json().totals, {
    paid: { amount: '4750.00', currency: 'USD' },
    recovered: { amount: '1200.00', currency: 'USD' },
    netPaid: { amount: '3550.00', currency: 'USD' },
  });
  assert.equal(money.json().recoveries[0].outcome, 'money_booked');
});

test('JPF-SUBRO-2: the insured reports a recovery in the API and the assigned adjuster is notified by mail', async () => {
  const policy = await policyInPeriod();
  const claim = await t.seedClaim(policy.id, { status: 'covered' });
  await t.bezel.deps.db
    .updateTable('claim')
    .set({ adjuster_user_id: await userId('adjuster') })
    .where('id', '=', claim.id)
    .execute();
  const reported = await t.call('customer', 'POST', `/api/v1/claims/${claim.id}/recoveries`, {
    kind: 'money',
    description: 'The thief’s restitution ordered by the court',
    amount: '300.00',
    recoveredOn: '2027-01-15',
  });
  assert.equal(reported.statusCode, 201, JSON.stringify(reported.json()));
  assert.deepEqual(reported.json().notified, { party: 'insurer', byMail: true });
  assert.equal(reported.json().recoveries[0].reportedBy, 'insured');
  const toAdjuster = (await mails('claim_recovery_reported')).filter((mail) => mail.params.claimNumber === claim.claimNumber);
  assert.equal(toAdjuster.length, 1);
  assert.equal(toAdjuster[0]?.to, demoEmail('adjuster'));
  assert.match(toAdjuster[0]?.params.link ?? '', new RegExp(`/backoffice/claims/${claim.id}$`));
  const audit = await t.bezel.deps.db
    .selectFrom('audit_event')
    .select(['action', 'details'])
    .where('subject_id', '=', claim.id)
    .where('action', '=', 'claim.recovery_recorded')
    .executeTakeFirstOrThrow();
  assert.equal((audit.details as Json).reportedBy, 'insured');
});

test('bad input changes nothing: a line not on the claim, a date in the future or before the loss; another customer gets 404, the jeweler 403', async () => {
  const policy = await policyInPeriod();
  const claim = await t.seedClaim(policy.id, { status: 'covered' });
  const url = `/api/v1/claims/${claim.id}/recoveries`;
  const line9 = await t.call('customer', 'POST', url, { kind: 'item_found', lineNo: 9, description: 'Found', recoveredOn: '2027-01-15' });
  assert.equal(line9.statusCode, 422);
  assert.equal(line9.json().code, 'claim_item_unknown');
  const future = await t.call('customer', 'POST', url, { kind: 'item_found', lineNo: 1, description: 'Found', recoveredOn: '2027-01-16' });
  assert.equal(future.statusCode, 400);
  assert.equal(future.json().errors[0].code, 'date_in_future');
  const beforeLoss = await t.call('customer', 'POST', url, { kind: 'money', amount: '10.00', description: 'Paid back', recoveredOn: '2027-01-09' });
  assert.equal(beforeLoss.statusCode, 400);
  assert.equal(beforeLoss.json().errors[0].code, 'before_loss');
  const noAmount = await t.call('customer', 'POST', url, { kind: 'money', description: 'Paid back', recoveredOn: '2027-01-12' });
  assert.equal(noAmount.statusCode, 400);
  const negative = await t.call('customer', 'POST', url, { kind: 'money', amount: '-5.00', description: 'Paid back', recoveredOn: '2027-01-12' });
  assert.equal(negative.statusCode, 400);
  const rows = await t.bezel.deps.db.selectFrom('claim_recovery').select('id').where('claim_id', '=', claim.id).execute();
  assert.equal(rows.length, 0, 'nothing was recorded');

  assert.equal((await t.call('customer3', 'GET', `/api/v1/claims/${claim.id}/recovery`)).statusCode, 404);
  assert.equal((await t.call('customer3', 'POST', url, { kind: 'item_found', lineNo: 1, description: 'Mine', recoveredOn: '2027-01-15' })).statusCode, 404);
  // The jeweler assigned to the claim sees it, but the insured's report comes from the policyholder.
  await t.bezel.deps.db
    .updateTable('claim')
    .set({ jeweler_user_id: await userId('jeweler') })
    .where('id', '=', claim.id)
    .execute();
  assert.equal((await t.call('jeweler', 'GET', `/api/v1/claims/${claim.id}/recovery`)).statusCode, 200);
  assert.equal((await t.call('jeweler', 'POST', url, { kind: 'item_found', lineNo: 1, description: 'Found', recoveredOn: '2027-01-15' })).statusCode, 403);
  const own = await t.call('customer', 'GET', `/api/v1/claims/${claim.id}/recovery`);
  assert.equal(own.statusCode, 200);
  assert.deepEqual(own.json().recoveries, []);
});
