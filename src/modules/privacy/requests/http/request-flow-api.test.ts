import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { useRequestsTest } from './request-test-support.ts';

/** The life of a request through HTTP: code verification, extension, completion, rejection, timeline, queue. */
const t = useRequestsTest();

async function publicRequest(email: string, ip: string, type = 'access', jurisdiction = 'DE') {
  const reply = await t.anonymous(
    'POST',
    '/api/v1/privacy/public-requests',
    { type, jurisdiction, requesterName: 'Pat Public', requesterEmail: email, details: 'Hello' },
    ip,
  );
  assert.equal(reply.statusCode, 201, reply.body);
  const mails = await t.mailsTo(email);
  const code = /\b(\d{6})\b/.exec(mails.at(-1)?.text ?? '')?.[1];
  assert.ok(code, 'the mail holds a 6-digit code');
  return { id: reply.json().id as string, code, body: reply.json() };
}

describe('one-time code (PRV-RIGHT-10)', () => {
  test('PRV-RIGHT-10: a request without an account is verified by a mailed code, stored hashed; a replay is refused', async () => {
    const { id, code, body } = await publicRequest('pat@example.com', '198.51.100.1');
    assert.equal(body.status, 'awaiting_verification');
    // Other EU: one calendar month from receipt, 2026-11-21 → 2026-12-21.
    assert.equal(body.dueOn, '2026-12-21');
    const stored = await t.bezel.deps.db.selectFrom('privacy_request_code').selectAll().where('request_id', '=', id).executeTakeFirstOrThrow();
    assert.notEqual(stored.code_hash, code);
    assert.ok(!stored.code_hash.includes(code));
    const ok = await t.anonymous('POST', `/api/v1/privacy/public-requests/${id}/verification`, { code }, '198.51.100.1');
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json().status, 'in_progress');
    const replay = await t.anonymous('POST', `/api/v1/privacy/public-requests/${id}/verification`, { code }, '198.51.100.1');
    assert.equal(replay.statusCode, 409);
    assert.equal(replay.json().code, 'verification_code_used');
    const audit = await t.auditActions(id);
    assert.deepEqual(
      audit.map((e) => `${e.action}:${e.outcome}`),
      [
        'privacy_request.received:success',
        'privacy_request.code_sent:success',
        'privacy_request.code_attempt:success',
        'privacy_request.verified:success',
        'privacy_request.code_attempt:failure',
      ],
    );
  });

  test('PRV-RIGHT-10: forged codes are refused and audited; after 5 wrong attempts even the right code is refused', async () => {
    const { id, code } = await publicRequest('forger@example.com', '198.51.100.2');
    const wrong = code === '000000' ? '111111' : '000000';
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      const reply = await t.anonymous('POST', `/api/v1/privacy/public-requests/${id}/verification`, { code: wrong }, '198.51.100.2');
      assert.equal(reply.statusCode, 422, reply.body);
      assert.equal(reply.json().code, attempt < 5 ? 'verification_code_wrong' : 'verification_code_locked');
    }
    const right = await t.anonymous('POST', `/api/v1/privacy/public-requests/${id}/verification`, { code }, '198.51.100.2');
    assert.equal(right.json().code, 'verification_code_locked');
    const malformed = await t.anonymous('POST', `/api/v1/privacy/public-requests/${id}/verification`, { code: 'abc' }, '198.51.100.2');
    assert.equal(malformed.statusCode, 400);
    const request = await t.bezel.deps.db.selectFrom('privacy_request').select('status').where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(request.status, 'awaiting_verification');
    const attempts = (await t.auditActions(id)).filter((e) => e.action === 'privacy_request.code_attempt');
    assert.equal(attempts.length, 7);
    assert.ok(attempts.every((e) => e.outcome === 'failure'));
  });

  test('PRV-RIGHT-10: a code expires after 15 minutes', async () => {
    const { id, code } = await publicRequest('late@example.com', '198.51.100.3');
    t.bezel.clock.advance({ minutes: 15 });
    try {
      const reply = await t.anonymous('POST', `/api/v1/privacy/public-requests/${id}/verification`, { code }, '198.51.100.3');
      assert.equal(reply.statusCode, 422);
      assert.equal(reply.json().code, 'verification_code_expired');
    } finally {
      t.bezel.clock.set('2026-11-21T12:00:00Z');
    }
  });

  test('PRV-RIGHT-10: public requests are rate-limited per address like the login', async () => {
    let last = 0;
    for (let i = 0; i < 4; i += 1) {
      const reply = await t.anonymous(
        'POST',
        '/api/v1/privacy/public-requests',
        { type: 'access', jurisdiction: 'NL', requesterName: 'Spam', requesterEmail: 'spam@example.com' },
        '198.51.100.9',
      );
      last = reply.statusCode;
    }
    assert.equal(last, 429);
  });
});

describe('deadline and extension (PRV-RIGHT-11)', () => {
  test('PRV-RIGHT-11: one extension with a reason before the deadline; the written notice is mailed; a second is refused with nothing changed', async () => {
    const created = await t.call('customer', 'POST', '/api/v1/privacy/requests', { type: 'access', jurisdiction: 'US-CA' });
    const id = created.json().id;
    const extended = await t.call('privacy_officer', 'POST', `/api/v1/privacy/requests/${id}/extend`, { reason: 'Records are archived on paper' });
    assert.equal(extended.statusCode, 200, extended.body);
    // 2027-01-05 + 45 days = 2027-02-19 (90 days after receipt).
    assert.deepEqual(
      { dueOn: extended.json().dueOn, extension: extended.json().extension.dueOn, current: extended.json().currentDueOn },
      { dueOn: '2027-01-05', extension: '2027-02-19', current: '2027-02-19' },
    );
    const mails = await t.mailsTo('customer@demo.bezel.test');
    const notice = mails.find((mail) => mail.text.includes('Records are archived on paper'));
    assert.ok(notice, 'the extension notice with its reason is mailed');
    assert.match(notice.text, /2027-02-19/);
    assert.match(notice.text, /California Privacy Protection Agency/);

    const before = await t.bezel.deps.db.selectFrom('privacy_request').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const second = await t.call('privacy_officer', 'POST', `/api/v1/privacy/requests/${id}/extend`, { reason: 'Still busy' });
    assert.equal(second.statusCode, 409);
    assert.equal(second.json().code, 'privacy_request_already_extended');
    const after = await t.bezel.deps.db.selectFrom('privacy_request').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.deepEqual(after, before);
    const refused = (await t.auditActions(id)).filter((e) => e.action === 'privacy_request.extension_refused');
    assert.deepEqual(refused, [{ action: 'privacy_request.extension_refused', outcome: 'denied' }]);
  });

  test('PRV-RIGHT-11: an extension on or after the deadline is refused (409) with nothing changed', async () => {
    const created = await t.call('customer', 'POST', '/api/v1/privacy/requests', { type: 'access', jurisdiction: 'NL' });
    const id = created.json().id;
    t.bezel.clock.set('2026-12-19T15:00:00Z'); // the due date (2026-11-21 + 4 weeks) in New York
    t.forgetSessions();
    try {
      const reply = await t.call('privacy_officer', 'POST', `/api/v1/privacy/requests/${id}/extend`, { reason: 'Too late' });
      assert.equal(reply.statusCode, 409);
      assert.equal(reply.json().code, 'privacy_request_deadline_passed');
      const row = await t.bezel.deps.db
        .selectFrom('privacy_request')
        .select(['extended_due_on', 'extension_reason'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      assert.deepEqual(row, { extended_due_on: null, extension_reason: null });
    } finally {
      t.bezel.clock.set('2026-11-21T12:00:00Z');
      t.forgetSessions();
    }
  });

  test('PRV-RIGHT-11: the queue sorts open requests by deadline and marks overdue and due-soon ones', async () => {
    await t.call('privacy_officer', 'POST', '/api/v1/privacy/requests', {
      type: 'access',
      jurisdiction: 'NL',
      channel: 'mail',
      receivedOn: '2026-10-01',
      requesterName: 'Old',
      requesterEmail: 'old@example.com',
    });
    await t.call('privacy_officer', 'POST', '/api/v1/privacy/requests', {
      type: 'access',
      jurisdiction: 'DE',
      channel: 'mail',
      receivedOn: '2026-10-25',
      requesterName: 'Soon',
      requesterEmail: 'soon@example.com',
    });
    const queue = await t.call('privacy_officer', 'GET', '/api/v1/privacy/requests');
    assert.equal(queue.statusCode, 200);
    const items = queue.json().items as { currentDueOn: string; deadline: string; requesterName: string }[];
    const dues = items.map((item) => item.currentDueOn);
    assert.deepEqual(dues, [...dues].sort());
    // 2026-10-01 + 4 weeks = 2026-10-29 (overdue); 2026-10-25 + 1 month = 2026-11-25 (4 days left).
    assert.equal(items.find((item) => item.requesterName === 'Old')?.deadline, 'overdue');
    assert.equal(items.find((item) => item.requesterName === 'Soon')?.deadline, 'due_soon');
    assert.equal(items[0]?.requesterName, 'Old');
  });
});

describe('answers', () => {
  test('PRV-RIGHT-13: a complaint is recorded and answered; the answer names the supervisory authority', async () => {
    const created = await t.call('customer3', 'POST', '/api/v1/privacy/requests', {
      type: 'complaint',
      jurisdiction: 'NL',
      details: 'You mailed me after I objected',
    });
    const id = created.json().id;
    const done = await t.call('privacy_officer', 'POST', `/api/v1/privacy/requests/${id}/complete`, {});
    assert.equal(done.statusCode, 200, done.body);
    assert.equal(done.json().status, 'completed');
    assert.match(done.json().outcomeSummary, /Autoriteit Persoonsgegevens/);
    const mail = (await t.mailsTo('customer3@example.com')).at(-1);
    assert.match(mail?.text ?? '', /Autoriteit Persoonsgegevens/);
    const closed = await t.call('privacy_officer', 'POST', `/api/v1/privacy/requests/${id}/complete`, {});
    assert.equal(closed.json().code, 'privacy_request_closed');
  });

  test('PRV-RIGHT-13: a rejection names its reason and the supervisory authority', async () => {
    const created = await t.call('privacy_officer', 'POST', '/api/v1/privacy/requests', {
      type: 'access',
      jurisdiction: 'US-TX',
      channel: 'email',
      requesterName: 'Tex',
      requesterEmail: 'tex@example.com',
    });
    const reply = await t.call('privacy_officer', 'POST', `/api/v1/privacy/requests/${created.json().id}/reject`, {
      reason: 'We could not verify your identity',
    });
    assert.equal(reply.statusCode, 200, reply.body);
    assert.equal(reply.json().supervisoryAuthority, 'Texas Department of Insurance');
    const mail = (await t.mailsTo('tex@example.com')).at(-1);
    assert.match(mail?.text ?? '', /We could not verify your identity/);
    assert.match(mail?.text ?? '', /Texas Department of Insurance/);
  });

  test('PRV-RIGHT-6: a request for human review creates a review task in the queue; the decision stays until a person records the review', async () => {
    const created = await t.call('customer', 'POST', '/api/v1/privacy/requests', {
      type: 'automated_decision_review',
      jurisdiction: 'NL',
      details: 'My application was referred automatically',
    });
    const id = created.json().id;
    assert.equal((await t.call('privacy_officer', 'POST', `/api/v1/privacy/requests/${id}/complete`, {})).statusCode, 200);
    const queue = await t.call('privacy_officer', 'GET', '/api/v1/privacy/requests');
    const task = queue.json().reviewTasks.find((item: { requestId: string }) => item.requestId === id);
    assert.equal(task?.status, 'open');
    const reviewed = await t.call('privacy_officer', 'POST', `/api/v1/privacy/review-tasks/${task.id}/review`, {
      outcome: 'Underwriter confirmed the referral',
    });
    assert.equal(reviewed.statusCode, 204);
    const after = await t.call('privacy_officer', 'GET', '/api/v1/privacy/requests');
    assert.ok(!after.json().reviewTasks.some((item: { id: string }) => item.id === task.id));
    assert.equal((await t.call('privacy_officer', 'POST', `/api/v1/privacy/review-tasks/${task.id}/review`, { outcome: 'again' })).statusCode, 409);
  });

  test('PRV-RIGHT-5, PRV-OPTOUT-1: a marketing opt-out and an objection completed by the officer suppress marketing to the person', async () => {
    const suppressions = () =>
      t.bezel.deps.db
        .selectFrom('marketing_suppression')
        .select(['reason', 'source'])
        .where('user_id', '=', t.userId('customer'))
        .where('lifted_at', 'is', null)
        .orderBy('recorded_at')
        .orderBy('reason')
        .execute();
    assert.deepEqual(await suppressions(), []);
    for (const type of ['marketing_opt_out', 'objection'] as const) {
      const created = await t.call('customer', 'POST', '/api/v1/privacy/requests', { type, jurisdiction: 'US-NY' });
      const done = await t.call('privacy_officer', 'POST', `/api/v1/privacy/requests/${created.json().id}/complete`, {});
      assert.equal(done.statusCode, 200, done.body);
      assert.match(done.json().outcomeSummary, /marketing/);
      assert.equal(done.json().supervisoryAuthority, 'New York State Department of Financial Services');
    }
    // Read back: both suppressions are live, recorded as applied from a privacy request.
    assert.deepEqual((await suppressions()).map((row) => `${row.reason}/${row.source}`).sort(), ['objected/privacy_request', 'opted_out/privacy_request']);
  });

  test('PRV-RIGHT-12: every step of a request is in its timeline, read from the audit chain', async () => {
    const created = await t.call('customer', 'POST', '/api/v1/privacy/requests', { type: 'complaint', jurisdiction: 'US-CA', details: 'Slow answer' });
    const id = created.json().id;
    await t.call('privacy_officer', 'POST', `/api/v1/privacy/requests/${id}/extend`, { reason: 'Need to ask the claims team' });
    await t.call('privacy_officer', 'POST', `/api/v1/privacy/requests/${id}/complete`, {});
    // PRV-DISC-2: the officer's read is audited, but it is not a step of the request's timeline.
    assert.equal((await t.call('privacy_officer', 'GET', `/api/v1/privacy/requests/${id}`)).statusCode, 200);
    assert.ok((await t.auditActions(id)).some((event) => event.action === 'privacy_request.read'));
    const reply = await t.call('customer', 'GET', `/api/v1/privacy/requests/${id}`);
    assert.equal(reply.statusCode, 200);
    const actions = (reply.json().timeline as { action: string }[]).map((entry) => entry.action);
    assert.deepEqual(actions, ['privacy_request.received', 'privacy_request.verified', 'privacy_request.extended', 'privacy_request.completed']);
    const extended = reply.json().timeline[2];
    assert.equal(extended.details.reason, 'Need to ask the claims team');
  });

  test('PRV-RIGHT-9: the request flow cannot change a price or service: it imports nothing from policies, billing or products', () => {
    const root = join(import.meta.dirname, '..');
    const files = (readdirSync(root, { recursive: true }) as string[]).filter((file) => file.endsWith('.ts') || file.endsWith('.tsx'));
    assert.ok(files.length > 10);
    for (const file of files) {
      const source = readFileSync(join(root, file), 'utf8');
      assert.doesNotMatch(source, /modules\/(policies|billing|products)\//, file);
      assert.doesNotMatch(source, /from '(\.\.\/)+(policies|billing|products)\//, file);
    }
  });
});
