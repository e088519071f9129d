import { recordAuditEvent } from '../../../platform/audit/index.ts';
import { can, requirePermission } from '../../../platform/auth/access.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { nowText } from '../../../platform/clock.ts';
import type { RecoveryKind, RecoveryParty } from '../../../platform/db/schema-claims-recovery.ts';
import { inTransaction, type Trx } from '../../../platform/db/transaction.ts';
import type { Deps } from '../../../platform/deps.ts';
import { problems } from '../../../platform/http/problem.ts';
import { newId } from '../../../platform/ids.ts';
import { enqueueMail, isMailAddress } from '../../../platform/mail/index.ts';
import { Money } from '../../../platform/money.ts';
import type { RequestOrigin } from '../../../platform/request-origin.ts';
import { type Claim, findClaimItems, updateClaimStatus } from '../claims-repository.ts';
import { addDiaryEntries } from '../diary-repository.ts';
import { deadlineEntry, recoveryReviewDue } from '../domain/claim-deadlines.ts';
import { everyItemWithdrawn, partyToNotify, recoveryDateProblem, recoveryOutcome } from '../domain/recovery.ts';
import { findContact, findPaidOnClaim, insertRecovery, listRecoveries, type Recovery } from '../recovery-repository.ts';
import { recoveryText } from '../recovery-words.ts';
import { type RecoveryView, recoveryViewOf } from './read-recovery.ts';
import { claimToday, lockedClaimFor, recoveryErrors } from './recovery-support.ts';

export type RecoveryInput = {
  kind: RecoveryKind;
  /** item_found: the claim's item line that was found. */
  lineNo?: number | null | undefined;
  description: string;
  /** money: the amount recovered, a decimal string in the claim's currency. */
  amount?: string | null | undefined;
  recoveredFrom?: string | null | undefined;
  recoveredOn: string;
};

export type RecordedRecovery = {
  recovery: Recovery;
  /** Who was told (JPF-SUBRO-2 "each side notifies the other"): by mail, or not (no adjuster assigned yet, no address). */
  notified: { party: RecoveryParty; byMail: boolean };
  claimClosed: boolean;
  view: RecoveryView;
};

/**
 * JPF-SUBRO-2: a recovery on a claim, recorded by the insurer (claims:handle) or reported by the policyholder
 * (portal, API). "Any covered property replaced or paid for will become our property": an item found after it was
 * paid for (an issued payment paid its line in full, or a jeweler completed its replacement) passes to the insurer
 * on the day it was recovered; an item found before that is withdrawn from the claim instead — when that leaves no
 * item to settle, the claim closes. Money recovered is booked against what was paid (net paid).
 * "You must notify us or we must notify you promptly": the insurer's record mails the policyholder in their language;
 * the policyholder's report mails the claim's adjuster — when none is assigned, it adds the insurer's 7-day
 * 'recovery_review_due' deadline to the diary instead (the recovery shows on the claim either way). A line not on
 * the claim, an item already found, a date in the future or before the loss: refused, nothing written. Audited,
 * with the mail in the same transaction (outbox).
 */
export async function recordRecovery(deps: Deps, actor: Actor, claimId: string, input: RecoveryInput, origin: RequestOrigin): Promise<RecordedRecovery> {
  requirePermission(actor, 'claims:report');
  if (actor.kind !== 'user') throw problems.unauthenticated();
  return inTransaction(deps.db, async (trx) => {
    const claim = await lockedClaimFor(trx, actor, claimId);
    const reportedBy: RecoveryParty = can(actor, 'claims:handle') ? 'insurer' : 'insured';
    // The insured's own report comes from the policyholder; the agent or the jeweler tells the adjuster instead.
    if (reportedBy === 'insured' && actor.userId !== claim.holderUserId) throw problems.forbidden();
    const dateProblem = recoveryDateProblem(input.recoveredOn, claim.lossDate, claimToday(deps, claim));
    if (dateProblem) throw recoveryErrors.date('recoveredOn', dateProblem);

    const items = await findClaimItems(trx, claim.id, claim.currency);
    const earlier = await listRecoveries(trx, claim.id);
    const lineNo = input.kind === 'item_found' ? (input.lineNo ?? 0) : null;
    if (lineNo !== null) {
      if (!items.some((item) => item.lineNo === lineNo)) throw recoveryErrors.itemNotOnClaim(lineNo);
      if (earlier.some((recovery) => recovery.kind === 'item_found' && recovery.lineNo === lineNo)) throw recoveryErrors.itemAlreadyRecovered(lineNo);
    }
    const { paidLines } = await findPaidOnClaim(trx, claim.id, claim.currency);
    const outcome = recoveryOutcome(input.kind, lineNo !== null && paidLines.has(lineNo));
    const now = nowText(deps.clock);
    const recovery: Recovery = {
      id: newId(),
      claimId: claim.id,
      kind: input.kind,
      lineNo,
      description: input.description.trim(),
      amount: input.kind === 'money' ? Money.of(input.amount ?? '0', claim.currency) : null,
      recoveredFrom: input.recoveredFrom?.trim() || null,
      recoveredOn: input.recoveredOn,
      reportedByParty: reportedBy,
      reportedByUserId: actor.userId,
      outcome,
      titlePassedOn: outcome === 'title_passed' ? input.recoveredOn : null,
      createdAt: now,
    };
    await insertRecovery(trx, recovery, claim.currency);

    // Found before it was paid for, and nothing else is left to settle: the claim closes.
    const withdrawn = [...earlier, recovery].filter((entry) => entry.outcome === 'item_withdrawn').map((entry) => entry.lineNo ?? 0);
    const claimClosed =
      outcome === 'item_withdrawn' &&
      ['reported', 'needs_information', 'covered'].includes(claim.status) &&
      everyItemWithdrawn(
        items.map((item) => item.lineNo),
        withdrawn,
      );
    if (claimClosed) await updateClaimStatus(trx, claim.id, 'closed', now);

    const byMail = await notifyOtherSide(trx, deps, claim, recovery);
    // JPF-SUBRO-2: the insured's notice that reached no adjuster (none assigned) becomes the insurer's deadline to review
    // it, 7 days on, in the adjuster's diary; a new worksheet version closes it.
    const reviewDueOn = reportedBy === 'insured' && claim.adjusterUserId === null ? recoveryReviewDue(claimToday(deps, claim)).toString() : null;
    if (reviewDueOn) await addDiaryEntries(trx, [deadlineEntry(claim.id, 'recovery_review_due', reviewDueOn, { referenceId: recovery.id })], now);
    await recordAuditEvent(
      trx,
      {
        actor,
        action: 'claim.recovery_recorded',
        subject: { type: 'claim', id: claim.id },
        details: {
          claimNumber: claim.claimNumber,
          recoveryId: recovery.id,
          kind: recovery.kind,
          lineNo,
          amount: recovery.amount?.toFixed() ?? null,
          outcome,
          reportedBy,
          notified: partyToNotify(reportedBy),
          notifiedByMail: byMail,
          reviewDueOn,
          claimClosed,
        },
        personalDetails: { description: recovery.description, recoveredFrom: recovery.recoveredFrom },
        requestId: origin.requestId,
      },
      deps.clock,
    );
    return { recovery, notified: { party: partyToNotify(reportedBy), byMail }, claimClosed, view: await recoveryViewOf(trx, claim) };
  });
}

/** JPF-SUBRO-2: the other side hears of it by mail, in its language; false when there is nobody to mail. */
async function notifyOtherSide(trx: Trx, deps: Deps, claim: Claim, recovery: Recovery): Promise<boolean> {
  const toInsured = recovery.reportedByParty === 'insurer';
  const recipientId = toInsured ? claim.holderUserId : claim.adjusterUserId;
  const contact = recipientId ? await findContact(trx, recipientId) : null;
  if (!contact || !isMailAddress(contact.email)) return false;
  const params = {
    name: contact.displayName,
    link: `${deps.config.publicUrl}${toInsured ? '/portal' : '/backoffice'}/claims/${claim.id}`,
    claimNumber: claim.claimNumber,
    recovery: recoveryText(contact.locale, recovery),
  };
  if (toInsured) await enqueueMail(trx, { to: contact.email, locale: contact.locale, template: 'claim_recovery_recorded', params }, deps.clock);
  else await enqueueMail(trx, { to: contact.email, locale: contact.locale, template: 'claim_recovery_reported', params }, deps.clock);
  return true;
}
