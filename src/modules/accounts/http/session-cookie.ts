import type { FastifyReply } from 'fastify';
import type { Deps } from '../../../platform/deps.ts';
import { sessionCookieName } from '../../../platform/http/cookies.ts';

/**
 * The session cookie: HttpOnly (no script reads it), SameSite=Lax (not sent on cross-site
 * posts), Secure and __Host- prefixed under HTTPS; it lives as long as the session row.
 */
export function setSessionCookie(reply: FastifyReply, deps: Deps, token: string): void {
  reply.setCookie(sessionCookieName(deps.config.secureCookies), token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: deps.config.secureCookies,
    maxAge: deps.config.sessionTtlHours * 3600,
  });
}

export function clearSessionCookie(reply: FastifyReply, deps: Deps): void {
  reply.clearCookie(sessionCookieName(deps.config.secureCookies), { path: '/', httpOnly: true, sameSite: 'lax', secure: deps.config.secureCookies });
}
