import { z } from 'zod';
import type { Deps } from '../../../platform/deps.ts';
import type { TypedApp } from '../../../platform/http/app.ts';
import { originOf } from '../../../platform/http/origin.ts';
import { problemResponses } from '../../../platform/http/schemas.ts';
import { demandAppraisal } from '../use-cases/demand-appraisal.ts';
import { nameAppraiser } from '../use-cases/name-appraiser.ts';
import { readAppraisals } from '../use-cases/read-appraisals.ts';
import { readRecovery } from '../use-cases/read-recovery.ts';
import { recordAward } from '../use-cases/record-award.ts';
import { recordImpairment } from '../use-cases/record-impairment.ts';
import { recordRecovery } from '../use-cases/record-recovery.ts';
import { recordSubrogation } from '../use-cases/record-subrogation.ts';
import { selectUmpire } from '../use-cases/select-umpire.ts';
import {
  appraisalJson,
  appraisalSchema,
  appraiserBody,
  awardBody,
  claimParam,
  demandBody,
  disputeParams,
  impairmentBody,
  recordedRecoverySchema,
  recoveryBody,
  recoveryViewJson,
  recoveryViewSchema,
  subrogationBody,
  umpireBody,
} from './recovery-schemas.ts';

/**
 * JSON API of "Claims Against Others" and "What Happens if You and We Disagree" (issue #4): the subrogation record
 * (JPF-SUBRO-1, JPF-COND-4), recoveries (JPF-SUBRO-2) and appraisal disputes (JPF-APPR-1). Routes validate, call
 * the use case and map its answer.
 */
export function registerRecoveryApi(app: TypedApp, deps: Deps): void {
  const security: Record<string, string[]>[] = [{ bearerToken: [] }, { sessionCookie: [] }];
  const recovery = { tags: ['Claims: recovery and subrogation'], security };
  const appraisal = { tags: ['Claims: appraisal disputes'], security };

  app.get(
    '/api/v1/claims/:id/recovery',
    {
      schema: {
        ...recovery,
        summary: 'The claim’s subrogation record, recoveries and net paid (anyone who reaches the claim)',
        params: claimParam,
        response: { 200: recoveryViewSchema, ...problemResponses },
      },
    },
    async (request) => recoveryViewJson(await readRecovery(deps, request.actor, request.params.id)),
  );
  app.put(
    '/api/v1/claims/:id/subrogation',
    {
      schema: {
        ...recovery,
        summary: 'Record the subrogation facts: third party (a bailee per JPF-COND-4), assignment, waiver (JPF-SUBRO-1; adjusters)',
        description:
          'Replaces the record (an impairment recorded separately stays). A waiver counts only in writing and dated before the loss; ' +
          'any other waiver is an impairment and blocks settlement. A date in the future, or an assignment before the loss, answers 400.',
        params: claimParam,
        body: subrogationBody,
        response: { 200: recoveryViewSchema, ...problemResponses },
      },
    },
    async (request) => recoveryViewJson(await recordSubrogation(deps, request.actor, request.params.id, request.body, originOf(request))),
  );
  app.post(
    '/api/v1/claims/:id/subrogation/impairment',
    {
      schema: {
        ...recovery,
        summary: 'Record that the insured impaired the insurer’s right to recover: settlement is blocked (JPF-SUBRO-1; adjusters)',
        params: claimParam,
        body: impairmentBody,
        response: { 200: recoveryViewSchema, ...problemResponses },
      },
    },
    async (request) => recoveryViewJson(await recordImpairment(deps, request.actor, request.params.id, request.body, originOf(request))),
  );
  app.post(
    '/api/v1/claims/:id/recoveries',
    {
      schema: {
        ...recovery,
        summary: 'Record a recovery (JPF-SUBRO-2): the insurer (adjusters) or the policyholder reports a found item or money recovered',
        description:
          'An item paid for becomes the insurer’s (title passes); found before payment it is withdrawn from the claim. The other side is ' +
          'notified by mail. A line not on the claim answers 422 `claim_item_unknown`, an item already found 409 `item_already_recovered`.',
        params: claimParam,
        body: recoveryBody,
        response: { 201: recordedRecoverySchema, ...problemResponses },
      },
    },
    async (request, reply) => {
      const recorded = await recordRecovery(deps, request.actor, request.params.id, request.body, originOf(request));
      return reply
        .status(201)
        .send({ ...recoveryViewJson(recorded.view), recoveryId: recorded.recovery.id, notified: recorded.notified, claimClosed: recorded.claimClosed });
    },
  );

  app.get(
    '/api/v1/claims/:id/appraisal',
    {
      schema: {
        ...appraisal,
        summary: 'The claim’s appraisal disputes with their deadlines, late namings, next step and award (anyone who reaches the claim)',
        params: claimParam,
        response: { 200: z.object({ items: z.array(appraisalSchema) }), ...problemResponses },
      },
    },
    async (request) => ({ items: (await readAppraisals(deps, request.actor, request.params.id)).disputes.map(appraisalJson) }),
  );
  app.post(
    '/api/v1/claims/:id/appraisal',
    {
      schema: {
        ...appraisal,
        summary: 'Record a written demand for appraisal (JPF-APPR-1; adjusters): appraisers due within 20 days, settlement blocked until the award',
        description: 'One open dispute per claim (409 `appraisal_already_demanded`); a denied, withdrawn or closed claim answers 409 `claim_not_appraisable`.',
        params: claimParam,
        body: demandBody,
        response: { 201: appraisalSchema, ...problemResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(appraisalJson(await demandAppraisal(deps, request.actor, request.params.id, request.body, originOf(request)))),
  );
  app.post(
    '/api/v1/claims/:id/appraisal/:did/appraisers',
    {
      schema: {
        ...appraisal,
        summary: 'Record a party’s appraiser (JPF-APPR-1; adjusters): after the 20 days it is recorded as late; both named start the umpire’s 15 days',
        params: disputeParams,
        body: appraiserBody,
        response: { 200: appraisalSchema, ...problemResponses },
      },
    },
    async (request) => appraisalJson(await nameAppraiser(deps, request.actor, request.params.id, request.params.did, request.body, originOf(request))),
  );
  app.post(
    '/api/v1/claims/:id/appraisal/:did/umpire',
    {
      schema: {
        ...appraisal,
        summary: 'Record the umpire, selected by the appraisers or — after the 15 days — by a judge (JPF-APPR-1; adjusters)',
        description: 'A judge’s selection within the 15 days answers 422 `judge_before_deadline`.',
        params: disputeParams,
        body: umpireBody,
        response: { 200: appraisalSchema, ...problemResponses },
      },
    },
    async (request) => appraisalJson(await selectUmpire(deps, request.actor, request.params.id, request.params.did, request.body, originOf(request))),
  );
  app.post(
    '/api/v1/claims/:id/appraisal/:did/award',
    {
      schema: {
        ...appraisal,
        summary: 'Record the written award: the three amounts listed separately, signed by any two of the three; costs split (JPF-APPR-1; adjusters)',
        description:
          'One signature answers 422 `award_needs_two_signatures`; a second award on the same dispute 409 `award_already_made`. ' +
          'The award closes the dispute’s deadlines and lifts the settlement block.',
        params: disputeParams,
        body: awardBody,
        response: { 200: appraisalSchema, ...problemResponses },
      },
    },
    async (request) => appraisalJson(await recordAward(deps, request.actor, request.params.id, request.params.did, request.body, originOf(request))),
  );
}
