import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Locale } from '../db/schema.ts';
import { AppError, type FieldProblem } from '../http/problem.ts';
import { catalogs, type MessageKey, translate } from '../i18n/index.ts';

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

/**
 * The text values of a posted form, to show again: only `names` when given (so a password field,
 * left out, is never shown again), otherwise every text value.
 */
export function formValues(body: unknown, names?: readonly string[]): FormValues {
  const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const fields = names ?? Object.keys(record);
  return Object.fromEntries(fields.map((name) => [name, typeof record[name] === 'string' ? (record[name] as string) : undefined]));
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

export type FailureOptions = {
  /** The form's name for an API field name (already without 'body.'), e.g. 'items.0.category' → 'item1Category'. */
  fieldName?: (apiField: string) => string;
  /**
   * Codes whose general message ("Some of the information is not valid") adds nothing to the field
   * messages, so it is left out when there are field messages; other outcomes are said first.
   */
  fieldCodes?: readonly string[];
};

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
  options: FailureOptions = {},
): Promise<{ ok: true; value: T } | { ok: false; failure: Failure }> {
  try {
    return { ok: true, value: await action() };
  } catch (error) {
    if (!(error instanceof AppError) || NOT_FORM_PROBLEMS.has(error.code)) throw error;
    if (typeof error.extensions.retryAfter === 'number') reply.header('retry-after', String(error.extensions.retryAfter));
    return { ok: false, failure: failureOf(locale, error, generalField, options) };
  }
}

export function failureOf(locale: Locale, error: AppError, generalField: string, options: FailureOptions = {}): Failure {
  const { fieldName = (field: string) => field, fieldCodes = ['validation_failed'] } = options;
  const fieldProblems = Array.isArray(error.extensions.errors) ? (error.extensions.errors as FieldProblem[]) : [];
  const errors: FormError[] = [];
  for (const problem of fieldProblems) {
    // API-style names ('body.scopes') name the same field as the form ('scopes').
    const field = fieldName(problem.field.replace(/^body(\.|$)/, ''));
    // As in parseForm: one message per field, the first.
    if (errors.some((known) => known.field === field)) continue;
    const message = problem.messageKey ? translate(locale, problem.messageKey, problem.params) : (problem.message ?? translate(locale, 'error.field.invalid'));
    errors.push({ field, message });
  }
  if (!fieldCodes.includes(error.code) || errors.length === 0)
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
  options: FailureOptions = {},
): Promise<{ ok: true; data: z.output<S>; value: T } | { ok: false; failure: Failure }> {
  const parsed = parseForm(request.locale, schema, request.body);
  if (!parsed.ok) return { ok: false, failure: { status: 400, code: 'validation_failed', errors: parsed.errors } };
  const result = await attempt(request.locale, reply, generalField, () => action(parsed.data), options);
  return result.ok ? { ok: true, data: parsed.data, value: result.value } : result;
}
