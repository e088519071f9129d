import type { Selectable } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { ClaimDutyRecordTable, ClaimDutyRequestTable, DutyRequestStatus } from '../../platform/db/schema-claims-duties.ts';
import type { AbandonmentDecision, DutyRecordKind, DutyRequestKind } from './domain/duty-requests.ts';

/**
 * SQL of the claim's duty requests (JPF-DUTY-5, JPF-DUTY-2) and duty records (JPF-DUTY-6, JPF-DUTY-7),
 * migrations/0028_claim_duties.sql. Callers have checked that the actor reaches the claim.
 */

export type DutyRequest = {
  id: string;
  claimId: string;
  kind: DutyRequestKind;
  clause: string;
  details: string | null;
  examinationOn: string | null;
  examinationTime: string | null;
  place: string | null;
  dueOn: string;
  status: DutyRequestStatus;
  requestedBy: string;
  requestedAt: string;
  answeredBy: string | null;
  answeredAt: string | null;
  answerNote: string | null;
  fulfilledOn: string | null;
  fulfilmentNote: string | null;
  fulfilledBy: string | null;
  fulfilledAt: string | null;
  /** The documents the insured sent in answer (stored file ids). */
  fileIds: string[];
};

export type DutyRecord = {
  id: string;
  claimId: string;
  kind: DutyRecordKind;
  clause: string;
  occurredOn: string;
  description: string;
  decision: AbandonmentDecision | null;
  consentReference: string | null;
  recordedBy: string;
  recordedAt: string;
};

function toRequest(row: Selectable<ClaimDutyRequestTable>, fileIds: string[]): DutyRequest {
  return {
    id: row.id,
    claimId: row.claim_id,
    kind: row.kind,
    clause: row.clause,
    details: row.details,
    examinationOn: row.examination_on,
    examinationTime: row.examination_time,
    place: row.place,
    dueOn: row.due_on,
    status: row.status,
    requestedBy: row.requested_by,
    requestedAt: row.requested_at,
    answeredBy: row.answered_by,
    answeredAt: row.answered_at,
    answerNote: row.answer_note,
    fulfilledOn: row.fulfilled_on,
    fulfilmentNote: row.fulfilment_note,
    fulfilledBy: row.fulfilled_by,
    fulfilledAt: row.fulfilled_at,
    fileIds,
  };
}

function toRecord(row: Selectable<ClaimDutyRecordTable>): DutyRecord {
  return {
    id: row.id,
    claimId: row.claim_id,
    kind: row.kind,
    clause: row.clause,
    occurredOn: row.occurred_on,
    description: row.description,
    decision: row.decision,
    consentReference: row.consent_reference,
    recordedBy: row.recorded_by,
    recordedAt: row.recorded_at,
  };
}

export async function insertDutyRequest(db: Db, request: Omit<DutyRequest, 'fileIds'>): Promise<void> {
  await db
    .insertInto('claim_duty_request')
    .values({
      id: request.id,
      claim_id: request.claimId,
      kind: request.kind,
      clause: request.clause,
      details: request.details,
      examination_on: request.examinationOn,
      examination_time: request.examinationTime,
      place: request.place,
      due_on: request.dueOn,
      status: request.status,
      requested_by: request.requestedBy,
      requested_at: request.requestedAt,
      answered_by: null,
      answered_at: null,
      answer_note: null,
      fulfilled_on: null,
      fulfilment_note: null,
      fulfilled_by: null,
      fulfilled_at: null,
    })
    .execute();
}

/** One request of the claim, locked for the rest of the transaction when asked. */
export async function findDutyRequest(db: Db, claimId: string, requestId: string, options: { forUpdate?: boolean } = {}): Promise<DutyRequest | null> {
  let query = db.selectFrom('claim_duty_request').selectAll().where('id', '=', requestId).where('claim_id', '=', claimId);
  if (options.forUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) return null;
  const files = await db
    .selectFrom('claim_duty_request_file')
    .select('file_id')
    .where('request_id', '=', requestId)
    .orderBy('attached_at')
    .orderBy('file_id')
    .execute();
  return toRequest(
    row,
    files.map((file) => file.file_id),
  );
}

export async function listDutyRequests(db: Db, claimId: string): Promise<DutyRequest[]> {
  const rows = await db.selectFrom('claim_duty_request').selectAll().where('claim_id', '=', claimId).orderBy('requested_at').orderBy('id').execute();
  if (rows.length === 0) return [];
  const files = await db
    .selectFrom('claim_duty_request_file')
    .select(['request_id', 'file_id'])
    .where(
      'request_id',
      'in',
      rows.map((row) => row.id),
    )
    .orderBy('attached_at')
    .orderBy('file_id')
    .execute();
  return rows.map((row) =>
    toRequest(
      row,
      files.filter((file) => file.request_id === row.id).map((file) => file.file_id),
    ),
  );
}

export async function markDutyRequestAnswered(
  db: Db,
  requestId: string,
  answer: { answeredBy: string; answeredAt: string; note: string | null; fileIds: readonly string[] },
): Promise<void> {
  await db
    .updateTable('claim_duty_request')
    .set({ status: 'answered', answered_by: answer.answeredBy, answered_at: answer.answeredAt, answer_note: answer.note })
    .where('id', '=', requestId)
    .execute();
  if (answer.fileIds.length === 0) return;
  await db
    .insertInto('claim_duty_request_file')
    .values(answer.fileIds.map((fileId) => ({ request_id: requestId, file_id: fileId, attached_at: answer.answeredAt })))
    .execute();
}

export async function markDutyRequestFulfilled(
  db: Db,
  requestId: string,
  fulfilment: { fulfilledOn: string; note: string | null; fulfilledBy: string; fulfilledAt: string },
): Promise<void> {
  await db
    .updateTable('claim_duty_request')
    .set({
      status: 'fulfilled',
      fulfilled_on: fulfilment.fulfilledOn,
      fulfilment_note: fulfilment.note,
      fulfilled_by: fulfilment.fulfilledBy,
      fulfilled_at: fulfilment.fulfilledAt,
    })
    .where('id', '=', requestId)
    .execute();
}

/** JPF-DUTY-5: the request no longer applies (the reason is kept in the audit event of the withdrawal). */
export async function markDutyRequestWithdrawn(db: Db, requestId: string): Promise<void> {
  await db.updateTable('claim_duty_request').set({ status: 'withdrawn' }).where('id', '=', requestId).execute();
}

export async function insertDutyRecord(db: Db, record: DutyRecord): Promise<void> {
  await db
    .insertInto('claim_duty_record')
    .values({
      id: record.id,
      claim_id: record.claimId,
      kind: record.kind,
      clause: record.clause,
      occurred_on: record.occurredOn,
      description: record.description,
      decision: record.decision,
      consent_reference: record.consentReference,
      recorded_by: record.recordedBy,
      recorded_at: record.recordedAt,
    })
    .execute();
}

export async function listDutyRecords(db: Db, claimId: string): Promise<DutyRecord[]> {
  const rows = await db.selectFrom('claim_duty_record').selectAll().where('claim_id', '=', claimId).orderBy('recorded_at').orderBy('id').execute();
  return rows.map(toRecord);
}
