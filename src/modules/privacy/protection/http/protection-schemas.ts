import { z } from 'zod';
import { instantText } from '../../../../platform/http/schemas.ts';

/** API schemas of privacy protection: call recordings (PRV-REC-1) and inbound messages (PRV-CHILD-1). */
const purpose = z.enum(['training', 'verify_agreement']).describe('PRV-REC-1: why the call was recorded');
const phone = z
  .string()
  .trim()
  .regex(/^\+?[0-9 ().-]{6,30}$/, 'expected a phone number')
  .describe('Stored encrypted, with a blind index for lookups (PRV-SEC-1)');

export const callRecordingBody = z
  .object({
    callerUserId: z.uuid().nullish(),
    callerPhone: phone,
    staffUserId: z.uuid().nullish(),
    purpose,
    recordedAt: instantText,
    durationSeconds: z.number().int().min(1).max(86_400),
    mediaType: z.enum(['audio/mpeg', 'audio/wav', 'audio/ogg', 'audio/webm']),
    recording: z.string().min(4).max(7_000_000).describe('The audio, base64 (at most 5 MB decoded); stored encrypted'),
  })
  .strict();

export const callRecordingSchema = z.object({
  id: z.uuid(),
  callerUserId: z.uuid().nullable(),
  callerPhone: z.string(),
  staffUserId: z.uuid().nullable(),
  purpose,
  recordedAt: z.string(),
  durationSeconds: z.number().int(),
  mediaType: z.string(),
  retentionEndsAt: z.string().describe('PRV-RET-1: recorded_at + 180 days; the retention purge deletes it then'),
});

export const callRecordingQuery = z
  .object({ callerPhone: phone.optional(), callerUserId: z.uuid().optional() })
  .strict()
  .refine((query) => query.callerPhone !== undefined || query.callerUserId !== undefined, { message: 'give callerPhone or callerUserId' });

export const inboundMessageBody = z
  .object({
    channel: z.enum(['email', 'web_form', 'mail', 'phone']),
    senderUserId: z.uuid().nullish(),
    senderName: z.string().trim().max(200).nullish(),
    senderContact: z.string().trim().max(320).nullish(),
    subject: z.string().trim().max(500).nullish(),
    body: z.string().min(1).max(100_000),
    receivedAt: instantText,
  })
  .strict();

export const inboundMessageSchema = z.object({ id: z.uuid(), channel: z.string(), receivedAt: z.string() });
export const deletedMessageSchema = z.object({ id: z.uuid(), deletedAt: z.string() });
