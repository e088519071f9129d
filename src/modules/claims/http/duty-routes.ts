import { z } from 'zod';
import type { Deps } from '../../../platform/deps.ts';
import type { HttpModule, TypedApp } from '../../../platform/http/app.ts';
import { originOf } from '../../../platform/http/origin.ts';
import { problemResponses } from '../../../platform/http/schemas.ts';
import { answerDutyRequest } from '../use-cases/answer-duty-request.ts';
import { fulfilDutyRequest } from '../use-cases/fulfil-duty-request.ts';
import { readClaimDuties, readDiary } from '../use-cases/read-duties.ts';
import { recordDuty } from '../use-cases/record-duty.ts';
import { requestDuty } from '../use-cases/request-duty.ts';
import { withdrawDutyRequest } from '../use-cases/withdraw-duty-request.ts';
import {
  answerBody,
  claimParam,
  diaryEntryJson,
  diaryQuery,
  diaryRowSchema,
  dutiesSchema,
  dutyRecordBody,
  dutyRecordJson,
  dutyRecordSchema,
  dutyRequestBody,
  dutyRequestJson,
  dutyRequestSchema,
  fulfilBody,
  requestParams,
  withdrawBody,
} from './duty-schemas.ts';

/**
 * JSON API of the claim's duties and deadlines (issue #4): duty requests and their fulfilment (JPF-DUTY-5,
 * JPF-DUTY-2), the insured's answer with documents, duty records (JPF-DUTY-6, JPF-DUTY-7), the claim's diary, and
 * the adjuster's diary across claims. Routes validate, call the use case and map its answer.
 */
export const claimDutiesApi: HttpModule = {
  name: 'claims-duties-api',
  register(app: TypedApp, deps: Deps) {
    const security: Record<string, string[]>[] = [{ bearerToken: [] }, { sessionCookie: [] }];
    const tags = { tags: ['Claims: duties and deadlines'], security };

    app.get(
      '/api/v1/claims/diary',
      {
        schema: {
          ...tags,
          summary: 'The adjuster’s diary: open deadlines across claims by due date (claims staff)',
          description:
            'Filters: `mine=true` (claims assigned to me), `overdue=true` (due before today in each claim’s time zone), `dueBefore`. ' +
            'Sorted by due date then id; `nextCursor` gives the next page.',
          querystring: diaryQuery,
          response: { 200: z.object({ items: z.array(diaryRowSchema), nextCursor: z.string().nullable() }), ...problemResponses },
        },
      },
      async (request) => {
        const page = await readDiary(deps, request.actor, request.query);
        return {
          items: page.items.map((row) => ({
            ...diaryEntryJson(row),
            claimNumber: row.claimNumber,
            claimStatus: row.claimStatus,
            adjusterUserId: row.adjusterUserId,
          })),
          nextCursor: page.nextCursor,
        };
      },
    );

    app.get(
      '/api/v1/claims/:id/duties',
      {
        schema: {
          ...tags,
          summary: 'The claim’s diary, duty requests and duty records (claims staff; the policyholder sees what is asked of them)',
          description: 'Each diary entry carries its clause and its state today (overdue, near: within 7 days). Anyone else gets 404.',
          params: claimParam,
          response: { 200: dutiesSchema, ...problemResponses },
        },
      },
      async (request) => {
        const duties = await readClaimDuties(deps, request.actor, request.params.id);
        return {
          claimId: duties.claim.id,
          claimNumber: duties.claim.claimNumber,
          today: duties.today.toString(),
          diary: duties.diary.map(diaryEntryJson),
          requests: duties.requests.map(dutyRequestJson),
          records: duties.records.map(dutyRecordJson),
        };
      },
    );

    app.post(
      '/api/v1/claims/:id/duty-requests',
      {
        schema: {
          ...tags,
          summary: 'Ask the insured for an examination under oath, to show the property, to produce records (JPF-DUTY-5) or to confirm in writing (JPF-DUTY-2)',
          description:
            'Adds the deadline to the claim’s diary (the insured’s move) and mails the policyholder. A due date before today, an examination ' +
            'without its date and place, or a request for records that does not name them is 422 `duty_request_invalid`; a finished claim 409 ' +
            '`claim_closed`. Nothing is written then.',
          params: claimParam,
          body: dutyRequestBody,
          response: { 201: dutyRequestSchema, ...problemResponses },
        },
      },
      async (request, reply) =>
        reply.status(201).send(dutyRequestJson(await requestDuty(deps, request.actor, request.params.id, request.body, originOf(request)))),
    );

    app.post(
      '/api/v1/claims/:id/duty-requests/:requestId/fulfil',
      {
        schema: {
          ...tags,
          summary: 'Record that a requested duty was done (claims handlers): closes its diary entry',
          description: 'A date before the request or after today is 422 `fulfilment_invalid`; a fulfilled request 409 `duty_request_closed`.',
          params: requestParams,
          body: fulfilBody,
          response: { 200: dutyRequestSchema, ...problemResponses },
        },
      },
      async (request) =>
        dutyRequestJson(await fulfilDutyRequest(deps, request.actor, request.params.id, request.params.requestId, request.body, originOf(request))),
    );

    app.post(
      '/api/v1/claims/:id/duty-requests/:requestId/withdraw',
      {
        schema: {
          ...tags,
          summary: 'Withdraw a duty request that no longer applies (claims handlers, JPF-DUTY-5): its diary entry is cancelled',
          description:
            'The insured is mailed that it is no longer needed; the reason stays in the audit trail. A request the insured has answered is 409 ' +
            '`duty_request_answered` (record it as done instead); a fulfilled or withdrawn one 409 `duty_request_closed`; a finished claim 409 ' +
            '`claim_closed`. Nothing is written then.',
          params: requestParams,
          body: withdrawBody,
          response: { 200: dutyRequestSchema, ...problemResponses },
        },
      },
      async (request) =>
        dutyRequestJson(await withdrawDutyRequest(deps, request.actor, request.params.id, request.params.requestId, request.body, originOf(request))),
    );

    app.post(
      '/api/v1/claims/:id/duty-requests/:requestId/answer',
      {
        schema: {
          ...tags,
          summary: 'The policyholder answers a request for records or for written confirmation with uploaded documents (purpose claim_document)',
          description:
            'The files are linked to the claim and the diary entry closes. Records need at least one file (422 `answer_needs_files`); a ' +
            'confirmation a file or a note (422 `answer_empty`); a file that is not the holder’s, not a claim document or already used is 422 ' +
            '`attachment_invalid`. Examinations and inspections are recorded by the adjuster (409 `duty_request_not_answerable`); a second answer ' +
            'is 409 `duty_request_answered`.',
          params: requestParams,
          body: answerBody,
          response: { 200: dutyRequestSchema, ...problemResponses },
        },
      },
      async (request) =>
        dutyRequestJson(await answerDutyRequest(deps, request.actor, request.params.id, request.params.requestId, request.body, originOf(request))),
    );

    app.post(
      '/api/v1/claims/:id/duty-records',
      {
        schema: {
          ...tags,
          summary: 'Record a cooperation issue (JPF-DUTY-6) or an offer to abandon the property with the insurer’s decision (JPF-DUTY-7)',
          description:
            'An abandonment offer is refused unless `decision` is `consented` with the `consentReference` of the insurer’s written consent; ' +
            'anything that does not hold together is 422 `duty_record_invalid`.',
          params: claimParam,
          body: dutyRecordBody,
          response: { 201: dutyRecordSchema, ...problemResponses },
        },
      },
      async (request, reply) =>
        reply.status(201).send(dutyRecordJson(await recordDuty(deps, request.actor, request.params.id, request.body, originOf(request)))),
    );
  },
};
