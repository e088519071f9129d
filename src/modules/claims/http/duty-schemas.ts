import { z } from 'zod';
import { DIARY_KINDS } from '../domain/claim-deadlines.ts';
import { DUTY_RECORD_KINDS, DUTY_REQUEST_KINDS } from '../domain/duty-requests.ts';
import type { DutyRecord, DutyRequest } from '../duty-repository.ts';
import type { DiaryEntryView } from '../use-cases/read-duties.ts';

/** API shapes of the claim's diary, duty requests and duty records (issue #4, JPF-DUTY-2/4/5/6/7, JPF-SETTLE-9, JPF-APPR-1, JPF-SUIT-1). */

const isoDate = z.iso.date().describe('ISO 8601 calendar date, YYYY-MM-DD');
const time = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, 'HH:MM');
const text = (max: number) => z.string().trim().min(1).max(max);

export const claimParam = z.object({ id: z.uuid() }).strict();
export const requestParams = z.object({ id: z.uuid(), requestId: z.uuid() }).strict();

const STATES = ['overdue', 'near', 'upcoming', 'done', 'cancelled'] as const;

export const diaryEntrySchema = z.object({
  id: z.uuid(),
  claimId: z.uuid(),
  kind: z.string().describe(`The kind of deadline: ${DIARY_KINDS.join(', ')}`),
  party: z.enum(['insured', 'insurer', 'both']).describe('Whose move it is'),
  dueOn: isoDate,
  clause: z.string().describe('The promise ID the deadline keeps, e.g. JPF-DUTY-4'),
  note: z.string().nullable(),
  referenceId: z.uuid().nullable().describe('The duty request (or other record) the entry belongs to'),
  status: z.enum(['open', 'done', 'cancelled']),
  state: z.enum(STATES).describe('overdue: open and due before today in the claim’s time zone; near: due within 7 days'),
  remindedAt: z.string().nullable(),
});

export const dutyRequestSchema = z.object({
  id: z.uuid(),
  claimId: z.uuid(),
  kind: z.enum(DUTY_REQUEST_KINDS),
  clause: z.string().describe('JPF-DUTY-5 (examination, exhibit, records) or JPF-DUTY-2 (written confirmation)'),
  details: z.string().nullable(),
  examinationOn: isoDate.nullable(),
  examinationTime: z.string().nullable(),
  place: z.string().nullable(),
  dueOn: isoDate,
  status: z.enum(['open', 'answered', 'fulfilled', 'withdrawn']),
  requestedAt: z.string(),
  answeredAt: z.string().nullable(),
  answerNote: z.string().nullable(),
  fileIds: z.array(z.uuid()).describe('Documents the insured sent in answer'),
  fulfilledOn: isoDate.nullable(),
  fulfilmentNote: z.string().nullable(),
});

export const dutyRecordSchema = z.object({
  id: z.uuid(),
  claimId: z.uuid(),
  kind: z.enum(DUTY_RECORD_KINDS),
  clause: z.string().describe('JPF-DUTY-6 (cooperation) or JPF-DUTY-7 (abandonment)'),
  occurredOn: isoDate,
  description: z.string(),
  decision: z.enum(['refused', 'consented']).nullable().describe('JPF-DUTY-7 only: refused unless consented in writing'),
  consentReference: z.string().nullable(),
  recordedAt: z.string(),
});

export const dutiesSchema = z.object({
  claimId: z.uuid(),
  claimNumber: z.string(),
  today: isoDate.describe('Today in the claim’s time zone'),
  diary: z.array(diaryEntrySchema),
  requests: z.array(dutyRequestSchema),
  records: z.array(dutyRecordSchema),
});

export const dutyRequestBody = z
  .object({
    kind: z.enum(DUTY_REQUEST_KINDS),
    dueOn: isoDate.describe('The last day to comply (today or later, in the claim’s time zone); for an examination, its date'),
    details: text(2000).optional().describe('What is asked: which records (required for produce_records), which property, what to confirm'),
    examinationOn: isoDate.optional().describe('examination_under_oath: the date (the same as dueOn)'),
    examinationTime: time.optional(),
    place: text(500).optional().describe('examination_under_oath: where (required); exhibit_property: where'),
  })
  .strict();

export const fulfilBody = z
  .object({
    fulfilledOn: isoDate.describe('When the duty was done: between the request and today'),
    note: text(2000).optional(),
  })
  .strict();

export const withdrawBody = z
  .object({
    reason: z.string().trim().min(3).max(2000).describe('Why the request no longer applies; kept in the audit trail, not sent to the insured'),
  })
  .strict();

export const answerBody = z
  .object({
    fileIds: z.array(z.uuid()).max(10).default([]).describe('Files uploaded with purpose claim_document (POST /api/v1/files)'),
    note: text(2000).optional(),
  })
  .strict();

export const dutyRecordBody = z
  .object({
    kind: z.enum(DUTY_RECORD_KINDS),
    occurredOn: isoDate.describe('After the loss, not after today'),
    description: text(2000),
    decision: z.enum(['refused', 'consented']).optional().describe('abandonment_offer only; default refused (JPF-DUTY-7)'),
    consentReference: text(200).optional().describe('Required to consent: the insurer’s written consent'),
  })
  .strict();

const yesNo = z.enum(['true', 'false']).transform((value) => value === 'true');

export const diaryQuery = z
  .object({
    mine: yesNo.optional().describe('Only the claims assigned to me'),
    overdue: yesNo.optional().describe('Only entries due before today in the claim’s time zone'),
    dueBefore: isoDate.optional().describe('Only entries due before this date'),
    cursor: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

export const diaryRowSchema = diaryEntrySchema.extend({
  claimNumber: z.string(),
  claimStatus: z.string(),
  adjusterUserId: z.uuid().nullable(),
});

export function diaryEntryJson(entry: Omit<DiaryEntryView, 'createdAt' | 'closedAt'>) {
  return {
    id: entry.id,
    claimId: entry.claimId,
    kind: entry.kind,
    party: entry.party,
    dueOn: entry.dueOn,
    clause: entry.clause,
    note: entry.note,
    referenceId: entry.referenceId,
    status: entry.status,
    state: entry.state,
    remindedAt: entry.remindedAt,
  };
}

export function dutyRequestJson(request: DutyRequest) {
  return {
    id: request.id,
    claimId: request.claimId,
    kind: request.kind,
    clause: request.clause,
    details: request.details,
    examinationOn: request.examinationOn,
    examinationTime: request.examinationTime,
    place: request.place,
    dueOn: request.dueOn,
    status: request.status,
    requestedAt: request.requestedAt,
    answeredAt: request.answeredAt,
    answerNote: request.answerNote,
    fileIds: request.fileIds,
    fulfilledOn: request.fulfilledOn,
    fulfilmentNote: request.fulfilmentNote,
  };
}

export function dutyRecordJson(record: DutyRecord) {
  return {
    id: record.id,
    claimId: record.claimId,
    kind: record.kind,
    clause: record.clause,
    occurredOn: record.occurredOn,
    description: record.description,
    decision: record.decision,
    consentReference: record.consentReference,
    recordedAt: record.recordedAt,
  };
}
