import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { UserActor } from '../../../platform/auth/actor.ts';
import { renderFragment } from '../../../platform/ui/render.ts';
import { findClaimWithItemsVisibleTo } from '../claims-repository.ts';
import { type Json, useClaimApiTest, type Who } from './claim-api-test-support.ts';
import { diary360Section } from './diary-sections.tsx';

/**
 * JPF-DUTY-5 ("as often as we reasonably request"): the adjuster withdraws a duty request that no longer applies — over
 * the API and with the button on the claim 360 view's diary. The request's diary entry is cancelled (no more
 * reminders), the insured is mailed that it is no longer needed, the reason is audited; refusals change nothing.
 * Carla's ring policy; the loss on 10 Jan 2027, today 15 Jan 2027 in New York.
 */
const t = useClaimApiTest();
let policyId: string;
let claimId: string;
let claimNumber: string;

type Page = { statusCode: number; body: string };
const page = async (as: Who, method: 'GET' | 'POST', url: string, form?: Record<string, string>): Promise<Page> =>
  (await t.call(as, method, url, form)) as unknown as Page;

const withdrawUrl = (requestId: string) => `/api/v1/claims/${claimId}/duty-requests/${requestId}/withdraw`;

async function ask(body: Json = { kind: 'produce_records', dueOn: '2027-02-01', details: 'The purchase receipt' }): Promise<string> {
  const reply = await t.call('adjuster', 'POST', `/api/v1/claims/${claimId}/duty-requests`, body);
  assert.equal(reply.statusCode, 201, JSON.stringify(reply.json()));
  return reply.json().id as string;
}

async function stateOf(requestId: string) {
  const db = t.bezel.deps.db;
  const request = await db.selectFrom('claim_duty_request').select('status').where('id', '=', requestId).executeTakeFirstOrThrow();
  const entry = await db.selectFrom('claim_diary_entry').select(['status', 'closed_at']).where('reference_id', '=', requestId).executeTakeFirstOrThrow();
  return { request: request.status, entry: entry.status };
}

async function withdrawalMails(): Promise<{ to: string; locale: string; params: Record<string, string> }[]> {
  const rows = await t.bezel.deps.db.selectFrom('job').select('payload').where('kind', '=', 'mail.send').orderBy('id').execute();
  return rows
    .map((row) => row.payload as { to: string; locale: string; template: string; params: Record<string, string> })
    .filter((payload) => payload.template === 'claim_duty_withdrawn');
}

describe('withdrawing a duty request (JPF-DUTY-5)', () => {
  before(async () => {
    policyId = (await t.boundPolicy()).id;
    t.moveClockTo('2027-01-15T15:00:00Z');
    ({ id: claimId, claimNumber } = await t.seedClaim(policyId, { lossDate: '2027-01-10' }));
  });

  test('JPF-DUTY-5: the adjuster withdraws a request: its diary entry is cancelled, the insured is mailed, the reason is audited', async () => {
    const requestId = await ask();
    const reply = await t.call('adjuster', 'POST', withdrawUrl(requestId), { reason: 'The jeweler sent us the receipt directly.' });
    assert.equal(reply.statusCode, 200, JSON.stringify(reply.json()));
    assert.equal(reply.json().status, 'withdrawn');
    assert.deepEqual(await stateOf(requestId), { request: 'withdrawn', entry: 'cancelled' });
    const mails = await withdrawalMails();
    assert.equal(mails.length, 1);
    assert.equal(mails[0]?.to, 'customer@demo.bezel.test');
    assert.deepEqual([mails[0]?.locale, mails[0]?.params.claimNumber], ['en', claimNumber]);
    assert.equal(mails[0]?.params.duty, 'Records and documents we asked for: The purchase receipt');
    assert.doesNotMatch(JSON.stringify(mails[0]), /jeweler sent us/, 'the adjuster’s reason is not sent to the insured');
    const audit = await t.bezel.deps.db
      .selectFrom('audit_event')
      .select(['details', 'personal_details'])
      .where('action', '=', 'claim.duty_withdrawn')
      .where('subject_id', '=', claimId)
      .executeTakeFirstOrThrow();
    assert.deepEqual([(audit.details as Json).requestId, (audit.details as Json).diaryEntriesCancelled], [requestId, 1]);
    assert.deepEqual(audit.personal_details, { reason: 'The jeweler sent us the receipt directly.' });
    // The insured's "what we need from you" no longer lists it; the request reads as withdrawn.
    const duties = (await t.call('customer', 'GET', `/api/v1/claims/${claimId}/duties`)).json();
    assert.equal(duties.requests.find((request: Json) => request.id === requestId).status, 'withdrawn');
    assert.equal(duties.diary.find((entry: Json) => entry.referenceId === requestId).state, 'cancelled');
  });

  test('JPF-DUTY-5: a withdrawn, answered or fulfilled request cannot be withdrawn; a blank reason is refused; nothing changes', async () => {
    const requestId = await ask({ kind: 'written_confirmation', dueOn: '2027-01-25' });
    const blank = await t.call('adjuster', 'POST', withdrawUrl(requestId), { reason: '  ' });
    assert.equal(blank.statusCode, 400);
    assert.deepEqual(await stateOf(requestId), { request: 'open', entry: 'open' });
    // The insured answers: the adjuster records it as done instead (409), the request stays answered.
    const answered = await t.call('customer', 'POST', `/api/v1/claims/${claimId}/duty-requests/${requestId}/answer`, { note: 'I confirm the loss.' });
    assert.equal(answered.statusCode, 200, JSON.stringify(answered.json()));
    const late = await t.call('adjuster', 'POST', withdrawUrl(requestId), { reason: 'No longer needed' });
    assert.deepEqual([late.statusCode, late.json().code], [409, 'duty_request_answered']);
    assert.deepEqual(await stateOf(requestId), { request: 'answered', entry: 'done' });
    // Withdrawn once: a second withdrawal is 409 and sends no second mail.
    const other = await ask({ kind: 'exhibit_property', dueOn: '2027-02-02' });
    const before = (await withdrawalMails()).length;
    assert.equal((await t.call('adjuster', 'POST', withdrawUrl(other), { reason: 'Seen at the jeweler' })).statusCode, 200);
    const twice = await t.call('adjuster', 'POST', withdrawUrl(other), { reason: 'Seen at the jeweler' });
    assert.deepEqual([twice.statusCode, twice.json().code], [409, 'duty_request_closed']);
    assert.equal((await withdrawalMails()).length, before + 1);
    // Fulfilled: closed too.
    const held = await ask({ kind: 'exhibit_property', dueOn: '2027-02-02' });
    assert.equal((await t.call('adjuster', 'POST', `/api/v1/claims/${claimId}/duty-requests/${held}/fulfil`, { fulfilledOn: '2027-01-15' })).statusCode, 200);
    const closed = await t.call('adjuster', 'POST', withdrawUrl(held), { reason: 'No longer needed' });
    assert.deepEqual([closed.statusCode, closed.json().code], [409, 'duty_request_closed']);
    assert.deepEqual(await stateOf(held), { request: 'fulfilled', entry: 'done' });
  });

  test('only claims handlers withdraw: a customer gets 403, an auditor 403, another claim’s or an unknown request 404', async () => {
    const requestId = await ask({ kind: 'exhibit_property', dueOn: '2027-02-03' });
    assert.equal((await t.call('customer', 'POST', withdrawUrl(requestId), { reason: 'I would rather not' })).statusCode, 403);
    assert.equal((await t.call('auditor', 'POST', withdrawUrl(requestId), { reason: 'No longer needed' })).statusCode, 403);
    const other = await t.seedClaim(policyId, { lossDate: '2027-01-08' });
    const elsewhere = await t.call('adjuster', 'POST', `/api/v1/claims/${other.id}/duty-requests/${requestId}/withdraw`, { reason: 'No longer needed' });
    assert.equal(elsewhere.statusCode, 404);
    const unknown = await t.call('adjuster', 'POST', withdrawUrl('00000000-0000-4000-8000-000000000000'), { reason: 'No longer needed' });
    assert.equal(unknown.statusCode, 404);
    assert.deepEqual(await stateOf(requestId), { request: 'open', entry: 'open' });
  });

  test('JPF-DUTY-5: the 360 diary section has a withdraw button for a request waiting for the insured, none for an answered one', async () => {
    const waiting = await ask({ kind: 'exhibit_property', dueOn: '2027-02-04', place: 'Our office' });
    const user = await t.bezel.deps.db.selectFrom('app_user').select('id').where('email', '=', 'adjuster@demo.bezel.test').executeTakeFirstOrThrow();
    const adjuster: UserActor = { kind: 'user', userId: user.id, roles: ['adjuster'], locale: 'en', via: 'session' };
    const claim = await findClaimWithItemsVisibleTo(t.bezel.deps.db, adjuster, claimId);
    assert.ok(claim);
    const section = await diary360Section.render({ deps: t.bezel.deps, actor: adjuster, locale: 'en', claim, csrfToken: 'token' });
    assert.ok(section, 'the section renders');
    const html = renderFragment(section);
    assert.ok(html.includes(`action="/backoffice/claims/${claimId}/duty-requests/${waiting}/withdraw"`), 'the button posts to the withdraw route');
    assert.match(html, /<label class="field__label" for="field-withdraw-[0-9a-f-]+-reason">Why it is withdrawn/);
    const answered = await t.bezel.deps.db.selectFrom('claim_duty_request').select('id').where('status', '=', 'answered').executeTakeFirstOrThrow();
    assert.ok(!html.includes(`/duty-requests/${answered.id}/withdraw"`), 'an answered request is recorded as done, not withdrawn');
  });

  test('JPF-DUTY-5: the form without JavaScript: a blank reason comes back with an error summary linked to the field; then it is withdrawn', async () => {
    const requestId = await ask({ kind: 'exhibit_property', dueOn: '2027-02-05' });
    const url = `/backoffice/claims/${claimId}/duty-requests/${requestId}/withdraw`;
    const bad = await page('adjuster', 'POST', url, { withdrawalReason: '' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /class="error-summary"/);
    assert.ok(bad.body.includes(`<a href="#field-withdraw-${requestId}-reason">Say why the request is withdrawn (at least 3 characters).</a>`), bad.body);
    assert.deepEqual(await stateOf(requestId), { request: 'open', entry: 'open' });
    const done = await page('adjuster', 'POST', url, { withdrawalReason: 'Inspected at the jeweler instead' });
    assert.equal(done.statusCode, 200);
    assert.match(done.body, /Request withdrawn: Show the property. Its deadline is cancelled./);
    assert.deepEqual(await stateOf(requestId), { request: 'withdrawn', entry: 'cancelled' });
    assert.equal((await page('customer', 'POST', url, { withdrawalReason: 'Please' })).statusCode, 403);
  });

  test('JPF-DUTY-5: a Dutch-speaking holder is told in Dutch that a request is no longer needed', async () => {
    const requestId = await ask({ kind: 'produce_records', dueOn: '2027-02-06', details: 'Bankafschrift' });
    const email = 'customer@demo.bezel.test';
    await t.bezel.deps.db.updateTable('app_user').set({ locale: 'nl' }).where('email', '=', email).execute();
    try {
      assert.equal((await t.call('adjuster', 'POST', withdrawUrl(requestId), { reason: 'Received from the bank' })).statusCode, 200);
      while ((await t.bezel.runJobs()) > 0);
      const mail = (await t.bezel.mails()).find((candidate) => candidate.subject === 'Wij hebben dit niet meer van u nodig');
      assert.ok(mail, 'a Dutch mail');
      assert.ok(
        mail.text.includes(
          `Voor schadeclaim ${claimNumber} hebben wij het volgende niet meer van u nodig: Stukken en documenten die wij hebben gevraagd: Bankafschrift.`,
        ),
        mail.text,
      );
      assert.ok(mail.links.includes(`http://127.0.0.1:3000/portal/claims/${claimId}`));
    } finally {
      await t.bezel.deps.db.updateTable('app_user').set({ locale: 'en' }).where('email', '=', email).execute();
    }
  });
});
