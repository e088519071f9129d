import type { Db } from '../../platform/db/database.ts';
import type { MessageKey } from '../../platform/i18n/index.ts';
import { coverageSettlementBlock } from './coverage-block.ts';
import { appraisalSettlementBlock, subrogationSettlementBlock } from './recovery-blocks.ts';

/**
 * What stops a claim from being settled (paid), contributed by the parts of the claims module that know it,
 * so the payment use case asks them all without depending on each: the coverage decision (only a covered claim is
 * paid), the subrogation record (JPF-SUBRO-1: no settlement when the insured impaired the insurer's recovery
 * rights), an open appraisal dispute (JPF-APPR-1: the amount is not settled yet). Each part adds its check to
 * SETTLEMENT_BLOCKS with one line. A check reads inside the payment's transaction and returns null when it does
 * not block.
 */
export type SettlementBlock = { code: string; messageKey: MessageKey; clause: string };
export type SettlementBlockCheck = (db: Db, claimId: string) => Promise<SettlementBlock | null>;

export const SETTLEMENT_BLOCKS: SettlementBlockCheck[] = [
  coverageSettlementBlock, // JPF-COVER-1
  subrogationSettlementBlock, // JPF-SUBRO-1
  appraisalSettlementBlock, // JPF-APPR-1
];

/** Every block that applies to the claim now (empty: it may be settled). */
export async function settlementBlocksOf(db: Db, claimId: string): Promise<SettlementBlock[]> {
  const found: SettlementBlock[] = [];
  for (const check of SETTLEMENT_BLOCKS) {
    const block = await check(db, claimId);
    if (block) found.push(block);
  }
  return found;
}
