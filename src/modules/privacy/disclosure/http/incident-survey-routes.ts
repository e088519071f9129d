import { z } from 'zod';
import type { Deps } from '../../../../platform/deps.ts';
import type { TypedApp } from '../../../../platform/http/app.ts';
import { originOf } from '../../../../platform/http/origin.ts';
import { problemResponses, uuidParam } from '../../../../platform/http/schemas.ts';
import { closeIncident, listIncidents, readIncident, recordIncident } from '../use-cases/incidents.ts';
import { answerSurvey, createSurvey, inviteToSurvey, readSurveyResults, readSurveys } from '../use-cases/surveys.ts';
import {
  closeIncidentBody,
  incidentBody,
  incidentQuery,
  incidentSchema,
  invitationsBody,
  surveyAnswerBody,
  surveyBody,
  surveyResultsSchema,
  surveySchema,
} from './api-schemas.ts';

/** The incident register (PRV-FRAUD-1) and surveys (PRV-SURVEY-1). */
export function registerIncidentAndSurveyRoutes(app: TypedApp, deps: Deps): void {
  const security: Record<string, string[]>[] = [{ bearerToken: [] }, { sessionCookie: [] }];
  const incidents = { tags: ['Incidents'], security };
  const surveys = { tags: ['Privacy'], security };

  app.get(
    '/api/v1/incidents',
    {
      schema: {
        ...incidents,
        summary: 'PRV-FRAUD-1: the incident register (underwriters, billing, admins; anyone else 404)',
        querystring: incidentQuery,
        response: { 200: z.object({ items: z.array(incidentSchema) }), ...problemResponses },
      },
    },
    async (request) => ({ items: await listIncidents(deps, request.actor, request.query, originOf(request)) }),
  );
  app.post(
    '/api/v1/incidents',
    {
      schema: {
        ...incidents,
        summary: 'Record an incident (non-payment, suspected fraud) about a person or a policy',
        body: incidentBody,
        response: { 201: incidentSchema, ...problemResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await recordIncident(deps, request.actor, request.body, originOf(request))),
  );
  app.get(
    '/api/v1/incidents/:id',
    { schema: { ...incidents, summary: 'One incident (the read is audited)', params: uuidParam, response: { 200: incidentSchema, ...problemResponses } } },
    async (request) => readIncident(deps, request.actor, request.params.id, originOf(request)),
  );
  app.post(
    '/api/v1/incidents/:id/close',
    {
      schema: {
        ...incidents,
        summary: 'Close an incident with a note',
        params: uuidParam,
        body: closeIncidentBody,
        response: { 200: incidentSchema, ...problemResponses },
      },
    },
    async (request) => closeIncident(deps, request.actor, request.params.id, request.body.note, originOf(request)),
  );

  app.get(
    '/api/v1/privacy/surveys',
    {
      schema: { ...surveys, summary: 'PRV-SURVEY-1: satisfaction surveys', response: { 200: z.object({ items: z.array(surveySchema) }), ...problemResponses } },
    },
    async (request) => ({ items: await readSurveys(deps, request.actor) }),
  );
  app.post(
    '/api/v1/privacy/surveys',
    { schema: { ...surveys, summary: 'Create a survey: questions rated 1 to 5', body: surveyBody, response: { 201: surveySchema, ...problemResponses } } },
    async (request, reply) => reply.status(201).send(await createSurvey(deps, request.actor, request.body, originOf(request))),
  );
  app.post(
    '/api/v1/privacy/surveys/:id/invitations',
    {
      schema: {
        ...surveys,
        summary: 'Invite people by mail (through the outbox), one random single-use link each',
        params: uuidParam,
        body: invitationsBody,
        response: { 200: z.object({ invited: z.number().int(), skipped: z.number().int() }), ...problemResponses },
      },
    },
    async (request) => inviteToSurvey(deps, request.actor, request.params.id, request.body, originOf(request)),
  );
  app.get(
    '/api/v1/privacy/surveys/:id/results',
    {
      schema: {
        ...surveys,
        summary: 'Anonymous results: counts and average ratings',
        params: uuidParam,
        response: { 200: surveyResultsSchema, ...problemResponses },
      },
    },
    async (request) => readSurveyResults(deps, request.actor, request.params.id),
  );
  app.post(
    '/api/v1/survey-answers',
    {
      schema: {
        tags: ['Privacy'],
        summary: 'PRV-SURVEY-1: answer a survey with the link’s token; stored without any link to the person',
        body: surveyAnswerBody,
        response: { 204: z.null(), ...problemResponses },
      },
    },
    async (request, reply) => {
      await answerSurvey(deps, request.body.token, request.body.ratings);
      return reply.status(204).send(null);
    },
  );
}
