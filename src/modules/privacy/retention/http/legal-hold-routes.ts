import { z } from 'zod';
import type { Deps } from '../../../../platform/deps.ts';
import type { HttpModule, TypedApp } from '../../../../platform/http/app.ts';
import { originOf } from '../../../../platform/http/origin.ts';
import { problemResponses, uuidParam } from '../../../../platform/http/schemas.ts';
import { registerRegisterPages } from '../../register/http/register-pages.tsx';
import { privacyRegisterApi } from '../../register/http/register-routes.ts';
import type { LegalHold, LegalHoldListItem } from '../legal-hold-repository.ts';
import { placeLegalHold } from '../use-cases/place-legal-hold.ts';
import { getHold, listHolds } from '../use-cases/read-legal-holds.ts';
import { releaseLegalHold } from '../use-cases/release-legal-hold.ts';
import { registerLegalHoldPages } from './legal-hold-pages.tsx';

const reason = z.string().trim().min(1).max(2000);

export const placeLegalHoldBody = z
  .object({
    subjectType: z.enum(['app_user', 'policy']).describe('A person (app_user) or a policy'),
    subject: z.string().trim().min(1).max(254).describe('The person by id or email, the policy by id or policy number'),
    reason: reason.describe('Why the data must be kept (the case, inquiry or investigation)'),
  })
  .strict();
export const releaseLegalHoldBody = z.object({ reason: reason.describe('Why the hold ends') }).strict();

const legalHoldSchema = z.object({
  id: z.uuid(),
  subjectType: z.enum(['app_user', 'policy']),
  subjectId: z.uuid(),
  subjectLabel: z.string().nullable().optional(),
  reason: z.string(),
  placedBy: z.uuid(),
  placedAt: z.string(),
  released: z.object({ by: z.uuid(), at: z.string(), reason: z.string() }).nullable(),
});

function holdJson(hold: LegalHold | LegalHoldListItem) {
  return hold;
}

/** JSON API of legal holds (PRV-RET-1): list and read (privacy:read), place and release (privacy:manage). */
export const legalHoldsApi: HttpModule = {
  name: 'privacy-legal-holds-api',
  register(app: TypedApp, deps: Deps) {
    const security: Record<string, string[]>[] = [{ bearerToken: [] }, { sessionCookie: [] }];
    const tags = ['Privacy'];
    app.get(
      '/api/v1/privacy/legal-holds',
      {
        schema: {
          tags,
          security,
          summary: 'Legal holds, newest first (privacy:read)',
          querystring: z.object({ active: z.enum(['true', 'false']).optional() }).strict(),
          response: { 200: z.object({ items: z.array(legalHoldSchema) }), ...problemResponses },
        },
      },
      async (request) => ({ items: (await listHolds(deps, request.actor, { active: request.query.active === 'true' })).map(holdJson) }),
    );
    app.get(
      '/api/v1/privacy/legal-holds/:id',
      { schema: { tags, security, summary: 'One legal hold (privacy:read)', params: uuidParam, response: { 200: legalHoldSchema, ...problemResponses } } },
      async (request) => holdJson(await getHold(deps, request.actor, request.params.id)),
    );
    app.post(
      '/api/v1/privacy/legal-holds',
      {
        schema: {
          tags,
          security,
          summary: 'Place a legal hold on a person or a policy (privacy:manage)',
          description:
            'While the hold is active the retention purge and erasure leave the data of the person or policy alone. An unknown person or policy answers 422 `legal_hold_subject_not_found` and nothing is written.',
          body: placeLegalHoldBody,
          response: { 201: legalHoldSchema, ...problemResponses },
        },
      },
      async (request, reply) => reply.status(201).send(holdJson(await placeLegalHold(deps, request.actor, request.body, originOf(request)))),
    );
    app.post(
      '/api/v1/privacy/legal-holds/:id/release',
      {
        schema: {
          tags,
          security,
          summary: 'Release a legal hold with a reason (privacy:manage)',
          description: 'A hold already released answers 409 `legal_hold_already_released`; nothing changes and the attempt is audited.',
          params: uuidParam,
          body: releaseLegalHoldBody,
          response: { 200: legalHoldSchema, ...problemResponses },
        },
      },
      async (request) => holdJson(await releaseLegalHold(deps, request.actor, request.params.id, request.body, originOf(request))),
    );
  },
};

/** Everything of the register of processing and retention over HTTP, as one module for HTTP_MODULES. */
export const privacyRetentionHttp: HttpModule = {
  name: 'privacy-retention',
  async register(app: TypedApp, deps: Deps) {
    await privacyRegisterApi.register(app, deps);
    await legalHoldsApi.register(app, deps);
    registerRegisterPages(app, deps);
    registerLegalHoldPages(app, deps);
  },
};
