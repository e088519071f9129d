import type { ClaimStatus } from '../../../platform/db/schema-claims.ts';

/**
 * When an adjuster may close a claim (issue #4): once it is decided and nothing is left to do — settled (the worksheet's
 * total paid) or denied (not covered). Not while a payment waits for approval (money would be left half-way) or an
 * appraisal dispute is open (JPF-APPR-1: the amount is still being decided). Pure.
 */
export type ClosingFacts = { status: ClaimStatus; paymentsAwaitingApproval: number; openAppraisals: number };
export type ClosingRefusal = 'claim_not_closable' | 'payment_awaiting_approval' | 'appraisal_open';

export const CLOSABLE_STATUSES: readonly ClaimStatus[] = ['settled', 'denied'];

export function closingRefusal(facts: ClosingFacts): ClosingRefusal | null {
  if (!CLOSABLE_STATUSES.includes(facts.status)) return 'claim_not_closable';
  if (facts.paymentsAwaitingApproval > 0) return 'payment_awaiting_approval';
  if (facts.openAppraisals > 0) return 'appraisal_open';
  return null;
}

/**
 * Deadlines closing cancels: the insurer's (nothing more is owed) and the insured's duties; the suit limitation
 * (JPF-SUIT-1) stays — it is the insured's right to sue within a year of the loss, which closing does not end.
 */
export function diaryKindsEndedByClosing(kind: string): boolean {
  return kind !== 'suit_limitation';
}
