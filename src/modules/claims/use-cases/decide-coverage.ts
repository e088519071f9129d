import { recordAuditEvent } from '../../../platform/audit/index.ts';
import { requirePermission } from '../../../platform/auth/access.ts';
import { type Actor, systemActor } from '../../../platform/auth/actor.ts';
import { nowText } from '../../../platform/clock.ts';
import { inTransaction } from '../../../platform/db/transaction.ts';
import type { Deps } from '../../../platform/deps.ts';
import { problems } from '../../../platform/http/problem.ts';
import { translate } from '../../../platform/i18n/index.ts';
import { newId } from '../../../platform/ids.ts';
import { enqueueJob } from '../../../platform/jobs/index.ts';
import { enqueueMail } from '../../../platform/mail/index.ts';
import type { RequestOrigin } from '../../../platform/request-origin.ts';
import { getAccount } from '../../accounts/index.ts';
import { updateClaimStatus } from '../claims-repository.ts';
import { coverageErrors } from '../coverage-errors.ts';
import { type CoverageEntry, closeReviewRequests, insertCoverageEntry, listCoverageEntries } from '../coverage-repository.ts';
import { closeDiaryEntries } from '../diary-repository.ts';
import type { ClauseId } from '../domain/coverage-clauses.ts';
import { type CoverageDecision, type CoverageOutcome, type MissingInformation, overrideDecision } from '../domain/coverage-decision.ts';
import { lockedOpenClaim, STATUS_OF_OUTCOME } from './coverage-support.ts';

/** The job that writes the denial letter of an 'excluded' decision (generate-coverage-letter.ts). */
export const COVERAGE_LETTER_JOB = 'claims.coverage_letter';

export type DecideCoverageInput =
  | { action: 'confirm'; reason?: string | null }
  | { action: 'override'; outcome: CoverageOutcome; exclusions?: ClauseId[]; missing?: MissingInformation[]; reason?: string | null };

/**
 * The adjuster decides the claim's cover: confirms the newest proposal, or overrides it with a reason (mandatory) and
 * the clauses the own decision rests on. A decision on a claim that already has one is a reconsideration and needs a
 * reason too; the history keeps every entry. In one transaction the claim's status follows the outcome (covered →
 * 'covered', excluded → 'denied', needs information → 'needs_information'), the insured's open review request
 * (PRV-RIGHT-6) and its 'human_review_due' diary entry are closed by this decision, an 'excluded' decision enqueues its
 * denial letter (JPF-EXCL-*, written in the holder's language by a job, which then mails the holder), and 'needs
 * information' mails the holder what is missing.
 */
export async function decideClaimCoverage(
  deps: Deps,
  actor: Actor,
  claimId: string,
  input: DecideCoverageInput,
  origin: RequestOrigin,
): Promise<CoverageEntry> {
  requirePermission(actor, 'claims:handle');
  if (actor.kind !== 'user') throw problems.unauthenticated();
  const reason = input.reason?.trim() ? input.reason.trim() : null;
  return inTransaction(deps.db, async (trx) => {
    const claim = await lockedOpenClaim(trx, actor, claimId);
    const entries = await listCoverageEntries(trx, claimId);
    const proposal = entries.findLast((entry) => entry.kind === 'proposal');
    if (!proposal) throw coverageErrors.noProposal();
    const reconsideration = entries.some((entry) => entry.kind === 'decision');
    const overridden = input.action === 'override';
    if ((overridden || reconsideration) && reason === null) throw coverageErrors.reasonRequired(!overridden);

    let decision: CoverageDecision;
    if (input.action === 'override') {
      const result = overrideDecision({
        outcome: input.outcome,
        exclusions: input.exclusions ?? [],
        missing: input.missing ?? [],
        custodian: proposal.custodian,
      });
      if (!result.ok) throw coverageErrors.overrideInvalid(result.problem);
      decision = result.decision;
    } else {
      decision = { outcome: proposal.outcome, clauses: proposal.clauses, exclusions: [], missing: proposal.missing, notes: proposal.notes };
    }

    const id = newId();
    const now = nowText(deps.clock);
    await insertCoverageEntry(trx, {
      id,
      claimId,
      kind: 'decision',
      outcome: decision.outcome,
      automatic: false,
      causes: proposal.causes,
      custodian: proposal.custodian,
      clauses: decision.clauses,
      missing: decision.missing,
      notes: decision.notes,
      proposalId: proposal.id,
      overridden,
      reconsideration,
      reason,
      decidedBy: actor.userId,
      recordedBy: actor.userId,
      createdAt: now,
    });
    await updateClaimStatus(trx, claimId, STATUS_OF_OUTCOME[decision.outcome], now);
    // PRV-RIGHT-6: the person's decision answers the insured's request to review the automatic proposal.
    const reviewRequestIds = await closeReviewRequests(trx, claimId, id, now);
    if (reviewRequestIds.length > 0) await closeDiaryEntries(trx, claimId, 'human_review_due', 'done', now);

    if (decision.outcome === 'excluded')
      await enqueueJob(trx, { kind: COVERAGE_LETTER_JOB, payload: { claimId, decisionId: id }, dedupeKey: `${COVERAGE_LETTER_JOB}:${id}` }, deps.clock);
    if (decision.outcome === 'needs_information') {
      // The holder's address and language are account settings; the system reads them whoever decides.
      const holder = await getAccount({ ...deps, db: trx }, systemActor('claims'), claim.holderUserId);
      const missing = decision.missing.map((key) => translate(holder.locale, `claims_coverage.missing.${key}`)).join('; ');
      await enqueueMail(
        trx,
        {
          to: holder.email,
          locale: holder.locale,
          template: 'claim_information_needed',
          params: { name: holder.displayName, link: `${deps.config.publicUrl}/portal/claims/${claimId}`, claimNumber: claim.claimNumber, missing },
        },
        deps.clock,
      );
    }
    await recordAuditEvent(
      trx,
      {
        actor,
        action: 'claim.coverage_decided',
        subject: { type: 'claim', id: claimId },
        details: {
          decisionId: id,
          proposalId: proposal.id,
          outcome: decision.outcome,
          clauses: decision.clauses,
          missing: decision.missing,
          overridden,
          reconsideration,
          reason,
          reviewRequestIds,
        },
        requestId: origin.requestId,
      },
      deps.clock,
    );
    const stored = (await listCoverageEntries(trx, claimId)).find((entry) => entry.id === id);
    if (!stored) throw new Error(`coverage decision ${id} was not stored`);
    return stored;
  });
}
