import type { Db } from '../../../platform/db/database.ts';
import type { LegalHoldSubjectType, LegalHoldTable } from '../../../platform/db/schema.ts';
import type { Trx } from '../../../platform/db/transaction.ts';

/** SQL of legal holds (migration 0018) only. */

type Executor = Db | Trx;

export type LegalHold = {
  id: string;
  subjectType: LegalHoldSubjectType;
  subjectId: string;
  reason: string;
  placedBy: string;
  placedAt: string;
  released: { by: string; at: string; reason: string } | null;
};

function toHold(row: LegalHoldTable): LegalHold {
  return {
    id: row.id,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    reason: row.reason,
    placedBy: row.placed_by,
    placedAt: row.placed_at,
    released:
      row.released_at !== null && row.released_by !== null && row.release_reason !== null
        ? { by: row.released_by, at: row.released_at, reason: row.release_reason }
        : null,
  };
}

export async function insertLegalHold(trx: Trx, row: LegalHoldTable): Promise<LegalHold> {
  await trx.insertInto('legal_hold').values(row).execute();
  return toHold(row);
}

export async function findLegalHold(db: Executor, id: string, options: { forUpdate?: boolean } = {}): Promise<LegalHold | null> {
  let query = db.selectFrom('legal_hold').selectAll().where('id', '=', id);
  if (options.forUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row ? toHold(row) : null;
}

export async function markReleased(trx: Trx, id: string, by: string, at: string, reason: string): Promise<void> {
  await trx.updateTable('legal_hold').set({ released_by: by, released_at: at, release_reason: reason }).where('id', '=', id).execute();
}

export type LegalHoldListItem = LegalHold & { subjectLabel: string | null };

/** Holds newest first, with the person's email or the policy number; `active` only those not released. */
export async function listLegalHolds(db: Executor, options: { active?: boolean; limit: number }): Promise<LegalHoldListItem[]> {
  let query = db
    .selectFrom('legal_hold')
    .leftJoin('app_user', (join) => join.onRef('app_user.id', '=', 'legal_hold.subject_id').on('legal_hold.subject_type', '=', 'app_user'))
    .leftJoin('policy', (join) => join.onRef('policy.id', '=', 'legal_hold.subject_id').on('legal_hold.subject_type', '=', 'policy'))
    .selectAll('legal_hold')
    .select(['app_user.email', 'policy.policy_number'])
    .orderBy('legal_hold.placed_at', 'desc')
    .orderBy('legal_hold.id')
    .limit(options.limit);
  if (options.active) query = query.where('legal_hold.released_at', 'is', null);
  return (await query.execute()).map(({ email, policy_number, ...row }) => ({ ...toHold(row), subjectLabel: email ?? policy_number ?? null }));
}

/** The user id of an account by id or email, null when there is none. */
export async function findUserId(db: Executor, ref: { id: string } | { email: string }): Promise<string | null> {
  const query = db.selectFrom('app_user').select('id');
  const row = await ('id' in ref ? query.where('id', '=', ref.id) : query.where('email', '=', ref.email)).executeTakeFirst();
  return row?.id ?? null;
}

/** The id of a policy by id or policy number (a number names all its terms: the latest is taken; a hold on one term holds them all). */
export async function findPolicyId(db: Executor, ref: { id: string } | { policyNumber: string }): Promise<string | null> {
  const row =
    'id' in ref
      ? await db.selectFrom('policy').select('id').where('id', '=', ref.id).executeTakeFirst()
      : await db.selectFrom('policy').select('id').where('policy_number', '=', ref.policyNumber).orderBy('issued_at', 'desc').executeTakeFirst();
  return row?.id ?? null;
}

/**
 * Which of these people and policies are under an active hold. A person is also held through a held
 * policy they hold (the hold keeps that policy's data, and the person's identity on it), and a policy
 * through its held holder.
 */
export async function heldSubjects(
  db: Executor,
  subjects: { userIds?: readonly string[]; policyIds?: readonly string[] },
): Promise<{ userIds: Set<string>; policyIds: Set<string> }> {
  const userIds = [...new Set(subjects.userIds ?? [])];
  const policyIds = [...new Set(subjects.policyIds ?? [])];
  const held = { userIds: new Set<string>(), policyIds: new Set<string>() };
  if (userIds.length > 0) {
    const direct = await db
      .selectFrom('legal_hold')
      .select('subject_id')
      .where('subject_type', '=', 'app_user')
      .where('subject_id', 'in', userIds)
      .where('released_at', 'is', null)
      .execute();
    const throughPolicy = await db
      .selectFrom('legal_hold')
      .innerJoin('policy', (join) => join.onRef('policy.id', '=', 'legal_hold.subject_id'))
      .select('policy.holder_user_id as subject_id')
      .where('legal_hold.subject_type', '=', 'policy')
      .where('legal_hold.released_at', 'is', null)
      .where('policy.holder_user_id', 'in', userIds)
      .execute();
    for (const row of [...direct, ...throughPolicy]) held.userIds.add(row.subject_id);
  }
  if (policyIds.length > 0) {
    // A hold on one term of a policy holds every term of its number (renewals are new rows with the same number).
    const direct = await db
      .selectFrom('policy as asked')
      .innerJoin('policy as term', (join) => join.onRef('term.policy_number', '=', 'asked.policy_number'))
      .innerJoin('legal_hold', (join) => join.onRef('legal_hold.subject_id', '=', 'term.id'))
      .select('asked.id as subject_id')
      .where('legal_hold.subject_type', '=', 'policy')
      .where('legal_hold.released_at', 'is', null)
      .where('asked.id', 'in', policyIds)
      .execute();
    const throughHolder = await db
      .selectFrom('policy')
      .innerJoin('legal_hold', (join) => join.onRef('legal_hold.subject_id', '=', 'policy.holder_user_id'))
      .select('policy.id as subject_id')
      .where('legal_hold.subject_type', '=', 'app_user')
      .where('legal_hold.released_at', 'is', null)
      .where('policy.id', 'in', policyIds)
      .execute();
    for (const row of [...direct, ...throughHolder]) held.policyIds.add(row.subject_id);
  }
  return held;
}
