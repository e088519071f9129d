import type { Db } from '../../platform/db/database.ts';
import { currentDecisionOutcome } from './coverage-repository.ts';
import type { SettlementBlock } from './settlement-blocks.ts';

/**
 * The coverage part's check for SETTLEMENT_BLOCKS (settlement-blocks.ts): JPF-COVER-1 — the insurer pays only a loss
 * its policy covers, so a claim is paid only while its current coverage decision (the newest decision, not a proposal)
 * is 'covered'. No decision yet, 'excluded' or 'needs information' blocks. One indexed read in the payment's transaction.
 */
export async function coverageSettlementBlock(db: Db, claimId: string): Promise<SettlementBlock | null> {
  const outcome = await currentDecisionOutcome(db, claimId);
  return outcome === 'covered' ? null : { code: 'claim_not_covered', messageKey: 'claims_coverage.block.claim_not_covered', clause: 'JPF-COVER-1' };
}
