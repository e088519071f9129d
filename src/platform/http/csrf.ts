import type { FastifyReply, FastifyRequest } from 'fastify';
import { constantTimeEqual, hmacBase64Url, randomToken } from '../crypto.ts';
import { problems } from './problem.ts';
import { CSRF_FIELD, CSRF_HEADER } from './request-context.ts';

/**
 * CSRF protection by a signed double-submit cookie (OWASP): each browser holds a random cookie,
 * and every form and cookie-authenticated call must send HMAC(app secret, cookie) back.
 * A cross-site page can make the browser send the cookie but can neither read it nor compute the HMAC.
 *
 * Checked on every unsafe request that a browser could send cross-site:
 *  - form bodies (urlencoded, multipart, text/plain) always, even without a session, which also
 *    stops login CSRF;
 *  - any request authenticated by the session cookie.
 * JSON calls with no cookies (bearer tokens, scripts) cannot be forged cross-site (a browser
 * would need a CORS preflight, which Bezel never grants), so they need no token.
 */
export const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function csrfCookieName(secure: boolean): string {
  return secure ? '__Host-bezel_csrf' : 'bezel_csrf';
}

export function csrfTokenFor(appSecret: string, cookieValue: string): string {
  return hmacBase64Url(appSecret, `csrf:${cookieValue}`);
}

/** Reads the browser's CSRF cookie, creating one when missing, and returns the token for forms. */
export function ensureCsrfToken(request: FastifyRequest, reply: FastifyReply, appSecret: string, secure: boolean): string {
  const name = csrfCookieName(secure);
  let cookieValue = request.cookies[name];
  if (!cookieValue || !/^[A-Za-z0-9_-]{43}$/.test(cookieValue)) {
    cookieValue = randomToken(32);
    reply.setCookie(name, cookieValue, { path: '/', httpOnly: true, sameSite: 'lax', secure });
    // Requests in this same round trip see the new cookie too.
    request.cookies[name] = cookieValue;
  }
  return csrfTokenFor(appSecret, cookieValue);
}

function isFormContent(request: FastifyRequest): boolean {
  const type = (request.headers['content-type'] ?? '').toLowerCase();
  return type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data') || type.startsWith('text/plain');
}

export function verifyCsrf(request: FastifyRequest, appSecret: string, secure: boolean): void {
  if (SAFE_METHODS.has(request.method)) return;
  const needsToken = isFormContent(request) || request.sessionTokenHash !== null;
  if (!needsToken) return;
  const cookieValue = request.cookies[csrfCookieName(secure)];
  const body = request.body as Record<string, unknown> | undefined;
  const sent = (request.headers[CSRF_HEADER] as string | undefined) ?? (typeof body?.[CSRF_FIELD] === 'string' ? (body[CSRF_FIELD] as string) : undefined);
  if (!cookieValue || !sent || !constantTimeEqual(sent, csrfTokenFor(appSecret, cookieValue))) {
    throw problems.csrfInvalid();
  }
}
