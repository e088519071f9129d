import { recordAuditEvent } from '../../../platform/audit/index.ts';
import { requirePermission } from '../../../platform/auth/access.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { nowText } from '../../../platform/clock.ts';
import type { PayeeKind } from '../../../platform/db/schema-claims-payments.ts';
import { inTransaction, type Trx } from '../../../platform/db/transaction.ts';
import type { Deps } from '../../../platform/deps.ts';
import { problems } from '../../../platform/http/problem.ts';
import { newId } from '../../../platform/ids.ts';
import { Money } from '../../../platform/money.ts';
import type { RequestOrigin } from '../../../platform/request-origin.ts';
import type { Claim } from '../claims-repository.ts';
import { amountOfLines, authorityCovers, exposureWith, type PayeeFacts, payeeOf, refusalOfNewPayment } from '../domain/payment-rules.ts';
import { findActiveUserWithRole, listOrdersOfClaim } from '../jeweler-order-repository.ts';
import { paymentErrors } from '../payment-errors.ts';
import { type ClaimPayment, findPaymentAuthority, insertClaimPayment } from '../payment-repository.ts';
import {
  assertNoSettlementBlock,
  assertOpenForSettlement,
  completeIssuedPayment,
  lineFacts,
  lockedClaim,
  type PaymentContext,
  paidLineNos,
  paymentContext,
  todayOf,
} from './claim-payment-support.ts';

export type PaymentRequestInput = {
  /** Worksheet lines paid in full; or `amount`, a payment on account. Exactly one of the two. */
  lineNos?: number[] | undefined;
  amount?: string | undefined;
  payee: PayeeKind;
  jewelerUserId?: string | undefined;
  reference?: string | undefined;
};

export type PaymentOutcome = { payment: ClaimPayment; claimStatus: Claim['status'] };

/**
 * Facts about the payee asked for (JPF-SETTLE-8 loss payee, JPF-SETTLE-2 jeweler) and the jeweler's order on the
 * claim the payment belongs to.
 */
export async function payeeFactsOf(
  trx: Trx,
  context: PaymentContext,
  payee: PayeeKind,
  jewelerUserId: string | null,
): Promise<{ facts: PayeeFacts; jewelerOrderId: string | null }> {
  let jeweler: PayeeFacts['jeweler'] = null;
  let jewelerOrderId: string | null = null;
  if (payee === 'jeweler' && jewelerUserId !== null) {
    const user = await findActiveUserWithRole(trx, jewelerUserId, 'jeweler');
    const order = (await listOrdersOfClaim(trx, context.claim.id)).filter((o) => o.jewelerUserId === jewelerUserId && o.status !== 'cancelled').at(-1);
    jewelerOrderId = order?.id ?? null;
    if (user) jeweler = { userId: user.id, name: user.displayName, hasOrder: order !== undefined };
  }
  return { facts: { insuredName: context.claim.insuredName, lossPayeeName: context.lossPayeeName, jeweler }, jewelerOrderId };
}

/**
 * A payment on a claim (issue #4 "Payments"), by whole worksheet lines or as an amount on account. Refused with a
 * clear 4xx and nothing written when: the claim is not open for settlement, a settlement block applies (coverage,
 * JPF-SUBRO-1, JPF-APPR-1), the payee is not allowed (JPF-SETTLE-8 loss payee named; JPF-SETTLE-2 jeweler without
 * an order), paid + waiting + this exceeds the current worksheet's total ('payment_exceeds_worksheet'), or it
 * exceeds the open reserve ('payment_exceeds_reserve'). Within the payer's authority it is issued at once; above
 * it, it is recorded as 'awaiting_approval' for another person whose limit covers it.
 */
export async function requestClaimPayment(
  deps: Deps,
  actor: Actor,
  claimId: string,
  input: PaymentRequestInput,
  origin: RequestOrigin,
): Promise<PaymentOutcome> {
  requirePermission(actor, 'claims:pay');
  if (actor.kind !== 'user') throw problems.unauthenticated();
  return inTransaction(deps.db, async (trx) => {
    const claim = await lockedClaim(trx, actor, claimId);
    assertOpenForSettlement(claim);
    const context = await paymentContext(trx, deps, claim);
    await assertNoSettlementBlock(trx, claim.id);

    const lineNos = [...new Set(input.lineNos ?? [])].sort((a, b) => a - b);
    let amount: Money;
    if (input.amount !== undefined) amount = Money.of(input.amount, claim.currency);
    else {
      const lines = amountOfLines(lineFacts(context.worksheet), lineNos, paidLineNos(context.payments));
      if (!lines.ok) throw paymentErrors.lines(lines.code, lines.lineNo);
      amount = lines.amount;
    }

    const { facts, jewelerOrderId } = await payeeFactsOf(trx, context, input.payee, input.jewelerUserId ?? null);
    const payee = payeeOf(input.payee, facts);
    if (!payee.ok) throw paymentErrors.payee(payee.code, context.lossPayeeName);

    const refusal = refusalOfNewPayment(context.ledger, amount);
    if (refusal) throw paymentErrors.refused(refusal);

    const limit = await findPaymentAuthority(trx, actor.userId, claim.currency);
    const withinAuthority = authorityCovers(limit, exposureWith(context.ledger, amount));
    const now = nowText(deps.clock);
    const payment = await insertClaimPayment(trx, {
      id: newId(),
      claimId: claim.id,
      amount,
      lineNos: input.amount !== undefined ? [] : lineNos,
      worksheetId: context.worksheet.id,
      payeeKind: payee.payee.kind,
      payeeName: payee.payee.name,
      payeeUserId: payee.payee.userId,
      jewelerOrderId: payee.payee.kind === 'jeweler' ? jewelerOrderId : null,
      reference: input.reference ?? null,
      status: withinAuthority ? 'issued' : 'awaiting_approval',
      requestedBy: actor.userId,
      requestedAt: now,
      decidedBy: null,
      decidedAt: null,
      rejectionReason: null,
      issuedOn: withinAuthority ? todayOf(deps, claim) : null,
      coverEnded: [],
    });
    await recordAuditEvent(
      trx,
      {
        actor,
        action: withinAuthority ? 'claim.payment_issued' : 'claim.payment_awaiting_approval',
        subject: { type: 'claim', id: claim.id },
        details: {
          claimNumber: claim.claimNumber,
          paymentId: payment.id,
          paymentNo: payment.paymentNo,
          amount: amount.toJSON(),
          lineNos: payment.lineNos,
          payee: payment.payeeKind,
          worksheetVersion: context.worksheet.version,
          authority: limit?.toJSON() ?? null,
        },
        personalDetails: { payeeName: payment.payeeName },
        requestId: origin.requestId,
      },
      deps.clock,
    );
    if (!withinAuthority) return { payment, claimStatus: claim.status };
    return completeIssuedPayment(trx, deps, actor, context, payment, origin);
  });
}
