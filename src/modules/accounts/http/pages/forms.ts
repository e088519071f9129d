import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { PASSWORD_MAX_LENGTH } from '../../../../platform/auth/passwords.ts';
import type { Locale } from '../../../../platform/db/schema.ts';
import { AppError, type FieldProblem } from '../../../../platform/http/problem.ts';
import { catalogs, type MessageKey, translate } from '../../../../platform/i18n/index.ts';
import { isPlausibleEmail, normaliseEmail } from '../../domain/email-address.ts';

/**
 * Form handling for pages: a bad form is shown again with an error summary and messages at the
 * fields, in the user's language, never a 500. Zod checks the shape at the edge (issue messages are
 * message keys); the use cases check the rules and throw AppErrors, which land on the same form.
 */
export type FormError = { field: string; message: string };
export type FormValues = Record<string, string | undefined>;
export type FormState = { values: FormValues; errors: FormError[] };

export const EMPTY_FORM: FormState = { values: {}, errors: [] };

/** The message of a zod issue, as a message key checked by the compiler. */
export function says(key: MessageKey): { error: MessageKey } {
  return { error: key };
}

export const requiredText = (max: number) =>
  z.string(says('accounts.problem.required')).trim().min(1, says('accounts.problem.required')).max(max, says('accounts.problem.too_long'));

export const emailField = requiredText(254).refine((value) => isPlausibleEmail(normaliseEmail(value)), says('accounts.problem.invalid_email'));

/** Any non-empty text, untrimmed: the password at login and the repeated password. */
export const filledIn = z.string(says('accounts.problem.required')).min(1, says('accounts.problem.required'));

export const passwordField = z
  .string(says('accounts.problem.required'))
  .min(1, says('accounts.problem.required'))
  .max(PASSWORD_MAX_LENGTH, says('accounts.problem.password_too_long'));

export const localeField = z.enum(['en', 'nl'], says('error.field.invalid_value'));

/**
 * For forms where a new password is typed twice: the repeat must match. `when` has zod check it even
 * while other fields fail, so the person sees every message at once rather than one round at a time.
 */
export function requireMatchingPasswords<S extends z.ZodType<{ password: string; passwordConfirm: string }>>(schema: S): S {
  return schema.refine((form) => form.password === form.passwordConfirm, {
    path: ['passwordConfirm'],
    ...says('accounts.problem.passwords_differ'),
    when: () => true,
  });
}

/** Checkboxes post nothing, one value, or several: always a list here. */
export function checkboxes<T extends z.ZodType>(item: T, noneChosen: MessageKey) {
  return z.preprocess((value) => (value === undefined || value === '' ? [] : Array.isArray(value) ? value : [value]), z.array(item).min(1, says(noneChosen)));
}

export type Parsed<T> = { ok: true; data: T } | { ok: false; errors: FormError[] };

export function parseForm<S extends z.ZodType>(locale: Locale, schema: S, body: unknown): Parsed<z.output<S>> {
  const result = schema.safeParse(body ?? {});
  if (result.success) return { ok: true, data: result.data };
  const errors: FormError[] = [];
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? 'form');
    // One message per field, the first: that is what the person has to fix first.
    if (!errors.some((error) => error.field === field)) errors.push({ field, message: translate(locale, asMessageKey(issue.message)) });
  }
  return { ok: false, errors };
}

function asMessageKey(message: string): MessageKey {
  return Object.hasOwn(catalogs.en, message) ? (message as MessageKey) : 'error.field.invalid';
}

/** The text values of a posted form, to show again; passwords are never shown again (see Field). */
export function formValues(body: unknown, names: readonly string[]): FormValues {
  const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  return Object.fromEntries(names.map((name) => [name, typeof record[name] === 'string' ? (record[name] as string) : undefined]));
}

export function errorFor(errors: readonly FormError[], field: string): string | undefined {
  return errors.find((error) => error.field === field)?.message;
}

/** Values of a checkbox group as posted, to keep the boxes ticked when the form comes back. */
export function postedList(body: unknown, name: string): string[] {
  const value = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined;
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

export type Failure = { status: number; code: string; errors: FormError[] };

/** Failures that are not about the form: the platform's error page answers those (404, 403, …). */
const NOT_FORM_PROBLEMS = new Set(['not_found', 'forbidden', 'unauthenticated', 'session_expired', 'csrf_invalid']);

/**
 * Runs a use case; an expected failure (AppError) becomes the form's errors with its status, and
 * `Retry-After` when rate-limited. Anything else propagates to the error handler.
 */
export async function attempt<T>(
  locale: Locale,
  reply: FastifyReply,
  generalField: string,
  action: () => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; failure: Failure }> {
  try {
    return { ok: true, value: await action() };
  } catch (error) {
    if (!(error instanceof AppError) || NOT_FORM_PROBLEMS.has(error.code)) throw error;
    if (typeof error.extensions.retryAfter === 'number') reply.header('retry-after', String(error.extensions.retryAfter));
    return { ok: false, failure: failureOf(locale, error, generalField) };
  }
}

export function failureOf(locale: Locale, error: AppError, generalField: string): Failure {
  const problems = Array.isArray(error.extensions.errors) ? (error.extensions.errors as FieldProblem[]) : [];
  const errors: FormError[] = problems.map((problem) => ({
    // API-style names ('body.scopes') name the same field as the form ('scopes').
    field: problem.field.replace(/^body\./, ''),
    message: problem.messageKey ? translate(locale, problem.messageKey, problem.params) : (problem.message ?? translate(locale, 'error.field.invalid')),
  }));
  // "Some of the information is not valid" adds nothing to the field messages; other outcomes are said first.
  if (error.code !== 'validation_failed' || errors.length === 0)
    errors.unshift({ field: generalField, message: translate(locale, error.messageKey, error.params) });
  return { status: error.status, code: error.code, errors };
}

/**
 * The usual course of a form post: check the form, then run the use case with its data. Both kinds of
 * failure come back as one Failure, so the handler shows the form again in one place: a bad form with
 * 400 and its field messages, a refused use case with its own status and messages (see attempt).
 * On success `data` is the checked form, for what the handler does next.
 */
export async function submitForm<S extends z.ZodType, T>(
  request: FastifyRequest,
  reply: FastifyReply,
  schema: S,
  generalField: string,
  action: (data: z.output<S>) => Promise<T>,
): Promise<{ ok: true; data: z.output<S>; value: T } | { ok: false; failure: Failure }> {
  const parsed = parseForm(request.locale, schema, request.body);
  if (!parsed.ok) return { ok: false, failure: { status: 400, code: 'validation_failed', errors: parsed.errors } };
  const result = await attempt(request.locale, reply, generalField, () => action(parsed.data));
  return result.ok ? { ok: true, data: parsed.data, value: result.value } : result;
}
