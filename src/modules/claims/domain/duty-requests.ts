import { Temporal } from 'temporal-polyfill';
import type { DiaryKind } from '../diary-repository.ts';

/**
 * What the insurer may ask of the insured after a loss, and what it records about their conduct (issue #4,
 * "Duties and deadlines"; policy form, What Must Be Done in Case of Loss):
 *  - JPF-DUTY-5: "as often as we may reasonably request": an examination under oath (a date and a place),
 *    exhibiting the damaged and undamaged property, producing the records of value, loss and cost;
 *  - JPF-DUTY-2: "confirm the loss in writing if requested";
 *  - JPF-DUTY-6: cooperation in all acts the policy requires (issues are recorded on the claim);
 *  - JPF-DUTY-7: no abandonment of the property to the insurer without its written consent (an offer is
 *    recorded with the insurer's decision, refused unless consent was given in writing).
 * Pure rules; the use cases apply them inside their transaction.
 */

export const DUTY_REQUEST_KINDS = ['examination_under_oath', 'exhibit_property', 'produce_records', 'written_confirmation'] as const;
export type DutyRequestKind = (typeof DUTY_REQUEST_KINDS)[number];

export const DUTY_REQUEST_RULES: Readonly<Record<DutyRequestKind, { diaryKind: DiaryKind; clause: string; answeredWithDocuments: boolean }>> = {
  examination_under_oath: { diaryKind: 'examination_under_oath', clause: 'JPF-DUTY-5', answeredWithDocuments: false },
  exhibit_property: { diaryKind: 'exhibit_property_due', clause: 'JPF-DUTY-5', answeredWithDocuments: false },
  produce_records: { diaryKind: 'document_request_due', clause: 'JPF-DUTY-5', answeredWithDocuments: true },
  written_confirmation: { diaryKind: 'written_confirmation_due', clause: 'JPF-DUTY-2', answeredWithDocuments: true },
};

export const DUTY_RECORD_KINDS = ['cooperation_issue', 'abandonment_offer'] as const;
export type DutyRecordKind = (typeof DUTY_RECORD_KINDS)[number];
export const DUTY_RECORD_CLAUSES: Readonly<Record<DutyRecordKind, string>> = { cooperation_issue: 'JPF-DUTY-6', abandonment_offer: 'JPF-DUTY-7' };

export type AbandonmentDecision = 'refused' | 'consented';

/** A problem with one field of a request, as a stable code; the use case turns it into a 422 with a message. */
export type DutyProblem = { field: string; code: DutyProblemCode };
export type DutyProblemCode =
  | 'due_before_today'
  | 'examination_details_missing'
  | 'examination_date_differs'
  | 'records_not_named'
  | 'fulfilled_before_request'
  | 'fulfilled_in_future'
  | 'occurred_in_future'
  | 'occurred_before_loss'
  | 'consent_reference_missing'
  | 'consent_reference_not_allowed'
  | 'decision_not_allowed';

export type DutyRequestInput = {
  kind: DutyRequestKind;
  /** The last day to comply; for an examination under oath, the examination's own date. */
  dueOn: string;
  /** What is asked: which records, which property, what to confirm. */
  details?: string | null;
  /** Examination under oath: when (date, optional 'HH:MM') and where. */
  examinationOn?: string | null;
  examinationTime?: string | null;
  place?: string | null;
};

const cmp = (a: string, b: string | Temporal.PlainDate) => Temporal.PlainDate.compare(Temporal.PlainDate.from(a), b);
const blank = (value: string | null | undefined) => value === undefined || value === null || value.trim() === '';

/**
 * JPF-DUTY-5 / JPF-DUTY-2: checks a request the adjuster logs on `today` (the claim's time zone). A deadline in the
 * past would be overdue the moment it is made; an examination needs its date and place, and its date is the day
 * the insured must attend (so the diary's due date is that date); a request for records says which records.
 */
export function checkDutyRequest(input: DutyRequestInput, today: Temporal.PlainDate): DutyProblem[] {
  const problems: DutyProblem[] = [];
  if (cmp(input.dueOn, today) < 0) problems.push({ field: 'dueOn', code: 'due_before_today' });
  if (input.kind === 'examination_under_oath') {
    if (blank(input.examinationOn)) problems.push({ field: 'examinationOn', code: 'examination_details_missing' });
    else if (input.examinationOn !== input.dueOn) problems.push({ field: 'examinationOn', code: 'examination_date_differs' });
    if (blank(input.place)) problems.push({ field: 'place', code: 'examination_details_missing' });
  }
  if (input.kind === 'produce_records' && blank(input.details)) problems.push({ field: 'details', code: 'records_not_named' });
  return problems;
}

/** The fulfilment date lies between the day the request was made and today (both included). */
export function checkFulfilment(fulfilledOn: string, requestedOn: Temporal.PlainDate, today: Temporal.PlainDate): DutyProblem[] {
  if (cmp(fulfilledOn, requestedOn) < 0) return [{ field: 'fulfilledOn', code: 'fulfilled_before_request' }];
  if (cmp(fulfilledOn, today) > 0) return [{ field: 'fulfilledOn', code: 'fulfilled_in_future' }];
  return [];
}

export type DutyRecordInput = {
  kind: DutyRecordKind;
  occurredOn: string;
  description: string;
  /** JPF-DUTY-7 only; default refused. */
  decision?: AbandonmentDecision | null;
  /** JPF-DUTY-7: the insurer's written consent (letter reference), required to consent. */
  consentReference?: string | null;
};

export type CheckedDutyRecord = { decision: AbandonmentDecision | null; consentReference: string | null };

/**
 * JPF-DUTY-6 / JPF-DUTY-7: something that happened after the loss and by today. An abandonment offer is refused
 * unless the insurer consents, and it may consent only in writing (a consent reference); a cooperation issue has
 * no decision.
 */
export function checkDutyRecord(
  input: DutyRecordInput,
  lossDate: Temporal.PlainDate,
  today: Temporal.PlainDate,
): { ok: true; value: CheckedDutyRecord } | { ok: false; problems: DutyProblem[] } {
  const problems: DutyProblem[] = [];
  if (cmp(input.occurredOn, today) > 0) problems.push({ field: 'occurredOn', code: 'occurred_in_future' });
  else if (cmp(input.occurredOn, lossDate) < 0) problems.push({ field: 'occurredOn', code: 'occurred_before_loss' });
  let decision: AbandonmentDecision | null = null;
  const reference = blank(input.consentReference) ? null : (input.consentReference?.trim() ?? null);
  if (input.kind === 'abandonment_offer') {
    // JPF-DUTY-7: "without our written consent" — refused is the default, consent needs the written consent.
    decision = input.decision ?? 'refused';
    if (decision === 'consented' && reference === null) problems.push({ field: 'consentReference', code: 'consent_reference_missing' });
    if (decision === 'refused' && reference !== null) problems.push({ field: 'consentReference', code: 'consent_reference_not_allowed' });
  } else {
    if (input.decision !== undefined && input.decision !== null) problems.push({ field: 'decision', code: 'decision_not_allowed' });
    if (reference !== null) problems.push({ field: 'consentReference', code: 'consent_reference_not_allowed' });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: { decision, consentReference: decision === 'consented' ? reference : null } };
}
