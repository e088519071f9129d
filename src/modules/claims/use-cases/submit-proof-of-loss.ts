import { recordAuditEvent } from '../../../platform/audit/index.ts';
import { requirePermission } from '../../../platform/auth/access.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { nowText } from '../../../platform/clock.ts';
import { inTransaction, type Trx } from '../../../platform/db/transaction.ts';
import type { Deps } from '../../../platform/deps.ts';
import { AppError, problems } from '../../../platform/http/problem.ts';
import { translate } from '../../../platform/i18n/index.ts';
import { newId } from '../../../platform/ids.ts';
import { Money } from '../../../platform/money.ts';
import type { RequestOrigin } from '../../../platform/request-origin.ts';
import { fileErrors, getFile, requireAttachedFile } from '../../files/index.ts';
import { type ClaimWithItems, findClaimWithItemsVisibleTo, lockClaim } from '../claims-repository.ts';
import { closeDiaryEntries } from '../diary-repository.ts';
import { checkProofOfLoss } from '../domain/proof-of-loss.ts';
import {
  findLiveProofOfLoss,
  findOathRequest,
  type InterestNature,
  insertProofOfLoss,
  listProofsOfLoss,
  type NewProofOfLoss,
  nextSubmissionNo,
  type ProofOfLoss,
} from '../proof-of-loss-repository.ts';
import { settlementErrors } from '../settlement-errors.ts';

/** Amounts are decimal strings ≥ 0 in the claim's currency (checked at the edge). */
export type ProofOfLossInput = {
  lossDate: string;
  lossTime: string;
  lossTimeApproximate: boolean;
  lossPlace: string;
  lossDetails: string;
  otherInsurance: { insurer: string; policyNumber?: string | null | undefined; limit: string }[];
  insuredInterest: string;
  otherInterests: { name: string; nature: InterestNature; amount?: string | null | undefined }[];
  titleChanges: string | null;
  inventory: { claimLineNo: number; quantity: number; description: string; cost: string; actualCashValue: string; amountOfLoss: string }[];
  fileIds: string[];
  signature: { fullName: string; sworn: boolean };
};

/** The claims on which a proof of loss is still asked for. */
const NOT_OPEN = new Set(['denied', 'withdrawn', 'closed', 'settled']);
/** JPF-DUTY-4 e: bills, receipts and related documents. */
const ATTACHABLE = ['receipt', 'claim_document'] as const;

/**
 * JPF-DUTY-4: the policyholder signs and sends the proof of loss of their claim (portal or API): parts a–e, with
 * the bills and receipts attached, sworn when the adjuster asked for it under oath. Signing fulfils the duty: the
 * claim's 'proof_of_loss_due' diary entry is closed. One proof is under review (or accepted) at a time; after a
 * rejection the insured sends a new one. A refusal writes nothing.
 */
export async function submitProofOfLoss(deps: Deps, actor: Actor, claimId: string, input: ProofOfLossInput, origin: RequestOrigin): Promise<ProofOfLoss> {
  requirePermission(actor, 'claims:report');
  if (actor.kind !== 'user') throw problems.unauthenticated();
  return inTransaction(deps.db, async (trx) => {
    await lockClaim(trx, claimId);
    const claim = await findClaimWithItemsVisibleTo(trx, actor, claimId);
    if (!claim) throw problems.notFound();
    if (claim.holderUserId !== actor.userId) throw settlementErrors.holderOnly();
    if (NOT_OPEN.has(claim.status)) throw settlementErrors.claimNotOpen(claim.status);
    const live = await findLiveProofOfLoss(trx, claim.id);
    if (live) throw live.status === 'accepted' ? settlementErrors.proofAccepted() : settlementErrors.proofPending();

    const oathRequested = (await findOathRequest(trx, claim.id)) !== null;
    const today = deps.clock.now().toZonedDateTimeISO(claim.timeZone).toPlainDate();
    const found = checkProofOfLoss({
      claimLineNos: claim.items.map((item) => item.lineNo),
      inventoryLineNos: input.inventory.map((line) => line.claimLineNo),
      lossDate: input.lossDate,
      today,
      fileCount: new Set(input.fileIds).size,
      oathRequested,
      sworn: input.signature.sworn,
    });
    if (found.length > 0) throw settlementErrors.proofInvalid(found);

    const now = nowText(deps.clock);
    const fileIds = [...new Set(input.fileIds)];
    for (const [index, fileId] of fileIds.entries()) await attachReceipt(trx, deps, actor, claim, fileId, `body.fileIds.${index}`, origin);
    const money = (amount: string) => Money.of(amount, claim.currency);
    const proof: NewProofOfLoss = {
      id: newId(),
      claimId: claim.id,
      submissionNo: await nextSubmissionNo(trx, claim.id),
      lossDate: input.lossDate,
      lossTime: input.lossTime,
      lossTimeApproximate: input.lossTimeApproximate,
      lossPlace: input.lossPlace.trim(),
      lossDetails: input.lossDetails.trim(),
      otherInsurance: input.otherInsurance.map((entry) => ({
        insurer: entry.insurer.trim(),
        policyNumber: entry.policyNumber?.trim() || null,
        limit: money(entry.limit),
      })),
      insuredInterest: input.insuredInterest.trim(),
      otherInterests: input.otherInterests.map((entry) => ({
        name: entry.name.trim(),
        nature: entry.nature,
        amount: entry.amount ? money(entry.amount) : null,
      })),
      titleChanges: input.titleChanges?.trim() || null,
      inventory: [...input.inventory]
        .sort((a, b) => a.claimLineNo - b.claimLineNo)
        .map((line) => ({
          claimLineNo: line.claimLineNo,
          quantity: line.quantity,
          description: line.description.trim(),
          cost: money(line.cost),
          actualCashValue: money(line.actualCashValue),
          amountOfLoss: money(line.amountOfLoss),
        })),
      fileIds,
      sworn: input.signature.sworn,
      // The statement sworn to, in the words the insured read (their language).
      oathStatement: input.signature.sworn ? translate(actor.locale, 'claims_settlement.proof.oath_statement') : null,
      signedName: input.signature.fullName.trim(),
      signedBy: actor.userId,
      signedAt: now,
    };
    await insertProofOfLoss(trx, proof);
    // JPF-DUTY-4: the statement of loss is sent; the 90-day deadline is met.
    await closeDiaryEntries(trx, claim.id, 'proof_of_loss_due', 'done', now);
    await recordAuditEvent(
      trx,
      {
        actor,
        action: 'claim.proof_of_loss_signed',
        subject: { type: 'claim', id: claim.id },
        details: {
          claimNumber: claim.claimNumber,
          proofId: proof.id,
          submissionNo: proof.submissionNo,
          sworn: proof.sworn,
          inventoryLines: proof.inventory.length,
          fileIds,
          otherInsurers: proof.otherInsurance.length,
        },
        personalDetails: { signedName: proof.signedName },
        requestId: origin.requestId,
      },
      deps.clock,
    );
    const [stored] = await listProofsOfLoss(trx, claim.id, claim.currency);
    if (!stored || stored.id !== proof.id) throw new Error('the proof of loss just written was not read back');
    return stored;
  });
}

/**
 * JPF-DUTY-4 e: an attachment is the insured's own receipt or claim document (uploaded by them, or by staff or the
 * agent for them), not attached to anything else. It is linked to the claim, so it is the claim's document; one
 * already linked to this claim (sent with an earlier, rejected proof or with the first notice) may be sent again.
 */
async function attachReceipt(trx: Trx, deps: Deps, actor: Actor, claim: ClaimWithItems, fileId: string, field: string, origin: RequestOrigin): Promise<void> {
  let known: Awaited<ReturnType<typeof getFile>>;
  try {
    known = await getFile({ ...deps, db: trx }, actor, fileId);
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found') throw fileErrors.attachment(field, 'file_not_found');
    throw error;
  }
  if (known.link?.type === 'claim' && known.link.id === claim.id) {
    if (!(ATTACHABLE as readonly string[]).includes(known.purpose)) throw fileErrors.attachment(field, 'purpose_mismatch');
    if (known.ownerUserId !== claim.holderUserId) throw fileErrors.attachment(field, 'not_applicants');
    return;
  }
  await requireAttachedFile(trx, actor, fileId, ATTACHABLE, {
    field,
    link: { to: { type: 'claim', id: claim.id, itemIndex: null }, ownerUserId: claim.holderUserId, clock: deps.clock, requestId: origin.requestId },
  });
}
