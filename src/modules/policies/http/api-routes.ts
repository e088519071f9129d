import type { FastifyReply } from 'fastify';
import { Temporal } from 'temporal-polyfill';
import { z } from 'zod';
import type { Deps } from '../../../platform/deps.ts';
import type { HttpModule, TypedApp } from '../../../platform/http/app.ts';
import { runIdempotent } from '../../../platform/http/idempotency.ts';
import { originOf } from '../../../platform/http/origin.ts';
import { idempotencyHeaders, problemResponses, uuidParam } from '../../../platform/http/schemas.ts';
import { coverChangeInstant, inclusiveDays } from '../domain/policy-period.ts';
import type { Application, Policy } from '../policies-repository.ts';
import { bindPolicy } from '../use-cases/bind-policy.ts';
import { decideReferral } from '../use-cases/decide-referral.ts';
import { quoteApplication } from '../use-cases/quote-application.ts';
import { getApplication, getPolicy, listMyPolicies, listReferrals, type PolicyDetail } from '../use-cases/read-policies.ts';
import { applicationBody, applicationSchema, bindBody, decisionBody, policyDetailSchema, policySummarySchema } from './api-schemas.ts';
import { registerCancellationRoutes } from './cancellation-routes.ts';
import { registerEndorsementRoutes } from './endorsement-routes.ts';
import { registerNewPurchaseRoutes } from './new-purchase-routes.ts';
import { registerRateImpactRoutes } from './rate-impact-routes.ts';
import { registerRenewalRoutes } from './renewal-routes.ts';
import { registerSearchRoutes } from './search-routes.ts';
import { registerSigningRoutes } from './signing-routes.ts';
import { registerStaffActionRoutes } from './staff-action-routes.ts';
import { registerTransactionRoutes } from './transaction-routes.ts';

/** JSON API of the policies module (issue #3, "Quote, apply, underwrite, bind"). */
export const policiesApi: HttpModule = {
  name: 'policies-api',
  register(app: TypedApp, deps: Deps) {
    const security: Record<string, string[]>[] = [{ bearerToken: [] }, { sessionCookie: [] }];
    const policies = { tags: ['Applications and policies'], security };

    app.post(
      '/api/v1/applications',
      {
        schema: {
          ...policies,
          summary: 'Apply: the application is rated and underwritten at once (customer for self, agent for a client; Idempotency-Key supported)',
          description:
            'Answers the application with its rating worksheet and premium, `approved` (automatically) or `referred` to an underwriter. ' +
            'Problems with the application answer 422 `application_invalid`, items that cannot be rated 422 `not_ratable`; nothing is saved.',
          headers: idempotencyHeaders,
          body: applicationBody,
          response: { 201: applicationSchema, ...problemResponses },
        },
      },
      async (request, reply) =>
        sendIdempotent(
          reply,
          await runIdempotent(deps, request, async (inner) => ({
            status: 201,
            body: applicationJson(await quoteApplication(inner, request.actor, request.body, originOf(request))),
          })),
        ),
    );
    app.get(
      '/api/v1/applications/:id',
      {
        schema: {
          ...policies,
          summary: 'An application with its worksheet, underwriting decision and evidence',
          params: uuidParam,
          response: { 200: applicationSchema, ...problemResponses },
        },
      },
      async (request) => applicationJson(await getApplication(deps, request.actor, request.params.id)),
    );
    app.get(
      '/api/v1/referrals',
      {
        schema: {
          ...policies,
          summary: 'The underwriter’s queue: referred applications, oldest first (underwriter, admin)',
          response: { 200: z.object({ items: z.array(applicationSchema) }), ...problemResponses },
        },
      },
      async (request) => ({ items: (await listReferrals(deps, request.actor)).map(applicationJson) }),
    );
    app.post(
      '/api/v1/applications/:id/decision',
      {
        schema: {
          ...policies,
          summary: 'Approve or decline a referred application with a reason (underwriter, admin)',
          params: uuidParam,
          body: decisionBody,
          response: { 200: applicationSchema, ...problemResponses },
        },
      },
      async (request) => applicationJson(await decideReferral(deps, request.actor, request.params.id, request.body, originOf(request))),
    );
    app.post(
      '/api/v1/applications/:id/bind',
      {
        schema: {
          ...policies,
          summary: 'Bind an approved application: issue the policy (Idempotency-Key supported)',
          description: 'A retry with the same Idempotency-Key answers the same policy; binding an application again without it is 409.',
          headers: idempotencyHeaders,
          params: uuidParam,
          body: bindBody,
          response: { 201: policyDetailSchema, ...problemResponses },
        },
      },
      async (request, reply) =>
        sendIdempotent(
          reply,
          await runIdempotent(deps, request, async (inner) => {
            // bindPolicy answers the policy as getPolicy would read it back (performance: no second read).
            return { status: 201, body: policyDetailJson(await bindPolicy(inner, request.actor, request.params.id, request.body, originOf(request))) };
          }),
        ),
    );
    app.get(
      '/api/v1/policies',
      {
        schema: {
          ...policies,
          summary: 'My policies: held, or sold as the agent',
          response: { 200: z.object({ items: z.array(policySummarySchema) }), ...problemResponses },
        },
      },
      async (request) => ({ items: (await listMyPolicies(deps, request.actor)).map(policySummaryJson) }),
    );
    app.get(
      '/api/v1/policies/:id',
      {
        schema: {
          ...policies,
          summary: 'A policy with its period, premium and schedule',
          params: uuidParam,
          response: { 200: policyDetailSchema, ...problemResponses },
        },
      },
      async (request) => policyDetailJson(await getPolicy(deps, request.actor, request.params.id)),
    );
    registerCancellationRoutes(app, deps, policies);
    registerSigningRoutes(app, deps, policies);
    registerTransactionRoutes(app, deps, policies);
    registerSearchRoutes(app, deps, policies);
    registerNewPurchaseRoutes(app, deps, policies);
    registerRenewalRoutes(app, deps, policies);
    registerStaffActionRoutes(app, deps, policies);
    registerEndorsementRoutes(app, deps, policies);
    registerRateImpactRoutes(app, deps, { tags: ['Products and rating'], security });
  },
};

function applicationJson(application: Application) {
  return {
    id: application.id,
    status: application.status,
    applicantUserId: application.applicantUserId,
    agentUserId: application.agentUserId,
    product: application.worksheet.product,
    namedInsureds: application.namedInsureds,
    otherInsureds: application.otherInsureds,
    mailingAddress: application.mailingAddress,
    timeZone: application.timeZone,
    deductible: application.deductible.toJSON(),
    lossPayee: application.lossPayee,
    items: application.items.map((item) => ({ ...item, coverageAmount: { amount: item.coverageAmount, currency: application.premium.currency } })),
    premium: application.premium.toJSON(),
    worksheet: application.worksheet,
    referralReasons: application.referralReasons,
    decision: application.decision,
    evidence: { ipAddress: application.submittedIp, submittedAt: application.submittedAt, userAgent: application.userAgent },
  };
}

function policySummaryJson(policy: Policy) {
  const firstDay = Temporal.PlainDate.from(policy.firstDay);
  const lastDay = Temporal.PlainDate.from(policy.lastDay);
  return {
    id: policy.id,
    policyNumber: policy.policyNumber,
    applicationId: policy.applicationId,
    holderUserId: policy.holderUserId,
    agentUserId: policy.agentUserId,
    status: policy.status,
    period: {
      firstDay: policy.firstDay,
      lastDay: policy.lastDay,
      days: inclusiveDays(firstDay, lastDay),
      timeZone: policy.timeZone,
      coverStartsAt: coverChangeInstant(firstDay, policy.timeZone).toString(),
      coverEndsAt: coverChangeInstant(lastDay.add({ days: 1 }), policy.timeZone).toString(),
    },
    premium: policy.premium.toJSON(),
    issuedAt: policy.issuedAt,
  };
}

function policyDetailJson(detail: PolicyDetail) {
  const { application } = detail;
  return {
    ...policySummaryJson(detail),
    product: application.worksheet.product,
    namedInsureds: application.namedInsureds,
    otherInsureds: application.otherInsureds,
    mailingAddress: application.mailingAddress,
    deductible: application.deductible.toJSON(),
    lossPayee: application.lossPayee,
    schedule: detail.schedule.map((item) => ({ ...item, coverageAmount: item.coverageAmount.toJSON() })),
  };
}

function sendIdempotent(reply: FastifyReply, result: { status: number; body: unknown; replayed: boolean }) {
  if (result.replayed) reply.header('idempotent-replayed', 'true');
  return reply.status(result.status).send(result.body);
}
