import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { createTestDatabase, type TestDatabase, testDatabaseKind } from '../testing/test-database.ts';
import { GENESIS_PREV_HASH } from './audit-hash.ts';
import { asSuperuserAttacker, chainSeqs, databaseError, oneToN, recordEvents, staffActor, testClock } from './audit-test-support.ts';
import { recordAuditEvent } from './record-audit-event.ts';
import { sealAuditEvents } from './seal-audit-events.ts';
import { verifyAuditChain } from './verify-audit-chain.ts';

describe('sealAuditEvents', () => {
  let database: TestDatabase;
  let db: Db;
  const clock = testClock();

  before(async () => {
    database = await createTestDatabase();
    db = database.db;
  });
  after(async () => {
    await database?.close();
  });
  beforeEach(async () => {
    await asSuperuserAttacker(database, async (query) => {
      await query('DELETE FROM audit_event');
    });
  });

  it('links the events in id order from the genesis hash, then verify passes', async () => {
    await recordEvents(db, clock, 5);
    clock.advance({ seconds: 3 });
    assert.deepEqual(await sealAuditEvents(db, clock), { sealed: 5 });
    const rows = await db.selectFrom('audit_event').selectAll().orderBy('chain_seq').execute();
    assert.deepEqual(
      rows.map((row) => Number(row.chain_seq)),
      oneToN(5),
    );
    assert.equal(rows[0]?.prev_hash, GENESIS_PREV_HASH);
    for (let i = 1; i < rows.length; i += 1) assert.equal(rows[i]?.prev_hash, rows[i - 1]?.hash);
    assert.ok(rows.every((row) => /^[0-9a-f]{64}$/.test(row.hash ?? '') && row.sealed_at === clock.now().toString()));
    assert.deepEqual(await verifyAuditChain(db), { ok: true, checked: 5, unsealed: 0 });
    // Nothing left: a second run seals nothing and changes nothing.
    assert.deepEqual(await sealAuditEvents(db, clock), { sealed: 0 });
    assert.deepEqual(await verifyAuditChain(db), { ok: true, checked: 5, unsealed: 0 });
  });

  it('seals in batches and stops after maxBatches, leaving the rest for the next run', async () => {
    await recordEvents(db, clock, 10);
    assert.deepEqual(await sealAuditEvents(db, clock, { batchSize: 3, maxBatches: 2 }), { sealed: 6 });
    assert.deepEqual(await verifyAuditChain(db), { ok: true, checked: 6, unsealed: 4 });
    await recordEvents(db, clock, 2);
    assert.deepEqual(await sealAuditEvents(db, clock, { batchSize: 3 }), { sealed: 6 });
    assert.deepEqual(await chainSeqs(db), oneToN(12));
    assert.deepEqual(await verifyAuditChain(db, { pageSize: 5 }), { ok: true, checked: 12, unsealed: 0 });
  });

  it('seals an event that committed late at the next position', async () => {
    // A transaction that took its id early but committed after later ids were sealed; the same
    // rows as a real late commit (tested below on PostgreSQL), on a database with one connection.
    const reserved = (await sql<{ id: string }>`SELECT nextval('audit_event_id_seq')::text AS id`.execute(db)).rows[0]!;
    await recordEvents(db, clock, 3);
    await sealAuditEvents(db, clock);
    await db
      .insertInto('audit_event')
      .values({
        id: reserved.id,
        occurred_at: clock.now().toString(),
        actor_type: 'system',
        actor_id: 'late',
        action: 'job.run',
        subject_type: 'job',
        subject_id: null,
        request_id: null,
        purpose: null,
        personal_details: null,
        chain_seq: null,
        prev_hash: null,
        hash: null,
        sealed_at: null,
      })
      .execute();
    assert.deepEqual(await sealAuditEvents(db, clock), { sealed: 1 });
    const late = await db.selectFrom('audit_event').select(['id', 'chain_seq']).where('actor_id', '=', 'late').executeTakeFirstOrThrow();
    assert.deepEqual(late, { id: reserved.id, chain_seq: '4' });
    const firstSealed = await db
      .selectFrom('audit_event')
      .select((eb) => eb.fn.min('id').as('id'))
      .where('actor_id', '=', 'user-1')
      .executeTakeFirstOrThrow();
    assert.ok(BigInt(late.id) < BigInt(firstSealed.id as string), 'the late event has the smallest id but the last position');
    assert.deepEqual(await verifyAuditChain(db), { ok: true, checked: 4, unsealed: 0 });
  });

  it('seals an event whose transaction was still open, once it commits', { skip: testDatabaseKind() === 'pglite' && 'needs two connections' }, async () => {
    let recordedEarly!: () => void;
    const early = new Promise<void>((resolve) => {
      recordedEarly = resolve;
    });
    let commitEarly!: () => void;
    const mayCommit = new Promise<void>((resolve) => {
      commitEarly = resolve;
    });
    const slow = db.transaction().execute(async (trx) => {
      await recordAuditEvent(trx, { actor: staffActor, action: 'claim.slow', subject: { type: 'claim', id: 'slow' } }, clock);
      recordedEarly();
      await mayCommit;
    });
    await early;
    await recordEvents(db, clock, 2);
    // The sealer sees only committed rows: it seals the two later events and does not wait.
    assert.deepEqual(await sealAuditEvents(db, clock), { sealed: 2 });
    commitEarly();
    await slow;
    assert.deepEqual(await sealAuditEvents(db, clock), { sealed: 1 });
    const slowRow = await db.selectFrom('audit_event').select('chain_seq').where('subject_id', '=', 'slow').executeTakeFirstOrThrow();
    assert.equal(slowRow.chain_seq, '3');
    assert.deepEqual(await verifyAuditChain(db), { ok: true, checked: 3, unsealed: 0 });
  });

  it('makes one gap-free chain when several sealers run at once, while events keep arriving', async () => {
    await recordEvents(db, clock, 120);
    const sealers = Array.from({ length: 3 }, () => sealAuditEvents(db, clock, { batchSize: 7 }));
    const [sealedByEach] = await Promise.all([Promise.all(sealers), recordEvents(db, clock, 60)]);
    const sealedAtOnce = sealedByEach.reduce((sum, result) => sum + result.sealed, 0);
    const { sealed: rest } = await sealAuditEvents(db, clock, { batchSize: 7 });
    assert.equal(sealedAtOnce + rest, 180);
    assert.deepEqual(await chainSeqs(db), oneToN(180));
    assert.deepEqual(await verifyAuditChain(db, { pageSize: 50 }), { ok: true, checked: 180, unsealed: 0 });
  });

  it('refuses to run inside a caller’s transaction', async () => {
    await assert.rejects(
      db.transaction().execute((trx) => sealAuditEvents(trx, clock)),
      /opens its own transactions/,
    );
  });

  describe('with the append-only trigger', () => {
    it('refuses to change or delete a sealed event, or to seal it again', async () => {
      await recordEvents(db, clock, 2);
      await sealAuditEvents(db, clock);
      const refused = async (statement: ReturnType<typeof sql>, message: RegExp) => {
        const error = await statement.execute(db).then(
          () => assert.fail('the trigger let it through'),
          (caught: unknown) => databaseError(caught),
        );
        assert.equal(error.code, '42501');
        assert.match(error.message, message);
      };
      await refused(sql`UPDATE audit_event SET details = '{"index": 99}' WHERE chain_seq = 1`, /append-only and cannot be changed/);
      await refused(sql`UPDATE audit_event SET action = 'claim.edit' WHERE chain_seq = 1`, /append-only and cannot be changed/);
      await refused(sql`DELETE FROM audit_event WHERE chain_seq = 2`, /append-only and cannot be deleted/);
      await refused(sql`UPDATE audit_event SET hash = repeat('0', 64) WHERE chain_seq = 2`, /cannot be re-sealed/);
      await refused(sql`UPDATE audit_event SET chain_seq = 7 WHERE chain_seq = 2`, /cannot be re-sealed/);
      assert.deepEqual(await verifyAuditChain(db), { ok: true, checked: 2, unsealed: 0 });
    });

    it('refuses to change an unsealed event too', async () => {
      await recordEvents(db, clock, 1);
      await assert.rejects(sql`UPDATE audit_event SET details = '{}'`.execute(db), /append-only and cannot be changed/);
      await assert.rejects(sql`DELETE FROM audit_event`.execute(db), /append-only and cannot be deleted/);
      await assert.rejects(sql`TRUNCATE audit_event`.execute(db), /append-only and cannot be truncated/);
      const left = await db.selectFrom('audit_event').select('id').execute();
      assert.equal(left.length, 1);
    });

    it('lets erasure null personal_details on a sealed event, and the chain still verifies', async () => {
      await recordEvents(db, clock, 3);
      await sealAuditEvents(db, clock);
      await db.updateTable('audit_event').set({ personal_details: null }).where('chain_seq', '=', '2').execute();
      const erased = await db.selectFrom('audit_event').select('personal_details').where('chain_seq', '=', '2').executeTakeFirstOrThrow();
      assert.equal(erased.personal_details, null);
      assert.deepEqual(await verifyAuditChain(db), { ok: true, checked: 3, unsealed: 0 });
    });
  });
});
