import { z } from 'zod';
import type { Deps } from '../../../../platform/deps.ts';
import type { HttpModule, TypedApp } from '../../../../platform/http/app.ts';
import { originOf } from '../../../../platform/http/origin.ts';
import { problemResponses, uuidParam } from '../../../../platform/http/schemas.ts';
import { addProcessorAgreement } from '../use-cases/add-processor-agreement.ts';
import { authorisePartner, readMyPartnerAuthorisations, revokePartnerAuthorisation } from '../use-cases/partner-authorisations.ts';
import { listDisclosuresForOfficer, listMyDisclosures } from '../use-cases/read-disclosures.ts';
import { readRecipient, readRecipients } from '../use-cases/read-recipients.ts';
import { recordDisclosureByOfficer } from '../use-cases/record-disclosure.ts';
import { registerRecipient } from '../use-cases/register-recipient.ts';
import { retireRecipient } from '../use-cases/retire-recipient.ts';
import {
  agreementBody,
  authorisationSchema,
  authoriseBody,
  disclosureBody,
  disclosureSchema,
  recipientBody,
  recipientQuery,
  recipientSchema,
} from './api-schemas.ts';
import { registerIncidentAndSurveyRoutes } from './incident-survey-routes.ts';
import { registerStaffReadAudit } from './staff-read-routes.ts';

/** JSON API of recipients, processor agreements, the disclosure log and partner authorisations (PRV-DISC-1/3, PRV-PROC-1). */
export const privacyDisclosureApi: HttpModule = {
  name: 'privacy-disclosure-api',
  register(app: TypedApp, deps: Deps) {
    const security: Record<string, string[]>[] = [{ bearerToken: [] }, { sessionCookie: [] }];
    const privacy = { tags: ['Privacy'], security };

    app.get(
      '/api/v1/privacy/recipients',
      {
        schema: {
          ...privacy,
          summary: 'PRV-DISC-3: the recipient registry, with processor agreements (privacy officers, admins, auditors)',
          querystring: recipientQuery,
          response: { 200: z.object({ items: z.array(recipientSchema) }), ...problemResponses },
        },
      },
      async (request) => ({ items: await readRecipients(deps, request.actor, request.query) }),
    );
    app.post(
      '/api/v1/privacy/recipients',
      {
        schema: {
          ...privacy,
          summary: 'Add a recipient to the registry (privacy officers, admins)',
          body: recipientBody,
          response: { 201: recipientSchema, ...problemResponses },
        },
      },
      async (request, reply) => {
        const recipient = await registerRecipient(deps, request.actor, request.body, originOf(request));
        return reply.status(201).send(await readRecipient(deps, request.actor, recipient.id));
      },
    );
    app.get(
      '/api/v1/privacy/recipients/:id',
      {
        schema: {
          ...privacy,
          summary: 'One recipient with its processor agreements',
          params: uuidParam,
          response: { 200: recipientSchema, ...problemResponses },
        },
      },
      async (request) => readRecipient(deps, request.actor, request.params.id),
    );
    app.post(
      '/api/v1/privacy/recipients/:id/agreements',
      {
        schema: {
          ...privacy,
          summary: 'PRV-PROC-1: record a processor agreement (service providers only) with its signing date and end date',
          params: uuidParam,
          body: agreementBody,
          response: { 201: recipientSchema, ...problemResponses },
        },
      },
      async (request, reply) => {
        await addProcessorAgreement(deps, request.actor, request.params.id, request.body, originOf(request));
        return reply.status(201).send(await readRecipient(deps, request.actor, request.params.id));
      },
    );
    app.post(
      '/api/v1/privacy/recipients/:id/retire',
      {
        schema: {
          ...privacy,
          summary: 'Retire a recipient: it stays in the registry with its disclosures but receives nothing from now on',
          params: uuidParam,
          response: { 200: recipientSchema, ...problemResponses },
        },
      },
      async (request) => {
        await retireRecipient(deps, request.actor, request.params.id, originOf(request));
        return readRecipient(deps, request.actor, request.params.id);
      },
    );
    app.post(
      '/api/v1/privacy/disclosures',
      {
        schema: {
          ...privacy,
          summary: 'PRV-DISC-3: log a disclosure made by hand (e.g. to a regulator) with recipient, categories and basis',
          description:
            'PRV-DISC-1: a basis that is not allowed (there is none for a sale) answers 422 `disclosure_basis_not_allowed`; a processor without a current agreement 422 `disclosure_no_processor_agreement`; a partner the customer did not authorise 422 `disclosure_partner_not_authorised`. Each refusal is audited.',
          body: disclosureBody,
          response: { 201: disclosureSchema, ...problemResponses },
        },
      },
      async (request, reply) => reply.status(201).send(await recordDisclosureByOfficer(deps, request.actor, request.body, originOf(request))),
    );
    app.get(
      '/api/v1/privacy/people/:id/disclosures',
      {
        schema: {
          ...privacy,
          summary: 'The disclosures made about one person (privacy officers; the read is audited with its purpose, PRV-DISC-2)',
          params: uuidParam,
          response: { 200: z.object({ items: z.array(disclosureSchema) }), ...problemResponses },
        },
      },
      async (request) => ({ items: await listDisclosuresForOfficer(deps, request.actor, request.params.id, originOf(request)) }),
    );
    app.get(
      '/api/v1/me/disclosures',
      {
        schema: {
          ...privacy,
          summary: 'The disclosures made about me',
          response: { 200: z.object({ items: z.array(disclosureSchema) }), ...problemResponses },
        },
      },
      async (request) => ({ items: await listMyDisclosures(deps, request.actor) }),
    );
    app.get(
      '/api/v1/me/partner-authorisations',
      {
        schema: {
          ...privacy,
          summary: 'PRV-DISC-3: the partners I may authorise and my authorisations',
          response: {
            200: z.object({
              partners: z.array(z.object({ id: z.uuid(), name: z.string(), description: z.string().nullable() })),
              authorisations: z.array(authorisationSchema),
            }),
            ...problemResponses,
          },
        },
      },
      async (request) => readMyPartnerAuthorisations(deps, request.actor),
    );
    app.post(
      '/api/v1/me/partner-authorisations',
      {
        schema: {
          ...privacy,
          summary: 'Authorise a partner to see my claim status',
          body: authoriseBody,
          response: { 201: authorisationSchema, ...problemResponses },
        },
      },
      async (request, reply) => reply.status(201).send(await authorisePartner(deps, request.actor, request.body.recipientId, originOf(request))),
    );
    app.post(
      '/api/v1/me/partner-authorisations/:id/revoke',
      {
        schema: { ...privacy, summary: 'Withdraw an authorisation; it stops at once', params: uuidParam, response: { 204: z.null(), ...problemResponses } },
      },
      async (request, reply) => {
        await revokePartnerAuthorisation(deps, request.actor, request.params.id, originOf(request));
        return reply.status(204).send(null);
      },
    );
    registerIncidentAndSurveyRoutes(app, deps);
    // PRV-DISC-2: every staff read of a person's data, on every route, is audited with its purpose.
    registerStaffReadAudit(app, deps);
  },
};
