import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { csrfTokenFor } from '../../../platform/http/csrf.ts';
import { DEMO_PASSWORD, demoEmail } from '../../accounts/index.ts';
import { type Json, usePolicyApiTest } from './policy-api-test-support.ts';

/**
 * Signing invitations (JPF-COND-9 removals, JPF-CANCEL-1 cancellations): the holder invites a named insured who has no
 * login; the mailed one-time link signs, and the last signature executes the request. PGlite or PostgreSQL.
 */
const policyTest = usePolicyApiTest();
const { call, boundPolicy } = policyTest;

const appraisal = { appraisalDate: '2027-02-20', appraisedBy: 'Tiffany & Co., Fifth Avenue' };
const watch = { op: 'add', description: 'Steel diver watch', category: 'watch', coverageAmount: '2000.00', keptInSafe: false, ...appraisal };
// 2027-03-01 12:00 in New York: day 91 of the period 2026-12-01..2027-11-30 (365 days); 275 days are left.
const MARCH_FIRST = '2027-03-01T17:00:00Z';
const csrfCookie = 'd'.repeat(43);

const db = () => policyTest.bezel.deps.db;
const transactionCount = async (policyId: string) =>
  (await db().selectFrom('policy_transaction').select('id').where('policy_id', '=', policyId).execute()).length;
const signatureCount = async () => (await db().selectFrom('policy_signature').select('id').execute()).length;

/** The signing link of the newest mail to the address (the worker sends the outbox first). */
async function mailedToken(to: string): Promise<string> {
  await policyTest.bezel.runJobs();
  const mail = (await policyTest.bezel.mails()).filter((candidate) => candidate.to === to).at(-1);
  assert.ok(mail, `a mail to ${to}`);
  const token = /\/sign\/([A-Za-z0-9_-]+)/.exec(mail.text)?.[1];
  assert.ok(token, mail.text);
  return token;
}

/** An anonymous browser: GET with a CSRF cookie, POST the form with its CSRF field, as the login form does. */
async function anonymous(method: 'GET' | 'POST', url: string, form: Record<string, string> = {}) {
  const csrf = csrfTokenFor(policyTest.bezel.deps.appSecret, csrfCookie);
  return policyTest.bezel.app.inject({
    method,
    url,
    headers: {
      accept: 'text/html',
      cookie: `bezel_csrf=${csrfCookie}`,
      ...(method === 'POST' && { 'content-type': 'application/x-www-form-urlencoded' }),
    },
    ...(method === 'POST' && { payload: new URLSearchParams({ ...form, _csrf: csrf }).toString() }),
  });
}

/** A fresh rate-limit window per test: every link attempt from the test's one address counts (15-minute windows). */
function at(instant: string) {
  policyTest.moveClockTo(instant);
}

describe('signing invitations (JPF-COND-9, JPF-CANCEL-1)', () => {
  test('JPF-COND-9: the holder invites the second named insured; the mailed link signs the removal, which executes with its premium change', async () => {
    at('2026-11-21T12:00:00Z');
    const policy = await boundPolicy(['Carla Customer', 'Peter Partner']);
    at(MARCH_FIRST);
    assert.equal((await call('customer', 'POST', `/api/v1/policies/${policy.id}/endorsements`, { changes: [watch] })).statusCode, 201);
    const removal = await call('customer', 'POST', `/api/v1/policies/${policy.id}/endorsements`, { changes: [{ op: 'remove', itemNo: 2 }] });
    assert.equal(removal.statusCode, 201, JSON.stringify(removal.json()));
    assert.deepEqual(removal.json().missingSignatures, ['Peter Partner']);
    const invitations = `/api/v1/policies/${policy.id}/endorsements/${removal.json().id}/invitations`;

    // Bad input and names that cannot be invited write nothing.
    assert.equal((await call('customer', 'POST', invitations, { namedInsured: 'Peter Partner' })).statusCode, 400);
    const badEmail = await call('customer', 'POST', invitations, { namedInsured: 'Peter Partner', email: 'peter at example' });
    assert.equal(badEmail.statusCode, 422);
    assert.equal(badEmail.json().code, 'email_invalid');
    const stranger = await call('customer', 'POST', invitations, { namedInsured: 'Nobody Known', email: 'nobody@example.com' });
    assert.equal(stranger.statusCode, 422);
    assert.equal(stranger.json().code, 'not_a_named_insured');
    const holderAgain = await call('customer', 'POST', invitations, { namedInsured: 'Carla Customer', email: 'carla@example.com' });
    assert.equal(holderAgain.statusCode, 409);
    assert.equal(holderAgain.json().code, 'already_signed');
    // Another customer does not hold the policy: not found.
    assert.equal((await call('customer3', 'POST', invitations, { namedInsured: 'Peter Partner', email: 'peter@example.com' })).statusCode, 404);
    assert.equal((await db().selectFrom('signing_invitation').select('id').execute()).length, 0);

    const invited = await call('customer', 'POST', invitations, { namedInsured: 'Peter Partner', email: 'peter@example.com' });
    assert.equal(invited.statusCode, 201, JSON.stringify(invited.json()));
    // 14 days from 2027-03-01T17:00:00Z.
    assert.equal(invited.json().expiresAt, '2027-03-15T17:00:00Z');
    const token = await mailedToken('peter@example.com');
    assert.equal(token.length, 43, '32 random bytes, base64url');
    const mail = (await policyTest.bezel.mails()).find((candidate) => candidate.to === 'peter@example.com');
    // In the holder's language (English), naming the policy and who asked.
    assert.equal(mail?.subject, 'Please sign a change to your jewelry policy');
    assert.ok(mail?.text.includes(policy.policyNumber));
    const stored = await db().selectFrom('signing_invitation').select(['token_hash', 'email']).executeTakeFirstOrThrow();
    assert.notEqual(stored.token_hash, token, 'only the hash is stored');
    assert.equal(stored.token_hash.length, 64);

    const page = await anonymous('GET', `/sign/${token}`);
    assert.equal(page.statusCode, 200, page.body);
    assert.ok(page.body.includes(policy.policyNumber));
    assert.ok(page.body.includes('Sign as Peter Partner'));
    // Removed the same day it was added: the watch is charged nothing, 13.10 comes back.
    assert.ok(page.body.includes('-$13.10'), 'the premium change as execution computes it');
    assert.ok(page.body.includes('name="_csrf"'), 'a plain POST form with the CSRF field');
    assert.equal(await transactionCount(policy.id), 2, 'opening the link writes nothing');

    const signed = await anonymous('POST', `/sign/${token}`);
    assert.equal(signed.statusCode, 200, signed.body);
    assert.ok(signed.body.includes('the change is made'));
    const signatures = await db()
      .selectFrom('policy_signature')
      .select(['named_insured', 'method'])
      .where('endorsement_request_id', '=', removal.json().id)
      .orderBy('signed_at')
      .orderBy('named_insured')
      .execute();
    assert.deepEqual(
      signatures.map((s) => [s.named_insured, s.method]),
      [
        ['Carla Customer', 'portal'],
        ['Peter Partner', 'emailed_link'],
      ],
    );
    const last = await db()
      .selectFrom('policy_transaction')
      .select(['kind', 'premium_change'])
      .where('policy_id', '=', policy.id)
      .orderBy('sequence_no', 'desc')
      .executeTakeFirstOrThrow();
    assert.deepEqual([last.kind, last.premium_change], ['endorsement', '-13.10']);
    const schedule = (await call('customer', 'GET', `/api/v1/policies/${policy.id}/as-of?date=2027-03-01`)).json().schedule;
    assert.deepEqual(
      schedule.map((item: Json) => item.itemNo),
      [1],
    );

    // The audit trail keeps the address and the name out of its hashed details.
    const events = await db().selectFrom('audit_event').select(['action', 'details', 'personal_details']).where('subject_id', '=', policy.id).execute();
    const sent = events.find((event) => event.action === 'policy.signing_invitation_sent');
    assert.ok(sent);
    assert.ok(!JSON.stringify(sent.details).includes('peter@example.com'));
    assert.ok(JSON.stringify(sent.personal_details).includes('peter@example.com'));
    assert.ok(events.some((event) => event.action === 'policy.endorsement_signed' && JSON.stringify(event.details).includes('emailed_link')));

    // A replayed link is refused and writes nothing.
    const count = await transactionCount(policy.id);
    const replay = await anonymous('POST', `/sign/${token}`);
    assert.equal(replay.statusCode, 410);
    assert.ok(replay.body.includes('already been used'));
    assert.equal(await transactionCount(policy.id), count);
  });

  test('JPF-CANCEL-1: an expired or replaced link is refused; the newest link signs the cancellation, which executes with its refund', async () => {
    at('2026-11-21T12:00:00Z');
    const policy = await boundPolicy(['Carla Customer', 'Peter Partner']);
    const requested = await call('customer', 'POST', `/api/v1/policies/${policy.id}/cancellation-requests`, { effectiveDate: '2026-12-31' });
    assert.equal(requested.statusCode, 201, JSON.stringify(requested.json()));
    assert.equal(requested.json().status, 'pending');
    const invitations = `/api/v1/policies/${policy.id}/cancellation-requests/${requested.json().id}/invitations`;
    assert.equal((await call('customer', 'POST', invitations, { namedInsured: 'Peter Partner', email: 'peter.old@example.com' })).statusCode, 201);
    const expired = await mailedToken('peter.old@example.com');

    // 14 days later to the second the link no longer works.
    at('2026-12-05T12:00:00Z');
    const signaturesBefore = await signatureCount();
    const tooLate = await anonymous('GET', `/sign/${expired}`);
    assert.equal(tooLate.statusCode, 410);
    assert.ok(tooLate.body.includes('expired'));
    assert.equal((await anonymous('POST', `/sign/${expired}`)).statusCode, 410);
    assert.equal(await signatureCount(), signaturesBefore);

    // Staff may invite too; a newer invitation replaces the open one.
    assert.equal((await call('underwriter', 'POST', invitations, { namedInsured: 'Peter Partner', email: 'peter.typo@example.com' })).statusCode, 201);
    const replaced = await mailedToken('peter.typo@example.com');
    assert.equal((await call('customer', 'POST', invitations, { namedInsured: 'Peter Partner', email: 'peter.cancel@example.com' })).statusCode, 201);
    const token = await mailedToken('peter.cancel@example.com');
    const old = await anonymous('POST', `/sign/${replaced}`);
    assert.equal(old.statusCode, 410);
    assert.ok(old.body.includes('newer signing link'));
    assert.equal(await signatureCount(), signaturesBefore);

    // 2026-12-31 is day 31: pro rata, 335 of 365 days unused → 53.13 × 335 / 365 = 48.76.
    const page = await anonymous('GET', `/sign/${token}`);
    assert.equal(page.statusCode, 200, page.body);
    assert.ok(page.body.includes('The cancellation of the policy'));
    assert.ok(page.body.includes('$48.76'));
    const signed = await anonymous('POST', `/sign/${token}`);
    assert.equal(signed.statusCode, 200, signed.body);
    assert.ok(signed.body.includes('the policy is cancelled from December 31, 2026'));
    const policyRow = await db().selectFrom('policy').select('status').where('id', '=', policy.id).executeTakeFirstOrThrow();
    assert.equal(policyRow.status, 'cancelled');
    const refund = await db().selectFrom('refund').select('amount').where('policy_id', '=', policy.id).executeTakeFirstOrThrow();
    assert.equal(refund.amount, '48.76');

    // The request is no longer pending: inviting again is refused.
    const late = await call('customer', 'POST', invitations, { namedInsured: 'Peter Partner', email: 'peter.cancel@example.com' });
    assert.equal(late.statusCode, 409);
    assert.equal(late.json().code, 'request_not_pending');
  });

  test('JPF-COND-9: forged and malformed links are not found and write nothing; guessing is rate-limited', async () => {
    at('2026-11-21T13:00:00Z');
    const before = await signatureCount();
    for (const token of ['A'.repeat(43), 'not-a-token', `${'b'.repeat(42)}!`]) {
      const opened = await anonymous('GET', `/sign/${encodeURIComponent(token)}`);
      assert.equal(opened.statusCode, 404, token);
      assert.ok(opened.body.includes('not valid'));
      assert.equal((await anonymous('POST', `/sign/${encodeURIComponent(token)}`)).statusCode, 404);
    }
    assert.equal(await signatureCount(), before);
    // 6 attempts so far in this window; the 31st is refused.
    let status = 0;
    for (let attempt = 7; attempt <= 31; attempt++) status = (await anonymous('GET', `/sign/${'C'.repeat(43)}`)).statusCode;
    assert.equal(status, 429);
  });

  test('JPF-CANCEL-1: the portal policy page lists who still has to sign with an invite form that works without JavaScript; a name signed meanwhile or a request executed closes the link', async () => {
    at('2026-11-21T14:00:00Z');
    const policy = await boundPolicy(['Carla Customer', 'Peter Partner', 'Paula Third']);
    const requested = await call('customer', 'POST', `/api/v1/policies/${policy.id}/cancellation-requests`, { effectiveDate: '2026-12-31' });
    assert.equal(requested.statusCode, 201);
    const login = await policyTest.bezel.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: demoEmail('customer'), password: DEMO_PASSWORD },
    });
    const session = login.cookies.find((c) => c.name === 'bezel_session')?.value;
    assert.ok(session, login.body);
    const headers = { accept: 'text/html', cookie: `bezel_session=${session}; bezel_csrf=${csrfCookie}` };
    const page = await policyTest.bezel.app.inject({ method: 'GET', url: `/portal/policies/${policy.id}`, headers });
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes('Email address of Peter Partner'));
    assert.ok(page.body.includes('Email address of Paula Third'));
    assert.ok(!page.body.includes('Email address of Carla Customer'), 'the holder signed as they asked');
    const action = `/portal/policies/${policy.id}/cancellation-requests/${requested.json().id}/invitations`;
    assert.ok(page.body.includes(`action="${action}"`));
    const csrf = csrfTokenFor(policyTest.bezel.deps.appSecret, csrfCookie);
    const post = (email: string) =>
      policyTest.bezel.app.inject({
        method: 'POST',
        url: action,
        headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ namedInsured: 'Peter Partner', email, _csrf: csrf }).toString(),
      });
    const bad = await post('not an address');
    assert.equal(bad.statusCode, 422);
    assert.ok(bad.body.includes('valid email address'));
    const sent = await post('peter.portal@example.com');
    assert.equal(sent.statusCode, 303);
    const after = await policyTest.bezel.app.inject({
      method: 'GET',
      url: `/portal/policies/${policy.id}`,
      headers: { ...headers, cookie: `${headers.cookie}; ${sent.headers['set-cookie']?.toString().split(';')[0]}` },
    });
    assert.ok(after.body.includes('A signing link was sent to Peter Partner'));
    const peter = await mailedToken('peter.portal@example.com');
    assert.equal((await post('peter.second@example.com')).statusCode, 303, 'a second link for Peter replaces the first');
    const current = await mailedToken('peter.second@example.com');
    assert.equal((await anonymous('GET', `/sign/${peter}`)).statusCode, 410);

    // Peter signs on paper meanwhile: his link no longer signs (Paula still has to).
    const signatures = `/api/v1/policies/${policy.id}/cancellation-requests/${requested.json().id}/signatures`;
    assert.equal((await call('underwriter', 'POST', signatures, { namedInsured: 'Peter Partner' })).statusCode, 200);
    const count = await signatureCount();
    const already = await anonymous('POST', `/sign/${current}`);
    assert.equal(already.statusCode, 409);
    assert.ok(already.body.includes('Peter Partner has already signed this request.'));
    // Paula signs on paper: the cancellation executes and no link can sign it any more.
    assert.equal((await call('underwriter', 'POST', signatures, { namedInsured: 'Paula Third' })).json().status, 'executed');
    const closed = await anonymous('GET', `/sign/${current}`);
    assert.equal(closed.statusCode, 409);
    assert.ok(closed.body.includes('This request is executed'));
    assert.equal(await signatureCount(), count + 1);
  });
});
