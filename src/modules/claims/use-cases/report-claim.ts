import { Temporal } from 'temporal-polyfill';
import { can, requirePermission } from '../../../platform/auth/access.ts';
import { type Actor, hasRole, systemActor, type UserActor } from '../../../platform/auth/actor.ts';
import { nowText } from '../../../platform/clock.ts';
import type { ClaimItemExtent, LossKind } from '../../../platform/db/schema-claims.ts';
import { inTransaction, type Trx } from '../../../platform/db/transaction.ts';
import type { Deps } from '../../../platform/deps.ts';
import { problems } from '../../../platform/http/problem.ts';
import { newId } from '../../../platform/ids.ts';
import { newJobRow } from '../../../platform/jobs/index.ts';
import { mailJob } from '../../../platform/mail/index.ts';
import { Money } from '../../../platform/money.ts';
import type { RequestOrigin } from '../../../platform/request-origin.ts';
import { requireAttachedFile, type StoredFile } from '../../files/index.ts';
import { findPolicyStateAsOf, insuredStatusOf, type PolicyStateOnDate } from '../../policies/index.ts';
import { type ClaimItem, type ClaimWithItems, claimNumberOf } from '../claims-repository.ts';
import type { DiaryEntry, NewDiaryEntry } from '../diary-repository.ts';
import { firstNoticeDeadlines, proofOfLossDue, suitLimitation, todayIn } from '../domain/claim-deadlines.ts';
import {
  channelOf,
  duplicateOf,
  type FirstNoticeProblem,
  type InsuredLookup,
  lossDateProblem,
  newlyPurchasedProblem,
  policeReportProblem,
  type ReporterRelation,
  type ReportingAs,
  reporterCheck,
  sameDescription,
  violatesLaw,
} from '../domain/first-notice.ts';
import { findPolicyIdByNumber, insertReportedClaim, type PolicyForClaim, readReportContext } from '../first-notice-repository.ts';
import { firstNoticeErrors, firstNoticeRefused } from './first-notice-errors.ts';

/** A claimed piece: a scheduled item by its number, or jewelry bought within 30 days before the loss (JPF-ADD-2). */
export type ReportedPiece =
  | { itemNo: number; extent?: ClaimItemExtent | undefined; partDescription?: string | null | undefined }
  | {
      description: string;
      category: string;
      /** 'YYYY-MM-DD' */
      purchaseDate: string;
      /** Decimal string in the policy's currency. */
      purchasePrice: string;
      extent?: ClaimItemExtent | undefined;
      partDescription?: string | null | undefined;
    };

export type ReportClaimInput = {
  /** The policy by id (insureds, agents, staff) or by number (jewelers, staff taking a call). */
  policyId?: string | undefined;
  policyNumber?: string | undefined;
  items: readonly ReportedPiece[];
  lossKind: LossKind;
  /** JPF-DUTY-3: the loss results from a violation of law (vandalism…); theft always does. */
  violationOfLaw?: boolean | undefined;
  /** 'YYYY-MM-DD' and 'HH:MM' in the policy's time zone. */
  lossDate: string;
  lossTime?: string | null | undefined;
  lossPlace: string;
  /** ISO 3166-1 alpha-2; JPF-COVER-1: anywhere in the world. */
  lossCountry: string;
  narrative: string;
  policeReportReference?: string | null | undefined;
  policeAuthority?: string | null | undefined;
  /** JPF-DUTY-1: the insured protects the property from further loss. */
  protectionConfirmed: boolean;
  reporterName: string;
  reporterRelation: ReporterRelation;
  insuredName: string;
  /** Uploaded first (POST /api/v1/files) as claim_photo, claim_document or police_report. */
  fileIds?: readonly string[] | undefined;
};

/** The capacity a page reports in: the back office's phone form as staff, the jeweler's form as jeweler. */
export type ReportOptions = { as?: 'staff' | 'jeweler' };

export type ClaimFile = Pick<StoredFile, 'id' | 'purpose' | 'type' | 'byteSize' | 'createdAt'>;

export type ReportedClaim = ClaimWithItems & {
  violationOfLaw: boolean;
  policyNumber: string;
  diary: DiaryEntry[];
  files: ClaimFile[];
  withdrawnAt: string | null;
  withdrawalReason: string | null;
};

const CLAIM_FILE_PURPOSES = ['claim_photo', 'claim_document', 'police_report'] as const;

/**
 * In what capacity the actor reports on this policy (null: it is not theirs to report on, 404). A page may ask for
 * staff or jeweler; otherwise the holder, the policy's agent, staff who handle claims, then an approved jeweler.
 */
function reportingAsOf(actor: UserActor, policy: Pick<PolicyForClaim, 'holderUserId' | 'agentUserId'>, options: ReportOptions): ReportingAs | null {
  if (options.as === 'staff') return can(actor, 'claims:handle') ? 'staff' : null;
  if (options.as === 'jeweler') return hasRole(actor, 'jeweler') ? 'jeweler' : null;
  if (actor.userId === policy.holderUserId) return 'holder';
  if (actor.userId === policy.agentUserId) return 'agent';
  if (can(actor, 'claims:handle')) return 'staff';
  if (hasRole(actor, 'jeweler')) return 'jeweler';
  return null;
}

/** JPF-DEF-2 as of the loss date: the named insureds then, and the other insureds of the declarations. */
function insuredLookup(policy: PolicyForClaim, asOf: PolicyStateOnDate): InsuredLookup {
  const parties = { namedInsureds: asOf.state.namedInsureds, otherInsureds: policy.otherInsureds };
  return (name) => insuredStatusOf(parties, name);
}

type CheckedPieces = { items: ClaimItem[]; problems: FirstNoticeProblem[] };

/** Every piece on the schedule on the loss date (or a JPF-ADD-2 purchase), copied with its coverage amount then. */
function checkPieces(pieces: readonly ReportedPiece[], asOf: PolicyStateOnDate, lossDate: Temporal.PlainDate, policy: PolicyForClaim): CheckedPieces {
  const found: FirstNoticeProblem[] = [];
  const items: ClaimItem[] = [];
  const seen = new Set<number>();
  const period = { firstDay: Temporal.PlainDate.from(policy.firstDay), lastDay: Temporal.PlainDate.from(policy.lastDay) };
  for (const [index, piece] of pieces.entries()) {
    const at = `body.items.${index}`;
    const extent = piece.extent ?? 'whole';
    const partDescription = extent === 'part' ? (piece.partDescription?.trim() ?? '') : null;
    // JPF-SETTLE-4: a loss to a part names the part.
    if (partDescription === '') found.push({ field: `${at}.partDescription`, code: 'part_description_required' });
    const base = { lineNo: items.length + 1, extent, partDescription: partDescription || null };
    if ('itemNo' in piece) {
      const scheduled = asOf.state.items.get(piece.itemNo);
      if (seen.has(piece.itemNo)) found.push({ field: `${at}.itemNo`, code: 'item_claimed_twice' });
      else if (!scheduled) found.push({ field: `${at}.itemNo`, code: 'item_not_on_policy' });
      seen.add(piece.itemNo);
      if (!scheduled) continue;
      items.push({
        ...base,
        itemNo: piece.itemNo,
        description: scheduled.description,
        category: scheduled.category,
        coverageAmount: scheduled.coverageAmount,
        setId: scheduled.setId,
        newlyPurchased: false,
        purchaseDate: null,
        purchasePrice: null,
      });
      continue;
    }
    const purchaseDate = Temporal.PlainDate.from(piece.purchaseDate);
    const problem = newlyPurchasedProblem(purchaseDate, lossDate, period, `${at}.purchaseDate`);
    if (problem) found.push(problem);
    // "Not yet reported": a reported purchase is on the schedule from its purchase date, and is claimed by number.
    const reported = [...asOf.state.items.values()].some(
      (item) => item.purchaseDate === piece.purchaseDate && sameDescription(item.description, piece.description),
    );
    if (!problem && reported) found.push({ field: `${at}.description`, code: 'item_already_scheduled' });
    items.push({
      ...base,
      itemNo: null,
      description: piece.description.trim(),
      category: piece.category,
      coverageAmount: null,
      setId: null,
      newlyPurchased: true,
      purchaseDate: piece.purchaseDate,
      purchasePrice: Money.of(piece.purchasePrice, policy.currency),
    });
  }
  return { items, problems: found };
}

function formatDay(locale: 'en' | 'nl', date: Temporal.PlainDate): string {
  return date.toLocaleString(locale === 'nl' ? 'nl-NL' : 'en-US', { dateStyle: 'long' });
}

/**
 * First notice of loss (issue #4): an insured in the portal, the policy's agent, an approved jeweler for their
 * customer, staff taking a phone call, or a program with an API token reports a loss. Checked against the policy as
 * of the loss date (in force; the items on the schedule then; the reporter an insured or acting for one, JPF-DEF-2),
 * the duties at notice (JPF-DUTY-1 protection, JPF-DUTY-3 police report) and earlier reports of the same loss; then,
 * in ONE transaction: the claim and its items, the report's facts, the files linked to the claim, the diary's
 * deadlines (JPF-DUTY-4 proof of loss in 90 days, JPF-SUIT-1 suit within a year), the audit event and the
 * acknowledgement mail to the policyholder in their language (outbox). A refusal writes nothing.
 */
export async function reportClaim(
  deps: Deps,
  actor: Actor,
  input: ReportClaimInput,
  origin: RequestOrigin,
  options: ReportOptions = {},
): Promise<ReportedClaim> {
  requirePermission(actor, 'claims:report');
  if (actor.kind !== 'user') throw problems.unauthenticated();
  return inTransaction(deps.db, (trx) => reportIn(trx, deps, actor, input, origin, options));
}

async function reportIn(
  trx: Trx,
  deps: Deps,
  actor: UserActor,
  input: ReportClaimInput,
  origin: RequestOrigin,
  options: ReportOptions,
): Promise<ReportedClaim> {
  const policyId = input.policyId ?? (input.policyNumber ? await findPolicyIdByNumber(trx, input.policyNumber.trim(), input.lossDate) : null);
  const inner = { ...deps, db: trx };
  // The policy as of the loss date, its row locked for the rest of the transaction: two reports of the same loss take
  // turns, so the second sees the first (the duplicate check below). Read as the system: the claims module decides
  // who may report on it (reportingAsOf); a jeweler proves their customer's name below.
  const asOf = policyId ? await findPolicyStateAsOf(inner, systemActor('claims.first-notice'), policyId, input.lossDate, { forUpdate: true }) : null;
  if (!asOf) throw input.policyId ? problems.notFound() : firstNoticeErrors.policyNotFound();
  const as = reportingAsOf(actor, asOf.policy, options);
  // A jeweler has no relationship to the policy: the number and an insured's name are what they know of it.
  if (as === null || (as === 'jeweler' && input.policyId !== undefined)) throw problems.notFound();
  const context = await readReportContext(trx, asOf.policy.id, input.lossDate);
  if (!context) throw problems.notFound();
  const policy: PolicyForClaim = {
    id: asOf.policy.id,
    policyNumber: asOf.policy.policyNumber,
    holderUserId: asOf.policy.holderUserId,
    agentUserId: asOf.policy.agentUserId,
    firstDay: asOf.policy.firstDay,
    lastDay: asOf.policy.lastDay,
    timeZone: asOf.policy.timeZone,
    currency: asOf.policy.premium.currency,
    otherInsureds: context.otherInsureds,
    holder: context.holder,
  };
  const insuredOf = insuredLookup(policy, asOf);
  if (as === 'jeweler' && !insuredOf(input.insuredName).insured) throw firstNoticeErrors.policyNotFound();

  const lossDate = Temporal.PlainDate.from(input.lossDate);
  const today = todayIn(policy.timeZone, deps.clock.now());
  const found: FirstNoticeProblem[] = [];
  const lossProblem = lossDateProblem(lossDate, today, asOf.state.status);
  if (lossProblem) found.push(lossProblem);
  const reporter = reporterCheck({ reporterName: input.reporterName, reporterRelation: input.reporterRelation, insuredName: input.insuredName }, as, insuredOf);
  if (!reporter.ok) found.push(reporter.problem);
  if (!input.protectionConfirmed) found.push({ field: 'body.protectionConfirmed', code: 'protection_not_confirmed' });
  const policeReference = input.policeReportReference?.trim() || null;
  const policeProblem = policeReportProblem(input.lossKind, input.violationOfLaw ?? false, policeReference);
  if (policeProblem) found.push(policeProblem);
  // Outside cover the schedule is empty: the loss date is the problem, not each item.
  const pieces = lossProblem ? { items: [], problems: [] } : checkPieces(input.items, asOf, lossDate, policy);
  found.push(...pieces.problems);
  if (found.length > 0) throw firstNoticeRefused(found, { firstDay: policy.firstDay, lastDay: policy.lastDay, today: today.toString() });

  const duplicate = duplicateOf(context.sameLossClaims, pieces.items);
  if (duplicate) throw firstNoticeErrors.duplicate(duplicate.claimNumber);

  const now = nowText(deps.clock);
  const id = newId();
  const claimNumber = claimNumberOf(Temporal.Instant.from(now).toZonedDateTimeISO('UTC').year, context.claimSequence);
  const claim: ClaimWithItems = {
    id,
    claimNumber,
    policyId: policy.id,
    holderUserId: policy.holderUserId,
    agentUserId: policy.agentUserId,
    jewelerUserId: as === 'jeweler' ? actor.userId : null,
    adjusterUserId: null,
    reportedByUserId: actor.userId,
    channel: channelOf(as, actor.via === 'api_token'),
    reporterName: input.reporterName.trim(),
    reporterRelation: reporter.ok ? reporter.relation : input.reporterRelation,
    insuredName: input.insuredName.trim(),
    lossKind: input.lossKind,
    lossDate: input.lossDate,
    lossTime: input.lossTime ?? null,
    lossPlace: input.lossPlace.trim(),
    lossCountry: input.lossCountry.toUpperCase(),
    narrative: input.narrative.trim(),
    policeReportReference: policeReference,
    policeAuthority: input.policeAuthority?.trim() || null,
    protectionConfirmed: true,
    // JPF-DUTY-2: the day the insurer had notice, in the policy's time zone.
    noticeDate: today.toString(),
    status: 'reported',
    timeZone: policy.timeZone,
    currency: policy.currency,
    reportedAt: now,
    updatedAt: now,
    items: pieces.items,
  };
  const violationOfLaw = violatesLaw(input.lossKind, input.violationOfLaw ?? false);

  // The photos and documents become the policyholder's, linked to the claim (checked: reachable, a claim purpose, unused).
  // A file that does not qualify refuses the report before anything of it is written.
  const files: ClaimFile[] = [];
  for (const [index, fileId] of (input.fileIds ?? []).entries()) {
    const file = await requireAttachedFile(trx, actor, fileId, CLAIM_FILE_PURPOSES, {
      field: `body.fileIds.${index}`,
      link: { to: { type: 'claim', id, itemIndex: null }, ownerUserId: policy.holderUserId, clock: deps.clock, requestId: origin.requestId },
    });
    files.push({ id: file.id, purpose: file.purpose, type: file.type, byteSize: file.byteSize, createdAt: file.createdAt });
  }

  // JPF-DUTY-4: the sworn proof of loss within 90 days after the loss; JPF-SUIT-1: no suit unless within a year.
  const proofDue = proofOfLossDue(lossDate);
  const suitBy = suitLimitation(lossDate);
  const entries: NewDiaryEntry[] = firstNoticeDeadlines(id, lossDate);
  const diary: DiaryEntry[] = entries.map((entry) => ({
    id: newId(),
    claimId: id,
    kind: entry.kind,
    party: entry.party,
    dueOn: entry.dueOn,
    clause: entry.clause,
    note: entry.note ?? null,
    referenceId: entry.referenceId ?? null,
    status: 'open',
    remindedAt: null,
    createdAt: now,
    closedAt: null,
  }));

  const locale = policy.holder.locale;
  // The acknowledgement to the policyholder in their language: an outbox job committed with the claim (decision 0003).
  const acknowledgement = mailJob({
    to: policy.holder.email,
    locale,
    template: 'claim_acknowledgement',
    params: {
      name: policy.holder.displayName,
      link: `${deps.config.publicUrl}/portal/claims/${id}`,
      claimNumber,
      policyNumber: policy.policyNumber,
      lossDate: formatDay(locale, lossDate),
      proofOfLossDue: formatDay(locale, proofDue),
      suitLimitation: formatDay(locale, suitBy),
    },
  });
  // The claim, its items, the report's facts, the diary, the mail job and the audit event: one statement.
  await insertReportedClaim(
    trx,
    { claim, violationOfLaw, diary: { ids: diary.map((entry) => entry.id), entries }, mailJob: newJobRow(acknowledgement, deps.clock) },
    {
      actor,
      action: 'claim.reported',
      subject: { type: 'claim', id },
      details: {
        claimNumber,
        policyId: policy.id,
        channel: claim.channel,
        lossKind: claim.lossKind,
        items: claim.items.map((item) => item.itemNo ?? 'newly_purchased'),
        noticeDate: claim.noticeDate,
        fileIds: files.map((file) => file.id),
      },
      personalDetails: { reporterName: claim.reporterName, reporterRelation: claim.reporterRelation, insuredName: claim.insuredName },
      requestId: origin.requestId,
    },
    deps.clock,
  );
  return { ...claim, violationOfLaw, policyNumber: policy.policyNumber, diary, files, withdrawnAt: null, withdrawalReason: null };
}
