import { Temporal } from 'temporal-polyfill';
import type { CustodianRole, ThirdPartyKind } from '../../../platform/db/schema-claims-recovery.ts';

/**
 * "Claims Against Others", 1. Subrogation (JPF-SUBRO-1), and "Other Conditions", 4. No Benefit to Bailee
 * (JPF-COND-4), as pure rules over a claim's subrogation record:
 *
 *   "Upon settlement of a loss, we may require you to assign to us your right of recovery against others. We will
 *    not settle a loss if you impair our right to recover. Your right to recover from others may be waived in
 *    writing before a loss occurs."
 *   "This policy will not benefit those who are paid to assume custody of the covered property."
 */

export type ThirdParty = {
  name: string;
  details: string | null;
  kind: ThirdPartyKind;
  /** JPF-COND-4: set for a bailee — the jeweler, carrier or other custodian paid to hold the property. */
  custodianRole: CustodianRole | null;
};

export type Waiver = {
  /** 'YYYY-MM-DD': the date the waiver was made. */
  writtenOn: string;
  inWriting: boolean;
};

export type SubrogationRecord = {
  thirdParty: ThirdParty | null;
  assignmentRequired: boolean;
  assignmentSignedOn: string | null;
  waiver: Waiver | null;
  /** The adjuster's finding that the insured impaired the insurer's right to recover after the loss. */
  impairment: { reason: string; recordedAt: string } | null;
};

/**
 * JPF-SUBRO-1: a waiver counts only when made in writing and BEFORE the loss occurred. The loss date is a date
 * without a time, so a waiver dated on the loss date cannot be shown to precede the loss: it does not count.
 * A waiver that does not count is the insured giving up the insurer's rights — an impairment.
 */
export type WaiverAssessment = { counts: true } | { counts: false; impairment: 'waiver_after_loss' | 'waiver_not_in_writing' };

export function assessWaiver(waiver: Waiver, lossDate: string): WaiverAssessment {
  if (!waiver.inWriting) return { counts: false, impairment: 'waiver_not_in_writing' };
  if (Temporal.PlainDate.compare(Temporal.PlainDate.from(waiver.writtenOn), Temporal.PlainDate.from(lossDate)) >= 0)
    return { counts: false, impairment: 'waiver_after_loss' };
  return { counts: true };
}

export type ImpairmentCause = 'recorded_by_adjuster' | 'waiver_after_loss' | 'waiver_not_in_writing';
export type AssignmentState = 'not_required' | 'awaiting_signature' | 'signed';

/**
 * Where the insurer stands against others on this claim:
 *  - impaired: the insured impaired the insurer's recovery (recorded, or a waiver that does not count) — no settlement;
 *  - waived: a valid written waiver made before the loss — nothing to recover, and that is not held against the insured;
 *  - pursue: a responsible third party to recover from (for a bailee, JPF-COND-4: the insurance is no benefit to them,
 *    so the insurer recovers from them in full as if the property were uninsured);
 *  - none: no third party is known.
 */
export type RecoveryPosition =
  | { kind: 'impaired'; causes: ImpairmentCause[] }
  | { kind: 'waived' }
  | { kind: 'pursue'; from: ThirdParty; bailee: boolean; benefitToBailee: false; assignment: AssignmentState }
  | { kind: 'none'; assignment: AssignmentState };

export function assignmentState(record: Pick<SubrogationRecord, 'assignmentRequired' | 'assignmentSignedOn'>): AssignmentState {
  if (!record.assignmentRequired) return 'not_required';
  return record.assignmentSignedOn === null ? 'awaiting_signature' : 'signed';
}

export function impairmentCauses(record: SubrogationRecord, lossDate: string): ImpairmentCause[] {
  const causes: ImpairmentCause[] = [];
  if (record.impairment) causes.push('recorded_by_adjuster');
  if (record.waiver) {
    const assessed = assessWaiver(record.waiver, lossDate);
    if (!assessed.counts) causes.push(assessed.impairment);
  }
  return causes;
}

export function recoveryPosition(record: SubrogationRecord, lossDate: string): RecoveryPosition {
  const causes = impairmentCauses(record, lossDate);
  if (causes.length > 0) return { kind: 'impaired', causes };
  if (record.waiver) return { kind: 'waived' };
  const assignment = assignmentState(record);
  if (!record.thirdParty) return { kind: 'none', assignment };
  // JPF-COND-4: a bailee (paid custodian) is a third party like any other for recovery, and gets no benefit.
  return { kind: 'pursue', from: record.thirdParty, bailee: record.thirdParty.kind === 'bailee', benefitToBailee: false, assignment };
}

/** What stops settlement because of the subrogation record (JPF-SUBRO-1); null when nothing does. */
export type SubrogationBlockCode = 'recovery_rights_impaired' | 'recovery_assignment_unsigned';

export function subrogationBlock(record: SubrogationRecord, lossDate: string): SubrogationBlockCode | null {
  // "We will not settle a loss if you impair our right to recover."
  if (impairmentCauses(record, lossDate).length > 0) return 'recovery_rights_impaired';
  // "Upon settlement of a loss, we may require you to assign to us your right of recovery": when required, the
  // assignment is the condition of the settlement, so the payment waits for the signed assignment.
  if (assignmentState(record) === 'awaiting_signature') return 'recovery_assignment_unsigned';
  return null;
}

/** The problems with the dates of a subrogation record, given the loss date and today (policy time zone). */
export type SubrogationDateProblem = { field: 'assignmentSignedOn' | 'waiverWrittenOn'; code: 'date_in_future' | 'before_loss' };

export function subrogationDateProblems(
  input: { assignmentSignedOn: string | null; waiverWrittenOn: string | null },
  lossDate: string,
  today: string,
): SubrogationDateProblem[] {
  const problems: SubrogationDateProblem[] = [];
  const after = (a: string, b: string) => Temporal.PlainDate.compare(Temporal.PlainDate.from(a), Temporal.PlainDate.from(b)) > 0;
  if (input.assignmentSignedOn !== null) {
    if (after(input.assignmentSignedOn, today)) problems.push({ field: 'assignmentSignedOn', code: 'date_in_future' });
    // The assignment is of the rights that arose from this loss: it cannot precede the loss.
    else if (after(lossDate, input.assignmentSignedOn)) problems.push({ field: 'assignmentSignedOn', code: 'before_loss' });
  }
  // A waiver may be dated long before the loss (a repair contract, a storage agreement), never after today.
  if (input.waiverWrittenOn !== null && after(input.waiverWrittenOn, today)) problems.push({ field: 'waiverWrittenOn', code: 'date_in_future' });
  return problems;
}
