import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEMO_PASSWORD, seedDemoUsers } from '../../modules/accounts/index.ts';
import { createTestBezel, type TestBezel } from '../../testing/test-bezel.ts';
import { csrfTokenFor } from './csrf.ts';

/**
 * Issue #2, "Bad input" and point 8: every bad request gets a clear problem response, never a
 * 500 or a stack trace, and writes nothing.
 */
let bezel: TestBezel;
let session: string;

before(async () => {
  bezel = await createTestBezel();
  await seedDemoUsers(bezel.deps);
  const login = await bezel.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'customer@demo.bezel.test', password: DEMO_PASSWORD } });
  session = login.cookies.find((cookie) => cookie.name === 'bezel_session')?.value ?? '';
  assert.ok(session);
});
after(async () => bezel.close());

async function userCount(): Promise<number> {
  const row = await bezel.deps.db
    .selectFrom('app_user')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

function assertProblem(response: { statusCode: number; headers: Record<string, unknown>; body: string }, status: number, code: string) {
  assert.equal(response.statusCode, status, response.body);
  assert.match(String(response.headers['content-type']), /^application\/problem\+json/);
  const body = JSON.parse(response.body) as Record<string, unknown>;
  assert.equal(body.status, status);
  assert.equal(body.code, code);
  assert.equal(typeof body.detail, 'string');
  assert.equal(body.requestId, response.headers['x-request-id']);
  assert.doesNotMatch(response.body, /at .*\.ts:\d+|node_modules|Error:/, 'no stack trace');
  return body;
}

describe('bad input gets a problem response and writes nothing', () => {
  test('malformed JSON', async () => {
    const before = await userCount();
    const response = await bezel.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      headers: { 'content-type': 'application/json' },
      payload: '{"email": "a@b.c",',
    });
    assertProblem(response, 400, 'malformed_json');
    assert.equal(await userCount(), before);
  });

  test('wrong types name the field', async () => {
    const response = await bezel.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: { email: 42, password: 'a long enough passphrase', displayName: 'X' },
    });
    const body = assertProblem(response, 400, 'validation_failed');
    assert.deepEqual(
      (body.errors as { field: string }[]).map((error) => error.field),
      ['body.email'],
    );
  });

  test('missing fields are "required"', async () => {
    const response = await bezel.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'a@b.cd' } });
    const body = assertProblem(response, 400, 'validation_failed');
    assert.deepEqual(body.errors, [{ field: 'body.password', code: 'required', message: 'This field is required.' }]);
  });

  test('unknown fields are refused, not ignored', async () => {
    const before = await userCount();
    const response = await bezel.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: { email: 'u@example.com', password: 'a long enough passphrase', displayName: 'U', isAdmin: true },
    });
    const body = assertProblem(response, 400, 'validation_failed');
    const [error] = body.errors as { code: string; message: string }[];
    assert.equal(error?.code, 'unrecognized_keys');
    assert.match(error?.message ?? '', /isAdmin/);
    assert.equal(await userCount(), before);
  });

  test('oversize bodies', async () => {
    const response = await bezel.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ email: 'big@example.com', password: 'x'.repeat(2_000_000), displayName: 'Big' }),
    });
    assertProblem(response, 413, 'payload_too_large');
  });

  test('unsupported content types', async () => {
    const response = await bezel.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'application/xml' }, payload: '<login/>' });
    assertProblem(response, 415, 'unsupported_media_type');
  });

  test('unknown routes and bad ids', async () => {
    assertProblem(await bezel.app.inject({ method: 'GET', url: '/api/v1/nothing-here' }), 404, 'not_found');
    const badId = await bezel.app.inject({ method: 'GET', url: '/api/v1/users/not-a-uuid', headers: { cookie: `bezel_session=${session}` } });
    assertProblem(badId, 400, 'validation_failed');
  });

  test('a garbage or unknown session cookie is treated as logged out and cleared', async () => {
    for (const value of ['garbage', 'x'.repeat(43), '%%%']) {
      const response = await bezel.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: `bezel_session=${value}` } });
      assertProblem(response, 401, 'unauthenticated');
    }
    const unknown = await bezel.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: `bezel_session=${'a'.repeat(43)}` } });
    assert.ok(
      unknown.cookies.some((cookie) => cookie.name === 'bezel_session' && cookie.value === ''),
      'the stale cookie is cleared',
    );
  });

  test('an invalid bearer token is a 401, not anonymous access', async () => {
    const response = await bezel.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: 'Bearer bzl_notarealtokennotarealtoken' } });
    assertProblem(response, 401, 'unauthenticated');
    assertProblem(await bezel.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: 'Basic abc' } }), 401, 'unauthenticated');
  });

  test('an expired session answers 401', async () => {
    const login = await bezel.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'agent@demo.bezel.test', password: DEMO_PASSWORD } });
    const cookie = `bezel_session=${login.cookies.find((c) => c.name === 'bezel_session')?.value}`;
    assert.equal((await bezel.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } })).statusCode, 200);
    bezel.clock.advance({ hours: bezel.config.sessionTtlHours, seconds: 1 });
    try {
      assertProblem(await bezel.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } }), 401, 'unauthenticated');
    } finally {
      bezel.clock.set('2026-11-21T12:00:00Z');
    }
  });
});

describe('CSRF', () => {
  test('a cookie-authenticated change without the CSRF token is refused and changes nothing', async () => {
    const forged = await bezel.app.inject({
      method: 'PATCH',
      url: '/api/v1/me',
      headers: { cookie: `bezel_session=${session}` },
      payload: { displayName: 'Hacked' },
    });
    assertProblem(forged, 403, 'csrf_invalid');
    const wrong = await bezel.app.inject({
      method: 'PATCH',
      url: '/api/v1/me',
      headers: { cookie: `bezel_session=${session}; bezel_csrf=${'b'.repeat(43)}`, 'x-csrf-token': csrfTokenFor('another secret', 'b'.repeat(43)) },
      payload: { displayName: 'Hacked' },
    });
    assertProblem(wrong, 403, 'csrf_invalid');
    const me = await bezel.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: `bezel_session=${session}` } });
    assert.equal(me.json().displayName, 'Carla Customer');
  });

  test('with the token derived from the browser cookie it goes through', async () => {
    const csrfCookie = 'c'.repeat(43);
    const response = await bezel.app.inject({
      method: 'PATCH',
      url: '/api/v1/me',
      headers: { cookie: `bezel_session=${session}; bezel_csrf=${csrfCookie}`, 'x-csrf-token': csrfTokenFor(bezel.deps.appSecret, csrfCookie) },
      payload: { locale: 'en' },
    });
    assert.equal(response.statusCode, 200, response.body);
  });

  test('a form post is refused without a token even when nobody is logged in (login CSRF)', async () => {
    const response = await bezel.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `email=customer%40demo.bezel.test&password=${encodeURIComponent(DEMO_PASSWORD)}`,
    });
    assertProblem(response, 403, 'csrf_invalid');
    assert.equal(
      response.cookies.find((cookie) => cookie.name === 'bezel_session'),
      undefined,
    );
  });
});

describe('conventions', () => {
  test('problems speak the user’s language', async () => {
    const response = await bezel.app.inject({ method: 'GET', url: '/api/v1/me', headers: { 'accept-language': 'nl-NL,nl;q=0.9' } });
    const body = assertProblem(response, 401, 'unauthenticated');
    assert.equal(body.detail, 'Log eerst in.');
  });

  test('request ids: a sane incoming one is kept, otherwise one is made', async () => {
    const kept = await bezel.app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'trace-123' } });
    assert.equal(kept.headers['x-request-id'], 'trace-123');
    const replaced = await bezel.app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'bad id with spaces <script>' } });
    assert.match(String(replaced.headers['x-request-id']), /^[0-9a-f-]{36}$/);
  });

  test('health, readiness and metrics', async () => {
    assert.deepEqual((await bezel.app.inject({ method: 'GET', url: '/healthz' })).json(), { status: 'ok' });
    const ready = await bezel.app.inject({ method: 'GET', url: '/readyz' });
    assert.equal(ready.statusCode, 200);
    assert.equal(ready.json().status, 'ready');
    const metrics = await bezel.app.inject({ method: 'GET', url: '/metrics' });
    assert.equal(metrics.statusCode, 200);
    assert.match(metrics.body, /bezel_http_request_duration_seconds_bucket\{.*route="\/healthz"/);
    assert.doesNotMatch(metrics.body, /trace-123/);
  });

  test('security headers', async () => {
    const response = await bezel.app.inject({ method: 'GET', url: '/healthz' });
    assert.match(String(response.headers['content-security-policy']), /default-src 'self'/);
    assert.match(String(response.headers['content-security-policy']), /script-src 'self'/);
    assert.equal(response.headers['x-content-type-options'], 'nosniff');
    assert.equal(response.headers['referrer-policy'], 'no-referrer');
    assert.equal(response.headers['x-frame-options'], 'SAMEORIGIN');
  });

  test('OpenAPI 3.1 is generated and the docs are served locally', async () => {
    const spec = await bezel.app.inject({ method: 'GET', url: '/api/docs/json' });
    assert.equal(spec.statusCode, 200);
    assert.equal(spec.json().openapi, '3.1.0');
    assert.ok(spec.json().paths['/api/v1/me']);
    const ui = await bezel.app.inject({ method: 'GET', url: '/api/docs/' });
    assert.equal(ui.statusCode, 200);
    assert.doesNotMatch(ui.body, /src="https?:/i, 'no scripts from other hosts');
    const script = /src="\.\/(static\/[^"]+\.js)"/.exec(ui.body);
    assert.ok(script, 'the UI loads its scripts from this server');
    assert.equal((await bezel.app.inject({ method: 'GET', url: `/api/docs/${script[1]}` })).statusCode, 200);
  });
});
