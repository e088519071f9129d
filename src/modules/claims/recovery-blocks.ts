import type { Db } from '../../platform/db/database.ts';
import { findOpenDispute } from './appraisal-repository.ts';
import { subrogationBlock } from './domain/subrogation.ts';
import { findSubrogation } from './recovery-repository.ts';
import type { SettlementBlock } from './settlement-blocks.ts';

/**
 * The recovery part's checks for SETTLEMENT_BLOCKS (settlement-blocks.ts), read inside the payment's transaction.
 */

/**
 * JPF-SUBRO-1: "We will not settle a loss if you impair our right to recover" — an impairment recorded by the
 * adjuster, or a waiver of recovery that does not count (after the loss, or not in writing). And when the insurer
 * requires the assignment of the insured's recovery rights "upon settlement", the payment waits for it.
 */
export async function subrogationSettlementBlock(db: Db, claimId: string): Promise<SettlementBlock | null> {
  const record = await findSubrogation(db, claimId);
  if (!record) return null;
  const claim = await db.selectFrom('claim').select('loss_date').where('id', '=', claimId).executeTakeFirst();
  if (!claim) return null;
  const code = subrogationBlock(record, claim.loss_date);
  if (code === 'recovery_rights_impaired') return { code, messageKey: 'claims_recovery.block.recovery_rights_impaired', clause: 'JPF-SUBRO-1' };
  if (code === 'recovery_assignment_unsigned') return { code, messageKey: 'claims_recovery.block.recovery_assignment_unsigned', clause: 'JPF-SUBRO-1' };
  return null;
}

/** JPF-APPR-1: while an appraisal dispute is open, the amount is not settled: nothing is paid until the award. */
export async function appraisalSettlementBlock(db: Db, claimId: string): Promise<SettlementBlock | null> {
  const open = await findOpenDispute(db, claimId);
  return open ? { code: 'appraisal_open', messageKey: 'claims_recovery.block.appraisal_open', clause: 'JPF-APPR-1' } : null;
}
