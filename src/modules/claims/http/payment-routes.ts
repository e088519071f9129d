import { z } from 'zod';
import { can } from '../../../platform/auth/access.ts';
import type { Deps } from '../../../platform/deps.ts';
import type { HttpModule, TypedApp } from '../../../platform/http/app.ts';
import { runIdempotent } from '../../../platform/http/idempotency.ts';
import { originOf } from '../../../platform/http/origin.ts';
import { idempotencyHeaders, problemResponses } from '../../../platform/http/schemas.ts';
import type { PaymentAuthority } from '../payment-repository.ts';
import { approveClaimPayment } from '../use-cases/approve-claim-payment.ts';
import { getClaimReserve, getPaymentAuthorities, listPaymentsOfClaim } from '../use-cases/read-claim-payments.ts';
import { rejectClaimPayment } from '../use-cases/reject-claim-payment.ts';
import { releaseClaimReserve } from '../use-cases/release-claim-reserve.ts';
import { type PaymentOutcome, requestClaimPayment } from '../use-cases/request-claim-payment.ts';
import { setClaimReserve } from '../use-cases/set-claim-reserve.ts';
import { setPaymentAuthority } from '../use-cases/set-payment-authority.ts';
import {
  authorityBody,
  authorityQuery,
  authoritySchema,
  claimParam,
  paymentBody,
  paymentJson,
  paymentOutcomeSchema,
  paymentParams,
  paymentsSchema,
  rejectBody,
  releaseBody,
  reserveBody,
  reserveJson,
  reserveSchema,
} from './payment-schemas.ts';

/** JSON API of claim reserves, payments and payment authority (issue #4; JPF-SETTLE-2/7/8/9). */

function outcomeJson(outcome: PaymentOutcome) {
  return { ...paymentJson(outcome.payment, true), claimStatus: outcome.claimStatus };
}

function authorityJson(authority: PaymentAuthority) {
  return {
    userId: authority.userId,
    displayName: authority.displayName,
    roles: authority.roles,
    limit: authority.limit?.toJSON() ?? null,
    setAt: authority.setAt,
  };
}

export const claimPaymentsApi: HttpModule = {
  name: 'claim-payments-api',
  register(app: TypedApp, deps: Deps) {
    const security: Record<string, string[]>[] = [{ bearerToken: [] }, { sessionCookie: [] }];
    const tags = { tags: ['Claims'], security };

    app.get(
      '/api/v1/claims/:id/reserve',
      {
        schema: {
          ...tags,
          summary: 'The claim’s reserve and its history: every set, change, release and payment, with the balance after it (claims staff)',
          params: claimParam,
          response: { 200: reserveSchema, ...problemResponses },
        },
      },
      async (request) => reserveJson(await getClaimReserve(deps, request.actor, request.params.id)),
    );
    app.post(
      '/api/v1/claims/:id/reserve',
      {
        schema: {
          ...tags,
          summary: 'Set or change the claim’s reserve (adjusters); a change needs a reason',
          description: 'A change without a reason answers 422 `reserve_reason_required`; the same amount again 422 `reserve_unchanged`.',
          params: claimParam,
          body: reserveBody,
          response: { 200: reserveSchema, ...problemResponses },
        },
      },
      async (request) => reserveJson(await setClaimReserve(deps, request.actor, request.params.id, request.body, originOf(request))),
    );
    app.post(
      '/api/v1/claims/:id/reserve/release',
      {
        schema: {
          ...tags,
          summary: 'Release what is left of the claim’s reserve, with a reason (adjusters)',
          params: claimParam,
          body: releaseBody,
          response: { 200: reserveSchema, ...problemResponses },
        },
      },
      async (request) => reserveJson(await releaseClaimReserve(deps, request.actor, request.params.id, request.body, originOf(request))),
    );
    app.get(
      '/api/v1/claims/:id/payments',
      {
        schema: {
          ...tags,
          summary: 'The claim’s payments: all with approvals for claims staff; the payments made for the policyholder; a jeweler’s own',
          params: claimParam,
          response: { 200: paymentsSchema, ...problemResponses },
        },
      },
      async (request) => {
        const view = await listPaymentsOfClaim(deps, request.actor, request.params.id);
        const staff = can(request.actor, 'claims:read_all');
        return {
          items: view.payments.map((payment) => paymentJson(payment, staff)),
          worksheetTotal: view.ledger?.worksheetTotal.toJSON() ?? null,
          paidToDate: view.ledger?.issued.toJSON() ?? null,
          awaitingApproval: view.ledger?.awaiting.toJSON() ?? null,
          openReserve: view.ledger?.openReserve.toJSON() ?? null,
        };
      },
    );
    app.post(
      '/api/v1/claims/:id/payments',
      {
        schema: {
          ...tags,
          summary:
            'Pay worksheet lines or an amount on account to the insured, the loss payee or the repairing jeweler (claims:pay; Idempotency-Key supported)',
          description:
            'Refused with nothing written: 422 `payment_exceeds_worksheet` (paid + waiting + this above the current worksheet’s total), ' +
            '422 `payment_exceeds_reserve`, 422 `loss_payee_named` (JPF-SETTLE-8), 422 `jeweler_not_on_claim` (JPF-SETTLE-2), a settlement ' +
            'block’s own code (e.g. coverage, JPF-SUBRO-1, JPF-APPR-1). Above the payer’s authority the payment is created with status ' +
            '`awaiting_approval`. Paying a total-loss line ends the item’s cover and refunds its unearned premium (JPF-SETTLE-7); when ' +
            'the worksheet’s total is paid the claim is `settled` (JPF-SETTLE-9).',
          headers: idempotencyHeaders,
          params: claimParam,
          body: paymentBody,
          response: { 201: paymentOutcomeSchema, ...problemResponses },
        },
      },
      async (request, reply) => {
        const result = await runIdempotent(deps, request, async (inner) => ({
          status: 201,
          body: outcomeJson(await requestClaimPayment(inner, request.actor, request.params.id, request.body, originOf(request))),
        }));
        if (result.replayed) reply.header('idempotent-replayed', 'true');
        // Only a success is stored for replay, so the answer is always the 201 of the first request.
        return reply.status(201).send(result.body as ReturnType<typeof outcomeJson>);
      },
    );
    app.post(
      '/api/v1/claims/:id/payments/:paymentId/approve',
      {
        schema: {
          ...tags,
          summary: 'Approve a payment that waits: by another person whose authority covers it (claims:pay)',
          description: 'Your own payment answers 403 `own_payment_approval`; a limit too low 403 `insufficient_payment_authority`.',
          params: paymentParams,
          response: { 200: paymentOutcomeSchema, ...problemResponses },
        },
      },
      async (request) => outcomeJson(await approveClaimPayment(deps, request.actor, request.params.id, request.params.paymentId, originOf(request))),
    );
    app.post(
      '/api/v1/claims/:id/payments/:paymentId/reject',
      {
        schema: {
          ...tags,
          summary: 'Turn down (or withdraw) a payment that waits for approval, with a reason (claims:pay)',
          params: paymentParams,
          body: rejectBody,
          response: { 200: paymentOutcomeSchema, ...problemResponses },
        },
      },
      async (request) =>
        outcomeJson(await rejectClaimPayment(deps, request.actor, request.params.id, request.params.paymentId, request.body, originOf(request))),
    );
    app.get(
      '/api/v1/payment-authorities',
      {
        schema: {
          ...tags,
          summary: 'Adjusters’ and admins’ payment authority in a currency (admins)',
          querystring: authorityQuery,
          response: { 200: z.object({ items: z.array(authoritySchema) }), ...problemResponses },
        },
      },
      async (request) => ({ items: (await getPaymentAuthorities(deps, request.actor, request.query.currency)).map(authorityJson) }),
    );
    app.post(
      '/api/v1/payment-authorities',
      {
        schema: {
          ...tags,
          summary: 'Set a person’s payment authority: the most they may have paid on one claim without approval (admins)',
          body: authorityBody,
          response: { 200: authoritySchema, ...problemResponses },
        },
      },
      async (request) => authorityJson(await setPaymentAuthority(deps, request.actor, request.body, originOf(request))),
    );
  },
};
