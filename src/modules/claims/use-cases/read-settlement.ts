import { can } from '../../../platform/auth/access.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import type { Db } from '../../../platform/db/database.ts';
import type { Deps } from '../../../platform/deps.ts';
import { problems } from '../../../platform/http/problem.ts';
import { type ClaimWithItems, findClaimWithItemsVisibleTo } from '../claims-repository.ts';
import { listDiaryEntries } from '../diary-repository.ts';
import { proofOfLossDue } from '../domain/claim-deadlines.ts';
import { findOathRequest, listProofsOfLoss, type OathRequest, type ProofOfLoss } from '../proof-of-loss-repository.ts';
import { listWorksheets, type StoredWorksheet } from '../settlement-repository.ts';

/**
 * The proof of loss and the settlement worksheet of a claim, for those who need them: the policyholder, the policy's
 * agent (who acts for them) and claims staff. A jeweler who reported the loss or repairs the item sees the claim but
 * not these (they hold the insured's other insurance, liens and amounts): for them, as for anyone else, 404.
 */
export async function claimForSettlementReading(db: Db, actor: Actor, claimId: string): Promise<ClaimWithItems> {
  if (actor.kind !== 'user') throw problems.unauthenticated();
  const claim = await findClaimWithItemsVisibleTo(db, actor, claimId);
  if (!claim) throw problems.notFound();
  const reads = can(actor, 'claims:read_all') || claim.holderUserId === actor.userId || (claim.agentUserId !== null && claim.agentUserId === actor.userId);
  if (!reads) throw problems.notFound();
  return claim;
}

export type ProofOfLossView = {
  claim: ClaimWithItems;
  /** JPF-DUTY-4: 90 days after the loss. */
  dueOn: string;
  oathRequest: OathRequest | null;
  /** Newest first; at most one is submitted or accepted. */
  proofs: ProofOfLoss[];
};

export async function readProofOfLoss(deps: Deps, actor: Actor, claimId: string): Promise<ProofOfLossView> {
  const claim = await claimForSettlementReading(deps.db, actor, claimId);
  const [oathRequest, proofs] = await Promise.all([findOathRequest(deps.db, claim.id), listProofsOfLoss(deps.db, claim.id, claim.currency)]);
  return { claim, dueOn: proofOfLossDue(claim.lossDate).toString(), oathRequest, proofs };
}

export type WorksheetView = {
  claim: ClaimWithItems;
  current: StoredWorksheet | null;
  /** Newest first. */
  versions: StoredWorksheet[];
  /** JPF-SETTLE-9: the open settlement deadline, once the proof is accepted and the amount agreed. */
  settlementDueOn: string | null;
};

export async function readWorksheets(deps: Deps, actor: Actor, claimId: string): Promise<WorksheetView> {
  const claim = await claimForSettlementReading(deps.db, actor, claimId);
  const [versions, diary] = await Promise.all([listWorksheets(deps.db, claim.id), listDiaryEntries(deps.db, claim.id)]);
  const due = diary.find((entry) => entry.kind === 'settlement_due' && entry.status === 'open');
  return { claim, current: versions[0] ?? null, versions, settlementDueOn: due?.dueOn ?? null };
}
