import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { systemActor } from '../../../platform/auth/actor.ts';
import { csrfTokenFor } from '../../../platform/http/csrf.ts';
import { SYSTEM_ORIGIN } from '../../../platform/request-origin.ts';
import { createTestBezel, type TestBezel } from '../../../testing/test-bezel.ts';
import { createUser, DEMO_PASSWORD, demoEmail, seedDemoUsers } from '../../accounts/index.ts';
import { seedDemoProduct } from '../../products/index.ts';
import { parseSearchQuery } from '../domain/search-query.ts';
import { policySearchQuery } from '../search-repository.ts';

/**
 * Issue #3, "Screens and API": the back office's policy search and policy 360 view, and the agent's
 * clients, through the API and the pages, on a real database (PGlite, or PostgreSQL with DATABASE_URL).
 */
let bezel: TestBezel;
const csrfCookie = 's'.repeat(43);
const sessions = new Map<string, string>();
const emails: Record<string, string> = {};
const userIds: Record<string, string> = {};
type Who = 'customer' | 'dora' | 'agent' | 'agent2' | 'underwriter' | 'admin' | 'anonymous';
// biome-ignore lint/suspicious/noExplicitAny: the tests read JSON response bodies whose shape the assertions check
type Reply = { statusCode: number; body: string; headers: Record<string, unknown>; json(): Record<string, any> };

before(async () => {
  bezel = await createTestBezel(); // the clock stands at 2026-11-21T12:00:00Z
  await seedDemoUsers(bezel.deps);
  await seedDemoProduct(bezel.deps);
  for (const role of ['customer', 'agent', 'underwriter', 'admin'] as const) emails[role] = demoEmail(role);
  for (const [who, role, name] of [
    ['dora', 'customer', 'Dora Client'],
    ['agent2', 'agent', 'Aiden Agent'],
  ] as const) {
    const user = await createUser(
      bezel.deps,
      systemActor('test'),
      { email: `${who}@example.com`, displayName: name, roles: [role], locale: 'en', password: DEMO_PASSWORD },
      SYSTEM_ORIGIN,
    );
    emails[who] = `${who}@example.com`;
    userIds[who] = user.id;
  }
});
after(async () => bezel.close());

async function call(as: Who, method: 'GET' | 'POST', url: string, body?: unknown, form = false): Promise<Reply> {
  const headers: Record<string, string> = {};
  if (as !== 'anonymous') {
    if (!sessions.has(as)) {
      const login = await bezel.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: emails[as], password: DEMO_PASSWORD } });
      assert.equal(login.statusCode, 200, login.body);
      sessions.set(as, login.cookies.find((c) => c.name === 'bezel_session')?.value ?? '');
    }
    const csrf = csrfTokenFor(bezel.deps.appSecret, csrfCookie);
    Object.assign(headers, { cookie: `bezel_session=${sessions.get(as)}; bezel_csrf=${csrfCookie}`, 'x-csrf-token': csrf });
    if (form) Object.assign(headers, { 'content-type': 'application/x-www-form-urlencoded' });
    if (form && body) body = new URLSearchParams({ ...(body as Record<string, string>), _csrf: csrf }).toString();
  }
  return (await bezel.app.inject({ method, url, headers, ...(body !== undefined && { payload: body as object }) })) as unknown as Reply;
}

const address = { street: '1 Main Street', city: 'New York', state: 'NY', postalCode: '10001', country: 'US' };
const item = (description: string, category = 'ring', coverageAmount = '5000.00') => ({ description, category, coverageAmount, appraisalDate: '2026-10-01' });

async function bind(as: Who, namedInsureds: string[], items: ReturnType<typeof item>[], clientUserId?: string): Promise<{ id: string; policyNumber: string }> {
  const quoted = await call(as, 'POST', '/api/v1/applications', {
    namedInsureds,
    mailingAddress: address,
    timeZone: 'America/New_York',
    deductible: '250',
    items,
    ...(clientUserId && { clientUserId }),
  });
  assert.equal(quoted.statusCode, 201, quoted.body);
  const bound = await call(as, 'POST', `/api/v1/applications/${quoted.json().id}/bind`, { inceptionDate: '2026-12-01' });
  assert.equal(bound.statusCode, 201, bound.body);
  return bound.json() as { id: string; policyNumber: string };
}

let carla: { id: string; policyNumber: string };
let doras: { id: string; policyNumber: string };

describe('back-office search, policy 360 view and agent screens', () => {
  before(async () => {
    carla = await bind('customer', ['Carla Customer'], [item('Diamond engagement ring, 1 ct, platinum')]);
    // The demo agent applies for Dora; Aiden (agent2) has no clients.
    doras = await bind('agent', ['Dora Client', 'Daan O’Brien'], [item('Rolex Submariner 50%_off edition', 'watch', '8000.00')], userIds.dora);
  });

  test('staff find a policy by number prefix (any case), holder email, named insured words and item words', async () => {
    const search = async (q: string) => {
      const reply = await call('underwriter', 'GET', `/api/v1/policies/search?q=${encodeURIComponent(q)}`);
      assert.equal(reply.statusCode, 200, reply.body);
      return reply.json() as { items: { policyNumber: string; matched: string[]; holder: { email: string } }[]; more: boolean };
    };
    const byNumber = await search(carla.policyNumber.toLowerCase());
    assert.deepEqual(
      byNumber.items.map((hit) => [hit.policyNumber, hit.matched]),
      [[carla.policyNumber, ['policy_number']]],
    );
    // Both numbers begin with JW-2026-: in policy-number order, a stable order.
    assert.deepEqual(
      (await search('jw-2026-')).items.map((hit) => hit.policyNumber),
      [carla.policyNumber, doras.policyNumber].sort(),
    );
    assert.deepEqual(
      (await search('dora@EX')).items.map((hit) => [hit.policyNumber, hit.matched, hit.holder.email]),
      [[doras.policyNumber, ['email'], 'dora@example.com']],
    );
    assert.deepEqual(
      (await search('obri dan')).items.map((hit) => hit.policyNumber),
      [],
      'every word must match: "dan" begins no word of Daan O’Brien',
    );
    assert.deepEqual(
      (await search('obri daa')).items.map((hit) => hit.policyNumber),
      [],
      'O’Brien is the words "o" and "brien", as the text search splits it',
    );
    assert.deepEqual(
      (await search('brien daa')).items.map((hit) => [hit.policyNumber, hit.matched]),
      [[doras.policyNumber, ['name']]],
    );
    assert.deepEqual(
      (await search('Submar')).items.map((hit) => [hit.policyNumber, hit.matched]),
      [[doras.policyNumber, ['item']]],
    );
    assert.deepEqual(
      (await search('carla')).items.map((hit) => hit.policyNumber),
      [carla.policyNumber],
    );
  });

  test('LIKE wildcards in the input are literal: "%" and "_" match only themselves', async () => {
    for (const q of ['%%', 'JW_2026', '__', '%2026']) {
      const reply = await call('underwriter', 'GET', `/api/v1/policies/search?q=${encodeURIComponent(q)}`);
      assert.equal(reply.statusCode, 200);
      assert.deepEqual(reply.json().items, [], q);
    }
  });

  test('empty, too short, too long or control characters: 422 search_query_invalid, nothing searched', async () => {
    for (const [q, code] of [
      ['', 'query_missing'],
      ['%20%20', 'query_missing'],
      ['a', 'query_too_short'],
      ['x'.repeat(101), 'query_too_long'],
      ['ab%00c', 'query_invalid'],
    ] as const) {
      const reply = await call('underwriter', 'GET', `/api/v1/policies/search?q=${q}`);
      assert.equal(reply.statusCode, 422, `${q}: ${reply.body}`);
      assert.equal(reply.json().code, 'search_query_invalid');
      assert.equal(reply.json().errors[0].code, code);
      assert.equal(reply.json().errors[0].field, 'querystring.q');
    }
    const missing = await call('underwriter', 'GET', '/api/v1/policies/search');
    assert.equal(missing.statusCode, 422);
    assert.equal((await call('underwriter', 'GET', '/api/v1/policies/search?q=ab&extra=1')).statusCode, 400, 'unknown parameters are refused');
  });

  test('search is for staff: customers and agents 403, anonymous 401', async () => {
    assert.equal((await call('customer', 'GET', '/api/v1/policies/search?q=carla')).statusCode, 403);
    assert.equal((await call('agent', 'GET', '/api/v1/policies/search?q=dora')).statusCode, 403);
    assert.equal((await call('anonymous', 'GET', '/api/v1/policies/search?q=dora')).statusCode, 401);
  });

  test('every branch of the search is an index scan (migration 0013), on PGlite and PostgreSQL alike', async () => {
    const parsed = parseSearchQuery('carla cust');
    assert.ok(parsed.ok);
    const plan = await bezel.deps.db.transaction().execute(async (trx) => {
      // With few rows a sequential scan is cheaper; forbidding it shows whether an index can serve each branch.
      await sql`SET LOCAL enable_seqscan = off`.execute(trx);
      const rows = await policySearchQuery(trx, systemActor('test'), parsed.query, 26).explain();
      return rows.map((row) => Object.values(row).join(' ')).join('\n');
    });
    for (const index of ['policy_number_prefix', 'app_user_email_prefix', 'application_named_insured_words', 'scheduled_item_description_words'])
      assert.match(plan, new RegExp(index), `${index} in\n${plan}`);
  });

  test('the policy 360 view (API): header, schedule, transactions, worksheet, documents; billing for billing readers', async () => {
    const reply = await call('underwriter', 'GET', `/api/v1/policies/${doras.id}/overview`);
    assert.equal(reply.statusCode, 200, reply.body);
    const view = reply.json();
    assert.equal(view.policyNumber, doras.policyNumber);
    assert.deepEqual(view.holder, { id: userIds.dora, name: 'Dora Client', email: 'dora@example.com' });
    assert.equal(view.agent.email, demoEmail('agent'));
    assert.deepEqual(view.product, { code: 'jewelry', name: view.product.name, version: 1, effectiveFrom: view.product.effectiveFrom });
    assert.deepEqual(view.namedInsureds, ['Dora Client', 'Daan O’Brien']);
    assert.equal(view.schedule.length, 1);
    assert.equal(view.schedule[0].onScheduleAsOf, 'on');
    assert.equal(view.schedule[0].addedOn, '2026-12-01');
    assert.deepEqual(
      view.transactions.map((transaction: { kind: string; effectiveDate: string }) => [transaction.kind, transaction.effectiveDate]),
      [['issue', '2026-12-01']],
    );
    // watch: 8000/100 × 0.90 × 1.05 (NY) × 0.92 ($250) = 69.552 → 69.55
    assert.deepEqual(view.worksheet.total, { amount: '69.55', currency: 'USD' });
    assert.equal(view.billing, null, 'an underwriter does not read billing (billing:read)');
    const admin = (await call('admin', 'GET', `/api/v1/policies/${doras.id}/overview`)).json();
    assert.equal(admin.billing.invoices.length, 1);
    assert.deepEqual(admin.billing.invoices[0].amount, { amount: '69.55', currency: 'USD' });
    assert.deepEqual(admin.billing.balance.outstanding, { amount: '69.55', currency: 'USD' });
  });

  test('as of a date: transactions effective by then, items marked; a date that does not exist is 400', async () => {
    const before = (await call('underwriter', 'GET', `/api/v1/policies/${doras.id}/overview?asOf=2026-11-30`)).json();
    assert.equal(before.asOf, '2026-11-30');
    assert.deepEqual(before.transactions, [], 'the issue takes effect on 2026-12-01');
    assert.equal(before.schedule[0].onScheduleAsOf, 'not_yet');
    const on = (await call('underwriter', 'GET', `/api/v1/policies/${doras.id}/overview?asOf=2026-12-01`)).json();
    assert.equal(on.transactions.length, 1);
    assert.equal(on.schedule[0].onScheduleAsOf, 'on');
    for (const bad of ['2027-02-30', '2027-1-1', 'yesterday'])
      assert.equal((await call('underwriter', 'GET', `/api/v1/policies/${doras.id}/overview?asOf=${bad}`)).statusCode, 400, bad);
  });

  test('the 360 view: out of reach 404 (another customer, another agent), within reach but not staff 403', async () => {
    assert.equal((await call('customer', 'GET', `/api/v1/policies/${doras.id}/overview`)).statusCode, 404);
    assert.equal((await call('agent2', 'GET', `/api/v1/policies/${doras.id}/overview`)).statusCode, 404);
    assert.equal((await call('agent2', 'GET', `/backoffice/policies/${doras.id}`)).statusCode, 404);
    assert.equal((await call('customer', 'GET', `/backoffice/policies/${doras.id}`)).statusCode, 404);
    assert.equal((await call('dora', 'GET', `/api/v1/policies/${doras.id}/overview`)).statusCode, 403);
    assert.equal((await call('agent', 'GET', `/api/v1/policies/${doras.id}/overview`)).statusCode, 403);
    assert.equal((await call('underwriter', 'GET', '/api/v1/policies/00000000-0000-4000-8000-000000000000/overview')).statusCode, 404);
    assert.equal((await call('underwriter', 'GET', '/backoffice/policies/not-an-id')).statusCode, 404);
  });

  test('pages: search and 360 view for staff; a bad query is 422, a bad date 400, in the reader’s language', async () => {
    const found = await call('underwriter', 'GET', '/backoffice/search?q=rolex');
    assert.equal(found.statusCode, 200);
    assert.match(found.body, new RegExp(`<a href="/backoffice/policies/${doras.id}">${doras.policyNumber}</a>`));
    assert.equal((await call('underwriter', 'GET', '/backoffice/search')).statusCode, 200, 'the empty form');
    const short = await call('underwriter', 'GET', '/backoffice/search?q=r');
    assert.equal(short.statusCode, 422);
    assert.match(short.body, /Enter at least 2 characters\./);
    assert.equal((await call('customer', 'GET', '/backoffice/search?q=rolex')).statusCode, 403);

    const page = await call('underwriter', 'GET', `/backoffice/policies/${doras.id}`);
    assert.equal(page.statusCode, 200);
    for (const text of ['Dora Client (dora@example.com)', 'Rolex Submariner 50%_off edition', 'Transactions', 'Rating worksheet of the application', 'Issue'])
      assert.ok(page.body.includes(text), text);
    assert.ok(page.body.includes(`/backoffice/policies/${doras.id}/void`), 'links to the staff actions');
    const bad = await call('underwriter', 'GET', `/backoffice/policies/${doras.id}?asOf=2027-02-30`);
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Enter a real date as YYYY-MM-DD/);
    const asOf = await call('underwriter', 'GET', `/backoffice/policies/${doras.id}?asOf=2026-11-30`);
    assert.match(asOf.body, /No transactions take effect on or before this date\./);
    assert.match(asOf.body, /Not yet: added later/);
  });

  test('agent screens: own clients only; choosing a client by email leads to the quote form for that client', async () => {
    const book = await call('agent', 'GET', '/api/v1/agent/clients');
    assert.equal(book.statusCode, 200);
    assert.deepEqual(
      book
        .json()
        .clients.map((client: { email: string; applications: { policy: { policyNumber: string } }[] }) => [
          client.email,
          client.applications.map((application) => application.policy?.policyNumber),
        ]),
      [['dora@example.com', [doras.policyNumber]]],
    );
    assert.deepEqual((await call('agent2', 'GET', '/api/v1/agent/clients')).json().clients, [], 'another agent sees none of them');
    assert.equal((await call('customer', 'GET', '/api/v1/agent/clients')).statusCode, 403);

    const home = await call('agent', 'GET', '/agent');
    assert.equal(home.statusCode, 200);
    assert.ok(home.body.includes('Dora Client') && home.body.includes(doras.policyNumber));
    assert.ok(!(await call('agent2', 'GET', '/agent')).body.includes('Dora Client'));

    assert.equal((await call('agent', 'GET', '/portal/quote')).headers.location, '/agent/quote', 'an agent chooses a client first');
    const unknown = await call('agent', 'POST', '/agent/quote', { clientEmail: 'nobody@example.com' }, true);
    assert.equal(unknown.statusCode, 422);
    assert.match(unknown.body, /No client with this email address was found/);
    assert.equal((await call('agent', 'POST', '/agent/quote', { clientEmail: 'not an email' }, true)).statusCode, 400);
    const chosen = await call('agent', 'POST', '/agent/quote', { clientEmail: 'DORA@example.com' }, true);
    assert.equal(chosen.statusCode, 303);
    assert.equal(chosen.headers.location, `/portal/quote?client=${userIds.dora}`);
    const form = await call('agent', 'GET', `/portal/quote?client=${userIds.dora}`);
    assert.equal(form.statusCode, 200);
    assert.ok(form.body.includes(`name="clientUserId" value="${userIds.dora}"`));
    assert.equal((await call('customer', 'POST', '/agent/quote', { clientEmail: 'dora@example.com' }, true)).statusCode, 403);
  });

  test('JPF-CANCEL-2, JPF-COND-2: the insurer’s cancellation page previews the notice; too early or no reason changes nothing; then it cancels', async () => {
    const url = `/backoffice/policies/${carla.id}/insurer-cancellation`;
    const page = await call('underwriter', 'GET', url);
    assert.equal(page.statusCode, 200);
    // JPF-COND-2: notice date 2026-11-21 (07:00 in New York) + New York's 15 notice days = 2026-12-06.
    assert.match(page.body, /<dt>Notice days<\/dt><dd>15 \(the rule of the policy’s state\)<\/dd>/);
    assert.match(page.body, /<dt>Earliest effective date<\/dt><dd>December 6, 2026<\/dd>/);
    assert.equal((await call('customer', 'GET', url)).statusCode, 403);
    assert.equal((await call('agent2', 'GET', `/backoffice/policies/${doras.id}/insurer-cancellation`)).statusCode, 403);

    const early = await call('underwriter', 'POST', url, { action: 'preview', effectiveDate: '2026-11-25', reason: '' }, true);
    assert.equal(early.statusCode, 422);
    const noReason = await call('underwriter', 'POST', url, { action: 'cancel', effectiveDate: '2027-01-31', reason: '' }, true);
    assert.equal(noReason.statusCode, 400);
    const tooEarly = await call('underwriter', 'POST', url, { action: 'cancel', effectiveDate: '2026-11-25', reason: 'Misrepresentation' }, true);
    assert.equal(tooEarly.statusCode, 422);
    const still = (await call('underwriter', 'GET', `/api/v1/policies/${carla.id}`)).json();
    assert.equal(still.status, 'in_force', 'nothing was written');

    const done = await call('underwriter', 'POST', url, { action: 'cancel', effectiveDate: '2027-01-31', reason: 'Misrepresentation' }, true);
    assert.equal(done.statusCode, 303, done.body);
    assert.equal(done.headers.location, `/backoffice/policies/${carla.id}`);
    const view = (await call('underwriter', 'GET', `/api/v1/policies/${carla.id}/overview`)).json();
    assert.equal(view.status, 'cancelled');
    assert.deepEqual(
      view.transactions.map((transaction: { kind: string; effectiveDate: string }) => [transaction.kind, transaction.effectiveDate]),
      [
        ['issue', '2026-12-01'],
        ['cancellation', '2027-01-31'],
      ],
    );
  });

  test('a search lists at most 25 policies, in policy-number order, and says more match', async () => {
    for (let n = 0; n < 24; n++) await bind('customer', ['Carla Customer'], [item(`Charm bracelet ${n}`, 'bracelet', '1000.00')]);
    const reply = await call('underwriter', 'GET', '/api/v1/policies/search?q=JW-');
    const body = reply.json() as { items: { policyNumber: string }[]; more: boolean };
    assert.equal(body.items.length, 25);
    assert.equal(body.more, true);
    const numbers = body.items.map((hit) => hit.policyNumber);
    assert.deepEqual(numbers, [...numbers].sort());
  });
});
