import assert from 'node:assert/strict';
import { test } from 'node:test';
import { csrfTokenFor } from '../../../../platform/http/csrf.ts';
import { DEMO_PASSWORD, demoEmail } from '../../../accounts/index.ts';
import { useRequestsTest } from './request-test-support.ts';

/** The privacy request pages through app.inject: the portal's privacy centre, the public form with its code, the officer's pages. */
const t = useRequestsTest();
const csrfCookie = 'f'.repeat(43);

async function postForm(url: string, fields: Record<string, string>, cookie = '') {
  const token = csrfTokenFor(t.bezel.deps.appSecret, csrfCookie);
  return t.bezel.app.inject({
    method: 'POST',
    url,
    remoteAddress: '192.0.2.44',
    headers: { cookie: `bezel_csrf=${csrfCookie}${cookie}`, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ ...fields, _csrf: token }).toString(),
  });
}

async function sessionCookie(email: string) {
  const login = await t.bezel.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: DEMO_PASSWORD } });
  return login.statusCode === 200 ? `; bezel_session=${login.cookies.find((c) => c.name === 'bezel_session')?.value}` : '';
}

test('PRV-RIGHT-10: the public form sends a code; the code page verifies the request, a wrong code is shown as a form error', async () => {
  const sent = await postForm('/privacy/requests/new', {
    type: 'erasure',
    jurisdiction: 'NL',
    requesterName: 'Noor Publiek',
    requesterEmail: 'noor@example.com',
    details: '',
  });
  assert.equal(sent.statusCode, 303, sent.body);
  const location = String(sent.headers.location);
  assert.match(location, /^\/privacy\/requests\/[0-9a-f-]{36}$/);
  const page = await t.bezel.app.inject({ method: 'GET', url: location });
  assert.equal(page.statusCode, 200);
  assert.ok(!page.body.includes('noor@example.com'), 'the code page shows nothing personal');
  assert.match(page.body, /Autoriteit Persoonsgegevens/);
  const code = /\b(\d{6})\b/.exec((await t.mailsTo('noor@example.com')).at(-1)?.text ?? '')?.[1] ?? '';
  const wrong = await postForm(location, { code: code === '123456' ? '654321' : '123456' });
  assert.equal(wrong.statusCode, 422);
  assert.match(wrong.body, /That code is not right/);
  const right = await postForm(location, { code });
  assert.equal(right.statusCode, 200, right.body);
  assert.match(right.body, /is confirmed/);
});

test('PRV-RIGHT-1..13: an unknown type posted to the public form is a clear error and nothing is written', async () => {
  const before = await t.bezel.deps.db.selectFrom('privacy_request').select('id').execute();
  const reply = await postForm('/privacy/requests/new', { type: 'sell', jurisdiction: 'NL', requesterName: 'X', requesterEmail: 'x@example.com' });
  assert.equal(reply.statusCode, 422);
  assert.match(reply.body, /is not a kind of privacy request/);
  assert.equal((await t.bezel.deps.db.selectFrom('privacy_request').select('id').execute()).length, before.length);
});

test('PRV-RIGHT-10: the portal’s privacy centre takes a request verified by the session and lists the customer’s own', async () => {
  await t.call('customer', 'GET', '/api/v1/me');
  const cookie = await sessionCookie('customer@demo.bezel.test');
  assert.ok(cookie, 'logged in');
  const sent = await postForm('/portal/privacy', { type: 'access', jurisdiction: 'US-CA', details: 'Everything please' }, cookie);
  assert.equal(sent.statusCode, 200, sent.body);
  assert.match(sent.body, /has been received\. We will answer by January 5, 2027/);
  assert.match(sent.body, /California Privacy Protection Agency/);
  const page = await t.bezel.app.inject({ method: 'GET', url: '/portal/privacy', headers: { cookie: cookie.slice(2) } });
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /In progress/);
});

test('PRV-RIGHT-11: the officer’s queue and request pages are for privacy staff; the queue shows the deadline state', async () => {
  const customer = await sessionCookie('customer@demo.bezel.test');
  const asCustomer = await t.bezel.app.inject({ method: 'GET', url: '/backoffice/privacy/requests', headers: { cookie: customer.slice(2) } });
  assert.equal(asCustomer.statusCode, 403);
  const officer = await sessionCookie(demoEmail('privacy_officer'));
  const queue = await t.bezel.app.inject({ method: 'GET', url: '/backoffice/privacy/requests', headers: { cookie: officer.slice(2) } });
  assert.equal(queue.statusCode, 200);
  assert.match(queue.body, /On time/);
  const id = /\/backoffice\/privacy\/requests\/([0-9a-f-]{36})/.exec(queue.body)?.[1] ?? '';
  const page = await t.bezel.app.inject({ method: 'GET', url: `/backoffice/privacy/requests/${id}`, headers: { cookie: officer.slice(2) } });
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Timeline \(from the audit log\)/);
});

test('PRV-CONTACT-1: privacy staff enter a request received by mail on the back-office form, with channel and receipt date', async () => {
  const officer = await sessionCookie(demoEmail('privacy_officer'));
  const missing = await postForm(
    '/backoffice/privacy/requests/new',
    { receivedOn: '2026-11-19', requesterName: 'Mia Mail', requesterEmail: 'mia@example.com', type: 'access', jurisdiction: 'NL' },
    officer,
  );
  assert.equal(missing.statusCode, 400);
  assert.match(missing.body, /Choose how the request was received/);
  const sent = await postForm(
    '/backoffice/privacy/requests/new',
    {
      channel: 'mail',
      receivedOn: '2026-11-19',
      requesterName: 'Mia Mail',
      requesterEmail: 'mia@example.com',
      type: 'access',
      jurisdiction: 'NL',
      details: 'Letter of 17 November',
    },
    officer,
  );
  assert.equal(sent.statusCode, 303, sent.body);
  const id = String(sent.headers.location).split('/').at(-1) ?? '';
  const row = await t.bezel.deps.db
    .selectFrom('privacy_request')
    .select(['channel', 'received_on', 'due_on', 'status', 'entered_by'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  // 2026-11-19 + 4 weeks = 2026-12-17.
  assert.deepEqual(row, {
    channel: 'mail',
    received_on: '2026-11-19',
    due_on: '2026-12-17',
    status: 'awaiting_verification',
    entered_by: t.userId('privacy_officer'),
  });
  const customer = await sessionCookie('customer@demo.bezel.test');
  const refused = await postForm(
    '/backoffice/privacy/requests/new',
    { channel: 'mail', receivedOn: '2026-11-19', requesterName: 'X', requesterEmail: 'x@example.com', type: 'access', jurisdiction: 'NL' },
    customer,
  );
  assert.equal(refused.statusCode, 403);
});
