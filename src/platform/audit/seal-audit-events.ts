import { sql } from 'kysely';
import { type Clock, nowText } from '../clock.ts';
import type { Db } from '../db/database.ts';
import type { Trx } from '../db/transaction.ts';
import { auditEventHash, GENESIS_PREV_HASH, HASHED_COLUMN_NAMES } from './audit-hash.ts';

/**
 * Any fixed number, the same in every Bezel instance: whoever holds it is the only sealer.
 * (The migration lock is 4_242_001; this is issue #2, point 5.)
 */
export const AUDIT_SEAL_LOCK_KEY = 4_242_005;

export type SealOptions = {
  /** Events sealed per transaction: small enough that the lock and the transaction stay short. */
  batchSize?: number;
  /**
   * Stops after this many batches even if more events wait, so one run cannot go on for ever when
   * events arrive faster than one batch takes; the next run (five seconds later) continues.
   */
  maxBatches?: number;
};

/**
 * Links unsealed audit events into the chain: gives each the next chain_seq, the previous event's
 * hash and its own hash, in id order, in batches, each batch in its own short transaction.
 *
 * Safe to run from several instances at once: each batch takes a transaction-level advisory lock
 * before it reads the chain head, so batches from two sealers follow one another and never both
 * extend the same head. An event whose transaction commits late (a smaller id than events already
 * sealed) is simply sealed at the next position: the chain order is sealing order, not id order.
 */
export async function sealAuditEvents(db: Db, clock: Clock, options: SealOptions = {}): Promise<{ sealed: number }> {
  const batchSize = options.batchSize ?? 500;
  const maxBatches = options.maxBatches ?? 1000;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
  if (db.isTransaction) {
    // Inside a caller's transaction the lock would be held, and the seals invisible, until that commits.
    throw new Error('sealAuditEvents opens its own transactions; pass the database, not a transaction');
  }
  let sealed = 0;
  for (let batch = 0; batch < maxBatches; batch += 1) {
    // READ COMMITTED on purpose: each statement then sees what committed before it, so the head read
    // after the lock includes the batch that the previous lock holder just committed. Under
    // REPEATABLE READ the snapshot would be taken by the lock statement, before that commit.
    const count = await db
      .transaction()
      .setIsolationLevel('read committed')
      .execute((trx) => sealBatch(trx, clock, batchSize));
    sealed += count;
    // A short batch means we caught up; events committed since then wait for the next run.
    if (count < batchSize) break;
  }
  return { sealed };
}

async function sealBatch(trx: Trx, clock: Clock, batchSize: number): Promise<number> {
  await sql`SELECT pg_advisory_xact_lock(${AUDIT_SEAL_LOCK_KEY})`.execute(trx);

  const head = await trx
    .selectFrom('audit_event')
    .select(['chain_seq', 'hash'])
    .where('chain_seq', 'is not', null)
    .orderBy('chain_seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  // Uses the partial index audit_event_unsealed, so the cost does not grow with the sealed history.
  const rows = await trx.selectFrom('audit_event').select(HASHED_COLUMN_NAMES).where('hash', 'is', null).orderBy('id').limit(batchSize).execute();
  if (rows.length === 0) return 0;

  if (head && head.hash === null) {
    // Only possible if someone edited the table by hand; extending it would hide the damage.
    throw new Error(`Audit event #${head.chain_seq} has a chain_seq but no hash; run \`bezel audit verify\``);
  }
  let seq = head ? BigInt(head.chain_seq as string) : 0n;
  let prevHash = head?.hash ?? GENESIS_PREV_HASH;
  const ids: string[] = [];
  const seqs: string[] = [];
  const prevHashes: string[] = [];
  const hashes: string[] = [];
  for (const row of rows) {
    seq += 1n;
    const hash = auditEventHash(row, seq.toString(), prevHash);
    ids.push(row.id);
    seqs.push(seq.toString());
    prevHashes.push(prevHash);
    hashes.push(hash);
    prevHash = hash;
  }

  // One statement for the whole batch instead of one round trip per event. Only the seal columns
  // change, on rows that are still unsealed, which is exactly what the audit_event_guard trigger allows.
  const result = await sql`
    UPDATE audit_event AS e
       SET chain_seq = v.chain_seq, prev_hash = v.prev_hash, hash = v.hash, sealed_at = ${nowText(clock)}::timestamptz
      FROM unnest(${ids}::bigint[], ${seqs}::bigint[], ${prevHashes}::text[], ${hashes}::text[]) AS v(id, chain_seq, prev_hash, hash)
     WHERE e.id = v.id AND e.hash IS NULL`.execute(trx);
  if (Number(result.numAffectedRows ?? -1) !== rows.length) {
    // Cannot happen while every sealer takes the lock; if it does, roll back rather than leave a hole.
    throw new Error(`Audit sealer expected to seal ${rows.length} events but sealed ${result.numAffectedRows}; rolled back`);
  }
  return rows.length;
}
