import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { usePolicyApiTest } from '../policy-api-test-support.ts';

/** The staff-action pages (issue #3 back office and portal): the same use cases as the API, forms in the reader's language. */
const policyTest = usePolicyApiTest();
const { call, boundPolicy } = policyTest;
const page = async (...args: Parameters<typeof call>) => {
  const reply = (await call(...args)) as unknown as { statusCode: number; body: string };
  return { status: reply.statusCode, body: reply.body };
};
const status = async (id: string) =>
  (await policyTest.bezel.deps.db.selectFrom('policy').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;

describe('staff action pages', () => {
  test('JPF-COND-5: the void form refuses a missing reason, then voids; customers get 403', async () => {
    const policy = await boundPolicy();
    const url = `/backoffice/policies/${policy.id}/void`;
    const form = await page('underwriter', 'GET', url);
    assert.equal(form.status, 200);
    assert.match(form.body, /Void policy JW-/);
    assert.match(form.body, /name="category"/);
    assert.equal((await page('customer', 'GET', url)).status, 403);
    assert.equal((await page('customer', 'POST', url, { category: 'fraud', reason: 'x' })).status, 403);

    const missing = await page('underwriter', 'POST', url, { category: 'fraud', reason: '' });
    assert.equal(missing.status, 400);
    assert.match(missing.body, /This field is required/);
    assert.equal(await status(policy.id), 'in_force', 'nothing written');

    const done = await page('underwriter', 'POST', url, { category: 'fraud', reason: 'Forged appraisal' });
    assert.equal(done.status, 200, done.body);
    assert.match(done.body, /is void/);
    assert.equal(await status(policy.id), 'void');
    const again = await page('underwriter', 'GET', url);
    assert.match(again.body, /cannot be voided/);
  });

  test('JPF-CANCEL-3: the reinstatement page previews the money and reinstates', async () => {
    const policy = await boundPolicy();
    const url = `/backoffice/policies/${policy.id}/reinstate`;
    const inForce = await page('underwriter', 'GET', url);
    assert.equal(inForce.status, 200);
    assert.match(inForce.body, /not cancelled/);
    const cancelled = await call('customer', 'POST', `/api/v1/policies/${policy.id}/cancellation-requests`, { effectiveDate: '2026-12-30' });
    assert.equal(cancelled.statusCode, 201);
    const preview = await page('underwriter', 'GET', url);
    assert.match(preview.body, /the refund of \$53\.13 is cancelled/);
    assert.equal((await page('customer', 'GET', url)).status, 403);
    assert.equal((await page('underwriter', 'POST', url, { reason: ' ' })).status, 400);
    assert.equal(await status(policy.id), 'cancelled');
    const done = await page('underwriter', 'POST', url, { reason: 'Cancelled by mistake' });
    assert.equal(done.status, 200, done.body);
    assert.match(done.body, /is in force again/);
    assert.equal(await status(policy.id), 'in_force');
  });

  test('JPF-COND-1: the holder asks in the portal, staff approve from the queue with the written consent', async () => {
    const policy = await boundPolicy();
    const portal = `/portal/policies/${policy.id}/assignment`;
    assert.equal((await page('customer', 'GET', portal)).status, 200);
    assert.equal((await page('customer3', 'GET', portal)).status, 404);
    const bad = await page('customer', 'POST', portal, { assigneeEmail: 'nope' });
    assert.equal(bad.status, 400);
    const unknown = await page('customer', 'POST', portal, { assigneeEmail: 'nobody@example.com' });
    assert.equal(unknown.status, 422);
    assert.match(unknown.body, /No customer with this email address/);
    const asked = await page('customer', 'POST', portal, { assigneeEmail: 'customer3@example.com', note: 'for my daughter' });
    assert.equal(asked.status, 201, asked.body);
    assert.match(asked.body, /waiting for our decision/);

    const queue = await page('underwriter', 'GET', '/backoffice/assignments');
    assert.equal(queue.status, 200);
    assert.ok(queue.body.includes(policy.policyNumber));
    assert.equal((await page('customer', 'GET', '/backoffice/assignments')).status, 403);
    const link = new RegExp(`/backoffice/policies/${policy.id}/assignment-requests/([0-9a-f-]{36})`).exec(queue.body);
    assert.ok(link);
    const decide = link[0];
    assert.equal((await page('underwriter', 'GET', decide)).status, 200);
    const noConsent = await page('underwriter', 'POST', decide, { decision: 'approve', consentDate: '2026-11-20' });
    assert.equal(noConsent.status, 400);
    assert.match(noConsent.body, /This field is required/);
    const done = await page('underwriter', 'POST', decide, { decision: 'approve', consentDate: '2026-11-20', consentReference: 'LTR-9' });
    assert.equal(done.status, 200, done.body);
    assert.match(done.body, /is approved/);
    assert.equal((await call('customer3', 'GET', `/api/v1/policies/${policy.id}`)).statusCode, 200);
  });
});
