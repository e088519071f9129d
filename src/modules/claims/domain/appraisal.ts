import { Decimal } from 'decimal.js';
import { Temporal } from 'temporal-polyfill';
import type { AppraisalStatus, AwardSigner, RecoveryParty, UmpireSelectedBy } from '../../../platform/db/schema-claims-recovery.ts';
import { Money } from '../../../platform/money.ts';

/**
 * "What Happens if You and We Disagree", 1. Appraisal (JPF-APPR-1), as pure rules:
 *
 *   "If either party makes a written demand for appraisal, each will select a competent, independent appraiser and
 *    notify the other of the appraiser's identity within 20 days after the receipt of the written demand. The two
 *    appraisers will select a competent, impartial umpire. If the two appraisers are unable to agree upon an umpire
 *    within 15 days, you or we can ask a judge of a court in the state where the appraisal is pending to select an
 *    umpire. The appraisers will determine and list separately: a. the amount of the loss, b. the value of the
 *    covered property, and c. the cost to repair or replace the covered property. [...] A written agreement by any
 *    two of these three will establish the amount, value, and cost stated above. Each appraiser will be paid by the
 *    party selecting that appraiser. The compensation of the umpire and other expenses of the appraisal will be
 *    shared equally by you and us."
 */

export const APPRAISER_NAMING_DAYS = 20;
export const UMPIRE_SELECTION_DAYS = 15;

const date = (text: string) => Temporal.PlainDate.from(text);
const isAfter = (a: string, b: string) => Temporal.PlainDate.compare(date(a), date(b)) > 0;

/** The latest of some dates ('YYYY-MM-DD'): when the last of several steps was taken. */
export function latestDate(first: string, ...rest: readonly string[]): string {
  return rest.reduce((latest, day) => (isAfter(day, latest) ? day : latest), first);
}

/** The last day to name an appraiser: 20 days after the written demand was received. */
export function appraiserNamingDue(demandReceivedOn: string): string {
  return date(demandReceivedOn).add({ days: APPRAISER_NAMING_DAYS }).toString();
}

/**
 * The last day for the two appraisers to agree on an umpire: 15 days after both are named (the clause's 15 days
 * can only run once there are two appraisers to agree), i.e. after the later of the two namings.
 */
export function umpireSelectionDue(insuredNamedOn: string, insurerNamedOn: string): string {
  return date(latestDate(insuredNamedOn, insurerNamedOn)).add({ days: UMPIRE_SELECTION_DAYS }).toString();
}

/**
 * An appraiser named after the 20 days is still recorded — the clause names no consequence, and refusing the record
 * would hide the fact — but it is recorded as late: the other side may ask a judge, and the adjuster sees it.
 */
export function isLate(on: string, due: string): boolean {
  return isAfter(on, due);
}

export type UmpireProblem = 'judge_before_deadline' | 'before_appraisers_named';

/**
 * A judge selects the umpire only when the appraisers were unable to agree WITHIN the 15 days: a judge's selection
 * dated on or before the last day is refused. The appraisers may still agree after the 15 days (nobody went to a
 * judge); that selection is recorded as late. Either way the umpire is selected after both appraisers are named.
 */
export function umpireProblem(selectedBy: UmpireSelectedBy, selectedOn: string, due: string, bothNamedOn: string): UmpireProblem | null {
  if (isAfter(bothNamedOn, selectedOn)) return 'before_appraisers_named';
  if (selectedBy === 'judge' && !isAfter(selectedOn, due)) return 'judge_before_deadline';
  return null;
}

export type SignatureProblem = 'needs_two_signatures' | 'umpire_not_selected';

/** JPF-APPR-1: "a written agreement by any two of these three" binds; one signature is not an agreement. */
export function awardSignatureProblem(signedBy: readonly AwardSigner[], umpireSelected: boolean): SignatureProblem | null {
  const distinct = new Set(signedBy);
  if (distinct.size < 2) return 'needs_two_signatures';
  if (distinct.has('umpire') && !umpireSelected) return 'umpire_not_selected';
  return null;
}

export type AppraisalCosts = {
  insuredAppraiserFee: Money;
  insurerAppraiserFee: Money;
  umpireFee: Money;
  otherExpenses: Money;
};

export type PartyCost = { ownAppraiser: Money; halfOfShared: Money; total: Money };
export type CostSplit = { shared: Money; insured: PartyCost; insurer: PartyCost };

/**
 * JPF-APPR-1: each party pays the appraiser it selected; the umpire and the other expenses are shared equally.
 * An odd cent of the shared half falls to the insurer (the insured's half is rounded down to the cent), so the
 * two shares always add up to the whole.
 */
export function splitAppraisalCosts(costs: AppraisalCosts): CostSplit {
  const currency = costs.umpireFee.currency;
  const shared = costs.umpireFee.plus(costs.otherExpenses);
  const insuredHalf = Money.fromDecimal(shared.amount.dividedBy(2).toDecimalPlaces(2, Decimal.ROUND_DOWN), currency);
  const insurerHalf = shared.minus(insuredHalf);
  return {
    shared,
    insured: { ownAppraiser: costs.insuredAppraiserFee, halfOfShared: insuredHalf, total: costs.insuredAppraiserFee.plus(insuredHalf) },
    insurer: { ownAppraiser: costs.insurerAppraiserFee, halfOfShared: insurerHalf, total: costs.insurerAppraiserFee.plus(insurerHalf) },
  };
}

/** The dispute as the rules need it (dates 'YYYY-MM-DD'). */
export type DisputeFacts = {
  status: AppraisalStatus;
  appraiserNamingDue: string;
  insuredAppraiserNamedOn: string | null;
  insurerAppraiserNamedOn: string | null;
  umpireSelectionDue: string | null;
  umpireSelectedOn: string | null;
};

/** The status after naming the parties' appraisers: both named → waiting for the umpire (the appraisers may agree first). */
export function statusAfterNaming(insuredNamed: boolean, insurerNamed: boolean): AppraisalStatus {
  return insuredNamed && insurerNamed ? 'awaiting_umpire' : 'awaiting_appraisers';
}

export type NextStep =
  | { kind: 'name_appraiser'; parties: RecoveryParty[]; dueOn: string; overdue: boolean }
  | { kind: 'select_umpire'; dueOn: string; overdue: boolean }
  | { kind: 'await_award' }
  | { kind: 'awarded' };

/** What the dispute waits for now, and by when (for the insured's status page and the adjuster's view). */
export function nextStep(dispute: DisputeFacts, today: string): NextStep {
  switch (dispute.status) {
    case 'awaiting_appraisers': {
      const parties: RecoveryParty[] = [];
      if (dispute.insuredAppraiserNamedOn === null) parties.push('insured');
      if (dispute.insurerAppraiserNamedOn === null) parties.push('insurer');
      return { kind: 'name_appraiser', parties, dueOn: dispute.appraiserNamingDue, overdue: isAfter(today, dispute.appraiserNamingDue) };
    }
    case 'awaiting_umpire': {
      const due = dispute.umpireSelectionDue ?? dispute.appraiserNamingDue;
      return { kind: 'select_umpire', dueOn: due, overdue: isAfter(today, due) };
    }
    case 'umpire_selected':
      return { kind: 'await_award' };
    case 'awarded':
      return { kind: 'awarded' };
  }
}

/** A date the parties give must not lie in the future, nor before the date it follows from. */
export function dateProblem(on: string, notBefore: string, today: string): 'date_in_future' | 'too_early' | null {
  if (isAfter(on, today)) return 'date_in_future';
  if (isAfter(notBefore, on)) return 'too_early';
  return null;
}
