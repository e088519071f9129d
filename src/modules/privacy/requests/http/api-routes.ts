import { z } from 'zod';
import { can } from '../../../../platform/auth/access.ts';
import type { Actor } from '../../../../platform/auth/actor.ts';
import type { Deps } from '../../../../platform/deps.ts';
import type { HttpModule, TypedApp } from '../../../../platform/http/app.ts';
import { originOf } from '../../../../platform/http/origin.ts';
import { problemResponses, uuidParam } from '../../../../platform/http/schemas.ts';
import type { RequestOrigin } from '../../../../platform/request-origin.ts';
import { supervisoryAuthority } from '../domain/jurisdictions.ts';
import type { PrivacyRequest } from '../privacy-requests-repository.ts';
import { completeRequest } from '../use-cases/complete-request.ts';
import { enterStaffRequest } from '../use-cases/enter-staff-request.ts';
import { extendRequest } from '../use-cases/extend-request.ts';
import { getRequest, listMyRequests, listRequestQueue, withDeadline } from '../use-cases/read-requests.ts';
import { recordReview } from '../use-cases/record-review.ts';
import { rejectRequest } from '../use-cases/reject-request.ts';
import { requestReference } from '../use-cases/request-support.ts';
import { submitPortalRequest } from '../use-cases/submit-portal-request.ts';
import { submitPublicRequest } from '../use-cases/submit-public-request.ts';
import { verifyRequestByDocuments } from '../use-cases/verify-request.ts';
import { verifyRequestCode } from '../use-cases/verify-request-code.ts';
import {
  codeBody,
  completeBody,
  createBody,
  publicBody,
  publicReceiptSchema,
  reasonBody,
  requestJson,
  requestSchema,
  reviewBody,
  reviewTaskJson,
  reviewTaskSchema,
  timelineJson,
  timelineSchema,
  verifyBody,
} from './api-schemas.ts';

/**
 * JSON API of privacy requests (issue #5; PRV-RIGHT-1..13, PRV-CONTACT-1) under /api/v1/privacy. Routes
 * validate, call the use case, and map; the rules live in the use cases.
 */
export const privacyRequestsApi: HttpModule = {
  name: 'privacy-requests-api',
  register(app: TypedApp, deps: Deps) {
    const tags = { tags: ['Privacy requests'], security: [{ bearerToken: [] }, { sessionCookie: [] }] as Record<string, string[]>[] };
    const publicTags = { tags: ['Privacy requests'] };

    app.get(
      '/api/v1/privacy/requests',
      {
        schema: {
          ...tags,
          summary: 'Privacy staff: the queue of open requests by deadline (overdue, due within 7 days) and open reviews; a customer: their own requests',
          response: {
            200: z.object({ items: z.array(requestSchema), closed: z.array(requestSchema), reviewTasks: z.array(reviewTaskSchema) }),
            ...problemResponses,
          },
        },
      },
      async (request) => {
        if (can(request.actor, 'privacy:read')) {
          const queue = await listRequestQueue(deps, request.actor);
          return { items: queue.open.map(requestJson), closed: queue.closed.map(requestJson), reviewTasks: queue.reviewTasks.map(reviewTaskJson) };
        }
        return { items: (await listMyRequests(deps, request.actor)).map(requestJson), closed: [], reviewTasks: [] };
      },
    );

    app.post(
      '/api/v1/privacy/requests',
      {
        schema: {
          ...tags,
          summary:
            'Make a privacy request: a customer for themselves (verified by the session), or privacy staff for a request received by email, phone or mail (PRV-CONTACT-1)',
          description:
            'An unknown type answers 422 `privacy_request_type_unknown` and nothing is written. Staff entries wait for verification by documents (PRV-RIGHT-10).',
          body: createBody,
          response: { 201: requestSchema, ...problemResponses },
        },
      },
      async (request, reply) => {
        const body = request.body;
        const created = can(request.actor, 'privacy:manage')
          ? await enterStaffRequest(deps, request.actor, { ...body, channel: body.channel ?? 'email' }, originOf(request))
          : await submitPortalRequest(deps, request.actor, body, originOf(request));
        return reply.status(201).send(requestJson(withDeadline(deps, created)));
      },
    );

    app.get(
      '/api/v1/privacy/requests/:id',
      {
        schema: {
          ...tags,
          summary: 'A request with its timeline from the audit chain (PRV-RIGHT-12); a customer reaches only their own (404 otherwise)',
          params: uuidParam,
          response: { 200: z.object({ request: requestSchema, timeline: timelineSchema }), ...problemResponses },
        },
      },
      async (request) => {
        const found = await getRequest(deps, request.actor, request.params.id);
        return { request: requestJson(found.request), timeline: timelineJson(found.timeline) };
      },
    );

    const action = (
      path: string,
      summary: string,
      description: string,
      body: z.ZodType,
      run: (actor: Actor, id: string, body: never, origin: RequestOrigin) => Promise<PrivacyRequest>,
    ) =>
      app.post(
        `/api/v1/privacy/requests/:id/${path}`,
        { schema: { ...tags, summary, description, params: uuidParam, body, response: { 200: requestSchema, ...problemResponses } } },
        async (request) => {
          // The changed request as the use case returns it: answering reads nothing more (and audits no extra read).
          return requestJson(withDeadline(deps, await run(request.actor, request.params.id, request.body as never, originOf(request))));
        },
      );

    action(
      'verify',
      'Verify the person’s identity by documents (PRV-RIGHT-10; privacy:manage)',
      'For a request by an authorised agent `authorisationChecked: true` is required (422 `authorisation_not_checked`). A verified request answers 409 `privacy_request_already_verified`.',
      verifyBody,
      (actor, id, body: z.output<typeof verifyBody>, origin) => verifyRequestByDocuments(deps, actor, id, body, origin),
    );
    action(
      'extend',
      'Extend the deadline once, with a reason sent to the person in writing (PRV-RIGHT-11; privacy:manage)',
      'A second extension answers 409 `privacy_request_already_extended`, one on or after the first deadline 409 `privacy_request_deadline_passed`; nothing changes.',
      reasonBody,
      (actor, id, body: z.output<typeof reasonBody>, origin) => extendRequest(deps, actor, id, body, origin),
    );
    action(
      'complete',
      'Complete a verified request: its executor runs and the person is told, with the supervisory authority (privacy:manage)',
      'Before verification 409 `privacy_request_not_verified`; a closed request 409 `privacy_request_closed`.',
      completeBody,
      (actor, id, _body: z.output<typeof completeBody>, origin) => completeRequest(deps, actor, id, origin),
    );
    action(
      'reject',
      'Reject a request with a reason, told to the person with the supervisory authority (privacy:manage)',
      'A closed request answers 409 `privacy_request_closed`.',
      reasonBody,
      (actor, id, body: z.output<typeof reasonBody>, origin) => rejectRequest(deps, actor, id, body, origin),
    );

    app.post(
      '/api/v1/privacy/review-tasks/:id/review',
      {
        schema: {
          ...tags,
          summary: 'Record a person’s review of an automated decision (PRV-RIGHT-6; privacy:manage)',
          params: uuidParam,
          body: reviewBody,
          response: { 204: z.null(), ...problemResponses },
        },
      },
      async (request, reply) => {
        await recordReview(deps, request.actor, request.params.id, request.body, originOf(request));
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/api/v1/privacy/public-requests',
      {
        schema: {
          ...publicTags,
          summary: 'Make a privacy request without an account: a one-time code is mailed to the address given (PRV-RIGHT-10)',
          description: 'Rate-limited per address and per email (429). Nothing is acted on before the code is entered.',
          body: publicBody,
          response: { 201: publicReceiptSchema, ...problemResponses },
        },
      },
      async (request, reply) => {
        const created = await submitPublicRequest(deps, request.actor, request.body, originOf(request));
        return reply.status(201).send(receipt(created));
      },
    );

    app.post(
      '/api/v1/privacy/public-requests/:id/verification',
      {
        schema: {
          ...publicTags,
          summary: 'Enter the one-time code of a request made without an account (PRV-RIGHT-10)',
          description:
            'Wrong 422 `verification_code_wrong` (5 attempts), expired 422 `verification_code_expired`, used 409 `verification_code_used`, too many 422 `verification_code_locked`; every attempt is audited.',
          params: uuidParam,
          body: codeBody,
          response: { 200: publicReceiptSchema, ...problemResponses },
        },
      },
      async (request) => receipt(await verifyRequestCode(deps, request.actor, request.params.id, request.body.code, originOf(request))),
    );
  },
};

function receipt(request: PrivacyRequest) {
  return {
    id: request.id,
    reference: requestReference(request.id),
    status: request.status,
    dueOn: request.extendedDueOn ?? request.dueOn,
    supervisoryAuthority: supervisoryAuthority(request.jurisdiction),
  };
}
