import { Temporal } from 'temporal-polyfill';
import { type Actor, hasRole } from '../../../platform/auth/actor.ts';
import type { ClaimStatus } from '../../../platform/db/schema-claims.ts';
import { inTransaction } from '../../../platform/db/transaction.ts';
import type { Deps } from '../../../platform/deps.ts';
import { problems } from '../../../platform/http/problem.ts';
import type { RequestOrigin } from '../../../platform/request-origin.ts';
import { partnerMayAccess, partnerRecipientIdOf, recordDisclosure } from '../../privacy/index.ts';

export type PartnerClaimStatus = {
  claimNumber: string;
  status: ClaimStatus;
  /** 'YYYY-MM-DD' */
  reportedOn: string;
  lastChangedAt: string;
};

/**
 * DESIGN §5 and PRV-DISC-3: "a partner sees a customer's claim status only when that customer authorised it". A user
 * with the partner role asks by claim number; without the customer's current authorisation the claim is not found
 * (404, as if it did not exist). What is shown is the status and its dates, nothing else, and each look is a disclosure
 * to the partner logged on the basis of the customer's authorisation (PRV-DISC-1), in the same transaction.
 */
export async function readClaimStatusAsPartner(deps: Deps, actor: Actor, claimNumber: string, origin: RequestOrigin): Promise<PartnerClaimStatus> {
  if (actor.kind === 'anonymous') throw problems.unauthenticated();
  if (actor.kind !== 'user' || !hasRole(actor, 'partner')) throw problems.forbidden();
  return inTransaction(deps.db, async (trx) => {
    const claim = await trx
      .selectFrom('claim')
      .select(['id', 'claim_number', 'holder_user_id', 'status', 'reported_at', 'updated_at', 'time_zone'])
      .where('claim_number', '=', claimNumber)
      .executeTakeFirst();
    if (!claim) throw problems.notFound();
    const recipientId = await partnerRecipientIdOf(trx, actor.userId);
    if (recipientId === null || !(await partnerMayAccess(trx, { partnerUserId: actor.userId, customerUserId: claim.holder_user_id })))
      throw problems.notFound();
    const logged = await recordDisclosure(
      { ...deps, db: trx },
      actor,
      {
        recipientId,
        subjectUserId: claim.holder_user_id,
        categories: ['user.insurance.claim'],
        basis: 'customer_authorisation',
        purpose: 'Claim status shown to a partner the customer authorised',
        reference: { type: 'claim', id: claim.id },
      },
      origin,
    );
    if (!logged.recorded) throw problems.notFound();
    return {
      claimNumber: claim.claim_number,
      status: claim.status,
      reportedOn: Temporal.Instant.from(claim.reported_at).toZonedDateTimeISO(claim.time_zone).toPlainDate().toString(),
      lastChangedAt: claim.updated_at,
    };
  });
}
