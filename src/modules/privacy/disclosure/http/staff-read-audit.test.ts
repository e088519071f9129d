import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEMO_PASSWORD } from '../../../accounts/index.ts';
import { usePolicyApiTest } from '../../../policies/http/policy-api-test-support.ts';
import { isStaffSurface, STAFF_READ_ROUTES } from './staff-read-routes.ts';

/**
 * PRV-DISC-2: "access restricted to staff who need it; reads of personal data by staff are audited". The back
 * office's policy 360 view and policy search write a `personal_data.read` audit event with the purpose —
 * the one given in the Bezel-Purpose header, else the duty of the view — read back from audit_event here.
 */
const t = usePolicyApiTest();

async function reads() {
  return t.bezel.deps.db
    .selectFrom('audit_event')
    .select(['actor_id', 'actor_roles', 'subject_type', 'subject_id', 'purpose', 'details', 'personal_details'])
    .where('action', '=', 'personal_data.read')
    .orderBy('id')
    .execute();
}

describe('staff reads of personal data', () => {
  test('PRV-DISC-2: the policy 360 view (API and page) and the policy search write an audit event with the purpose', async () => {
    const policy = await t.boundPolicy();
    const underwriterId = (
      await t.bezel.deps.db.selectFrom('app_user').select('id').where('email', '=', 'underwriter@demo.bezel.test').executeTakeFirstOrThrow()
    ).id;
    const holderId = (await t.bezel.deps.db.selectFrom('policy').select('holder_user_id').where('id', '=', policy.id).executeTakeFirstOrThrow()).holder_user_id;
    const before = (await reads()).length;

    // With a purpose given (API clients send the Bezel-Purpose header).
    const app = t.bezel.app;
    const overview = await t.call('underwriter', 'GET', `/api/v1/policies/${policy.id}/overview`);
    assert.equal(overview.statusCode, 200);
    const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'underwriter@demo.bezel.test', password: DEMO_PASSWORD } });
    const session = login.cookies.find((c) => c.name === 'bezel_session')?.value;
    const withPurpose = await app.inject({
      method: 'GET',
      url: `/api/v1/policies/${policy.id}/overview`,
      headers: { cookie: `bezel_session=${session}`, 'bezel-purpose': 'claim 2026-17: checking cover' },
    });
    assert.equal(withPurpose.statusCode, 200, withPurpose.body);
    const search = await t.call('underwriter', 'GET', `/api/v1/policies/search?q=${encodeURIComponent(policy.policyNumber)}`);
    assert.equal(search.statusCode, 200);
    const page = await t.call('underwriter', 'GET', `/backoffice/policies/${policy.id}`);
    assert.equal(page.statusCode, 200);

    const events = (await reads()).slice(before);
    assert.deepEqual(
      events.map((event) => [event.subject_type, event.subject_id, event.details.view, event.purpose]),
      [
        ['policy', policy.id, 'policy_360', 'Policy administration: the policy 360 view'],
        ['policy', policy.id, 'policy_360', 'claim 2026-17: checking cover'],
        ['policy', null, 'policy_search', 'Policy administration: finding a policy'],
        ['policy', policy.id, 'policy_360', 'Policy administration: the policy 360 view'],
      ],
    );
    assert.ok(events.every((event) => event.actor_id === underwriterId && event.actor_roles.includes('underwriter')));
    assert.equal(events[0]?.details.holderUserId, holderId);
    assert.equal(events[1]?.details.purposeGiven, true);
    // The search words may name a person: kept out of the hashed part, where erasure can reach them.
    assert.deepEqual(events[2]?.personal_details, { query: policy.policyNumber });
    assert.ok(!JSON.stringify(events[2]?.details).includes(policy.policyNumber));

    // The customer reading their own policy is not a staff read: no event.
    const own = await t.call('customer', 'GET', `/api/v1/policies/${policy.id}`);
    assert.equal(own.statusCode, 200);
    assert.equal((await reads()).length, before + 4);
  });

  test('PRV-DISC-2: every other staff read of a person’s data (here GET /api/v1/policies/:id and its transactions) is audited with its purpose; other reads are not', async () => {
    const policy = await t.boundPolicy();
    const before = (await reads()).length;
    assert.equal((await t.call('underwriter', 'GET', `/api/v1/policies/${policy.id}`)).statusCode, 200);
    assert.equal((await t.call('underwriter', 'GET', `/api/v1/policies/${policy.id}/transactions`)).statusCode, 200);
    // No person's data, a failed read, the customer's own read: no event.
    assert.equal((await t.call('underwriter', 'GET', '/api/v1/products')).statusCode, 200);
    assert.equal((await t.call('underwriter', 'GET', '/api/v1/policies/00000000-0000-4000-8000-000000000009')).statusCode, 404);
    assert.equal((await t.call('customer', 'GET', `/api/v1/policies/${policy.id}`)).statusCode, 200);
    const events = (await reads()).slice(before);
    assert.deepEqual(
      events.map((event) => [event.subject_type, event.subject_id, event.details.route, event.purpose]),
      [
        ['policy', policy.id, 'GET /api/v1/policies/:id', 'Duties of the role (underwriter): GET /api/v1/policies/:id'],
        ['policy', policy.id, 'GET /api/v1/policies/:id/transactions', 'Duties of the role (underwriter): GET /api/v1/policies/:id/transactions'],
      ],
    );
  });

  test('PRV-DISC-2: every GET route of the API and the back office is classified for staff-read auditing (and every classification names a route)', () => {
    const routes = t.bezel.app.bezelRoutes.filter((route) => route.method === 'GET' && isStaffSurface(route.url)).map((route) => `GET ${route.url}`);
    const unclassified = routes.filter((route) => !Object.hasOwn(STAFF_READ_ROUTES, route));
    assert.deepEqual(unclassified, [], 'classify these routes in src/modules/privacy/disclosure/http/staff-read-routes.ts');
    const stale = Object.keys(STAFF_READ_ROUTES).filter((route) => !routes.includes(route));
    assert.deepEqual(stale, [], 'these classified routes no longer exist');
  });
});
