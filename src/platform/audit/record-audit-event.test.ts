import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { Actor } from '../auth/actor.ts';
import type { Trx } from '../db/transaction.ts';
import { createTestDatabase, type TestDatabase, testDatabaseKind } from '../testing/test-database.ts';
import { asSuperuserAttacker, staffActor, testClock } from './audit-test-support.ts';
import { recordAuditEvent } from './record-audit-event.ts';

describe('recordAuditEvent', () => {
  let database: TestDatabase;
  const clock = testClock();

  before(async () => {
    database = await createTestDatabase();
  });
  after(async () => {
    await database?.close();
  });
  beforeEach(async () => {
    // Each test starts from an empty log; only an attacker (or a test) can empty it.
    await asSuperuserAttacker(database, async (query) => {
      await query('DELETE FROM audit_event');
    });
  });

  async function recordAs(actor: Actor, extra: { purpose?: string | null } = {}) {
    await database.db
      .transaction()
      .execute((trx) => recordAuditEvent(trx, { actor, action: 'policy.view', subject: { type: 'policy', id: 'p-1' }, ...extra }, clock));
    return database.db.selectFrom('audit_event').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
  }

  it('writes the event in the caller’s transaction, unsealed', async () => {
    await database.db.transaction().execute((trx) =>
      recordAuditEvent(
        trx,
        {
          actor: staffActor,
          action: 'claim.approve',
          subject: { type: 'claim', id: 'c-9' },
          outcome: 'success',
          details: { amount: '120.00', currency: 'USD' },
          personalDetails: { claimant: 'Ann Smith' },
          requestId: 'req-1',
        },
        clock,
      ),
    );
    const row = await database.db.selectFrom('audit_event').selectAll().executeTakeFirstOrThrow();
    assert.equal(row.occurred_at, '2026-11-21T13:38:59.123456Z');
    assert.deepEqual(
      { ...row, id: undefined, occurred_at: undefined },
      {
        id: undefined,
        occurred_at: undefined,
        actor_type: 'user',
        actor_id: 'user-1',
        actor_roles: ['adjuster'],
        action: 'claim.approve',
        subject_type: 'claim',
        subject_id: 'c-9',
        outcome: 'success',
        request_id: 'req-1',
        purpose: 'claim review',
        details: { amount: '120.00', currency: 'USD' },
        personal_details: { claimant: 'Ann Smith' },
        chain_seq: null,
        prev_hash: null,
        hash: null,
        sealed_at: null,
      },
    );
  });

  it('leaves no event when the business transaction rolls back', async () => {
    await assert.rejects(
      database.db.transaction().execute(async (trx) => {
        await recordAuditEvent(trx, { actor: staffActor, action: 'claim.approve', subject: { type: 'claim', id: 'c-1' } }, clock);
        throw new Error('the business change failed');
      }),
      /the business change failed/,
    );
    const { count } = await database.db
      .selectFrom('audit_event')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .executeTakeFirstOrThrow();
    assert.equal(Number(count), 0);
  });

  it('maps each kind of actor', async () => {
    const viaToken = await recordAs({ kind: 'user', userId: 'u-2', roles: ['partner'], locale: 'nl', via: 'api_token', apiTokenId: 't-1' });
    assert.deepEqual([viaToken.actor_type, viaToken.actor_id, viaToken.actor_roles, viaToken.purpose], ['api_token', 'u-2', ['partner'], null]);
    const anonymous = await recordAs({ kind: 'anonymous' });
    assert.deepEqual([anonymous.actor_type, anonymous.actor_id, anonymous.actor_roles], ['anonymous', null, []]);
    const system = await recordAs({ kind: 'system', name: 'retention-purge' });
    assert.deepEqual([system.actor_type, system.actor_id, system.actor_roles], ['system', 'retention-purge', []]);
  });

  it('takes the purpose from the argument, else from the acting user', async () => {
    assert.equal((await recordAs(staffActor)).purpose, 'claim review');
    assert.equal((await recordAs(staffActor, { purpose: 'fraud check' })).purpose, 'fraud check');
    assert.equal((await recordAs({ kind: 'system', name: 'job' }, { purpose: 'retention' })).purpose, 'retention');
  });

  it('refuses to run outside a transaction, where it could outlive a rolled-back change', async () => {
    await assert.rejects(
      recordAuditEvent(database.db as unknown as Trx, { actor: staffActor, action: 'claim.view', subject: { type: 'claim' } }, clock),
      /must be called with the transaction/,
    );
  });

  it('refuses details that JSON would change silently', async () => {
    await assert.rejects(
      database.db
        .transaction()
        .execute((trx) =>
          recordAuditEvent(trx, { actor: staffActor, action: 'claim.view', subject: { type: 'claim' }, details: { ratio: Number.NaN } }, clock),
        ),
      /NaN/,
    );
    await assert.rejects(
      database.db.transaction().execute((trx) => recordAuditEvent(trx, { actor: staffActor, action: ' ', subject: { type: 'claim' } }, clock)),
      /needs an action/,
    );
  });

  it('takes no lock that another recording transaction waits on', {
    skip: testDatabaseKind() === 'pglite' && 'PGlite has one connection, so transactions cannot overlap',
    timeout: 15_000,
  }, async () => {
    // A records and stays open until B has recorded and committed. With a chain head locked by
    // every writer, B would wait for A and A for B: the test would time out.
    const record = (trx: Trx, id: string) => recordAuditEvent(trx, { actor: staffActor, action: 'claim.view', subject: { type: 'claim', id } }, clock);
    let recordedInA!: () => void;
    const aHasRecorded = new Promise<void>((resolve) => {
      recordedInA = resolve;
    });
    const a = database.db.transaction().execute(async (trx) => {
      await record(trx, 'a');
      recordedInA();
      await b;
    });
    const b = aHasRecorded.then(() => database.db.transaction().execute((trx) => record(trx, 'b')));
    await Promise.all([a, b]);
    const rows = await database.db.selectFrom('audit_event').select(['subject_id', 'id']).orderBy('id').execute();
    // A took the smaller id but committed last: the sealer will still seal both (see seal tests).
    assert.deepEqual(
      rows.map((row) => row.subject_id),
      ['a', 'b'],
    );
  });
});
