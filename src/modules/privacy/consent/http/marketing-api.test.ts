import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { systemActor } from '../../../../platform/auth/actor.ts';
import { csrfTokenFor } from '../../../../platform/http/csrf.ts';
import { SYSTEM_ORIGIN } from '../../../../platform/request-origin.ts';
import { createTestBezel, type TestBezel } from '../../../../testing/test-bezel.ts';
import { createUser, DEMO_PASSWORD, demoEmail, seedDemoUsers } from '../../../accounts/index.ts';
import { marketingStatusOf, sendMarketingMail } from '../../index.ts';

/**
 * PRV-OPTOUT-1, PRV-RIGHT-5, PRV-RIGHT-7 through the API, the portal and the mail outbox on a real
 * database: consents with withdrawal, the suppression every send goes through, and the unsubscribe link.
 */
let bezel: TestBezel;
const CSRF_COOKIE = 'm'.repeat(43);
let csrf = '';
const CAMPAIGN = { headline: 'Winter offer', body: 'Insure a second ring at a lower rate.' };

before(async () => {
  bezel = await createTestBezel();
  await seedDemoUsers(bezel.deps);
  csrf = csrfTokenFor(bezel.deps.appSecret, CSRF_COOKIE);
});
after(async () => bezel.close());

let people = 0;
/** A fresh customer per test, with a browser session. */
async function newCustomer(): Promise<{ id: string; email: string; cookie: string }> {
  people += 1;
  const email = `marketing${people}@example.com`;
  const password = 'a long enough passphrase';
  const user = await createUser(
    bezel.deps,
    systemActor('test'),
    { email, displayName: `Person ${people}`, roles: ['customer'], locale: 'en', password },
    SYSTEM_ORIGIN,
  );
  const login = await bezel.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
  const session = login.cookies.find((cookie) => cookie.name === 'bezel_session')?.value;
  assert.ok(session);
  return { id: user.id, email, cookie: `bezel_session=${session}; bezel_csrf=${CSRF_COOKIE}` };
}

function api(method: 'GET' | 'POST', url: string, cookie: string, payload?: object) {
  return bezel.app.inject({ method, url, headers: { cookie, 'x-csrf-token': csrf }, ...(payload && { payload }) });
}

function form(url: string, cookie: string, fields: Record<string, string>) {
  return bezel.app.inject({
    method: 'POST',
    url,
    headers: { cookie, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ ...fields, _csrf: csrf }).toString(),
  });
}

async function send(userId: string) {
  return sendMarketingMail(bezel.deps, systemActor('campaign'), { userId, ...CAMPAIGN }, SYSTEM_ORIGIN);
}

describe('consents and marketing', () => {
  test('PRV-RIGHT-7: a consent can be withdrawn; processing stops from then on and the earlier record stays', async () => {
    const person = await newCustomer();
    assert.deepEqual(await send(person.id), { outcome: 'suppressed', reason: 'no_consent' }, 'no marketing without consent');
    const given = await api('POST', '/api/v1/me/consents', person.cookie, { purpose: 'marketing_email', given: true });
    assert.equal(given.statusCode, 200, given.body);
    assert.deepEqual((given.json() as { marketing: unknown }).marketing, { sendable: true, reason: null });
    const sent = await send(person.id);
    assert.equal(sent.outcome, 'queued');

    bezel.clock.advance({ hours: 1 });
    const withdrawn = await api('POST', '/api/v1/me/consents', person.cookie, { purpose: 'marketing_email', given: false });
    assert.equal(withdrawn.statusCode, 200);
    const records = await bezel.deps.db.selectFrom('consent_record').selectAll().where('user_id', '=', person.id).execute();
    assert.equal(records.length, 1, 'the record stays');
    assert.equal(records[0]?.given_at, '2026-11-21T12:00:00Z');
    assert.equal(records[0]?.withdrawn_at, '2026-11-21T13:00:00Z');
    assert.equal(records[0]?.notice_version, 1);
    assert.equal((await send(person.id)).outcome, 'suppressed', 'withdrawn: no more marketing');
    const jobs = await bezel.deps.db.selectFrom('job').select('payload').where('kind', '=', 'mail.send').execute();
    assert.equal(jobs.filter((job) => (job.payload as { to?: string }).to === person.email).length, 1, 'only the mail sent while the consent lived');
    const events = await bezel.deps.db
      .selectFrom('audit_event')
      .select('action')
      .where('subject_id', '=', person.id)
      .where('action', 'like', 'privacy.%')
      .execute();
    assert.deepEqual(events.map((event) => event.action).sort(), [
      'privacy.consent_given',
      'privacy.consent_withdrawn',
      'privacy.marketing_sent',
      'privacy.marketing_suppressed',
      'privacy.marketing_suppressed',
    ]);
  });

  test('PRV-RIGHT-7: other purposes are consented to and withdrawn on their own', async () => {
    const person = await newCustomer();
    await api('POST', '/api/v1/me/consents', person.cookie, { purpose: 'satisfaction_survey', given: true });
    await api('POST', '/api/v1/me/consents', person.cookie, { purpose: 'satisfaction_survey', given: true });
    const mine = (await api('GET', '/api/v1/me/consents', person.cookie)).json() as {
      consents: { purpose: string; withdrawnAt: string | null }[];
      marketing: { reason: string };
    };
    assert.deepEqual(
      mine.consents.map((consent) => [consent.purpose, consent.withdrawnAt]),
      [['satisfaction_survey', null]],
      'giving twice keeps one live consent',
    );
    assert.equal(mine.marketing.reason, 'no_consent');
    const unknown = await api('POST', '/api/v1/me/consents', person.cookie, { purpose: 'selling_data', given: true });
    assert.equal(unknown.statusCode, 400);
  });

  test('PRV-OPTOUT-1: every marketing mail carries a signed unsubscribe link that works without login (GET confirms, POST unsubscribes)', async () => {
    const person = await newCustomer();
    await api('POST', '/api/v1/me/consents', person.cookie, { purpose: 'marketing_email', given: true });
    assert.equal((await send(person.id)).outcome, 'queued');
    await bezel.runJobs();
    const mail = (await bezel.mails()).find((candidate) => candidate.to.includes(person.email));
    assert.ok(mail, 'the mail left through the outbox');
    assert.match(mail.text, /Winter offer/);
    const link = mail.links.find((href) => href.includes('/unsubscribe?token='));
    assert.ok(link, 'the mail carries the unsubscribe link');
    assert.equal(mail.headers['list-unsubscribe'], `<${link}>`);

    const url = new URL(link);
    const anonymous = `bezel_csrf=${CSRF_COOKIE}`;
    const confirm = await bezel.app.inject({ method: 'GET', url: `${url.pathname}${url.search}`, headers: { accept: 'text/html', cookie: anonymous } });
    assert.equal(confirm.statusCode, 200);
    assert.match(confirm.body, /<form[^>]*action="\/unsubscribe"/);
    assert.deepEqual(await marketingStatusOf(bezel.deps.db, person.id), { sendable: true }, 'opening the link alone changes nothing');

    const done = await form('/unsubscribe', anonymous, { token: url.searchParams.get('token') ?? '' });
    assert.equal(done.statusCode, 200);
    assert.match(done.body, /You are unsubscribed/);
    assert.deepEqual(await marketingStatusOf(bezel.deps.db, person.id), { sendable: false, reason: 'unsubscribed' });
    assert.deepEqual(await send(person.id), { outcome: 'suppressed', reason: 'unsubscribed' });
    const again = await form('/unsubscribe', anonymous, { token: url.searchParams.get('token') ?? '' });
    assert.equal(again.statusCode, 200, 'using the link twice is harmless');
    const suppressions = await bezel.deps.db.selectFrom('marketing_suppression').select('reason').where('user_id', '=', person.id).execute();
    assert.deepEqual(
      suppressions.map((row) => row.reason),
      ['unsubscribed'],
    );
  });

  test('PRV-OPTOUT-1: a forged unsubscribe link is refused and changes nothing', async () => {
    const person = await newCustomer();
    const forged = `${person.id}.${'A'.repeat(43)}`;
    const anonymous = `bezel_csrf=${CSRF_COOKIE}`;
    const shown = await bezel.app.inject({
      method: 'GET',
      url: `/unsubscribe?token=${encodeURIComponent(forged)}`,
      headers: { accept: 'text/html', cookie: anonymous },
    });
    assert.equal(shown.statusCode, 400);
    const posted = await form('/unsubscribe', anonymous, { token: forged });
    assert.equal(posted.statusCode, 400);
    const rows = await bezel.deps.db.selectFrom('marketing_suppression').select('id').where('user_id', '=', person.id).execute();
    assert.equal(rows.length, 0);
  });

  test('PRV-RIGHT-5: an objection to direct marketing is recorded and honoured until the person opts in again', async () => {
    const person = await newCustomer();
    await api('POST', '/api/v1/me/consents', person.cookie, { purpose: 'marketing_email', given: true });
    const objected = await api('POST', '/api/v1/me/marketing-objection', person.cookie, {});
    assert.equal(objected.statusCode, 200, objected.body);
    assert.deepEqual((objected.json() as { marketing: unknown }).marketing, { sendable: false, reason: 'objected' });
    assert.deepEqual(await send(person.id), { outcome: 'suppressed', reason: 'objected' });
    // An explicit opt-in is the person's newest choice.
    bezel.clock.advance({ minutes: 5 });
    await api('POST', '/api/v1/me/consents', person.cookie, { purpose: 'marketing_email', given: true });
    assert.equal((await send(person.id)).outcome, 'queued');
  });

  test('PRV-OPTOUT-1: the portal page shows the preference and opts out with a plain form', async () => {
    const person = await newCustomer();
    await api('POST', '/api/v1/me/consents', person.cookie, { purpose: 'marketing_email', given: true });
    const shown = await bezel.app.inject({ method: 'GET', url: '/portal/privacy/consents', headers: { accept: 'text/html', cookie: person.cookie } });
    assert.equal(shown.statusCode, 200);
    assert.match(shown.body, /You receive news and offers by email\./);
    const optOut = await form('/portal/privacy/consents', person.cookie, { purpose: 'marketing_email', given: 'false' });
    assert.equal(optOut.statusCode, 303);
    assert.equal(optOut.headers.location, '/portal/privacy/consents?done=withdrawn');
    const after = await bezel.app.inject({
      method: 'GET',
      url: '/portal/privacy/consents?done=withdrawn',
      headers: { accept: 'text/html', cookie: person.cookie },
    });
    assert.match(after.body, /Your consent has been withdrawn\./);
    assert.match(after.body, /you opted out/);
    assert.deepEqual(await send(person.id), { outcome: 'suppressed', reason: 'opted_out' });
  });

  test('PRV-OPTOUT-1: only the system or a privacy manager sends marketing', async () => {
    const person = await newCustomer();
    const customer = await api('POST', '/api/v1/privacy/marketing-mails', person.cookie, { userId: person.id, ...CAMPAIGN });
    assert.equal(customer.statusCode, 403);
    const login = await bezel.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: demoEmail('privacy_officer'), password: DEMO_PASSWORD },
    });
    const officer = `bezel_session=${login.cookies.find((cookie) => cookie.name === 'bezel_session')?.value}; bezel_csrf=${CSRF_COOKIE}`;
    const refused = await api('POST', '/api/v1/privacy/marketing-mails', officer, { userId: person.id, ...CAMPAIGN });
    assert.equal(refused.statusCode, 200, refused.body);
    assert.deepEqual(refused.json(), { outcome: 'suppressed', jobId: null, reason: 'no_consent' });
  });
});
