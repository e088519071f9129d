import { recordAuditEvent } from '../../../platform/audit/index.ts';
import { requirePermission } from '../../../platform/auth/access.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { nowText } from '../../../platform/clock.ts';
import { inTransaction } from '../../../platform/db/transaction.ts';
import type { Deps } from '../../../platform/deps.ts';
import { problems } from '../../../platform/http/problem.ts';
import { newId } from '../../../platform/ids.ts';
import type { RequestOrigin } from '../../../platform/request-origin.ts';
import { coverageErrors } from '../coverage-errors.ts';
import { type CoverageEntry, insertCoverageEntry, listCoverageEntries } from '../coverage-repository.ts';
import { type Cause, type Custodian, checkCauses } from '../domain/cause-of-loss.ts';
import { decideCoverage } from '../domain/coverage-decision.ts';
import { lockedOpenClaim } from './coverage-support.ts';

export type ProposeCoverageInput = { causes: Cause[]; custodian: Custodian | null };

/**
 * The adjuster records the causes of the loss and the system proposes the coverage decision from them at once
 * (JPF-COVER-1, JPF-EXCL-1..8, JPF-DUTY-3, JPF-COND-4): the proposal is automatic (PRV-RIGHT-6: the insured sees that
 * and may ask for a person to review it) and cites its clauses. It does not change the claim's status; the adjuster's
 * decision does (decide-coverage.ts). Bad causes (a war without its sub-case, two proximate causes) change nothing.
 */
export async function proposeCoverage(deps: Deps, actor: Actor, claimId: string, input: ProposeCoverageInput, origin: RequestOrigin): Promise<CoverageEntry> {
  requirePermission(actor, 'claims:handle');
  if (actor.kind !== 'user') throw problems.unauthenticated();
  const causeProblems = checkCauses(input.causes);
  if (causeProblems.length > 0) throw coverageErrors.causesInvalid(causeProblems);
  return inTransaction(deps.db, async (trx) => {
    const claim = await lockedOpenClaim(trx, actor, claimId);
    const decision = decideCoverage({
      causes: input.causes,
      custodian: input.custodian,
      facts: { lossKind: claim.lossKind, policeReportReference: claim.policeReportReference },
    });
    const id = newId();
    const now = nowText(deps.clock);
    await insertCoverageEntry(trx, {
      id,
      claimId,
      kind: 'proposal',
      automatic: true,
      causes: input.causes,
      custodian: input.custodian,
      ...decision,
      proposalId: null,
      overridden: false,
      reconsideration: false,
      reason: null,
      decidedBy: null,
      recordedBy: actor.userId,
      createdAt: now,
    });
    await recordAuditEvent(
      trx,
      {
        actor,
        action: 'claim.coverage_proposed',
        subject: { type: 'claim', id: claimId },
        details: { proposalId: id, outcome: decision.outcome, clauses: decision.clauses, missing: decision.missing, automatic: true },
        requestId: origin.requestId,
      },
      deps.clock,
    );
    const entries = await listCoverageEntries(trx, claimId);
    const entry = entries.find((candidate) => candidate.id === id);
    if (!entry) throw new Error(`coverage proposal ${id} was not stored`);
    return entry;
  });
}
