import type { Deps } from '../../../platform/deps.ts';
import type { HttpModule, TypedApp } from '../../../platform/http/app.ts';
import { originOf } from '../../../platform/http/origin.ts';
import { problemResponses } from '../../../platform/http/schemas.ts';
import { agreeWorksheet } from '../use-cases/agree-worksheet.ts';
import { decideProofOfLoss } from '../use-cases/decide-proof-of-loss.ts';
import { makeWorksheet } from '../use-cases/make-worksheet.ts';
import { readProofOfLoss, readWorksheets } from '../use-cases/read-settlement.ts';
import { requestSwornProof } from '../use-cases/request-sworn-proof.ts';
import { submitProofOfLoss } from '../use-cases/submit-proof-of-loss.ts';
import {
  acceptBody,
  agreementBody,
  agreementResponse,
  claimParam,
  oathRequestBody,
  oathRequestResponse,
  proofDecisionResponse,
  proofJson,
  proofListJson,
  proofListResponse,
  proofOfLossBody,
  proofParam,
  proofResponse,
  rejectionBody,
  worksheetBody,
  worksheetJson,
  worksheetListJson,
  worksheetListResponse,
  worksheetResponse,
} from './settlement-api-schemas.ts';

const tags: { tags: string[]; security: Record<string, string[]>[] } = { tags: ['Claims'], security: [{ bearerToken: [] }, { sessionCookie: [] }] };

/**
 * The proof of loss (JPF-DUTY-4) and the settlement worksheet (JPF-SETTLE-1..9, JPF-ADD-2) over the API. Routes
 * validate and map; the use cases decide. A claim out of reach answers 404.
 */
export const settlementApi: HttpModule = {
  name: 'claims-settlement-api',
  register(app: TypedApp, deps: Deps) {
    app.get(
      '/api/v1/claims/:id/proof-of-loss',
      {
        schema: {
          ...tags,
          summary: 'The claim’s proof of loss, every submission (JPF-DUTY-4; the policyholder, their agent, claims staff)',
          params: claimParam,
          response: { 200: proofListResponse, ...problemResponses },
        },
      },
      async (request) => proofListJson(await readProofOfLoss(deps, request.actor, request.params.id)),
    );

    app.post(
      '/api/v1/claims/:id/proof-of-loss',
      {
        schema: {
          ...tags,
          summary: 'Sign and send the proof of loss (JPF-DUTY-4 a–e; the policyholder)',
          description:
            'Every part a–e is required (an empty list says "none"); one inventory line per claimed item; the bills and receipts attached ' +
            '(files uploaded with purpose receipt or claim_document, the insured’s own). Sworn when the adjuster asked for it. Refusals: ' +
            '422 `proof_of_loss_invalid` (field errors) or `attachment_invalid`, 409 `proof_of_loss_pending` / `proof_of_loss_accepted` / ' +
            '`claim_not_open`, 403 `holder_only`. Signing closes the proof-of-loss deadline in the claim’s diary.',
          params: claimParam,
          body: proofOfLossBody,
          response: { 201: proofResponse, ...problemResponses },
        },
      },
      async (request, reply) =>
        reply.status(201).send(proofJson(await submitProofOfLoss(deps, request.actor, request.params.id, request.body, originOf(request)))),
    );

    app.post(
      '/api/v1/claims/:id/proof-of-loss/oath-request',
      {
        schema: {
          ...tags,
          summary: 'Ask for the proof of loss under oath (JPF-DUTY-4 "under oath if requested"; adjusters)',
          params: claimParam,
          body: oathRequestBody,
          response: { 201: oathRequestResponse, ...problemResponses },
        },
      },
      async (request, reply) => {
        const requested = await requestSwornProof(deps, request.actor, request.params.id, request.body.note ?? null, originOf(request));
        return reply.status(201).send({ claimId: requested.claimId, requestedAt: requested.requestedAt, note: requested.note });
      },
    );

    app.post(
      '/api/v1/claims/:id/proof-of-loss/:proofId/accept',
      {
        schema: {
          ...tags,
          summary: 'Accept the proof of loss as satisfactory (adjusters); with the amount agreed it starts the 30 days of JPF-SETTLE-9',
          params: proofParam,
          body: acceptBody,
          response: { 200: proofDecisionResponse, ...problemResponses },
        },
      },
      async (request) => decideProofOfLoss(deps, request.actor, request.params.id, request.params.proofId, { decision: 'accept' }, originOf(request)),
    );

    app.post(
      '/api/v1/claims/:id/proof-of-loss/:proofId/reject',
      {
        schema: {
          ...tags,
          summary: 'Reject the proof of loss with the reason the insured sees (adjusters); they may send a new one',
          params: proofParam,
          body: rejectionBody,
          response: { 200: proofDecisionResponse, ...problemResponses },
        },
      },
      async (request) =>
        decideProofOfLoss(
          deps,
          request.actor,
          request.params.id,
          request.params.proofId,
          { decision: 'reject', reason: request.body.reason },
          originOf(request),
        ),
    );

    app.get(
      '/api/v1/claims/:id/worksheet',
      {
        schema: {
          ...tags,
          summary: 'The claim’s settlement worksheet: the current version and every earlier one (the policyholder, their agent, claims staff)',
          params: claimParam,
          response: { 200: worksheetListResponse, ...problemResponses },
        },
      },
      async (request) => worksheetListJson(await readWorksheets(deps, request.actor, request.params.id)),
    );

    app.post(
      '/api/v1/claims/:id/worksheet',
      {
        schema: {
          ...tags,
          summary: 'Make a new version of the settlement worksheet (JPF-SETTLE-1..8, JPF-ADD-2; adjusters)',
          description:
            'Per claimed item: the smallest of the candidates (cost to repair/replace, or the actual cash value for cash; the insured’s ' +
            'interest; the coverage amount; a part’s value), a pair or set’s share, other insurance’s proportion, minus paid by others and ' +
            'salvage kept, the new-purchase cap, then the deductible once per claim (decision 0016). Refusals: 422 `worksheet_invalid`, ' +
            '`worksheet_line_missing` / `_unknown` / `_duplicate`, `worksheet_reason_required`; 409 `claim_not_open` (denied, withdrawn, closed).',
          params: claimParam,
          body: worksheetBody,
          response: { 201: worksheetResponse, ...problemResponses },
        },
      },
      async (request, reply) =>
        reply.status(201).send(worksheetJson(await makeWorksheet(deps, request.actor, request.params.id, request.body, originOf(request)))),
    );

    app.post(
      '/api/v1/claims/:id/worksheet/agreement',
      {
        schema: {
          ...tags,
          summary: 'Agree in writing to the worksheet’s amount (JPF-SETTLE-9; the policyholder)',
          description: 'Names the version shown (409 `worksheet_changed` when a newer one exists, `worksheet_already_agreed` when agreed).',
          params: claimParam,
          body: agreementBody,
          response: { 200: agreementResponse, ...problemResponses },
        },
      },
      async (request) => {
        const agreed = await agreeWorksheet(
          deps,
          request.actor,
          request.params.id,
          { version: request.body.version, fullName: request.body.fullName },
          originOf(request),
        );
        return { worksheet: worksheetJson(agreed.worksheet), settlementDueOn: agreed.settlementDueOn };
      },
    );
  },
};
