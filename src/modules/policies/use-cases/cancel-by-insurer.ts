import { Temporal } from 'temporal-polyfill';
import { requirePermission } from '../../../platform/auth/access.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { nowText } from '../../../platform/clock.ts';
import { inTransaction } from '../../../platform/db/transaction.ts';
import type { Deps } from '../../../platform/deps.ts';
import { problems } from '../../../platform/http/problem.ts';
import { enqueueMail } from '../../../platform/mail/index.ts';
import type { RequestOrigin } from '../../../platform/request-origin.ts';
import { findHolderContact, findPendingRequest } from '../cancellation-repository.ts';
import type { MailingAddress } from '../policies-repository.ts';
import { cancellationErrors, cancellationTerms, type ExecutedCancellation, executeCancellation, termsJson } from './cancellation-terms.ts';
import { lockedPolicyFor } from './request-cancellation.ts';

export function formatAddress(address: MailingAddress): string {
  return `${address.street}, ${address.city}, ${address.state} ${address.postalCode}, ${address.country}`;
}

/**
 * JPF-CANCEL-2: the insurer cancels by written notice, effective no earlier than the notice date (today
 * in the insured's time zone) + the notice days of the policy's state (JPF-COND-2; 10 by default). The
 * notice is mailed through the outbox to the holder, addressed in its body to the first named insured at
 * the mailing address of the declarations page (JPF-CORR-1); the mailing is kept as proof in the
 * cancellation transaction (mailedAt, to, name, address, job id). The refund is pro rata (JPF-CANCEL-3).
 */
export async function cancelByInsurer(
  deps: Deps,
  actor: Actor,
  policyId: string,
  input: { effectiveDate: string; reason: string },
  origin: RequestOrigin,
): Promise<ExecutedCancellation> {
  requirePermission(actor, 'policies:underwrite');
  return inTransaction(deps.db, async (trx) => {
    const policy = await lockedPolicyFor(trx, actor, policyId);
    if (policy.status !== 'in_force') throw cancellationErrors.notInForce(policy.status);
    const terms = await cancellationTerms(trx, deps, policy, 'insurer', Temporal.PlainDate.from(input.effectiveDate));
    const holder = await findHolderContact(trx, policy.holderUserId);
    const name = policy.namedInsureds[0];
    if (!holder || name === undefined) throw problems.notFound();
    const address = formatAddress(policy.mailingAddress);
    const effectiveDate = terms.refund.effectiveDate.toString();
    const job = await enqueueMail(
      trx,
      {
        to: holder.email,
        locale: holder.locale,
        template: 'cancellation_notice',
        params: {
          name,
          address,
          policyNumber: policy.policyNumber,
          effectiveDate,
          refund: `${terms.refund.refund.toFixed()} ${terms.refund.refund.currency}`,
          link: `${deps.config.publicUrl}/portal/policies/${policy.id}`,
        },
      },
      deps.clock,
    );
    const pending = await findPendingRequest(trx, policy.id);
    return executeCancellation(
      trx,
      deps,
      actor,
      policy,
      terms,
      {
        reason: input.reason,
        // The mailing record joins the notice terms (date, days, their source), it does not replace them.
        notice: {
          ...termsJson(terms).notice,
          mailedAt: nowText(deps.clock),
          to: holder.email,
          name,
          address,
          mailingAddress: policy.mailingAddress,
          mailJobId: 'id' in job ? job.id : null,
        },
        ...(pending && { supersededRequestId: pending.id }),
      },
      origin,
    );
  });
}
