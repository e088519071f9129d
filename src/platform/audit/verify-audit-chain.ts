import type { Db } from '../db/database.ts';
import { auditEventHash, GENESIS_PREV_HASH, HASHED_COLUMN_NAMES } from './audit-hash.ts';

export type AuditChainBreak = 'hash_mismatch' | 'prev_hash_mismatch' | 'gap_in_sequence';

export type AuditChainReport =
  | { ok: true; checked: number; unsealed: number }
  | { ok: false; checked: number; brokenAt: { chainSeq: string; id: string; reason: AuditChainBreak } };

export type VerifyOptions = {
  /** Events read per query: the walk never holds more than one page in memory. */
  pageSize?: number;
};

/**
 * Walks the sealed chain from #1 in chain_seq order and reports the first broken link:
 * - gap_in_sequence: chain_seq is not the previous one plus one (an event was removed, or #1 is missing);
 * - prev_hash_mismatch: the event does not point at the hash of the event before it;
 * - hash_mismatch: the event's content (or its hash) was changed after sealing.
 * `checked` counts the events that passed before the break.
 *
 * Pages use keyset pagination (chain_seq > last) rather than OFFSET, so each page is an index range
 * scan, and no long transaction is held: sealed rows never change, and rows sealed while the walk
 * runs are appended after it, so the pages stay consistent without a snapshot.
 *
 * What a chain cannot show by itself: removal of the newest events (nothing points at them yet),
 * and a rewrite of every hash from the edited event onward. Both need the head hash kept
 * elsewhere; see docs/operations/audit.md.
 */
export async function verifyAuditChain(db: Db, options: VerifyOptions = {}): Promise<AuditChainReport> {
  const pageSize = options.pageSize ?? 1000;
  if (!Number.isInteger(pageSize) || pageSize < 1) throw new RangeError(`pageSize must be a positive integer, got ${pageSize}`);
  let checked = 0;
  let expectedSeq = 1n;
  let prevHash = GENESIS_PREV_HASH;
  let lastSeq: string | null = null;

  for (;;) {
    let query = db
      .selectFrom('audit_event')
      .select([...HASHED_COLUMN_NAMES, 'chain_seq', 'prev_hash', 'hash'])
      .where('chain_seq', 'is not', null)
      .orderBy('chain_seq')
      .limit(pageSize);
    if (lastSeq !== null) query = query.where('chain_seq', '>', lastSeq);
    const page = await query.execute();

    for (const row of page) {
      const chainSeq = row.chain_seq as string;
      const broken = (reason: AuditChainBreak): AuditChainReport => ({ ok: false, checked, brokenAt: { chainSeq, id: row.id, reason } });
      if (BigInt(chainSeq) !== expectedSeq) return broken('gap_in_sequence');
      if (row.prev_hash !== prevHash) return broken('prev_hash_mismatch');
      // Recomputed with the stored prev_hash, which was just shown to equal the previous hash.
      if (row.hash !== auditEventHash(row, chainSeq, prevHash)) return broken('hash_mismatch');
      checked += 1;
      expectedSeq += 1n;
      prevHash = row.hash;
    }
    if (page.length < pageSize) break;
    lastSeq = page[page.length - 1]?.chain_seq ?? null;
  }

  const { unsealed } = await db
    .selectFrom('audit_event')
    .select((eb) => eb.fn.countAll<string>().as('unsealed'))
    .where('hash', 'is', null)
    .executeTakeFirstOrThrow();
  return { ok: true, checked, unsealed: Number(unsealed) };
}
