import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { Db } from '../db/database.ts';
import { runShaped } from '../db/precompiled.ts';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.ts';
import { asSuperuserAttacker, staffActor, testClock } from './audit-test-support.ts';
import { type AuditedChangeQuery, changesWithAuditEvents, changeWithAuditEvents, recordAuditEvents } from './record-audit-event.ts';

/** Several events of one change in one insert, and a change with its events in one statement (docs/operations/performance.md). */
describe('recordAuditEvents and changeWithAuditEvents', () => {
  let database: TestDatabase;
  const clock = testClock();

  before(async () => {
    database = await createTestDatabase();
  });
  after(async () => {
    await database?.close();
  });
  beforeEach(async () => {
    await asSuperuserAttacker(database, async (query) => {
      await query('DELETE FROM audit_event');
      await query('DELETE FROM idempotency_record');
    });
  });

  /** Any write will do: an idempotency record has no foreign keys. */
  const change = (key: string): AuditedChangeQuery<'idempotency_record'> => ({
    shape: 'test.idempotency-record',
    values: ['test-scope', key, 'hash', 201, '{}', '2026-11-21T12:00:00Z'],
    build: (db, value) =>
      db.insertInto('idempotency_record').values({
        scope: value(0),
        idempotency_key: value(1),
        request_hash: value(2),
        status_code: value(3),
        response_body: value(4),
        created_at: value(5),
      }),
  });
  const event = (action: string, id: string) => ({ actor: staffActor, action, subject: { type: 'claim', id }, details: { n: id } });
  const events = (db: Db) => db.selectFrom('audit_event').select(['id', 'action', 'subject_id', 'details', 'hash']).orderBy('id').execute();
  const records = (db: Db) => db.selectFrom('idempotency_record').select('idempotency_key').orderBy('idempotency_key').execute();

  it('writes several events of one change unsealed, with ids in the order given', async () => {
    await database.db.transaction().execute((trx) => recordAuditEvents(trx, [event('invoice.issued', 'i-1'), event('policy.issued', 'p-1')], clock));
    const rows = await events(database.db);
    assert.deepEqual(
      rows.map((row) => [row.action, row.subject_id, row.details, row.hash]),
      [
        ['invoice.issued', 'i-1', { n: 'i-1' }, null],
        ['policy.issued', 'p-1', { n: 'p-1' }, null],
      ],
    );
  });

  it('writes the change and its events together, the same way every time (compiled once per shape)', async () => {
    for (const key of ['k-1', 'k-2']) {
      await database.db.transaction().execute((trx) => changeWithAuditEvents(trx, change(key), [event('a.first', key), event('a.second', key)], clock));
    }
    assert.deepEqual(
      (await records(database.db)).map((row) => row.idempotency_key),
      ['k-1', 'k-2'],
    );
    assert.deepEqual(
      (await events(database.db)).map((row) => `${row.action} ${row.subject_id}`),
      ['a.first k-1', 'a.second k-1', 'a.first k-2', 'a.second k-2'],
    );
  });

  it('leaves neither the change nor its events when the business transaction rolls back', async () => {
    await assert.rejects(
      database.db.transaction().execute(async (trx) => {
        await changeWithAuditEvents(trx, change('k-9'), [event('a.first', 'k-9')], clock);
        throw new Error('the business change failed');
      }),
      /business change failed/,
    );
    assert.deepEqual(await records(database.db), []);
    assert.deepEqual(await events(database.db), []);
  });

  it('on the plain database the change and its event are still one atomic statement: both or neither', async () => {
    await changeWithAuditEvents(database.db, change('k-3'), [event('a.first', 'k-3')], clock);
    assert.equal((await events(database.db)).filter((row) => JSON.stringify(row).includes('k-3')).length, 1);
    await assert.rejects(changeWithAuditEvents(database.db, change('k-3'), [event('a.first', 'k-3')], clock));
    assert.equal((await events(database.db)).filter((row) => JSON.stringify(row).includes('k-3')).length, 1, 'a failed change leaves no event');
  });

  it('refuses events that are not valid, writing nothing', async () => {
    await assert.rejects(
      database.db.transaction().execute((trx) => changeWithAuditEvents(trx, change('k-4'), [event(' ', 'k-4')], clock)),
      /needs an action/,
    );
    await assert.rejects(
      database.db
        .transaction()
        .execute((trx) => recordAuditEvents(trx, [event('a.first', 'x'), { ...event('a.second', 'y'), details: { n: Number.NaN } }], clock)),
    );
    assert.deepEqual(await records(database.db), []);
    assert.deepEqual(await events(database.db), []);
  });

  it('writes several changes and their events in one statement, all or nothing', async () => {
    await database.db.transaction().execute((trx) => changesWithAuditEvents(trx, [change('m-1'), change('m-2')], [event('m.both', 'm-1')], clock));
    assert.deepEqual(
      (await records(database.db)).map((row) => row.idempotency_key),
      ['m-1', 'm-2'],
    );
    assert.deepEqual(
      (await events(database.db)).map((row) => `${row.action} ${row.subject_id}`),
      ['m.both m-1'],
    );
    // The second change conflicts with the first (same key): neither change nor the event is written.
    await assert.rejects(changesWithAuditEvents(database.db, [change('m-3'), change('m-1')], [event('m.both', 'm-3')], clock));
    assert.deepEqual(
      (await records(database.db)).map((row) => row.idempotency_key),
      ['m-1', 'm-2'],
    );
    assert.equal((await events(database.db)).length, 1);
  });

  it('a shaped statement must bind every value it is given (a value used for the shape would be lost)', async () => {
    await assert.rejects(
      runShaped(database.db, {
        shape: 'test.unbound-value',
        values: ['used', 'not used'],
        build: (db, value) => db.selectFrom('audit_event').select('id').where('action', '=', value(0)),
      }),
      /value 1 is not a bound parameter/,
    );
  });
});
