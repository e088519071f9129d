import { Temporal } from 'temporal-polyfill';
import { recordAuditEvent } from '../../../platform/audit/index.ts';
import { type Actor, systemActor } from '../../../platform/auth/actor.ts';
import type { Trx } from '../../../platform/db/transaction.ts';
import type { Deps } from '../../../platform/deps.ts';
import { Money } from '../../../platform/money.ts';
import type { RequestOrigin } from '../../../platform/request-origin.ts';
import { cancelInvoice, createRefund, getInvoice, issueInvoice } from '../../billing/index.ts';
import { ratePolicy, ratingBasisOn, worksheetToJson } from '../../products/index.ts';
import { inclusiveDays } from '../domain/policy-period.ts';
import { renewalRatingRequest, renewedItemChanges } from '../domain/renewal.ts';
import type { Policy } from '../policies-repository.ts';
import { selectRenewableItems } from '../renewal-repository.ts';
import { findOpenOfferForUpdate, updateOfferTerms } from '../renewal-rerate-repository.ts';
import { changesToJson } from '../timeline-repository.ts';
import { renewableItemOf } from './run-renewal.ts';

export type RenewalRerate =
  | { outcome: 'no_open_offer' }
  | { outcome: 'not_ratable'; offerId: string; problems: unknown }
  | {
      outcome: 'rerated';
      offerId: string;
      premiumBefore: Money;
      premiumAfter: Money;
      /** The renewal invoice cancelled and the one issued in its place (it was not paid in any part). */
      cancelledInvoiceId: string | null;
      invoiceId: string | null;
      /** When the renewal invoice was already paid (in part): the difference billed or refunded on its own. */
      differenceInvoiceId: string | null;
      refundId: string | null;
    };

/**
 * JPF-COND-7: the renewal is rated "with the rates and forms in effect at each anniversary date" for the
 * schedule renewed. A schedule change (endorsement, newly purchased jewelry) made after the offer and before
 * the anniversary changes what is renewed, so the open offer is rated again, in the caller's transaction, with
 * the product version and tables in force at the anniversary, and its item changes and worksheet replaced:
 *  - its invoice not paid in any part → cancelled and issued again for the new premium, due on the same day
 *    (a payment under the old reference is then refused, not half-applied);
 *  - paid (in part) → the invoice stays; a higher premium is billed for the difference (a renewal invoice due
 *    on the same day), a lower one refunds the difference as far as it was paid (JPF-CANCEL-3).
 * When the schedule no longer rates at the anniversary (a category the version in force then dropped), the offer
 * is left as it was and the problems are audited for staff ('renewal.rerate_failed'). Audited as 'renewal.rerated'.
 */
export async function rerateRenewalOffer(trx: Trx, deps: Deps, actor: Actor, policy: Policy, origin: RequestOrigin): Promise<RenewalRerate> {
  const offer = await findOpenOfferForUpdate(trx, policy.id);
  if (!offer) return { outcome: 'no_open_offer' };
  const inner: Deps = { ...deps, db: trx };
  const reader = systemActor('policies.renewal');
  const items = (await selectRenewableItems(trx, [policy.id])).map((row) => renewableItemOf(row, offer.currency));
  const firstDay = Temporal.PlainDate.from(offer.firstDay);
  const lastDay = Temporal.PlainDate.from(offer.lastDay);
  const period = { firstDay, lastDay, days: inclusiveDays(firstDay, lastDay) };
  const basis = await ratingBasisOn(inner, reader, offer.productCode, offer.anniversary);
  const rated =
    basis && items.length > 0
      ? ratePolicy(
          renewalRatingRequest({ period, state: offer.state, deductible: Money.of(offer.deductible, offer.currency), items }),
          basis.product,
          basis.tables,
        )
      : null;
  if (!basis || !rated?.ok) {
    const problems = !basis ? [{ code: 'no_version_in_force', value: offer.anniversary }] : rated ? (rated.ok ? [] : rated.problems) : [{ code: 'no_items' }];
    await recordAuditEvent(
      trx,
      {
        actor,
        action: 'renewal.rerate_failed',
        subject: { type: 'policy', id: policy.id },
        details: { policyNumber: policy.policyNumber, offerId: offer.id, problems },
        requestId: origin.requestId,
      },
      deps.clock,
    );
    return { outcome: 'not_ratable', offerId: offer.id, problems };
  }

  const premiumBefore = Money.of(offer.premium, offer.currency);
  const premiumAfter = rated.worksheet.total;
  const difference = premiumAfter.minus(premiumBefore);
  const today = deps.clock.now().toZonedDateTimeISO(policy.timeZone).toPlainDate().toString();
  const result = {
    cancelledInvoiceId: null as string | null,
    invoiceId: offer.invoiceId,
    differenceInvoiceId: null as string | null,
    refundId: null as string | null,
  };
  const renewalInvoice = (amount: Money, dueOn: string) =>
    issueInvoice(
      inner,
      actor,
      {
        holderUserId: policy.holderUserId,
        policyId: policy.id,
        policyNumber: policy.policyNumber,
        kind: 'renewal',
        amount: amount.toFixed(),
        currency: amount.currency,
        issuedOn: today,
        dueOn: dueOn < today ? today : dueOn,
      },
      origin,
    );
  if (!difference.isZero() && offer.invoiceId) {
    const invoice = await getInvoice(inner, reader, offer.invoiceId);
    const paid = Money.of(invoice.paid, invoice.currency);
    if (invoice.status === 'open' && paid.isZero()) {
      await cancelInvoice(inner, actor, invoice.id, 'Renewal re-rated after a schedule change (JPF-COND-7)', origin);
      result.cancelledInvoiceId = invoice.id;
      result.invoiceId = (await renewalInvoice(premiumAfter, invoice.dueOn)).id;
    } else if (difference.isPositive()) {
      result.differenceInvoiceId = (await renewalInvoice(difference, invoice.dueOn)).id;
    } else {
      const refundable = premiumBefore.minus(premiumAfter).min(paid);
      if (refundable.isPositive())
        result.refundId = (
          await createRefund(
            inner,
            actor,
            { policyId: policy.id, policyNumber: policy.policyNumber, amount: refundable.toFixed(), currency: refundable.currency, reason: 'renewal_rerated' },
            origin,
          )
        ).id;
    }
  }
  await updateOfferTerms(trx, offer.id, {
    premium: premiumAfter.toFixed(),
    productVersionId: basis.productVersionId,
    worksheet: worksheetToJson(rated.worksheet),
    itemChanges: changesToJson(renewedItemChanges(items, rated.worksheet)),
    invoiceId: result.invoiceId,
  });
  await recordAuditEvent(
    trx,
    {
      actor,
      action: 'renewal.rerated',
      subject: { type: 'policy', id: policy.id },
      details: {
        policyNumber: policy.policyNumber,
        offerId: offer.id,
        anniversary: offer.anniversary,
        premiumBefore: premiumBefore.toJSON(),
        premiumAfter: premiumAfter.toJSON(),
        ...result,
      },
      requestId: origin.requestId,
    },
    deps.clock,
  );
  return { outcome: 'rerated', offerId: offer.id, premiumBefore, premiumAfter, ...result };
}
