import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { Locale } from '../../platform/db/schema.ts';
import type { ClaimStatus, LossKind } from '../../platform/db/schema-claims.ts';

/**
 * SQL of the first notice of loss (issue #4, migrations/0026_claims_fnol.sql): the policy a loss is reported on,
 * locked while the report is checked and written; earlier reports of the same loss; the report's own facts
 * (claim_first_notice); withdrawal and assignment. Like the policies module's repositories, it reads the policy,
 * its application and the holder's account rows directly; the schedule as of the loss date comes from the
 * policies module (getPolicyAsOf).
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

/**
 * The policy with what a report needs of it, its row locked for the rest of the transaction: two reports of the
 * same loss take turns, so the second sees the first (duplicate check). Null when there is no such policy.
 */
export async function lockPolicyForClaim(db: Db, policyId: string): Promise<PolicyForClaim | null> {
  const row = await db
    .selectFrom('policy')
    .innerJoin('application', 'application.id', 'policy.application_id')
    .innerJoin('app_user as holder', 'holder.id', 'policy.holder_user_id')
    .select([
      'policy.id',
      'policy.policy_number',
      'policy.holder_user_id',
      'policy.agent_user_id',
      'policy.first_day',
      'policy.last_day',
      'policy.time_zone',
      'policy.currency',
      'application.other_insureds',
      'holder.email',
      'holder.display_name',
      'holder.locale',
    ])
    .where('policy.id', '=', policyId)
    .forUpdate(['policy'])
    .executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    policyNumber: row.policy_number,
    holderUserId: row.holder_user_id,
    agentUserId: row.agent_user_id,
    firstDay: row.first_day,
    lastDay: row.last_day,
    timeZone: row.time_zone,
    currency: row.currency,
    // Written validated by the policies module (OTHER_INSURED_RELATIONS).
    otherInsureds: row.other_insureds as PolicyForClaim['otherInsureds'],
    holder: { email: row.email, displayName: row.display_name, locale: row.locale },
  };
}

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

/** The policy's claims with the same loss date, with their items (one statement: the duplicate check). */
export async function findSameLossClaims(db: Db, policyId: string, lossDate: string): Promise<SameLossClaim[]> {
  const rows = await db
    .selectFrom('claim')
    .innerJoin('claim_item', 'claim_item.claim_id', 'claim.id')
    .select(['claim.id', 'claim.claim_number', 'claim.status', 'claim_item.item_no', 'claim_item.description'])
    .where('claim.policy_id', '=', policyId)
    .where('claim.loss_date', '=', lossDate)
    .execute();
  const claims = new Map<string, SameLossClaim>();
  for (const row of rows) {
    const claim = claims.get(row.id) ?? { id: row.id, claimNumber: row.claim_number, status: row.status, items: [] };
    claim.items.push({ itemNo: row.item_no, description: row.description });
    claims.set(row.id, claim);
  }
  return [...claims.values()];
}

export type FirstNotice = { violationOfLaw: boolean; withdrawnAt: string | null; withdrawalReason: string | null };

export async function insertFirstNotice(db: Db, claimId: string, violationOfLaw: boolean): Promise<void> {
  await db
    .insertInto('claim_first_notice')
    .values({ claim_id: claimId, violation_of_law: violationOfLaw, withdrawn_at: null, withdrawal_reason: null })
    .execute();
}

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
