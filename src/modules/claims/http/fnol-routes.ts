import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { Deps } from '../../../platform/deps.ts';
import type { HttpModule, TypedApp } from '../../../platform/http/app.ts';
import { runIdempotent } from '../../../platform/http/idempotency.ts';
import { originOf } from '../../../platform/http/origin.ts';
import { idempotencyHeaders, problemResponses, uuidParam } from '../../../platform/http/schemas.ts';
import { decodeCursor, type QueueFilter } from '../domain/claim-queue.ts';
import { assignClaim } from '../use-cases/assign-claim.ts';
import { firstNoticeErrors } from '../use-cases/first-notice-errors.ts';
import { getClaimDetail, listMyClaims, readClaimQueue } from '../use-cases/read-claims.ts';
import { reportClaim } from '../use-cases/report-claim.ts';
import { withdrawClaim } from '../use-cases/withdraw-claim.ts';
import {
  assignBody,
  claimDetailJson,
  claimDetailSchema,
  claimSummaryJson,
  claimSummarySchema,
  queueQuery,
  queueRowJson,
  queueRowSchema,
  reportClaimBody,
  withdrawBody,
} from './fnol-schemas.ts';

/**
 * JSON API of the first notice of loss, the claim reads and the adjuster's queue (issue #4). Routes validate, call
 * the use case and map its answer; the rules live in the use cases and domain/first-notice.ts.
 */
export const fnolApi: HttpModule = {
  name: 'claims-fnol-api',
  register(app: TypedApp, deps: Deps) {
    const security: Record<string, string[]>[] = [{ bearerToken: [] }, { sessionCookie: [] }];
    const claims = { tags: ['Claims'], security };

    app.post(
      '/api/v1/claims',
      {
        schema: {
          ...claims,
          summary: 'Report a loss (first notice): insured, agent, approved jeweler, staff taking a call (Idempotency-Key supported)',
          description:
            'Checked against the policy as of the loss date. Refusals, each 422 with the field: `loss_date_in_future`, `loss_date_outside_cover` ' +
            '(before the first day, after the last, after a cancellation, on a void policy), `item_not_on_policy`, `item_claimed_twice`, ' +
            '`reporter_not_insured` / `insured_name_not_insured` / `relation_not_allowed` (JPF-DEF-2), `protection_not_confirmed` (JPF-DUTY-1), ' +
            '`police_report_required` (JPF-DUTY-3: theft and other violations of law), `purchased_after_loss` / `purchased_outside_period` / ' +
            '`purchased_too_long_before_loss` / `item_already_scheduled` (JPF-ADD-2), `part_description_required`; `attachment_invalid` for a file ' +
            'that is missing, not the reporter’s or not a claim file. Another report of the same loss and item is 409 `duplicate_claim` naming it; ' +
            'an unknown policy number (or, for a jeweler, one without the insured named) is 404 `policy_not_found`. Nothing is written then. ' +
            'On success: the claim with its diary (JPF-DUTY-4 proof of loss due 90 days after the loss, JPF-SUIT-1 suit limitation), the ' +
            'notice date (JPF-DUTY-2) and an acknowledgement mail to the policyholder.',
          headers: idempotencyHeaders,
          body: reportClaimBody,
          response: { 201: claimDetailSchema, ...problemResponses },
        },
      },
      async (request, reply) =>
        sendIdempotent(
          reply,
          await runIdempotent(deps, request, async (inner) => ({
            status: 201,
            body: claimDetailJson(await reportClaim(inner, request.actor, request.body, originOf(request))),
          })),
        ),
    );
    app.get(
      '/api/v1/claims',
      {
        schema: {
          ...claims,
          summary: 'My claims: held, handled as the agent, reported or repaired as a jeweler, or reported by me; newest first',
          response: { 200: z.object({ items: z.array(claimSummarySchema) }), ...problemResponses },
        },
      },
      async (request) => ({ items: (await listMyClaims(deps, request.actor)).map(claimSummaryJson) }),
    );
    app.get(
      '/api/v1/claims/queue',
      {
        schema: {
          ...claims,
          summary: 'The adjuster’s queue: open claims oldest first, with filters and cursor pagination (claims:read_all)',
          description: 'Pass `nextCursor` as `cursor` for the next page; null when there is none. An invalid cursor is 400.',
          querystring: queueQuery,
          response: { 200: z.object({ items: z.array(queueRowSchema), nextCursor: z.string().nullable() }), ...problemResponses },
        },
      },
      async (request) => {
        const query = request.query;
        const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
        if (after === null) throw firstNoticeErrors.cursorInvalid();
        const filter: QueueFilter = {
          status: query.status,
          limit: query.limit,
          ...(query.adjuster && { adjuster: query.adjuster === 'me' || query.adjuster === 'unassigned' ? query.adjuster : { userId: query.adjuster } }),
          ...(query.lossKind && { lossKind: query.lossKind }),
          ...(query.overdue === 'true' && { overdue: true }),
          ...(query.reportedFrom && { reportedFrom: query.reportedFrom }),
          ...(query.reportedTo && { reportedTo: query.reportedTo }),
          ...(after && { after }),
        };
        const page = await readClaimQueue(deps, request.actor, filter);
        return { items: page.items.map(queueRowJson), nextCursor: page.nextCursor };
      },
    );
    app.get(
      '/api/v1/claims/:id',
      {
        schema: {
          ...claims,
          summary: 'A claim with its items, files and diary (the holder, the agent, the jeweler, the reporter, claims staff)',
          params: uuidParam,
          response: { 200: claimDetailSchema, ...problemResponses },
        },
      },
      async (request) => claimDetailJson(await getClaimDetail(deps, request.actor, request.params.id)),
    );
    app.post(
      '/api/v1/claims/:id/withdraw',
      {
        schema: {
          ...claims,
          summary: 'Withdraw a claim before it is decided (its reporter or policyholder); open deadlines are cancelled',
          description: 'Only while reported or waiting for information: otherwise 409 `claim_not_withdrawable`.',
          params: uuidParam,
          body: withdrawBody,
          response: { 200: claimDetailSchema, ...problemResponses },
        },
      },
      async (request) => claimDetailJson(await withdrawClaim(deps, request.actor, request.params.id, request.body, originOf(request))),
    );
    app.post(
      '/api/v1/claims/:id/assign',
      {
        schema: {
          ...claims,
          summary: 'Assign the claim to an adjuster (claims:handle); the target must be an active adjuster or admin',
          params: uuidParam,
          body: assignBody,
          response: { 200: claimDetailSchema, ...problemResponses },
        },
      },
      async (request) => claimDetailJson(await assignClaim(deps, request.actor, request.params.id, request.body, originOf(request))),
    );
  },
};

function sendIdempotent(reply: FastifyReply, result: { status: number; body: unknown; replayed: boolean }) {
  if (result.replayed) reply.header('idempotent-replayed', 'true');
  return reply.status(result.status).send(result.body);
}
