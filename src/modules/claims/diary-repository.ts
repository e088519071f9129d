import type { Db } from '../../platform/db/database.ts';
import type { DiaryParty, DiaryStatus } from '../../platform/db/schema-claims.ts';
import { newId } from '../../platform/ids.ts';

/**
 * The claim's diary (issue #4 "Duties and deadlines"): every deadline of the insured or the insurer, with the
 * promise ID it keeps. Use cases add entries in their own transaction and close them when the duty is done;
 * the diary module's job mails reminders and the adjuster's queue shows what is overdue.
 */

/** The kinds of deadline; each names the clause it keeps in the entry's `clause`. */
export type DiaryKind =
  | 'proof_of_loss_due' // JPF-DUTY-4: 90 days after the loss
  | 'settlement_due' // JPF-SETTLE-9: 30 days after proof and written agreement on the amount
  | 'appraiser_naming_due' // JPF-APPR-1: 20 days after the written demand
  | 'umpire_naming_due' // JPF-APPR-1: 15 days after both appraisers are named
  | 'suit_limitation' // JPF-SUIT-1: one year after the loss
  | 'document_request_due' // JPF-DUTY-5: records and documents requested
  | 'examination_under_oath' // JPF-DUTY-5
  | 'exhibit_property_due' // JPF-DUTY-5
  | 'written_confirmation_due' // JPF-DUTY-2
  | 'human_review_due' // PRV-RIGHT-6: a person reviews an automated decision
  | 'recovery_review_due'; // JPF-SUBRO-2: the insurer reviews a recovery the insured reported (7 days)

export type DiaryEntry = {
  id: string;
  claimId: string;
  kind: DiaryKind;
  party: DiaryParty;
  dueOn: string;
  clause: string;
  note: string | null;
  referenceId: string | null;
  status: DiaryStatus;
  remindedAt: string | null;
  createdAt: string;
  closedAt: string | null;
};

export type NewDiaryEntry = {
  claimId: string;
  kind: DiaryKind;
  party: DiaryParty;
  /** 'YYYY-MM-DD' */
  dueOn: string;
  clause: string;
  note?: string | null;
  referenceId?: string | null;
};

export async function addDiaryEntries(db: Db, entries: readonly NewDiaryEntry[], now: string): Promise<string[]> {
  if (entries.length === 0) return [];
  const ids = entries.map(() => newId());
  await db
    .insertInto('claim_diary_entry')
    .values(diaryEntryRows(entries, ids, now))
    .execute();
  return ids;
}

/** New diary entries as rows, open, with the ids given (one per entry). */
export function diaryEntryRows(entries: readonly NewDiaryEntry[], ids: readonly string[], now: string) {
  return entries.map((entry, index) => ({
    id: ids[index] as string,
    claim_id: entry.claimId,
    kind: entry.kind,
    party: entry.party,
    due_on: entry.dueOn,
    clause: entry.clause,
    note: entry.note ?? null,
    reference_id: entry.referenceId ?? null,
    reminded_at: null,
    created_at: now,
    closed_at: null,
  }));
}

/**
 * Closes the claim's open entries of a kind (and of one record, when given) as done or cancelled: the duty
 * was fulfilled, or the deadline no longer applies (a withdrawn claim, an award that ends a dispute).
 */
export async function closeDiaryEntries(
  db: Db,
  claimId: string,
  kind: DiaryKind,
  status: 'done' | 'cancelled',
  now: string,
  referenceId?: string,
): Promise<number> {
  let query = db
    .updateTable('claim_diary_entry')
    .set({ status, closed_at: now })
    .where('claim_id', '=', claimId)
    .where('kind', '=', kind)
    .where('status', '=', 'open');
  if (referenceId !== undefined) query = query.where('reference_id', '=', referenceId);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function listDiaryEntries(db: Db, claimId: string): Promise<DiaryEntry[]> {
  const rows = await db.selectFrom('claim_diary_entry').selectAll().where('claim_id', '=', claimId).orderBy('due_on').orderBy('created_at').execute();
  return rows.map((row) => ({
    id: row.id,
    claimId: row.claim_id,
    kind: row.kind as DiaryKind,
    party: row.party,
    dueOn: row.due_on,
    clause: row.clause,
    note: row.note,
    referenceId: row.reference_id,
    status: row.status,
    remindedAt: row.reminded_at,
    createdAt: row.created_at,
    closedAt: row.closed_at,
  }));
}
