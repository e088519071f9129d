import assert from 'node:assert/strict';
import { test } from 'node:test';
import { settlementBlocksOf } from '../settlement-blocks.ts';
import { type Json, useClaimApiTest } from './claim-api-test-support.ts';

const t = useClaimApiTest();

/** Carla's policy (bound at the start clock), with the clock then moved to 2027-02-01 10:00 in New York. */
async function claimInDispute(): Promise<{ id: string; claimNumber: string }> {
  t.moveClockTo('2026-11-21T12:00:00Z');
  const policy = await t.boundPolicy();
  t.moveClockTo('2027-02-01T15:00:00Z');
  return t.seedClaim(policy.id, { status: 'covered' });
}

async function diary(claimId: string): Promise<{ kind: string; due_on: string; status: string; party: string; clause: string }[]> {
  return t.bezel.deps.db
    .selectFrom('claim_diary_entry')
    .select(['kind', 'due_on', 'status', 'party', 'clause'])
    .where('claim_id', '=', claimId)
    .where('kind', 'in', ['appraiser_naming_due', 'umpire_naming_due'])
    .orderBy('created_at')
    .execute();
}

const hasBlock = async (claimId: string) => (await settlementBlocksOf(t.bezel.deps.db, claimId)).some((block) => block.code === 'appraisal_open');

test('JPF-APPR-1: the full course — demand, appraisers within 20 days (one late), a judge-selected umpire after 15 days, an award by two binds', async () => {
  const claim = await claimInDispute();
  const base = `/api/v1/claims/${claim.id}/appraisal`;

  const demand = await t.call('adjuster', 'POST', base, { subjects: ['amount_of_loss', 'cost'], demandedBy: 'insured', demandReceivedOn: '2027-02-01' });
  assert.equal(demand.statusCode, 201, JSON.stringify(demand.json()));
  const did = demand.json().id as string;
  // 2027-02-01 + 20 days = 2027-02-21
  assert.equal(demand.json().appraiserNamingDue, '2027-02-21');
  assert.deepEqual(demand.json().next, { kind: 'name_appraiser', dueOn: '2027-02-21', overdue: false, parties: ['insured', 'insurer'] });
  assert.deepEqual(await diary(claim.id), [{ kind: 'appraiser_naming_due', due_on: '2027-02-21', status: 'open', party: 'both', clause: 'JPF-APPR-1' }]);
  assert.equal(await hasBlock(claim.id), true, 'JPF-APPR-1: no settlement while the dispute is open');
  const second = await t.call('adjuster', 'POST', base, { subjects: ['value'], demandedBy: 'insurer', demandReceivedOn: '2027-02-01' });
  assert.equal(second.statusCode, 409);
  assert.equal(second.json().code, 'appraisal_already_demanded');

  t.moveClockTo('2027-02-25T15:00:00Z');
  const insured = await t.call('adjuster', 'POST', `${base}/${did}/appraisers`, { party: 'insured', name: 'Ann Appraiser', namedOn: '2027-02-10' });
  assert.equal(insured.statusCode, 200, JSON.stringify(insured.json()));
  assert.equal(insured.json().insuredAppraiser.late, false);
  assert.equal(insured.json().status, 'awaiting_appraisers');
  const again = await t.call('adjuster', 'POST', `${base}/${did}/appraisers`, { party: 'insured', name: 'Someone Else', namedOn: '2027-02-11' });
  assert.equal(again.statusCode, 409);
  assert.equal(again.json().code, 'appraiser_already_named');
  // Named on the 23rd day: recorded, as late.
  const insurer = await t.call('adjuster', 'POST', `${base}/${did}/appraisers`, { party: 'insurer', name: 'Ian Insurer-Appraiser', namedOn: '2027-02-23' });
  assert.equal(insurer.statusCode, 200, JSON.stringify(insurer.json()));
  assert.equal(insurer.json().insurerAppraiser.late, true);
  assert.equal(insurer.json().status, 'awaiting_umpire');
  // Both named on 2027-02-23: + 15 days = 2027-03-10
  assert.equal(insurer.json().umpireSelectionDue, '2027-03-10');
  assert.deepEqual(
    (await diary(claim.id)).map((entry) => [entry.kind, entry.due_on, entry.status]),
    [
      ['appraiser_naming_due', '2027-02-21', 'done'],
      ['umpire_naming_due', '2027-03-10', 'open'],
    ],
  );

  // A judge may select the umpire only after the appraisers failed to agree within the 15 days.
  t.moveClockTo('2027-03-15T15:00:00Z');
  const tooEarly = await t.call('adjuster', 'POST', `${base}/${did}/umpire`, {
    name: 'Judge’s Umpire',
    selectedBy: 'judge',
    selectedOn: '2027-03-10',
    court: 'NY Supreme Court',
  });
  assert.equal(tooEarly.statusCode, 422);
  assert.equal(tooEarly.json().code, 'judge_before_deadline');
  const noCourt = await t.call('adjuster', 'POST', `${base}/${did}/umpire`, { name: 'Judge’s Umpire', selectedBy: 'judge', selectedOn: '2027-03-12' });
  assert.equal(noCourt.statusCode, 400);
  const umpire = await t.call('adjuster', 'POST', `${base}/${did}/umpire`, {
    name: 'Uma Umpire',
    selectedBy: 'judge',
    selectedOn: '2027-03-12',
    court: 'NY Supreme Court',
  });
  assert.equal(umpire.statusCode, 200, JSON.stringify(umpire.json()));
  assert.equal(umpire.json().umpire.selectedBy, 'judge');
  assert.equal(umpire.json().umpire.court, 'NY Supreme Court');
  assert.equal(umpire.json().status, 'umpire_selected');
  assert.equal((await diary(claim.id))[1]?.status, 'done');

  const award = {
    amountOfLoss: '4200.00',
    propertyValue: '5100.00',
    repairReplaceCost: '4350.00',
    signedOn: '2027-03-14',
    costs: { insuredAppraiserFee: '800', insurerAppraiserFee: '650', umpireFee: '900', otherExpenses: '100' },
  };
  const oneSignature = await t.call('adjuster', 'POST', `${base}/${did}/award`, { ...award, signedBy: ['umpire'] });
  assert.equal(oneSignature.statusCode, 422);
  assert.equal(oneSignature.json().code, 'award_needs_two_signatures');
  assert.equal(await hasBlock(claim.id), true, 'one signature changed nothing');

  const binding = await t.call('adjuster', 'POST', `${base}/${did}/award`, { ...award, signedBy: ['insurer_appraiser', 'umpire'] });
  assert.equal(binding.statusCode, 200, JSON.stringify(binding.json()));
  const made = binding.json().award as Json;
  // The three amounts listed separately.
  assert.deepEqual([made.amountOfLoss.amount, made.propertyValue.amount, made.repairReplaceCost.amount], ['4200.00', '5100.00', '4350.00']);
  // Insured 800 + (900 + 100) / 2 = 1,300.00; insurer 650 + 500 = 1,150.00
  assert.deepEqual(made.insuredShare, { amount: '1300.00', currency: 'USD' });
  assert.deepEqual(made.insurerShare, { amount: '1150.00', currency: 'USD' });
  assert.equal(binding.json().status, 'awarded');
  assert.equal(await hasBlock(claim.id), false, 'the award lifts the block');

  const secondAward = await t.call('adjuster', 'POST', `${base}/${did}/award`, {
    ...award,
    amountOfLoss: '1.00',
    signedBy: ['insured_appraiser', 'insurer_appraiser'],
  });
  assert.equal(secondAward.statusCode, 409);
  assert.equal(secondAward.json().code, 'award_already_made');
  const read = await t.call('customer', 'GET', base);
  assert.equal(read.statusCode, 200);
  assert.equal(read.json().items[0].award.amountOfLoss.amount, '4200.00', 'the second award changed nothing');
  const audit = await t.bezel.deps.db
    .selectFrom('audit_event')
    .select('action')
    .where('subject_id', '=', claim.id)
    .where('action', 'like', 'claim.ap%')
    .execute();
  assert.deepEqual(
    audit.map((event) => event.action),
    ['claim.appraisal_demanded', 'claim.appraiser_named', 'claim.appraiser_named', 'claim.appraisal_awarded'],
  );
});

test('JPF-APPR-1: the two appraisers may agree without an umpire; the umpire cannot sign before there is one', async () => {
  const claim = await claimInDispute();
  const base = `/api/v1/claims/${claim.id}/appraisal`;
  const did = (await t.call('adjuster', 'POST', base, { subjects: ['value'], demandedBy: 'insurer', demandReceivedOn: '2027-01-25' })).json().id as string;
  const early = await t.call('adjuster', 'POST', `${base}/${did}/award`, {
    amountOfLoss: '1',
    propertyValue: '1',
    repairReplaceCost: '1',
    signedBy: ['insured_appraiser', 'insurer_appraiser'],
    signedOn: '2027-02-01',
  });
  assert.equal(early.statusCode, 409);
  assert.equal(early.json().code, 'appraisers_not_named');
  await t.call('adjuster', 'POST', `${base}/${did}/appraisers`, { party: 'insured', name: 'Ann', namedOn: '2027-01-28' });
  await t.call('adjuster', 'POST', `${base}/${did}/appraisers`, { party: 'insurer', name: 'Ian', namedOn: '2027-01-30' });
  const umpireSigns = await t.call('adjuster', 'POST', `${base}/${did}/award`, {
    amountOfLoss: '1000',
    propertyValue: '1500',
    repairReplaceCost: '900',
    signedBy: ['insured_appraiser', 'umpire'],
    signedOn: '2027-02-01',
  });
  assert.equal(umpireSigns.statusCode, 422);
  assert.equal(umpireSigns.json().code, 'umpire_not_selected');
  const agreed = await t.call('adjuster', 'POST', `${base}/${did}/award`, {
    amountOfLoss: '1000',
    propertyValue: '1500',
    repairReplaceCost: '900',
    signedBy: ['insured_appraiser', 'insurer_appraiser'],
    signedOn: '2027-02-01',
  });
  assert.equal(agreed.statusCode, 200, JSON.stringify(agreed.json()));
  // No umpire, no expenses: each pays only its own appraiser (none given: 0).
  assert.deepEqual(agreed.json().award.insuredShare, { amount: '0.00', currency: 'USD' });
  assert.deepEqual(
    (await diary(claim.id)).map((entry) => [entry.kind, entry.status]),
    [
      ['appraiser_naming_due', 'done'],
      ['umpire_naming_due', 'cancelled'],
    ],
  );
});

test('JPF-APPR-1 bad input: dates in the future or before the loss, negative amounts, a denied claim; others get 404, customers 403', async () => {
  const claim = await claimInDispute();
  const base = `/api/v1/claims/${claim.id}/appraisal`;
  const future = await t.call('adjuster', 'POST', base, { subjects: ['value'], demandedBy: 'insured', demandReceivedOn: '2027-02-02' });
  assert.equal(future.statusCode, 400);
  assert.equal(future.json().errors[0].code, 'date_in_future');
  const beforeLoss = await t.call('adjuster', 'POST', base, { subjects: ['value'], demandedBy: 'insured', demandReceivedOn: '2027-01-09' });
  assert.equal(beforeLoss.statusCode, 400);
  assert.equal((await t.call('adjuster', 'POST', base, { subjects: [], demandedBy: 'insured', demandReceivedOn: '2027-01-20' })).statusCode, 400);
  assert.equal((await t.call('customer', 'POST', base, { subjects: ['value'], demandedBy: 'insured', demandReceivedOn: '2027-01-20' })).statusCode, 403);
  assert.equal((await t.call('customer3', 'GET', base)).statusCode, 404);
  assert.deepEqual((await t.call('customer', 'GET', base)).json(), { items: [] }, 'nothing was written');

  const did = (await t.call('adjuster', 'POST', base, { subjects: ['value'], demandedBy: 'insured', demandReceivedOn: '2027-01-20' })).json().id as string;
  const namedBeforeDemand = await t.call('adjuster', 'POST', `${base}/${did}/appraisers`, { party: 'insured', name: 'Ann', namedOn: '2027-01-19' });
  assert.equal(namedBeforeDemand.statusCode, 400);
  assert.equal(namedBeforeDemand.json().errors[0].code, 'too_early');
  const umpireFirst = await t.call('adjuster', 'POST', `${base}/${did}/umpire`, { name: 'Uma', selectedBy: 'appraisers', selectedOn: '2027-01-25' });
  assert.equal(umpireFirst.statusCode, 409);
  assert.equal(umpireFirst.json().code, 'appraisers_not_named');
  await t.call('adjuster', 'POST', `${base}/${did}/appraisers`, { party: 'insured', name: 'Ann', namedOn: '2027-01-21' });
  await t.call('adjuster', 'POST', `${base}/${did}/appraisers`, { party: 'insurer', name: 'Ian', namedOn: '2027-01-22' });
  const negative = await t.call('adjuster', 'POST', `${base}/${did}/award`, {
    amountOfLoss: '-1.00',
    propertyValue: '1',
    repairReplaceCost: '1',
    signedBy: ['insured_appraiser', 'insurer_appraiser'],
    signedOn: '2027-01-30',
  });
  assert.equal(negative.statusCode, 400);
  assert.equal((await t.call('customer3', 'POST', `${base}/${did}/appraisers`, { party: 'insured', name: 'X', namedOn: '2027-01-21' })).statusCode, 403);

  const denied = await t.seedClaim(
    (await t.bezel.deps.db.selectFrom('claim').select('policy_id').where('id', '=', claim.id).executeTakeFirstOrThrow()).policy_id,
    {
      status: 'denied',
      lossDate: '2027-01-12',
    },
  );
  const onDenied = await t.call('adjuster', 'POST', `/api/v1/claims/${denied.id}/appraisal`, {
    subjects: ['value'],
    demandedBy: 'insured',
    demandReceivedOn: '2027-01-20',
  });
  assert.equal(onDenied.statusCode, 409);
  assert.equal(onDenied.json().code, 'claim_not_appraisable');
});
