import { Temporal } from 'temporal-polyfill';
import type { ClaimChannel, ClaimStatus, LossKind } from '../../../platform/db/schema-claims.ts';

/**
 * First notice of loss (issue #4): the rules a report must meet before a claim exists. Pure: the use case
 * (use-cases/report-claim.ts) reads the policy as of the loss date and passes in what these rules need.
 * Dates are calendar dates in the policy's time zone.
 */

export const LOSS_KINDS = ['damage', 'loss', 'theft', 'disappearance'] as const satisfies readonly LossKind[];

/** Claims still being worked on: the adjuster's queue shows these (the partial indexes of 0026 repeat the list). */
export const OPEN_CLAIM_STATUSES = ['reported', 'needs_information', 'covered'] as const satisfies readonly ClaimStatus[];

/** JPF-DEF-2: who the reporter is to the insured. The first four are insureds themselves. */
export const INSURED_RELATIONS = ['named_insured', 'spouse', 'resident_relative', 'minor_in_care'] as const;
export const REPORTER_RELATIONS = [...INSURED_RELATIONS, 'legal_representative', 'agent', 'jeweler'] as const;
export type ReporterRelation = (typeof REPORTER_RELATIONS)[number];
export type InsuredRelation = (typeof INSURED_RELATIONS)[number];

/** What the policies module says of a name (insuredStatusOf on the parties as of the loss date). */
export type InsuredLookup = (name: string) => { insured: true; as: InsuredRelation } | { insured: false };

/** In what capacity the actor reports: the policyholder, the policy's agent, an approved jeweler, or staff taking a call. */
export type ReportingAs = 'holder' | 'agent' | 'jeweler' | 'staff';

export type ReporterFacts = { reporterName: string; reporterRelation: ReporterRelation; insuredName: string };

export type FirstNoticeProblem = { field: string; code: string };

/**
 * The relations a reporter may state in each capacity: the holder's own report is an insured's (or, after a death,
 * the legal representative's); the agent and the jeweler act for an insured; staff write down what the caller says.
 */
export function allowedRelations(as: ReportingAs): readonly ReporterRelation[] {
  switch (as) {
    case 'holder':
      return [...INSURED_RELATIONS, 'legal_representative'];
    case 'agent':
      return ['agent'];
    case 'jeweler':
      return ['jeweler'];
    case 'staff':
      return REPORTER_RELATIONS;
  }
}

/**
 * JPF-DEF-2: "the reporter must be an insured or act for one". An insured reports for themselves (their relation on
 * the policy is recorded, whatever they called it) or for another insured; a legal representative, an agent or a
 * jeweler acts for the insured named in insuredName, who must be an insured on the loss date. The legal
 * representative of a deceased insured is an insured only for covered property — the property is checked against
 * the schedule separately. Answers the relation to record, or the problem.
 */
export function reporterCheck(
  facts: ReporterFacts,
  as: ReportingAs,
  insuredOf: InsuredLookup,
): { ok: true; relation: ReporterRelation } | { ok: false; problem: FirstNoticeProblem } {
  if (!allowedRelations(as).includes(facts.reporterRelation)) return { ok: false, problem: { field: 'body.reporterRelation', code: 'relation_not_allowed' } };
  const insured = insuredOf(facts.insuredName);
  if (!insured.insured) return { ok: false, problem: { field: 'body.insuredName', code: 'insured_name_not_insured' } };
  if (!(INSURED_RELATIONS as readonly string[]).includes(facts.reporterRelation)) return { ok: true, relation: facts.reporterRelation };
  const reporter = insuredOf(facts.reporterName);
  if (!reporter.insured) return { ok: false, problem: { field: 'body.reporterName', code: 'reporter_not_insured' } };
  return { ok: true, relation: reporter.as };
}

/** The status of the policy on a date, as the policies module's as-of view says it. */
export type PolicyStatusOn = 'not_yet_in_force' | 'in_force' | 'cancelled' | 'void' | 'ended';

/**
 * The loss must have happened while the policy was in force (the as-of view on the loss date: after the first day,
 * up to the last, before any cancellation, on a policy never voided) and not after today. JPF-COND-3 / JPF-COVER-1.
 */
export function lossDateProblem(lossDate: Temporal.PlainDate, today: Temporal.PlainDate, statusOnLossDate: PolicyStatusOn): FirstNoticeProblem | null {
  if (Temporal.PlainDate.compare(lossDate, today) > 0) return { field: 'body.lossDate', code: 'loss_date_in_future' };
  if (statusOnLossDate !== 'in_force') return { field: 'body.lossDate', code: 'loss_date_outside_cover' };
  return null;
}

/** JPF-DUTY-3: "notify the police when a loss results from a violation of law" — theft always is one. */
export function violatesLaw(lossKind: LossKind, violationOfLaw: boolean): boolean {
  return lossKind === 'theft' || violationOfLaw;
}

/** JPF-DUTY-3: a theft or other violation of law cannot be reported without the police report's reference. */
export function policeReportProblem(lossKind: LossKind, violationOfLaw: boolean, policeReportReference: string | null): FirstNoticeProblem | null {
  if (violatesLaw(lossKind, violationOfLaw) && (policeReportReference ?? '').trim() === '')
    return { field: 'body.policeReportReference', code: 'police_report_required' };
  return null;
}

/** JPF-ADD-1: a newly purchased piece is covered from its purchase date for 30 days (purchase day = day 0) until reported. */
export const NEW_PURCHASE_COVER_DAYS = 30;

/**
 * JPF-ADD-1 / JPF-ADD-2: jewelry not on the schedule is covered only when bought during the period and within the 30
 * days before the loss (purchase + 30 ≥ loss date ≥ purchase) and not yet reported (a reported purchase is on the
 * schedule and is claimed by its item number). The JPF-ADD-2 cap is the settlement's business.
 */
export function newlyPurchasedProblem(
  purchaseDate: Temporal.PlainDate,
  lossDate: Temporal.PlainDate,
  period: { firstDay: Temporal.PlainDate; lastDay: Temporal.PlainDate },
  field: string,
): FirstNoticeProblem | null {
  const compare = Temporal.PlainDate.compare;
  if (compare(purchaseDate, lossDate) > 0) return { field, code: 'purchased_after_loss' };
  if (compare(purchaseDate, period.firstDay) < 0 || compare(purchaseDate, period.lastDay) > 0) return { field, code: 'purchased_outside_period' };
  if (compare(purchaseDate.add({ days: NEW_PURCHASE_COVER_DAYS }), lossDate) < 0) return { field, code: 'purchased_too_long_before_loss' };
  return null;
}

/** Description as people type it: case, spacing and Unicode form do not make two pieces different. */
export function sameDescription(a: string, b: string): boolean {
  const normal = (text: string) => text.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('en');
  return normal(a) === normal(b);
}

/** A claimed piece: a scheduled item by number, or a newly purchased one by its description. */
export type ClaimedPiece = { itemNo: number | null; description: string };

/**
 * Duplicate reports: another claim (not withdrawn) on the same policy with the same loss date that claims a piece
 * of this report — the same scheduled item, or a newly purchased piece of the same description. Answers it.
 */
export function duplicateOf<C extends { status: ClaimStatus; items: readonly ClaimedPiece[] }>(
  sameLossClaims: readonly C[],
  pieces: readonly ClaimedPiece[],
): C | null {
  const overlaps = (a: ClaimedPiece, b: ClaimedPiece) =>
    a.itemNo !== null ? a.itemNo === b.itemNo : b.itemNo === null && sameDescription(a.description, b.description);
  return sameLossClaims.find((claim) => claim.status !== 'withdrawn' && claim.items.some((item) => pieces.some((piece) => overlaps(piece, item)))) ?? null;
}

/** Withdrawal: only before a decision, while the claim is reported or waiting for information. */
export function canWithdraw(status: ClaimStatus): boolean {
  return status === 'reported' || status === 'needs_information';
}

/**
 * The channel of a report: the API with a bearer token; otherwise the page or capacity it came through. Staff taking a
 * call report by phone; approved jewelers through their portal; insureds and agents through the portal.
 */
export function channelOf(as: ReportingAs, viaApiToken: boolean): ClaimChannel {
  if (viaApiToken) return 'api';
  switch (as) {
    case 'holder':
    case 'agent':
      return 'portal';
    case 'jeweler':
      return 'jeweler';
    case 'staff':
      return 'phone';
  }
}
