import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { REQUEST_TYPES } from '../domain/request-types.ts';
import { useRequestsTest } from './request-test-support.ts';

/**
 * Privacy requests through HTTP on a real database (issue #5): intake from the portal, the public form
 * and staff; verification before anything is done; deadlines and the one extension; the timeline from
 * the audit chain; complaints and the supervisory authority; who sees what.
 */
const t = useRequestsTest();
const countRequests = async () =>
  Number(
    (
      await t.bezel.deps.db
        .selectFrom('privacy_request')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('intake', () => {
  test('PRV-RIGHT-1..13: a customer can ask for every type of request from the portal, verified by the session', async () => {
    for (const type of REQUEST_TYPES) {
      const reply = await t.call('customer', 'POST', '/api/v1/privacy/requests', {
        type,
        jurisdiction: 'US-CA',
        details: 'Please handle this',
        ...(type === 'portability' && { thirdPartyRecipient: 'Other Insurer, privacy@other.example' }),
      });
      assert.equal(reply.statusCode, 201, reply.body);
      const body = reply.json();
      assert.equal(body.type, type);
      assert.equal(body.status, 'in_progress');
      assert.equal(body.channel, 'portal');
      assert.equal(body.verification.method, 'session');
      // PRV-RIGHT-11: received 2026-11-21 (New York) + 45 days = 2027-01-05.
      assert.equal(body.receivedOn, '2026-11-21');
      assert.equal(body.dueOn, '2027-01-05');
      assert.equal(body.supervisoryAuthority, 'California Privacy Protection Agency');
    }
  });

  test('PRV-RIGHT-1..13: an unknown request type is a clear 422 and nothing is written', async () => {
    const before = await countRequests();
    const reply = await t.call('customer', 'POST', '/api/v1/privacy/requests', { type: 'sell_my_data', jurisdiction: 'NL' });
    assert.equal(reply.statusCode, 422, reply.body);
    assert.equal(reply.json().code, 'privacy_request_type_unknown');
    assert.match(reply.json().detail, /sell_my_data/);
    const anonymous = await t.anonymous('POST', '/api/v1/privacy/public-requests', {
      type: 'delete_everyone',
      jurisdiction: 'NL',
      requesterName: 'X',
      requesterEmail: 'x@example.com',
    });
    assert.equal(anonymous.statusCode, 422);
    assert.equal(await countRequests(), before);
  });

  test('PRV-RIGHT-8: only a portability request names a third party', async () => {
    const reply = await t.call('customer', 'POST', '/api/v1/privacy/requests', { type: 'access', jurisdiction: 'NL', thirdPartyRecipient: 'Someone else' });
    assert.equal(reply.statusCode, 422);
    assert.equal(reply.json().errors[0].field, 'body.thirdPartyRecipient');
  });

  test('PRV-CONTACT-1: staff enter a request received by phone, with the channel and receipt date recorded; it waits for verification', async () => {
    const reply = await t.call('privacy_officer', 'POST', '/api/v1/privacy/requests', {
      type: 'access',
      jurisdiction: 'NL',
      channel: 'phone',
      receivedOn: '2026-11-20',
      requesterName: 'Cora Three',
      requesterEmail: 'customer3@example.com',
      details: 'Called the service desk',
    });
    assert.equal(reply.statusCode, 201, reply.body);
    const body = reply.json();
    assert.equal(body.channel, 'phone');
    assert.equal(body.status, 'awaiting_verification');
    assert.equal(body.subjectUserId, t.userId('customer3'));
    // PRV-RIGHT-11, decision 0011: from receipt, 2026-11-20 + 4 weeks = 2026-12-18.
    assert.equal(body.dueOn, '2026-12-18');
    assert.equal(body.supervisoryAuthority, 'Autoriteit Persoonsgegevens');
    const future = await t.call('privacy_officer', 'POST', '/api/v1/privacy/requests', {
      type: 'access',
      jurisdiction: 'NL',
      channel: 'mail',
      receivedOn: '2026-12-01',
      requesterName: 'A',
      requesterEmail: 'a@example.com',
    });
    assert.equal(future.statusCode, 422);
  });
});

describe('verification before action (PRV-RIGHT-10)', () => {
  test('PRV-RIGHT-10: an authorised agent needs an uploaded authorisation, which the officer must confirm when verifying by documents', async () => {
    const upload = await t.uploadPdf('privacy_officer');
    assert.equal(upload.statusCode, 201, upload.body);
    const created = await t.call('privacy_officer', 'POST', '/api/v1/privacy/requests', {
      type: 'erasure',
      jurisdiction: 'US-CA',
      channel: 'mail',
      requesterName: 'Cora Three',
      requesterEmail: 'customer3@example.com',
      agent: { name: 'Agent Smith LLP', authorisationFileId: upload.json().id },
    });
    assert.equal(created.statusCode, 201, created.body);
    const id = created.json().id;
    assert.equal(created.json().agent.name, 'Agent Smith LLP');

    // Nothing is acted on before verification.
    const early = await t.call('privacy_officer', 'POST', `/api/v1/privacy/requests/${id}/complete`, {});
    assert.equal(early.statusCode, 409);
    assert.equal(early.json().code, 'privacy_request_not_verified');
    const refused = await t.auditActions(id);
    assert.deepEqual(refused.at(-1), { action: 'privacy_request.completion_refused', outcome: 'denied' });
    const stillWaiting = await t.bezel.deps.db.selectFrom('privacy_request').select(['status', 'closed_at']).where('id', '=', id).executeTakeFirstOrThrow();
    assert.deepEqual(stillWaiting, { status: 'awaiting_verification', closed_at: null });

    const unchecked = await t.call('privacy_officer', 'POST', `/api/v1/privacy/requests/${id}/verify`, { note: 'Passport copy matches' });
    assert.equal(unchecked.statusCode, 422);
    assert.equal(unchecked.json().code, 'authorisation_not_checked');
    const verified = await t.call('privacy_officer', 'POST', `/api/v1/privacy/requests/${id}/verify`, {
      note: 'Passport copy matches; signed authorisation',
      authorisationChecked: true,
    });
    assert.equal(verified.statusCode, 200, verified.body);
    assert.equal(verified.json().status, 'in_progress');
    assert.equal(verified.json().verification.method, 'documents');
    assert.equal(verified.json().verification.by, t.userId('privacy_officer'));
    const again = await t.call('privacy_officer', 'POST', `/api/v1/privacy/requests/${id}/verify`, { note: 'again', authorisationChecked: true });
    assert.equal(again.statusCode, 409);

    const missingFile = await t.call('privacy_officer', 'POST', '/api/v1/privacy/requests', {
      type: 'erasure',
      jurisdiction: 'US-CA',
      requesterName: 'X',
      requesterEmail: 'x@example.com',
      agent: { name: 'Agent', authorisationFileId: '00000000-0000-4000-8000-000000000000' },
    });
    assert.equal(missingFile.statusCode, 422);
  });

  test('PRV-RIGHT-10: only privacy staff verify, extend, complete or reject', async () => {
    const created = await t.call('customer', 'POST', '/api/v1/privacy/requests', { type: 'access', jurisdiction: 'NL' });
    const id = created.json().id;
    for (const [path, body] of [
      ['verify', { note: 'x' }],
      ['extend', { reason: 'x' }],
      ['complete', {}],
      ['reject', { reason: 'x' }],
    ] as const) {
      const reply = await t.call('customer', 'POST', `/api/v1/privacy/requests/${id}/${path}`, body);
      assert.equal(reply.statusCode, 403, `${path}: ${reply.body}`);
      const auditor = await t.call('auditor', 'POST', `/api/v1/privacy/requests/${id}/${path}`, body);
      assert.equal(auditor.statusCode, 403, `auditor ${path}`);
    }
  });
});

describe('who sees what', () => {
  test('PRV-RIGHT-10: a customer sees only their own requests; another customer’s answers 404', async () => {
    const mine = await t.call('customer', 'POST', '/api/v1/privacy/requests', { type: 'correction', jurisdiction: 'NL', details: 'My name is misspelt' });
    const id = mine.json().id;
    assert.equal((await t.call('customer', 'GET', `/api/v1/privacy/requests/${id}`)).statusCode, 200);
    const other = await t.call('customer3', 'GET', `/api/v1/privacy/requests/${id}`);
    assert.equal(other.statusCode, 404);
    const list = await t.call('customer3', 'GET', '/api/v1/privacy/requests');
    assert.ok(list.json().items.every((item: { subjectUserId: string }) => item.subjectUserId === t.userId('customer3')));
    assert.ok(!list.body.includes(id));
    assert.equal((await t.call('underwriter', 'GET', `/api/v1/privacy/requests/${id}`)).statusCode, 404);
    assert.equal((await t.call('auditor', 'GET', `/api/v1/privacy/requests/${id}`)).statusCode, 200);
  });
});
