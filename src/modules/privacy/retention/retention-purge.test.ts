import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Actor } from '../../../platform/auth/actor.ts';
import { systemActor } from '../../../platform/auth/actor.ts';
import { newId } from '../../../platform/ids.ts';
import { SYSTEM_ORIGIN } from '../../../platform/request-origin.ts';
import { createTestBezel, type TestBezel } from '../../../testing/test-bezel.ts';
import { demoEmail, seedDemoUsers } from '../../accounts/index.ts';
import { placeLegalHold } from './use-cases/place-legal-hold.ts';
import { releaseLegalHold } from './use-cases/release-legal-hold.ts';
import { RETENTION_PURGE_JOB_KIND } from './use-cases/retention-purge-job.ts';
import { runRetentionPurge } from './use-cases/run-retention-purge.ts';

/**
 * PRV-RET-1 / PRV-REC-1: the retention purge on a real database (PGlite, or PostgreSQL with DATABASE_URL).
 * The clock stands at 2026-11-21T12:00:00Z; the insurer's time zone is America/New_York, where summer time
 * ended on 1 November 2026, so 30 calendar days from 2026-10-22 08:00 EDT end on 2026-11-21 08:00 EST (13:00Z).
 */
let bezel: TestBezel;
let customerId = '';
let heldUserId = '';
let officer: Actor;
const SYSTEM = systemActor('retention-test');

before(async () => {
  bezel = await createTestBezel();
  await seedDemoUsers(bezel.deps);
  const id = async (role: 'customer' | 'agent' | 'privacy_officer') =>
    (await bezel.deps.db.selectFrom('app_user').select('id').where('email', '=', demoEmail(role)).executeTakeFirstOrThrow()).id;
  customerId = await id('customer');
  heldUserId = await id('agent');
  officer = { kind: 'user', userId: await id('privacy_officer'), roles: ['privacy_officer'], locale: 'en', via: 'session' };
});
after(async () => bezel.close());

const db = () => bezel.deps.db;

async function session(userId: string, expiresAt: string): Promise<string> {
  const tokenHash = newId();
  await db()
    .insertInto('user_session')
    .values({
      token_hash: tokenHash,
      user_id: userId,
      created_at: '2026-09-01T00:00:00Z',
      expires_at: expiresAt,
      last_seen_at: '2026-09-01T00:00:00Z',
      ip_address: '203.0.113.7',
      user_agent: 'test',
    })
    .execute();
  return tokenHash;
}

async function recording(callerUserId: string | null, recordedAt: string): Promise<string> {
  const id = newId();
  await db()
    .insertInto('call_recording')
    .values({
      id,
      caller_user_id: callerUserId,
      caller_phone: 'encrypted-phone',
      caller_phone_index: 'index',
      staff_user_id: null,
      purpose: 'training',
      recorded_at: recordedAt,
      duration_seconds: 60,
      media_type: 'audio/mpeg',
      recording: 'encrypted-audio',
      registered_by: 'system:test',
      created_at: recordedAt,
    })
    .execute();
  return id;
}

async function application(applicantId: string, status: 'declined' | 'quoted', submittedAt: string, productVersionId: string): Promise<string> {
  const id = newId();
  await db()
    .insertInto('application')
    .values({
      id,
      product_version_id: productVersionId,
      applicant_user_id: applicantId,
      agent_user_id: null,
      status,
      named_insureds: JSON.stringify(['Carla Customer']),
      other_insureds: '[]',
      mailing_address: JSON.stringify({ line1: '1 Main St' }),
      time_zone: 'America/New_York',
      deductible: '0',
      loss_payee: null,
      items: '[]',
      worksheet: '{}',
      premium: '100',
      currency: 'USD',
      submitted_ip: '198.51.100.4',
      submitted_at: submittedAt,
      user_agent: 'Firefox',
      decision: null,
      created_at: submittedAt,
    })
    .execute();
  return id;
}

async function productVersion(): Promise<string> {
  const productId = newId();
  const versionId = newId();
  await db()
    .insertInto('product')
    .values({ id: productId, code: `retention-${productId.slice(0, 8)}`, name: 'Test', currency: 'USD', country: 'US', created_at: '2015-01-01T00:00:00Z' })
    .execute();
  await db()
    .insertInto('product_version')
    .values({
      id: versionId,
      product_id: productId,
      version: 1,
      effective_from: '2015-01-01',
      status: 'active',
      broadening: false,
      adopted_on: null,
      definition: '{}',
      created_at: '2015-01-01T00:00:00Z',
    })
    .execute();
  return versionId;
}

const exists = async (table: 'user_session', key: string) =>
  (await db().selectFrom(table).select('token_hash').where('token_hash', '=', key).executeTakeFirst()) !== undefined;
const recordingExists = async (id: string) => (await db().selectFrom('call_recording').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;

test('PRV-RET-1 / PRV-REC-1: the purge deletes what is past its retention, keeps what is inside it and what is under a legal hold', async () => {
  // Sessions: 30 calendar days after expiry, in New York.
  const pastSession = await session(customerId, '2026-10-22T10:00:00Z'); // ends 2026-11-21T11:00Z (EST): gone
  const dstSession = await session(customerId, '2026-10-22T12:00:00Z'); // ends 2026-11-21T13:00Z: one more hour
  const recentSession = await session(customerId, '2026-11-10T00:00:00Z');
  const heldSession = await session(heldUserId, '2026-09-01T00:00:00Z');
  // Call recordings: at most 180 days. 2026-05-20T12:00Z + 180 days = 2026-11-16: gone; 2026-05-26T12:00Z + 180 = 2026-11-22: stays.
  const oldRecording = await recording(customerId, '2026-05-20T12:00:00Z');
  const youngRecording = await recording(customerId, '2026-05-26T12:00:00Z');
  const heldRecording = await recording(heldUserId, '2026-01-01T12:00:00Z');
  // An unbound application keeps its PRV-IP-1 evidence 7 years from submission: 2019-11-01 + 7 y = 2026-11-01 (over);
  // 2020-01-15 + 7 y = 2027-01-15 (not yet).
  const versionId = await productVersion();
  const oldApplication = await application(customerId, 'declined', '2019-11-01T15:00:00Z', versionId);
  const youngApplication = await application(customerId, 'quoted', '2020-01-15T15:00:00Z', versionId);
  const heldApplication = await application(heldUserId, 'declined', '2018-01-15T15:00:00Z', versionId);
  // Jobs: finished ones 90 days after they finished; queued ones never.
  await db()
    .insertInto('job')
    .values([
      {
        kind: 'mail.send',
        payload: { to: 'old@example.com' },
        status: 'succeeded',
        run_at: '2026-08-01T00:00:00Z',
        created_at: '2026-08-01T00:00:00Z',
        updated_at: '2026-08-01T00:00:00Z',
        finished_at: '2026-08-01T00:00:00Z',
      },
      {
        kind: 'mail.send',
        payload: { to: 'dead@example.com' },
        status: 'dead',
        run_at: '2026-08-01T00:00:00Z',
        created_at: '2026-08-01T00:00:00Z',
        updated_at: '2026-08-01T00:00:00Z',
        finished_at: '2026-08-02T00:00:00Z',
      },
      {
        kind: 'mail.send',
        payload: { to: 'recent@example.com' },
        status: 'succeeded',
        run_at: '2026-10-01T00:00:00Z',
        created_at: '2026-10-01T00:00:00Z',
        updated_at: '2026-10-01T00:00:00Z',
        finished_at: '2026-10-01T00:00:00Z',
      },
      {
        kind: 'mail.send',
        payload: { to: 'queued@example.com' },
        status: 'queued',
        run_at: '2026-01-01T00:00:00Z',
        created_at: '2026-01-01T00:00:00Z',
        updated_at: '2026-01-01T00:00:00Z',
        finished_at: null,
      },
    ])
    .execute();

  const hold = await placeLegalHold(bezel.deps, officer, { subjectType: 'app_user', subject: demoEmail('agent'), reason: 'Lawsuit 2026-17' }, SYSTEM_ORIGIN);

  const report = await runRetentionPurge(bezel.deps, SYSTEM, { batchSize: 2 });
  const of = (table: string) => report.tables.find((entry) => entry.table === table);

  assert.equal(await exists('user_session', pastSession), false);
  assert.equal(await exists('user_session', dstSession), true, 'the 30 calendar days end an hour later after the DST change');
  assert.equal(await exists('user_session', recentSession), true);
  assert.equal(await exists('user_session', heldSession), true, 'a held person keeps their sessions');
  assert.equal(of('user_session')?.held, 1);

  assert.equal(await recordingExists(oldRecording), false);
  assert.equal(await recordingExists(youngRecording), true);
  assert.equal(await recordingExists(heldRecording), true);

  const evidence = async (id: string) =>
    db().selectFrom('application').select(['submitted_ip', 'user_agent', 'named_insureds']).where('id', '=', id).executeTakeFirstOrThrow();
  assert.deepEqual({ ...(await evidence(oldApplication)), named_insureds: undefined }, { submitted_ip: null, user_agent: null, named_insureds: undefined });
  assert.equal((await evidence(youngApplication)).submitted_ip, '198.51.100.4');
  assert.equal((await evidence(heldApplication)).submitted_ip, '198.51.100.4');

  const jobs = await db().selectFrom('job').select(['payload']).where('kind', '=', 'mail.send').execute();
  const recipients = jobs.map((job) => (job.payload as { to: string }).to).sort();
  assert.deepEqual(recipients, ['queued@example.com', 'recent@example.com']);

  // Each batch and the run are audited, with counts and no personal data.
  const events = await db()
    .selectFrom('audit_event')
    .select(['action', 'details', 'personal_details'])
    .where('action', 'like', 'retention.%')
    .orderBy('id')
    .execute();
  const completed = events.filter((event) => event.action === 'retention.purge_completed');
  assert.equal(completed.length, 1);
  const tables = (completed[0]?.details as { tables: Record<string, { purged: number; held: number }> } | undefined)?.tables ?? {};
  assert.deepEqual(tables.user_session, { rule: 'session_30_days', action: 'delete', purged: 1, held: 1 });
  assert.equal(tables.call_recording?.purged, 1);
  assert.equal(tables.application?.purged, 1);
  assert.equal(tables.job?.purged, 2);
  const batches = events.filter((event) => event.action === 'retention.purged');
  assert.equal(
    batches.reduce((sum, event) => sum + (event.details as { count: number }).count, 0),
    Object.values(tables).reduce((sum, table) => sum + table.purged, 0),
  );
  const everything = JSON.stringify(events);
  for (const personal of ['203.0.113.7', '198.51.100.4', 'example.com', customerId, heldUserId, 'Carla'])
    assert.ok(!everything.includes(personal), `no ${personal} in the audit`);
  assert.ok(events.every((event) => event.personal_details === null));

  // Idempotent: a second run at the same time finds nothing to do.
  const again = await runRetentionPurge(bezel.deps, SYSTEM, { batchSize: 2 });
  assert.deepEqual(
    again.tables.filter((table) => table.purged > 0),
    [],
  );

  // After the hold is released, the held person's data follows its retention again.
  await releaseLegalHold(bezel.deps, officer, hold.id, { reason: 'Case closed' }, SYSTEM_ORIGIN);
  await runRetentionPurge(bezel.deps, SYSTEM);
  assert.equal(await exists('user_session', heldSession), false);
  assert.equal(await recordingExists(heldRecording), false);
  assert.equal((await evidence(heldApplication)).submitted_ip, null);
  // An hour later the DST session's 30 days are over too.
  bezel.clock.advance({ hours: 1 });
  await runRetentionPurge(bezel.deps, SYSTEM);
  assert.equal(await exists('user_session', dstSession), false);
});

test('PRV-RET-1: rows with two-column keys go by their whole key (rate-limit counters, stored responses)', async () => {
  bezel.clock.set('2026-11-21T12:00:00Z');
  // Rate-limit counters: one day. 2026-11-20T11:00Z + 1 day = 2026-11-21T11:00Z: gone; 2026-11-20T13:00Z: stays.
  await db()
    .insertInto('rate_limit_counter')
    .values([
      { bucket: 'login:ip:203.0.113.9', window_start: '2026-11-20T11:00:00Z', hits: 3 },
      { bucket: 'login:ip:203.0.113.9', window_start: '2026-11-20T13:00:00Z', hits: 1 },
    ])
    .execute();
  // Stored responses: 30 days. Same scope, two keys: only the old one goes.
  await db()
    .insertInto('idempotency_record')
    .values([
      { scope: 'user:x', idempotency_key: 'old', request_hash: 'h', status_code: 201, response_body: JSON.stringify({}), created_at: '2026-10-01T00:00:00Z' },
      { scope: 'user:x', idempotency_key: 'new', request_hash: 'h', status_code: 201, response_body: JSON.stringify({}), created_at: '2026-11-01T00:00:00Z' },
    ])
    .execute();
  await runRetentionPurge(bezel.deps, SYSTEM, { batchSize: 1 });
  const counters = await db().selectFrom('rate_limit_counter').select('window_start').where('bucket', '=', 'login:ip:203.0.113.9').execute();
  assert.deepEqual(
    counters.map((row) => row.window_start),
    ['2026-11-20T13:00:00Z'],
  );
  const stored = await db().selectFrom('idempotency_record').select('idempotency_key').where('scope', '=', 'user:x').execute();
  assert.deepEqual(
    stored.map((row) => row.idempotency_key),
    ['new'],
  );
});

test('PRV-RET-1: many rows go in batches, each batch audited with its count', async () => {
  const keys = await Promise.all(Array.from({ length: 7 }, (_, index) => session(customerId, `2026-01-0${index + 1}T00:00:00Z`)));
  const before = await db()
    .selectFrom('audit_event')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('action', '=', 'retention.purged')
    .executeTakeFirstOrThrow();
  const report = await runRetentionPurge(bezel.deps, SYSTEM, { batchSize: 3 });
  const sessions = report.tables.find((table) => table.table === 'user_session');
  assert.equal(sessions?.purged, 7);
  assert.equal(sessions?.batches, 3); // 3 + 3 + 1
  for (const key of keys) assert.equal(await exists('user_session', key), false);
  const afterCount = await db()
    .selectFrom('audit_event')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('action', '=', 'retention.purged')
    .executeTakeFirstOrThrow();
  assert.equal(Number(afterCount.n) - Number(before.n), 3);
});

test('PRV-RET-1: a policy hold keeps the data of its holder; the purge runs as a scheduled job', async () => {
  // (Not a session: the hourly maintenance job, which the worker may run too, drops expired sessions at once.)
  const key = await recording(customerId, '2026-01-01T00:00:00Z');
  // A hold on a policy the customer holds keeps the customer's data too.
  const versionId = await productVersion();
  const applicationId = await application(customerId, 'declined', '2026-01-01T00:00:00Z', versionId);
  const policyId = newId();
  await db()
    .insertInto('policy')
    .values({
      id: policyId,
      policy_number: 'JW-2026-900001',
      application_id: applicationId,
      holder_user_id: customerId,
      agent_user_id: null,
      product_version_id: versionId,
      first_day: '2026-01-01',
      last_day: '2026-12-31',
      time_zone: 'America/New_York',
      status: 'in_force',
      premium: '100',
      currency: 'USD',
      issued_at: '2026-01-01T00:00:00Z',
    })
    .execute();
  const hold = await placeLegalHold(bezel.deps, officer, { subjectType: 'policy', subject: 'jw-2026-900001', reason: 'Regulator inquiry' }, SYSTEM_ORIGIN);
  assert.equal(hold.subjectId, policyId);
  await bezel.deps.db
    .insertInto('job')
    .values({ kind: RETENTION_PURGE_JOB_KIND, run_at: '2026-11-21T00:00:00Z', created_at: '2026-11-21T00:00:00Z', updated_at: '2026-11-21T00:00:00Z' })
    .execute();
  await bezel.runJobs();
  const job = await db().selectFrom('job').select('status').where('kind', '=', RETENTION_PURGE_JOB_KIND).executeTakeFirstOrThrow();
  assert.equal(job.status, 'succeeded');
  assert.equal(await recordingExists(key), true);
  await releaseLegalHold(bezel.deps, officer, hold.id, { reason: 'Inquiry closed' }, SYSTEM_ORIGIN);
  await runRetentionPurge(bezel.deps, SYSTEM);
  assert.equal(await recordingExists(key), false);
});
