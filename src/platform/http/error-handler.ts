import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import type { Locale } from '../db/schema.ts';
import { type MessageKey, translate } from '../i18n/index.ts';
import { AppError, type FieldProblem } from './problem.ts';

/**
 * Every failure leaves as an RFC 9457 problem (application/problem+json) with a stable `code`, a
 * `detail` in the user's language and the request id; never a stack trace (issue #2, point 8 and
 * "Bad input"). Browser pages get an HTML error page instead, rendered by `renderHtmlError`.
 */
export type HtmlErrorRenderer = (request: FastifyRequest, reply: FastifyReply, status: number, code: string, detail: string) => string;

export function wantsHtml(request: FastifyRequest): boolean {
  if (request.url.startsWith('/api/')) return false;
  const accept = request.headers.accept ?? '';
  return accept.includes('text/html');
}

type ProblemBody = {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  instance: string;
  requestId: string;
  [extension: string]: unknown;
};

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

function problemBody(
  request: FastifyRequest,
  status: number,
  code: string,
  messageKey: MessageKey,
  params: Record<string, string | number>,
  extensions: Record<string, unknown> = {},
): ProblemBody {
  return {
    type: `https://bezel.dev/problems/${code}`,
    title: TITLES[status] ?? 'Error',
    status,
    code,
    detail: translate(request.locale ?? 'en', messageKey, params),
    instance: request.url.split('?')[0] ?? request.url,
    requestId: String(request.id),
    ...translateFieldProblems(request.locale ?? 'en', extensions),
  };
}

export function sendProblem(request: FastifyRequest, reply: FastifyReply, error: AppError, renderHtml?: HtmlErrorRenderer): FastifyReply {
  const body = problemBody(request, error.status, error.code, error.messageKey, error.params, error.extensions);
  if (typeof error.extensions.retryAfter === 'number') reply.header('retry-after', String(error.extensions.retryAfter));
  if (renderHtml && wantsHtml(request)) {
    return reply
      .status(error.status)
      .type('text/html; charset=utf-8')
      .send(renderHtml(request, reply, error.status, error.code, body.detail));
  }
  return reply.status(error.status).type('application/problem+json').send(body);
}

const ZOD_CODES = new Set(['invalid_type', 'too_small', 'too_big', 'invalid_format', 'invalid_value', 'unrecognized_keys']);

function validationProblems(error: FastifyError): FieldProblem[] {
  if (!hasZodFastifySchemaValidationErrors(error)) return [];
  const where = error.validationContext ?? 'body';
  return error.validation.map((issue) => {
    const path = issue.instancePath.replace(/^\//, '').replaceAll('/', '.');
    // The zod issue, minus path/code/message, arrives as params; its code as the keyword.
    const details = issue.params as { keys?: string[] };
    const code = issue.keyword;
    const missing = code === 'invalid_type' && /received undefined$/.test(issue.message ?? '');
    return {
      field: [where, path].filter(Boolean).join('.'),
      code: missing ? 'required' : code,
      messageKey: missing ? 'error.field.required' : ZOD_CODES.has(code) ? (`error.field.${code}` as MessageKey) : 'error.field.invalid',
      params: { keys: (details.keys ?? []).join(', ') },
    };
  });
}

/** Field problems leave with their message in the user's language; the key itself stays internal. */
function translateFieldProblems(locale: Locale, extensions: Record<string, unknown>): Record<string, unknown> {
  if (!Array.isArray(extensions.errors)) return extensions;
  const errors = (extensions.errors as FieldProblem[]).map(({ messageKey, params, message, ...rest }) => ({
    ...rest,
    message: messageKey ? translate(locale, messageKey, params) : (message ?? translate(locale, 'error.field.invalid')),
  }));
  return { ...extensions, errors };
}

/** Maps framework and unexpected errors to problems; AppErrors pass through as they are. */
export function toAppError(error: unknown): AppError | null {
  if (error instanceof AppError) return error;
  const fastifyError = error as FastifyError;
  if (hasZodFastifySchemaValidationErrors(fastifyError)) {
    return new AppError(400, 'validation_failed', 'error.validation_failed', {}, { errors: validationProblems(fastifyError) });
  }
  switch (fastifyError.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError(400, 'malformed_json', 'error.malformed_json');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError(413, 'payload_too_large', 'error.payload_too_large');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new AppError(415, 'unsupported_media_type', 'error.unsupported_media_type');
    case 'FST_ERR_VALIDATION':
      return new AppError(
        400,
        'validation_failed',
        'error.validation_failed',
        {},
        { errors: [{ field: 'request', code: 'invalid', messageKey: 'error.field.invalid' }] },
      );
  }
  if (fastifyError.statusCode === 400 && fastifyError.name === 'SyntaxError') return new AppError(400, 'malformed_json', 'error.malformed_json');
  if (fastifyError.statusCode === 413) return new AppError(413, 'payload_too_large', 'error.payload_too_large');
  if (fastifyError.statusCode === 415) return new AppError(415, 'unsupported_media_type', 'error.unsupported_media_type');
  return null;
}

export function installErrorHandlers(app: FastifyInstance, renderHtml?: HtmlErrorRenderer): void {
  app.setErrorHandler((error, request, reply) => {
    const known = toAppError(error);
    if (known) {
      if (known.status >= 500) request.log.error({ err: error }, 'request failed');
      return sendProblem(request, reply, known, renderHtml);
    }
    if (isResponseSerializationError(error)) request.log.error({ err: error }, 'response did not match its schema');
    else request.log.error({ err: error }, 'unexpected error');
    return sendProblem(request, reply, new AppError(500, 'internal', 'error.internal', { requestId: String(request.id) }), renderHtml);
  });
  app.setNotFoundHandler((request, reply) => sendProblem(request, reply, new AppError(404, 'not_found', 'error.not_found'), renderHtml));
}
