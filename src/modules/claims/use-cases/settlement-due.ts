import { Temporal } from 'temporal-polyfill';
import type { Trx } from '../../../platform/db/transaction.ts';
import type { Claim } from '../claims-repository.ts';
import { addDiaryEntries, listDiaryEntries } from '../diary-repository.ts';
import { settlementDue } from '../domain/claim-deadlines.ts';
import { findLiveProofOfLoss } from '../proof-of-loss-repository.ts';
import { findCurrentWorksheet } from '../settlement-repository.ts';

/** An instant as the calendar date in the claim's time zone. */
export function claimDateOf(claim: Pick<Claim, 'timeZone'>, instant: string): Temporal.PlainDate {
  return Temporal.Instant.from(instant).toZonedDateTimeISO(claim.timeZone).toPlainDate();
}

/**
 * JPF-SETTLE-9: "within 30 days after a satisfactory proof of loss is received and the amount of the loss has been
 * agreed to in writing". Run by the two use cases that can meet the second condition (accepting the proof, agreeing
 * to the worksheet): when both are met and no settlement deadline is open, the insurer's 'settlement_due' entry is
 * added, due 30 days after the later of the two, for the worksheet agreed. Returns the due date when added.
 */
export async function addSettlementDueWhenReady(trx: Trx, claim: Claim, now: string): Promise<string | null> {
  const proof = await findLiveProofOfLoss(trx, claim.id);
  const worksheet = await findCurrentWorksheet(trx, claim.id);
  if (proof?.status !== 'accepted' || !proof.decidedAt || !worksheet?.agreedAt) return null;
  const due = settlementDue(claimDateOf(claim, proof.decidedAt), claimDateOf(claim, worksheet.agreedAt));
  if (!due) return null;
  const open = (await listDiaryEntries(trx, claim.id)).some((entry) => entry.kind === 'settlement_due' && entry.status === 'open');
  if (open) return null;
  await addDiaryEntries(
    trx,
    [{ claimId: claim.id, kind: 'settlement_due', party: 'insurer', dueOn: due.toString(), clause: 'JPF-SETTLE-9', referenceId: worksheet.id }],
    now,
  );
  return due.toString();
}
