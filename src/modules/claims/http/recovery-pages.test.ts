import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { UserActor } from '../../../platform/auth/actor.ts';
import { renderFragment } from '../../../platform/ui/render.ts';
import { demoEmail } from '../../accounts/index.ts';
import { findClaimWithItemsVisibleTo } from '../claims-repository.ts';
import { useClaimApiTest, type Who } from './claim-api-test-support.ts';
import { CLAIM_360_SECTIONS, CLAIM_STATUS_SECTIONS } from './claim-sections.ts';

/** The recovery (80) and appraisal (90) sections of the claim pages and their forms (issue #4; JPF-SUBRO-1/2, JPF-APPR-1, JPF-COND-4). */
const t = useClaimApiTest();

type Page = { status: number; body: string; location: string | undefined };
async function page(as: Who, method: 'GET' | 'POST', url: string, body?: unknown): Promise<Page> {
  const reply = (await t.call(as, method, url, body)) as unknown as { statusCode: number; body: string; headers: Record<string, string | undefined> };
  return { status: reply.statusCode, body: reply.body, location: reply.headers.location };
}

async function claimInPeriod(): Promise<{ id: string; claimNumber: string }> {
  t.moveClockTo('2026-11-21T12:00:00Z');
  const policy = await t.boundPolicy();
  t.moveClockTo('2027-02-01T15:00:00Z');
  return t.seedClaim(policy.id, { status: 'covered' });
}

async function actorOf(role: 'adjuster' | 'customer', locale: 'en' | 'nl' = 'en'): Promise<UserActor> {
  const row = await t.bezel.deps.db.selectFrom('app_user').select('id').where('email', '=', demoEmail(role)).executeTakeFirstOrThrow();
  return { kind: 'user', userId: row.id, roles: [role], locale, via: 'session' };
}

test('the claim 360 sections render with their forms; JPF-SUBRO-1: the subrogation form records a waiver after the loss as an impairment', async () => {
  const claim = await claimInPeriod();
  const adjuster = await actorOf('adjuster');
  const withItems = await findClaimWithItemsVisibleTo(t.bezel.deps.db, adjuster, claim.id);
  assert.ok(withItems);
  const sections = CLAIM_360_SECTIONS.filter((section) => section.id === 'recovery' || section.id === 'appraisal');
  assert.deepEqual(
    sections.map((section) => [section.id, section.order]),
    [
      ['recovery', 80],
      ['appraisal', 90],
    ],
  );
  const html = (
    await Promise.all(
      sections.map(async (section) => section.render({ deps: t.bezel.deps, actor: adjuster, locale: 'en', claim: withItems, csrfToken: 'token' })),
    )
  )
    .map((node) => (node ? renderFragment(node) : ''))
    .join('');
  assert.match(html, /Recovery and subrogation/);
  assert.match(html, new RegExp(`action="/backoffice/claims/${claim.id}/subrogation"`));
  assert.match(html, new RegExp(`action="/backoffice/claims/${claim.id}/appraisal"`));
  assert.match(html, /<label class="field__label" for="field-recoveryOn">/);

  const posted = await page('adjuster', 'POST', `/backoffice/claims/${claim.id}/subrogation`, {
    thirdPartyKind: 'bailee',
    thirdPartyName: 'Swift Couriers',
    custodianRole: 'carrier',
    assignmentRequired: 'no',
    waiverWrittenOn: '2027-01-20',
    waiverInWriting: 'yes',
  });
  assert.equal(posted.status, 303, posted.body);
  assert.match(posted.location ?? '', new RegExp(`/backoffice/claims/${claim.id}(/recovery)?#recovery$`));
  const shown = await page('adjuster', 'GET', `/backoffice/claims/${claim.id}/recovery`);
  assert.equal(shown.status, 200);
  assert.match(shown.body, /it does not count and impairs our rights/);
  assert.match(shown.body, /Settlement is on hold/);
  assert.match(shown.body, /we recover from them in full \(JPF-COND-4\)/);
  assert.equal((await page('customer', 'GET', `/backoffice/claims/${claim.id}/recovery`)).status, 403);
  assert.equal((await page('customer', 'POST', `/backoffice/claims/${claim.id}/subrogation/impairment`, { impairmentReason: 'x' })).status, 403);
});

test('a refused form comes back with an error summary and its values, and nothing is written', async () => {
  const claim = await claimInPeriod();
  const missingAmount = await page('adjuster', 'POST', `/backoffice/claims/${claim.id}/recoveries`, {
    recoveryKind: 'money',
    recoveryDescription: 'Carrier’s compensation',
    recoveryOn: '2027-01-20',
  });
  assert.equal(missingAmount.status, 400);
  assert.match(missingAmount.body, /class="error-summary"/);
  assert.match(missingAmount.body, /href="#field-recoveryAmount">Enter the amount recovered\./);
  assert.match(missingAmount.body, /Carrier’s compensation/);
  const future = await page('adjuster', 'POST', `/backoffice/claims/${claim.id}/recoveries`, {
    recoveryKind: 'item_found',
    recoveryLineNo: '1',
    recoveryDescription: 'Found',
    recoveryOn: '2027-02-02',
  });
  assert.equal(future.status, 400);
  assert.match(future.body, /href="#field-recoveryOn">This date is in the future\./);
  const demanded = await page('adjuster', 'POST', `/backoffice/claims/${claim.id}/appraisal`, {
    demandSubjects: ['value'],
    demandedBy: 'insured',
    demandReceivedOn: '2027-01-20',
  });
  assert.equal(demanded.status, 303, demanded.body);
  const rows = await t.bezel.deps.db.selectFrom('claim_recovery').select('id').where('claim_id', '=', claim.id).execute();
  assert.equal(rows.length, 0);
});

test('JPF-SUBRO-2 / JPF-APPR-1: the portal shows recoveries and the appraisal deadline in plain Dutch, and the insured reports a found item', async () => {
  const claim = await claimInPeriod();
  await t.call('adjuster', 'POST', `/api/v1/claims/${claim.id}/appraisal`, { subjects: ['value'], demandedBy: 'insurer', demandReceivedOn: '2027-01-25' });
  const customer = await actorOf('customer', 'nl');
  const withItems = await findClaimWithItemsVisibleTo(t.bezel.deps.db, customer, claim.id);
  assert.ok(withItems);
  const html = (
    await Promise.all(
      CLAIM_STATUS_SECTIONS.filter((section) => section.order >= 80).map((section) =>
        section.render({ deps: t.bezel.deps, actor: customer, locale: 'nl', claim: withItems, csrfToken: 'token' }),
      ),
    )
  )
    .map((node) => (node ? renderFragment(node) : ''))
    .join('');
  assert.match(html, /Meld ons iets wat u terugkreeg/);
  // 2027-01-25 + 20 days = 2027-02-14
  assert.match(html, /Geef ons uiterlijk 14 februari 2027 de naam van uw expert door\./);

  const reported = await page('customer', 'POST', `/portal/claims/${claim.id}/recoveries`, {
    recoveryKind: 'item_found',
    recoveryLineNo: '1',
    recoveryDescription: 'Found the ring behind the dresser',
    recoveryOn: '2027-01-31',
  });
  assert.equal(reported.status, 303, reported.body);
  assert.match(reported.location ?? '', new RegExp(`/portal/claims/${claim.id}(/recovery)?#recovery$`));
  const row = await t.bezel.deps.db
    .selectFrom('claim_recovery')
    .select(['reported_by_party', 'outcome'])
    .where('claim_id', '=', claim.id)
    .executeTakeFirstOrThrow();
  assert.deepEqual(row, { reported_by_party: 'insured', outcome: 'item_withdrawn' });
  const portal = await page('customer', 'GET', `/portal/claims/${claim.id}/recovery`);
  assert.equal(portal.status, 200);
  assert.match(portal.body, /Found the ring behind the dresser/);
  assert.equal((await page('customer3', 'GET', `/portal/claims/${claim.id}/recovery`)).status, 404);
  assert.equal((await page('customer3', 'POST', `/portal/claims/${claim.id}/recoveries`, { recoveryKind: 'money' })).status, 404);
});
