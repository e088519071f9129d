import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Db } from '../db/database.ts';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.ts';
import { asSuperuserAttacker, recordEvents, type SqlQuery, testClock } from './audit-test-support.ts';
import { sealAuditEvents } from './seal-audit-events.ts';
import { type AuditChainReport, verifyAuditChain } from './verify-audit-chain.ts';

/**
 * One sealed chain of 10 events (plus 2 unsealed). Each test tampers as a superuser would, checks
 * what verify reports, then puts the row back exactly as it was and checks the chain is intact
 * again: that also proves verify reads the database afresh and has no cached verdict.
 */
describe('verifyAuditChain', () => {
  let database: TestDatabase;
  let db: Db;
  const clock = testClock();
  const intact = { ok: true, checked: 10, unsealed: 2 } as const;

  before(async () => {
    database = await createTestDatabase();
    db = database.db;
    await recordEvents(db, clock, 10, (index) => ({ index, amount: `${index}.00`, flags: ['a', 'b'] }));
    await sealAuditEvents(db, clock, { batchSize: 4 });
    await recordEvents(db, clock, 2);
  });
  after(async () => {
    await database?.close();
  });

  type Tampering = { tamper: (query: SqlQuery) => Promise<void>; restore: (query: SqlQuery) => Promise<void> };

  /** Changes the event at `seq` with `statement` ($1 is its chain_seq); restore puts the saved row back as it was. */
  function edit(seq: number, statement: string, parameters: unknown[] = []): Tampering {
    let saved: Record<string, unknown> | undefined;
    return {
      tamper: async (query) => {
        [saved] = await query('SELECT id, row_to_json(e)::text AS row FROM audit_event e WHERE chain_seq = $1', [seq]);
        await query(statement, [seq, ...parameters]);
      },
      restore: async (query) => {
        await query('DELETE FROM audit_event WHERE id = $1', [saved?.id]);
        // Every stored column but mentions, which the database generates from personal_details (migration 0022).
        const columns =
          'id, occurred_at, actor_type, actor_id, actor_roles, action, subject_type, subject_id, outcome, request_id, purpose, details, personal_details, chain_seq, prev_hash, hash, sealed_at';
        await query(`INSERT INTO audit_event (${columns}) SELECT ${columns} FROM json_populate_record(NULL::audit_event, $1::json)`, [saved?.row]);
      },
    };
  }

  const removal = (seq: number) => edit(seq, 'DELETE FROM audit_event WHERE chain_seq = $1');

  /** What verify says after the tampering; the row is restored afterwards and the chain checked intact again. */
  async function verifyAfter(tamperings: Tampering[], pageSize?: number) {
    await asSuperuserAttacker(database, async (query) => {
      for (const tampering of tamperings) await tampering.tamper(query);
    });
    try {
      return await verifyAuditChain(db, pageSize ? { pageSize } : {});
    } finally {
      await asSuperuserAttacker(database, async (query) => {
        for (const tampering of tamperings) await tampering.restore(query);
      });
      assert.deepEqual(await verifyAuditChain(db), intact);
    }
  }

  /** [checked, chainSeq, reason] of a broken report, to compare in one line. */
  function breakOf(report: AuditChainReport): [number, string, string] | null {
    return report.ok ? null : [report.checked, report.brokenAt.chainSeq, report.brokenAt.reason];
  }

  async function idAt(seq: number): Promise<string> {
    return (await db.selectFrom('audit_event').select('id').where('chain_seq', '=', String(seq)).executeTakeFirstOrThrow()).id;
  }

  it('passes on an untouched chain, whatever the page size, and counts unsealed events', async () => {
    for (const pageSize of [1, 3, 5, 10, 11, 1000]) assert.deepEqual(await verifyAuditChain(db, { pageSize }), intact);
  });

  it('passes on an empty log', async () => {
    const empty = await createTestDatabase();
    try {
      assert.deepEqual(await verifyAuditChain(empty.db), { ok: true, checked: 0, unsealed: 0 });
    } finally {
      await empty.close();
    }
  });

  it('reports an edited detail as a hash mismatch at that event', async () => {
    const report = await verifyAfter([edit(6, `UPDATE audit_event SET details = jsonb_set(details, '{amount}', '"5000.00"') WHERE chain_seq = $1`)], 4);
    assert.deepEqual(report, { ok: false, checked: 5, brokenAt: { chainSeq: '6', id: await idAt(6), reason: 'hash_mismatch' } });
  });

  it('reports other edited columns too: who acted, what was done, when', async () => {
    for (const [column, value] of [
      ['actor_id', 'someone-else'],
      ['action', 'claim.delete'],
      ['occurred_at', '2020-01-01T00:00:00Z'],
      ['actor_roles', '{admin}'],
    ] as const) {
      const report = await verifyAfter([edit(3, `UPDATE audit_event SET ${column} = $2 WHERE chain_seq = $1`, [value])]);
      assert.deepEqual(breakOf(report), [2, '3', 'hash_mismatch'], column);
    }
  });

  it('reports a rewritten hash at that event, and a rewritten link as a prev_hash mismatch', async () => {
    const hashReport = await verifyAfter([edit(4, `UPDATE audit_event SET hash = repeat('a', 64) WHERE chain_seq = $1`)]);
    assert.deepEqual(breakOf(hashReport), [3, '4', 'hash_mismatch']);
    const prevReport = await verifyAfter([edit(8, `UPDATE audit_event SET prev_hash = repeat('0', 64) WHERE chain_seq = $1`)]);
    assert.deepEqual(breakOf(prevReport), [7, '8', 'prev_hash_mismatch']);
  });

  it('reports a removed event as a gap at the event after it', async () => {
    const report = await verifyAfter([removal(5)], 3);
    assert.deepEqual(report, { ok: false, checked: 4, brokenAt: { chainSeq: '6', id: await idAt(6), reason: 'gap_in_sequence' } });
  });

  it('reports a removed first event as a gap at #2', async () => {
    assert.deepEqual(breakOf(await verifyAfter([removal(1)])), [0, '2', 'gap_in_sequence']);
  });

  it('reports the first break when there are several', async () => {
    const report = await verifyAfter([removal(7), edit(2, `UPDATE audit_event SET subject_id = 'x' WHERE chain_seq = $1`)]);
    assert.deepEqual(breakOf(report), [1, '2', 'hash_mismatch']);
  });
});
