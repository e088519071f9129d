import { type ExpressionBuilder, sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { DatabaseSchema } from '../../platform/db/schema.ts';
import type { DiaryParty, DiaryStatus } from '../../platform/db/schema-claims.ts';
import type { DiaryKind } from './diary-repository.ts';
import { DIARY_KIND_RULES, DIARY_KINDS } from './domain/claim-deadlines.ts';

/**
 * The diary across claims (issue #4): the adjuster's diary of open deadlines, the queue's "has an overdue entry",
 * and the reminder job's candidates. "Overdue" is decided per claim in the claim's own time zone, in SQL the same
 * way as domain/claim-deadlines.ts decides it in code: an open entry due before the claim's today.
 */

/** SQL: the entry's due date is before the claim's today at `now` (an ISO instant). Needs `claim` and `claim_diary_entry` in the query. */
function dueBeforeClaimsToday(now: string) {
  return sql<boolean>`claim_diary_entry.due_on < (CAST(${now} AS timestamptz) AT TIME ZONE claim.time_zone)::date`;
}

/**
 * For the adjuster's queue (filter overdue=true), on a query over `claim`: the claim has an open diary entry due
 * before its today. Usage: `.where(hasOverdueDiaryEntry(nowText(clock)))`.
 */
export function hasOverdueDiaryEntry(now: string) {
  return (eb: ExpressionBuilder<DatabaseSchema, 'claim'>) =>
    eb.exists(
      eb
        .selectFrom('claim_diary_entry')
        .select('claim_diary_entry.id')
        .whereRef('claim_diary_entry.claim_id', '=', 'claim.id')
        .where('claim_diary_entry.status', '=', 'open')
        .where(dueBeforeClaimsToday(now)),
    );
}

/** Of the given claims, those with an overdue open diary entry at `now` (for marking rows of a list). */
export async function claimsWithOverdueEntries(db: Db, claimIds: readonly string[], now: string): Promise<Set<string>> {
  if (claimIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('claim')
    .select('claim.id')
    .where('claim.id', 'in', [...claimIds])
    .where(hasOverdueDiaryEntry(now))
    .execute();
  return new Set(rows.map((row) => row.id));
}

export type DiaryListFilter = {
  /** Only the claims this adjuster handles. */
  adjusterUserId?: string | undefined;
  overdue?: boolean | undefined;
  /** Only entries due strictly before this date. */
  dueBefore?: string | undefined;
  /** Keyset: entries after this (due date, id). */
  after?: { dueOn: string; id: string } | undefined;
  limit: number;
};

export type DiaryListRow = {
  id: string;
  claimId: string;
  claimNumber: string;
  claimStatus: string;
  adjusterUserId: string | null;
  timeZone: string;
  kind: DiaryKind;
  party: DiaryParty;
  dueOn: string;
  clause: string;
  note: string | null;
  referenceId: string | null;
  status: DiaryStatus;
  remindedAt: string | null;
};

/** Open diary entries across claims, by due date then id (keyset on the partial index claim_diary_due_idx). */
export async function listOpenDiaryEntries(db: Db, now: string, filter: DiaryListFilter): Promise<DiaryListRow[]> {
  let query = db
    .selectFrom('claim_diary_entry')
    .innerJoin('claim', 'claim.id', 'claim_diary_entry.claim_id')
    .select([
      'claim_diary_entry.id',
      'claim_diary_entry.claim_id',
      'claim.claim_number',
      'claim.status as claim_status',
      'claim.adjuster_user_id',
      'claim.time_zone',
      'claim_diary_entry.kind',
      'claim_diary_entry.party',
      'claim_diary_entry.due_on',
      'claim_diary_entry.clause',
      'claim_diary_entry.note',
      'claim_diary_entry.reference_id',
      'claim_diary_entry.status',
      'claim_diary_entry.reminded_at',
    ])
    .where('claim_diary_entry.status', '=', 'open');
  if (filter.adjusterUserId !== undefined) query = query.where('claim.adjuster_user_id', '=', filter.adjusterUserId);
  if (filter.overdue) query = query.where(dueBeforeClaimsToday(now));
  if (filter.dueBefore !== undefined) query = query.where('claim_diary_entry.due_on', '<', filter.dueBefore);
  const after = filter.after;
  if (after !== undefined)
    query = query.where((eb) =>
      eb.or([
        eb('claim_diary_entry.due_on', '>', after.dueOn),
        eb.and([eb('claim_diary_entry.due_on', '=', after.dueOn), eb('claim_diary_entry.id', '>', after.id)]),
      ]),
    );
  const rows = await query.orderBy('claim_diary_entry.due_on').orderBy('claim_diary_entry.id').limit(filter.limit).execute();
  return rows.map((row) => ({
    id: row.id,
    claimId: row.claim_id,
    claimNumber: row.claim_number,
    claimStatus: row.claim_status,
    adjusterUserId: row.adjuster_user_id,
    timeZone: row.time_zone,
    kind: row.kind as DiaryKind,
    party: row.party,
    dueOn: row.due_on,
    clause: row.clause,
    note: row.note,
    referenceId: row.reference_id,
    status: row.status,
    remindedAt: row.reminded_at,
  }));
}

/** The kinds the insured is reminded of (DIARY_KIND_RULES). */
export const REMINDED_KINDS: readonly DiaryKind[] = DIARY_KINDS.filter((kind) => DIARY_KIND_RULES[kind].remindInsured);

export type ReminderRow = {
  id: string;
  claimId: string;
  claimNumber: string;
  timeZone: string;
  kind: DiaryKind;
  party: DiaryParty;
  dueOn: string;
  clause: string;
  note: string | null;
  status: DiaryStatus;
  remindedAt: string | null;
  holderUserId: string;
  holderEmail: string;
  holderName: string;
  holderLocale: 'en' | 'nl';
  holderStatus: string;
  holderErasedAt: string | null;
};

/**
 * The reminder job's next batch, locked (SKIP LOCKED: a second worker takes other rows): open entries of the
 * insured on claims still being handled, due by `latestDue`, not reminded since `remindedBefore`, after the
 * keyset position. A superset of what is reminded: the exact rule (the claim's today) is reminderDue's.
 */
export async function lockReminderCandidates(
  db: Db,
  options: { latestDue: string; remindedBefore: string; after: { dueOn: string; id: string } | null; limit: number },
): Promise<ReminderRow[]> {
  let query = db
    .selectFrom('claim_diary_entry')
    .innerJoin('claim', 'claim.id', 'claim_diary_entry.claim_id')
    .innerJoin('app_user', 'app_user.id', 'claim.holder_user_id')
    .select([
      'claim_diary_entry.id',
      'claim_diary_entry.claim_id',
      'claim.claim_number',
      'claim.time_zone',
      'claim_diary_entry.kind',
      'claim_diary_entry.party',
      'claim_diary_entry.due_on',
      'claim_diary_entry.clause',
      'claim_diary_entry.note',
      'claim_diary_entry.status',
      'claim_diary_entry.reminded_at',
      'claim.holder_user_id',
      'app_user.email',
      'app_user.display_name',
      'app_user.locale',
      'app_user.status as user_status',
      'app_user.erased_at',
    ])
    .where('claim_diary_entry.status', '=', 'open')
    .where('claim_diary_entry.party', 'in', ['insured', 'both'])
    .where('claim_diary_entry.kind', 'in', [...REMINDED_KINDS])
    .where('claim_diary_entry.due_on', '<=', options.latestDue)
    .where('claim.status', 'not in', ['closed', 'withdrawn'])
    .where((eb) => eb.or([eb('claim_diary_entry.reminded_at', 'is', null), eb('claim_diary_entry.reminded_at', '<=', options.remindedBefore)]));
  const after = options.after;
  if (after !== null)
    query = query.where((eb) =>
      eb.or([
        eb('claim_diary_entry.due_on', '>', after.dueOn),
        eb.and([eb('claim_diary_entry.due_on', '=', after.dueOn), eb('claim_diary_entry.id', '>', after.id)]),
      ]),
    );
  const rows = await query
    .orderBy('claim_diary_entry.due_on')
    .orderBy('claim_diary_entry.id')
    .limit(options.limit)
    .forUpdate('claim_diary_entry')
    .skipLocked()
    .execute();
  return rows.map((row) => ({
    id: row.id,
    claimId: row.claim_id,
    claimNumber: row.claim_number,
    timeZone: row.time_zone,
    kind: row.kind as DiaryKind,
    party: row.party,
    dueOn: row.due_on,
    clause: row.clause,
    note: row.note,
    status: row.status,
    remindedAt: row.reminded_at,
    holderUserId: row.holder_user_id,
    holderEmail: row.email,
    holderName: row.display_name,
    holderLocale: row.locale,
    holderStatus: row.user_status,
    holderErasedAt: row.erased_at,
  }));
}

export async function markReminded(db: Db, entryIds: readonly string[], at: string): Promise<void> {
  if (entryIds.length === 0) return;
  await db
    .updateTable('claim_diary_entry')
    .set({ reminded_at: at })
    .where('id', 'in', [...entryIds])
    .execute();
}
