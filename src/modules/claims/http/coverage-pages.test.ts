import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { UserActor } from '../../../platform/auth/actor.ts';
import { renderFragment } from '../../../platform/ui/render.ts';
import { findClaimWithItemsVisibleTo } from '../claims-repository.ts';
import { useClaimApiTest, type Who } from './claim-api-test-support.ts';
import { coverage360Section, coverageStatusSection } from './coverage-sections.tsx';

/**
 * The coverage decision's pages and sections (issue #4): the back-office coverage page the claim 360 section's forms
 * post to, the insured's status section in plain words (EN/NL) and the portal request for a person to review
 * (PRV-RIGHT-6). Forms work without JavaScript: errors come back in an error summary with the values kept.
 */
const t = useClaimApiTest();
let policyId: string;

const page = async (as: Who, method: 'GET' | 'POST', url: string, body?: unknown) => {
  const reply = (await t.call(as, method, url, body)) as unknown as { statusCode: number; body: string };
  return { status: reply.statusCode, body: reply.body };
};
const status = async (id: string) => (await t.bezel.deps.db.selectFrom('claim').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;

async function actorOf(role: 'customer' | 'adjuster', locale: 'en' | 'nl'): Promise<UserActor> {
  const me = (await t.call(role, 'GET', '/api/v1/me')).json();
  return { kind: 'user', userId: me.id, roles: me.roles, locale, via: 'session' };
}

async function renderSection(section: typeof coverage360Section, role: 'customer' | 'adjuster', locale: 'en' | 'nl', claimId: string): Promise<string> {
  const actor = await actorOf(role, locale);
  const claim = await findClaimWithItemsVisibleTo(t.bezel.deps.db, actor, claimId);
  assert.ok(claim);
  const node = await section.render({ deps: t.bezel.deps, actor, locale, claim, csrfToken: 'token' });
  assert.ok(node);
  return renderFragment(node);
}

describe('coverage pages', () => {
  before(async () => {
    policyId = (await t.boundPolicy()).id;
    t.moveClockTo('2027-01-15T15:00:00Z');
  });

  test('JPF-EXCL-5: the adjuster records the causes on the coverage page and sees the automatic proposal with the clause quoted', async () => {
    const { id } = await t.seedClaim(policyId, { lossKind: 'damage' });
    const url = `/backoffice/claims/${id}/coverage`;
    const empty = await page('adjuster', 'GET', url);
    assert.equal(empty.status, 200);
    assert.match(empty.body, /Record the causes of loss/);
    assert.match(empty.body, /<label class="field__label" for="field-cause0">Cause 1 — Proximate cause<\/label>/);
    assert.equal((await page('customer', 'GET', url)).status, 403);
    assert.equal((await page('underwriter', 'POST', `${url}/proposal`, { cause0: 'war:a' })).status, 403, 'reading claims is not handling them');

    const done = await page('adjuster', 'POST', `${url}/proposal`, { cause0: 'war:a', cause1: 'fire' });
    assert.equal(done.status, 200, done.body);
    assert.match(done.body, /the system proposes: Not covered \(excluded\)/);
    assert.match(done.body, /Perils Excluded 5\.a \(JPF-EXCL-5\(a\)\)/);
    assert.match(done.body, /War\. This means: Declared war, undeclared war, civil war, insurrection, rebellion, or revolution;/);
    assert.match(done.body, /the system, automatically/);
    assert.equal(await status(id), 'reported');

    const bad = await page('adjuster', 'POST', `${url}/proposal`, { cause0: 'fire', custodianKind: 'carrier', custodianName: '' });
    assert.equal(bad.status, 400);
    assert.match(bad.body, /class="error-summary"/);
    assert.match(bad.body, /Give the custodian’s name\./);
  });

  test('JPF-COVER-1: an override without a reason comes back with the error, values kept; with a reason the claim is covered', async () => {
    const { id } = await t.seedClaim(policyId, { lossKind: 'damage' });
    const url = `/backoffice/claims/${id}/coverage`;
    assert.equal((await page('adjuster', 'POST', `${url}/proposal`, { cause0: 'gradual_deterioration' })).status, 200);
    const refused = await page('adjuster', 'POST', `${url}/decision`, { action: 'override', outcome: 'covered', reason: '' });
    assert.equal(refused.status, 400);
    assert.match(refused.body, /Give the reason for overriding the proposal\./);
    assert.match(refused.body, /<option value="covered" selected>/);
    assert.equal(await status(id), 'reported');
    const noOutcome = await page('adjuster', 'POST', `${url}/decision`, { action: 'override', reason: 'because' });
    assert.equal(noOutcome.status, 400);

    const done = await page('adjuster', 'POST', `${url}/decision`, { action: 'override', outcome: 'covered', reason: 'Appraiser: a knock, not age' });
    assert.equal(done.status, 200, done.body);
    assert.match(done.body, /The decision was recorded: Covered\./);
    assert.equal(await status(id), 'covered');
    const section = await renderSection(coverage360Section, 'adjuster', 'en', id);
    assert.match(section, /id="coverage"/);
    assert.match(section, /Overrides the proposal/);
    assert.match(section, /Appraiser: a knock, not age/);
  });

  test('PRV-RIGHT-6: the insured’s status section says in plain Dutch that the proposal was automatic and offers the review; the request is sent from the portal', async () => {
    const { id } = await t.seedClaim(policyId, { lossKind: 'damage' });
    assert.match(await renderSection(coverageStatusSection, 'customer', 'en', id), /We are checking whether your policy covers this loss\./);
    assert.equal(
      (await t.call('adjuster', 'POST', `/api/v1/claims/${id}/coverage/proposal`, { causes: [{ peril: 'wear_and_tear', role: 'proximate' }] })).statusCode,
      201,
    );
    const dutch = await renderSection(coverageStatusSection, 'customer', 'nl', id);
    assert.match(dutch, /Is mijn schade gedekt\?/);
    assert.match(dutch, /uw schade lijkt niet gedekt/);
    assert.match(dutch, /Slijtage van &quot;verzekerde eigendommen&quot;\./);
    assert.match(dutch, /automatisch door ons systeem gemaakt/);
    assert.match(dutch, new RegExp(`action="/portal/claims/${id}/coverage/review"`));

    const url = `/portal/claims/${id}/coverage/review`;
    assert.equal((await page('customer3', 'GET', url)).status, 404);
    const form = await page('customer', 'GET', url);
    assert.equal(form.status, 200);
    assert.match(form.body, /You have the right not to be subject to a decision made only by automated means/);
    const empty = await page('customer', 'POST', url, { reason: '' });
    assert.equal(empty.status, 400);
    assert.match(empty.body, /Tell us why you want a person to review the proposal\./);
    const sent = await page('customer', 'POST', url, { reason: 'My ring is new' });
    assert.equal(sent.status, 200, sent.body);
    // Asked 15 Jan 2027: reviewed by 14 Feb 2027.
    assert.match(sent.body, /An adjuster will review the assessment by February 14, 2027\./);
    const after = await renderSection(coverageStatusSection, 'customer', 'en', id);
    assert.match(after, /You asked for a person to review it on January 15, 2027\. We will answer by February 14, 2027\./);
    assert.doesNotMatch(after, /coverage\/review"/, 'no second request for the same proposal');
    const staff = await renderSection(coverage360Section, 'adjuster', 'en', id);
    assert.match(staff, /The insured asked on January 15, 2027 for a person to review the automatic proposal: &quot;My ring is new&quot;/);
  });
});
