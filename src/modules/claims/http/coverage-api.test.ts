import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { demoEmail } from '../../accounts/index.ts';
import { extractPdfText } from '../../documents/pdf-text-test-support.ts';
import { settlementBlocksOf } from '../settlement-blocks.ts';
import { type Json, useClaimApiTest } from './claim-api-test-support.ts';

/**
 * The coverage decision over HTTP (issue #4): the system's automatic proposal from the causes the adjuster records,
 * the adjuster's confirmation or override, reconsideration, the denial letter in the holder's language, the mail
 * listing missing information, the insured's request for a person to review (PRV-RIGHT-6), and the settlement block.
 * Carla's $5,000 ring policy; losses on 10 Jan 2027, today 15 Jan 2027 in New York.
 */
const t = useClaimApiTest();
let policyId: string;

const coverageUrl = (claimId: string) => `/api/v1/claims/${claimId}/coverage`;
const claimRow = (id: string) => t.bezel.deps.db.selectFrom('claim').select(['status']).where('id', '=', id).executeTakeFirstOrThrow();
const entryCount = async (id: string) => (await t.bezel.deps.db.selectFrom('claim_coverage_decision').select('id').where('claim_id', '=', id).execute()).length;
const mailJobs = async () =>
  (await t.bezel.deps.db.selectFrom('job').select(['payload']).where('kind', '=', 'mail.send').orderBy('id').execute()).map((row) => row.payload as Json);

async function propose(claimId: string, causes: Json[], custodian: Json | null = null): Promise<Json> {
  const reply = await t.call('adjuster', 'POST', `${coverageUrl(claimId)}/proposal`, { causes, custodian });
  assert.equal(reply.statusCode, 201, JSON.stringify(reply.json()));
  return reply.json();
}

async function decide(claimId: string, body: Json): Promise<Json> {
  const reply = await t.call('adjuster', 'POST', `${coverageUrl(claimId)}/decision`, body);
  assert.equal(reply.statusCode, 201, JSON.stringify(reply.json()));
  return reply.json();
}

async function runAllJobs(): Promise<void> {
  while ((await t.bezel.runJobs()) > 0);
}

describe('coverage decision', () => {
  before(async () => {
    policyId = (await t.boundPolicy()).id;
    t.moveClockTo('2027-01-15T15:00:00Z');
  });

  test('JPF-EXCL-5: recording the causes gives an automatic proposal citing JPF-EXCL-5(b) with its wording; the status waits for the decision', async () => {
    const { id } = await t.seedClaim(policyId, { lossKind: 'damage' });
    const proposal = await propose(id, [
      { peril: 'accidental_damage', role: 'contributing' },
      { peril: 'war', subCase: 'b', role: 'proximate' },
    ]);
    assert.equal(proposal.kind, 'proposal');
    assert.equal(proposal.automatic, true, 'PRV-RIGHT-6: automatic proposals are marked');
    assert.equal(proposal.outcome, 'excluded');
    assert.deepEqual(
      proposal.clauses.map((c: Json) => c.id),
      ['JPF-EXCL', 'JPF-EXCL-5(b)'],
    );
    assert.equal(proposal.clauses[1].wording, 'War. This means: A warlike act by a military force or by military personnel;');
    assert.deepEqual(proposal.notes, ['concurrent_causation']);
    assert.equal((await claimRow(id)).status, 'reported');
    const audit = await t.bezel.deps.db
      .selectFrom('audit_event')
      .select('details')
      .where('action', '=', 'claim.coverage_proposed')
      .where('subject_id', '=', id)
      .execute();
    assert.equal(audit.length, 1);
    // The insured sees the proposal as automatic and may ask for a review.
    const seen = await t.call('customer', 'GET', coverageUrl(id));
    assert.equal(seen.statusCode, 200, JSON.stringify(seen.json()));
    assert.equal(seen.json().proposal.automatic, true);
    assert.equal(seen.json().reviewAvailable, true);
    assert.equal(seen.json().decision, null);
  });

  test('JPF-EXCL-1: the adjuster confirms an exclusion: claim denied, denial letter in English citing the clause, holder mailed', async () => {
    const { id, claimNumber } = await t.seedClaim(policyId, { lossKind: 'damage' });
    await propose(id, [{ peril: 'wear_and_tear', role: 'proximate' }]);
    const decision = await decide(id, { action: 'confirm' });
    assert.deepEqual(
      [decision.kind, decision.outcome, decision.automatic, decision.overridden, decision.reconsideration],
      ['decision', 'excluded', false, false, false],
    );
    assert.equal((await claimRow(id)).status, 'denied');
    await runAllJobs();
    const coverage = (await t.call('customer', 'GET', coverageUrl(id))).json();
    assert.equal(coverage.letters.length, 1);
    assert.equal(coverage.letters[0].locale, 'en');
    const pdf = await t.bezel.app.inject({ method: 'GET', url: coverage.letters[0].contentUrl, headers: { cookie: '' } });
    assert.equal(pdf.statusCode, 401, 'not without a login');
    const letter = await fetchPdf('customer', coverage.letters[0].contentUrl);
    const text = extractPdfText(letter);
    assert.ok(text.includes(`Coverage decision — ${claimNumber}`), text);
    assert.ok(text.includes('Perils Excluded 1 (JPF-EXCL-1)'), text);
    assert.ok(text.includes('“Wear and tear to "covered property."”'), text);
    assert.ok(text.includes('Perils Excluded, opening words (JPF-EXCL)'), text);
    const mails = (await t.bezel.mails()).filter((mail) => mail.subject === 'Decision on your claim: not covered');
    assert.equal(mails.length, 1);
    assert.equal(mails[0]?.to, demoEmail('customer'));
    assert.ok(mails[0]?.text.includes(claimNumber));
    // Running the jobs again writes no second letter and sends no second mail.
    await runAllJobs();
    assert.equal((await t.call('customer', 'GET', coverageUrl(id))).json().letters.length, 1);
    // Another customer reaches neither the coverage nor the letter.
    assert.equal((await t.call('customer3', 'GET', coverageUrl(id))).statusCode, 404);
    assert.equal((await t.call('customer3', 'GET', coverage.letters[0].contentUrl)).statusCode, 404);
  });

  test('JPF-EXCL-3: the denial letter of a Dutch-speaking holder is in Dutch, quoting the clause with the English wording beside it', async () => {
    const email = demoEmail('customer');
    await t.bezel.deps.db.updateTable('app_user').set({ locale: 'nl' }).where('email', '=', email).execute();
    try {
      const { id, claimNumber } = await t.seedClaim(policyId, { lossKind: 'damage' });
      await propose(id, [{ peril: 'accidental_damage', role: 'proximate' }]);
      const decision = await decide(id, {
        action: 'override',
        outcome: 'excluded',
        exclusions: ['JPF-EXCL-3'],
        reason: 'The clasp broke by itself: a weakness of the clasp',
      });
      assert.equal(decision.overridden, true);
      assert.deepEqual(
        decision.clauses.map((c: Json) => c.id),
        ['JPF-EXCL', 'JPF-EXCL-3'],
      );
      await runAllJobs();
      const coverage = (await t.call('customer', 'GET', coverageUrl(id))).json();
      assert.equal(coverage.letters[0].locale, 'nl');
      const text = extractPdfText(await fetchPdf('customer', coverage.letters[0].contentUrl));
      assert.ok(text.includes(`Dekkingsbesluit — ${claimNumber}`), text);
      assert.ok(text.includes('Uitgesloten gevaren 3 (JPF-EXCL-3)'), text);
      assert.ok(text.includes('Een gebrek of zwakte eigen aan de "verzekerde eigendommen"'), text);
      assert.ok(text.includes('Polistekst (Engels, bindend): A fault or weakness that is intrinsic'), text);
      assert.ok(text.includes('10 januari 2027'), text);
      const mail = (await t.bezel.mails()).find((m) => m.subject === 'Besluit over uw schadeclaim: niet gedekt');
      assert.ok(mail, 'the mail is in Dutch');
    } finally {
      await t.bezel.deps.db.updateTable('app_user').set({ locale: 'en' }).where('email', '=', email).execute();
    }
  });

  test('JPF-COVER-1: an override without a reason is refused and changes nothing; with one the claim is covered', async () => {
    const { id } = await t.seedClaim(policyId, { lossKind: 'damage' });
    await propose(id, [{ peril: 'inherent_vice', role: 'proximate' }]);
    const refused = await t.call('adjuster', 'POST', `${coverageUrl(id)}/decision`, { action: 'override', outcome: 'covered' });
    assert.equal(refused.statusCode, 400);
    assert.equal(refused.json().code, 'override_reason_required');
    assert.equal(refused.json().errors[0].field, 'body.reason');
    const blank = await t.call('adjuster', 'POST', `${coverageUrl(id)}/decision`, { action: 'override', outcome: 'covered', reason: '   ' });
    assert.equal(blank.statusCode, 400);
    assert.equal(await entryCount(id), 1);
    assert.equal((await claimRow(id)).status, 'reported');

    const covered = await decide(id, { action: 'override', outcome: 'covered', reason: 'The jeweler’s report shows the prong was struck, not weak' });
    assert.deepEqual([covered.outcome, covered.overridden, covered.reason], ['covered', true, 'The jeweler’s report shows the prong was struck, not weak']);
    assert.deepEqual(
      covered.clauses.map((c: Json) => c.id),
      ['JPF-COVER-1'],
    );
    assert.equal((await claimRow(id)).status, 'covered');
  });

  test('JPF-EXCL-8: a second decision is a reconsideration: refused without a reason, kept in the history with one', async () => {
    const { id } = await t.seedClaim(policyId, { lossKind: 'theft' });
    await propose(id, [{ peril: 'theft', role: 'proximate' }]);
    assert.equal((await decide(id, { action: 'confirm' })).outcome, 'covered');
    const again = await t.call('adjuster', 'POST', `${coverageUrl(id)}/decision`, { action: 'confirm' });
    assert.equal(again.statusCode, 400);
    assert.equal(again.json().code, 'reconsideration_reason_required');
    // New facts: the insured's son took the ring.
    const proposal = await propose(id, [{ peril: 'theft', byInsured: true, role: 'proximate' }]);
    assert.deepEqual(
      proposal.clauses.map((c: Json) => c.id),
      ['JPF-EXCL', 'JPF-EXCL-8'],
    );
    const reconsidered = await decide(id, { action: 'confirm', reason: 'The police found the resident son sold the ring' });
    assert.deepEqual([reconsidered.outcome, reconsidered.reconsideration, reconsidered.proposalId], ['excluded', true, proposal.id]);
    assert.equal((await claimRow(id)).status, 'denied');
    const history = (await t.call('adjuster', 'GET', coverageUrl(id))).json().history as Json[];
    assert.deepEqual(
      history.map((entry) => [entry.seq, entry.kind, entry.outcome]),
      [
        [1, 'proposal', 'covered'],
        [2, 'decision', 'covered'],
        [3, 'proposal', 'excluded'],
        [4, 'decision', 'excluded'],
      ],
    );
  });

  test('JPF-DUTY-3: a robbery without a police report needs information; the holder is mailed what is missing', async () => {
    const { id, claimNumber } = await t.seedClaim(policyId, { lossKind: 'loss' });
    const proposal = await propose(id, [{ peril: 'robbery', role: 'proximate' }]);
    assert.deepEqual([proposal.outcome, proposal.missing], ['needs_information', ['police_report']]);
    assert.deepEqual(
      proposal.clauses.map((c: Json) => c.id),
      ['JPF-COVER-1', 'JPF-DUTY-3'],
    );
    await decide(id, { action: 'confirm' });
    assert.equal((await claimRow(id)).status, 'needs_information');
    const mail = (await mailJobs()).find((payload) => payload.template === 'claim_information_needed' && payload.params.claimNumber === claimNumber);
    assert.ok(mail);
    assert.equal(mail.to, demoEmail('customer'));
    assert.match(mail.params.missing, /police report reference/);
  });

  test('JPF-EXCL-6: bad causes are refused with their field and write nothing; a withdrawn claim cannot be decided', async () => {
    const { id } = await t.seedClaim(policyId);
    const bad = await t.call('adjuster', 'POST', `${coverageUrl(id)}/proposal`, { causes: [{ peril: 'civil_authority', role: 'proximate' }] });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().code, 'causes_invalid');
    assert.deepEqual(
      bad.json().errors.map((e: Json) => [e.field, e.code]),
      [['body.causes.0.subCase', 'sub_case_required']],
    );
    const unknown = await t.call('adjuster', 'POST', `${coverageUrl(id)}/proposal`, { causes: [{ peril: 'meteor', role: 'proximate' }] });
    assert.equal(unknown.statusCode, 400);
    const noProposal = await t.call('adjuster', 'POST', `${coverageUrl(id)}/decision`, { action: 'confirm' });
    assert.equal(noProposal.statusCode, 409);
    assert.equal(noProposal.json().code, 'no_coverage_proposal');
    assert.equal(await entryCount(id), 0);

    const withdrawn = await t.seedClaim(policyId, { status: 'withdrawn' });
    const refused = await t.call('adjuster', 'POST', `${coverageUrl(withdrawn.id)}/proposal`, { causes: [{ peril: 'fire', role: 'proximate' }] });
    assert.equal(refused.statusCode, 409);
    assert.equal(refused.json().code, 'claim_not_open');
    // A customer neither proposes nor decides.
    assert.equal((await t.call('customer', 'POST', `${coverageUrl(id)}/proposal`, { causes: [] })).statusCode, 403);
  });

  test('PRV-RIGHT-6: the holder asks for a person to review the automatic proposal; the adjuster’s decision answers it', async () => {
    const { id } = await t.seedClaim(policyId, { lossKind: 'damage' });
    const early = await t.call('customer', 'POST', `${coverageUrl(id)}/review-request`, { reason: 'Please look again' });
    assert.equal(early.statusCode, 409);
    assert.equal(early.json().code, 'no_automatic_proposal');
    const proposal = await propose(id, [{ peril: 'gradual_deterioration', role: 'proximate' }]);

    assert.equal((await t.call('customer3', 'POST', `${coverageUrl(id)}/review-request`, { reason: 'Not mine' })).statusCode, 404);
    assert.equal((await t.call('adjuster', 'POST', `${coverageUrl(id)}/review-request`, { reason: 'Staff cannot ask' })).statusCode, 403);
    assert.equal((await t.call('customer', 'POST', `${coverageUrl(id)}/review-request`, { reason: '  ' })).statusCode, 400);

    const asked = await t.call('customer', 'POST', `${coverageUrl(id)}/review-request`, { reason: 'The ring is two months old; it cannot be worn out' });
    assert.equal(asked.statusCode, 201, JSON.stringify(asked.json()));
    // Asked on 15 Jan 2027 (New York): a person reviews by 15 Jan + 30 days = 14 Feb 2027.
    assert.deepEqual([asked.json().status, asked.json().dueOn, asked.json().proposalId], ['open', '2027-02-14', proposal.id]);
    const diary = await t.bezel.deps.db.selectFrom('claim_diary_entry').selectAll().where('claim_id', '=', id).where('kind', '=', 'human_review_due').execute();
    assert.deepEqual(
      diary.map((row) => [row.party, row.due_on, row.clause, row.status, row.reference_id]),
      [['insurer', '2027-02-14', 'PRV-RIGHT-6', 'open', asked.json().id]],
    );
    const twice = await t.call('customer', 'POST', `${coverageUrl(id)}/review-request`, { reason: 'Again' });
    assert.equal(twice.statusCode, 409);
    assert.equal(twice.json().code, 'review_already_requested');
    assert.equal((await t.call('customer', 'GET', coverageUrl(id))).json().reviewAvailable, false);

    const decision = await decide(id, { action: 'override', outcome: 'covered', reason: 'Reviewed: the ring is new; the stone fell out after a knock' });
    const after = (await t.call('customer', 'GET', coverageUrl(id))).json();
    assert.deepEqual([after.reviewRequests[0].status, after.reviewRequests[0].decisionId], ['closed', decision.id]);
    const closed = await t.bezel.deps.db
      .selectFrom('claim_diary_entry')
      .select('status')
      .where('claim_id', '=', id)
      .where('kind', '=', 'human_review_due')
      .execute();
    assert.deepEqual(
      closed.map((row) => row.status),
      ['done'],
    );
  });

  test('JPF-COVER-1: only a claim whose current decision is covered may be settled (settlement block claim_not_covered)', async () => {
    const { id } = await t.seedClaim(policyId, { lossKind: 'damage' });
    const blocks = async () => (await settlementBlocksOf(t.bezel.deps.db, id)).filter((block) => block.code === 'claim_not_covered');
    assert.deepEqual(await blocks(), [{ code: 'claim_not_covered', messageKey: 'claims_coverage.block.claim_not_covered', clause: 'JPF-COVER-1' }]);
    await propose(id, [{ peril: 'accidental_damage', role: 'proximate' }]);
    assert.equal((await blocks()).length, 1, 'a proposal is not a decision');
    await decide(id, { action: 'confirm' });
    assert.deepEqual(await blocks(), []);
    await propose(id, [{ peril: 'insects_or_vermin', role: 'proximate' }]);
    await decide(id, { action: 'confirm', reason: 'Moths ate the silk cord of the pendant' });
    assert.equal((await blocks()).length, 1, 'a reconsidered denial blocks again');
  });

  test('JPF-COND-4: a loss in a repair shop’s custody is covered for the insured and notes no benefit to the bailee', async () => {
    const { id } = await t.seedClaim(policyId, { lossKind: 'loss' });
    const proposal = await propose(id, [{ peril: 'mysterious_disappearance', role: 'proximate' }], { kind: 'repair_shop', name: 'Quick Fix Jewelers' });
    assert.equal(proposal.outcome, 'covered');
    assert.deepEqual(proposal.notes, ['bailee_no_benefit']);
    assert.deepEqual(
      proposal.clauses.map((c: Json) => c.id),
      ['JPF-COVER-1', 'JPF-COND-4'],
    );
    assert.deepEqual(proposal.custodian, { kind: 'repair_shop', name: 'Quick Fix Jewelers' });
  });
});

async function fetchPdf(as: 'customer', url: string): Promise<Buffer> {
  const reply = await t.call(as, 'GET', url);
  assert.equal(reply.statusCode, 200);
  const raw = (reply as unknown as { rawPayload: Buffer }).rawPayload;
  assert.equal(raw.subarray(0, 5).toString('latin1'), '%PDF-');
  return raw;
}
