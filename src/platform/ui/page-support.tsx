import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ComponentChildren } from 'preact';
import { can, type Permission } from '../auth/access.ts';
import type { UserActor } from '../auth/actor.ts';
import type { Locale } from '../db/schema.ts';
import type { Deps } from '../deps.ts';
import { problems } from '../http/problem.ts';
import { type MessageKey, type MessageParams, translate } from '../i18n/index.ts';
import { type Flash, Layout } from './layout.tsx';
import { sendPage } from './render.ts';

/**
 * What every module's server-rendered pages share: the layout around a page, the login gate and
 * safe redirects. Pages work without JavaScript (DESIGN §3 "UI"). Which one-time messages exist is
 * each module's own business, so the module passes in how to read its flash (see flash.ts).
 */

export type PageOptions = {
  title: string;
  status?: number;
  /** The GET address of this page; pages rendered in answer to a POST pass their GET page here. */
  currentPath?: string;
  /** A message for this rendering only (e.g. an error not tied to a field); otherwise the flash cookie is read. */
  flash?: Flash;
};

/** Sends `children` inside the layout; `readFlash` is only called when no flash is given, as it clears the cookie. */
export async function sendLayoutPage(
  request: FastifyRequest,
  reply: FastifyReply,
  options: PageOptions,
  children: ComponentChildren,
  readFlash: () => Promise<Flash | undefined>,
): Promise<FastifyReply> {
  const flash = options.flash ?? (await readFlash());
  return sendPage(
    reply,
    <Layout
      title={options.title}
      locale={request.locale}
      actor={request.actor}
      csrfToken={request.csrfToken}
      currentPath={options.currentPath ?? request.url}
      flash={flash}
      slots={request.pageSlots}
    >
      {children}
    </Layout>,
    options.status,
  );
}

/** How a module reads (and clears) its own one-time message; see flash.ts. */
export type FlashReader = (deps: Deps, request: FastifyRequest, reply: FastifyReply) => Promise<Flash | undefined>;

/** A module's `sendLayoutPage(deps, request, reply, options, children)`, showing that module's flash messages. */
export function layoutPageSender(readFlash: FlashReader) {
  return (deps: Deps, request: FastifyRequest, reply: FastifyReply, options: PageOptions, children: ComponentChildren): Promise<FastifyReply> =>
    sendLayoutPage(request, reply, options, children, () => readFlash(deps, request, reply));
}

/** A translator bound to the request's language. */
export function translator(locale: Locale): (key: MessageKey, params?: MessageParams) => string {
  return (key, params) => translate(locale, key, params);
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
