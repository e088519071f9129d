import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { UserActor } from '../../../platform/auth/actor.ts';
import { renderFragment } from '../../../platform/ui/render.ts';
import { findClaimWithItemsVisibleTo } from '../claims-repository.ts';
import { type Json, useClaimApiTest } from './claim-api-test-support.ts';
import { diary360Section } from './diary-sections.tsx';

/**
 * JPF-SUBRO-2 ("you must notify us … promptly"): when the insured reports a recovery and no adjuster is assigned to be
 * mailed, the notice becomes the insurer's own deadline — a 'recovery_review_due' entry, 7 days on — so it shows in the
 * adjusters' diary. Carla's ring, lost 10 Jan 2027; today 15 Jan 2027 in New York.
 */
const t = useClaimApiTest();
const policies: string[] = [];
let adjusterId = '';

async function reviewEntries(claimId: string) {
  return t.bezel.deps.db.selectFrom('claim_diary_entry').selectAll().where('claim_id', '=', claimId).where('kind', '=', 'recovery_review_due').execute();
}

async function coveredClaim(): Promise<{ id: string; claimNumber: string }> {
  const policyId = policies.shift();
  assert.ok(policyId, 'enough policies were bound before the tests');
  return t.seedClaim(policyId, { status: 'covered', lossDate: '2027-01-10' });
}

const moneyBack = { kind: 'money', description: 'The thief’s restitution ordered by the court', amount: '300.00', recoveredOn: '2027-01-15' };

describe('JPF-SUBRO-2: the insurer reviews a recovery the insured reported', () => {
  before(async () => {
    for (let index = 0; index < 4; index += 1) policies.push((await t.boundPolicy()).id);
    t.moveClockTo('2027-01-15T15:00:00Z');
    adjusterId = (await t.bezel.deps.db.selectFrom('app_user').select('id').where('email', '=', 'adjuster@demo.bezel.test').executeTakeFirstOrThrow()).id;
  });

  test('JPF-SUBRO-2: no adjuster assigned: the insured’s report adds the insurer’s review, due in 7 days (15 + 7 = 22 Jan), to the diary', async () => {
    const { id, claimNumber } = await coveredClaim();
    const reported = await t.call('customer', 'POST', `/api/v1/claims/${id}/recoveries`, moneyBack);
    assert.equal(reported.statusCode, 201, JSON.stringify(reported.json()));
    assert.deepEqual(reported.json().notified, { party: 'insurer', byMail: false });
    const [entry, ...more] = await reviewEntries(id);
    assert.equal(more.length, 0);
    assert.deepEqual(
      [entry?.party, entry?.clause, entry?.due_on, entry?.status, entry?.reference_id],
      ['insurer', 'JPF-SUBRO-2', '2027-01-22', 'open', reported.json().recoveries[0].id],
    );
    // It shows in the adjusters' diary across claims, and on the claim's 360 view in words.
    const diary = await t.call('adjuster', 'GET', '/api/v1/claims/diary?limit=200');
    assert.equal(diary.statusCode, 200, JSON.stringify(diary.json()));
    const row = diary.json().items.find((item: Json) => item.claimId === id && item.kind === 'recovery_review_due');
    assert.deepEqual([row?.claimNumber, row?.dueOn, row?.clause, row?.state], [claimNumber, '2027-01-22', 'JPF-SUBRO-2', 'near']);
    const actor: UserActor = { kind: 'user', userId: adjusterId, roles: ['adjuster'], locale: 'en', via: 'session' };
    const claim = await findClaimWithItemsVisibleTo(t.bezel.deps.db, actor, id);
    assert.ok(claim);
    const section = await diary360Section.render({ deps: t.bezel.deps, actor, locale: 'en', claim, csrfToken: 'token' });
    assert.ok(section, 'the section renders');
    const html = renderFragment(section);
    assert.match(html, /Review of a reported recovery/);
    // The audit event says when the review is due.
    const audit = await t.bezel.deps.db
      .selectFrom('audit_event')
      .select('details')
      .where('action', '=', 'claim.recovery_recorded')
      .where('subject_id', '=', id)
      .executeTakeFirstOrThrow();
    assert.equal((audit.details as Json).reviewDueOn, '2027-01-22');
  });

  test('JPF-SUBRO-2: with an adjuster assigned the report is mailed to them instead, and the insurer’s own record adds nothing', async () => {
    const { id } = await coveredClaim();
    assert.equal((await t.call('adjuster', 'POST', `/api/v1/claims/${id}/assign`, { adjusterUserId: adjusterId })).statusCode, 200);
    const reported = await t.call('customer', 'POST', `/api/v1/claims/${id}/recoveries`, moneyBack);
    assert.deepEqual(reported.json().notified, { party: 'insurer', byMail: true });
    assert.equal((await reviewEntries(id)).length, 0);

    const other = await coveredClaim();
    const recorded = await t.call('adjuster', 'POST', `/api/v1/claims/${other.id}/recoveries`, { ...moneyBack, recoveredFrom: 'The court' });
    assert.equal(recorded.statusCode, 201, JSON.stringify(recorded.json()));
    assert.equal((await reviewEntries(other.id)).length, 0, 'the insurer told the insured; nothing for it to review');
  });

  test('JPF-SUBRO-2: a refused report (a date in the future) adds no review; the next worksheet version closes an open one as done', async () => {
    const { id } = await coveredClaim();
    const future = await t.call('customer', 'POST', `/api/v1/claims/${id}/recoveries`, { ...moneyBack, recoveredOn: '2027-01-16' });
    assert.equal(future.statusCode, 400, JSON.stringify(future.json()));
    assert.equal((await reviewEntries(id)).length, 0);
    const found = await t.call('customer', 'POST', `/api/v1/claims/${id}/recoveries`, { ...moneyBack, recoveredOn: '2027-01-14' });
    assert.equal(found.statusCode, 201, JSON.stringify(found.json()));
    assert.equal((await reviewEntries(id))[0]?.status, 'open');
    const worksheet = await t.call('adjuster', 'POST', `/api/v1/claims/${id}/worksheet`, {
      lines: [{ lineNo: 1, method: 'repair', repairOrReplaceCost: '300.00' }],
    });
    assert.equal(worksheet.statusCode, 201, JSON.stringify(worksheet.json()));
    assert.equal((await reviewEntries(id))[0]?.status, 'done');
  });
});
