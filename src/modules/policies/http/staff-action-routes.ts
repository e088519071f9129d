import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { Deps } from '../../../platform/deps.ts';
import type { TypedApp } from '../../../platform/http/app.ts';
import { runIdempotent } from '../../../platform/http/idempotency.ts';
import { originOf } from '../../../platform/http/origin.ts';
import { idempotencyHeaders, problemResponses } from '../../../platform/http/schemas.ts';
import { CURRENCIES } from '../../../platform/money.ts';
import { VOID_CATEGORIES } from '../domain/staff-actions.ts';
import type { AssignmentRequest } from '../staff-actions-repository.ts';
import { decideAssignment, listAssignmentQueue } from '../use-cases/decide-assignment.ts';
import { previewReinstatement, type ReinstatementTerms } from '../use-cases/preview-reinstatement.ts';
import { type Reinstated, reinstatePolicy } from '../use-cases/reinstate-policy.ts';
import { listPolicyAssignments, requestAssignment } from '../use-cases/request-assignment.ts';
import { type VoidedPolicy, voidPolicy } from '../use-cases/void-policy.ts';

/**
 * Staff actions on a policy (issue #3): void (JPF-COND-5), assignment with the insurer's written consent
 * (JPF-COND-1) and reinstatement of a cancelled policy. Routes validate, call the use case, and map.
 * Registered from api-routes.ts.
 */

const money = z.object({ amount: z.string(), currency: z.enum(CURRENCIES) });
const isoDate = z.iso.date().describe('ISO 8601 calendar date, YYYY-MM-DD');
const policyParam = z.object({ id: z.uuid() }).strict();
const requestParams = z.object({ id: z.uuid(), rid: z.uuid() }).strict();
const reason = z.string().trim().min(1).max(2000);

const voidBody = z
  .object({
    category: z.enum(VOID_CATEGORIES).describe('JPF-COND-5: concealment or misrepresentation of a material fact, or fraud or false swearing'),
    reason: reason.describe('What was concealed, misrepresented or false'),
  })
  .strict();

const voidSchema = z.object({
  policyId: z.uuid(),
  policyNumber: z.string(),
  transactionId: z.uuid(),
  status: z.literal('void'),
  category: z.enum(VOID_CATEGORIES),
  reason: z.string(),
  effectiveDate: isoDate.describe('The first day of the period: a void policy is treated as never in force'),
  premiumChange: money.describe('− the premium charged so far'),
  cancelledInvoiceIds: z.array(z.uuid()).describe('Open invoices cancelled by the void'),
  refund: money.describe('Premium paid and not refunded yet, refunded in full (decision 0007; JPF-CANCEL-3)'),
  refundId: z.uuid().nullable(),
});

const reinstatementTermsSchema = z.object({
  policyId: z.uuid(),
  policyNumber: z.string(),
  cancellationId: z.uuid().describe('The cancellation the reinstatement reverses'),
  cancellationEffectiveDate: isoDate,
  premiumChange: money.describe('The negative of the cancellation’s premium change'),
  action: z
    .enum(['cancel_refund', 'invoice', 'none'])
    .describe('The cancellation’s refund: still payable → cancelled; already paid → invoiced again; none → nothing'),
  amount: money,
  refundId: z.uuid().nullable(),
});
const reinstatedSchema = reinstatementTermsSchema.extend({
  transactionId: z.uuid(),
  invoiceId: z.uuid().nullable(),
  reason: z.string(),
  status: z.literal('in_force'),
});

const person = z.object({ userId: z.uuid(), email: z.string(), displayName: z.string() });
const assignmentSchema = z.object({
  id: z.uuid(),
  policyId: z.uuid(),
  policyNumber: z.string(),
  from: person.describe('The holder when the request was made'),
  to: person.describe('The customer the policy is to pass to'),
  note: z.string().nullable(),
  status: z.enum(['pending', 'approved', 'refused']),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
  decidedBy: z.uuid().nullable(),
  consent: z.object({ date: isoDate, reference: z.string() }).nullable().describe('JPF-COND-1: the insurer’s written consent (approved requests only)'),
  refusalReason: z.string().nullable(),
  transactionId: z.uuid().nullable().describe('The policy transaction of kind assignment (approved requests only)'),
});

const assignmentBody = z
  .object({
    assigneeEmail: z.email().max(254).describe('The email address of the new holder’s customer login'),
    note: z.string().trim().max(2000).optional(),
  })
  .strict();
const decisionBody = z
  .discriminatedUnion('decision', [
    z
      .object({
        decision: z.literal('approve'),
        consentDate: isoDate.describe('The date of the insurer’s written consent; not after today'),
        consentReference: z.string().trim().min(1).max(200).describe('The reference of the written consent'),
      })
      .strict(),
    z.object({ decision: z.literal('refuse'), reason: reason.describe('Sent to the holder') }).strict(),
  ])
  .describe('JPF-COND-1: approve only with the insurer’s written consent; refuse with a reason');
const reinstateBody = z.object({ reason: reason.describe('Why the policy is reinstated') }).strict();

export function voidJson(voided: VoidedPolicy) {
  return {
    policyId: voided.policyId,
    policyNumber: voided.policyNumber,
    transactionId: voided.transactionId,
    status: 'void' as const,
    category: voided.category,
    reason: voided.reason,
    effectiveDate: voided.effectiveDate,
    premiumChange: voided.premiumChange.toJSON(),
    cancelledInvoiceIds: voided.cancelledInvoiceIds,
    refund: voided.refund.toJSON(),
    refundId: voided.refundId,
  };
}

export function reinstatementTermsJson(terms: ReinstatementTerms) {
  return {
    policyId: terms.policyId,
    policyNumber: terms.policyNumber,
    cancellationId: terms.cancellation.id,
    cancellationEffectiveDate: terms.cancellation.effectiveDate.toString(),
    premiumChange: terms.premiumChange.toJSON(),
    action: terms.action,
    amount: terms.amount.toJSON(),
    refundId: terms.refundId,
  };
}

function reinstatedJson(reinstated: Reinstated) {
  return {
    ...reinstatementTermsJson(reinstated),
    transactionId: reinstated.transactionId,
    invoiceId: reinstated.invoiceId,
    reason: reinstated.reason,
    status: 'in_force' as const,
  };
}

export function assignmentJson(request: AssignmentRequest) {
  const who = (p: AssignmentRequest['from']) => ({ userId: p.userId, email: p.email, displayName: p.displayName });
  return {
    id: request.id,
    policyId: request.policyId,
    policyNumber: request.policyNumber,
    from: who(request.from),
    to: who(request.to),
    note: request.note,
    status: request.status,
    createdAt: request.createdAt,
    decidedAt: request.decidedAt,
    decidedBy: request.decidedBy,
    consent: request.consentDate && request.consentReference !== null ? { date: request.consentDate, reference: request.consentReference } : null,
    refusalReason: request.refusalReason,
    transactionId: request.policyTransactionId,
  };
}

function sendIdempotent(reply: FastifyReply, result: { status: number; body: unknown; replayed: boolean }) {
  if (result.replayed) reply.header('idempotent-replayed', 'true');
  return reply.status(result.status).send(result.body);
}

export function registerStaffActionRoutes(app: TypedApp, deps: Deps, tags: { tags: string[]; security: Record<string, string[]>[] }) {
  app.post(
    '/api/v1/policies/:id/void',
    {
      schema: {
        ...tags,
        summary: 'Void a policy for misrepresentation, concealment or fraud (JPF-COND-5; underwriter, admin; Idempotency-Key supported)',
        description:
          'The policy is treated as never in force: open invoices are cancelled and the premium paid is refunded (decision 0007). ' +
          'A void policy answers 409 `policy_void` to any further change; a partly paid open invoice 409 `invoice_partially_paid`.',
        headers: idempotencyHeaders,
        params: policyParam,
        body: voidBody,
        response: { 201: voidSchema, ...problemResponses },
      },
    },
    async (request, reply) =>
      sendIdempotent(
        reply,
        await runIdempotent(deps, request, async (inner) => ({
          status: 201,
          body: voidJson(await voidPolicy(inner, request.actor, request.params.id, request.body, originOf(request))),
        })),
      ),
  );
  app.get(
    '/api/v1/policies/:id/reinstatement-preview',
    {
      schema: {
        ...tags,
        summary: 'What reinstating a cancelled policy would do, computed by the very function the reinstatement runs (underwriter, admin)',
        params: policyParam,
        response: { 200: reinstatementTermsSchema, ...problemResponses },
      },
    },
    async (request) => reinstatementTermsJson(await previewReinstatement(deps, request.actor, request.params.id)),
  );
  app.post(
    '/api/v1/policies/:id/reinstatement',
    {
      schema: {
        ...tags,
        summary: 'Reinstate a cancelled policy (underwriter, admin; Idempotency-Key supported): reverses the cancellation and its refund',
        description:
          'An unpaid refund is cancelled; a paid one is invoiced again. An in-force policy answers 409 `policy_not_cancelled`, ' +
          'a void or expired one 409 `policy_not_reinstatable`, after the period 422 `reinstatement_after_period`.',
        headers: idempotencyHeaders,
        params: policyParam,
        body: reinstateBody,
        response: { 201: reinstatedSchema, ...problemResponses },
      },
    },
    async (request, reply) =>
      sendIdempotent(
        reply,
        await runIdempotent(deps, request, async (inner) => ({
          status: 201,
          body: reinstatedJson(await reinstatePolicy(inner, request.actor, request.params.id, request.body, originOf(request))),
        })),
      ),
  );
  app.post(
    '/api/v1/policies/:id/assignment-requests',
    {
      schema: {
        ...tags,
        summary: 'Ask to assign a policy to another customer (JPF-COND-1): holder, their agent, or staff for them; nothing changes until approved',
        description:
          'An unknown address answers 422 `assignee_not_found`, a request already waiting 409 `assignment_already_requested`, a void policy 409 `policy_void`.',
        headers: idempotencyHeaders,
        params: policyParam,
        body: assignmentBody,
        response: { 201: assignmentSchema, ...problemResponses },
      },
    },
    async (request, reply) =>
      sendIdempotent(
        reply,
        await runIdempotent(deps, request, async (inner) => ({
          status: 201,
          body: assignmentJson(await requestAssignment(inner, request.actor, request.params.id, request.body, originOf(request))),
        })),
      ),
  );
  app.get(
    '/api/v1/policies/:id/assignment-requests',
    {
      schema: {
        ...tags,
        summary: 'The assignment requests of a policy, newest first',
        params: policyParam,
        response: { 200: z.object({ items: z.array(assignmentSchema) }), ...problemResponses },
      },
    },
    async (request) => ({ items: (await listPolicyAssignments(deps, request.actor, request.params.id)).map(assignmentJson) }),
  );
  app.post(
    '/api/v1/policies/:id/assignment-requests/:rid/decision',
    {
      schema: {
        ...tags,
        summary: 'Record the insurer’s decision on an assignment (JPF-COND-1; underwriter, admin): approve with the written consent, or refuse',
        description: 'Approval changes the holder by a policy transaction of kind `assignment` and mails both parties; refusal mails the holder.',
        params: requestParams,
        body: decisionBody,
        response: { 200: assignmentSchema, ...problemResponses },
      },
    },
    async (request) => assignmentJson(await decideAssignment(deps, request.actor, request.params.id, request.params.rid, request.body, originOf(request))),
  );
  app.get(
    '/api/v1/assignment-requests',
    {
      schema: {
        ...tags,
        summary: 'Assignment requests waiting for the insurer’s decision, oldest first (underwriter, admin)',
        response: { 200: z.object({ items: z.array(assignmentSchema) }), ...problemResponses },
      },
    },
    async (request) => ({ items: (await listAssignmentQueue(deps, request.actor)).map(assignmentJson) }),
  );
}
