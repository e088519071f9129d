import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { Temporal } from 'temporal-polyfill';
import { testDatabaseKind } from '../testing/test-database.ts';
import { claimJobs, completeJob, enqueueJob, failJob, listJobs, recoverExpiredLeases, releaseJobs, retryDelaySeconds, retryJob } from './job-queue.ts';
import { createJobTestContext, type JobTestContext } from './job-test-support.ts';

const onPostgres = testDatabaseKind() === 'postgres';

describe('job queue', () => {
  let t: JobTestContext;
  before(async () => {
    t = await createJobTestContext();
  });
  after(async () => {
    await t.close();
  });
  beforeEach(async () => {
    await t.deps.db.deleteFrom('job').execute();
    t.clock.set('2026-03-02T09:00:00Z');
  });

  const claim = (kinds: string[], limit = 10, workerId = 'w1', leaseSeconds = 60) => claimJobs(t.deps.db, { workerId, kinds, limit, leaseSeconds }, t.clock);
  const jobById = (id: string) => t.deps.db.selectFrom('job').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  test('a job enqueued in a transaction that rolls back does not exist (the outbox commits with the change)', async () => {
    await assert.rejects(
      t.deps.db.transaction().execute(async (trx) => {
        await enqueueJob(trx, { kind: 'outbox.test', payload: { n: 1 } }, t.clock);
        throw new Error('business rule said no');
      }),
      /business rule said no/,
    );
    assert.equal((await listJobs(t.deps.db)).length, 0);

    await t.deps.db.transaction().execute((trx) => enqueueJob(trx, { kind: 'outbox.test', payload: { n: 2 } }, t.clock));
    const [job] = await t.deps.db.selectFrom('job').selectAll().execute();
    assert.deepEqual(job?.payload, { n: 2 });
    assert.equal(job?.status, 'queued');
    assert.equal(job?.run_at, '2026-03-02T09:00:00Z');
  });

  test('a dedupe key lets only one job exist', async () => {
    const first = await enqueueJob(t.deps.db, { kind: 'once', dedupeKey: 'once:1' }, t.clock);
    const second = await enqueueJob(t.deps.db, { kind: 'once', dedupeKey: 'once:1' }, t.clock);
    const other = await enqueueJob(t.deps.db, { kind: 'once', dedupeKey: 'once:2' }, t.clock);
    assert.ok('id' in first);
    assert.deepEqual(second, { duplicate: true });
    assert.ok('id' in other);
    // Jobs without a key never collide with each other.
    await enqueueJob(t.deps.db, { kind: 'once' }, t.clock);
    await enqueueJob(t.deps.db, { kind: 'once' }, t.clock);
    assert.equal((await listJobs(t.deps.db)).length, 4);
  });

  test('claim takes due jobs of known kinds, oldest first, and counts the attempt', async () => {
    const later = t.clock.now().add({ minutes: 5 });
    await enqueueJob(t.deps.db, { kind: 'a', payload: { order: 2 } }, t.clock);
    await enqueueJob(t.deps.db, { kind: 'a', payload: { order: 1 }, runAt: t.clock.now().subtract({ minutes: 1 }) }, t.clock);
    await enqueueJob(t.deps.db, { kind: 'a', payload: { order: 3 }, runAt: later }, t.clock);
    await enqueueJob(t.deps.db, { kind: 'unknown' }, t.clock);

    const claimed = await claim(['a']);
    assert.deepEqual(
      claimed.map((job) => job.payload.order),
      [1, 2],
    );
    for (const job of claimed) {
      assert.equal(job.status, 'running');
      assert.equal(job.attempts, 1);
      assert.equal(job.locked_by, 'w1');
      assert.equal(job.locked_until, '2026-03-02T09:01:00Z');
    }
    assert.deepEqual(await claim(['a']), [], 'nothing else is due');
    assert.deepEqual(await claim([]), [], 'no kinds, no claim');
    t.clock.set(later);
    assert.equal((await claim(['a'])).length, 1, 'the future job is claimed once due');
    assert.equal((await listJobs(t.deps.db, { kind: 'unknown' }))[0]?.status, 'queued', 'unknown kinds are never claimed');
  });

  test('successive claimers get disjoint jobs, and the limit holds', async () => {
    for (let n = 0; n < 7; n += 1) await enqueueJob(t.deps.db, { kind: 'a', payload: { n } }, t.clock);
    const first = await claim(['a'], 3, 'w1');
    const second = await claim(['a'], 3, 'w2');
    const third = await claim(['a'], 3, 'w3');
    assert.deepEqual([first.length, second.length, third.length], [3, 3, 1]);
    const ids = [...first, ...second, ...third].map((job) => job.id);
    assert.equal(new Set(ids).size, 7);
  });

  test('SKIP LOCKED: a claimer does not wait for, nor take, rows another transaction holds', {
    skip: !onPostgres && 'needs PostgreSQL (PGlite has one connection)',
    timeout: 10_000,
  }, async () => {
    for (let n = 0; n < 6; n += 1) await enqueueJob(t.deps.db, { kind: 'a', payload: { n } }, t.clock);
    let releaseHolder!: () => void;
    const holderMayCommit = new Promise<void>((resolve) => {
      releaseHolder = resolve;
    });
    let held: string[] = [];
    const holder = t.deps.db.transaction().execute(async (trx) => {
      held = (await claimJobs(trx, { workerId: 'holder', kinds: ['a'], limit: 3, leaseSeconds: 60 }, t.clock)).map((job) => job.id);
      await holderMayCommit;
    });
    while (held.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    // The holder's three rows are locked and still 'queued' to everyone else; the claimer skips them instead of blocking.
    const other = await claim(['a'], 10, 'other');
    releaseHolder();
    await holder;
    assert.equal(other.length, 3);
    assert.equal(new Set([...held, ...other.map((job) => job.id)]).size, 6);
  });

  test('many concurrent claimers never share a job', { skip: !onPostgres && 'needs PostgreSQL for real concurrency' }, async () => {
    for (let n = 0; n < 40; n += 1) await enqueueJob(t.deps.db, { kind: 'a', payload: { n } }, t.clock);
    const batches = await Promise.all(Array.from({ length: 8 }, (_, index) => claim(['a'], 5, `w${index}`)));
    const ids = batches.flat().map((job) => job.id);
    assert.equal(ids.length, 40);
    assert.equal(new Set(ids).size, 40);
  });

  test('complete marks the job succeeded, only for the worker holding it', async () => {
    await enqueueJob(t.deps.db, { kind: 'a' }, t.clock);
    const [job] = await claim(['a']);
    assert.ok(job);
    assert.equal(await completeJob(t.deps.db, { id: job.id, locked_by: 'someone-else' }, t.clock), false);
    assert.equal(await completeJob(t.deps.db, job, t.clock), true);
    const row = await jobById(job.id);
    assert.equal(row.status, 'succeeded');
    assert.equal(row.finished_at, '2026-03-02T09:00:00Z');
    assert.equal(row.locked_by, null);
  });

  test('back-off doubles from 5-10 s up to 30-60 min and never exceeds an hour', () => {
    // min(2^n × 5 s, 3600 s), of which the second half is random.
    assert.equal(
      retryDelaySeconds(1, () => 0),
      5,
    );
    assert.equal(
      retryDelaySeconds(1, () => 1),
      10,
    );
    assert.equal(
      retryDelaySeconds(3, () => 0.5),
      30,
    );
    assert.equal(
      retryDelaySeconds(9, () => 0),
      1280,
    );
    assert.equal(
      retryDelaySeconds(10, () => 1),
      3600,
    );
    assert.equal(
      retryDelaySeconds(30, () => 1),
      3600,
    );
  });

  test('a failing job is retried after a back-off, then buried with its last error', async () => {
    await enqueueJob(t.deps.db, { kind: 'flaky', maxAttempts: 3 }, t.clock);
    const random = () => 1;
    const expectedDelays = [10, 20];
    for (const [index, delay] of expectedDelays.entries()) {
      const [job] = await claim(['flaky']);
      assert.ok(job);
      assert.equal(job.attempts, index + 1);
      assert.equal(await failJob(t.deps.db, job, `boom ${index + 1}`, t.clock, { random }), 'retrying');
      const row = await jobById(job.id);
      assert.equal(row.status, 'queued');
      assert.equal(row.last_error, `boom ${index + 1}`);
      assert.equal(row.run_at, t.clock.now().add({ seconds: delay }).toString());
      assert.deepEqual(await claim(['flaky']), [], 'not before the back-off has passed');
      t.clock.advance({ seconds: delay });
    }
    const [last] = await claim(['flaky']);
    assert.ok(last);
    assert.equal(await failJob(t.deps.db, last, 'boom 3', t.clock, { random }), 'dead');
    const row = await jobById(last.id);
    assert.equal(row.status, 'dead');
    assert.equal(row.attempts, 3);
    assert.equal(row.last_error, 'boom 3');
    assert.equal(row.finished_at, t.clock.now().toString());
  });

  test('a permanent failure is buried at once', async () => {
    await enqueueJob(t.deps.db, { kind: 'bad' }, t.clock);
    const [job] = await claim(['bad']);
    assert.ok(job);
    assert.equal(await failJob(t.deps.db, job, 'bad payload', t.clock, { permanent: true }), 'dead');
    assert.equal((await jobById(job.id)).attempts, 1);
  });

  test('an expired lease is taken back; on the last attempt the job is buried instead', async () => {
    await enqueueJob(t.deps.db, { kind: 'a' }, t.clock);
    await enqueueJob(t.deps.db, { kind: 'last', maxAttempts: 1 }, t.clock);
    const claimed = await claim(['a', 'last'], 10, 'crashed', 30);
    assert.equal(claimed.length, 2);
    assert.equal(await recoverExpiredLeases(t.deps.db, t.clock), 0, 'lease still valid');
    t.clock.advance({ seconds: 31 });
    assert.equal(await recoverExpiredLeases(t.deps.db, t.clock), 2);
    const [a] = await listJobs(t.deps.db, { kind: 'a' });
    assert.equal(a?.status, 'queued');
    assert.equal(a?.locked_by, null);
    assert.equal(a?.attempts, 1, 'the crashed attempt counts');
    assert.match(a?.last_error ?? '', /lease expired/);
    const [last] = await listJobs(t.deps.db, { kind: 'last' });
    assert.equal(last?.status, 'dead');
    assert.equal(last?.finished_at, t.clock.now().toString());
    // The old holder can no longer complete it.
    assert.equal(await completeJob(t.deps.db, { id: a?.id ?? '', locked_by: 'crashed' }, t.clock), false);
    assert.equal((await claim(['a'], 10, 'w2'))[0]?.attempts, 2);
  });

  test('release hands back only this worker’s running jobs, without counting the attempt', async () => {
    for (let n = 0; n < 3; n += 1) await enqueueJob(t.deps.db, { kind: 'a' }, t.clock);
    await claim(['a'], 2, 'stopping');
    await claim(['a'], 1, 'staying');
    assert.equal(await releaseJobs(t.deps.db, 'stopping', t.clock), 2);
    const rows = await t.deps.db.selectFrom('job').selectAll().orderBy('id').execute();
    assert.deepEqual(
      rows.map((row) => [row.status, row.attempts, row.locked_by]),
      [
        ['queued', 0, null],
        ['queued', 0, null],
        ['running', 1, 'staying'],
      ],
    );
  });

  test('list hides payloads; retry revives only dead jobs with fresh attempts', async () => {
    await enqueueJob(t.deps.db, { kind: 'mailish', payload: { to: 'someone@example.com' }, maxAttempts: 1 }, t.clock);
    const [job] = await claim(['mailish']);
    assert.ok(job);
    await failJob(t.deps.db, job, 'refused', t.clock);
    const [listed] = await listJobs(t.deps.db, { status: 'dead' });
    assert.equal(listed?.id, job.id);
    assert.equal('payload' in (listed ?? {}), false);
    assert.equal((await listJobs(t.deps.db, { status: 'queued' })).length, 0);

    t.clock.advance({ hours: 2 });
    assert.equal(await retryJob(t.deps.db, 'not-a-number', t.clock), false);
    assert.equal(await retryJob(t.deps.db, '999999', t.clock), false);
    assert.equal(await retryJob(t.deps.db, job.id, t.clock), true);
    assert.equal(await retryJob(t.deps.db, job.id, t.clock), false, 'no longer dead');
    const row = await jobById(job.id);
    assert.deepEqual([row.status, row.attempts, row.finished_at, row.run_at], ['queued', 0, null, t.clock.now().toString()]);
    assert.equal((await claim(['mailish']))[0]?.attempts, 1);
  });

  test('instants are stored exactly (no local-time shift)', async () => {
    const runAt = Temporal.Instant.from('2026-11-01T06:30:00.123Z');
    const result = await enqueueJob(t.deps.db, { kind: 'a', runAt }, t.clock);
    assert.ok('id' in result);
    assert.equal((await jobById(result.id)).run_at, '2026-11-01T06:30:00.123Z');
  });
});
