import { sql } from 'kysely';
import { type AnyAuditedChangeQuery, type AuditEventInput, type AuditedChangeQuery, changesWithAuditEvents } from '../../platform/audit/index.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import type { DatabaseSchema, Locale } from '../../platform/db/schema.ts';
import type { ClaimStatus, LossKind } from '../../platform/db/schema-claims.ts';
import type { Trx } from '../../platform/db/transaction.ts';
import { JOB_ROW_COLUMNS, type NewJobRow } from '../../platform/jobs/index.ts';
import { type ClaimWithItems, claimItemRows, claimRow } from './claims-repository.ts';
import { diaryEntryRows, type NewDiaryEntry } from './diary-repository.ts';

/**
 * SQL of the first notice of loss (issue #4, migrations/0026_claims_fnol.sql): the policy a loss is reported on,
 * locked while the report is checked and written; earlier reports of the same loss; the report's own facts
 * (claim_first_notice); withdrawal and assignment. Like the policies module's repositories, it reads the policy,
 * its application and the holder's account rows directly; the policy's state as of the loss date (and its row lock)
 * comes from the policies module (findPolicyStateAsOf). A report is 5 statements besides authentication: BEGIN, the
 * policy as of the loss date (locked), readReportContext, insertReportedClaim, COMMIT (docs/operations/performance.md).
 */

export type PolicyForClaim = {
  id: string;
  policyNumber: string;
  holderUserId: string;
  agentUserId: string | null;
  firstDay: string;
  lastDay: string;
  timeZone: string;
  currency: 'USD' | 'EUR';
  /** JPF-DEF-2: the insureds besides the named insureds, from the declarations (the application). */
  otherInsureds: { name: string; relation: 'spouse' | 'resident_relative' | 'minor_in_care' }[];
  holder: { email: string; displayName: string; locale: Locale };
};

/** What a report needs of the policy besides its state on the loss date (which the policies module reads). */
export type ReportContext = {
  otherInsureds: PolicyForClaim['otherInsureds'];
  holder: PolicyForClaim['holder'];
  /** The policy's earlier reports of a loss on the same day, with their items: the duplicate check. */
  sameLossClaims: SameLossClaim[];
  /** The claim number's sequence value, taken now (a refused report leaves a gap: harmless, 0024). */
  claimSequence: string;
};

/**
 * In ONE statement, once the caller holds the policy's row lock (findPolicyStateAsOf with forUpdate): the declarations'
 * other insureds, the holder's address, name and language, the same-loss reports and the next claim number. Read after
 * the lock is granted, so a second report of the same loss sees the first once it committed (the duplicate check);
 * inside the locking statement its snapshot would predate the wait. Null when there is no such policy.
 */
export async function readReportContext(db: Db, policyId: string, lossDate: string): Promise<ReportContext | null> {
  const row = await db
    .selectFrom('policy')
    .innerJoin('application', 'application.id', 'policy.application_id')
    .innerJoin('app_user as holder', 'holder.id', 'policy.holder_user_id')
    .select([
      'application.other_insureds',
      'holder.email',
      'holder.display_name',
      'holder.locale',
      sql<SameLossRow[]>`(
        SELECT coalesce(json_agg(json_build_object('id', c.id, 'claim_number', c.claim_number, 'status', c.status,
                                                   'item_no', i.item_no, 'description', i.description)
                                 ORDER BY c.reported_at, c.id, i.line_no), '[]'::json)
        FROM claim c JOIN claim_item i ON i.claim_id = c.id
        WHERE c.policy_id = policy.id AND c.loss_date = ${lossDate}::date)`.as('same_loss'),
      sql<string>`nextval('claim_number_seq')::text`.as('claim_sequence'),
    ])
    .where('policy.id', '=', policyId)
    .executeTakeFirst();
  if (!row) return null;
  const claims = new Map<string, SameLossClaim>();
  for (const same of row.same_loss) {
    const claim = claims.get(same.id) ?? { id: same.id, claimNumber: same.claim_number, status: same.status, items: [] };
    claim.items.push({ itemNo: same.item_no, description: same.description });
    claims.set(same.id, claim);
  }
  return {
    // Written validated by the policies module (OTHER_INSURED_RELATIONS).
    otherInsureds: row.other_insureds as PolicyForClaim['otherInsureds'],
    holder: { email: row.email, displayName: row.display_name, locale: row.locale },
    sameLossClaims: [...claims.values()],
    claimSequence: row.claim_sequence,
  };
}

type SameLossRow = { id: string; claim_number: string; status: ClaimStatus; item_no: number | null; description: string };

/**
 * The term of a policy number a loss date falls in (renewals share the number, issue #3): the term in force on the
 * date, else the latest that began before it, else the first. Null when the number is unknown.
 */
export async function findPolicyIdByNumber(db: Db, policyNumber: string, lossDate: string): Promise<string | null> {
  const row = await db
    .selectFrom('policy')
    .select('id')
    .where('policy_number', '=', policyNumber)
    .orderBy(sql`(first_day <= ${lossDate}::date AND last_day >= ${lossDate}::date)`, 'desc')
    .orderBy(sql`(first_day <= ${lossDate}::date)`, 'desc')
    .orderBy('first_day', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.id ?? null;
}

export type SameLossClaim = { id: string; claimNumber: string; status: ClaimStatus; items: { itemNo: number | null; description: string }[] };

/**
 * The report written in ONE statement (changesWithAuditEvents): the claim, its items, the report's own facts
 * (claim_first_notice: JPF-DUTY-3 violation of law), the diary's deadlines, the acknowledgement mail's outbox job
 * (decision 0003) and the audit event. Compiled once per number of items and diary entries.
 */
export async function insertReportedClaim(
  trx: Trx,
  report: { claim: ClaimWithItems; violationOfLaw: boolean; diary: { ids: readonly string[]; entries: readonly NewDiaryEntry[] }; mailJob: NewJobRow },
  event: AuditEventInput,
  clock: Clock,
): Promise<void> {
  const { claim, diary } = report;
  const changes: AnyAuditedChangeQuery[] = [
    rowsInsert('claim', 'claims.report.claim', [claimRow(claim)]),
    rowsInsert('claim_item', `claims.report.items:${claim.items.length}`, claimItemRows(claim.id, claim.items)),
    rowsInsert('claim_first_notice', 'claims.report.first-notice', [
      { claim_id: claim.id, violation_of_law: report.violationOfLaw, withdrawn_at: null, withdrawal_reason: null },
    ]),
    rowsInsert('claim_diary_entry', `claims.report.diary:${diary.entries.length}`, diaryEntryRows(diary.entries, diary.ids, claim.reportedAt)),
    rowsInsert('job', 'claims.report.mail-job', [Object.fromEntries(JOB_ROW_COLUMNS.map((column) => [column, report.mailJob[column]]))]),
  ].filter((change) => change.values.length > 0);
  await changesWithAuditEvents(trx, changes, [event], clock);
}

/** An INSERT of rows that all have the same columns, every value bound (a ShapedQuery for changesWithAuditEvents). */
function rowsInsert<T extends keyof DatabaseSchema>(table: T, shape: string, rows: readonly Record<string, unknown>[]): AnyAuditedChangeQuery {
  const columns = Object.keys(rows[0] ?? {});
  const query: AuditedChangeQuery<T> = {
    shape,
    values: rows.flatMap((row) => columns.map((column) => row[column])),
    build: (db, value) =>
      db
        .insertInto(table)
        .values(rows.map((_, at) => Object.fromEntries(columns.map((column, index) => [column, value(at * columns.length + index)]))) as never),
  };
  return query as unknown as AnyAuditedChangeQuery;
}

export type FirstNotice = { violationOfLaw: boolean; withdrawnAt: string | null; withdrawalReason: string | null };

export async function findFirstNotice(db: Db, claimId: string): Promise<FirstNotice | null> {
  const row = await db.selectFrom('claim_first_notice').selectAll().where('claim_id', '=', claimId).executeTakeFirst();
  return row ? { violationOfLaw: row.violation_of_law, withdrawnAt: row.withdrawn_at, withdrawalReason: row.withdrawal_reason } : null;
}

/**
 * Withdraws the claim: its status, the reason kept with the report, and every open diary entry cancelled (the
 * deadlines no longer apply). A claim reported before 0026 has no first-notice row; one is made.
 */
export async function markWithdrawn(db: Db, claimId: string, reason: string, now: string): Promise<number> {
  await db.updateTable('claim').set({ status: 'withdrawn', updated_at: now }).where('id', '=', claimId).execute();
  await db
    .insertInto('claim_first_notice')
    .values({ claim_id: claimId, violation_of_law: false, withdrawn_at: now, withdrawal_reason: reason })
    .onConflict((conflict) => conflict.column('claim_id').doUpdateSet({ withdrawn_at: now, withdrawal_reason: reason }))
    .execute();
  const cancelled = await db
    .updateTable('claim_diary_entry')
    .set({ status: 'cancelled', closed_at: now })
    .where('claim_id', '=', claimId)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(cancelled.numUpdatedRows);
}

/** An active user who may handle claims (role adjuster or admin), with their name; null otherwise. */
export async function findHandler(db: Db, userId: string): Promise<{ id: string; displayName: string } | null> {
  const row = await db
    .selectFrom('app_user')
    .select(['app_user.id', 'app_user.display_name'])
    .where('app_user.id', '=', userId)
    .where('app_user.status', '=', 'active')
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('user_role')
          .select('user_role.user_id')
          .whereRef('user_role.user_id', '=', 'app_user.id')
          .where('user_role.role', 'in', ['adjuster', 'admin']),
      ),
    )
    .executeTakeFirst();
  return row ? { id: row.id, displayName: row.display_name } : null;
}

export async function setAdjuster(db: Db, claimId: string, adjusterUserId: string, now: string): Promise<void> {
  await db.updateTable('claim').set({ adjuster_user_id: adjusterUserId, updated_at: now }).where('id', '=', claimId).execute();
}

/** People's names by id (adjusters, reporters) for showing a claim. */
export async function displayNames(db: Db, userIds: readonly (string | null)[]): Promise<Map<string, string>> {
  const ids = [...new Set(userIds.filter((id): id is string => id !== null))];
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('app_user').select(['id', 'display_name']).where('id', 'in', ids).execute();
  return new Map(rows.map((row) => [row.id, row.display_name]));
}

export async function policyNumberOf(db: Db, policyId: string): Promise<string | null> {
  const row = await db.selectFrom('policy').select('policy_number').where('id', '=', policyId).executeTakeFirst();
  return row?.policy_number ?? null;
}

export type ClaimSummary = {
  id: string;
  claimNumber: string;
  policyId: string;
  policyNumber: string;
  status: ClaimStatus;
  lossKind: LossKind;
  lossDate: string;
  insuredName: string;
  reportedAt: string;
  /** The earliest open deadline of the insured, if any. */
  nextInsuredDueOn: string | null;
};

/**
 * "My claims": those the user holds, handles as the policy's agent, repairs or reported as a jeweler, or reported
 * themselves — not every claim a member of staff may read (that is the queue). Newest first.
 */
export async function listClaimsOf(db: Db, userId: string, options: { limit: number; jewelerOnly?: boolean }): Promise<ClaimSummary[]> {
  let query = db
    .selectFrom('claim')
    .innerJoin('policy', 'policy.id', 'claim.policy_id')
    .select((eb) => [
      'claim.id',
      'claim.claim_number',
      'claim.policy_id',
      'policy.policy_number',
      'claim.status',
      'claim.loss_kind',
      'claim.loss_date',
      'claim.insured_name',
      'claim.reported_at',
      eb
        .selectFrom('claim_diary_entry')
        .select((inner) => inner.fn.min('claim_diary_entry.due_on').as('due'))
        .whereRef('claim_diary_entry.claim_id', '=', 'claim.id')
        .where('claim_diary_entry.status', '=', 'open')
        .where('claim_diary_entry.party', 'in', ['insured', 'both'])
        .as('next_insured_due_on'),
    ]);
  query = options.jewelerOnly
    ? query.where((eb) =>
        eb.or([eb('claim.jeweler_user_id', '=', userId), eb.and([eb('claim.reported_by_user_id', '=', userId), eb('claim.channel', '=', 'jeweler')])]),
      )
    : query.where((eb) =>
        eb.or([
          eb('claim.holder_user_id', '=', userId),
          eb('claim.agent_user_id', '=', userId),
          eb('claim.jeweler_user_id', '=', userId),
          eb('claim.reported_by_user_id', '=', userId),
        ]),
      );
  const rows = await query.orderBy('claim.reported_at', 'desc').orderBy('claim.id', 'desc').limit(options.limit).execute();
  return rows.map((row) => ({
    id: row.id,
    claimNumber: row.claim_number,
    policyId: row.policy_id,
    policyNumber: row.policy_number,
    status: row.status,
    lossKind: row.loss_kind,
    lossDate: row.loss_date,
    insuredName: row.insured_name,
    reportedAt: row.reported_at,
    nextInsuredDueOn: row.next_insured_due_on ?? null,
  }));
}

/** Everyone a claim may be assigned to: active adjusters and admins, by name. */
export async function listHandlers(db: Db): Promise<{ id: string; displayName: string }[]> {
  const rows = await db
    .selectFrom('app_user')
    .select(['app_user.id', 'app_user.display_name'])
    .where('app_user.status', '=', 'active')
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('user_role')
          .select('user_role.user_id')
          .whereRef('user_role.user_id', '=', 'app_user.id')
          .where('user_role.role', 'in', ['adjuster', 'admin']),
      ),
    )
    .orderBy('app_user.display_name')
    .limit(500)
    .execute();
  return rows.map((row) => ({ id: row.id, displayName: row.display_name }));
}
