import { sql } from 'kysely';
import { can } from '../../../platform/auth/access.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import type { Db } from '../../../platform/db/database.ts';
import type { InstantText, Locale } from '../../../platform/db/schema.ts';
import type { Trx } from '../../../platform/db/transaction.ts';
import type { DeadlineRuleId } from './domain/deadlines.ts';
import type { Jurisdiction } from './domain/jurisdictions.ts';
import type { Channel, RequestStatus, RequestType, VerificationMethod } from './domain/request-types.ts';

/** SQL of the privacy requests (0016_privacy_requests.sql); returns domain types. */
export type PrivacyRequest = {
  id: string;
  type: RequestType;
  status: RequestStatus;
  channel: Channel;
  jurisdiction: Jurisdiction;
  subjectUserId: string | null;
  requesterName: string;
  requesterEmail: string;
  details: string;
  thirdPartyRecipient: string | null;
  agentName: string | null;
  agentAuthorisationFileId: string | null;
  verificationMethod: VerificationMethod | null;
  verifiedAt: InstantText | null;
  verifiedBy: string | null;
  receivedOn: string;
  deadlineRule: DeadlineRuleId;
  dueOn: string;
  extendedDueOn: string | null;
  extensionReason: string | null;
  extendedAt: InstantText | null;
  outcomeSummary: string | null;
  rejectionReason: string | null;
  closedAt: InstantText | null;
  closedBy: string | null;
  enteredBy: string | null;
  createdAt: InstantText;
  updatedAt: InstantText;
};

/** The deadline that applies now: the extended one once there is one. */
export function currentDueOn(request: Pick<PrivacyRequest, 'dueOn' | 'extendedDueOn'>): string {
  return request.extendedDueOn ?? request.dueOn;
}

type Row = {
  id: string;
  type: string;
  status: string;
  channel: string;
  jurisdiction: string;
  subject_user_id: string | null;
  requester_name: string;
  requester_email: string;
  details: string;
  third_party_recipient: string | null;
  agent_name: string | null;
  agent_authorisation_file_id: string | null;
  verification_method: string | null;
  verified_at: string | null;
  verified_by: string | null;
  received_on: string;
  deadline_rule: string;
  due_on: string;
  extended_due_on: string | null;
  extension_reason: string | null;
  extended_at: string | null;
  outcome_summary: string | null;
  rejection_reason: string | null;
  closed_at: string | null;
  closed_by: string | null;
  entered_by: string | null;
  created_at: string;
  updated_at: string;
};

function fromRow(row: Row): PrivacyRequest {
  return {
    id: row.id,
    type: row.type as RequestType,
    status: row.status as RequestStatus,
    channel: row.channel as Channel,
    jurisdiction: row.jurisdiction as Jurisdiction,
    subjectUserId: row.subject_user_id,
    requesterName: row.requester_name,
    requesterEmail: row.requester_email,
    details: row.details,
    thirdPartyRecipient: row.third_party_recipient,
    agentName: row.agent_name,
    agentAuthorisationFileId: row.agent_authorisation_file_id,
    verificationMethod: row.verification_method as VerificationMethod | null,
    verifiedAt: row.verified_at,
    verifiedBy: row.verified_by,
    receivedOn: row.received_on,
    deadlineRule: row.deadline_rule as DeadlineRuleId,
    dueOn: row.due_on,
    extendedDueOn: row.extended_due_on,
    extensionReason: row.extension_reason,
    extendedAt: row.extended_at,
    outcomeSummary: row.outcome_summary,
    rejectionReason: row.rejection_reason,
    closedAt: row.closed_at,
    closedBy: row.closed_by,
    enteredBy: row.entered_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toRow(request: PrivacyRequest): Row {
  return {
    id: request.id,
    type: request.type,
    status: request.status,
    channel: request.channel,
    jurisdiction: request.jurisdiction,
    subject_user_id: request.subjectUserId,
    requester_name: request.requesterName,
    requester_email: request.requesterEmail,
    details: request.details,
    third_party_recipient: request.thirdPartyRecipient,
    agent_name: request.agentName,
    agent_authorisation_file_id: request.agentAuthorisationFileId,
    verification_method: request.verificationMethod,
    verified_at: request.verifiedAt,
    verified_by: request.verifiedBy,
    received_on: request.receivedOn,
    deadline_rule: request.deadlineRule,
    due_on: request.dueOn,
    extended_due_on: request.extendedDueOn,
    extension_reason: request.extensionReason,
    extended_at: request.extendedAt,
    outcome_summary: request.outcomeSummary,
    rejection_reason: request.rejectionReason,
    closed_at: request.closedAt,
    closed_by: request.closedBy,
    entered_by: request.enteredBy,
    created_at: request.createdAt,
    updated_at: request.updatedAt,
  };
}

export async function insertPrivacyRequest(trx: Trx, request: PrivacyRequest): Promise<void> {
  await trx.insertInto('privacy_request').values(toRow(request)).execute();
}

export async function savePrivacyRequest(trx: Trx, request: PrivacyRequest): Promise<void> {
  const { id, ...rest } = toRow(request);
  await trx.updateTable('privacy_request').set(rest).where('id', '=', id).execute();
}

/**
 * A request within the actor's reach: privacy staff reach every request, a customer only those about
 * themselves; anything else is not found (404, never 403). `anyone` is for the public code check,
 * where the request id and the code together are the proof.
 */
export async function findPrivacyRequest(
  db: Db | Trx,
  actor: Actor | 'anyone',
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<PrivacyRequest | null> {
  let query = db.selectFrom('privacy_request').selectAll().where('id', '=', id);
  if (actor !== 'anyone' && !can(actor, 'privacy:read')) {
    query = actor.kind === 'user' ? query.where('subject_user_id', '=', actor.userId) : query.where(sql<boolean>`false`);
  }
  if (options.forUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row ? fromRow(row as Row) : null;
}

/** The officer's queue: open requests first, by the deadline that applies now; then recently closed ones. */
export async function listPrivacyRequests(db: Db, filter: { open: boolean; limit: number }): Promise<PrivacyRequest[]> {
  const statuses = filter.open ? ['awaiting_verification', 'in_progress'] : ['completed', 'rejected'];
  const rows = await db
    .selectFrom('privacy_request')
    .selectAll()
    .where('status', 'in', statuses)
    .orderBy(sql`coalesce(extended_due_on, due_on)`, filter.open ? 'asc' : 'desc')
    .orderBy('created_at')
    .limit(filter.limit)
    .execute();
  return rows.map((row) => fromRow(row as Row));
}

export async function listRequestsOfSubject(db: Db, userId: string): Promise<PrivacyRequest[]> {
  const rows = await db.selectFrom('privacy_request').selectAll().where('subject_user_id', '=', userId).orderBy('created_at', 'desc').limit(200).execute();
  return rows.map((row) => fromRow(row as Row));
}

export type PersonRef = { id: string; email: string; displayName: string; locale: Locale };

export async function findPersonById(db: Db | Trx, id: string): Promise<PersonRef | null> {
  const row = await db.selectFrom('app_user').select(['id', 'email', 'display_name', 'locale']).where('id', '=', id).executeTakeFirst();
  return row ? { id: row.id, email: row.email, displayName: row.display_name, locale: row.locale } : null;
}

export async function findPersonByEmail(db: Db | Trx, email: string): Promise<PersonRef | null> {
  const row = await db
    .selectFrom('app_user')
    .select(['id', 'email', 'display_name', 'locale'])
    .where(sql<string>`lower(email)`, '=', email.toLowerCase())
    .executeTakeFirst();
  return row ? { id: row.id, email: row.email, displayName: row.display_name, locale: row.locale } : null;
}

// ---- One-time codes (PRV-RIGHT-10) ----

export type CodeRow = { codeHash: string; expiresAt: InstantText; failedAttempts: number; usedAt: InstantText | null };

export async function upsertRequestCode(trx: Trx, requestId: string, codeHash: string, createdAt: InstantText, expiresAt: InstantText): Promise<void> {
  await trx
    .insertInto('privacy_request_code')
    .values({ request_id: requestId, code_hash: codeHash, created_at: createdAt, expires_at: expiresAt, failed_attempts: 0, used_at: null })
    .onConflict((conflict) =>
      conflict.column('request_id').doUpdateSet({ code_hash: codeHash, created_at: createdAt, expires_at: expiresAt, failed_attempts: 0, used_at: null }),
    )
    .execute();
}

export async function findRequestCode(trx: Trx, requestId: string): Promise<CodeRow | null> {
  const row = await trx.selectFrom('privacy_request_code').selectAll().where('request_id', '=', requestId).forUpdate().executeTakeFirst();
  return row ? { codeHash: row.code_hash, expiresAt: row.expires_at, failedAttempts: row.failed_attempts, usedAt: row.used_at } : null;
}

export async function countFailedCodeAttempt(trx: Trx, requestId: string): Promise<number> {
  const row = await trx
    .updateTable('privacy_request_code')
    .set((eb) => ({ failed_attempts: eb('failed_attempts', '+', 1) }))
    .where('request_id', '=', requestId)
    .returning('failed_attempts')
    .executeTakeFirstOrThrow();
  return row.failed_attempts;
}

export async function markCodeUsed(trx: Trx, requestId: string, at: InstantText): Promise<void> {
  await trx.updateTable('privacy_request_code').set({ used_at: at }).where('request_id', '=', requestId).execute();
}

// ---- The request's timeline (PRV-RIGHT-12): its audit events, oldest first, without the staff reads ----

export type TimelineEntry = { at: InstantText; action: string; outcome: string; actorType: string; actorId: string | null; details: Record<string, unknown> };

export async function requestTimeline(db: Db, requestId: string): Promise<TimelineEntry[]> {
  const rows = await db
    .selectFrom('audit_event')
    .select(['occurred_at', 'action', 'outcome', 'actor_type', 'actor_id', 'details'])
    .where('subject_type', '=', 'privacy_request')
    .where('subject_id', '=', requestId)
    // The request's own steps; staff reads are audited too (PRV-DISC-2) but are not steps of the request.
    .where('action', 'like', 'privacy\\_request.%')
    .where('action', '!=', 'privacy_request.read')
    .orderBy('id')
    .execute();
  return rows.map((row) => ({
    at: row.occurred_at,
    action: row.action,
    outcome: row.outcome,
    actorType: row.actor_type,
    actorId: row.actor_id,
    details: row.details,
  }));
}

// ---- Automated-decision review tasks (PRV-RIGHT-6) ----

export type ReviewTask = {
  id: string;
  requestId: string;
  status: 'open' | 'reviewed';
  createdAt: InstantText;
  reviewedAt: InstantText | null;
  reviewOutcome: string | null;
};

export async function insertReviewTask(trx: Trx, task: { id: string; requestId: string; createdAt: InstantText }): Promise<void> {
  await trx.insertInto('privacy_review_task').values({ id: task.id, request_id: task.requestId, status: 'open', created_at: task.createdAt }).execute();
}

export async function listOpenReviewTasks(db: Db): Promise<ReviewTask[]> {
  const rows = await db.selectFrom('privacy_review_task').selectAll().where('status', '=', 'open').orderBy('created_at').limit(200).execute();
  return rows.map((row) => ({
    id: row.id,
    requestId: row.request_id,
    status: row.status as 'open' | 'reviewed',
    createdAt: row.created_at,
    reviewedAt: row.reviewed_at,
    reviewOutcome: row.review_outcome,
  }));
}

export async function findReviewTaskForUpdate(trx: Trx, id: string): Promise<{ id: string; requestId: string } | null> {
  const row = await trx.selectFrom('privacy_review_task').select(['id', 'request_id']).where('id', '=', id).forUpdate().executeTakeFirst();
  return row ? { id: row.id, requestId: row.request_id } : null;
}

export async function closeReviewTask(trx: Trx, id: string, by: string, outcome: string, at: InstantText): Promise<boolean> {
  const result = await trx
    .updateTable('privacy_review_task')
    .set({ status: 'reviewed', reviewed_at: at, reviewed_by: by, review_outcome: outcome })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
