import type { MessageKey, MessageParams } from '../i18n/index.ts';

/**
 * An expected failure that reaches the client as an RFC 9457 problem response, with a stable
 * `code` for programs and a `detail` translated into the user's language.
 * Business outcomes ("outside the 30-day window") are returned values, not AppErrors; AppError is
 * for requests that cannot be carried out as sent.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly messageKey: MessageKey,
    readonly params: MessageParams = {},
    /** Extra members of the problem object, e.g. `errors` for field-level validation problems. */
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(code);
    this.name = 'AppError';
  }
}

/** One problem with one field; `message` is filled in the user's language when the problem is sent. */
export type FieldProblem = { field: string; code: string; messageKey?: MessageKey; params?: MessageParams; message?: string };

export const problems = {
  notFound: () => new AppError(404, 'not_found', 'error.not_found'),
  unauthenticated: () => new AppError(401, 'unauthenticated', 'error.unauthenticated'),
  sessionExpired: () => new AppError(401, 'session_expired', 'error.session_expired'),
  forbidden: () => new AppError(403, 'forbidden', 'error.forbidden'),
  csrfInvalid: () => new AppError(403, 'csrf_invalid', 'error.csrf_invalid'),
  rateLimited: (retryAfterSeconds: number) =>
    new AppError(429, 'rate_limited', 'error.rate_limited', { seconds: retryAfterSeconds }, { retryAfter: retryAfterSeconds }),
  conflict: (code = 'conflict', messageKey: MessageKey = 'error.conflict', params: MessageParams = {}) => new AppError(409, code, messageKey, params),
  validation: (errors: FieldProblem[]) => new AppError(400, 'validation_failed', 'error.validation_failed', {}, { errors }),
  idempotencyKeyReused: () => new AppError(422, 'idempotency_key_reused', 'error.idempotency_key_reused'),
  idempotencyKeyInvalid: () => new AppError(400, 'idempotency_key_invalid', 'error.idempotency_key_invalid'),
};
