import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { ReserveEntryKind } from '../../platform/db/schema-claims-payments.ts';
import { newId } from '../../platform/ids.ts';
import { type Currency, Money } from '../../platform/money.ts';
import type { ReserveEntryDraft } from './domain/reserve-rules.ts';

/** The claim's reserve ledger (migrations/0030_claim_payments.sql): appended to, never edited. */

export type ReserveEntry = {
  id: string;
  entryNo: number;
  kind: ReserveEntryKind;
  change: Money;
  balance: Money;
  reason: string | null;
  paymentId: string | null;
  recordedBy: string;
  recordedAt: string;
};

export async function listReserveEntries(db: Db, claimId: string): Promise<ReserveEntry[]> {
  const rows = await db.selectFrom('claim_reserve_entry').selectAll().where('claim_id', '=', claimId).orderBy('entry_no').execute();
  return rows.map((row) => ({
    id: row.id,
    entryNo: row.entry_no,
    kind: row.kind,
    change: Money.of(row.amount_change, row.currency),
    balance: Money.of(row.balance, row.currency),
    reason: row.reason,
    paymentId: row.payment_id,
    recordedBy: row.recorded_by,
    recordedAt: row.recorded_at,
  }));
}

/** The latest balance, or null when no reserve was ever set. */
export async function currentReserve(db: Db, claimId: string, currency: Currency): Promise<Money | null> {
  const row = await db
    .selectFrom('claim_reserve_entry')
    .select('balance')
    .where('claim_id', '=', claimId)
    .orderBy('entry_no', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? Money.of(row.balance, currency) : null;
}

/** Appends an entry at the next number (the caller holds the claim's lock). */
export async function appendReserveEntry(
  db: Db,
  input: { claimId: string; draft: ReserveEntryDraft; reason: string | null; paymentId: string | null; recordedBy: string; recordedAt: string },
): Promise<string> {
  const { rows } = await sql<{ n: number }>`SELECT coalesce(max(entry_no), 0)::int + 1 AS n FROM claim_reserve_entry WHERE claim_id = ${input.claimId}`.execute(
    db,
  );
  const id = newId();
  await db
    .insertInto('claim_reserve_entry')
    .values({
      id,
      claim_id: input.claimId,
      entry_no: rows[0]?.n ?? 1,
      kind: input.draft.kind,
      amount_change: input.draft.change.toFixed(),
      balance: input.draft.balance.toFixed(),
      currency: input.draft.balance.currency,
      reason: input.reason,
      payment_id: input.paymentId,
      recorded_by: input.recordedBy,
      recorded_at: input.recordedAt,
    })
    .execute();
  return id;
}
