import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Locale, Role } from '../../../../platform/db/schema.ts';
import type { Deps } from '../../../../platform/deps.ts';
import { LANGUAGE_COOKIE } from '../../../../platform/http/cookies.ts';
import { formatInstant, type MessageKey } from '../../../../platform/i18n/index.ts';
import { PageHeading, Panel } from '../../../../platform/ui/components.tsx';
import { layoutPageSender, type PageOptions } from '../../../../platform/ui/page-support.tsx';
import { takeFlash } from './flash.ts';

/**
 * What the accounts pages share beyond platform/ui/page-support.tsx: the layout with the accounts'
 * one-time messages, notice pages, the language cookie and the names of roles.
 */

export { loginPathFor, type PageOptions, requirePageUser, safeLocalPath, translator } from '../../../../platform/ui/page-support.tsx';

export const sendLayoutPage = layoutPageSender(takeFlash);

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

export function formatTime(deps: Deps, locale: Locale, instant: string): string {
  return formatInstant(locale, instant, deps.config.insurerTimeZone);
}

const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;

/** The chosen language, for a year; it outranks the profile's language (see platform/http/app.ts). */
export function setLanguageCookie(reply: FastifyReply, deps: Deps, locale: Locale): void {
  reply.setCookie(LANGUAGE_COOKIE, locale, { path: '/', httpOnly: true, sameSite: 'lax', secure: deps.config.secureCookies, maxAge: ONE_YEAR_SECONDS });
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
