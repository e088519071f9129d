import { createHash } from 'node:crypto';
import { recordAuditEvent } from '../../../platform/audit/index.ts';
import { systemActor } from '../../../platform/auth/actor.ts';
import { nowText } from '../../../platform/clock.ts';
import { inTransaction } from '../../../platform/db/transaction.ts';
import type { Deps } from '../../../platform/deps.ts';
import { newId } from '../../../platform/ids.ts';
import { type JobHandlers, PermanentJobError } from '../../../platform/jobs/index.ts';
import { enqueueMail } from '../../../platform/mail/index.ts';
import { getAccount } from '../../accounts/index.ts';
import { INSURER_CONTACT, renderPdf, storeContent } from '../../documents/index.ts';
import { getPolicy } from '../../policies/index.ts';
import { findClaimWithItemsVisibleTo } from '../claims-repository.ts';
import { type CoverageLetter, findLetterOfDecision, insertLetterOnce, listCoverageEntries } from '../coverage-repository.ts';
import { denialLetter } from '../domain/denial-letter.ts';
import { COVERAGE_LETTER_JOB } from './decide-coverage.ts';

/** The decision is not one of the claim's, or not a denial: retrying will not help. */
export class CoverageLetterNotPossible extends Error {}

/**
 * The job `claims.coverage_letter` { claimId, decisionId } (enqueued with an 'excluded' decision, decide-coverage.ts):
 * writes the denial letter (JPF-EXCL-*) in the holder's language, stores its bytes once per hash (documents module)
 * and the letter row, and — in the same transaction — mails the holder that it is ready. Idempotent: one letter per
 * decision, dated at the decision, so a rerun answers the stored letter and sends no second mail.
 */
export async function generateCoverageLetter(deps: Deps, claimId: string, decisionId: string): Promise<CoverageLetter> {
  const existing = await findLetterOfDecision(deps.db, decisionId);
  if (existing) return existing;
  const system = systemActor('claims');
  const claim = await findClaimWithItemsVisibleTo(deps.db, system, claimId);
  const decision = claim && (await listCoverageEntries(deps.db, claimId)).find((entry) => entry.id === decisionId);
  if (!claim || !decision || decision.kind !== 'decision' || decision.outcome !== 'excluded')
    throw new CoverageLetterNotPossible(`claim ${claimId} has no denial decision ${decisionId}`);
  const [holder, policy] = await Promise.all([getAccount(deps, system, claim.holderUserId), getPolicy(deps, system, claim.policyId)]);
  const address = policy.application.mailingAddress;
  const model = denialLetter(
    {
      claimNumber: claim.claimNumber,
      policyNumber: policy.policyNumber,
      addressee: policy.application.namedInsureds.join(', '),
      mailingAddress: `${address.street}, ${address.city}, ${address.state} ${address.postalCode}, ${address.country}`,
      lossDate: claim.lossDate,
      items: claim.items.map((item) => item.description),
      causes: decision.causes,
      clauses: decision.clauses,
      decidedAt: decision.createdAt,
      timeZone: claim.timeZone,
    },
    holder.locale,
    INSURER_CONTACT,
  );
  const pdf = await renderPdf(model);
  const sha256 = createHash('sha256').update(pdf).digest('hex');
  return inTransaction(deps.db, async (trx) => {
    const now = nowText(deps.clock);
    await storeContent(trx, sha256, pdf, now);
    const letter: CoverageLetter = { id: newId(), claimId, decisionId, kind: 'denial', locale: holder.locale, sha256, byteSize: pdf.length, createdAt: now };
    if (!(await insertLetterOnce(trx, letter))) {
      const stored = await findLetterOfDecision(trx, decisionId);
      if (!stored) throw new Error(`letter of decision ${decisionId} was not stored`);
      return stored;
    }
    await enqueueMail(
      trx,
      {
        to: holder.email,
        locale: holder.locale,
        template: 'claim_coverage_denied',
        params: { name: holder.displayName, link: `${deps.config.publicUrl}/portal/claims/${claimId}`, claimNumber: claim.claimNumber },
      },
      deps.clock,
      { dedupeKey: `claim_coverage_denied:${decisionId}` },
    );
    await recordAuditEvent(
      trx,
      {
        actor: system,
        action: 'claim.coverage_letter_generated',
        subject: { type: 'claim', id: claimId },
        details: { letterId: letter.id, decisionId, kind: 'denial', locale: holder.locale, sha256, clauses: decision.clauses },
      },
      deps.clock,
    );
    return letter;
  });
}

/** The coverage part's job handler: `claims.coverage_letter` { claimId, decisionId }. */
export function coverageJobHandlers(deps: Deps): JobHandlers {
  return {
    [COVERAGE_LETTER_JOB]: async (payload) => {
      const { claimId, decisionId } = payload;
      if (typeof claimId !== 'string' || typeof decisionId !== 'string')
        throw new PermanentJobError(`${COVERAGE_LETTER_JOB} payload needs claimId and decisionId`);
      try {
        await generateCoverageLetter(deps, claimId, decisionId);
      } catch (error) {
        if (error instanceof CoverageLetterNotPossible) throw new PermanentJobError(error.message);
        throw error;
      }
    },
  };
}
