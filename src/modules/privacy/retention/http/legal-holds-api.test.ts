import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { csrfTokenFor } from '../../../../platform/http/csrf.ts';
import { createTestBezel, type TestBezel } from '../../../../testing/test-bezel.ts';
import { DEMO_PASSWORD, demoEmail, seedDemoUsers } from '../../../accounts/index.ts';
import { hasLegalHold } from '../../index.ts';

/** PRV-RET-1: legal holds through the API and the back-office pages, on a real database. */
let bezel: TestBezel;
const csrfCookie = 'h'.repeat(43);
const sessions = new Map<string, string>();
type As = 'privacy_officer' | 'auditor' | 'customer' | 'admin';
type Reply = {
  statusCode: number;
  body: string;
  headers: Record<string, unknown>;
  json(): Record<string, unknown> & { code?: string; items?: Record<string, unknown>[] };
};

before(async () => {
  bezel = await createTestBezel();
  await seedDemoUsers(bezel.deps);
});
after(async () => bezel.close());

async function call(as: As, method: 'GET' | 'POST', url: string, body?: unknown, form = false): Promise<Reply> {
  if (!sessions.has(as)) {
    const login = await bezel.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: demoEmail(as), password: DEMO_PASSWORD } });
    sessions.set(as, login.cookies.find((c) => c.name === 'bezel_session')?.value ?? '');
  }
  const csrf = csrfTokenFor(bezel.deps.appSecret, csrfCookie);
  return (await bezel.app.inject({
    method,
    url,
    headers: {
      cookie: `bezel_session=${sessions.get(as)}; bezel_csrf=${csrfCookie}`,
      'x-csrf-token': csrf,
      ...(form && { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' }),
    },
    ...(body !== undefined && {
      payload: form ? new URLSearchParams({ ...(body as Record<string, string>), _csrf: csrf }).toString() : (body as object),
    }),
  })) as unknown as Reply;
}

const userId = async (role: As | 'agent') =>
  (await bezel.deps.db.selectFrom('app_user').select('id').where('email', '=', demoEmail(role)).executeTakeFirstOrThrow()).id;
const auditCount = async (action: string) =>
  Number(
    (
      await bezel.deps.db
        .selectFrom('audit_event')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('action', '=', action)
        .executeTakeFirstOrThrow()
    ).n,
  );

test('PRV-RET-1: the privacy officer places a legal hold on a person and releases it, each step audited', async () => {
  const customer = await userId('customer');
  assert.equal(await hasLegalHold(bezel.deps.db, { userId: customer }), false);
  const placed = await call('privacy_officer', 'POST', '/api/v1/privacy/legal-holds', {
    subjectType: 'app_user',
    subject: demoEmail('customer'),
    reason: 'Lawsuit 2026-17',
  });
  assert.equal(placed.statusCode, 201, placed.body);
  const hold = placed.json();
  assert.equal(hold.subjectId, customer);
  assert.equal(hold.released, null);
  assert.equal(await hasLegalHold(bezel.deps.db, { userId: customer }), true);
  assert.equal(await auditCount('legal_hold.placed'), 1);

  const list = await call('auditor', 'GET', '/api/v1/privacy/legal-holds?active=true');
  assert.equal(list.statusCode, 200);
  assert.deepEqual(
    list.json().items?.map((item) => [item.id, item.subjectLabel]),
    [[hold.id, demoEmail('customer')]],
  );

  const released = await call('privacy_officer', 'POST', `/api/v1/privacy/legal-holds/${hold.id}/release`, { reason: 'Case settled' });
  assert.equal(released.statusCode, 200, released.body);
  assert.equal((released.json().released as { reason: string }).reason, 'Case settled');
  assert.equal(await hasLegalHold(bezel.deps.db, { userId: customer }), false);
  assert.equal(await auditCount('legal_hold.released'), 1);

  // A second release: 409, nothing changed, the attempt audited.
  const again = await call('privacy_officer', 'POST', `/api/v1/privacy/legal-holds/${hold.id}/release`, { reason: 'Again' });
  assert.equal(again.statusCode, 409);
  assert.equal(again.json().code, 'legal_hold_already_released');
  const row = await bezel.deps.db.selectFrom('legal_hold').select('release_reason').where('id', '=', String(hold.id)).executeTakeFirstOrThrow();
  assert.equal(row.release_reason, 'Case settled');
  assert.equal(await auditCount('legal_hold.release_refused'), 1);
});

test('PRV-RET-1: bad input and outsiders change nothing', async () => {
  const before = await bezel.deps.db
    .selectFrom('legal_hold')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  const unknown = await call('privacy_officer', 'POST', '/api/v1/privacy/legal-holds', { subjectType: 'policy', subject: 'JW-2099-000000', reason: 'Inquiry' });
  assert.equal(unknown.statusCode, 422);
  assert.equal(unknown.json().code, 'legal_hold_subject_not_found');
  const noReason = await call('privacy_officer', 'POST', '/api/v1/privacy/legal-holds', {
    subjectType: 'app_user',
    subject: demoEmail('customer'),
    reason: '   ',
  });
  assert.equal(noReason.statusCode, 400);
  const badType = await call('privacy_officer', 'POST', '/api/v1/privacy/legal-holds', { subjectType: 'claim', subject: demoEmail('customer'), reason: 'x' });
  assert.equal(badType.statusCode, 400);
  // An auditor reads but does not place; a customer does neither.
  assert.equal(
    (await call('auditor', 'POST', '/api/v1/privacy/legal-holds', { subjectType: 'app_user', subject: demoEmail('customer'), reason: 'x' })).statusCode,
    403,
  );
  assert.equal((await call('customer', 'GET', '/api/v1/privacy/legal-holds')).statusCode, 403);
  assert.equal(
    (await call('privacy_officer', 'POST', '/api/v1/privacy/legal-holds/00000000-0000-4000-8000-000000000000/release', { reason: 'x' })).statusCode,
    404,
  );
  const afterCount = await bezel.deps.db
    .selectFrom('legal_hold')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  assert.equal(afterCount.n, before.n);
});

test('PRV-RET-1: the back-office page lists holds and places and releases them without JavaScript', async () => {
  const empty = await call('privacy_officer', 'GET', '/backoffice/privacy/legal-holds');
  assert.equal(empty.statusCode, 200);
  assert.match(empty.body, /Place legal hold/);

  const invalid = await call('privacy_officer', 'POST', '/backoffice/privacy/legal-holds', { subjectType: 'app_user', subject: '', reason: '' }, true);
  assert.equal(invalid.statusCode, 400);
  assert.match(invalid.body, /Fill this in/);

  const placed = await call(
    'privacy_officer',
    'POST',
    '/backoffice/privacy/legal-holds',
    { subjectType: 'app_user', subject: demoEmail('agent'), reason: 'Fraud investigation' },
    true,
  );
  assert.equal(placed.statusCode, 200);
  assert.match(placed.body, /The legal hold is placed/);
  assert.match(placed.body, /Fraud investigation/);
  const agent = await userId('agent');
  assert.equal(await hasLegalHold(bezel.deps.db, { userId: agent }), true);
  const hold = await bezel.deps.db.selectFrom('legal_hold').select('id').where('subject_id', '=', agent).executeTakeFirstOrThrow();

  const released = await call('privacy_officer', 'POST', `/backoffice/privacy/legal-holds/${hold.id}/release`, { reason: 'Investigation closed' }, true);
  assert.equal(released.statusCode, 200);
  assert.match(released.body, /The legal hold is released/);
  assert.equal(await hasLegalHold(bezel.deps.db, { userId: agent }), false);

  // Dutch, for a Dutch-speaking officer.
  const dutch = await bezel.app.inject({
    method: 'GET',
    url: '/backoffice/privacy/legal-holds',
    headers: { cookie: `bezel_session=${sessions.get('privacy_officer')}; bezel_lang=nl` },
  });
  assert.match(dutch.body, /Bewaarplicht/);
  // An auditor sees the page without the forms; a customer may not see it.
  const auditorPage = await call('auditor', 'GET', '/backoffice/privacy/legal-holds');
  assert.equal(auditorPage.statusCode, 200);
  assert.doesNotMatch(auditorPage.body, /Place legal hold/);
  assert.equal((await call('customer', 'GET', '/backoffice/privacy/legal-holds')).statusCode, 403);
});
