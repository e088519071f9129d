import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ComponentChildren } from 'preact';
import { can, type Permission } from '../../../../platform/auth/access.ts';
import type { UserActor } from '../../../../platform/auth/actor.ts';
import type { Locale, Role } from '../../../../platform/db/schema.ts';
import type { Deps } from '../../../../platform/deps.ts';
import { LANGUAGE_COOKIE } from '../../../../platform/http/cookies.ts';
import { problems } from '../../../../platform/http/problem.ts';
import { formatInstant, type MessageKey, type MessageParams, translate } from '../../../../platform/i18n/index.ts';
import { PageHeading, Panel } from '../../../../platform/ui/components.tsx';
import { type Flash, Layout } from '../../../../platform/ui/layout.tsx';
import { sendPage } from '../../../../platform/ui/render.ts';
import { takeFlash } from './flash.ts';

/**
 * What every accounts page shares: the layout around it, the login gate, safe redirects and the
 * names of roles. Pages are server-rendered and work without JavaScript (DESIGN §3 "UI").
 */

export type PageOptions = {
  title: string;
  status?: number;
  /** The GET address of this page; pages rendered in answer to a POST pass their GET page here. */
  currentPath?: string;
  /** A message for this rendering only (e.g. an error not tied to a field); otherwise the flash cookie is read. */
  flash?: Flash;
};

export async function sendLayoutPage(
  deps: Deps,
  request: FastifyRequest,
  reply: FastifyReply,
  options: PageOptions,
  children: ComponentChildren,
): Promise<FastifyReply> {
  const flash = options.flash ?? (await takeFlash(deps, request, reply));
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

/**
 * A page that only reports that a form went through ("check your email"): the title as its heading
 * and the message in a success panel. Such pages answer a POST, so `currentPath` names the form's page.
 */
export function sendNoticePage(deps: Deps, request: FastifyRequest, reply: FastifyReply, options: PageOptions, message: string): Promise<FastifyReply> {
  return sendLayoutPage(
    deps,
    request,
    reply,
    options,
    <>
      <PageHeading title={options.title} />
      <Panel kind="success">
        <p>{message}</p>
      </Panel>
    </>,
  );
}

/** A translator bound to the request's language. */
export function translator(locale: Locale): (key: MessageKey, params?: MessageParams) => string {
  return (key, params) => translate(locale, key, params);
}

export function formatTime(deps: Deps, locale: Locale, instant: string): string {
  return formatInstant(locale, instant, deps.config.insurerTimeZone);
}

/**
 * Only a path on this site may be a redirect target (`?next=`, `returnTo`), never another site.
 * '//evil.example' and '/\evil.example' are read by browsers as another host, and browsers drop
 * tabs and newlines inside URLs, so '/\t/evil.example' would become '//evil.example': any
 * whitespace, control character or backslash makes the path unsafe.
 */
export function safeLocalPath(value: unknown): string | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > 2000) return null;
  if (!value.startsWith('/') || value.startsWith('//')) return null;
  for (const character of value) {
    const code = character.codePointAt(0) ?? 0;
    if (code <= 0x20 || code === 0x7f || character === '\\') return null;
  }
  return value;
}

const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;

/** The chosen language, for a year; it outranks the profile's language (see platform/http/app.ts). */
export function setLanguageCookie(reply: FastifyReply, deps: Deps, locale: Locale): void {
  reply.setCookie(LANGUAGE_COOKIE, locale, { path: '/', httpOnly: true, sameSite: 'lax', secure: deps.config.secureCookies, maxAge: ONE_YEAR_SECONDS });
}

export function loginPathFor(next: string): string {
  return `/login?next=${encodeURIComponent(next)}`;
}

/**
 * The login gate of a page: anonymous visitors are sent to log in and come back to `returnTo`;
 * a logged-in user without the permission gets the 403 page. Returns null when it redirected.
 */
export function requirePageUser(request: FastifyRequest, reply: FastifyReply, permission: Permission, returnTo: string = request.url): UserActor | null {
  const actor = request.actor;
  if (actor.kind !== 'user') {
    reply.redirect(loginPathFor(safeLocalPath(returnTo) ?? '/'), 303);
    return null;
  }
  if (!can(actor, permission)) throw problems.forbidden();
  return actor;
}

export const ROLE_LABELS: Record<Role, MessageKey> = {
  customer: 'role.customer',
  agent: 'role.agent',
  jeweler: 'role.jeweler',
  partner: 'role.partner',
  underwriter: 'role.underwriter',
  adjuster: 'role.adjuster',
  billing: 'role.billing',
  privacy_officer: 'role.privacy_officer',
  secretary: 'role.secretary',
  admin: 'role.admin',
  auditor: 'role.auditor',
};
