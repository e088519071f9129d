import type { ClaimStatus } from '../../../platform/db/schema-claims.ts';
import type { Trx } from '../../../platform/db/transaction.ts';
import { newId } from '../../../platform/ids.ts';
import { insertCoverageEntry } from '../coverage-repository.ts';
import type { Cause } from '../domain/cause-of-loss.ts';
import { decideCoverage } from '../domain/coverage-decision.ts';

/**
 * For seedClaim (claim-api-test-support.ts): a claim seeded as 'covered', 'denied' or 'needs_information' gets the
 * coverage history that sets that status in Bezel — the system's proposal and a demo adjuster's confirmation — so the
 * coverage settlement block (JPF-COVER-1: only a claim whose current decision is 'covered' is paid) sees it as decided.
 */
const CAUSES: Record<'covered' | 'denied' | 'needs_information', Cause[]> = {
  covered: [{ peril: 'accidental_loss', role: 'proximate' }],
  denied: [{ peril: 'wear_and_tear', role: 'proximate' }],
  needs_information: [{ peril: 'unknown', role: 'proximate' }],
};

export async function seedCoverageDecision(trx: Trx, claimId: string, status: ClaimStatus, now: string): Promise<void> {
  if (status !== 'covered' && status !== 'denied' && status !== 'needs_information') return;
  const adjuster = await trx.selectFrom('user_role').select('user_id').where('role', '=', 'adjuster').orderBy('user_id').limit(1).executeTakeFirstOrThrow();
  const causes = CAUSES[status];
  const { exclusions: _exclusions, ...decision } = decideCoverage({ causes, custodian: null, facts: { lossKind: 'loss', policeReportReference: null } });
  const common = {
    claimId,
    causes,
    custodian: null,
    ...decision,
    overridden: false,
    reconsideration: false,
    reason: null,
    recordedBy: adjuster.user_id,
    createdAt: now,
  };
  const proposalId = newId();
  await insertCoverageEntry(trx, { ...common, id: proposalId, kind: 'proposal', automatic: true, proposalId: null, decidedBy: null });
  await insertCoverageEntry(trx, { ...common, id: newId(), kind: 'decision', automatic: false, proposalId, decidedBy: adjuster.user_id });
}
