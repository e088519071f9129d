import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ComponentChildren } from 'preact';
import { Temporal } from 'temporal-polyfill';
import type { z } from 'zod';
import { can, type Permission } from '../../../../platform/auth/access.ts';
import type { UserActor } from '../../../../platform/auth/actor.ts';
import type { Locale } from '../../../../platform/db/schema.ts';
import type { Deps } from '../../../../platform/deps.ts';
import { AppError, type FieldProblem, problems } from '../../../../platform/http/problem.ts';
import { catalogs, type MessageKey, type MessageParams, translate } from '../../../../platform/i18n/index.ts';
import { isUuid } from '../../../../platform/ids.ts';
import type { Money } from '../../../../platform/money.ts';
import { type Flash, Layout } from '../../../../platform/ui/layout.tsx';
import { sendPage } from '../../../../platform/ui/render.ts';
import { getApplication, getPolicy } from '../../use-cases/read-policies.ts';

/**
 * What the policies pages share, following the accounts pages (src/modules/accounts/http/pages):
 * the layout, the login gate, form parsing with messages in the user's language, use-case failures
 * shown on the form, and one-time messages after a redirect. Modules import each other only through
 * their index, so these few helpers are the policies module's own.
 */

export type FormError = { field: string; message: string };
export type FormValues = Record<string, string | undefined>;
export type Failure = { status: number; code: string; errors: FormError[] };

export function translator(locale: Locale): (key: MessageKey, params?: MessageParams) => string {
  return (key, params) => translate(locale, key, params);
}

export async function sendLayoutPage(
  deps: Deps,
  request: FastifyRequest,
  reply: FastifyReply,
  options: { title: string; status?: number; currentPath?: string },
  children: ComponentChildren,
): Promise<FastifyReply> {
  const flash = await takeFlash(deps, request, reply);
  return sendPage(
    reply,
    <Layout
      title={options.title}
      locale={request.locale}
      actor={request.actor}
      csrfToken={request.csrfToken}
      currentPath={options.currentPath ?? request.url}
      flash={flash}
    >
      {children}
    </Layout>,
    options.status,
  );
}

/** Anonymous visitors log in and come back; a user without the permission gets the 403 page. */
export function requirePageUser(request: FastifyRequest, reply: FastifyReply, permission: Permission, returnTo: string = request.url): UserActor | null {
  const actor = request.actor;
  if (actor.kind !== 'user') {
    const next = returnTo.startsWith('/') && !returnTo.startsWith('//') ? returnTo : '/';
    reply.redirect(`/login?next=${encodeURIComponent(next)}`, 303);
    return null;
  }
  if (!can(actor, permission)) throw problems.forbidden();
  return actor;
}

/** A record id from the path; anything that is not an id is simply not found. */
export function pathId(value: string): string {
  if (!isUuid(value)) throw problems.notFound();
  return value;
}

export function parseForm<S extends z.ZodType>(locale: Locale, schema: S, body: unknown): { ok: true; data: z.output<S> } | { ok: false; errors: FormError[] } {
  const result = schema.safeParse(body ?? {});
  if (result.success) return { ok: true, data: result.data };
  const errors: FormError[] = [];
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? 'form');
    if (!errors.some((error) => error.field === field)) errors.push({ field, message: translate(locale, asMessageKey(issue.message)) });
  }
  return { ok: false, errors };
}

function asMessageKey(message: string): MessageKey {
  return Object.hasOwn(catalogs.en, message) ? (message as MessageKey) : 'error.field.invalid';
}

export function formValues(body: unknown): FormValues {
  const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  return Object.fromEntries(Object.entries(record).map(([name, value]) => [name, typeof value === 'string' ? value : undefined]));
}

export function errorFor(errors: readonly FormError[], field: string): string | undefined {
  return errors.find((error) => error.field === field)?.message;
}

const NOT_FORM_PROBLEMS = new Set(['not_found', 'forbidden', 'unauthenticated', 'session_expired', 'csrf_invalid']);

/**
 * Runs a use case; an expected failure (AppError) becomes the form's errors with its status. API field
 * names ('body.items.0.category') become the form's names through `fieldName`.
 */
export async function attempt<T>(
  locale: Locale,
  generalField: string,
  action: () => Promise<T>,
  fieldName: (apiField: string) => string = (field) => field,
): Promise<{ ok: true; value: T } | { ok: false; failure: Failure }> {
  try {
    return { ok: true, value: await action() };
  } catch (error) {
    if (!(error instanceof AppError) || NOT_FORM_PROBLEMS.has(error.code)) throw error;
    const fieldProblems = Array.isArray(error.extensions.errors) ? (error.extensions.errors as FieldProblem[]) : [];
    const errors: FormError[] = [];
    for (const problem of fieldProblems) {
      const field = fieldName(problem.field.replace(/^body\.?/, ''));
      if (errors.some((known) => known.field === field)) continue;
      const message = problem.messageKey
        ? translate(locale, problem.messageKey, problem.params)
        : (problem.message ?? translate(locale, 'error.field.invalid'));
      errors.push({ field, message });
    }
    if (!['validation_failed', 'application_invalid', 'not_ratable'].includes(error.code) || errors.length === 0)
      errors.unshift({ field: generalField, message: translate(locale, error.messageKey, error.params) });
    return { ok: false, failure: { status: error.status, code: error.code, errors } };
  }
}

/** Money in the reader's language: "$82.11", "US$ 82,11". */
export function formatMoney(locale: Locale, money: Money | { amount: string; currency: string }): string {
  const json = 'toJSON' in money ? money.toJSON() : money;
  const format = new Intl.NumberFormat(locale === 'nl' ? 'nl-NL' : 'en-US', { style: 'currency', currency: json.currency });
  // Intl.NumberFormat formats a decimal string exactly (ECMA-402 "Intl.NumberFormat v3").
  return format.format(json.amount as unknown as number);
}

export function formatDate(locale: Locale, date: string): string {
  return Temporal.PlainDate.from(date).toLocaleString(locale === 'nl' ? 'nl-NL' : 'en-US', { dateStyle: 'long' });
}

/**
 * One-time messages after a redirect, as in the accounts pages: the cookie holds only a key and the id
 * of the record it is about; the record is read again within the reader's access when it is shown.
 */
const FLASH_COOKIE = 'bezel_policy_flash';
const FLASHES = { bound: 'policy', decided: 'application' } as const;
type FlashKey = keyof typeof FLASHES;

function cookieOptions(deps: Deps) {
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: deps.config.secureCookies };
}

export function setFlash(reply: FastifyReply, deps: Deps, key: FlashKey, subjectId: string): void {
  reply.setCookie(FLASH_COOKIE, `${key}~${subjectId}`, { ...cookieOptions(deps), maxAge: 60 });
}

async function takeFlash(deps: Deps, request: FastifyRequest, reply: FastifyReply): Promise<Flash | undefined> {
  const raw = request.cookies[FLASH_COOKIE];
  if (raw === undefined) return undefined;
  reply.clearCookie(FLASH_COOKIE, cookieOptions(deps));
  const [key, subjectId, ...rest] = raw.split('~');
  if (rest.length > 0 || key === undefined || !Object.hasOwn(FLASHES, key) || subjectId === undefined || !isUuid(subjectId)) return undefined;
  try {
    if ((key as FlashKey) === 'bound') {
      const policy = await getPolicy(deps, request.actor, subjectId);
      return { kind: 'success', message: translate(request.locale, 'policy_pages.flash.bound', { policyNumber: policy.policyNumber }) };
    }
    const application = await getApplication(deps, request.actor, subjectId);
    return { kind: 'success', message: translate(request.locale, 'policy_pages.flash.decided', { name: application.namedInsureds.join(', ') }) };
  } catch (error) {
    if (error instanceof AppError) return undefined;
    throw error;
  }
}
