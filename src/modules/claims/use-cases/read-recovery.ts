import type { Actor } from '../../../platform/auth/actor.ts';
import type { Db } from '../../../platform/db/database.ts';
import type { Deps } from '../../../platform/deps.ts';
import { problems } from '../../../platform/http/problem.ts';
import type { Money } from '../../../platform/money.ts';
import { type Claim, findClaimVisibleTo } from '../claims-repository.ts';
import { netPaid } from '../domain/recovery.ts';
import {
  type AssignmentState,
  assignmentState,
  type ImpairmentCause,
  impairmentCauses,
  type RecoveryPosition,
  recoveryPosition,
  type SubrogationBlockCode,
  type SubrogationRecord,
  subrogationBlock,
} from '../domain/subrogation.ts';
import { findPaidOnClaim, findSubrogation, listRecoveries, type Recovery, type StoredSubrogation } from '../recovery-repository.ts';

/** A claim's recovery side (JPF-SUBRO-1/2, JPF-COND-4): the subrogation record, where the insurer stands, recoveries and net paid. */
export type RecoveryView = {
  claimId: string;
  claimNumber: string;
  lossDate: string;
  currency: 'USD' | 'EUR';
  subrogation: StoredSubrogation | null;
  position: RecoveryPosition;
  impairmentCauses: ImpairmentCause[];
  assignment: AssignmentState;
  /** JPF-SUBRO-1: what stops settlement on this record, null when nothing does. */
  settlementBlock: SubrogationBlockCode | null;
  recoveries: Recovery[];
  totals: { paid: Money; recovered: Money; netPaid: Money };
};

const NO_RECORD: SubrogationRecord = { thirdParty: null, assignmentRequired: false, assignmentSignedOn: null, waiver: null, impairment: null };

/** Builds the view inside the caller's transaction (after a change) or on the plain handle (a read). */
export async function recoveryViewOf(db: Db, claim: Claim): Promise<RecoveryView> {
  const subrogation = await findSubrogation(db, claim.id);
  const recoveries = await listRecoveries(db, claim.id);
  const { paid } = await findPaidOnClaim(db, claim.id, claim.currency);
  const money = recoveries.flatMap((recovery) => (recovery.amount ? [recovery.amount] : []));
  const net = netPaid(paid, money);
  const record = subrogation ?? NO_RECORD;
  return {
    claimId: claim.id,
    claimNumber: claim.claimNumber,
    lossDate: claim.lossDate,
    currency: claim.currency,
    subrogation,
    position: recoveryPosition(record, claim.lossDate),
    impairmentCauses: impairmentCauses(record, claim.lossDate),
    assignment: assignmentState(record),
    settlementBlock: subrogationBlock(record, claim.lossDate),
    recoveries,
    totals: { paid, recovered: paid.minus(net), netPaid: net },
  };
}

/** Anyone who reaches the claim (staff who read claims, the holder, the agent, the jeweler, the reporter); else 404. */
export async function readRecovery(deps: Deps, actor: Actor, claimId: string): Promise<RecoveryView> {
  if (actor.kind !== 'user') throw problems.unauthenticated();
  const claim = await findClaimVisibleTo(deps.db, actor, claimId);
  if (!claim) throw problems.notFound();
  return recoveryViewOf(deps.db, claim);
}
