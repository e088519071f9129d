import { z } from 'zod';

/** Shared pieces of API schemas. Bodies are strict: an unknown field is a 400, not silently dropped. */
export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string().describe('Stable error code for programs'),
    detail: z.string().describe("Explanation in the caller's language"),
    instance: z.string(),
    requestId: z.string(),
    errors: z.array(z.object({ field: z.string(), code: z.string(), message: z.string() })).optional(),
  })
  .describe('RFC 9457 problem details');

export const uuidParam = z.object({ id: z.uuid() }).strict();

export const instantText = z.iso.datetime({ offset: true }).describe('ISO 8601 instant');

export const problemResponses = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  409: problemSchema,
  422: problemSchema,
  429: problemSchema,
} as const;

/** Documents the Idempotency-Key header on POSTs that create things; other headers pass through. */
export const idempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .regex(/^[\x21-\x7e]{1,200}$/)
    .optional()
    .describe('Retrying with the same key and body returns the first response; a different body with the same key is 422.'),
});
