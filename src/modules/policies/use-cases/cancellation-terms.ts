import { Temporal } from 'temporal-polyfill';
import { recordAuditEvent } from '../../../platform/audit/index.ts';
import { type Actor, systemActor } from '../../../platform/auth/actor.ts';
import { nowText } from '../../../platform/clock.ts';
import type { Trx } from '../../../platform/db/transaction.ts';
import type { Deps } from '../../../platform/deps.ts';
import { AppError } from '../../../platform/http/problem.ts';
import { newId } from '../../../platform/ids.ts';
import { Money } from '../../../platform/money.ts';
import type { RequestOrigin } from '../../../platform/request-origin.ts';
import { getPolicyBalance } from '../../billing/index.ts';
import { insurerCancellationNoticeDays, type NoticeDays, type ProductDefinition } from '../../products/index.ts';
import { findProductDefinition, insertCancellationTransaction } from '../cancellation-repository.ts';
import { type CancellationRefund, insuredCancellationRefund, insurerCancellationRefund } from '../domain/cancellation.ts';
import { inclusiveDays, localDateOf, type PolicyPeriod } from '../domain/policy-period.ts';
import { chargedPremium, earnedBefore } from '../domain/policy-timeline.ts';
import type { MailingAddress, Policy } from '../policies-repository.ts';
import { loadTimeline } from '../timeline-repository.ts';
import { billPremiumChange, refundedOn } from './premium-billing.ts';
import { enqueuePolicyTransactionDocument } from './transaction-document.ts';

/**
 * The one computation of a cancellation's money, used by the preview and by the execution alike
 * (issue #3: "preview equals execution"): the period, the premium paid so far (from billing), and for
 * the insurer the notice date (today in the insured's time zone) and the notice days of the policy's
 * state (JPF-COND-2).
 */
export type CancelledBy = 'insured' | 'insurer';

export type CancellationTerms = {
  by: CancelledBy;
  premiumPaid: Money;
  refund: CancellationRefund;
  notice: { date: string; days: NoticeDays; earliestEffectiveDate: string } | null;
};

export const cancellationErrors = {
  notInForce: (status: string) =>
    status === 'cancelled'
      ? new AppError(409, 'policy_cancelled', 'policies.cancel.policy_cancelled')
      : new AppError(409, 'policy_not_in_force', 'policies.cancel.policy_not_in_force', { status }),
  alreadyRequested: (requestId: string) => new AppError(409, 'cancellation_already_requested', 'policies.cancel.already_requested', { requestId }),
  effectiveDate: (reason: 'effective_date_before_period' | 'effective_date_after_period', policy: Policy) =>
    new AppError(
      422,
      reason,
      `policies.cancel.${reason}`,
      { firstDay: policy.firstDay, lastDay: policy.lastDay },
      {
        errors: [
          {
            field: 'body.effectiveDate',
            code: reason,
            messageKey: `policies.cancel.${reason}`,
            params: { firstDay: policy.firstDay, lastDay: policy.lastDay },
          },
        ],
      },
    ),
  noticeTooShort: (earliest: string, days: number) =>
    new AppError(
      422,
      'notice_too_short',
      'policies.cancel.notice_too_short',
      { earliest, days },
      {
        earliestEffectiveDate: earliest,
        errors: [{ field: 'body.effectiveDate', code: 'notice_too_short', messageKey: 'policies.cancel.notice_too_short', params: { earliest, days } }],
      },
    ),
};

export function periodOf(policy: Policy): PolicyPeriod {
  const firstDay = Temporal.PlainDate.from(policy.firstDay);
  const lastDay = Temporal.PlainDate.from(policy.lastDay);
  return { firstDay, lastDay, days: inclusiveDays(firstDay, lastDay) };
}

/** What was paid on the policy's premium; more than the premium (a credit) is billing's, not a refund of premium. */
async function premiumPaidOn(db: Deps['db'], deps: Deps, policy: Policy, chargedPremium: Money): Promise<Money> {
  const reader = systemActor('policies.cancellation');
  const balance = await getPolicyBalance({ ...deps, db }, reader, policy.id);
  // What was already given back (an endorsement that lowered the premium) is no longer paid premium.
  const refunded = await refundedOn({ ...deps, db }, policy.id, policy.premium.currency);
  return balance.paid.minus(refunded).min(chargedPremium).max(Money.zero(policy.premium.currency));
}

export async function cancellationTerms(
  db: Deps['db'],
  deps: Deps,
  policy: Policy & { mailingAddress: MailingAddress },
  by: CancelledBy,
  effectiveDate: Temporal.PlainDate,
): Promise<CancellationTerms> {
  if (policy.status !== 'in_force') throw cancellationErrors.notInForce(policy.status);
  const period = periodOf(policy);
  // The term's premium and what is unearned on the date come from the timeline: items added, changed or
  // removed during the period are charged for their own days (decision 0009).
  const { timeline } = await loadTimeline(db, policy);
  const termPremium = chargedPremium(timeline);
  const inPeriod = Temporal.PlainDate.compare(effectiveDate, period.firstDay) >= 0 && Temporal.PlainDate.compare(effectiveDate, period.lastDay) <= 0;
  const unearnedOnEffectiveDate = inPeriod ? termPremium.minus(earnedBefore(timeline, effectiveDate)) : undefined;
  const premiumPaid = await premiumPaidOn(db, deps, policy, termPremium);
  const common = { period, termPremium, premiumPaid, effectiveDate, ...(unearnedOnEffectiveDate ? { unearnedOnEffectiveDate } : {}) };
  if (by === 'insured') {
    const result = insuredCancellationRefund(common);
    if (!result.ok) throw cancellationErrors.effectiveDate(result.reason, policy);
    return { by, premiumPaid, refund: result, notice: null };
  }
  const definition = (await findProductDefinition(db, policy.productVersionId)) as Pick<ProductDefinition, 'jurisdictionRules'> | null;
  const days = definition
    ? insurerCancellationNoticeDays(definition, policy.mailingAddress.state)
    : { days: 10, source: 'product_default' as const, state: policy.mailingAddress.state };
  const noticeDate = localDateOf(deps.clock.now(), policy.timeZone);
  const result = insurerCancellationRefund({ ...common, noticeDate, noticeDays: days.days });
  if (!result.ok) {
    if (result.reason === 'notice_too_short') throw cancellationErrors.noticeTooShort(result.earliestEffectiveDate.toString(), days.days);
    throw cancellationErrors.effectiveDate(result.reason, policy);
  }
  const earliest = noticeDate.add({ days: days.days }).toString();
  return { by, premiumPaid, refund: result, notice: { date: noticeDate.toString(), days, earliestEffectiveDate: earliest } };
}

export function termsJson(terms: CancellationTerms) {
  const { refund } = terms;
  return {
    by: terms.by,
    effectiveDate: refund.effectiveDate.toString(),
    rule: refund.rule,
    dayOfPeriod: refund.dayOfPeriod,
    daysCovered: refund.daysCovered,
    daysUnused: refund.daysUnused,
    premiumPaid: terms.premiumPaid.toJSON(),
    earnedPremium: refund.earnedPremium.toJSON(),
    unearnedPremium: refund.unearnedPremium.toJSON(),
    refund: refund.refund.toJSON(),
    balanceDue: refund.balanceDue.toJSON(),
    notice: terms.notice && {
      date: terms.notice.date,
      days: terms.notice.days.days,
      source: terms.notice.days.source,
      earliestEffectiveDate: terms.notice.earliestEffectiveDate,
    },
  };
}

export type ExecutedCancellation = { transactionId: string; refundId: string | null; terms: CancellationTerms };

/**
 * Executes a cancellation in the caller's transaction: the 'cancellation' policy transaction (premium
 * change = − unearned premium), the policy 'cancelled', and the refund as a billing transaction of its
 * own (JPF-CANCEL-3) when there is one. An unpaid earned premium is recorded as the balance due.
 */
export async function executeCancellation(
  trx: Trx,
  deps: Deps,
  actor: Actor,
  policy: Policy,
  terms: CancellationTerms,
  extra: Record<string, unknown>,
  origin: RequestOrigin,
): Promise<ExecutedCancellation> {
  const { refund } = terms;
  // Billing follows the premium change like any other transaction: unpaid invoices are cancelled first (and
  // re-issued for the earned premium still owed), then what was paid beyond the earned premium is refunded as
  // a billing transaction of its own (JPF-CANCEL-3) — the same amount as `refund.refund`.
  const zero = Money.zero(policy.premium.currency);
  const billing = await billPremiumChange(
    trx,
    deps,
    actor,
    policy,
    zero.minus(refund.unearnedPremium),
    refund.earnedPremium,
    localDateOf(deps.clock.now(), policy.timeZone).toString(),
    terms.by === 'insured' ? 'cancellation_by_insured' : 'cancellation_by_insurer',
    origin,
  );
  const refundId = billing.refundId;
  const transactionId = newId();
  // JPF-CANCEL-1: inside the 30-day window nothing is earned, so the timeline stops charging on the first day.
  const premiumEndsOn = refund.rule === 'full_refund_window' ? policy.firstDay : refund.effectiveDate.toString();
  const details = { ...termsJson(terms), refundId, premiumEndsOn, ...extra };
  await insertCancellationTransaction(trx, {
    id: transactionId,
    policyId: policy.id,
    effectiveDate: refund.effectiveDate.toString(),
    recordedAt: nowText(deps.clock),
    premiumChange: refund.unearnedPremium.isZero() ? '0.00' : Money.zero(policy.premium.currency).minus(refund.unearnedPremium).toFixed(),
    currency: policy.premium.currency,
    details,
  });
  await enqueuePolicyTransactionDocument(trx, deps, policy.id, transactionId);
  await recordAuditEvent(
    trx,
    {
      actor,
      action: 'policy.cancelled',
      subject: { type: 'policy', id: policy.id },
      details: { policyNumber: policy.policyNumber, by: terms.by, effectiveDate: refund.effectiveDate.toString(), refund: refund.refund.toJSON(), refundId },
      requestId: origin.requestId,
    },
    deps.clock,
  );
  return { transactionId, refundId, terms };
}
