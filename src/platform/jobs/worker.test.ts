import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { after, before, beforeEach, describe, test } from 'node:test';
import { enqueueJob, listJobs } from './job-queue.ts';
import { createJobTestContext, type JobTestContext } from './job-test-support.ts';
import { createWorker, type JobContext, PermanentJobError, redactEmailAddresses } from './worker.ts';

async function waitFor(condition: () => Promise<boolean> | boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('job worker', () => {
  let t: JobTestContext;
  const logLines: string[] = [];
  before(async () => {
    const logStream = new PassThrough();
    logStream.on('data', (chunk: Buffer) => logLines.push(...chunk.toString('utf8').split('\n').filter(Boolean)));
    t = await createJobTestContext({ logStream });
  });
  after(async () => {
    await t.close();
  });
  beforeEach(async () => {
    await t.deps.db.deleteFrom('job').execute();
    t.clock.set('2026-03-02T09:00:00Z');
    logLines.length = 0;
  });

  const statusOf = async (kind: string) => (await listJobs(t.deps.db, { kind })).map((job) => job.status);

  test('runOnce runs due jobs to completion and leaves kinds without a handler alone', async () => {
    const seen: Array<{ payload: Record<string, unknown>; job: JobContext['job'] }> = [];
    await enqueueJob(t.deps.db, { kind: 'greet', payload: { who: 'world' } }, t.clock);
    await enqueueJob(t.deps.db, { kind: 'greet', payload: { who: 'later' }, runAt: t.clock.now().add({ hours: 1 }) }, t.clock);
    await enqueueJob(t.deps.db, { kind: 'nobody.handles.this' }, t.clock);
    const worker = createWorker({
      deps: t.deps,
      handlers: {
        greet: async (payload, context) => {
          seen.push({ payload, job: context.job });
        },
      },
    });
    assert.equal(await worker.runOnce(), 1);
    assert.deepEqual(seen[0]?.payload, { who: 'world' });
    assert.equal(seen[0]?.job.kind, 'greet');
    assert.equal(seen[0]?.job.attempt, 1);
    assert.deepEqual(await statusOf('greet'), ['queued', 'succeeded']);
    assert.deepEqual(await statusOf('nobody.handles.this'), ['queued']);
    t.clock.advance({ hours: 1 });
    assert.equal(await worker.runOnce(), 1);
  });

  test('a handler may use the database and enqueue follow-up work (no transaction is held open around it)', async () => {
    await enqueueJob(t.deps.db, { kind: 'step', payload: { n: 1 } }, t.clock);
    const worker = createWorker({
      deps: t.deps,
      handlers: {
        step: async (payload, context) => {
          const n = Number(payload.n);
          if (n < 3) await enqueueJob(context.deps.db, { kind: 'step', payload: { n: n + 1 } }, context.deps.clock);
        },
      },
    });
    assert.equal(await worker.runOnce(), 3);
    assert.deepEqual(await statusOf('step'), ['succeeded', 'succeeded', 'succeeded']);
  });

  test('a throwing handler is retried after its back-off; a permanent error buries the job at once', async () => {
    let calls = 0;
    await enqueueJob(t.deps.db, { kind: 'flaky' }, t.clock);
    await enqueueJob(t.deps.db, { kind: 'broken' }, t.clock);
    const worker = createWorker({
      deps: t.deps,
      handlers: {
        flaky: async () => {
          calls += 1;
          if (calls === 1) throw new Error('temporarily unavailable');
        },
        broken: async () => {
          throw new PermanentJobError('payload makes no sense');
        },
      },
    });
    assert.equal(await worker.runOnce(), 2);
    const [flaky] = await listJobs(t.deps.db, { kind: 'flaky' });
    assert.equal(flaky?.status, 'queued');
    assert.equal(flaky?.last_error, 'Error: temporarily unavailable');
    const [broken] = await listJobs(t.deps.db, { kind: 'broken' });
    assert.equal(broken?.status, 'dead');
    assert.equal(broken?.last_error, 'PermanentJobError: payload makes no sense');

    assert.equal(await worker.runOnce(), 0, 'the back-off has not passed');
    t.clock.advance({ seconds: 10 });
    assert.equal(await worker.runOnce(), 1);
    assert.deepEqual(await statusOf('flaky'), ['succeeded']);
    assert.equal(calls, 2);
  });

  test('error texts and logs never carry a mail address or the payload', async () => {
    await enqueueJob(t.deps.db, { kind: 'mailish', payload: { to: 'anne.de.vries@example.nl', secret: 'payload-marker' } }, t.clock);
    const worker = createWorker({
      deps: t.deps,
      handlers: {
        mailish: async () => {
          throw new Error('550 5.1.1 <anne.de.vries@example.nl>: Recipient address rejected');
        },
      },
    });
    await worker.runOnce();
    const [job] = await listJobs(t.deps.db, { kind: 'mailish' });
    assert.equal(job?.last_error, 'Error: 550 5.1.1 <[email]>: Recipient address rejected');
    const logs = logLines.join('\n');
    assert.match(logs, /job failed/);
    assert.doesNotMatch(logs, /anne\.de\.vries|example\.nl|payload-marker/);
    assert.equal(redactEmailAddresses('to a@b.co and c.d+e@f-g.example.org'), 'to [email] and [email]');
  });

  test('runs at most `concurrency` handlers at once', async () => {
    for (let n = 0; n < 5; n += 1) await enqueueJob(t.deps.db, { kind: 'slow' }, t.clock);
    let running = 0;
    let peak = 0;
    const worker = createWorker({
      deps: t.deps,
      concurrency: 2,
      handlers: {
        slow: async () => {
          running += 1;
          peak = Math.max(peak, running);
          await new Promise((resolve) => setTimeout(resolve, 20));
          running -= 1;
        },
      },
    });
    assert.equal(await worker.runOnce(), 5);
    assert.equal(peak, 2);
  });

  test('a started worker polls, and stop() waits for a handler that finishes in time', async () => {
    const worker = createWorker({
      deps: t.deps,
      pollIntervalMs: 10,
      handlers: {
        quick: async () => {
          await new Promise((resolve) => setTimeout(resolve, 30));
        },
      },
    });
    worker.start();
    assert.throws(() => worker.start(), /already started/);
    await enqueueJob(t.deps.db, { kind: 'quick' }, t.clock);
    await waitFor(async () => (await statusOf('quick'))[0] === 'running', 'the job to start');
    await worker.stop();
    assert.deepEqual(await statusOf('quick'), ['succeeded']);
  });

  test('a started worker refills a freed slot at once instead of waiting for the next poll', async () => {
    for (let n = 0; n < 10; n += 1) await enqueueJob(t.deps.db, { kind: 'burst' }, t.clock);
    const worker = createWorker({ deps: t.deps, pollIntervalMs: 60_000, concurrency: 2, handlers: { burst: async () => {} } });
    worker.start();
    await waitFor(async () => (await statusOf('burst')).every((status) => status === 'succeeded'), 'the burst to finish', 3000);
    await worker.stop();
  });

  test('stop() releases a job whose handler does not finish in time, without counting the attempt', async () => {
    let aborted = false;
    const worker = createWorker({
      deps: t.deps,
      pollIntervalMs: 10,
      stopTimeoutMs: 50,
      handlers: {
        stuck: (_payload, context) =>
          new Promise<void>((_resolve, reject) => {
            context.signal.addEventListener('abort', () => {
              aborted = true;
              reject(context.signal.reason);
            });
          }),
      },
    });
    await enqueueJob(t.deps.db, { kind: 'stuck' }, t.clock);
    worker.start();
    await waitFor(async () => (await statusOf('stuck'))[0] === 'running', 'the job to start');
    await worker.stop();
    assert.equal(aborted, true);
    const [job] = await listJobs(t.deps.db, { kind: 'stuck' });
    assert.deepEqual([job?.status, job?.attempts, job?.locked_by], ['queued', 0, null]);
    assert.match(logLines.join('\n'), /released unfinished jobs/);
  });
});
