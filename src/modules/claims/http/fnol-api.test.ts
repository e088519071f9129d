import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { type Json, useClaimApiTest } from './claim-api-test-support.ts';

/**
 * First notice of loss through the API (issue #4): every rule of a report with its promise ID, and that a refused
 * report writes nothing. Carla's policy: a $5,000 ring (item 1), in force 2026-12-01..2027-11-30 in New York.
 */
const claimTest = useClaimApiTest();
const { call, moveClockTo, upload } = claimTest;

type BoundPolicy = { id: string; policyNumber: string };
const bound: BoundPolicy[] = [];
const couple: BoundPolicy[] = [];
/** Carla's policy sold by Adam Agent. */
let agentPolicy: BoundPolicy;

/**
 * Each test has a policy of its own, bound before the tests on 2026-11-21 (binding is never back-dated); the tests
 * then stand on 2027-01-15 and only move the clock forward (each move logs in again, and logins are rate-limited).
 */

async function boundPolicy(namedInsureds?: string[], now?: string): Promise<BoundPolicy> {
  const policy = namedInsureds ? couple.shift() : bound.shift();
  assert.ok(policy, 'enough policies were bound before the tests');
  if (now) moveClockTo(now);
  return policy;
}
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);

/** A report a customer could send: the ring lost on 10 January 2027 on Fifth Avenue. */
function report(policyId: string, changes: Json = {}): Json {
  return {
    policyId,
    items: [{ itemNo: 1 }],
    lossKind: 'loss',
    lossDate: '2027-01-10',
    lossTime: '18:30',
    lossPlace: 'Fifth Avenue, New York',
    lossCountry: 'US',
    narrative: 'The ring slipped off while I was walking home.',
    protectionConfirmed: true,
    reporterName: 'Carla Customer',
    reporterRelation: 'named_insured',
    insuredName: 'Carla Customer',
    ...changes,
  };
}

async function claimCount(): Promise<number> {
  const rows = await claimTest.bezel.deps.db.selectFrom('claim').select('id').execute();
  return rows.length;
}

/** A refused report: the status, the code, the field it names, and nothing written. */
async function refused(as: Parameters<typeof call>[0], body: Json, status: number, code: string, field?: string): Promise<Json> {
  const before = await claimCount();
  const reply = await call(as, 'POST', '/api/v1/claims', body);
  assert.equal(reply.statusCode, status, JSON.stringify(reply.json()));
  assert.equal(reply.json().code, code, JSON.stringify(reply.json()));
  if (field)
    assert.ok(
      (reply.json().errors as Json[]).some((error) => error.field === field),
      JSON.stringify(reply.json()),
    );
  assert.equal(await claimCount(), before, 'a refused report writes nothing');
  return reply.json();
}

describe('first notice of loss API', () => {
  before(async () => {
    for (let index = 0; index < 17; index += 1) bound.push(await claimTest.boundPolicy());
    couple.push(await claimTest.boundPolicy(['Carla Customer', 'Carl Customer']));
    const carla = (await call('customer', 'GET', '/api/v1/me')).json().id;
    const quoted = await call('agent', 'POST', '/api/v1/applications', {
      clientUserId: carla,
      namedInsureds: ['Carla Customer'],
      mailingAddress: { street: '1 Main Street', city: 'New York', state: 'NY', postalCode: '10001', country: 'US' },
      timeZone: 'America/New_York',
      deductible: '250',
      items: [{ description: 'Pearl necklace', category: 'necklace', coverageAmount: '3000.00', appraisalDate: '2026-10-01' }],
    });
    assert.equal(quoted.statusCode, 201, JSON.stringify(quoted.json()));
    const sold = await call('agent', 'POST', `/api/v1/applications/${quoted.json().id}/bind`, { inceptionDate: '2026-12-01' });
    assert.equal(sold.statusCode, 201, JSON.stringify(sold.json()));
    agentPolicy = sold.json() as BoundPolicy;
    moveClockTo('2027-01-15T15:00:00Z');
  });

  test('JPF-DUTY-2 / JPF-DUTY-4 / JPF-SUIT-1: the insured reports in the portal; notice date, diary, audit and acknowledgement mail', async () => {
    const policy = await boundPolicy();
    const reply = await call('customer', 'POST', '/api/v1/claims', report(policy.id));
    assert.equal(reply.statusCode, 201, JSON.stringify(reply.json()));
    const claim = reply.json();
    assert.match(claim.claimNumber, /^CL-2027-\d{6}$/);
    assert.equal(claim.status, 'reported');
    assert.equal(claim.channel, 'portal');
    assert.equal(claim.policyNumber, policy.policyNumber);
    assert.deepEqual(claim.reporter.relation, 'named_insured');
    // JPF-DUTY-2: notice on 15 January 2027 (10:00 in New York).
    assert.equal(claim.noticeDate, '2027-01-15');
    assert.equal(claim.protectionConfirmed, true);
    assert.deepEqual(
      claim.items.map((item: Json) => [item.itemNo, item.coverageAmount, item.newlyPurchased, item.extent]),
      [[1, { amount: '5000.00', currency: 'USD' }, false, 'whole']],
    );
    // JPF-DUTY-4: 2027-01-10 + 90 days = 2027-04-10 (21 days to 31 Jan, 28 in Feb, 31 in Mar, 10 in Apr);
    // JPF-SUIT-1: one year after the loss = 2028-01-10.
    assert.deepEqual(
      claim.diary.map((entry: Json) => [entry.kind, entry.dueOn, entry.party, entry.clause, entry.status]),
      [
        ['proof_of_loss_due', '2027-04-10', 'insured', 'JPF-DUTY-4', 'open'],
        ['suit_limitation', '2028-01-10', 'insured', 'JPF-SUIT-1', 'open'],
      ],
    );
    const read = await call('customer', 'GET', `/api/v1/claims/${claim.id}`);
    assert.equal(read.statusCode, 200);
    assert.deepEqual(read.json().diary, claim.diary);
    const { db } = claimTest.bezel.deps;
    const audit = await db.selectFrom('audit_event').select(['action', 'details']).where('subject_id', '=', claim.id).execute();
    assert.deepEqual(
      audit.map((event) => event.action),
      ['claim.reported'],
    );
    const mails = await db.selectFrom('job').select('payload').where('kind', '=', 'mail.send').execute();
    const acknowledgement = mails.map((job) => job.payload as Json).find((payload) => payload.template === 'claim_acknowledgement');
    assert.ok(acknowledgement, 'the acknowledgement is in the outbox');
    assert.equal(acknowledgement.to, 'customer@demo.bezel.test');
    assert.equal(acknowledgement.locale, 'en');
    assert.equal(acknowledgement.params.claimNumber, claim.claimNumber);
    assert.equal(acknowledgement.params.proofOfLossDue, 'April 10, 2027');
    assert.equal(acknowledgement.params.suitLimitation, 'January 10, 2028');
    assert.match(acknowledgement.params.link, new RegExp(`/portal/claims/${claim.id}$`));
    const mine = await call('customer', 'GET', '/api/v1/claims');
    assert.deepEqual(
      mine.json().items.map((item: Json) => [item.claimNumber, item.nextInsuredDueOn]),
      [[claim.claimNumber, '2027-04-10']],
    );
  });

  test('JPF-DUTY-1: the insured must confirm protecting the property', async () => {
    const policy = await boundPolicy();
    await refused('customer', report(policy.id, { protectionConfirmed: false }), 422, 'protection_not_confirmed', 'body.protectionConfirmed');
  });

  test('JPF-DUTY-3: theft and other violations of law need the police report reference', async () => {
    const policy = await boundPolicy();
    await refused('customer', report(policy.id, { lossKind: 'theft' }), 422, 'police_report_required', 'body.policeReportReference');
    await refused('customer', report(policy.id, { lossKind: 'theft', policeReportReference: '   ' }), 422, 'police_report_required');
    // Vandalism: damage that is a violation of law.
    await refused('customer', report(policy.id, { lossKind: 'damage', violationOfLaw: true }), 422, 'police_report_required');
    const theft = await call(
      'customer',
      'POST',
      '/api/v1/claims',
      report(policy.id, { lossKind: 'theft', policeReportReference: 'NYPD-2027-0042', policeAuthority: 'NYPD 13th Precinct' }),
    );
    assert.equal(theft.statusCode, 201, JSON.stringify(theft.json()));
    assert.equal(theft.json().loss.violationOfLaw, true, 'a theft is a violation of law even when not said');
    assert.equal(theft.json().loss.policeReportReference, 'NYPD-2027-0042');
  });

  test('JPF-DEF-2: the reporter is an insured or acts for one, as of the loss date', async () => {
    const policy = await boundPolicy(['Carla Customer', 'Carl Customer']);
    await refused('customer', report(policy.id, { reporterName: 'Nosy Neighbour' }), 422, 'reporter_not_insured', 'body.reporterName');
    await refused('customer', report(policy.id, { insuredName: 'Somebody Else' }), 422, 'insured_name_not_insured', 'body.insuredName');
    // The holder's portal is an insured's: acting as the policy's agent or a jeweler is not for them to choose.
    await refused('customer', report(policy.id, { reporterRelation: 'agent' }), 422, 'relation_not_allowed', 'body.reporterRelation');
    // The other named insured reports for himself; his relation on the policy is recorded.
    const carl = await call(
      'customer',
      'POST',
      '/api/v1/claims',
      report(policy.id, { reporterName: 'carl  customer', reporterRelation: 'spouse', insuredName: 'Carl Customer' }),
    );
    assert.equal(carl.statusCode, 201, JSON.stringify(carl.json()));
    assert.equal(carl.json().reporter.relation, 'named_insured');
    // After a death, the legal representative acts for the insured (covered property only).
    const representative = await call(
      'customer',
      'POST',
      '/api/v1/claims',
      report(policy.id, { lossDate: '2027-01-11', reporterName: 'Lena Lawyer', reporterRelation: 'legal_representative' }),
    );
    assert.equal(representative.statusCode, 201, JSON.stringify(representative.json()));
    assert.equal(representative.json().reporter.relation, 'legal_representative');
  });

  test('items not on the schedule on the loss date, twice in a report, or a part without saying which are refused', async () => {
    const policy = await boundPolicy();
    await refused('customer', report(policy.id, { items: [{ itemNo: 7 }] }), 422, 'item_not_on_policy', 'body.items.0.itemNo');
    await refused('customer', report(policy.id, { items: [{ itemNo: 1 }, { itemNo: 1 }] }), 422, 'item_claimed_twice', 'body.items.1.itemNo');
    await refused('customer', report(policy.id, { items: [{ itemNo: 1, extent: 'part' }] }), 422, 'part_description_required', 'body.items.0.partDescription');
    const part = await call(
      'customer',
      'POST',
      '/api/v1/claims',
      report(policy.id, { items: [{ itemNo: 1, extent: 'part', partDescription: 'The centre diamond' }] }),
    );
    assert.equal(part.statusCode, 201, JSON.stringify(part.json()));
    assert.deepEqual([part.json().items[0].extent, part.json().items[0].partDescription], ['part', 'The centre diamond']);
    for (const body of [
      report(policy.id, { items: [] }),
      report(policy.id, { lossCountry: 'USA' }),
      report(policy.id, { lossDate: '2027-02-30' }),
      { policyId: policy.id },
    ])
      assert.equal((await call('customer', 'POST', '/api/v1/claims', body)).statusCode, 400, JSON.stringify(body));
  });

  test('JPF-ADD-2: jewelry bought within 30 days before the loss and not yet reported is accepted, with its price', async () => {
    const policy = await boundPolicy();
    const bracelet = { description: 'Gold tennis bracelet', category: 'bracelet', purchasePrice: '1800.00' };
    // Loss on 2027-01-10: bought 2026-12-11 is day 30 (in), 2026-12-10 day 31 (out).
    const accepted = await call('customer', 'POST', '/api/v1/claims', report(policy.id, { items: [{ ...bracelet, purchaseDate: '2026-12-11' }] }));
    assert.equal(accepted.statusCode, 201, JSON.stringify(accepted.json()));
    assert.deepEqual(
      accepted.json().items.map((item: Json) => [item.itemNo, item.newlyPurchased, item.purchaseDate, item.purchasePrice, item.coverageAmount]),
      [[null, true, '2026-12-11', { amount: '1800.00', currency: 'USD' }, null]],
    );
    const late = { ...bracelet, description: 'Silver bangle', purchaseDate: '2026-12-10' };
    await refused('customer', report(policy.id, { items: [late] }), 422, 'purchased_too_long_before_loss', 'body.items.0.purchaseDate');
    await refused('customer', report(policy.id, { items: [{ ...late, purchaseDate: '2027-01-11' }] }), 422, 'purchased_after_loss');
    await refused('customer', report(policy.id, { lossDate: '2026-12-15', items: [{ ...late, purchaseDate: '2026-11-28' }] }), 422, 'purchased_outside_period');
  });

  test('JPF-ADD-2: a purchase already reported is on the schedule and is claimed by its number', async () => {
    const policy = await boundPolicy();
    const added = await call('customer', 'POST', `/api/v1/policies/${policy.id}/new-purchases`, {
      description: 'Gold tennis bracelet',
      category: 'bracelet',
      coverageAmount: '1800.00',
      purchaseDate: '2027-01-05',
      receiptReceivedOn: '2027-01-15',
      appraisalReceivedOn: '2027-01-15',
      keptInSafe: false,
    });
    assert.equal(added.statusCode, 201, JSON.stringify(added.json()));
    const bracelet = { description: 'gold tennis bracelet', category: 'bracelet', purchaseDate: '2027-01-05', purchasePrice: '1800.00' };
    await refused('customer', report(policy.id, { items: [bracelet] }), 422, 'item_already_scheduled', 'body.items.0.description');
    const byNumber = await call('customer', 'POST', '/api/v1/claims', report(policy.id, { items: [{ itemNo: added.json().itemNo }] }));
    assert.equal(byNumber.statusCode, 201, JSON.stringify(byNumber.json()));
    assert.deepEqual(byNumber.json().items[0].coverageAmount, { amount: '1800.00', currency: 'USD' });
  });

  test('JPF-COVER-1: a loss anywhere in the world is accepted, its country recorded', async () => {
    const policy = await boundPolicy();
    const paris = await call('customer', 'POST', '/api/v1/claims', report(policy.id, { lossPlace: 'Rue de Rivoli, Paris', lossCountry: 'fr' }));
    assert.equal(paris.statusCode, 201, JSON.stringify(paris.json()));
    assert.equal(paris.json().loss.country, 'FR');
  });

  test('duplicate reports of the same loss are refused naming the first claim; a withdrawn one no longer counts', async () => {
    const policy = await boundPolicy();
    const first = await call('customer', 'POST', '/api/v1/claims', report(policy.id));
    assert.equal(first.statusCode, 201);
    const duplicate = await refused('customer', report(policy.id, { narrative: 'Reporting it again.' }), 409, 'duplicate_claim', 'body.lossDate');
    assert.ok(duplicate.detail.includes(first.json().claimNumber), duplicate.detail);
    // Another day's loss of the same ring is another claim.
    assert.equal((await call('customer', 'POST', '/api/v1/claims', report(policy.id, { lossDate: '2027-01-12' }))).statusCode, 201);
    assert.equal((await call('customer', 'POST', `/api/v1/claims/${first.json().id}/withdraw`, { reason: 'Found it' })).statusCode, 200);
    assert.equal((await call('customer', 'POST', '/api/v1/claims', report(policy.id))).statusCode, 201);
  });

  test('two reports of the same loss at the same moment: one claim, the other refused as its duplicate', async () => {
    // The policy's row lock makes them take turns; the second reads the same-loss reports after the first committed.
    const policy = await boundPolicy();
    const replies = await Promise.all([
      call('customer', 'POST', '/api/v1/claims', report(policy.id)),
      call('customer', 'POST', '/api/v1/claims', report(policy.id, { narrative: 'Reporting it again.' })),
    ]);
    assert.deepEqual(replies.map((reply) => reply.statusCode).sort(), [201, 409], JSON.stringify(replies.map((reply) => reply.json())));
    const claims = await claimTest.bezel.deps.db.selectFrom('claim').select('id').where('policy_id', '=', policy.id).execute();
    assert.equal(claims.length, 1);
  });

  test('files: a claim photo is linked to the claim; missing, other people’s and wrong-purpose files are refused', async () => {
    const policy = await boundPolicy();
    const photo = await upload('customer', 'claim_photo', PNG, 'image/png');
    assert.equal(photo.statusCode, 201, JSON.stringify(photo.json()));
    const appraisal = await upload('customer', 'appraisal', PNG, 'image/png');
    const theirs = await upload('customer3', 'claim_photo', PNG, 'image/png');
    const missing = '00000000-0000-4000-8000-000000000009';
    for (const [fileId, why] of [
      [missing, 'file_not_found'],
      [theirs.json().id, 'file_not_found'],
      [appraisal.json().id, 'purpose_mismatch'],
    ] as const) {
      const problem = await refused('customer', report(policy.id, { fileIds: [fileId] }), 422, 'attachment_invalid', 'body.fileIds.0');
      assert.equal(problem.errors[0].code, why);
    }
    const withPhoto = await call('customer', 'POST', '/api/v1/claims', report(policy.id, { fileIds: [photo.json().id] }));
    assert.equal(withPhoto.statusCode, 201, JSON.stringify(withPhoto.json()));
    assert.deepEqual(
      withPhoto.json().files.map((file: Json) => [file.id, file.purpose, file.type]),
      [[photo.json().id, 'claim_photo', 'image/png']],
    );
    const read = await call('customer', 'GET', `/api/v1/claims/${withPhoto.json().id}`);
    assert.deepEqual(read.json().files, withPhoto.json().files);
    // A file is linked once: it cannot support a second claim.
    await refused('customer', report(policy.id, { lossDate: '2027-01-12', fileIds: [photo.json().id] }), 422, 'attachment_invalid');
    assert.equal((await call('customer', 'GET', `/api/v1/files/${photo.json().id}`)).statusCode, 200);
    assert.equal((await call('customer3', 'GET', `/api/v1/files/${photo.json().id}`)).statusCode, 404);
  });

  test('another customer reaches neither the policy nor the claim (404)', async () => {
    const policy = await boundPolicy();
    const claim = await call('customer', 'POST', '/api/v1/claims', report(policy.id));
    assert.equal(claim.statusCode, 201);
    await refused(
      'customer3',
      report(policy.id, { reporterName: 'customer3', insuredName: 'Carla Customer', reporterRelation: 'legal_representative' }),
      404,
      'not_found',
    );
    assert.equal((await call('customer3', 'GET', `/api/v1/claims/${claim.json().id}`)).statusCode, 404);
    assert.equal((await call('customer3', 'POST', `/api/v1/claims/${claim.json().id}/withdraw`, { reason: 'Sneaky' })).statusCode, 404);
    assert.deepEqual((await call('customer3', 'GET', '/api/v1/claims')).json().items, []);
  });

  test('jeweler channel: an approved jeweler reports by policy number and the insured’s name', async () => {
    const policy = await boundPolicy();
    const { policyId: _policyId, ...byNumber } = report(policy.id, {
      policyNumber: policy.policyNumber,
      reporterName: 'Julia Jeweler',
      reporterRelation: 'jeweler',
      lossKind: 'damage',
      items: [{ itemNo: 1, extent: 'part', partDescription: 'Broken prong' }],
    });
    const photo = await upload('jeweler', 'claim_photo', PNG, 'image/png');
    assert.equal(photo.statusCode, 201, JSON.stringify(photo.json()));
    const reported = await call('jeweler', 'POST', '/api/v1/claims', { ...byNumber, fileIds: [photo.json().id] });
    assert.equal(reported.statusCode, 201, JSON.stringify(reported.json()));
    assert.equal(reported.json().channel, 'jeweler');
    assert.ok(reported.json().jewelerUserId);
    assert.equal(reported.json().reporter.relation, 'jeweler');
    assert.equal((await call('jeweler', 'GET', `/api/v1/claims/${reported.json().id}`)).statusCode, 200);
    assert.equal((await call('customer', 'GET', `/api/v1/claims/${reported.json().id}`)).statusCode, 200, 'the holder sees the jeweler’s report');
    // The holder owns the photo now; the jeweler who uploaded it still reaches it.
    assert.equal((await call('customer', 'GET', `/api/v1/files/${photo.json().id}`)).statusCode, 200);
    assert.equal((await call('jeweler', 'GET', `/api/v1/files/${photo.json().id}`)).statusCode, 200);
    // Without an insured's name, or by id, the policy is simply not found.
    await refused('jeweler', { ...byNumber, lossDate: '2027-01-11', insuredName: 'Somebody Else' }, 404, 'policy_not_found');
    await refused('jeweler', { ...byNumber, lossDate: '2027-01-11', policyNumber: 'JW-1999-000001' }, 404, 'policy_not_found');
    await refused('jeweler', report(policy.id, { lossDate: '2027-01-11', reporterName: 'Julia Jeweler', reporterRelation: 'jeweler' }), 404, 'not_found');
    // A jeweler acts for the insured: not as one.
    await refused('jeweler', { ...byNumber, lossDate: '2027-01-11', reporterRelation: 'named_insured' }, 422, 'relation_not_allowed');
    assert.deepEqual(
      (await call('jeweler', 'GET', '/api/v1/claims')).json().items.map((item: Json) => item.id),
      [reported.json().id],
    );
  });

  test('JPF-DEF-2: the policy’s agent reports in the portal for the insured, as the agent', async () => {
    const byAgent = report(agentPolicy.id, { reporterName: 'Adam Agent', reporterRelation: 'agent' });
    await refused('agent', { ...byAgent, reporterRelation: 'named_insured', reporterName: 'Carla Customer' }, 422, 'relation_not_allowed');
    const reported = await call('agent', 'POST', '/api/v1/claims', byAgent);
    assert.equal(reported.statusCode, 201, JSON.stringify(reported.json()));
    assert.deepEqual([reported.json().channel, reported.json().reporter.relation, reported.json().insuredName], ['portal', 'agent', 'Carla Customer']);
    assert.equal((await call('customer', 'GET', `/api/v1/claims/${reported.json().id}`)).statusCode, 200);
    assert.ok((await call('agent', 'GET', '/api/v1/claims')).json().items.some((item: Json) => item.id === reported.json().id));
    // The agent's clients only: not another customer's policy.
    const other = bound[bound.length - 1] as BoundPolicy;
    await refused('agent', report(other.id, { reporterName: 'Adam Agent', reporterRelation: 'agent' }), 404, 'not_found');
  });

  test('phone channel: staff who handle claims write down a call; the reporter as told', async () => {
    const policy = await boundPolicy();
    const { policyId: _policyId, ...byNumber } = report(policy.id, { policyNumber: policy.policyNumber });
    const reported = await call('adjuster', 'POST', '/api/v1/claims', byNumber);
    assert.equal(reported.statusCode, 201, JSON.stringify(reported.json()));
    assert.equal(reported.json().channel, 'phone');
    assert.equal(reported.json().reporter.name, 'Carla Customer');
    assert.equal((await call('customer', 'GET', `/api/v1/claims/${reported.json().id}`)).statusCode, 200);
    // An underwriter reads claims but does not take them.
    assert.equal((await call('underwriter', 'POST', '/api/v1/claims', { ...byNumber, lossDate: '2027-01-11' })).statusCode, 403);
  });

  test('api channel: a bearer token with claims:report; Idempotency-Key makes a retry answer the same claim', async () => {
    const policy = await boundPolicy();
    const token = await call('customer', 'POST', '/api/v1/me/tokens', { name: 'claims app', scopes: ['claims:report'] });
    assert.equal(token.statusCode, 201, JSON.stringify(token.json()));
    const send = () =>
      claimTest.bezel.app.inject({
        method: 'POST',
        url: '/api/v1/claims',
        headers: { authorization: `Bearer ${token.json().token}`, 'idempotency-key': 'loss-2027-01-10' },
        payload: report(policy.id),
      });
    const first = await send();
    assert.equal(first.statusCode, 201, first.body);
    assert.equal(first.json().channel, 'api');
    const again = await send();
    assert.equal(again.statusCode, 201, again.body);
    assert.equal(again.headers['idempotent-replayed'], 'true');
    assert.equal(again.json().id, first.json().id);
    const rows = await claimTest.bezel.deps.db.selectFrom('claim').select('id').where('policy_id', '=', policy.id).execute();
    assert.equal(rows.length, 1, 'the retry made no second claim');
  });

  test('loss dates outside cover, in the future, on a cancelled or void policy are refused (as-of view)', async () => {
    const policy = await boundPolicy();
    // Before the first day (2026-12-01).
    const before = await refused('customer', report(policy.id, { lossDate: '2026-11-30' }), 422, 'loss_date_outside_cover', 'body.lossDate');
    assert.match(before.detail, /December 1, 2026|2026-12-01/);
    await refused('customer', report(policy.id, { lossDate: '2027-01-16' }), 422, 'loss_date_in_future', 'body.lossDate');
    // Cancelled from 2027-01-20: a loss on the 25th is outside cover, one on the 12th was inside it.
    const cancel = await call('customer', 'POST', `/api/v1/policies/${policy.id}/cancellation-requests`, { effectiveDate: '2027-01-20' });
    assert.equal(cancel.statusCode, 201, JSON.stringify(cancel.json()));
    moveClockTo('2027-02-01T15:00:00Z');
    await refused('customer', report(policy.id, { lossDate: '2027-01-25' }), 422, 'loss_date_outside_cover');
    const inside = await call('customer', 'POST', '/api/v1/claims', report(policy.id, { lossDate: '2027-01-12' }));
    assert.equal(inside.statusCode, 201, JSON.stringify(inside.json()));

    const voided = await boundPolicy();
    const voiding = await call('underwriter', 'POST', `/api/v1/policies/${voided.id}/void`, { category: 'fraud', reason: 'False appraisal' });
    assert.equal(voiding.statusCode, 201, JSON.stringify(voiding.json()));
    await refused('customer', report(voided.id, { lossDate: '2027-01-10' }), 422, 'loss_date_outside_cover');
  });

  test('a loss after the last day of the period is outside cover', async () => {
    const policy = await boundPolicy(undefined, '2027-12-15T15:00:00Z');
    await refused('customer', report(policy.id, { lossDate: '2027-12-01' }), 422, 'loss_date_outside_cover');
    // The last day, 2027-11-30, is still covered.
    const lastDay = await call('customer', 'POST', '/api/v1/claims', report(policy.id, { lossDate: '2027-11-30' }));
    assert.equal(lastDay.statusCode, 201, JSON.stringify(lastDay.json()));
  });
});
