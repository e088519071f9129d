import type { Actor } from '../../../platform/auth/actor.ts';
import { inTransaction } from '../../../platform/db/transaction.ts';
import type { Deps } from '../../../platform/deps.ts';
import { problems } from '../../../platform/http/problem.ts';
import { findApplicationVisibleTo } from '../policies-repository.ts';
import { loadTimeline } from '../timeline-repository.ts';
import { type EndorsementInput, type EndorsementTerms, endorsementTerms, receivedViaOf, requireEndorsementAccess } from './endorsement-terms.ts';
import { lockedPolicyFor } from './request-cancellation.ts';

/**
 * The instant re-quote of a change to the schedule (JPF-COND-9): the same computation the execution runs
 * (endorsement-terms.ts), in a transaction that writes nothing.
 */
export async function previewEndorsement(deps: Deps, actor: Actor, policyId: string, input: EndorsementInput): Promise<EndorsementTerms> {
  requireEndorsementAccess(actor);
  return inTransaction(deps.db, async (trx) => {
    const policy = await lockedPolicyFor(trx, actor, policyId);
    const application = await findApplicationVisibleTo(trx, actor, policy.applicationId);
    if (!application) throw problems.notFound();
    const loaded = await loadTimeline(trx, policy);
    return endorsementTerms(trx, deps, actor, policy, application, loaded, input, receivedViaOf(actor, input));
  });
}
