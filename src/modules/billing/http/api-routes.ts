import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { Deps } from '../../../platform/deps.ts';
import type { HttpModule, TypedApp } from '../../../platform/http/app.ts';
import { runIdempotent } from '../../../platform/http/idempotency.ts';
import { originOf } from '../../../platform/http/origin.ts';
import { idempotencyHeaders, problemResponses, uuidParam } from '../../../platform/http/schemas.ts';
import { Money } from '../../../platform/money.ts';
import type { Invoice, Refund } from '../billing-repository.ts';
import { importBankStatement } from '../use-cases/import-bank-statement.ts';
import { markRefundPaid } from '../use-cases/mark-refund-paid.ts';
import { getInvoice, getPolicyBalance, listInvoices, listRefunds } from '../use-cases/read-billing.ts';
import { recordPayment } from '../use-cases/record-payment.ts';
import {
  importStatementBody,
  invoiceQuery,
  invoiceSchema,
  markRefundPaidBody,
  policyBalanceSchema,
  policyIdParam,
  recordedPaymentSchema,
  recordPaymentBody,
  refundQuery,
  refundSchema,
  statementReportSchema,
} from './api-schemas.ts';

/** JSON API of the billing module (issue #3, "Basic billing"). */
export const billingApi: HttpModule = {
  name: 'billing-api',
  register(app: TypedApp, deps: Deps) {
    const security: Record<string, string[]>[] = [{ bearerToken: [] }, { sessionCookie: [] }];
    const billing = { tags: ['Billing'], security };

    app.get(
      '/api/v1/invoices',
      {
        schema: {
          ...billing,
          summary: 'Invoices: a customer’s own; every invoice for billing staff and auditors',
          querystring: invoiceQuery,
          response: { 200: z.object({ items: z.array(invoiceSchema) }), ...problemResponses },
        },
      },
      async (request) => ({ items: (await listInvoices(deps, request.actor, request.query)).map(invoiceToJson) }),
    );
    app.get(
      '/api/v1/invoices/:id',
      {
        schema: {
          ...billing,
          summary: 'One invoice, with what is paid and outstanding',
          params: uuidParam,
          response: { 200: invoiceSchema, ...problemResponses },
        },
      },
      async (request) => invoiceToJson(await getInvoice(deps, request.actor, request.params.id)),
    );
    app.post(
      '/api/v1/payments',
      {
        schema: {
          ...billing,
          summary: 'Record a bank transfer, matched to its invoice by structured reference (billing staff; Idempotency-Key supported)',
          description:
            'A reference with a typo answers 422 `reference_invalid`; one that no invoice has answers 422 `payment_unmatched`; in both cases nothing is recorded. An over-payment settles the invoice and leaves the rest as credit.',
          headers: idempotencyHeaders,
          body: recordPaymentBody,
          response: { 201: recordedPaymentSchema, ...problemResponses },
        },
      },
      async (request, reply) =>
        sendIdempotent(
          reply,
          await runIdempotent(deps, request, async (inner) => {
            const recorded = await recordPayment(inner, request.actor, request.body, originOf(request));
            const currency = recorded.invoice.currency;
            return {
              status: 201,
              body: {
                ...recorded,
                allocated: Money.of(recorded.allocated, currency).toJSON(),
                unallocated: Money.of(recorded.unallocated, currency).toJSON(),
                invoice: invoiceToJson(recorded.invoice),
              },
            };
          }),
        ),
    );
    app.post(
      '/api/v1/bank-statements',
      {
        schema: {
          ...billing,
          summary: 'Import a bank statement (CSV or CAMT.053): each credit matched by reference, with a report per line (billing staff)',
          description:
            'A malformed file answers 422 `statement_invalid` with every error by line, and nothing is recorded. Lines whose bank transaction id was imported before are reported as duplicates and not recorded again.',
          headers: idempotencyHeaders,
          body: importStatementBody,
          response: { 200: statementReportSchema, ...problemResponses },
        },
      },
      async (request, reply) =>
        sendIdempotent(
          reply,
          await runIdempotent(deps, request, async (inner) => ({
            status: 200,
            body: await importBankStatement(inner, request.actor, request.body, originOf(request)),
          })),
        ),
    );
    app.get(
      '/api/v1/refunds',
      {
        schema: {
          ...billing,
          summary: 'Refunds (JPF-CANCEL-3), payable and paid: a customer’s own; all for billing staff',
          querystring: refundQuery,
          response: { 200: z.object({ items: z.array(refundSchema) }), ...problemResponses },
        },
      },
      async (request) => ({ items: (await listRefunds(deps, request.actor, request.query)).map(refundToJson) }),
    );
    app.post(
      '/api/v1/refunds/:id/paid',
      {
        schema: {
          ...billing,
          summary: 'Record that a refund was paid out (billing staff; JPF-CANCEL-3)',
          params: uuidParam,
          body: markRefundPaidBody,
          response: { 200: refundSchema, ...problemResponses },
        },
      },
      async (request) => refundToJson(await markRefundPaid(deps, request.actor, request.params.id, request.body, originOf(request))),
    );
    app.get(
      '/api/v1/billing/policies/:policyId/balance',
      {
        schema: {
          ...billing,
          summary: 'Balance of a policy: invoiced, paid, outstanding, refunds payable',
          params: policyIdParam,
          response: { 200: policyBalanceSchema, ...problemResponses },
        },
      },
      async (request) => {
        const { currency: _currency, ...balance } = await getPolicyBalance(deps, request.actor, request.params.policyId);
        return {
          policyId: balance.policyId,
          invoiced: balance.invoiced.toJSON(),
          paid: balance.paid.toJSON(),
          outstanding: balance.outstanding.toJSON(),
          refundsPayable: balance.refundsPayable.toJSON(),
        };
      },
    );
  },
};

function invoiceToJson({ holderUserId: _holder, amount, paid, currency, ...invoice }: Invoice) {
  const total = Money.of(amount, currency);
  const allocated = Money.of(paid, currency);
  const outstanding = invoice.status === 'cancelled' ? Money.zero(currency) : total.minus(allocated);
  return { ...invoice, amount: total.toJSON(), paid: allocated.toJSON(), outstanding: outstanding.toJSON() };
}

function refundToJson({ amount, currency, ...refund }: Refund) {
  return { ...refund, amount: Money.of(amount, currency).toJSON() };
}

function sendIdempotent(reply: FastifyReply, result: { status: number; body: unknown; replayed: boolean }) {
  if (result.replayed) reply.header('idempotent-replayed', 'true');
  return reply.status(result.status).send(result.body);
}
