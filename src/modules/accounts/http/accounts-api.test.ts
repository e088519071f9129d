import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestBezel, type TestBezel } from '../../../testing/test-bezel.ts';
import { DEMO_PASSWORD, seedDemoUsers } from '../index.ts';

let bezel: TestBezel;

before(async () => {
  bezel = await createTestBezel();
  await seedDemoUsers(bezel.deps);
});
after(async () => bezel.close());

type Reply = { statusCode: number; headers: Record<string, unknown>; json(): Record<string, unknown>; cookies: { name: string; value: string }[] };

async function call(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  options: { body?: unknown; token?: string; headers?: Record<string, string> } = {},
): Promise<Reply> {
  return (await bezel.app.inject({
    method,
    url,
    headers: { ...(options.token && { authorization: `Bearer ${options.token}` }), ...options.headers },
    ...(options.body !== undefined && { payload: options.body as object }),
  })) as unknown as Reply;
}

async function tokenFor(email: string, scopes: string[]): Promise<string> {
  const login = await call('POST', '/api/v1/auth/login', { body: { email, password: DEMO_PASSWORD } });
  assert.equal(login.statusCode, 200, JSON.stringify(login.json()));
  const session = login.cookies.find((cookie) => cookie.name === 'bezel_session');
  assert.ok(session);
  const page = await bezel.app.inject({ method: 'GET', url: '/healthz' });
  const csrfCookie = page.cookies.find((cookie) => cookie.name === 'bezel_csrf');
  assert.equal(csrfCookie, undefined, 'health checks set no cookies');
  // Use the session (cookie) to create a bearer token; cookie calls need the CSRF header.
  const form = await bezel.app.inject({
    method: 'GET',
    url: '/healthz-not-a-page',
    headers: { cookie: `bezel_session=${session.value}`, accept: 'text/html' },
  });
  const csrf = form.cookies.find((cookie) => cookie.name === 'bezel_csrf');
  assert.ok(csrf, 'a browser page hands out a CSRF cookie');
  const csrfToken = await csrfTokenFromCookie(csrf.value);
  const created = await bezel.app.inject({
    method: 'POST',
    url: '/api/v1/me/tokens',
    headers: { cookie: `bezel_session=${session.value}; bezel_csrf=${csrf.value}`, 'x-csrf-token': csrfToken },
    payload: { name: 'test', scopes },
  });
  assert.equal(created.statusCode, 201, created.body);
  return created.json().token as string;
}

async function csrfTokenFromCookie(cookieValue: string): Promise<string> {
  const { csrfTokenFor } = await import('../../../platform/http/csrf.ts');
  return csrfTokenFor(bezel.deps.appSecret, cookieValue);
}

describe('accounts API', () => {
  test('register → confirmation mail → confirm → login; the link works once', async () => {
    const registered = await call('POST', '/api/v1/auth/register', {
      body: { email: 'Nina.New@Example.com ', password: 'a long enough passphrase', displayName: 'Nina New', locale: 'nl' },
    });
    assert.equal(registered.statusCode, 202, JSON.stringify(registered.json()));
    const beforeConfirm = await call('POST', '/api/v1/auth/login', { body: { email: 'nina.new@example.com', password: 'a long enough passphrase' } });
    assert.equal(beforeConfirm.statusCode, 403);
    assert.equal(beforeConfirm.json().code, 'email_not_confirmed');
    await bezel.runJobs();
    const mails = (await bezel.mails()).filter((mail) => mail.to.includes('nina.new@example.com'));
    assert.ok(mails.length >= 1);
    // Logging in before confirming sent a fresh link and retired the first one: use the newest.
    const newest = mails.at(-1);
    const link = newest?.links.find((href) => href.includes('/confirm-email?token='));
    assert.ok(link, 'the mail carries a confirmation link');
    assert.match(newest?.subject ?? '', /bevestig/i, 'Dutch mail for a Dutch registration');
    const token = new URL(link).searchParams.get('token');
    const confirmed = await call('POST', '/api/v1/auth/confirm-email', { body: { token } });
    assert.equal(confirmed.statusCode, 200);
    const replayed = await call('POST', '/api/v1/auth/confirm-email', { body: { token } });
    assert.equal(replayed.statusCode, 400);
    assert.equal(replayed.json().code, 'link_invalid');
    const login = await call('POST', '/api/v1/auth/login', { body: { email: 'NINA.NEW@example.com', password: 'a long enough passphrase' } });
    assert.equal(login.statusCode, 200);
    assert.deepEqual((login.json().account as { roles: string[] }).roles, ['customer']);
  });

  test('registering a known email answers the same and creates no second account', async () => {
    const first = await call('POST', '/api/v1/auth/register', {
      body: { email: 'customer@demo.bezel.test', password: 'another long passphrase', displayName: 'Impostor' },
    });
    assert.equal(first.statusCode, 202);
    assert.deepEqual(first.json(), { outcome: 'confirmation_sent' });
    const count = await bezel.deps.db
      .selectFrom('app_user')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('email', '=', 'customer@demo.bezel.test')
      .executeTakeFirstOrThrow();
    assert.equal(count.n, '1');
  });

  test('wrong password and unknown email fail alike, and the failure is audited', async () => {
    const wrong = await call('POST', '/api/v1/auth/login', { body: { email: 'customer@demo.bezel.test', password: 'not the password' } });
    const unknown = await call('POST', '/api/v1/auth/login', { body: { email: 'nobody@demo.bezel.test', password: 'not the password' } });
    assert.equal(wrong.statusCode, 401);
    assert.equal(unknown.statusCode, 401);
    assert.equal(wrong.json().detail, unknown.json().detail);
    assert.equal(wrong.json().code, 'invalid_credentials');
    const failures = await bezel.deps.db.selectFrom('audit_event').select('outcome').where('action', '=', 'auth.login_failed').execute();
    assert.ok(failures.length >= 2);
  });

  test('password reset: same answer for unknown emails, link works once, old sessions end', async () => {
    const unknown = await call('POST', '/api/v1/auth/password-reset', { body: { email: 'nobody@demo.bezel.test' } });
    const known = await call('POST', '/api/v1/auth/password-reset', { body: { email: 'billing@demo.bezel.test' } });
    assert.equal(unknown.statusCode, 202);
    assert.deepEqual(unknown.json(), known.json());
    const oldToken = await tokenFor('billing@demo.bezel.test', ['profile:read']);
    await bezel.runJobs();
    const mail = (await bezel.mails()).find((m) => m.to.includes('billing@demo.bezel.test') && m.links.some((l) => l.includes('/reset-password')));
    assert.ok(mail);
    const token = new URL(mail.links.find((l) => l.includes('/reset-password')) as string).searchParams.get('token');
    const tooShort = await call('POST', '/api/v1/auth/password-reset/complete', { body: { token, password: 'short' } });
    assert.equal(tooShort.statusCode, 400);
    assert.equal((tooShort.json().errors as { code: string }[])[0]?.code, 'password_too_short');
    const done = await call('POST', '/api/v1/auth/password-reset/complete', { body: { token, password: 'a brand new passphrase' } });
    assert.equal(done.statusCode, 200);
    const again = await call('POST', '/api/v1/auth/password-reset/complete', { body: { token, password: 'yet another passphrase' } });
    assert.equal(again.statusCode, 400);
    assert.equal(again.json().code, 'link_invalid');
    const login = await call('POST', '/api/v1/auth/login', { body: { email: 'billing@demo.bezel.test', password: 'a brand new passphrase' } });
    assert.equal(login.statusCode, 200);
    // API tokens are not sessions: they survive a password reset, revocation ends them.
    assert.equal((await call('GET', '/api/v1/me', { token: oldToken })).statusCode, 200);
  });

  test('logging in again from the same browser replaces its session instead of adding one', async () => {
    const body = { email: 'underwriter@demo.bezel.test', password: DEMO_PASSWORD };
    const first = await call('POST', '/api/v1/auth/login', { body });
    const firstCookie = first.cookies.find((cookie) => cookie.name === 'bezel_session')?.value;
    const second = await bezel.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: body, headers: { cookie: `bezel_session=${firstCookie}` } });
    // A cookie-authenticated call needs the CSRF header; without it nothing happens.
    assert.equal(second.statusCode, 403);
    const csrfCookie = 'q'.repeat(43);
    const third = await bezel.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: body,
      headers: { cookie: `bezel_session=${firstCookie}; bezel_csrf=${csrfCookie}`, 'x-csrf-token': await csrfTokenFromCookie(csrfCookie) },
    });
    assert.equal(third.statusCode, 200);
    const userId = (first.json().account as { id: string }).id;
    const sessions = await bezel.deps.db.selectFrom('user_session').select('token_hash').where('user_id', '=', userId).execute();
    assert.equal(sessions.length, 1);
    assert.equal((await call('GET', '/api/v1/me', { headers: { cookie: `bezel_session=${firstCookie}` } })).statusCode, 401, 'the old cookie is worthless');
  });

  test('login is rate-limited per email', async () => {
    let last: Reply | undefined;
    for (let attempt = 0; attempt < 11; attempt += 1) {
      last = await call('POST', '/api/v1/auth/login', { body: { email: 'secretary@demo.bezel.test', password: 'guessing wrongly' } });
    }
    assert.equal(last?.statusCode, 429);
    assert.equal(last?.json().code, 'rate_limited');
    assert.ok(Number(last?.headers['retry-after']) > 0);
  });

  test('API tokens: scoped, shown once, revocable', async () => {
    const token = await tokenFor('auditor@demo.bezel.test', ['profile:read', 'users:read']);
    assert.match(token, /^bzl_/);
    const me = await call('GET', '/api/v1/me', { token });
    assert.equal(me.statusCode, 200);
    assert.equal(me.json().email, 'auditor@demo.bezel.test');
    const list = await call('GET', '/api/v1/users?limit=2', { token });
    assert.equal(list.statusCode, 200);
    assert.equal((list.json().items as unknown[]).length, 2);
    assert.ok(list.json().nextCursor);
    // The token was not given tokens:manage_own, so it cannot list or mint tokens.
    assert.equal((await call('GET', '/api/v1/me/tokens', { token })).statusCode, 403);
    const tokens = await bezel.deps.db.selectFrom('api_token').select(['id', 'token_hash']).execute();
    assert.ok(
      tokens.every((row) => row.token_hash !== token),
      'only the hash is stored',
    );
    const owner = await tokenFor('auditor@demo.bezel.test', ['tokens:manage_own']);
    const mine = await call('GET', '/api/v1/me/tokens', { token: owner });
    const first = (mine.json().items as { id: string; prefix: string }[]).find((item) => token.startsWith(item.prefix));
    assert.ok(first);
    assert.equal((await call('DELETE', `/api/v1/me/tokens/${first.id}`, { token: owner })).statusCode, 204);
    const revoked = await call('GET', '/api/v1/me', { token });
    assert.equal(revoked.statusCode, 401);
    assert.equal((await call('DELETE', `/api/v1/me/tokens/${first.id}`, { token: owner })).json().code, 'token_already_revoked');
  });

  test('a token cannot be given scopes its user does not hold', async () => {
    const owner = await tokenFor('customer@demo.bezel.test', ['tokens:manage_own']);
    const refused = await call('POST', '/api/v1/me/tokens', { token: owner, body: { name: 'too much', scopes: ['users:manage'] } });
    assert.equal(refused.statusCode, 403);
    assert.equal(refused.json().code, 'scope_not_allowed');
  });

  test('admin creates a staff user idempotently; a different body with the same key is 422', async () => {
    const admin = await tokenFor('admin@demo.bezel.test', ['users:manage', 'users:read']);
    const body = { email: 'new.adjuster@demo.bezel.test', displayName: 'New Adjuster', roles: ['adjuster'] };
    const headers = { 'idempotency-key': 'create-adjuster-1' };
    const first = await call('POST', '/api/v1/users', { token: admin, body, headers });
    assert.equal(first.statusCode, 201, JSON.stringify(first.json()));
    const second = await call('POST', '/api/v1/users', { token: admin, body: { ...body }, headers });
    assert.equal(second.statusCode, 201);
    assert.equal(second.headers['idempotent-replayed'], 'true');
    assert.deepEqual(second.json(), first.json());
    const different = await call('POST', '/api/v1/users', { token: admin, body: { ...body, displayName: 'Other' }, headers });
    assert.equal(different.statusCode, 422);
    assert.equal(different.json().code, 'idempotency_key_reused');
    const count = await bezel.deps.db
      .selectFrom('app_user')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('email', '=', body.email)
      .executeTakeFirstOrThrow();
    assert.equal(count.n, '1');
    const withoutKey = await call('POST', '/api/v1/users', { token: admin, body });
    assert.equal(withoutKey.statusCode, 409);
    assert.equal(withoutKey.json().code, 'email_taken');
    await bezel.runJobs();
    assert.ok(
      (await bezel.mails()).some((mail) => mail.to.includes(body.email) && mail.links.some((l) => l.includes('/reset-password?token='))),
      'a welcome mail with a set-password link',
    );
  });

  test('staff opening another user is audited with the purpose they gave', async () => {
    const auditor = await tokenFor('auditor@demo.bezel.test', ['users:read']);
    const list = (await call('GET', '/api/v1/users?search=jeweler@demo', { token: auditor })).json().items as { id: string }[];
    const id = list[0]?.id as string;
    const viewed = await call('GET', `/api/v1/users/${id}`, { token: auditor, headers: { 'bezel-purpose': 'Quarterly access review' } });
    assert.equal(viewed.statusCode, 200);
    const event = await bezel.deps.db
      .selectFrom('audit_event')
      .select(['purpose', 'actor_type', 'details'])
      .where('action', '=', 'user.viewed')
      .where('subject_id', '=', id)
      .executeTakeFirstOrThrow();
    assert.equal(event.purpose, 'Quarterly access review');
    assert.equal(event.actor_type, 'api_token');
    assert.ok((event.details as { apiTokenId?: string }).apiTokenId, 'the acting token is named');
    const badPurpose = await call('GET', `/api/v1/users/${id}`, { token: auditor, headers: { 'bezel-purpose': 'x' } });
    assert.equal(badPurpose.statusCode, 400);
  });

  test('roles: the last active admin cannot lose the role', async () => {
    const admin = await tokenFor('admin@demo.bezel.test', ['users:manage', 'users:read', 'profile:read']);
    const me = (await call('GET', '/api/v1/me', { token: admin })).json();
    const demote = await call('PUT', `/api/v1/users/${me.id}/roles`, { token: admin, body: { roles: ['auditor'] } });
    assert.equal(demote.statusCode, 409);
    assert.equal(demote.json().code, 'last_admin');
  });

  test('a disabled user is logged out everywhere and cannot log in', async () => {
    const admin = await tokenFor('admin@demo.bezel.test', ['users:manage', 'users:read']);
    const partnerToken = await tokenFor('partner@demo.bezel.test', ['profile:read']);
    const partner = (await call('GET', '/api/v1/users?search=partner@demo', { token: admin })).json().items as { id: string }[];
    const disabled = await call('PUT', `/api/v1/users/${partner[0]?.id}/status`, { token: admin, body: { status: 'disabled' } });
    assert.equal(disabled.statusCode, 200);
    assert.equal((await call('GET', '/api/v1/me', { token: partnerToken })).statusCode, 401);
    const login = await call('POST', '/api/v1/auth/login', { body: { email: 'partner@demo.bezel.test', password: DEMO_PASSWORD } });
    assert.equal(login.statusCode, 403);
    assert.equal(login.json().code, 'account_disabled');
  });
});
