import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { Locale, PolicyStatus } from '../../platform/db/schema.ts';

/**
 * SQL of the staff actions on a policy (migrations/0011_staff_actions.sql): void (JPF-COND-5), reinstatement
 * of a cancelled policy, and assignment requests with the insurer's written consent (JPF-COND-1). The policy
 * transactions themselves are appended through timeline-repository.ts.
 */

export type AssignmentStatus = 'pending' | 'approved' | 'refused';

export type Person = { userId: string; email: string; displayName: string; locale: Locale };

export type AssignmentRequest = {
  id: string;
  policyId: string;
  policyNumber: string;
  from: Person;
  to: Person;
  requestedBy: string;
  note: string | null;
  status: AssignmentStatus;
  createdAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  consentDate: string | null;
  consentReference: string | null;
  refusalReason: string | null;
  policyTransactionId: string | null;
};

export async function setPolicyStatus(db: Db, policyId: string, status: PolicyStatus): Promise<void> {
  await db.updateTable('policy').set({ status }).where('id', '=', policyId).execute();
}

export async function setPolicyHolder(db: Db, policyId: string, holderUserId: string): Promise<void> {
  await db.updateTable('policy').set({ holder_user_id: holderUserId }).where('id', '=', policyId).execute();
}

/** The cancellation stays in the history, marked as reversed by the reinstatement (migration 0009). */
export async function markCancellationReversed(db: Db, cancellationId: string, reinstatementId: string): Promise<void> {
  await db
    .updateTable('policy_transaction')
    .set({ reversed_by: reinstatementId })
    .where('id', '=', cancellationId)
    .where('kind', '=', 'cancellation')
    .where('reversed_by', 'is', null)
    .execute();
}

/** An active customer login by email (case-insensitive): who a policy can be assigned to. Reads the accounts module's tables. */
export async function findActiveCustomerByEmail(db: Db, email: string): Promise<Person | null> {
  const row = await db
    .selectFrom('app_user')
    .innerJoin('user_role', 'user_role.user_id', 'app_user.id')
    .select(['app_user.id', 'app_user.email', 'app_user.display_name', 'app_user.locale'])
    .where(sql<string>`lower(app_user.email)`, '=', email.trim().toLowerCase())
    .where('app_user.status', '=', 'active')
    .where('user_role.role', '=', 'customer')
    .executeTakeFirst();
  return row ? { userId: row.id, email: row.email, displayName: row.display_name, locale: row.locale } : null;
}

export async function insertAssignmentRequest(
  db: Db,
  request: { id: string; policyId: string; fromUserId: string; toUserId: string; requestedBy: string; note: string | null; createdAt: string },
): Promise<void> {
  await db
    .insertInto('assignment_request')
    .values({
      id: request.id,
      policy_id: request.policyId,
      from_user_id: request.fromUserId,
      to_user_id: request.toUserId,
      requested_by: request.requestedBy,
      note: request.note,
      status: 'pending',
      created_at: request.createdAt,
    })
    .execute();
}

function assignmentQuery(db: Db) {
  return db
    .selectFrom('assignment_request as r')
    .innerJoin('policy', 'policy.id', 'r.policy_id')
    .innerJoin('app_user as f', 'f.id', 'r.from_user_id')
    .innerJoin('app_user as t', 't.id', 'r.to_user_id')
    .select([
      'r.id',
      'r.policy_id',
      'policy.policy_number',
      'r.from_user_id',
      'f.email as from_email',
      'f.display_name as from_name',
      'f.locale as from_locale',
      'r.to_user_id',
      't.email as to_email',
      't.display_name as to_name',
      't.locale as to_locale',
      'r.requested_by',
      'r.note',
      'r.status',
      'r.created_at',
      'r.decided_by',
      'r.decided_at',
      'r.consent_date',
      'r.consent_reference',
      'r.refusal_reason',
      'r.policy_transaction_id',
    ]);
}

type AssignmentRow = Awaited<ReturnType<ReturnType<typeof assignmentQuery>['executeTakeFirstOrThrow']>>;

function toAssignment(row: AssignmentRow): AssignmentRequest {
  return {
    id: row.id,
    policyId: row.policy_id,
    policyNumber: row.policy_number,
    from: { userId: row.from_user_id, email: row.from_email, displayName: row.from_name, locale: row.from_locale },
    to: { userId: row.to_user_id, email: row.to_email, displayName: row.to_name, locale: row.to_locale },
    requestedBy: row.requested_by,
    note: row.note,
    status: row.status,
    createdAt: row.created_at,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at,
    consentDate: row.consent_date,
    consentReference: row.consent_reference,
    refusalReason: row.refusal_reason,
    policyTransactionId: row.policy_transaction_id,
  };
}

export async function findAssignmentRequest(db: Db, policyId: string, requestId: string): Promise<AssignmentRequest | null> {
  const row = await assignmentQuery(db).where('r.policy_id', '=', policyId).where('r.id', '=', requestId).executeTakeFirst();
  return row ? toAssignment(row) : null;
}

export async function findPendingAssignment(db: Db, policyId: string): Promise<AssignmentRequest | null> {
  const row = await assignmentQuery(db).where('r.policy_id', '=', policyId).where('r.status', '=', 'pending').executeTakeFirst();
  return row ? toAssignment(row) : null;
}

/** The back-office queue: pending requests, oldest first. */
export async function listPendingAssignments(db: Db, limit: number): Promise<AssignmentRequest[]> {
  const rows = await assignmentQuery(db).where('r.status', '=', 'pending').orderBy('r.created_at').orderBy('r.id').limit(limit).execute();
  return rows.map(toAssignment);
}

/** A policy's requests, newest first (the holder's view and the history). */
export async function listAssignmentsOfPolicy(db: Db, policyId: string): Promise<AssignmentRequest[]> {
  const rows = await assignmentQuery(db).where('r.policy_id', '=', policyId).orderBy('r.created_at', 'desc').orderBy('r.id').limit(100).execute();
  return rows.map(toAssignment);
}

export async function markAssignmentApproved(
  db: Db,
  requestId: string,
  decision: { decidedBy: string; decidedAt: string; consentDate: string; consentReference: string; policyTransactionId: string },
): Promise<void> {
  await db
    .updateTable('assignment_request')
    .set({
      status: 'approved',
      decided_by: decision.decidedBy,
      decided_at: decision.decidedAt,
      consent_date: decision.consentDate,
      consent_reference: decision.consentReference,
      policy_transaction_id: decision.policyTransactionId,
    })
    .where('id', '=', requestId)
    .where('status', '=', 'pending')
    .execute();
}

export async function markAssignmentRefused(db: Db, requestId: string, decision: { decidedBy: string; decidedAt: string; reason: string }): Promise<void> {
  await db
    .updateTable('assignment_request')
    .set({ status: 'refused', decided_by: decision.decidedBy, decided_at: decision.decidedAt, refusal_reason: decision.reason })
    .where('id', '=', requestId)
    .where('status', '=', 'pending')
    .execute();
}
