import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { systemActor } from '../../../platform/auth/actor.ts';
import { csrfTokenFor } from '../../../platform/http/csrf.ts';
import { SYSTEM_ORIGIN } from '../../../platform/request-origin.ts';
import { createTestBezel, type TestBezel } from '../../../testing/test-bezel.ts';
import { createUser, DEMO_PASSWORD, demoEmail, seedDemoUsers } from '../../accounts/index.ts';
import { seedDemoProduct } from '../../products/index.ts';

/** Issue #3, "Quote, apply, underwrite, bind", through the API on a real database (PGlite, or PostgreSQL with DATABASE_URL). */
let bezel: TestBezel;
const csrfCookie = 'q'.repeat(43);
const sessions = new Map<string, string>();
const emails: Record<string, string> = {};
const userIds: Record<string, string> = {};

before(async () => {
  bezel = await createTestBezel(); // the clock stands at 2026-11-21T12:00:00Z (07:00 in New York)
  await seedDemoUsers(bezel.deps);
  await seedDemoProduct(bezel.deps);
  for (const role of ['customer', 'agent', 'underwriter'] as const) emails[role] = demoEmail(role);
  for (const [who, role] of [
    ['customer2', 'customer'],
    ['agent2', 'agent'],
  ] as const) {
    const user = await createUser(
      bezel.deps,
      systemActor('test'),
      { email: `${who}@example.com`, displayName: who, roles: [role], locale: 'en', password: DEMO_PASSWORD },
      SYSTEM_ORIGIN,
    );
    emails[who] = `${who}@example.com`;
    userIds[who] = user.id;
  }
  const customer = await bezel.deps.db.selectFrom('app_user').select('id').where('email', '=', demoEmail('customer')).executeTakeFirstOrThrow();
  userIds.customer = customer.id;
});
after(async () => bezel.close());

type Who = 'customer' | 'customer2' | 'agent' | 'agent2' | 'underwriter';
type Json = Record<string, unknown> & { errors?: { field: string; code: string; message: string }[] };
type Reply = { statusCode: number; headers: Record<string, unknown>; json(): Json };

async function call(as: Who, method: 'GET' | 'POST', url: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  if (!sessions.has(as)) {
    const login = await bezel.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: emails[as], password: DEMO_PASSWORD } });
    assert.equal(login.statusCode, 200, login.body);
    sessions.set(as, login.cookies.find((c) => c.name === 'bezel_session')?.value ?? '');
  }
  return (await bezel.app.inject({
    method,
    url,
    remoteAddress: '203.0.113.7',
    headers: {
      cookie: `bezel_session=${sessions.get(as)}; bezel_csrf=${csrfCookie}`,
      'x-csrf-token': csrfTokenFor(bezel.deps.appSecret, csrfCookie),
      'user-agent': 'BezelTest/1.0',
      ...headers,
    },
    ...(body !== undefined && { payload: body as object }),
  })) as unknown as Reply;
}

const address = { street: '1 Main Street', city: 'New York', state: 'NY', postalCode: '10001', country: 'US' };
const ring = {
  description: 'Diamond engagement ring, 1 ct, platinum',
  category: 'ring',
  coverageAmount: '5000.00',
  appraisalDate: '2026-10-01',
  giftOrEngagementRing: true,
  possessor: 'Carla Customer',
};
const earring = (side: string) => ({
  description: `Pearl stud earring, ${side}`,
  category: 'earrings',
  coverageAmount: '1500.00',
  appraisalDate: '2026-10-01',
  setId: 'pearls',
});
const application = (overrides: Record<string, unknown> = {}) => ({
  namedInsureds: ['Carla Customer'],
  otherInsureds: [{ name: 'Cees Customer', relation: 'spouse' }],
  mailingAddress: address,
  timeZone: 'America/New_York',
  deductible: '250',
  items: [ring, earring('left'), earring('right')],
  ...overrides,
});
const countRows = async (table: 'application' | 'policy') =>
  Number(
    (
      await bezel.deps.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('quote, apply, underwrite, bind', () => {
  test('a customer applies for a ring and a pair of earrings: approved automatically, bound, policy with period and schedule', async () => {
    const quoted = await call('customer', 'POST', '/api/v1/applications', application(), { 'idempotency-key': 'apply-1' });
    assert.equal(quoted.statusCode, 201, JSON.stringify(quoted.json()));
    const app = quoted.json() as Json & { id: string; premium: unknown; decision: { automatic: boolean }; worksheet: { total: unknown } };
    assert.equal(app.status, 'approved');
    assert.equal(app.decision.automatic, true, 'automatic decisions are marked as automatic');
    // ring: 5000/100 × 1.10 × 1.05 (NY) × 0.92 ($250) = 53.13; each earring: 1500/100 × 1.00 × 1.05 × 0.92 = 14.49; 53.13 + 2 × 14.49 = 82.11
    assert.deepEqual(app.premium, { amount: '82.11', currency: 'USD' });
    assert.deepEqual(app.worksheet.total, app.premium, 'the premium is the worksheet’s');

    const bound = await call('customer', 'POST', `/api/v1/applications/${app.id}/bind`, { inceptionDate: '2026-12-01' }, { 'idempotency-key': 'bind-1' });
    assert.equal(bound.statusCode, 201, JSON.stringify(bound.json()));
    const policy = bound.json() as Json & { id: string; policyNumber: string; period: Record<string, unknown>; schedule: Record<string, unknown>[] };
    assert.match(policy.policyNumber, /^JW-2026-\d{6}$/);
    // Decision 0005: first day 2026-12-01, anniversary 2027-12-01, last day 2027-11-30; 365 days; 00:01 New York time (EST, UTC−5).
    assert.deepEqual(policy.period, {
      firstDay: '2026-12-01',
      lastDay: '2027-11-30',
      days: 365,
      timeZone: 'America/New_York',
      coverStartsAt: '2026-12-01T05:01:00Z',
      coverEndsAt: '2027-12-01T05:01:00Z',
    });
    assert.deepEqual(policy.premium, { amount: '82.11', currency: 'USD' });
    assert.deepEqual(
      policy.schedule.map((item) => [item.itemNo, item.category, (item.coverageAmount as { amount: string }).amount, item.setId, item.possessor]),
      [
        [1, 'ring', '5000.00', null, 'Carla Customer'],
        [2, 'earrings', '1500.00', 'pearls', null],
        [3, 'earrings', '1500.00', 'pearls', null],
      ],
    );
    assert.deepEqual(policy.namedInsureds, ['Carla Customer']);

    // Binding issued the first invoice with the policy: the premium, due on the first day, payable by structured reference.
    const invoices = (await call('customer', 'GET', '/api/v1/invoices')).json() as { items: Json[] };
    const first = invoices.items.filter((invoice) => invoice.policyNumber === policy.policyNumber);
    assert.equal(first.length, 1, JSON.stringify(invoices));
    assert.deepEqual(first[0]?.amount, { amount: '82.11', currency: 'USD' });
    assert.equal(first[0]?.dueOn, '2026-12-01');
    assert.match(String(first[0]?.structuredReference), /^RF\d{2}/);

    // A retried bind with the same Idempotency-Key answers the same policy; without it, binding again is 409.
    const retried = await call('customer', 'POST', `/api/v1/applications/${app.id}/bind`, { inceptionDate: '2026-12-01' }, { 'idempotency-key': 'bind-1' });
    assert.equal(retried.statusCode, 201);
    assert.equal(retried.headers['idempotent-replayed'], 'true');
    assert.equal(retried.json().policyNumber, policy.policyNumber);
    const again = await call('customer', 'POST', `/api/v1/applications/${app.id}/bind`, { inceptionDate: '2026-12-01' }, { 'idempotency-key': 'bind-2' });
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().code, 'application_already_bound');
    assert.equal((await bezel.deps.db.selectFrom('policy').select('id').where('application_id', '=', app.id).execute()).length, 1);

    const tx = await bezel.deps.db.selectFrom('policy_transaction').selectAll().where('policy_id', '=', policy.id).execute();
    assert.deepEqual(
      tx.map((t) => [t.kind, t.effective_date, t.premium_change, t.currency]),
      [['issue', '2026-12-01', '82.11', 'USD']],
    );
    const mine = await call('customer', 'GET', '/api/v1/policies');
    assert.deepEqual(
      (mine.json().items as { policyNumber: string }[]).map((p) => p.policyNumber),
      [policy.policyNumber],
    );
    assert.equal((await call('customer', 'GET', `/api/v1/policies/${policy.id}`)).json().policyNumber, policy.policyNumber);
    assert.equal((await call('customer', 'GET', `/api/v1/applications/${app.id}`)).json().status, 'bound');

    // Another customer reaches neither the application nor the policy: 404.
    assert.equal((await call('customer2', 'GET', `/api/v1/applications/${app.id}`)).statusCode, 404);
    assert.equal((await call('customer2', 'GET', `/api/v1/policies/${policy.id}`)).statusCode, 404);
    assert.equal((await call('customer2', 'POST', `/api/v1/applications/${app.id}/bind`, { inceptionDate: '2026-12-01' })).statusCode, 404);
    assert.deepEqual((await call('customer2', 'GET', '/api/v1/policies')).json().items, []);
  });

  test('PRV-IP-1: the application stores the IP address, time and user agent of the request', async () => {
    const quoted = await call('customer', 'POST', '/api/v1/applications', application({ items: [ring] }));
    assert.equal(quoted.statusCode, 201, JSON.stringify(quoted.json()));
    assert.deepEqual(quoted.json().evidence, { ipAddress: '203.0.113.7', submittedAt: '2026-11-21T12:00:00Z', userAgent: 'BezelTest/1.0' });
    const row = await bezel.deps.db
      .selectFrom('application')
      .select(['submitted_ip', 'submitted_at', 'user_agent'])
      .where('id', '=', quoted.json().id as string)
      .executeTakeFirstOrThrow();
    assert.deepEqual(row, { submitted_ip: '203.0.113.7', submitted_at: '2026-11-21T12:00:00Z', user_agent: 'BezelTest/1.0' });
  });

  test('a $120,000 item is referred: not bindable (409) until an underwriter approves with a reason', async () => {
    const quoted = await call('customer', 'POST', '/api/v1/applications', application({ items: [{ ...ring, coverageAmount: '120000.00' }] }));
    assert.equal(quoted.statusCode, 201, JSON.stringify(quoted.json()));
    const id = quoted.json().id as string;
    assert.equal(quoted.json().status, 'referred');
    assert.deepEqual(quoted.json().referralReasons, [{ code: 'item_above_limit', item: 1, amount: '120000.00', limit: '100000.00' }]);
    assert.equal(quoted.json().decision, null);

    const early = await call('customer', 'POST', `/api/v1/applications/${id}/bind`, { inceptionDate: '2026-12-01' });
    assert.equal(early.statusCode, 409);
    assert.equal(early.json().code, 'application_not_approved');
    assert.equal((await call('customer', 'POST', `/api/v1/applications/${id}/decision`, { decision: 'approve', reason: 'self-approval' })).statusCode, 403);

    const queue = await call('underwriter', 'GET', '/api/v1/referrals');
    assert.ok((queue.json().items as { id: string }[]).some((item) => item.id === id));
    const decided = await call('underwriter', 'POST', `/api/v1/applications/${id}/decision`, { decision: 'approve', reason: 'Appraisal and photos checked' });
    assert.equal(decided.statusCode, 200, JSON.stringify(decided.json()));
    const decision = decided.json().decision as { automatic: boolean; reason: string };
    assert.deepEqual([decided.json().status, decision.automatic, decision.reason], ['approved', false, 'Appraisal and photos checked']);
    const twice = await call('underwriter', 'POST', `/api/v1/applications/${id}/decision`, { decision: 'decline', reason: 'changed my mind' });
    assert.equal(twice.json().code, 'application_not_referred');

    const bound = await call('customer', 'POST', `/api/v1/applications/${id}/bind`, { inceptionDate: '2026-11-21' });
    assert.equal(bound.statusCode, 201, JSON.stringify(bound.json()));
    assert.deepEqual([(bound.json().period as { lastDay: string }).lastDay], ['2027-11-20']);
    assert.ok(!((await call('underwriter', 'GET', '/api/v1/referrals')).json().items as { id: string }[]).some((item) => item.id === id));
  });

  test('a declined application cannot be bound', async () => {
    const quoted = await call('customer', 'POST', '/api/v1/applications', application({ items: [{ ...ring, appraisalDate: null }] }));
    assert.equal(quoted.json().status, 'referred');
    assert.deepEqual(quoted.json().referralReasons, [{ code: 'appraisal_missing', item: 1 }]);
    const id = quoted.json().id as string;
    const declined = await call('underwriter', 'POST', `/api/v1/applications/${id}/decision`, { decision: 'decline', reason: 'No appraisal supplied' });
    assert.equal(declined.json().status, 'declined');
    const bind = await call('customer', 'POST', `/api/v1/applications/${id}/bind`, { inceptionDate: '2026-12-01' });
    assert.deepEqual([bind.statusCode, bind.json().code], [409, 'application_not_approved']);
  });

  test('JPF-COND-8: the possessor of an engagement ring must be a named insured; nothing is written', async () => {
    const before = await countRows('application');
    const refused = await call('customer', 'POST', '/api/v1/applications', application({ items: [{ ...ring, possessor: 'Frank Fiance' }] }));
    assert.equal(refused.statusCode, 422);
    assert.equal(refused.json().code, 'application_invalid');
    assert.deepEqual(
      refused.json().errors?.map((e) => `${e.field} ${e.code}`),
      ['body.items.0.possessor possessor_not_named_insured'],
    );
    assert.match(refused.json().errors?.[0]?.message ?? '', /Frank Fiance .* named insured/);
    assert.equal(await countRows('application'), before);
  });

  test('bad input: unknown category, absurd amount, bad state, bad time zone, inception in the past — clear problems, nothing written', async () => {
    const before = await countRows('application');
    const unknown = await call('customer', 'POST', '/api/v1/applications', application({ items: [{ ...ring, category: 'tiara' }] }));
    assert.deepEqual([unknown.statusCode, unknown.json().errors?.map((e) => `${e.field} ${e.code}`)], [422, ['body.items.0.category unknown_category']]);
    const absurd = await call('customer', 'POST', '/api/v1/applications', application({ items: [{ ...ring, coverageAmount: '99000000000' }] }));
    assert.deepEqual([absurd.statusCode, absurd.json().errors?.map((e) => e.code)], [422, ['coverage_too_large']]);
    const negative = await call('customer', 'POST', '/api/v1/applications', application({ items: [{ ...ring, coverageAmount: '-5' }] }));
    assert.deepEqual([negative.statusCode, negative.json().errors?.map((e) => e.code)], [422, ['coverage_not_positive']]);
    const state = await call('customer', 'POST', '/api/v1/applications', application({ mailingAddress: { ...address, state: 'New York' } }));
    assert.equal(state.statusCode, 400);
    const zone = await call('customer', 'POST', '/api/v1/applications', application({ timeZone: 'Mars/Olympus' }));
    assert.deepEqual([zone.statusCode, zone.json().errors?.map((e) => `${e.field} ${e.code}`)], [422, ['body.timeZone time_zone_invalid']]);
    const extra = await call('customer', 'POST', '/api/v1/applications', { ...application(), premium: '1.00' });
    assert.equal(extra.statusCode, 400, 'unknown fields are refused');
    const duplicate = await call('customer', 'POST', '/api/v1/applications', application({ items: [ring, ring] }));
    assert.deepEqual(
      duplicate.json().errors?.map((e) => e.code),
      ['duplicate_item'],
    );
    assert.equal(await countRows('application'), before);

    const ok = await call('customer', 'POST', '/api/v1/applications', application({ items: [ring] }));
    const id = ok.json().id as string;
    const policies = await countRows('policy');
    const past = await call('customer', 'POST', `/api/v1/applications/${id}/bind`, { inceptionDate: '2026-11-20' });
    assert.deepEqual([past.statusCode, past.json().code], [422, 'inception_in_past']);
    const far = await call('customer', 'POST', `/api/v1/applications/${id}/bind`, { inceptionDate: '2027-02-20' });
    assert.deepEqual([far.statusCode, far.json().code], [422, 'inception_too_far_ahead']);
    assert.equal(await countRows('policy'), policies);
    assert.equal((await call('customer', 'GET', `/api/v1/applications/${id}`)).json().status, 'approved');
  });

  test('an agent applies for a client; a second agent gets 404 on it; the client sees it', async () => {
    const noClient = await call('agent', 'POST', '/api/v1/applications', application());
    assert.deepEqual([noClient.statusCode, noClient.json().code], [422, 'client_required']);
    const notACustomer = await call('agent', 'POST', '/api/v1/applications', application({ clientUserId: userIds.agent2 }));
    assert.deepEqual([notACustomer.statusCode, notACustomer.json().code], [422, 'client_not_found']);
    const forOther = await call('customer', 'POST', '/api/v1/applications', application({ clientUserId: userIds.customer2 }));
    assert.equal(forOther.statusCode, 403, 'a customer cannot apply for someone else');

    const quoted = await call('agent', 'POST', '/api/v1/applications', application({ clientUserId: userIds.customer }));
    assert.equal(quoted.statusCode, 201, JSON.stringify(quoted.json()));
    const id = quoted.json().id as string;
    assert.equal(quoted.json().applicantUserId, userIds.customer);
    assert.notEqual(quoted.json().agentUserId, null);
    assert.equal((await call('agent2', 'GET', `/api/v1/applications/${id}`)).statusCode, 404);
    assert.equal((await call('agent2', 'POST', `/api/v1/applications/${id}/bind`, { inceptionDate: '2026-12-01' })).statusCode, 404);
    assert.equal((await call('customer', 'GET', `/api/v1/applications/${id}`)).statusCode, 200);

    const bound = await call('agent', 'POST', `/api/v1/applications/${id}/bind`, { inceptionDate: '2026-12-01' });
    assert.equal(bound.statusCode, 201, JSON.stringify(bound.json()));
    const policyId = bound.json().id as string;
    assert.equal((await call('agent', 'GET', `/api/v1/policies/${policyId}`)).statusCode, 200);
    assert.equal((await call('agent2', 'GET', `/api/v1/policies/${policyId}`)).statusCode, 404);
    assert.ok(((await call('agent', 'GET', '/api/v1/policies')).json().items as { id: string }[]).some((p) => p.id === policyId));
    assert.deepEqual((await call('agent2', 'GET', '/api/v1/policies')).json().items, []);
  });
});
