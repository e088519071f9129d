import { z } from 'zod';
import type { Deps } from '../../../platform/deps.ts';
import type { TypedApp } from '../../../platform/http/app.ts';
import { originOf } from '../../../platform/http/origin.ts';
import { problemResponses } from '../../../platform/http/schemas.ts';
import { CURRENCIES } from '../../../platform/money.ts';
import { cancelByInsurer } from '../use-cases/cancel-by-insurer.ts';
import { type ExecutedCancellation, termsJson } from '../use-cases/cancellation-terms.ts';
import { previewCancellation } from '../use-cases/preview-cancellation.ts';
import { recordSignature } from '../use-cases/record-signature.ts';
import type { CancellationRequestState } from '../use-cases/request-cancellation.ts';
import { requestCancellation } from '../use-cases/request-cancellation.ts';

/** Cancellation routes of the policies module (issue #3; JPF-CANCEL-1/2/3), registered from api-routes.ts. */

const money = z.object({ amount: z.string(), currency: z.enum(CURRENCIES) });
const isoDate = z.iso.date().describe('ISO 8601 calendar date, YYYY-MM-DD');
const policyParam = z.object({ id: z.uuid() }).strict();
const requestParams = z.object({ id: z.uuid(), requestId: z.uuid() }).strict();

const termsSchema = z.object({
  by: z.enum(['insured', 'insurer']),
  effectiveDate: isoDate.describe('The first day without cover: cover ends at 00:01 local time on it'),
  rule: z.enum(['full_refund_window', 'pro_rata']).describe('JPF-CANCEL-1: full refund when effective in the first 30 days; otherwise pro rata by day'),
  dayOfPeriod: z.number().int(),
  daysCovered: z.number().int(),
  daysUnused: z.number().int(),
  premiumPaid: money,
  earnedPremium: money,
  unearnedPremium: money,
  refund: money.describe('Premium paid − earned premium, never below zero (JPF-CANCEL-3)'),
  balanceDue: money.describe('Earned premium not paid yet'),
  notice: z
    .object({ date: isoDate, days: z.number().int(), source: z.enum(['product_default', 'state_rule']), earliestEffectiveDate: isoDate })
    .nullable()
    .describe('JPF-CANCEL-2 and JPF-COND-2: insurer cancellations only'),
});

const cancellationSchema = termsSchema.extend({ transactionId: z.uuid(), refundId: z.uuid().nullable() });

const requestStateSchema = z.object({
  id: z.uuid(),
  policyId: z.uuid(),
  effectiveDate: isoDate,
  status: z.enum(['pending', 'executed']),
  namedInsureds: z.array(z.string()),
  signatures: z.array(z.object({ namedInsured: z.string(), signedAt: z.string(), method: z.enum(['portal', 'paper', 'emailed_link']) })),
  missingSignatures: z.array(z.string()).describe('Named insureds who have not signed yet; the cancellation executes when none are left'),
  cancellation: cancellationSchema.nullable(),
});

const requestBody = z.object({ effectiveDate: isoDate.describe('First day without cover, within the policy period') }).strict();
const signatureBody = z.object({ namedInsured: z.string().trim().min(1).max(200).describe('The named insured whose paper signature was received') }).strict();
const insurerBody = z
  .object({
    effectiveDate: isoDate.describe('No earlier than today + the notice days of the policy’s state (JPF-CANCEL-2, JPF-COND-2)'),
    reason: z.string().trim().min(3).max(2000),
  })
  .strict();
const previewQuery = z
  .object({
    effectiveDate: isoDate.optional().describe('Default: today in the insured’s time zone (insurer: the earliest date the notice allows)'),
    by: z.enum(['insured', 'insurer']).default('insured'),
  })
  .strict();

function cancellationJson(executed: ExecutedCancellation) {
  return { ...termsJson(executed.terms), transactionId: executed.transactionId, refundId: executed.refundId };
}

function requestStateJson(state: CancellationRequestState) {
  return {
    id: state.request.id,
    policyId: state.request.policyId,
    effectiveDate: state.request.effectiveDate,
    status: state.request.status,
    namedInsureds: state.request.namedInsureds,
    signatures: state.signatures.map(({ namedInsured, signedAt, method }) => ({ namedInsured, signedAt, method })),
    missingSignatures: state.missingSignatures,
    cancellation: state.executed && cancellationJson(state.executed),
  };
}

export function registerCancellationRoutes(app: TypedApp, deps: Deps, tags: { tags: string[]; security: Record<string, string[]>[] }) {
  app.post(
    '/api/v1/policies/:id/cancellation-requests',
    {
      schema: {
        ...tags,
        summary: 'The insured asks to cancel (JPF-CANCEL-1): signed in the portal by the holder; executes once every named insured has signed',
        description:
          'Answers 201 with the request; `cancellation` is filled when it executed at once (a single named insured). ' +
          'A cancelled policy answers 409 `policy_cancelled`, a request already waiting 409 `cancellation_already_requested`.',
        params: policyParam,
        body: requestBody,
        response: { 201: requestStateSchema, ...problemResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(requestStateJson(await requestCancellation(deps, request.actor, request.params.id, request.body, originOf(request)))),
  );
  app.post(
    '/api/v1/policies/:id/cancellation-requests/:requestId/signatures',
    {
      schema: {
        ...tags,
        summary: 'Record a named insured’s paper signature on a cancellation request (underwriter, admin)',
        description: 'The last missing signature executes the cancellation in the same transaction.',
        params: requestParams,
        body: signatureBody,
        response: { 200: requestStateSchema, ...problemResponses },
      },
    },
    async (request) =>
      requestStateJson(await recordSignature(deps, request.actor, request.params.id, request.params.requestId, request.body, originOf(request))),
  );
  app.post(
    '/api/v1/policies/:id/insurer-cancellation',
    {
      schema: {
        ...tags,
        summary: 'The insurer cancels with written notice (JPF-CANCEL-2; underwriter, admin): notice mailed, pro-rata refund',
        description: 'An effective date earlier than the notice allows answers 422 `notice_too_short` with the earliest date.',
        params: policyParam,
        body: insurerBody,
        response: { 201: cancellationSchema, ...problemResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(cancellationJson(await cancelByInsurer(deps, request.actor, request.params.id, request.body, originOf(request)))),
  );
  app.get(
    '/api/v1/policies/:id/cancellation-preview',
    {
      schema: {
        ...tags,
        summary: 'What a cancellation would refund, computed exactly as the cancellation itself will',
        params: policyParam,
        querystring: previewQuery,
        response: { 200: termsSchema, ...problemResponses },
      },
    },
    async (request) => termsJson(await previewCancellation(deps, request.actor, request.params.id, request.query)),
  );
}
