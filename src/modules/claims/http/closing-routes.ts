import { z } from 'zod';
import type { Deps } from '../../../platform/deps.ts';
import type { HttpModule, TypedApp } from '../../../platform/http/app.ts';
import { originOf } from '../../../platform/http/origin.ts';
import { problemResponses } from '../../../platform/http/schemas.ts';
import { closeClaim } from '../use-cases/close-claim.ts';

/** Closing a decided claim (issue #4): adjusters, with a note; the suit limitation stays in the diary (JPF-SUIT-1). */
export const claimClosingApi: HttpModule = {
  name: 'claims-closing-api',
  register(app: TypedApp, deps: Deps) {
    app.post(
      '/api/v1/claims/:id/close',
      {
        schema: {
          tags: ['Claims'],
          security: [{ bearerToken: [] }, { sessionCookie: [] }],
          summary: 'Close a settled or denied claim (claims:handle); its open deadlines end except the suit limitation',
          description:
            'Any other status answers 409 `claim_not_closable`; a payment waiting for approval 409 `payment_awaiting_approval`; ' +
            'an open appraisal dispute 409 `appraisal_open`. Nothing changes then.',
          params: z.object({ id: z.uuid() }).strict(),
          body: z.object({ note: z.string().trim().min(3).max(1000).describe('Why the claim is closed') }).strict(),
          response: {
            200: z.object({ claimId: z.uuid(), claimNumber: z.string(), previousStatus: z.string(), cancelledDiaryEntries: z.number().int() }),
            ...problemResponses,
          },
        },
      },
      async (request) => closeClaim(deps, request.actor, request.params.id, request.body, originOf(request)),
    );
  },
};
