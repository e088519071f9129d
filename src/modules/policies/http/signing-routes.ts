import { z } from 'zod';
import type { Deps } from '../../../platform/deps.ts';
import type { TypedApp } from '../../../platform/http/app.ts';
import { originOf } from '../../../platform/http/origin.ts';
import { problemResponses } from '../../../platform/http/schemas.ts';
import type { SignableKind } from '../signing-invitation-repository.ts';
import { inviteToSign, type SentInvitation } from '../use-cases/invite-to-sign.ts';

/** Signing invitations (JPF-COND-9 removals, JPF-CANCEL-1 cancellations), registered from api-routes.ts. */

const requestParams = z.object({ id: z.uuid(), requestId: z.uuid() }).strict();
const invitationBody = z
  .object({
    namedInsured: z.string().trim().min(1).max(200).describe('The named insured who has not signed yet, as written on the request'),
    email: z.string().trim().min(3).max(254).describe('Where the one-time signing link is mailed'),
  })
  .strict();
const invitationSchema = z.object({
  id: z.uuid(),
  kind: z.enum(['endorsement', 'cancellation']),
  requestId: z.uuid(),
  namedInsured: z.string(),
  expiresAt: z.string().describe('The link works once, until this instant (14 days)'),
});

const PATHS: Record<SignableKind, string> = {
  endorsement: '/api/v1/policies/:id/endorsements/:requestId/invitations',
  cancellation: '/api/v1/policies/:id/cancellation-requests/:requestId/invitations',
};

function invitationJson(invitation: SentInvitation) {
  const { id, kind, requestId, namedInsured, expiresAt } = invitation;
  return { id, kind, requestId, namedInsured, expiresAt };
}

export function registerSigningRoutes(app: TypedApp, deps: Deps, tags: { tags: string[]; security: Record<string, string[]>[] }) {
  for (const kind of ['endorsement', 'cancellation'] as const) {
    app.post(
      PATHS[kind],
      {
        schema: {
          ...tags,
          summary: `Invite a named insured to sign a pending ${kind === 'endorsement' ? 'removal (JPF-COND-9)' : 'cancellation (JPF-CANCEL-1)'} by a mailed one-time link (holder, underwriter, admin)`,
          description:
            'Mails a link to `/sign/<token>` (in the holder’s language) that works once, for 14 days, for this request and this named insured; ' +
            'a newer invitation for the same name replaces an open one. Signing through it records a signature with method `emailed_link`, ' +
            'and the last missing signature executes the request. A name already signed answers 409 `already_signed`, a request no longer ' +
            'pending 409 `request_not_pending`, another customer’s policy 404.',
          params: requestParams,
          body: invitationBody,
          response: { 201: invitationSchema, ...problemResponses },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            invitationJson(
              await inviteToSign(
                deps,
                request.actor,
                { kind, policyId: request.params.id, requestId: request.params.requestId },
                request.body,
                originOf(request),
              ),
            ),
          ),
    );
  }
}
