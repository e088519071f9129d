import { z } from 'zod';
import type { Deps } from '../../../platform/deps.ts';
import type { HttpModule, TypedApp } from '../../../platform/http/app.ts';
import { originOf } from '../../../platform/http/origin.ts';
import { problemResponses } from '../../../platform/http/schemas.ts';
import { readClaimStatusAsPartner } from '../use-cases/read-claim-status-as-partner.ts';

const CLAIM_STATUSES = ['reported', 'needs_information', 'covered', 'denied', 'settled', 'closed', 'withdrawn'] as const;

/** A partner's view of a claim's status, with the customer's authorisation (DESIGN §5, PRV-DISC-3). */
export const claimPartnerApi: HttpModule = {
  name: 'claims-partner-api',
  register(app: TypedApp, deps: Deps) {
    app.get(
      '/api/v1/partner/claims/:claimNumber',
      {
        schema: {
          tags: ['Claims'],
          security: [{ bearerToken: [] }, { sessionCookie: [] }],
          summary: 'A claim’s status, for a partner the policyholder authorised (404 otherwise); each look is logged as a disclosure',
          // Any text: a number that is no claim's answers 404 like a claim the partner may not see.
          params: z.object({ claimNumber: z.string().min(1).max(40).describe('The claim number, e.g. CL-2027-000042') }).strict(),
          response: {
            200: z.object({
              claimNumber: z.string(),
              status: z.enum(CLAIM_STATUSES),
              reportedOn: z.iso.date(),
              lastChangedAt: z.string(),
            }),
            ...problemResponses,
          },
        },
      },
      async (request) => readClaimStatusAsPartner(deps, request.actor, request.params.claimNumber, originOf(request)),
    );
  },
};
