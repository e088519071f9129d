import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { Temporal } from 'temporal-polyfill';
import { createJobTestContext, type JobTestContext } from './job-test-support.ts';
import { defineSchedule, dueSlot, type Schedule, slotDedupeKey, tickSchedules } from './scheduler.ts';
import { createWorker } from './worker.ts';

const NEW_YORK = 'America/New_York';
const nightly = defineSchedule({ name: 'nightly', cron: '0 2 * * *', timeZone: NEW_YORK, kind: 'test.nightly', payload: { scope: 'all' } });
const instant = (text: string) => Temporal.Instant.from(text);
const localTime = (slot: string) => Temporal.Instant.from(slot).toZonedDateTimeISO(NEW_YORK).toPlainDateTime().toString();

describe('schedule slots (pure)', () => {
  test('the due slot is the latest at or before now', () => {
    assert.equal(dueSlot(nightly, instant('2026-03-04T07:00:00Z'))?.toString(), '2026-03-04T07:00:00Z', 'exactly at the slot');
    assert.equal(dueSlot(nightly, instant('2026-03-04T06:59:59.999Z'))?.toString(), '2026-03-03T07:00:00Z', 'just before it');
    assert.equal(dueSlot(nightly, instant('2026-03-04T20:00:00Z'))?.toString(), '2026-03-04T07:00:00Z');
  });

  test('02:00 New York on the spring-forward day (8 March 2026) runs once, at 03:00 EDT, since 02:00 does not exist', () => {
    // EST is UTC-5 until 2026-03-08 02:00 local, EDT (UTC-4) after.
    assert.equal(dueSlot(nightly, instant('2026-03-08T06:59:00Z'))?.toString(), '2026-03-07T07:00:00Z'); // 01:59 EST
    assert.equal(dueSlot(nightly, instant('2026-03-08T07:00:00Z'))?.toString(), '2026-03-08T07:00:00Z'); // 03:00 EDT
    assert.equal(dueSlot(nightly, instant('2026-03-09T06:00:00Z'))?.toString(), '2026-03-09T06:00:00Z'); // 02:00 EDT
  });

  test('02:00 New York on the fall-back day (1 November 2026) runs once, at 02:00 EST', () => {
    // 01:00-01:59 happens twice (EDT, then EST); 02:00 EST = 07:00Z.
    assert.equal(dueSlot(nightly, instant('2026-11-01T06:30:00Z'))?.toString(), '2026-10-31T06:00:00Z'); // 01:30 EST, second pass
    assert.equal(dueSlot(nightly, instant('2026-11-01T07:00:00Z'))?.toString(), '2026-11-01T07:00:00Z');
    const halfPastOne = defineSchedule({ name: 'half-past-one', cron: '30 1 * * *', timeZone: NEW_YORK, kind: 'k' });
    // The repeated 01:30 runs once, at its first occurrence (EDT).
    assert.equal(dueSlot(halfPastOne, instant('2026-11-01T06:45:00Z'))?.toString(), '2026-11-01T05:30:00Z');
  });

  test('a schedule is checked when defined', () => {
    assert.throws(() => defineSchedule({ name: 'x', cron: '0 2 * * *', timeZone: 'Mars/Olympus', kind: 'k' }), /unknown time zone/);
    assert.throws(() => defineSchedule({ name: 'Has Spaces', cron: '0 2 * * *', timeZone: NEW_YORK, kind: 'k' }), /schedule name/);
    assert.throws(() => defineSchedule({ name: 'x', cron: '0 25 * * *', timeZone: NEW_YORK, kind: 'k' }));
    assert.equal(slotDedupeKey(nightly, instant('2026-03-08T07:00:00Z')), 'schedule:nightly:2026-03-08T07:00:00Z');
  });
});

describe('schedule ticks (database)', () => {
  let t: JobTestContext;
  before(async () => {
    t = await createJobTestContext();
  });
  after(async () => {
    await t.close();
  });
  beforeEach(async () => {
    await t.deps.db.deleteFrom('job').execute();
  });

  const jobs = () => t.deps.db.selectFrom('job').selectAll().orderBy('run_at').execute();

  test('two instances ticking at the same moment create exactly one job per slot', async () => {
    t.clock.set('2026-03-04T07:00:30Z');
    const hourly = defineSchedule({ name: 'hourly', cron: '0 * * * *', timeZone: 'UTC', kind: 'test.hourly' });
    const schedules: Schedule[] = [nightly, hourly];
    const results = await Promise.all(Array.from({ length: 5 }, () => tickSchedules(t.deps.db, schedules, t.clock)));
    const rows = await jobs();
    assert.deepEqual(
      rows.map((row) => row.dedupe_key),
      ['schedule:nightly:2026-03-04T07:00:00Z', 'schedule:hourly:2026-03-04T07:00:00Z'],
    );
    const enqueued = results.flat().filter((outcome) => outcome.result === 'enqueued');
    assert.deepEqual(enqueued.map((outcome) => outcome.schedule).sort(), ['hourly', 'nightly']);
    assert.deepEqual(rows.find((row) => row.kind === 'test.nightly')?.payload, { scope: 'all', scheduledFor: '2026-03-04T07:00:00Z' });
  });

  test('a tick remembers the slot it handled; the next slot is enqueued when due', async () => {
    const memory = new Map<string, string>();
    t.clock.set('2026-03-04T08:00:00Z');
    assert.equal((await tickSchedules(t.deps.db, [nightly], t.clock, memory))[0]?.result, 'enqueued');
    assert.equal((await tickSchedules(t.deps.db, [nightly], t.clock, memory))[0]?.result, 'seen');
    assert.equal((await tickSchedules(t.deps.db, [nightly], t.clock))[0]?.result, 'duplicate');
    t.clock.set('2026-03-05T07:00:00Z');
    assert.equal((await tickSchedules(t.deps.db, [nightly], t.clock, memory))[0]?.result, 'enqueued');
    assert.equal((await jobs()).length, 2);
  });

  for (const [change, from, to, expected] of [
    [
      'spring forward',
      '2026-03-06T00:00:00Z',
      '2026-03-11T00:00:00Z',
      ['2026-03-05T07:00:00Z', '2026-03-06T07:00:00Z', '2026-03-07T07:00:00Z', '2026-03-08T07:00:00Z', '2026-03-09T06:00:00Z', '2026-03-10T06:00:00Z'],
    ],
    [
      'fall back',
      '2026-10-30T00:00:00Z',
      '2026-11-03T00:00:00Z',
      ['2026-10-29T06:00:00Z', '2026-10-30T06:00:00Z', '2026-10-31T06:00:00Z', '2026-11-01T07:00:00Z', '2026-11-02T07:00:00Z'],
    ],
  ] as const) {
    test(`ticking every 15 minutes across the ${change} gives one 02:00 job per local day`, async () => {
      t.clock.set(from);
      while (Temporal.Instant.compare(t.clock.now(), instant(to)) < 0) {
        await tickSchedules(t.deps.db, [nightly], t.clock);
        t.clock.advance({ minutes: 15 });
      }
      const slots = (await jobs()).map((row) => row.run_at);
      // The first is the catch-up of the slot before `from`; then one per day.
      assert.deepEqual(slots, expected);
      const localDays = slots.map((slot) => localTime(slot).slice(0, 10));
      assert.equal(new Set(localDays).size, slots.length, 'one job per local date');
      for (const slot of slots) {
        const local = localTime(slot).slice(11, 16);
        assert.ok(local === '02:00' || (slot === '2026-03-08T07:00:00Z' && local === '03:00'), `${slot} is ${local} in New York`);
      }
    });
  }

  test('a worker with schedules ticks them and runs the slot’s job', async () => {
    t.clock.set('2026-03-04T07:05:00Z');
    const ran: unknown[] = [];
    const worker = createWorker({
      deps: t.deps,
      schedules: [nightly],
      handlers: {
        'test.nightly': async (payload) => {
          ran.push(payload.scheduledFor);
        },
      },
    });
    assert.equal(await worker.runOnce(), 1);
    assert.equal(await worker.runOnce(), 0, 'the same slot does not run twice');
    assert.deepEqual(ran, ['2026-03-04T07:00:00Z']);
  });
});
