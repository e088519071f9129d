import { z } from 'zod';
import { instantText } from '../../../../platform/http/schemas.ts';
import { supervisoryAuthority } from '../domain/jurisdictions.ts';
import { CHANNELS, REQUEST_STATUSES, REQUEST_TYPES, STAFF_CHANNELS, VERIFICATION_METHODS } from '../domain/request-types.ts';
import type { ReviewTask, TimelineEntry } from '../privacy-requests-repository.ts';
import type { QueueEntry } from '../use-cases/read-requests.ts';
import { requestReference } from '../use-cases/request-support.ts';

const isoDate = z.iso.date().describe('ISO 8601 calendar date, YYYY-MM-DD');
const text = (max: number) => z.string().max(max);

/** The type is any string here, so an unknown type gets the clear 422 `privacy_request_type_unknown`. */
const typeField = z
  .string()
  .max(100)
  .describe(`One of: ${REQUEST_TYPES.join(', ')}`);
const jurisdictionField = z.string().max(10).describe("An EU member state ('NL', 'DE', …) or a US state ('US-CA', 'US-NY', …)");

export const createBody = z
  .object({
    type: typeField,
    jurisdiction: jurisdictionField,
    details: text(5000).optional(),
    thirdPartyRecipient: text(500).nullable().optional().describe('PRV-RIGHT-8: portability to a named third party'),
    requesterName: text(200).optional().describe('Staff entry: the person’s name (customers: their account’s)'),
    requesterEmail: text(254).optional().describe('Staff entry: the person’s email address (customers: their account’s)'),
    channel: z.enum(STAFF_CHANNELS).optional().describe('PRV-CONTACT-1, staff entry: how the request was received'),
    receivedOn: isoDate.optional().describe('Staff entry: the day it was received; the deadline runs from it'),
    agent: z
      .object({ name: text(200), authorisationFileId: z.uuid().describe('Uploaded first with POST /api/v1/files?purpose=other') })
      .strict()
      .optional()
      .describe('PRV-RIGHT-10: an authorised agent acting for the person'),
  })
  .strict();

export const publicBody = z
  .object({
    type: typeField,
    jurisdiction: jurisdictionField,
    details: text(5000).optional(),
    thirdPartyRecipient: text(500).nullable().optional(),
    requesterName: text(200),
    requesterEmail: text(254),
  })
  .strict();

export const codeBody = z.object({ code: z.string().max(20).describe('The 6 digits from the email') }).strict();
export const verifyBody = z.object({ note: text(2000).describe('What was checked'), authorisationChecked: z.boolean().optional() }).strict();
export const reasonBody = z.object({ reason: text(2000) }).strict();
export const completeBody = z.object({}).strict();
export const reviewBody = z.object({ outcome: text(2000).describe('What the person who reviewed decided') }).strict();

export const requestSchema = z.object({
  id: z.uuid(),
  reference: z.string(),
  type: z.enum(REQUEST_TYPES),
  status: z.enum(REQUEST_STATUSES),
  channel: z.enum(CHANNELS),
  jurisdiction: z.string(),
  supervisoryAuthority: z.string().describe('PRV-RIGHT-13: where the person may complain'),
  subjectUserId: z.uuid().nullable(),
  requesterName: z.string(),
  requesterEmail: z.string(),
  details: z.string(),
  thirdPartyRecipient: z.string().nullable(),
  agent: z.object({ name: z.string(), authorisationFileId: z.uuid() }).nullable(),
  verification: z.object({ method: z.enum(VERIFICATION_METHODS), at: instantText, by: z.uuid().nullable() }).nullable(),
  receivedOn: isoDate,
  deadlineRule: z.string(),
  dueOn: isoDate.describe('The first deadline'),
  extension: z.object({ dueOn: isoDate, reason: z.string(), at: instantText }).nullable(),
  currentDueOn: isoDate,
  deadline: z.enum(['overdue', 'due_soon', 'on_time']).nullable().describe('Open requests only'),
  outcomeSummary: z.string().nullable(),
  rejectionReason: z.string().nullable(),
  closedAt: instantText.nullable(),
  createdAt: instantText,
});

export function requestJson(request: QueueEntry) {
  return {
    id: request.id,
    reference: requestReference(request.id),
    type: request.type,
    status: request.status,
    channel: request.channel,
    jurisdiction: request.jurisdiction,
    supervisoryAuthority: supervisoryAuthority(request.jurisdiction),
    subjectUserId: request.subjectUserId,
    requesterName: request.requesterName,
    requesterEmail: request.requesterEmail,
    details: request.details,
    thirdPartyRecipient: request.thirdPartyRecipient,
    agent: request.agentName && request.agentAuthorisationFileId ? { name: request.agentName, authorisationFileId: request.agentAuthorisationFileId } : null,
    verification:
      request.verificationMethod && request.verifiedAt ? { method: request.verificationMethod, at: request.verifiedAt, by: request.verifiedBy } : null,
    receivedOn: request.receivedOn,
    deadlineRule: request.deadlineRule,
    dueOn: request.dueOn,
    extension:
      request.extendedDueOn && request.extensionReason && request.extendedAt
        ? { dueOn: request.extendedDueOn, reason: request.extensionReason, at: request.extendedAt }
        : null,
    currentDueOn: request.currentDueOn,
    deadline: request.deadline,
    outcomeSummary: request.outcomeSummary,
    rejectionReason: request.rejectionReason,
    closedAt: request.closedAt,
    createdAt: request.createdAt,
  };
}

export const timelineSchema = z.array(
  z.object({
    at: instantText,
    action: z.string(),
    outcome: z.string(),
    actorType: z.string(),
    actorId: z.string().nullable(),
    details: z.record(z.string(), z.unknown()),
  }),
);

export function timelineJson(timeline: TimelineEntry[]) {
  return timeline.map((entry) => ({ ...entry }));
}

export const reviewTaskSchema = z.object({ id: z.uuid(), requestId: z.uuid(), status: z.enum(['open', 'reviewed']), createdAt: instantText });
export function reviewTaskJson(task: ReviewTask) {
  return { id: task.id, requestId: task.requestId, status: task.status, createdAt: task.createdAt };
}

/** What an anonymous requester gets back: no personal data echoed, only what they need to continue. */
export const publicReceiptSchema = z.object({
  id: z.uuid(),
  reference: z.string(),
  status: z.enum(REQUEST_STATUSES),
  dueOn: isoDate,
  supervisoryAuthority: z.string(),
});
