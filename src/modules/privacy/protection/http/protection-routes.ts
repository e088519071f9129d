import { z } from 'zod';
import type { Deps } from '../../../../platform/deps.ts';
import type { HttpModule, TypedApp } from '../../../../platform/http/app.ts';
import { originOf } from '../../../../platform/http/origin.ts';
import { problemResponses, uuidParam } from '../../../../platform/http/schemas.ts';
import { listCallRecordings, readCallRecordingAudio, registerCallRecording } from '../use-cases/call-recordings.ts';
import { deleteMessageFromChild, registerInboundMessage } from '../use-cases/inbound-messages.ts';
import {
  callRecordingBody,
  callRecordingQuery,
  callRecordingSchema,
  deletedMessageSchema,
  inboundMessageBody,
  inboundMessageSchema,
} from './protection-schemas.ts';

/** JSON API of privacy protection for privacy officers and admins (PRV-REC-1, PRV-CHILD-1). */
export const privacyProtectionApi: HttpModule = {
  name: 'privacy-protection-api',
  register(app: TypedApp, deps: Deps) {
    const security: Record<string, string[]>[] = [{ bearerToken: [] }, { sessionCookie: [] }];
    const tags = { tags: ['Privacy'], security };

    app.post(
      '/api/v1/privacy/call-recordings',
      {
        // The audio arrives base64 in JSON: up to 5 MB of audio needs more than the default 1 MB body.
        bodyLimit: 7_340_032,
        schema: {
          ...tags,
          summary: 'Register a call recording (PRV-REC-1; privacy officers and admins)',
          description:
            'The audio and the caller’s number are stored encrypted (PRV-SEC-1). Kept 180 days from `recordedAt` (PRV-RET-1): a recording already older is refused with 422 `recording_past_retention`.',
          body: callRecordingBody,
          response: { 201: callRecordingSchema, ...problemResponses },
        },
      },
      async (request, reply) => reply.status(201).send(await registerCallRecording(deps, request.actor, request.body, originOf(request))),
    );
    app.get(
      '/api/v1/privacy/call-recordings',
      {
        schema: {
          ...tags,
          summary: 'A caller’s call recordings, by phone number or user (audited)',
          querystring: callRecordingQuery,
          response: { 200: z.object({ items: z.array(callRecordingSchema) }), ...problemResponses },
        },
      },
      async (request) => ({ items: await listCallRecordings(deps, request.actor, request.query, originOf(request)) }),
    );
    app.get(
      '/api/v1/privacy/call-recordings/:id/audio',
      {
        schema: {
          ...tags,
          summary: 'The decrypted audio of a call recording (audited)',
          params: uuidParam,
          response: { 200: z.any().describe('The audio in its media type (binary)'), ...problemResponses },
        },
      },
      async (request, reply) => {
        const { mediaType, audio } = await readCallRecordingAudio(deps, request.actor, request.params.id, originOf(request));
        return reply.type(mediaType).header('cache-control', 'private, no-store').send(audio);
      },
    );
    app.post(
      '/api/v1/privacy/inbound-messages',
      {
        schema: {
          ...tags,
          summary: 'Register a message received by mail, phone, email or web form',
          body: inboundMessageBody,
          response: { 201: inboundMessageSchema, ...problemResponses },
        },
      },
      async (request, reply) => reply.status(201).send(await registerInboundMessage(deps, request.actor, request.body, originOf(request))),
    );
    app.post(
      '/api/v1/privacy/inbound-messages/:id/flag-child',
      {
        schema: {
          ...tags,
          summary: 'Flag a message as from a child: it is deleted at once and the deletion audited (PRV-CHILD-1)',
          params: uuidParam,
          response: { 200: deletedMessageSchema, ...problemResponses },
        },
      },
      async (request) => deleteMessageFromChild(deps, request.actor, request.params.id, originOf(request)),
    );
  },
};
